"""The Effektlogik app driven headlessly: set widget values, press buttons, read the result.

The same flows run in a real browser in tests/browser/; here they are fast and exact.
"""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest

from spark_kit.apps.autosave import AutosaveStore
from spark_kit.apps.effektlogik import build_app
from spark_kit.assessment import blank_assessment, load_example, read_workbook, workbook_bytes


@pytest.fixture
def frame(tmp_path):
    app = build_app(lang="sv")
    app.store = AutosaveStore(tmp_path / "autosave")
    return app


@pytest.fixture
def app(frame):
    """The logic-model panel inside the app's frame."""
    return frame.panels[0]


def fake_upload(frame, name: str, data: bytes) -> None:
    item = {
        "name": name,
        "type": "",
        "size": len(data),
        "content": memoryview(data),
        "last_modified": dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc),
    }
    frame.upload.value = (item,)


def add_element(app, level: str, text: str) -> bool:
    form = app.add_element_form.widgets
    form["level"].value = level
    form["text"].value = text
    return app.add_element()


def test_starts_on_the_fictional_example_with_the_thread_holding(frame, app):
    assert app.assessment == load_example()
    assert "Fiktivt exempel" in frame.title.value
    assert "röda tråden håller" in app.findings.value
    assert "<svg" in app.diagram.value and 'role="img"' in app.diagram.value


def test_adding_an_activity_shows_the_gap_and_linking_it_closes_it(app):
    assert add_element(app, "aktiviteter", "Starta en bokcirkel")
    assert "A5" in app.add_element_notice.widget.value
    assert (
        "Aktiviteten A5 ”Starta en bokcirkel” leder inte till någon prestation"
        in app.findings.value
    )
    assert "Starta en bokcirkel" in app.diagram.value
    assert app.add_element_form.widgets["text"].value == ""  # ready for the next one

    assert add_element(app, "prestationer", "Tio träffar per termin")
    app.link_form.widgets["source"].value = "A5"
    app.link_form.widgets["target"].value = "P5"
    assert app.add_link()
    app.link_form.widgets["source"].value = "P5"
    app.link_form.widgets["target"].value = "R1"
    assert app.add_link()
    assert "röda tråden håller" in app.findings.value


def test_a_cycle_is_refused_next_to_the_form_and_nothing_changes(app):
    before = app.assessment
    app.link_form.widgets["source"].value = "R4"
    app.link_form.widgets["target"].value = "R1"
    assert not app.add_link()
    assert (
        "cirkel" in app.link_notice.widget.value and "spark-error" in app.link_notice.widget.value
    )
    assert app.assessment == before


def test_editing_and_removing_an_element(app):
    app.edit_element_form.widgets["element"].value = "A3"
    assert app.edit_element_form.widgets["text"].value == "Köra ut varor till äldre varje vecka"
    app.edit_element_form.widgets["text"].value = "Köra ut varor två gånger i veckan"
    assert app.save_element()
    assert app.model.element("A3").text == "Köra ut varor två gånger i veckan"
    assert app.remove_element()
    assert "A3" not in {e.id for e in app.model.elements}
    assert ("A3", "P3") not in {(lk.source, lk.target) for lk in app.model.links}
    assert "Prestationen P3" in app.findings.value or "P3" in app.findings.value


def test_indicator_form_adds_and_rejects_text_in_a_number(app):
    form = app.indicator_form.widgets
    form["indicator"].value = ""
    form["element"].value = "P2"
    form["name"].value = "Liter sålda per år"
    form["baseline"].value = "tolv"
    assert not app.save_indicator()
    assert "”tolv” är inte ett tal" in app.indicator_notice.widget.value
    form["baseline"].value = "120 000,5"
    form["target"].value = "130000"
    assert app.save_indicator()
    saved = next(i for i in app.model.indicators if i.name == "Liter sålda per år")
    assert (saved.baseline, saved.target, saved.element) == (120000.5, 130000.0, "P2")


def test_a_bad_upload_is_explained_and_the_work_in_progress_is_kept(frame, app):
    add_element(app, "aktiviteter", "Sommarkafé")
    app.add_element_form.widgets["text"].value = "Halvskriven text"
    before = app.assessment
    fake_upload(frame, "trasig.xlsx", "det här är ingen arbetsbok".encode())
    assert "trasig.xlsx" in frame.upload_notice.widget.value
    assert "ingen Excel-arbetsbok" in frame.upload_notice.widget.value
    assert app.assessment == before
    assert app.add_element_form.widgets["text"].value == "Halvskriven text"
    assert frame.upload.value == ()


def test_a_good_upload_replaces_the_model(frame, app):
    other = blank_assessment("Byalaget Test")
    fake_upload(frame, "ny.xlsx", workbook_bytes(other))
    assert app.assessment == other
    assert "Byalaget Test" in frame.title.value
    assert "”ny.xlsx” öppnades" in frame.upload_notice.widget.value


def test_downloads_hold_the_current_workbook_and_diagram(frame, app):
    add_element(app, "behov", "Unga flyttar från byn")
    frame.make_downloads()
    links = dict(
        re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', frame.downloads.value)
    )
    today = dt.date.today().isoformat()
    report = f"rapport_granbacka_byakooperativ_ekonomisk_forening_{today}"
    assert set(links) == {
        "granbacka-byakooperativ-ekonomisk-förening.xlsx",
        f"{report}.html",
        f"{report}.xlsx",
        "granbacka-byakooperativ-ekonomisk-förening-effektlogik.png",
        "granbacka-byakooperativ-ekonomisk-förening-effektlogik.svg",
    }
    page = base64.b64decode(links[f"{report}.html"]).decode("utf-8")
    assert "Unga flyttar från byn" in page  # the report is of the work on screen
    workbook = read_workbook(
        base64.b64decode(links["granbacka-byakooperativ-ekonomisk-förening.xlsx"])
    )
    assert workbook == app.assessment
    assert (
        base64.b64decode(links["granbacka-byakooperativ-ekonomisk-förening-effektlogik.png"])[:4]
        == b"\x89PNG"
    )
    add_element(app, "behov", "Ännu ett behov")
    assert frame.downloads.value == ""  # stale files are withdrawn after a change


def test_language_switch_relabels_without_losing_typed_text(frame, app):
    app.add_element_form.widgets["text"].value = "Pågående text"
    frame.set_language("en")
    assert app.add_element_form.widgets["text"].description == "Text"
    assert app.add_element_button.description == "Add"
    assert "red thread holds" in app.findings.value
    assert app.tabs.get_title(1) == "Links"
    assert app.add_element_form.widgets["text"].value == "Pågående text"
    assert "Resources" not in app.diagram.value and "Inputs" in app.diagram.value
    frame.language.value = "sv"
    assert app.add_element_button.description == "Lägg till"


def test_forms_start_with_a_choice_made_and_the_editor_filled(app):
    assert app.add_element_form.widgets["level"].value == "behov"
    chosen = app.edit_element_form.widgets["element"].value
    assert app.edit_element_form.widgets["text"].value == app.model.element(chosen).text


def test_adding_with_no_text_or_no_link_ends_explains_itself(frame, app):
    app.add_element_form.widgets["text"].value = "   "
    assert not app.add_element()
    assert "Skriv en text" in app.add_element_notice.widget.value
    frame.load(blank_assessment())
    assert not app.add_link()
    assert "Välj både" in app.link_notice.widget.value
