"""Indicators over time: progress, expected progress, status, the tracking table and charts.

The conventions tested here are the kit's own (stated in spark_kit/impact/indicators.py):
progress = (actual − baseline) / (target − baseline), the same formula for a decreasing
target; a target equal to the baseline is a target to hold a level; missing values give no
progress; "på väg" means at most ten percentage points behind a straight-line plan. The
example numbers are the fictional Granbacka byakooperativ's (data/examples/).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

import spark_kit
from spark_kit.errors import SparkInputError
from spark_kit.i18n.messages import MESSAGES
from spark_kit.impact.indicators import (
    EXAMPLE_MEASUREMENTS,
    IndexedTracking,
    Status,
    check_measurements,
    expected_progress,
    load_example_tracking,
    parse_status,
    progress,
    read_measurements,
    status_for,
    track,
)
from spark_kit.impact.logic_model import Indicator
from spark_kit.viz.indicator_charts import progress_chart, progress_overview_chart

NBSP = "\u00a0"
PACKAGE_DIR = Path(spark_kit.__file__).parent


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


@pytest.fixture(scope="module")
def example():
    return load_example_tracking()


# --- progress ------------------------------------------------------------------------------


def test_progress_is_the_share_of_the_way_from_baseline_to_target():
    assert progress(1720, baseline=1400, target=1800) == pytest.approx(0.8)
    assert progress(1400, baseline=1400, target=1800) == 0.0
    assert progress(1800, baseline=1400, target=1800) == 1.0


def test_progress_is_not_clipped():
    assert progress(1900, baseline=1400, target=1800) == pytest.approx(1.25)
    assert progress(1300, baseline=1400, target=1800) == pytest.approx(-0.25)


def test_decreasing_target_uses_the_same_formula():
    # Fewer is better: from 10 towards 6. Half-way down is half the progress.
    assert progress(8, baseline=10, target=6) == pytest.approx(0.5)
    assert progress(6, baseline=10, target=6) == pytest.approx(1.0)
    assert progress(12, baseline=10, target=6) == pytest.approx(-0.5)  # the wrong way


@pytest.mark.parametrize(
    ("hold", "actual", "expected"),
    [
        ("at_least", 70, 1.0),
        ("at_least", 72, 1.0),
        ("at_least", 68, 0.0),
        ("at_most", 68, 1.0),
        ("at_most", 72, 0.0),
        ("exactly", 70, 1.0),
        ("exactly", 72, 0.0),
    ],
)
def test_target_equal_to_baseline_is_a_level_to_hold(hold, actual, expected):
    assert progress(actual, baseline=70, target=70, hold=hold) == expected


def test_hold_default_is_at_least():
    assert progress(72, baseline=70, target=70) == 1.0
    assert progress(68, baseline=70, target=70) == 0.0


def test_unknown_hold_convention_is_an_error():
    with pytest.raises(ValueError, match="hold"):
        progress(70, baseline=70, target=70, hold="roughly")


@pytest.mark.parametrize(
    ("actual", "baseline", "target"),
    [(None, 2, 4), (math.nan, 2, 4), (3, None, 4), (3, 2, None), (3, 2, math.nan)],
)
def test_missing_values_give_no_progress(actual, baseline, target):
    assert progress(actual, baseline=baseline, target=target) is None


# --- expected progress and status -----------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "share"),
    [(2020, 0.0), (2023, 0.0), (2024, 0.25), (2025, 0.5), (2026, 0.75), (2027, 1.0), (2030, 1.0)],
)
def test_expected_progress_follows_a_straight_line(year, share):
    assert expected_progress(year, 2023, 2027) == pytest.approx(share)


def test_expected_progress_needs_a_target_year_after_the_baseline_year():
    with pytest.raises(ValueError):
        expected_progress(2025, 2027, 2027)


@pytest.mark.parametrize(
    ("share", "status"),
    [
        (1.0, Status.ACHIEVED),
        (1.3, Status.ACHIEVED),
        (0.8, Status.ON_TRACK),
        (0.65, Status.ON_TRACK),  # exactly ten percentage points behind: still on track
        (0.6499, Status.BEHIND),
        (0.0, Status.BEHIND),
        (-0.2, Status.BEHIND),
        (None, Status.NO_MEASUREMENT),
    ],
)
def test_status_thresholds(share, status):
    assert status_for(share, 0.75) is status


def test_tolerance_is_a_named_convention():
    assert status_for(0.7, 0.75) is Status.ON_TRACK  # default: ten percentage points
    assert status_for(0.7, 0.75, tolerance=0.0) is Status.BEHIND
    assert status_for(0.5, 0.75, tolerance=0.3) is Status.ON_TRACK


def test_not_reaching_the_target_by_the_target_year_is_behind():
    assert status_for(0.95, 1.0) is Status.ON_TRACK
    assert status_for(0.95, 1.0, past_target_year=True) is Status.BEHIND
    assert status_for(1.0, 1.0, past_target_year=True) is Status.ACHIEVED


def test_no_target_comes_before_no_measurement():
    assert status_for(None, 0.5, has_target=False) is Status.NO_TARGET


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("uppnått", Status.ACHIEVED),
        ("  På   väg ", Status.ON_TRACK),
        ("on track", Status.ON_TRACK),
        ("Efter plan", Status.BEHIND),
        ("behind", Status.BEHIND),
        ("saknar mätning", Status.NO_MEASUREMENT),
        ("not measured", Status.NO_MEASUREMENT),
        (Status.NO_TARGET, Status.NO_TARGET),
        ("kanske", None),
        (3, None),
    ],
)
def test_status_words(word, status):
    assert parse_status(word) is status


def test_status_labels_in_both_languages():
    assert Status.ON_TRACK.label("sv") == "på väg"
    assert Status.ON_TRACK.label("en") == "on track"
    assert Status.NO_MEASUREMENT.label("en") == "not measured"


# --- the fictional example -----------------------------------------------------------------


def test_example_file_says_it_is_fictional():
    first = EXAMPLE_MEASUREMENTS.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#")
    assert "PÅHITTAT" in first and "fictional" in first


def test_example_statuses_2026(example):
    # Granbacka (fictional): baselines 2023, targets 2027, so the plan says 75 % in 2026.
    statuses = {i.id: example.status(i.id, 2026) for i in example.indicators}
    assert statuses == {
        "M1": Status.ACHIEVED,  # 70 opening hours held (target = baseline = 70)
        "M2": Status.ON_TRACK,  # (1720 − 1400) / (1800 − 1400) = 80 %
        "M3": Status.BEHIND,  # (61 − 55) / (70 − 55) = 40 %
        "M4": Status.ON_TRACK,  # (52 − 40) / (55 − 40) = 80 %
        "M5": Status.BEHIND,  # (3 − 2) / (4 − 2) = 50 %
        "M6": Status.NO_MEASUREMENT,  # the question was dropped from the 2026 survey
        "M7": Status.ACHIEVED,  # (2 − 1) / (2 − 1) = 100 %
    }
    assert example.progress("M3", 2026) == pytest.approx(0.4)
    assert example.expected(2026) == pytest.approx(0.75)


def test_example_earlier_years(example):
    assert example.years == [2024, 2025, 2026]
    assert example.status("M5", 2025) is Status.ON_TRACK  # 50 % against a plan of 50 %
    assert example.status("M5", 2024) is Status.BEHIND  # 0 % against 25 %
    assert example.actual("M6", 2025) == pytest.approx(1.2)
    assert example.actual("M6", 2026) is None


def test_frame_is_machine_readable(example):
    frame = example.frame()
    assert len(frame) == 7 * 3
    row = frame[(frame.indicator == "M2") & (frame.year == 2026)].iloc[0]
    assert row.actual == 1720 and row.progress == pytest.approx(0.8) and row.status == "på väg"


def test_table_in_swedish(example):
    table = example.table("sv")
    assert list(table.columns) == [
        "Indikator",
        "Enhet",
        "Utgångsvärde (2023)",
        "2024",
        "2025",
        "2026",
        "Målvärde (2027)",
        "Framsteg 2026",
        "Status 2026",
    ]
    assert table.loc["M2", "Utgångsvärde (2023)"] == f"1{NBSP}400"
    assert table.loc["M2", "Framsteg 2026"] == f"80{NBSP}%"
    assert table.loc["M6", "2025"] == "1,2"
    assert table.loc["M6", "2026"] == "–"
    assert table.loc["M6", "Status 2026"] == "saknar mätning"


def test_table_in_english_and_for_another_year(example):
    table = example.table("en", year=2025)
    assert table.loc["M2", "Baseline (2023)"] == "1,400"
    assert table.loc["M5", "Status 2025"] == "on track"
    assert table.loc["M1", "Progress 2025"] == "100%"


def test_decreasing_indicator_in_a_tracking():
    trips = Indicator(id="M9", element="R4", name="Bilresor", baseline=10, target=6)
    measured = pd.DataFrame({"indikator": ["M9"], "år": [2025], "mätvärde": [8]})
    tracking = track([trips], measured, 2023, 2027)
    assert tracking.progress("M9", 2025) == pytest.approx(0.5)
    assert tracking.status("M9", 2025) is Status.ON_TRACK


def test_indicator_without_target_has_no_target_status():
    loose = Indicator(id="M9", element="R4", name="Bilresor", baseline=10)
    measured = pd.DataFrame({"indikator": ["M9"], "år": [2025], "mätvärde": [8]})
    tracking = track([loose], measured, 2023, 2027)
    assert tracking.progress("M9", 2025) is None
    assert tracking.status("M9", 2025) is Status.NO_TARGET
    assert tracking.table("sv").loc["M9", "Målvärde (2027)"] == "–"


def test_hold_convention_reaches_the_tracking():
    hours = Indicator(id="M1", element="P1", name="Öppettimmar", baseline=70, target=70)
    measured = pd.DataFrame({"indikator": ["M1"], "år": [2025], "mätvärde": [65]})
    assert track([hours], measured, 2023, 2027).status("M1", 2025) is Status.BEHIND
    at_most = track([hours], measured, 2023, 2027, hold="at_most")
    assert at_most.status("M1", 2025) is Status.ACHIEVED


def test_indexed_tracking_gives_the_values_of_tracking(example):
    indexed = IndexedTracking.of(example)
    for indicator in example.indicators:
        for year in (2023, 2024, 2025, 2026, 2027):
            assert indexed.actual(indicator.id, year) == example.actual(indicator.id, year)
            assert indexed.status(indicator.id, year) is example.status(indicator.id, year)
    assert indexed.actual("M2", 2026) == 1720
    assert indexed.actual("M6", 2026) is None  # stored empty: not measured
    assert indexed.frame().equals(example.frame())
    assert indexed.table("sv").equals(example.table("sv"))


def test_indexed_tracking_keeps_the_conventions():
    hours = Indicator(id="M1", element="P1", name="Öppettimmar", baseline=70, target=70)
    measured = pd.DataFrame({"indikator": ["M1"], "år": [2025], "mätvärde": [65]})
    at_most = IndexedTracking.of(track([hours], measured, 2023, 2027, hold="at_most"))
    assert at_most.hold == "at_most" and at_most.status("M1", 2025) is Status.ACHIEVED


# --- bad input ------------------------------------------------------------------------------


def test_missing_column_is_named():
    with pytest.raises(SparkInputError) as caught:
        check_measurements(pd.DataFrame({"indikator": ["M1"], "år": [2025]}))
    assert "kolumnen ”mätvärde”" in caught.value.message("sv")
    assert "column “mätvärde”" in caught.value.message("en")


def test_text_in_a_value_names_row_column_and_value():
    table = pd.DataFrame(
        {"indikator": ["M1", "M2"], "år": ["2025", "2025"], "mätvärde": ["70", "tolv"]}
    )
    with pytest.raises(SparkInputError) as caught:
        check_measurements(table)
    (problem,) = caught.value.problems
    assert (problem.code, problem.row, problem.column, problem.value) == (
        "value.not_number",
        3,
        "mätvärde",
        "tolv",
    )
    assert "rad 3" in caught.value.message(
        "sv"
    ) and "”tolv” är inte ett tal" in caught.value.message("sv")
    assert "row 3" in caught.value.message(
        "en"
    ) and "“tolv” is not a number" in caught.value.message("en")


def test_bad_years_and_duplicates_are_all_reported():
    table = pd.DataFrame(
        {
            "indikator": ["M1", "M1", "M2", "M2", ""],
            "år": ["2025", "2025", "tjugo", "20.5", "2025"],
            "mätvärde": ["70", "71", "1", "2", "3"],
        }
    )
    with pytest.raises(SparkInputError) as caught:
        check_measurements(table)
    codes = [(p.code, p.row) for p in caught.value.problems]
    assert codes == [
        ("tracking.duplicate", 3),
        ("tracking.not_year", 4),
        ("tracking.not_year", 5),
        ("value.required", 6),
    ]
    message = caught.value.message("sv")
    assert "M1 har redan ett mätvärde för 2025 (på rad 2)" in message
    assert "4 problem hittades" in message


def test_empty_value_is_a_missing_measurement_not_an_error():
    table = pd.DataFrame({"indikator": ["M6"], "år": ["2026"], "mätvärde": [""]})
    clean = check_measurements(table)
    assert math.isnan(clean.loc[0, "mätvärde"])


def test_unknown_indicator_is_named_with_its_file_row(tmp_path, example):
    path = tmp_path / "matvarden.csv"
    path.write_text("# påhittat\nindikator,år,mätvärde\nM1,2025,70\nM8,2025,3\n", encoding="utf-8")
    measured = read_measurements(path)
    with pytest.raises(SparkInputError) as caught:
        track(example.indicators, measured, 2023, 2027)
    (problem,) = caught.value.problems
    assert (problem.row, problem.value) == (4, "M8")  # comment line 1, header 2, data 3–4
    assert "rad 4" in caught.value.message("sv") and "”M8” är ingen av indikatorerna" in (
        caught.value.message("sv")
    )


def test_file_row_numbers_count_the_comment_line(tmp_path):
    path = tmp_path / "matvarden.csv"
    path.write_text("# påhittat\nindikator,år,mätvärde\nM1,2025,sju\n", encoding="utf-8")
    with pytest.raises(SparkInputError) as caught:
        read_measurements(path)
    assert caught.value.problems[0].row == 3


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(SparkInputError) as caught:
        read_measurements(tmp_path / "saknas.csv")
    assert "finns inte" in caught.value.message("sv")


def test_target_year_must_follow_the_baseline_year(example):
    with pytest.raises(SparkInputError) as caught:
        track(example.indicators, example.measurements, 2027, 2027)
    assert "Målåret (2027) måste komma efter" in caught.value.message("sv")
    assert "target year (2027) must come after" in caught.value.message("en")


# --- charts ------------------------------------------------------------------------------------


def test_progress_chart_draws_baseline_target_and_actuals(example):
    chart = progress_chart(example, "M2", "sv")
    lines = chart.figure.axes[0].get_lines()
    actual = next(line for line in lines if line.get_label() == "Mätvärde")
    assert list(actual.get_xdata()) == [2024, 2025, 2026]
    assert list(actual.get_ydata()) == [1480, 1590, 1720]
    labels = {line.get_label() for line in lines}
    assert {"Plan (rak linje)", "Utgångsvärde 2023", "Målvärde 2027"} <= labels
    assert f"1{NBSP}400 leveranser år 2023" in chart.alt_text
    assert f"2026: 1{NBSP}720 leveranser" in chart.alt_text
    assert "Status 2026: på väg" in chart.alt_text
    assert chart.to_bytes("png").startswith(b"\x89PNG")


def test_progress_chart_says_when_a_year_was_not_measured(example):
    chart = progress_chart(example, "M6", "en")
    texts = [text.get_text() for text in chart.figure.axes[0].texts]
    assert "not measured" in texts
    assert "2026: not measured" in chart.alt_text


def test_overview_chart_has_a_bar_and_a_status_for_every_indicator(example):
    chart = progress_overview_chart(example, lang="sv")
    ax = chart.figure.axes[0]
    assert len(ax.patches) == 6  # M6 has no measurement in 2026: no bar
    texts = [text.get_text() for text in ax.texts]
    assert f"40{NBSP}% – efter plan" in texts and "saknar mätning" in texts
    for indicator in example.indicators:
        assert indicator.name in chart.alt_text
    assert f"75{NBSP}% år 2026" in chart.alt_text


# --- message catalogue --------------------------------------------------------------------------

_MODULES = [
    "impact/indicators.py",
    "impact/survey.py",
    "impact/metrics.py",
    "impact/indicator_exercises.py",
    "viz/indicator_charts.py",
]
_KEY_USE = re.compile(r'\b(?:t|InputProblem)\(\s*"([a-z_0-9]+\.[a-z_.0-9]+)"')


def test_every_message_key_of_the_indicator_modules_exists():
    used = set()
    for name in _MODULES:
        used |= set(_KEY_USE.findall((PACKAGE_DIR / name).read_text(encoding="utf-8")))
    # Built with f-strings: the status labels and the exercise explanations.
    used |= {f"tracking.status.{s.name.lower()}" for s in Status}
    used |= {f"ind_ex1.why.{s.name.lower()}" for s in Status}
    assert len(used) > 60  # the pattern really found the keys
    assert sorted(used - set(MESSAGES)) == []
