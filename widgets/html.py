"""The one way the views build HTML: literal templates, with every value put into them escaped.

`html(template, ...)` is markupsafe's `Markup.format`: each value is escaped unless it is already
Markup (made here, or by `markdown_html` from an author's Markdown with any raw HTML escaped). The
views hand ipywidgets only `style.SafeHTML` widgets, which refuse anything but Markup, and a test
refuses an f-string of HTML or a plain `HTML` widget anywhere in the package. So learner data, kept data
and author text cannot reach a page unescaped by accident: the escape is made by construction.
"""

from __future__ import annotations

from collections.abc import Iterable

import mistune
from markupsafe import Markup

_markdown = mistune.create_markdown(escape=True)


def html(template: str, *values, **named) -> Markup:
    """``template`` (the view's own literal HTML) with each value escaped unless it is Markup."""
    return Markup(template).format(*values, **named)  # noqa: S704 - the one place: templates are the views' literals


def join(parts: Iterable[Markup], separator: str = "") -> Markup:
    return Markup(separator).join(parts)  # noqa: S704 - the separator is the caller's literal


def markdown_html(text: str) -> Markup:
    """An author's Markdown as HTML; raw HTML in it is escaped, never interpreted."""
    # mistune types the result for any renderer (a token list when there is none); the HTML one gives text.
    return Markup(_markdown(text).strip())  # type: ignore[union-attr]  # noqa: S704 - mistune escapes (escape=True)
