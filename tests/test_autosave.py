"""Autosave per visitor, and the frame's offer to resume (headless; the browser flow is in
tests/browser/test_frame.py)."""

from __future__ import annotations

import os
import time

import pytest

from spark_kit.apps.autosave import AutosaveStore, on_visitor_key
from spark_kit.apps.effektlogik import build_app
from spark_kit.assessment import load_example

KEY = "0123456789abcdef0123456789abcdef"
OTHER = "fedcba9876543210fedcba9876543210"


@pytest.fixture
def store(tmp_path):
    return AutosaveStore(tmp_path / "autosave")


def test_an_assessment_comes_back_exactly(store):
    for example in ("granbacka_byakooperativ", "myrbacka_arbetskooperativ"):
        assessment = load_example(example)
        store.save(KEY, assessment)
        assert store.load(KEY).assessment == assessment


def test_each_visitor_has_their_own_file_named_by_a_hash(store):
    store.save(KEY, load_example())
    assert store.load(OTHER) is None
    (saved,) = store.folder.iterdir()
    assert KEY not in saved.name and saved.suffix == ".json"


@pytest.mark.parametrize("key", ["", "../../etc/passwd", KEY.upper(), KEY[:-1], KEY + "0"])
def test_only_keys_the_browser_makes_are_accepted(store, key):
    with pytest.raises(ValueError):
        store.path(key)
    assert store.load(key) is None


def test_an_unreadable_file_is_no_autosave(store):
    store.save(KEY, load_example())
    store.path(KEY).write_text("{not json", encoding="utf-8")
    assert store.load(KEY) is None


def test_old_autosaves_are_purged(store):
    store.save(KEY, load_example())
    store.save(OTHER, load_example())
    old = time.time() - 31 * 86_400
    os.utime(store.path(OTHER), (old, old))
    assert store.purge() == 1
    assert store.load(KEY) is not None and store.load(OTHER) is None


def frame_for(store, lang="sv"):
    app = build_app(lang=lang)
    app.store = store
    return app


def add_activity(app, text):
    panel = app.panels[0]
    panel.add_element_form.widgets["level"].value = "aktiviteter"
    panel.add_element_form.widgets["text"].value = text
    assert panel.add_element()


def test_changes_are_saved_once_the_browser_says_who_it_is(store):
    app = frame_for(store)
    add_activity(app, "Före nyckeln")
    assert store.load(KEY) is None  # no key yet: nothing saved
    app.set_visitor(KEY)
    add_activity(app, "Efter nyckeln")
    saved = store.load(KEY).assessment
    assert saved == app.assessment
    assert "Sparat automatiskt kl." in app.autosave_status.value


def test_a_new_page_offers_to_resume_and_pauses_saving_until_answered(store):
    first = frame_for(store)
    first.set_visitor(KEY)
    add_activity(first, "Bytardag")
    saved = first.assessment

    second = frame_for(store)
    second.set_visitor(KEY)
    assert second.resume_box.layout.display == "flex"
    assert "Vill du fortsätta där du slutade?" in second.resume_text.value
    add_activity(second, "Medan frågan står kvar")
    assert store.load(KEY).assessment == saved  # not overwritten while the offer stands
    assert "Inte sparat ännu" in second.autosave_status.value

    second.resume()
    assert second.assessment == saved
    assert second.resume_box.layout.display == "none"


def test_declining_keeps_the_page_and_saves_it(store):
    first = frame_for(store)
    first.set_visitor(KEY)
    add_activity(first, "Bytardag")
    second = frame_for(store)
    second.set_visitor(KEY)
    second.decline_resume()
    assert store.load(KEY).assessment == load_example()


def test_the_offer_is_in_the_chosen_language(store):
    first = frame_for(store)
    first.set_visitor(KEY)
    add_activity(first, "Bytardag")
    second = frame_for(store, lang="en")
    second.set_visitor(KEY)
    assert "Do you want to continue where you left off?" in second.resume_text.value
    second.set_language("sv")
    assert "Vill du fortsätta" in second.resume_text.value


def test_a_key_the_kit_does_not_make_turns_autosave_off(store):
    app = frame_for(store)
    app.set_visitor("../../elsewhere")
    add_activity(app, "Bytardag")
    assert app.visitor is None
    assert not store.folder.exists()


def test_the_kernel_learns_the_key_from_voila(monkeypatch):
    """Voilà passes the server's X-Spark-Visitor header to a kernel started for the page
    as HTTP_X_SPARK_VISITOR."""
    seen = []
    monkeypatch.setenv("HTTP_X_SPARK_VISITOR", KEY)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    on_visitor_key(seen.append)
    assert seen == [KEY]
    monkeypatch.delenv("HTTP_X_SPARK_VISITOR")
    on_visitor_key(seen.append)
    assert seen == [KEY]  # outside the gallery: no key, no autosave
