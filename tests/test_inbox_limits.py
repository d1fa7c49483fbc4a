"""Hand-in archives and folders are read within limits: an oversized file, a zip bomb, thousands of
files, a path that leaves the archive and a link are each refused with a reason, memory stays
bounded, and every other file is still read."""

from __future__ import annotations

import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from cop_grading.inbox import MB, Inbox, Limits, Refused
from cop_grading.intake import ignored

LIMITS = Limits(max_file_mb=2, max_total_mb=5, max_files=50, max_ratio=50)


def make_zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def read_all(path: Path, limits: Limits = LIMITS) -> tuple[dict[str, bytes | str], int]:
    """name -> bytes read, or the refusal's reason; and how many files were refused for their number."""
    found: dict[str, bytes | str] = {}
    with Inbox(path, limits, ignored) as inbox:  # intake's own ignore list (hidden files, __MACOSX)
        for entry in inbox.entries():
            try:
                found[entry.path] = inbox.read(entry)
            except Refused as refusal:
                found[entry.path] = str(refusal)
        return found, inbox.too_many


def test_a_file_over_the_size_limit_is_refused_and_the_rest_read(tmp_path):
    random_bytes = os.urandom(3 * MB)  # does not compress: only the size limit applies
    found, _ = read_all(make_zip(tmp_path / "in.zip", {"a/big.ipynb": random_bytes, "b/ok.ipynb": b"{}"}))
    assert "larger than c.Intake.max_file_mb (2 MB)" in found["a/big.ipynb"]
    assert found["b/ok.ipynb"] == b"{}"


def test_a_zip_bomb_is_refused_while_memory_stays_bounded(tmp_path):
    bomb = make_zip(tmp_path / "bomb.zip", {"x/bomb.ipynb": bytes(40 * MB), "y/ok.ipynb": b"{}"})
    assert bomb.stat().st_size < MB
    tracemalloc.start()
    found, _ = read_all(bomb, Limits(max_file_mb=100, max_total_mb=1000, max_files=50, max_ratio=50))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "zip bomb" in found["x/bomb.ipynb"] and found["y/ok.ipynb"] == b"{}"
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MB while refusing a 40 MB entry"


def test_thousands_of_files_beyond_the_limit_are_refused_by_count(tmp_path):
    found, too_many = read_all(make_zip(tmp_path / "many.zip", {f"l{i}/n.ipynb": b"{}" for i in range(2000)}))
    assert len(found) == 50 and too_many == 1950


def test_the_total_limit_refuses_files_read_after_it(tmp_path):
    files = {f"l{i}/n.ipynb": os.urandom(int(1.5 * MB)) for i in range(5)}
    found, _ = read_all(make_zip(tmp_path / "total.zip", files))
    refused = [name for name, value in found.items() if isinstance(value, str)]
    assert len(refused) == 2 and all("c.Intake.max_total_mb (5 MB)" in found[name] for name in refused)


@pytest.mark.parametrize("name", ["../../evil.ipynb", "/etc/evil.ipynb", "a/../../evil.ipynb", "..\\evil.ipynb"])
def test_a_path_that_leaves_the_archive_is_refused(tmp_path, name):
    archive = tmp_path / "escape.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr(zipfile.ZipInfo(name), b"{}")
        handle.writestr("ok/n.ipynb", b"{}")
    found, _ = read_all(archive)
    assert "leaves the archive" in found[name] and found["ok/n.ipynb"] == b"{}"


def test_a_link_in_a_folder_is_refused_not_followed(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "ana").mkdir(parents=True)
    (inbox / "ana" / "n.ipynb").write_bytes(b"{}")
    secret = tmp_path / "secret.txt"
    secret.write_text("not yours")
    (inbox / "ben").mkdir()
    (inbox / "ben" / "n.ipynb").symlink_to(secret)
    (inbox / "cai").symlink_to(tmp_path, target_is_directory=True)
    found, _ = read_all(inbox)
    assert found["ana/n.ipynb"] == b"{}"
    assert "link" in found["ben/n.ipynb"] and "link" in found["cai"]
    assert not any(name.startswith("cai/") for name in found), "a linked folder is never walked"
