"""The indicator follow-up panel (spark_kit.apps.follow_up_panel) driven headlessly.

What is shown is compared with spark_kit.impact.indicators.track on the same data (progress
and status per indicator), formatted with spark_kit.i18n. The example is the fictional
village cooperative Granbacka: indicators M1–M7, baseline 2023, target 2027, made-up
measurements for 2024–2026 (data/examples/granbacka_indikatorer.csv). M2 is "Hemleveranser
per år": baseline 1 400, target 1 800, measured 1 720 in 2026, so its progress in 2026 is
(1 720 − 1 400) / (1 800 − 1 400) = 80 %.
"""

from __future__ import annotations

import html
import time

import pytest

from spark_kit.apps.follow_up_panel import FollowUpPanel, IndexedTracking
from spark_kit.assessment import blank_assessment, load_example
from spark_kit.assessment_parts import FollowUp, Measurement
from spark_kit.i18n import format_percent
from spark_kit.impact.indicators import track

NBSP = "\u00a0"


def is_error(notice) -> bool:
    return "spark-error" in notice.widget.value and 'role="alert"' in notice.widget.value


def make_panel(assessment, lang: str = "sv") -> FollowUpPanel:
    panel = FollowUpPanel()
    panel.committed = []
    panel.on_change = panel.committed.append
    panel.show(assessment, lang)
    return panel


@pytest.fixture
def panel():
    return make_panel(load_example())


def tracking_of(assessment):
    follow_up = assessment.follow_up
    return track(
        assessment.logic_model.indicators,
        follow_up.table(),
        follow_up.baseline_year,
        follow_up.target_year,
    )


def row_of(table_html: str, indicator_id: str) -> str:
    start = table_html.index(f">{indicator_id}</td>")
    return table_html[start : table_html.index("</tr>", start)]


# --- what is shown ---------------------------------------------------------------------------


def test_granbacka_shows_progress_and_status_as_track_gives_them(panel):
    tracking = tracking_of(panel.assessment)
    assert panel.year_choice.value == 2026 == tracking.latest_year
    shown = panel.results.value
    for indicator in tracking.indicators:
        row = row_of(shown, indicator.id)
        share = tracking.progress(indicator.id, 2026)
        if share is not None:
            assert format_percent(share, "sv") in row
        assert html.escape(tracking.status(indicator.id, 2026).label("sv")) in row
    assert format_percent(tracking.progress("M2", 2026), "sv") == f"80{NBSP}%"
    assert "saknar mätning" in row_of(shown, "M6")  # not measured in 2026
    assert "Läget 2026:" in shown
    assert "Fiktivt exempel" in panel.heading.value


def test_an_earlier_year_can_be_shown(panel):
    panel.year_choice.value = 2024
    tracking = tracking_of(panel.assessment)
    row = row_of(panel.results.value, "M2")
    assert format_percent(tracking.progress("M2", 2024), "sv") in row
    assert "Läget 2024:" in panel.results.value


def test_the_charts_have_alt_text(panel):
    assert 'role="img"' in panel.overview_chart.value
    panel.charts.select(1)
    assert panel.indicator_choice.value == "M1"
    panel.indicator_choice.value = "M2"
    assert 'role="img"' in panel.indicator_chart.value
    assert "Hemleveranser" in panel.indicator_chart.value


def test_without_indicators_it_says_to_add_them_in_effektlogik():
    panel = make_panel(blank_assessment())
    assert "Effektlogik" in panel.no_indicators.value
    assert panel.main_box.layout.display == "none"


def test_without_years_it_asks_for_them_and_saving_them_shows_the_table():
    # Myrbacka's indicators without its follow-up plan (no years, no measurements).
    no_plan = load_example("myrbacka_arbetskooperativ").model_copy(update={"follow_up": FollowUp()})
    panel = make_panel(no_plan)
    assert "Ange år för utgångsvärdet" in panel.results.value
    form = panel.years_form.widgets
    form["baseline_year"].value = "2025"
    form["target_year"].value = "2028"
    assert panel.save_years()
    follow_up = panel.committed[-1].follow_up
    assert (follow_up.baseline_year, follow_up.target_year) == (2025, 2028)
    assert "saknar mätning" in panel.results.value  # no values yet, and it says so


def test_a_measurement_of_an_unknown_indicator_is_explained_not_raised():
    assessment = load_example()
    odd = Measurement(indicator="M99", year=2025, value=3)
    follow_up = assessment.follow_up.model_copy(
        update={"measurements": [*assessment.follow_up.measurements, odd]}
    )
    panel = make_panel(assessment.model_copy(update={"follow_up": follow_up}))
    assert "spark-error" in panel.results.value and "M99" in panel.results.value


def test_the_indexed_tracking_gives_the_same_values_as_tracking(panel):
    tracking = tracking_of(panel.assessment)
    indexed = IndexedTracking.of(tracking)
    for indicator in tracking.indicators:
        for year in (2023, 2024, 2025, 2026, 2027):
            assert indexed.actual(indicator.id, year) == tracking.actual(indicator.id, year)
    assert indexed.table("sv").equals(tracking.table("sv"))
    assert indexed.actual("M6", 2026) is None  # stored empty: not measured


# --- editing ---------------------------------------------------------------------------------


def test_a_value_for_an_existing_year_replaces_the_old_one(panel):
    form = panel.measurement_form.widgets
    assert form["measurement"].value == 0  # (nytt mätvärde)
    form["indicator"].value = "M2"
    form["year"].value = "2026"
    form["value"].value = "1 800"
    assert panel.save_measurement()
    committed = panel.committed[-1]
    m2 = [m for m in committed.follow_up.measurements if m.indicator == "M2"]
    assert [(m.year, m.value) for m in m2] == [(2024, 1480), (2025, 1590), (2026, 1800)]
    assert len(committed.follow_up.measurements) == len(panel.committed[-1].follow_up.measurements)
    assert "i stället för 1" in panel.measurement_notice.widget.value
    assert "uppnått" in row_of(panel.results.value, "M2")  # 1 800 is the target
    assert form["value"].value == "" and form["year"].value == "2026"  # ready for the next


def test_a_new_year_is_added_and_shown(panel):
    form = panel.measurement_form.widgets
    form["indicator"].value = "M5"
    form["year"].value = "2027"
    form["value"].value = "4"
    form["note"].value = "Alla fyra fullföljde"
    assert panel.save_measurement()
    follow_up = panel.committed[-1].follow_up
    assert follow_up.measurements[-1] == Measurement(
        indicator="M5", year=2027, value=4, note="Alla fyra fullföljde"
    )
    assert panel.year_choice.value == 2027  # the latest year, now 2027
    assert "uppnått" in row_of(panel.results.value, "M5")


def test_an_empty_value_means_not_measured(panel):
    form = panel.measurement_form.widgets
    form["indicator"].value = "M7"
    form["year"].value = "2026"
    form["value"].value = ""
    assert panel.save_measurement()
    (m7,) = [
        m
        for m in panel.committed[-1].follow_up.measurements
        if (m.indicator, m.year) == ("M7", 2026)
    ]
    assert m7.value is None
    assert "saknar mätning" in row_of(panel.results.value, "M7")


def test_editing_and_removing_a_chosen_measurement(panel):
    form = panel.measurement_form.widgets
    form["measurement"].value = 6  # M2 2026: 1 720 leveranser
    assert (form["indicator"].value, form["year"].value, form["value"].value) == (
        "M2",
        "2026",
        "1720",
    )
    form["value"].value = "1750,5"
    assert panel.save_measurement()
    assert panel.committed[-1].follow_up.measurements[5].value == 1750.5
    assert form["measurement"].value == 6
    assert form["value"].value == "1750,5"
    assert panel.remove_measurement()
    remaining = panel.committed[-1].follow_up.measurements
    assert ("M2", 2026) not in [(m.indicator, m.year) for m in remaining]
    assert len(remaining) == 20


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": "20x6"}, "”20x6” är inte ett tal"),
        ({"year": ""}, "År: Värde saknas"),
        ({"year": "1850"}, "ska vara minst 1900 och högst 2200"),
        ({"year": "2026", "value": "mycket"}, "Mätvärde: ”mycket” är inte ett tal"),
        ({"year": "2026", "value": "1,2,3"}, "är inte ett tal"),
    ],
)
def test_a_bad_measurement_commits_nothing(panel, changes, message):
    before = panel.assessment
    for name, value in changes.items():
        panel.measurement_form.widgets[name].value = value
    assert not panel.save_measurement()
    assert is_error(panel.measurement_notice)
    assert message in panel.measurement_notice.widget.value
    assert panel.committed == [] and panel.assessment is before


def test_nothing_to_remove_on_a_new_measurement(panel):
    assert not panel.remove_measurement()
    assert is_error(panel.measurement_notice) and panel.committed == []


@pytest.mark.parametrize(
    ("baseline", "target", "message"),
    [
        ("2023", "2020", "Målåret (2020) måste komma efter året för utgångsvärdet (2023)"),
        ("tjugo", "2027", "”tjugo” är inte ett tal"),
        ("2023", "", "Målår: Värde saknas"),
        ("2023", "3000", "ska vara minst 1900 och högst 2200"),
    ],
)
def test_bad_years_commit_nothing(panel, baseline, target, message):
    form = panel.years_form.widgets
    form["baseline_year"].value = baseline
    form["target_year"].value = target
    assert not panel.save_years()
    assert is_error(panel.years_notice) and message in panel.years_notice.widget.value
    assert panel.committed == []


def test_moving_the_target_year_changes_the_plan(panel):
    panel.years_form.widgets["target_year"].value = "2030"
    assert panel.save_years()
    assessment = panel.committed[-1]
    assert assessment.follow_up.target_year == 2030
    tracking = tracking_of(assessment)
    for indicator in tracking.indicators:
        status = tracking.status(indicator.id, 2026).label("sv")
        assert html.escape(status) in row_of(panel.results.value, indicator.id)


# --- language --------------------------------------------------------------------------------


def test_switching_to_english_relabels_and_keeps_typed_text(panel):
    panel.measurement_form.widgets["note"].value = "halfway"
    panel.show(panel.assessment, "en")
    assert "Enter what you measured" in panel.heading.value
    assert "Position in 2026:" in panel.results.value
    assert "behind plan" in panel.results.value or "on track" in panel.results.value
    assert panel.measurement_form.widgets["value"].description == "Measured value"
    assert panel.save_years_button.description == "Save the years"
    assert panel.measurement_form.widgets["note"].value == "halfway"
    panel.measurement_form.widgets["year"].value = "twenty"
    assert not panel.save_measurement()
    assert "is not a number" in panel.measurement_notice.widget.value


def test_edit_to_redraw_time_is_measured(panel, capsys):
    times = []
    form = panel.measurement_form.widgets
    for value in ("1700", "1710", "1720", "1730", "1740"):
        form["indicator"].value = "M2"
        form["year"].value = "2026"
        form["value"].value = value
        start = time.perf_counter()
        panel.save_measurement()
        times.append(time.perf_counter() - start)
    with capsys.disabled():
        median = sorted(times)[len(times) // 2]
        print(f"\n[info] FollowUpPanel edit → redraw median {median * 1000:.0f} ms")
