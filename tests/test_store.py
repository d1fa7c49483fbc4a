"""The learner's store, Python side: what it accepts from the browser, merges, and refuses."""

import json

import pytest

from cop_widgets import store as store_module
from cop_widgets.store import LearnerStore, parse


@pytest.fixture
def store():
    return LearnerStore()


def browser_says(store, **content):
    store._from_browser(store, content, [])


def test_nothing_kept_loads_as_empty(store):
    browser_says(store, kind="load", text=None)
    assert store.elements() == {} and store.revision == 1


def test_kept_data_loads_and_merges_with_work_done_before_loading(store):
    store.record("quiz:01_check", {"score": 5})
    saved = {
        "version": 1,
        "elements": {"scenario:01_x": {"kind": "scenario", "outcome": "secure", "date": "2026-11-01"}},
    }
    browser_says(store, kind="load", text=json.dumps(saved))
    assert set(store.elements()) == {"quiz:01_check", "scenario:01_x"}
    assert json.loads(store.data)["elements"]["quiz:01_check"]["score"] == 5


@pytest.mark.parametrize("text", ["{not json", '{"version": 2, "elements": {}}', '["a"]', '{"version": 1}', ""])
def test_corrupt_or_foreign_data_is_never_loaded(store, text):
    assert parse(text) is None
    browser_says(store, kind="load", text=text)
    assert store.elements() == {}


def test_import_of_a_bad_file_changes_nothing_and_says_so(store):
    store.record("quiz:01_check", {"score": 5})
    browser_says(store, kind="import", text="hello")
    assert "nothing was changed" in store.message and list(store.elements()) == ["quiz:01_check"]


def test_import_adds_records(store):
    record = {"kind": "sort", "score": 2, "total": 3, "date": "2026-11-01"}
    browser_says(store, kind="import", text=json.dumps({"version": 1, "elements": {"sort:06_x": record}}))
    assert store.message == "Imported 1 records." and "sort:06_x" in store.elements()


def test_delete_forgets_everything(store):
    store.record("quiz:01_check", {"score": 5})
    browser_says(store, kind="cleared")
    assert store.elements() == {} and store.data == "" and "deleted" in store.message


def test_record_is_dated_and_saved_as_json(store):
    store.record("scenario:01_x", {"outcome": "developing"})
    kept = json.loads(store.data)
    assert kept["version"] == 1 and kept["elements"]["scenario:01_x"]["date"]


def test_one_store_per_kernel():
    assert store_module.learner_store() is store_module.learner_store()


HOSTILE = {
    "quiz:01_check": {
        "kind": "quiz",
        "score": "<img src=x onerror=alert(1)>",
        "total": 5,
        "passed": True,
        "date": "2026-11-01",
    },
    "scenario:02_x": {"kind": "scenario", "outcome": "<script>alert(1)</script>", "date": "2026-11-01"},
    "sort:06_x": {"kind": "quiz", "score": 1, "total": 2, "passed": False, "date": "2026-11-01"},  # wrong kind
    "<b>odd</b>": {"kind": "completion", "name": "x", "date": "2026-11-01"},  # not a key the course writes
    "completion": {"kind": "completion", "name": "Ms Okafor", "date": "2026-11-01", "onload": "alert(1)"},
}
GOOD_RECORD = {
    "kind": "scenario",
    "outcome": "secure",
    "ending": "done",
    "date": "2026-11-01",
    "course_version": "0.2.0",
}


def test_hostile_kept_records_are_set_aside_named_and_the_rest_survive(store):
    kept = {"version": 1, "elements": {**HOSTILE, "scenario:01_ok": GOOD_RECORD}}
    browser_says(store, kind="load", text=json.dumps(kept))
    assert store.elements() == {"scenario:01_ok": GOOD_RECORD}
    assert "5 kept record(s) did not look like this course's data and were set aside" in store.message
    saved = json.loads(store.data)
    assert set(saved["set_aside"]) == set(HOSTILE), "set aside, never lost: it is still in the download"


def test_a_hostile_import_file_changes_only_what_fits(store):
    store.record("reflection:06_x", {"kind": "reflection", "answers": {"a": "mine"}, "ticked": {}})
    text = json.dumps({"version": 1, "elements": {**HOSTILE, "scenario:01_ok": GOOD_RECORD}})
    browser_says(store, kind="import", text=text)
    assert set(store.elements()) == {"reflection:06_x", "scenario:01_ok"}
    assert store.message.startswith("Imported 1 records. 5 did not look like this course's data")


def test_a_shared_address_says_unclaimed_progress_was_set_aside(store):
    browser_says(store, kind="load", text=None, unclaimed=True)
    assert "may be someone else's" in store.message and store.elements() == {}
