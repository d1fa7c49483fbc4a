"""Author text to safe HTML: simple Markdown from data files, with any raw HTML shown as text."""

from __future__ import annotations

import html

import mistune

_markdown = mistune.create_markdown(escape=True)


def markdown_html(text: str) -> str:
    """Render an author's Markdown; raw HTML in it is escaped, never interpreted."""
    return _markdown(text).strip()


def plain(text: str) -> str:
    """Escape text for use inside HTML."""
    return html.escape(text, quote=True)
