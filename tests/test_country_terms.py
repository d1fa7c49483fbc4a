"""One country's roles and routes are always labelled with that country (modules/country_terms.yaml).

A trainer in Nairobi or Montréal reads "tell the DSL" as the rule everywhere unless the text says
it is England's. So every use is labelled where it is read: an element's setting line names the
country once for the whole story; anything else labels it in the same paragraph or item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import yaml

from .conftest import MODULES, ROOT
from .course_files import markdown_cells, module_notebooks, read, solution_notebooks

TERMS_FILE = MODULES / "country_terms.yaml"
ELEMENTS = sorted(MODULES.glob("scenarios/*.yaml")) + sorted(MODULES.glob("conversations/*.yaml"))
ITEM_FILES = (
    sorted(MODULES.glob("quizzes/*.yaml"))
    + sorted(MODULES.glob("sorts/*.yaml"))
    + sorted(MODULES.glob("reflections/*.yaml"))
)
NOT_PROSE = {
    "id",
    "sources",
    "source",
    "next",
    "goto",
    "breaks",
    "does",
    "topics",
    "place",
    "url",
    "when",
    "category",
    "safe",
    "correct",
    "effect",
    "mistake",
    "mistakes",
    "technique",
    "techniques",
}
MARKDOWN_URL = re.compile(r"\]\([^)]*\)|https?://\S+")


@dataclass(frozen=True)
class Term:
    term: str
    pattern: re.Pattern
    country: str
    labels: tuple[str, ...]

    def used_in(self, text: str) -> bool:
        return bool(self.pattern.search(MARKDOWN_URL.sub("", text)))

    def labelled_in(self, text: str) -> bool:
        return any(re.search(rf"\b{re.escape(label)}\b", text) for label in self.labels)


def load_terms() -> list[Term]:
    data = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))
    return [Term(t["term"], re.compile(t["pattern"]), t["country"], tuple(t["labels"])) for t in data["terms"]]


TERMS = load_terms()


def prose(node) -> list[str]:
    """Every piece of text a learner reads in a data file (ids, tags and links left out)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [text for item in node for text in prose(item)]
    if isinstance(node, dict):
        return [text for key, value in node.items() if key not in NOT_PROSE for text in prose(value)]
    return []


def unlabelled(texts: list[str]) -> list[str]:
    """'term in: text...' for each text that uses a term without naming its country."""
    return [
        f"{term.term} in: {text.strip()[:90]}"
        for text in texts
        for term in TERMS
        if term.used_in(text) and not term.labelled_in(text)
    ]


def test_every_term_has_a_source_and_a_pattern_that_matches_its_own_name():
    data = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))
    bibliography = yaml.safe_load((MODULES / "sources.yaml").read_text(encoding="utf-8"))
    for entry in data["terms"]:
        assert entry["source"] in bibliography, f"{TERMS_FILE.name}: {entry['term']}: source {entry['source']}"
        assert entry["country"] in entry["labels"] or entry["country"] == "United Kingdom"


def test_the_checker_finds_an_unlabelled_term_and_accepts_a_labelled_one():
    assert unlabelled(["Tell the DSL at once."])
    assert not unlabelled(["Tell your designated safeguarding lead (in England) at once."])
    assert not unlabelled(["25,101 children in 19 countries"])
    assert unlabelled(["Call 999 now."])
    assert not unlabelled(["Call Childline South Africa on 116."])


@pytest.mark.parametrize("path", ELEMENTS, ids=lambda p: p.stem)
def test_an_element_names_the_country_of_its_terms_in_its_setting_line(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    setting = data.get("setting") or data.get("summary", "")
    story = prose(data)
    used = [term for term in TERMS if any(term.used_in(text) for text in story)]
    place = data.get("place", {})
    for term in used:
        where = {place.get("country"), place.get("region")}
        assert where & set(term.labels), (
            f"{path.name}: uses {term.term} ({', '.join(term.labels)}), so `place` must say where it is set (e.g. "
            f"place: {{country: United Kingdom, region: England, continent: Europe}}); it says {place or 'nothing'}"
        )
        assert term.labelled_in(setting), (
            f"{path.name}: uses {term.term}; its setting line must name where it is set "
            f"({' or '.join(term.labels)}) once, for the whole story"
        )


@pytest.mark.parametrize("path", ITEM_FILES, ids=lambda p: p.stem)
def test_quiz_sort_and_reflection_items_label_their_terms_in_the_item(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("questions") or data.get("items") or data.get("prompts") or []
    top = {key: value for key, value in data.items() if key not in {"questions", "items", "prompts"}}
    problems = unlabelled([" ".join(prose(item)) for item in items] + prose(top))
    assert not problems, (
        f'{path.name}: label each with its country, or say "your setting\'s designated person":\n' + "\n".join(problems)
    )


def test_reporting_routes_and_rules_label_their_terms():
    routes = yaml.safe_load((MODULES / "reporting_routes.yaml").read_text(encoding="utf-8"))
    problems = [
        f"{route['name']}: {problem}"
        for route in routes["routes"]
        for problem in unlabelled([" ".join(prose(route)) + " " + route["country"]])
    ]
    problems += unlabelled(prose({k: v for k, v in routes.items() if k != "routes"}))
    rules = yaml.safe_load((ROOT / "widgets" / "rules.yaml").read_text(encoding="utf-8"))
    problems += unlabelled([" ".join(prose(rule)) for rule in rules["rules"]])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", module_notebooks() + solution_notebooks(), ids=lambda p: p.stem)
def test_module_paragraphs_label_their_terms(path):
    paragraphs = [
        paragraph
        for cell in markdown_cells(read(path))
        if not cell.lstrip().startswith("## Sources")
        for paragraph in re.split(r"\n\s*\n", cell)
    ]
    problems = unlabelled(paragraphs)
    assert not problems, f"{path.relative_to(ROOT)}: label each with its country in the same paragraph:\n" + "\n".join(
        problems
    )
