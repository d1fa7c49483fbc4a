"""The code stays ruff-clean, ruff-formatted and type-checks: a style slip or a wrong type fails the
same command as a broken feature."""

import subprocess

from .conftest import ROOT, bin_path


def test_ruff_is_clean():
    done = subprocess.run([bin_path("ruff"), "check", str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:]


def test_ruff_format_is_clean():
    done = subprocess.run([bin_path("ruff"), "format", "--check", str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + " (run `ruff format .`)"


def test_mypy_is_clean():
    # With no arguments mypy checks what pyproject.toml's [tool.mypy] names: both packages.
    done = subprocess.run([bin_path("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
