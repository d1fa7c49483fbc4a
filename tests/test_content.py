"""Content rules that a reviewer would otherwise check by hand, for every module and data file."""

from __future__ import annotations

import json
import re
import sys
from datetime import date

import pytest
import yaml

from cop_widgets.activity_loaders import load_reflection, load_sort
from cop_widgets.bibliography import load_bibliography
from cop_widgets.conversation import ConversationRun
from cop_widgets.conversation_loader import load_conversation
from cop_widgets.data_files import FOLDERS
from cop_widgets.quiz_loader import load_quiz
from cop_widgets.routes import load_routes
from cop_widgets.scenario import ScenarioRun
from cop_widgets.scenario_loader import load_scenario

from .conftest import MODULES, ROOT
from .course_files import (
    BARE_URL,
    LINK,
    markdown_cells,
    module_notebooks,
    read,
    section,
    show_calls,
    solution_notebooks,
)

BIBLIOGRAPHY = load_bibliography(MODULES / "sources.yaml")
URLS = {s.url: s for s in BIBLIOGRAPHY.values()}
SCENARIOS = sorted(MODULES.glob("scenarios/*.yaml"))
QUIZZES = sorted(MODULES.glob("quizzes/*.yaml"))
CONVERSATIONS = sorted(MODULES.glob("conversations/*.yaml"))
SORTS = sorted(MODULES.glob("sorts/*.yaml"))
REFLECTIONS = sorted(MODULES.glob("reflections/*.yaml"))
# Reflection prompts are about practice: never the learner's own past, never a real child.
PERSONAL_WORDING = re.compile(
    r"your own (experience|childhood|past)|when you were (a child|young)|"
    r"a child you know|a real (child|pupil)|have you ever been",
    re.IGNORECASE,
)
MODULE_FILES = module_notebooks()
# Modules that touch abuse or exploitation open with a content note (docs/authoring.md).
CONTENT_NOTE_REQUIRED = {"03", "04", "08"}
TITLE_LINE = re.compile(r"\*\*Time:\*\* about (\d+) minutes · \*\*Last reviewed:\*\* (\d{4}-\d{2}-\d{2})")


def load_yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def ids(paths):
    return [p.name for p in paths]


def test_there_is_a_start_page_and_modules():
    assert MODULE_FILES[0].name == "00_start_here.ipynb"
    assert len(MODULE_FILES) >= 2


@pytest.mark.parametrize("path", SCENARIOS, ids=ids(SCENARIOS))
def test_scenario_valid_and_every_path_ends_in_a_debrief(path):
    scenario = load_scenario(path, set(BIBLIOGRAPHY))
    assert len(scenario.steps) >= 3 and scenario.longest_path >= 3, "at least three decision points"
    reached = set()
    for route in scenario.all_paths():
        run = ScenarioRun(scenario)
        for index in route:
            assert run.choose(index).feedback.strip()
        assert run.finished and run.debrief().lines, "every ending has a debrief line that holds on every path"
        reached.add(run.current)
    assert reached == set(scenario.endings)


@pytest.mark.parametrize("path", CONVERSATIONS, ids=ids(CONVERSATIONS))
def test_conversation_reaches_good_and_poor_endings_with_named_techniques(path):
    conversation = load_conversation(path, set(BIBLIOGRAPHY))
    outcomes = set()
    for route in conversation.all_paths():
        run = ConversationRun(conversation)
        for index in route:
            assert run.reply(index).feedback.strip()
        assert run.finished
        debrief = run.debrief()
        outcomes.add(debrief.outcome)
        assert debrief.went_well or debrief.broken or debrief.slips, "the debrief must name something"
    assert outcomes == {"good", "poor"}


@pytest.mark.parametrize("path", SORTS, ids=ids(SORTS))
def test_sort_valid(path):
    assert len(load_sort(path, set(BIBLIOGRAPHY)).items) >= 3


@pytest.mark.parametrize("path", REFLECTIONS, ids=ids(REFLECTIONS))
def test_reflection_prompts_never_ask_about_personal_experience(path):
    reflection = load_reflection(path)
    for prompt in reflection.prompts:
        assert not PERSONAL_WORDING.search(prompt.text + " " + prompt.hint), prompt.text


def test_reporting_routes_are_dated_and_cited():
    path = MODULES / "reporting_routes.yaml"
    if not path.exists():
        pytest.skip("no reporting routes yet")
    routes = load_routes(path, set(BIBLIOGRAPHY))
    assert len(routes.countries()) >= 3


@pytest.mark.parametrize("path", QUIZZES, ids=ids(QUIZZES))
def test_quiz_valid(path):
    quiz = load_quiz(path)
    if path.stem != "00_check":
        assert len(quiz.questions) >= 5, "a knowledge check has at least five questions"


@pytest.mark.parametrize("path", MODULE_FILES, ids=ids(MODULE_FILES))
def test_module_structure(path):
    nb = read(path)
    meta = nb.metadata.get("course", {})
    number = path.name[:2]
    assert meta.get("module") == number, "metadata course.module"
    assert meta.get("title") and meta.get("minutes") and meta.get("last_reviewed")
    date.fromisoformat(meta["last_reviewed"])
    title_cell = nb.cells[0].source
    assert title_cell.startswith(f"# Module {number}: "), "first cell is the module title"
    match = TITLE_LINE.search(title_cell)
    assert match, "title cell states time and last-reviewed date"
    assert int(match.group(1)) == meta["minutes"] and match.group(2) == meta["last_reviewed"]
    for heading in ("## Objectives", "## Key points", "## Further resources", "## Sources"):
        assert heading in "\n".join(markdown_cells(nb)), f"missing {heading}"
    if number in CONTENT_NOTE_REQUIRED:
        assert any("**Content note:**" in c for c in markdown_cells(nb)[:3]), "content note at the top"
    if number not in ("00", "10"):
        calls = show_calls(nb)
        assert len([kind for kind, _ in calls if kind != "quiz"]) >= 2, "at least two interactive elements"
        assert "quiz" in {kind for kind, _ in calls}, "a knowledge check"


@pytest.mark.parametrize("path", MODULE_FILES, ids=ids(MODULE_FILES))
def test_notebook_code_stays_thin_and_data_exists(path):
    for cell in read(path).cells:
        if cell.cell_type != "code":
            continue
        source = cell.source.strip()
        assert source.startswith(("from cop_widgets import", "show_")), f"unexpected code: {source[:60]}"
    for kind, name in show_calls(read(path)):
        assert (MODULES / FOLDERS[kind] / f"{name}.yaml").is_file(), f"{FOLDERS[kind]}/{name}.yaml"


@pytest.mark.parametrize("path", MODULE_FILES + solution_notebooks(), ids=ids(MODULE_FILES + solution_notebooks()))
def test_committed_without_outputs(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "clear outputs before committing"


@pytest.mark.parametrize("path", MODULE_FILES, ids=ids(MODULE_FILES))
def test_every_external_link_is_a_cited_source(path):
    nb = read(path)
    assert section(nb, "## Sources"), "a ## Sources cell (make content writes its list)"
    for text in markdown_cells(nb):
        for url in BARE_URL.findall(text):
            assert url in URLS, f"{url} is not in modules/sources.yaml"


def test_sources_cells_locked_element_cells_and_course_maps_are_generated_and_up_to_date():
    """Derived from one source each (scripts/build_content.py), never kept by hand."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_content import build

    assert build(check=True) == [], "run `make content` and commit the result"


@pytest.mark.parametrize("path", MODULE_FILES, ids=ids(MODULE_FILES))
def test_internal_links_resolve(path):
    for text in markdown_cells(read(path)):
        for _label, target in LINK.findall(text):
            if target.startswith(("http://", "https://", "#", "mailto:")):
                continue
            assert "/" not in target.split("#")[0] or not target.startswith("/"), "links are relative"
            assert (path.parent / target.split("#")[0]).exists(), f"broken link {target}"


def test_start_page_links_every_module():
    start = "\n".join(markdown_cells(read(MODULES / "00_start_here.ipynb")))
    linked = {target for _label, target in LINK.findall(start)}
    for path in MODULE_FILES[1:]:
        assert path.name in linked, f"start page does not link {path.name}"


def test_start_page_says_it_does_not_replace_safeguarding_training():
    start = "\n".join(markdown_cells(read(MODULES / "00_start_here.ipynb"))).lower()
    assert "does not replace" in start and "safeguarding training" in start


@pytest.mark.parametrize("folder", sorted((ROOT / "solutions").glob("ex*")), ids=lambda p: p.name)
def test_exercise_data_has_its_source(folder):
    if list(folder.glob("*.csv")):
        source = (folder / "SOURCE.md").read_text(encoding="utf-8")
        assert "https://" in source and re.search(r"\b(19|20)\d\d\b", source)


def test_every_exercise_folder_holds_a_copy_of_the_one_checks_module():
    canonical = (ROOT / "solutions" / "checks.py").read_text(encoding="utf-8")
    copies = {p.parent.name: p.read_text(encoding="utf-8") for p in (ROOT / "solutions").glob("ex*/checks.py")}
    stale = [
        name
        for name, text in copies.items()
        if not (text.startswith("# Copied from solutions/checks.py") and text.endswith("\n" + canonical))
    ]
    assert not stale, f"solutions/{stale}/checks.py differ from solutions/checks.py: run `make exercises`"


@pytest.mark.parametrize("path", SCENARIOS + CONVERSATIONS, ids=ids(SCENARIOS + CONVERSATIONS))
def test_an_element_on_a_heavy_topic_says_where_it_is_set_and_opens_with_a_content_note(path):
    element = (load_conversation if path.parent.name == "conversations" else load_scenario)(path, set(BIBLIOGRAPHY))
    if element.topics:
        assert element.content_note and "helpline" in element.content_note.lower(), "content note with support"
        assert all(element.place), "place: {country, continent}"


TOPICS = json.loads((ROOT / "widgets" / "schemas" / "scenario.schema.json").read_text())["properties"]["topics"]
UK = {"United Kingdom", "UK", "England", "Scotland", "Wales", "Northern Ireland"}


def test_every_topic_trainers_expect_is_practised():
    covered = {t for p in SCENARIOS + CONVERSATIONS for t in load_yaml(p).get("topics", [])}
    assert covered == set(TOPICS["items"]["enum"]), f"not practised yet: {set(TOPICS['items']['enum']) - covered}"


def test_practice_is_set_around_the_world():
    places = [load_yaml(p)["place"] for p in SCENARIOS + CONVERSATIONS if "place" in load_yaml(p)]
    outside = [place for place in places if place["country"] not in UK]
    assert len(outside) >= 6, f"{len(outside)} elements are set outside the UK"
    assert len({place["continent"] for place in outside}) >= 4


QUANTITY = (
    r"\d+(?:\.\d+)?\s?(?:%|per ?cent)|\b\d+ in (?:\d+|ten|every)\b|\b\d{1,3}(?:,\d{3})+\b|"
    r"\b\d+(?:\.\d+)? (?:million|billion|thousand)\b|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine) in (?:ten|five|four|three|every)\b"
)
FIGURE = re.compile(rf"{QUANTITY}|\b(?:19|20)\d\d\b", re.I)  # in a quiz question, a year is a fact to cite too


@pytest.mark.parametrize("path", QUIZZES, ids=ids(QUIZZES))
def test_a_question_that_states_a_figure_or_a_dated_fact_cites_it(path):
    for question in load_quiz(path, set(BIBLIOGRAPHY)).questions:
        words = " ".join([question.text] + [f"{o.text} {o.explanation}" for o in question.options])
        figures = FIGURE.findall(words)
        assert not figures or question.sources, f"{path.name}: {question.id} states {figures}: add `sources:`"


DRAFT_OR_TEST_PAGE = re.compile(
    r"/(?:test|tests|draft|drafts|staging|preview|sandbox)(?:/|$)|[-_]draft\b|"
    r"[?&](?:preview|draft)=",
    re.I,
)


def test_no_citation_points_at_a_draft_or_test_page():
    cited = [source.url for source in BIBLIOGRAPHY.values()]
    cited += [
        url
        for path in MODULE_FILES + solution_notebooks()
        for cell in markdown_cells(read(path))
        for url in BARE_URL.findall(cell)
    ]
    cited += [url for path in (ROOT / "solutions").glob("ex*/SOURCE.md") for url in BARE_URL.findall(path.read_text())]
    cited += [route["url"] for route in load_yaml(MODULES / "reporting_routes.yaml")["routes"]]
    assert not [url for url in cited if DRAFT_OR_TEST_PAGE.search(url)]


@pytest.mark.parametrize(
    "path", [p for p in solution_notebooks() if p.parent.name[2:] in CONTENT_NOTE_REQUIRED], ids=lambda p: p.parent.name
)
def test_a_heavy_exercise_opens_with_a_content_note_and_a_support_pointer(path):
    opening = "\n".join(markdown_cells(read(path))[:2])
    assert "**Content note:**" in opening, "content note in the first two cells, as the heavy modules have"
    assert re.search(r"helpline|support", opening, re.I), "the content note says where to find support"


LAST_REVIEWED = re.compile(r"^(?:# Last reviewed: |last_reviewed: \"?)(\d{4}-\d{2}-\d{2})\"?$", re.M)
DATA_FILES = (
    sorted(MODULES.glob("*.yaml"))
    + sorted(MODULES.glob("*/*.yaml"))
    + [ROOT / "widgets" / "rules.yaml", ROOT / "solutions" / "rule_tags.yaml"]
)


def last_reviewed(path) -> date:
    match = LAST_REVIEWED.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.relative_to(ROOT)}: a '# Last reviewed: YYYY-MM-DD' line"
    return date.fromisoformat(match.group(1))


def test_every_data_file_has_a_last_reviewed_date_and_the_review_log_names_the_latest_changes():
    """CONTENT.md asks for a qualified review before a release: the log tells the reviewer what changed."""
    log = (ROOT / "docs" / "review-log.md").read_text(encoding="utf-8")
    dates = {path: last_reviewed(path) for path in DATA_FILES}
    dates.update({path: date.fromisoformat(read(path).metadata["course"]["last_reviewed"]) for path in MODULE_FILES})
    entries = re.findall(r"^## (\d{4}-\d{2}-\d{2})", log, re.M)
    assert entries, "docs/review-log.md: one '## YYYY-MM-DD' heading per round of changes"
    newest = max(dates.values())
    assert date.fromisoformat(entries[0]) >= newest, "the log's first entry is the newest change"
    latest_entry = log.split("\n## ")[1]
    unnamed = [p.name for p, d in dates.items() if d == newest and p.name not in latest_entry]
    assert not unnamed, f"docs/review-log.md: the {entries[0]} entry does not name {unnamed}"


# A sentence about the course's own pass mark (a "." followed by a space ends a sentence; 70.4% does not).
COURSE_OWN_FIGURE = re.compile(r"(?:[^.]|\.(?=\S))*\b(?:pass\w*|aim for|score\w*)\b(?:[^.]|\.(?=\S))*", re.I)
CITATION_LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


@pytest.mark.parametrize("path", MODULE_FILES + solution_notebooks(), ids=ids(MODULE_FILES + solution_notebooks()))
def test_a_paragraph_that_states_a_figure_cites_its_source(path):
    """Quoted, invented messages (blockquotes) and the course's own pass marks are not figures to cite."""
    uncited = []
    for cell in markdown_cells(read(path)):
        if cell.startswith("## Sources"):
            continue
        for paragraph in re.split(r"\n\s*\n", cell):
            if paragraph.lstrip().startswith(">"):
                continue
            figures = re.findall(QUANTITY, COURSE_OWN_FIGURE.sub("", paragraph), re.I)
            if figures and not CITATION_LINK.search(paragraph):
                uncited.append(f"{figures}: {paragraph.strip()[:80]}")
    assert not uncited, "cite where the figure is used:\n" + "\n".join(uncited)


STALE = re.compile(r"in preparation|coming soon|not (?:yet )?written|to be added|\bTODO\b|\bTBD\b", re.I)
MODULE_MENTION = re.compile(r"\bModules? (\d{2})(?:\s*(?:to|and|-|–)\s*(\d{2}))?")


def test_no_stale_cross_reference_anywhere_a_learner_reads():
    texts = {p.name: "\n".join(markdown_cells(read(p))) for p in MODULE_FILES + solution_notebooks()}
    texts.update({p.name: p.read_text(encoding="utf-8") for p in DATA_FILES})
    numbers = {p.name[:2] for p in MODULE_FILES}
    problems = [f"{name}: '{m.group(0)}'" for name, text in texts.items() for m in STALE.finditer(text)]
    problems += [
        f"{name}: Module {n} does not exist"
        for name, text in texts.items()
        for m in MODULE_MENTION.finditer(text)
        for n in m.groups()
        if n and n not in numbers
    ]
    assert not problems, "\n".join(problems)


NAMED_SETTING = re.compile(
    r"(?:[A-Z][a-z]+ ){1,3}(?:Primary|Secondary|High|Junior|Infant) School|"
    r"(?:[A-Z][a-z]+ ){1,3}Youth (?:Centre|Club)"
)


def test_a_named_school_or_youth_centre_is_said_to_be_invented():
    """Stories use invented settings; a name that happens to be a real school's is marked as invented."""
    texts = {p.name: "\n".join(markdown_cells(read(p))) for p in MODULE_FILES + solution_notebooks()}
    texts.update({p.name: p.read_text(encoding="utf-8") for p in DATA_FILES})
    unmarked = [
        f"{name}: {m.group(0)}"
        for name, text in texts.items()
        for paragraph in re.split(r"\n\s*\n", text)
        for m in NAMED_SETTING.finditer(paragraph)
        if "invented" not in paragraph
    ]
    assert not unmarked, "\n".join(unmarked)
