"""The browser store's own logic (per-user keys on a shared origin, setting aside data that may be
someone else's) under node's test runner; the views that use it are tested in Chromium."""

import shutil
import subprocess

from .conftest import ROOT, need_system


def test_store_logic_in_node(tmp_path):
    node = shutil.which("node")
    need_system(node is not None, "Node.js (node)")
    shutil.copy(ROOT / "widgets" / "store.js", tmp_path / "store.mjs")
    shutil.copy(ROOT / "tests" / "js" / "store.test.mjs", tmp_path / "store.test.mjs")
    done = subprocess.run([node, "--test", "store.test.mjs"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# pass 6" in done.stdout and "# fail 0" in done.stdout
