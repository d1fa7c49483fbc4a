"""Reporting routes on screen: grouped by country, each with the date its address was checked."""

from __future__ import annotations

import ipywidgets as w
from markupsafe import Markup

from . import data_files
from .html import html, join, markdown_html
from .routes import RouteList
from .style import style_widget, widget


def routes_html(routes: RouteList) -> Markup:
    parts = [html("<h4>{}</h4>{}", routes.title, markdown_html(routes.intro))]
    for country in routes.countries():
        rows = join(
            html(
                '<tr><th scope="row">{}</th><td>{}</td><td>{}</td>'
                '<td><a href="{url}" target="_blank" rel="noopener">{url}</a></td><td>{}</td></tr>',
                r.name,
                r.who_for,
                r.how,
                r.checked.isoformat(),
                url=r.url,
            )
            for r in routes.routes
            if r.country == country
        )
        parts.append(
            html(
                '<h5>{}</h5><table><thead><tr><th scope="col">Route</th><th scope="col">For</th>'
                '<th scope="col">How</th><th scope="col">Address</th><th scope="col">Checked</th></tr>'
                "</thead><tbody>{}</tbody></table>",
                country,
                rows,
            )
        )
    parts.append(
        html(
            "<p>Routes change: if a date above is more than a year old, check the address before "
            "you rely on it. Your setting's own procedure and local law come first.</p>"
        )
    )
    return join(parts)


def show_reporting_routes() -> w.VBox:
    """Show ``modules/reporting_routes.yaml``."""
    box = w.VBox([style_widget(), widget(routes_html(data_files.reporting_routes()))])
    box.add_class("cop-element")
    box.add_class("cop-routes")
    return box
