"""The course bibliography (modules/sources.yaml): every cited source once, by key."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from .schema_check import check
from .yaml_reader import read_yaml


@dataclass(frozen=True)
class Source:
    """A citable source: enough to find it again (title, publisher, year, address)."""

    key: str
    title: str
    publisher: str
    year: int
    url: str
    licence: str = ""
    checked: str = ""

    def citation(self) -> str:
        """One-line reference in the course's citation form (see docs/authoring.md)."""
        return f"{self.title}. {self.publisher}, {self.year}. {self.url}"


def source_html(source: Source) -> str:
    """The reference as HTML, its address a link that says it opens a new tab."""
    text = html.escape(f"{source.title}. {source.publisher}, {source.year}.")
    url = html.escape(source.url, quote=True)
    return f'{text} <a href="{url}" target="_blank" rel="noopener">{url}</a> (opens in a new tab)'


def load_bibliography(path: Path) -> dict[str, Source]:
    """Read and check the bibliography; a bad entry raises CourseDataError naming it."""
    data = read_yaml(path)
    check("sources", data, path)
    return {key: Source(key=key, **entry) for key, entry in data.items()}
