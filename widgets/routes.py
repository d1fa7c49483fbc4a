"""Reporting routes kept as data, each with the date it was checked, so they can be kept current.

Routes differ by country; the view groups them by country and always says to follow local policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import CourseDataError
from .graph import check_sources
from .schema_check import check
from .yaml_reader import read_yaml


@dataclass(frozen=True)
class Route:
    name: str
    country: str
    who_for: str
    how: str
    url: str
    checked: date
    source: str


@dataclass(frozen=True)
class RouteList:
    title: str
    intro: str
    routes: tuple[Route, ...]
    path: Path | None = None

    def countries(self) -> list[str]:
        return list(dict.fromkeys(r.country for r in self.routes))


def load_routes(path: Path, known_sources: set[str] | None = None) -> RouteList:
    data = read_yaml(path)
    check("routes", data, path)
    routes = []
    for index, r in enumerate(data["routes"]):
        try:
            checked = date.fromisoformat(r["checked"])
        except ValueError:
            raise CourseDataError(path, f"routes[{index}].checked", f"'{r['checked']}' is not a real date") from None
        routes.append(Route(r["name"], r["country"], r["for"], r["how"], r["url"], checked, r["source"]))
    check_sources(path, [r.source for r in routes], known_sources)
    return RouteList(data["title"], data["intro"], tuple(routes), path)
