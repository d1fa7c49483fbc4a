"""Make what a learner wrote inert before anyone else's browser renders it.

Formgrader shows a submission in the trainer's own JupyterLab origin, so a script in a learner's
answer would act as the trainer; nbgrader renders markdown and HTML outputs as they are. This
preprocessor runs once, in `Autograde.autograde_preprocessors` right after execution (outputs exist
by then) and before anything is saved, so the autograded notebook, formgrader and feedback only
ever hold the inert copy. The learner's original stays untouched in `submitted/`.

- Markdown and raw cells that are not the course's own locked cells are rendered to HTML, cleaned
  with bleach against a short allowlist (no scripts, event handlers, images, frames or styles;
  links only to http, https and mailto), and stored as one block of HTML on one line, which every
  Markdown renderer passes through unchanged. Disallowed tags are shown as text, so the learner's words stay readable.
- Code cell outputs keep plain text and PNG/JPEG images; HTML output is cleaned the same way;
  every other kind (SVG, JavaScript, Markdown, LaTeX, widgets) is removed, with a note.
"""

from __future__ import annotations

from bleach.sanitizer import Cleaner
from nbconvert.filters.markdown import markdown2html
from nbgrader.preprocessors import NbGraderPreprocessor

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "del",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "abbr": ["title"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
}
SAFE_OUTPUT_TYPES = frozenset({"text/plain", "image/png", "image/jpeg"})
# MathJax would otherwise typeset (and link) TeX inside the learner's text on formgrader's page.
WRAPPER = '<div class="cop-learner-text tex2jax_ignore mathjax_ignore">{}</div>'
REMOVED_NOTE = "[Output of type {kinds} removed before grading: only text and images are shown to graders.]"
MARKER = "cop-learner-text"

_cleaner = Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols={"http", "https", "mailto"},
    strip=False,
    strip_comments=True,
)


def inert_html(html: str) -> str:
    """``html`` cleaned against the allowlist: anything else is escaped and shows as text."""
    return _cleaner.clean(html)


def inert_markdown(markdown: str) -> str:
    """The learner's Markdown as cleaned HTML on one line, wrapped so that renderers pass it through."""
    cleaned = inert_html(markdown2html(markdown)).strip()
    return WRAPPER.format(cleaned.replace("\r", "").replace("\n", "&#10;"))


def is_inert(source: str) -> bool:
    """Already made inert by this preprocessor (grading the same notebook twice changes nothing)."""
    return source.startswith(WRAPPER.split("{}")[0]) and "\n" not in source


def course_text(cell) -> bool:
    """A locked cell of the release. OverwriteCells (a sanitize step, run earlier) has put its source
    back from the gradebook and dropped any grade id the gradebook does not know, so a learner cannot
    pass their own cell off as one by writing `locked` into its metadata."""
    nbgrader = cell.metadata.get("nbgrader", {})
    return bool(nbgrader.get("locked") and nbgrader.get("grade_id"))


class MakeLearnerContentInert(NbGraderPreprocessor):
    """Configured in `Autograde.autograde_preprocessors` after execution (see module docstring).

    An nbgrader preprocessor, not a plain nbconvert one: nbconvert's are disabled until told
    otherwise, and nbgrader registers its list without enabling them, so a plain one would be
    listed and silently skipped."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type in ("markdown", "raw"):
            if not course_text(cell) and not is_inert(cell.source):
                cell.source = inert_markdown(cell.source)
            cell.pop("attachments", None)
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.output_type in ("display_data", "execute_result"):
                    self._clean_data(output)
        return cell, resources

    def _clean_data(self, output) -> None:
        data = output.get("data", {})
        removed = sorted(kind for kind in data if kind not in SAFE_OUTPUT_TYPES and kind != "text/html")
        for kind in removed:
            del data[kind]
        if "text/html" in data:
            html = data["text/html"]
            data["text/html"] = inert_html("".join(html) if isinstance(html, list) else html)
        if removed and "text/plain" not in data:
            data["text/plain"] = REMOVED_NOTE.format(kinds=", ".join(removed))
        output["metadata"] = {k: v for k, v in output.get("metadata", {}).items() if k in SAFE_OUTPUT_TYPES}
