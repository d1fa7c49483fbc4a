"""Reporting routes on screen: grouped by country, each with the date its address was checked."""

from __future__ import annotations

import ipywidgets as w

from . import data_files
from .routes import RouteList
from .style import style_widget
from .text import markdown_html, plain


def routes_html(routes: RouteList) -> str:
    parts = [f"<h4>{plain(routes.title)}</h4>", markdown_html(routes.intro)]
    for country in routes.countries():
        rows = "".join(
            f"<tr><th scope=\"row\">{plain(r.name)}</th><td>{plain(r.who_for)}</td><td>{plain(r.how)}</td>"
            f'<td><a href="{plain(r.url)}" target="_blank" rel="noopener">{plain(r.url)}</a></td>'
            f"<td>{r.checked.isoformat()}</td></tr>"
            for r in routes.routes if r.country == country
        )
        parts.append(f"<h5>{plain(country)}</h5><table><thead><tr><th scope=\"col\">Route</th>"
                     "<th scope=\"col\">For</th><th scope=\"col\">How</th><th scope=\"col\">Address</th>"
                     f"<th scope=\"col\">Checked</th></tr></thead><tbody>{rows}</tbody></table>")
    parts.append("<p>Routes change: if a date above is more than a year old, check the address before "
                 "you rely on it. Your setting's own procedure and local law come first.</p>")
    return "".join(parts)


def show_reporting_routes() -> w.VBox:
    """Show ``modules/reporting_routes.yaml``."""
    box = w.VBox([style_widget(), w.HTML(routes_html(data_files.reporting_routes()))])
    box.add_class("cop-element")
    box.add_class("cop-routes")
    return box
