"""The code stays ruff-clean: a style slip fails the same command as a broken feature."""

import subprocess

from .conftest import ROOT, bin_path


def test_ruff_is_clean():
    done = subprocess.run([bin_path("ruff"), "check", str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:]
