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
    saved = {"version": 1, "elements": {"scenario:01_x": {"outcome": "secure", "date": "2026-11-01"}}}
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
    browser_says(store, kind="import", text=json.dumps({"version": 1, "elements": {"sort:06_x": {"score": 2}}}))
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
    store_module._store = None
    assert store_module.learner_store() is store_module.learner_store()
