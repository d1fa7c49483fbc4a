"""The course bibliography (modules/sources.yaml): every cited source once, by key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .html import html, join
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


def source_html(source: Source) -> Markup:
    """The reference as HTML, its address a link that says it opens a new tab."""
    return html(
        '{}. {}, {}. <a href="{url}" target="_blank" rel="noopener">{url}</a> (opens in a new tab)',
        source.title,
        source.publisher,
        source.year,
        url=source.url,
    )


def source_list(keys, sources: dict[str, Source]) -> Markup:
    return html("<ul>{}</ul>", join(html("<li>{}</li>", source_html(sources[k])) for k in keys))


def sources_html(keys, sources: dict[str, Source]) -> Markup:
    """An element's "Sources:" list, or nothing when it cites none."""
    return html("<p>Sources:</p>{}", source_list(keys, sources)) if keys else Markup("")


def load_bibliography(path: Path) -> dict[str, Source]:
    """Read and check the bibliography; a bad entry raises CourseDataError naming it."""
    data = read_yaml(path)
    check("sources", data, path)
    return {key: Source(key=key, **entry) for key, entry in data.items()}
