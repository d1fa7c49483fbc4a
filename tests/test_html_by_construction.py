"""The views build HTML one way only, so a missed escape cannot happen: templates through
cop_widgets.html.html() (every value escaped unless already Markup), shown in SafeHTML widgets that
refuse anything else. An f-string of HTML, a plain ipywidgets HTML widget or innerHTML in the
browser code fails here, naming the file and line."""

from __future__ import annotations

import ast
import re

import pytest
from markupsafe import Markup

from cop_widgets.html import html, markdown_html
from cop_widgets.style import widget

from .conftest import ROOT

PACKAGE = sorted((ROOT / "widgets").glob("*.py"))


def html_f_strings_and_raw_widgets(path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            if re.search(r"<[a-z/!]", text):
                found.append(f"{path.name}:{node.lineno}: an f-string of HTML (use html())")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "HTML":
            found.append(f"{path.name}:{node.lineno}: a plain HTML widget (use style.widget())")
    return found


@pytest.mark.parametrize("path", PACKAGE, ids=lambda p: p.name)
def test_no_view_builds_html_by_hand(path):
    assert html_f_strings_and_raw_widgets(path) == []


def test_the_check_finds_html_built_by_hand(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text('import ipywidgets as w\nname = "x"\nw.HTML(f"<p>{name}</p>")\n')
    assert sorted(html_f_strings_and_raw_widgets(sample)) == [
        "bad.py:3: a plain HTML widget (use style.widget())",
        "bad.py:3: an f-string of HTML (use html())",
    ]


def test_values_are_escaped_and_markup_is_kept():
    assert html("<p>{}</p>", "<img src=x onerror=alert(1)>") == "<p>&lt;img src=x onerror=alert(1)&gt;</p>"
    assert html("<p>{}</p>", html("<b>{}</b>", "&")) == "<p><b>&amp;</b></p>"
    assert markdown_html("**ok** <script>x</script>") == "<p><strong>ok</strong> &lt;script&gt;x&lt;/script&gt;</p>"


def test_a_safe_html_widget_refuses_a_plain_string():
    shown = widget(html("<p>{}</p>", "fine"))
    with pytest.raises(TypeError, match="takes Markup"):
        shown.value = "<p>raw</p>"
    assert isinstance(shown.value, Markup)


def test_the_browser_store_puts_no_learner_data_into_html():
    code = (ROOT / "widgets" / "store.js").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", code)
