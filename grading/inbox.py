"""Read a folder or a zip of hand-ins within limits: hand-ins are untrusted, and one crafted archive
must not take the trainer's machine down or reach files outside the inbox.

Entries are listed without reading them, and a file is read only when it is needed, in chunks, and
only up to its limits: size per file, total size per inbox, number of files, compression ratio (a
"zip bomb" holds gigabytes in a few megabytes). A path that leaves the archive ('..', absolute) and
a link in a folder are refused. Each refusal is a reason the report names; the rest of the class
is graded. The limits are `c.Intake.max_*` in nbgrader_config.py.
"""

from __future__ import annotations

import datetime
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO

CHUNK = 1 << 20
MB = 1_000_000
# Small entries may compress very well (a notebook of repeated output); the ratio counts beyond this.
RATIO_ALLOWANCE = 1 << 20


class Refused(Exception):
    """A hand-in that is not taken in; the message says why, for the trainer."""


@dataclass(frozen=True)
class Limits:
    max_file_mb: float
    max_total_mb: float
    max_files: int
    max_ratio: float


@dataclass
class Entry:
    """One file in the inbox: where it is, when it was made, and how to read it."""

    path: str
    time: datetime.datetime
    compressed: int  # bytes stored in the zip (0 for a folder: no ratio to check)
    opener: Callable[[], IO[bytes]]
    refusal: str = ""  # set when the entry is refused before it is read (its path, its kind)


def _reader(path: Path) -> Callable[[], IO[bytes]]:
    """Opens ``path`` for reading when called, not before."""
    return lambda: path.open("rb")


def unsafe_path(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return name.startswith(("/", "\\")) or ".." in path.parts or "\0" in name or ":" in path.parts[0]


class Inbox:
    """A folder or zip of hand-ins, read within ``limits``; use as a context manager."""

    def __init__(self, path: Path, limits: Limits, ignored: Callable[[str], bool]) -> None:
        self.path, self.limits, self.ignored = path, limits, ignored
        self.read_so_far = 0
        self.archive: zipfile.ZipFile | None = None
        self.too_many = 0  # files beyond max_files, refused without being listed one by one

    def __enter__(self) -> Inbox:
        if zipfile.is_zipfile(self.path):
            self.archive = zipfile.ZipFile(self.path)
        return self

    def __exit__(self, *exc) -> None:
        if self.archive:
            self.archive.close()

    def entries(self) -> Iterator[Entry]:
        """Every file, at most ``max_files`` of them; none is read yet."""
        listed = 0
        for entry in self._all():
            listed += 1
            if listed > self.limits.max_files:
                self.too_many += 1
                continue
            yield entry

    def _all(self) -> Iterator[Entry]:
        if archive := self.archive:
            for info in archive.infolist():
                unsafe = unsafe_path(info.filename)  # before the ignore list, which skips names like '..'
                if not unsafe and (info.is_dir() or self.ignored(info.filename)):
                    continue
                entry = Entry(
                    info.filename,
                    datetime.datetime(*info.date_time, tzinfo=datetime.UTC),
                    info.compress_size,
                    partial(archive.open, info),
                )
                if unsafe:
                    entry.refusal = "its path leaves the archive ('..' or an absolute path): refused"
                yield entry
            return
        found = []
        for root, dirs, files in os.walk(self.path):  # never follows a link to a folder
            found += [Path(root, name) for name in files + [d for d in dirs if Path(root, d).is_symlink()]]
        for path in sorted(found):
            relative = path.relative_to(self.path).as_posix()
            if self.ignored(relative):
                continue
            stat = path.lstat()
            entry = Entry(relative, datetime.datetime.fromtimestamp(stat.st_mtime, tz=datetime.UTC), 0, _reader(path))
            if path.is_symlink() or not path.is_file():
                entry.refusal = "it is a link or a special file, not a plain file: refused (links are not followed)"
            yield entry

    def read(self, entry: Entry) -> bytes:
        """The entry's bytes, read in chunks and stopped at the first limit it passes."""
        if entry.refusal:
            raise Refused(entry.refusal)
        limits = self.limits
        most = int(limits.max_file_mb * MB)
        ratio_cap = max(limits.max_ratio * entry.compressed, RATIO_ALLOWANCE) if entry.compressed else None
        left = int(limits.max_total_mb * MB) - self.read_so_far
        chunks, size = [], 0
        with entry.opener() as handle:
            while chunk := handle.read(CHUNK):
                size += len(chunk)
                if size > most:
                    raise Refused(f"it is larger than c.Intake.max_file_mb ({limits.max_file_mb:g} MB): refused")
                if ratio_cap is not None and size > ratio_cap:
                    raise Refused(
                        f"it unpacks to more than {limits.max_ratio:g} times its packed size "
                        "(c.Intake.max_ratio), as a zip bomb does: refused"
                    )
                if size > left:
                    raise Refused(
                        f"the inbox passed c.Intake.max_total_mb ({limits.max_total_mb:g} MB) before this file: refused"
                    )
                chunks.append(chunk)
        self.read_so_far += size
        return b"".join(chunks)
