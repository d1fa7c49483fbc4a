"""The one boundary that makes learners' text and outputs inert: every hostile form is defused, the
learner's words stay readable, and the course's own locked cells (mark schemes among them) are left
exactly as they are."""

from __future__ import annotations

import pytest
from nbconvert.filters.markdown import markdown2html
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from cop_grading.untrusted import MARKER, MakeLearnerContentInert, inert_markdown

from .html_check import live_parts

SCRIPT = "alert(1)"
HOSTILE_MARKDOWN = [
    f"<img src=x onerror={SCRIPT}>",
    f"<svg onload={SCRIPT}></svg>",
    f"<script>{SCRIPT}</script>",
    f'<iframe srcdoc="<script>{SCRIPT}</script>"></iframe>',
    f'<a href="javascript:{SCRIPT}">x</a>',
    f"[x](javascript:{SCRIPT})",
    f"[x](JaVaScRiPt:{SCRIPT})",
    f"[x](java&#115;cript:{SCRIPT})",
    f"<javascript:{SCRIPT}>",
    f"[x][r]\n\n[r]: javascript:{SCRIPT}",
    f"<details open ontoggle={SCRIPT}>d</details>",
    f'<form action="https://example.org"><button formaction="javascript:{SCRIPT}">b</button></form>',
    '<style>body { background: url("https://example.org/track") }</style>',
    "![t](https://example.org/track.png)",
    f'<div style="background:url(javascript:{SCRIPT})">s</div>',
    f"```\n</code></pre><img src=x onerror={SCRIPT}>\n```",
]


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_hostile_markdown_renders_inert(text):
    rendered = markdown2html(inert_markdown("Before. " + text))  # as formgrader and feedback render it
    assert live_parts(rendered) == [], rendered
    assert "Before." in rendered


def test_the_check_itself_sees_live_html():
    assert live_parts(markdown2html(HOSTILE_MARKDOWN[0])) == ["<img>", "img onerror"]


def test_the_learners_words_and_formatting_stay_readable():
    text = "I would **listen** first.\n\n- thank her\n- tell the designated person today\n\nThen `record` it."
    rendered = markdown2html(inert_markdown(text))
    assert "<strong>listen</strong>" in rendered and "<li>thank her</li>" in rendered
    assert "<code>record</code>" in rendered and MARKER in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in markdown2html(inert_markdown("<img src=x onerror=alert(1)>")), (
        "a tag that is not allowed is shown as text, not dropped"
    )


def notebook():
    locked = new_markdown_cell("## Task\n\n=== BEGIN MARK SCHEME ===\n<b>criteria</b>\n=== END MARK SCHEME ===")
    locked.metadata["nbgrader"] = {"locked": True, "grade_id": "task_q5", "task": True}
    forged = new_markdown_cell(f"<img src=x onerror={SCRIPT}>")
    forged.metadata["nbgrader"] = {"locked": True}  # a learner's own cell claiming to be locked
    answer = new_markdown_cell(f"My answer <script>{SCRIPT}</script>")
    code = new_code_cell("display(Page())")
    code.outputs = [
        new_output(
            "display_data",
            data={
                "text/html": f"<b>ok</b><img src=x onerror={SCRIPT}>",
                "image/svg+xml": f"<svg onload={SCRIPT}/>",
                "application/javascript": SCRIPT,
                "text/markdown": "md",
                "text/plain": "plain words",
            },
        ),
        new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"}}),
        new_output("stream", name="stdout", text="<img src=x onerror=alert(1)>"),
    ]
    return new_notebook(cells=[locked, forged, answer, code])


def test_the_preprocessor_cleans_learner_cells_and_outputs_only():
    nb, _ = MakeLearnerContentInert()(notebook(), {})  # called as nbgrader calls it, so it must be enabled
    locked, forged, answer, code = nb.cells
    assert "=== BEGIN MARK SCHEME ===\n<b>criteria</b>" in locked.source, "the course's own cells are left alone"
    assert forged.source.startswith("<div") and live_parts(markdown2html(forged.source)) == []
    assert "My answer" in answer.source and "<script" not in answer.source
    rich, widget, stream = code.outputs
    assert set(rich.data) == {"text/html", "text/plain"} and live_parts(rich.data["text/html"]) == []
    assert "<b>ok</b>" in rich.data["text/html"]
    assert widget.data == {
        "text/plain": "[Output of type application/vnd.jupyter.widget-view+json removed before "
        "grading: only text and images are shown to graders.]"
    }
    assert stream.text == "<img src=x onerror=alert(1)>", "stream text is escaped by every renderer already"


def test_grading_the_same_notebook_twice_changes_nothing_more():
    once, _ = MakeLearnerContentInert()(notebook(), {})
    sources = [c.source for c in once.cells]
    twice, _ = MakeLearnerContentInert()(once, {})
    assert [c.source for c in twice.cells] == sources
