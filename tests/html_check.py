"""What in a piece of HTML could run, load or send, as a browser would parse it (for the tests of
untrusted content: text that merely shows a tag, escaped, is fine)."""

from __future__ import annotations

from html.parser import HTMLParser


class Elements(HTMLParser):
    """Every element a browser would build from the HTML: (tag, attributes)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


LIVE_TAGS = {"script", "img", "svg", "iframe", "style", "form", "button", "object", "embed", "link", "meta"}


def live_parts(html: str) -> list[str]:
    """What in ``html`` could run, load or send: live tags, event handlers, styles, script links."""
    problems = []
    for tag, attrs in Elements(html).found:
        if tag in LIVE_TAGS:
            problems.append(f"<{tag}>")
        problems += [f"{tag} {name}" for name in attrs if name.startswith("on") or name == "style"]
        if (attrs.get("href") or "").strip().lower().startswith(("javascript", "data", "vbscript")):
            problems.append(f"{tag} href={attrs['href']}")
    return problems
