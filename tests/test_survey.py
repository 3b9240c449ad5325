"""Before/after surveys: figures, the bootstrap interval, suppression of small groups,
unpaired answers, small-sample warnings and bad input.

The percentile bootstrap follows Efron & Tibshirani, *An Introduction to the Bootstrap*
(1993); the thresholds (suppress below 5 pairs, warn below 30) are kit conventions stated in
spark_kit/impact/survey.py. The example survey is synthetic (data/examples/README_enkat.md).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from spark_kit.errors import SparkInputError
from spark_kit.impact.survey import (
    CAUTION_BELOW,
    DEFAULT_RESAMPLES,
    EXAMPLE_SURVEY,
    MIN_GROUP_SIZE,
    analyse_survey,
    bootstrap_mean_ci,
    check_survey,
    load_example_survey,
    read_survey,
)
from spark_kit.paths import EXAMPLES_DIR
from spark_kit.viz.indicator_charts import survey_chart

NBSP = "\u00a0"
SMALL = "Deltagare i arbetsträning"


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


@pytest.fixture(scope="module")
def answers() -> pd.DataFrame:
    return load_example_survey()


@pytest.fixture(scope="module")
def analysis(answers):
    return analyse_survey(answers)


def survey(groups: dict[str, list[tuple[int | None, int | None]]]) -> pd.DataFrame:
    """A survey table from {group: [(before, after), ...]}."""
    rows = []
    for group, pairs in groups.items():
        for before, after in pairs:
            rows.append({"grupp": group, "före": before, "efter": after})
    table = pd.DataFrame(rows)
    table.insert(0, "respondent", [f"P{i}" for i in range(1, len(table) + 1)])
    return table


# --- the synthetic example ----------------------------------------------------------------


def test_example_is_marked_synthetic():
    first = EXAMPLE_SURVEY.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and "SYNTETISKA" in first and "synthetic" in first


def test_readme_script_reproduces_the_example_file():
    readme = (EXAMPLES_DIR / "README_enkat.md").read_text(encoding="utf-8")
    assert "20261127" in readme
    code = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    namespace: dict = {}
    exec(code, namespace)  # the documented generator, exactly as written in the README
    made = namespace["make_survey"]()
    on_file = pd.read_csv(EXAMPLE_SURVEY, comment="#", dtype={"före": "Int64", "efter": "Int64"})
    pd.testing.assert_frame_equal(made.reset_index(drop=True), on_file, check_dtype=False)


def test_example_groups(answers, analysis):
    assert answers.groupby("grupp", sort=False).size().to_dict() == {
        "Bybor": 46,
        "Äldre utan bil": 14,
        SMALL: 4,
    }
    assert [g.group for g in analysis.groups] == ["Bybor", "Äldre utan bil", SMALL]
    assert analysis.group("Bybor").pairs == 44 and analysis.group("Bybor").unpaired == 2
    assert [g.group for g in analysis.suppressed] == [SMALL]


def test_figures_match_a_direct_computation(answers, analysis):
    group = answers[answers["grupp"] == "Äldre utan bil"].dropna(subset=["före", "efter"])
    change = group["efter"] - group["före"]
    result = analysis.group("Äldre utan bil")
    assert result.pairs == len(group) == 14
    assert result.mean_before == pytest.approx(group["före"].mean())
    assert result.mean_after == pytest.approx(group["efter"].mean())
    assert result.mean_change == pytest.approx(change.mean()) == pytest.approx(1.0)
    assert result.share_improved == pytest.approx((change > 0).mean())
    assert result.share_unchanged == pytest.approx((change == 0).mean())
    assert result.share_worse == pytest.approx((change < 0).mean())
    shares = result.share_improved + result.share_unchanged + result.share_worse
    assert shares == pytest.approx(1.0)


def test_unpaired_answers_are_counted_but_left_out(answers, analysis):
    villagers = answers[answers["grupp"] == "Bybor"]
    paired = villagers.dropna(subset=["före", "efter"])
    assert set(villagers["respondent"]) - set(paired["respondent"]) == {"R007", "R031"}
    result = analysis.group("Bybor")
    assert result.mean_before == pytest.approx(paired["före"].mean())
    assert any("2 svarande" in note for note in analysis.notes("sv"))


# --- the bootstrap interval ---------------------------------------------------------------


def test_default_number_of_resamples_is_documented():
    assert DEFAULT_RESAMPLES == 10_000


def test_bootstrap_is_deterministic_with_a_seed():
    changes = [0.3, 1.7, -0.4, 2.2, 0.9, 1.1, -1.3, 0.05, 0.6, 1.45]
    assert bootstrap_mean_ci(changes, seed=7) == bootstrap_mean_ci(changes, seed=7)
    assert bootstrap_mean_ci(changes, seed=7) != bootstrap_mean_ci(changes, seed=8)


def test_bootstrap_interval_contains_the_mean_and_stays_within_the_data(analysis):
    for result in [*analysis.shown, analysis.total]:
        assert result.ci_low <= result.mean_change <= result.ci_high
        assert result.ci_low < result.ci_high


def test_bootstrap_matches_a_plain_numpy_computation():
    values = np.array([1.0, 0.0, 2.0, 1.0, -1.0, 0.0, 1.0])
    rng = np.random.default_rng(3)
    means = values[rng.integers(0, 7, size=(500, 7))].mean(axis=1)
    expected = tuple(np.percentile(means, [2.5, 97.5]))
    assert bootstrap_mean_ci(values, n_resamples=500, seed=3) == pytest.approx(expected)


def test_bootstrap_of_equal_values_is_that_value():
    assert bootstrap_mean_ci([2, 2, 2, 2]) == (2.0, 2.0)


def test_wider_confidence_gives_a_wider_interval():
    changes = [1, 0, 2, 1, -1, 0, 1, 2, 0, 1, 1, 0]
    low90, high90 = bootstrap_mean_ci(changes, confidence=0.90)
    low99, high99 = bootstrap_mean_ci(changes, confidence=0.99)
    assert low99 <= low90 and high90 <= high99


def test_analysis_is_deterministic(answers):
    first = analyse_survey(answers, seed=11)
    again = analyse_survey(answers, seed=11)
    assert first == again


def test_group_interval_does_not_depend_on_the_other_groups():
    five = [(2, 3), (3, 3), (2, 4), (3, 4), (1, 2)]
    alone = analyse_survey(survey({"A": five}))
    with_others = analyse_survey(survey({"B": [(1, 1)] * 8, "A": five}))
    assert alone.group("A").ci_low == with_others.group("A").ci_low


# --- suppression --------------------------------------------------------------------------


def test_a_four_person_group_is_suppressed_in_the_table(analysis):
    for lang, marker in (("sv", "dolt (färre än 5)"), ("en", "hidden (fewer than 5)")):
        row = analysis.table(lang).loc[SMALL]
        assert set(row.iloc[:-1]) == {marker}  # every column but the remark
    assert "Färre än 5 svarande" in analysis.table("sv").loc[SMALL].iloc[-1]


def test_a_suppressed_group_carries_no_figures(analysis):
    result = analysis.group(SMALL)
    assert result.suppressed
    figures = [
        result.pairs,
        result.unpaired,
        result.mean_before,
        result.mean_after,
        result.mean_change,
        result.share_improved,
        result.ci_low,
        result.ci_high,
    ]
    assert figures == [None] * len(figures)


def test_a_four_person_group_is_left_out_of_the_chart(analysis):
    for lang in ("sv", "en"):
        chart = survey_chart(analysis, lang)
        labels = [tick.get_text() for tick in chart.figure.axes[0].get_yticklabels()]
        assert not any(SMALL in label for label in labels)
        assert any(label.startswith("Bybor (n = 44)") for label in labels)
        assert SMALL in chart.alt_text  # named as left out, with the reason
        note = chart.figure.get_supxlabel()
        assert SMALL in note.replace("\n", " ")
    assert f"Visas inte: {SMALL} (färre än 5" in survey_chart(analysis, "sv").alt_text
    assert f"Not shown: {SMALL} (fewer than 5" in survey_chart(analysis, "en").alt_text


def test_a_five_person_group_is_shown_in_table_and_chart():
    table = survey({"Fem": [(2, 3), (3, 3), (2, 4), (3, 4), (1, 2)], "Fyra": [(1, 2)] * 4})
    result = analyse_survey(table)
    assert not result.group("Fem").suppressed and result.group("Fem").pairs == 5
    assert result.group("Fyra").suppressed
    assert result.table("sv").loc["Fem", "Svarande med par"] == "5"
    chart = survey_chart(result, "sv")
    labels = [tick.get_text() for tick in chart.figure.axes[0].get_yticklabels()]
    assert "Fem (n = 5)" in labels and not any("Fyra" in label for label in labels)
    assert "Fem: medel före" in chart.alt_text


def test_suppression_counts_pairs_not_rows():
    # Six respondents, but two answered only once: four pairs, so the group is hidden.
    table = survey({"Sex": [(2, 3), (3, 3), (2, 4), (3, 4), (1, None), (None, 2)]})
    assert analyse_survey(table).group("Sex").suppressed


def test_the_limit_is_a_named_convention():
    table = survey({"Fyra": [(1, 2), (2, 3), (3, 3), (2, 2)]})
    assert MIN_GROUP_SIZE == 5
    assert analyse_survey(table).group("Fyra").suppressed
    assert not analyse_survey(table, min_group_size=3).group("Fyra").suppressed


def test_total_covers_only_the_groups_shown_by_default(analysis):
    shown_pairs = sum(g.pairs for g in analysis.shown)
    assert analysis.total_covers == "shown_groups"
    assert analysis.total.pairs == shown_pairs == 58  # the hidden group cannot be subtracted out
    assert analysis.table("sv").index[-1] == "Totalt (redovisade grupper)"


def test_total_of_all_groups_is_the_other_convention(answers):
    everyone = analyse_survey(answers, total="all")
    assert everyone.total.pairs == 62  # 44 + 14 + the 4 hidden pairs
    assert everyone.table("en").index[-1] == "Total (all groups)"
    assert any("figures can be worked out" in note for note in everyone.notes("en"))


def test_when_every_group_is_hidden_nothing_is_shown():
    result = analyse_survey(survey({"A": [(1, 2)] * 3, "B": [(2, 3)] * 4}))
    assert result.total.suppressed and not result.shown
    chart = survey_chart(result, "sv")
    assert "Ingen grupp har tillräckligt många svarande" in chart.alt_text
    table = result.table("sv")
    assert set(table.loc["A"].iloc[:-1]) == {"dolt (färre än 5)"}


def test_notes_explain_the_rule_and_why(analysis):
    notes = " ".join(analysis.notes("sv"))
    assert f"Gruppen {SMALL} har färre än 5 svarande" in notes
    assert "integritet" in notes and "liten by" in notes
    assert "10" in notes and "2026" in notes  # resamples and seed are stated


# --- small samples ------------------------------------------------------------------------


def test_small_sample_warning_below_thirty_pairs(analysis):
    assert CAUTION_BELOW == 30
    assert analysis.group("Äldre utan bil").small_sample  # 14 pairs
    assert not analysis.group("Bybor").small_sample  # 44 pairs
    table = analysis.table("sv")
    assert table.loc["Äldre utan bil", "Anmärkning"] == "Färre än 30 par: tolka med försiktighet."
    assert table.loc["Bybor", "Anmärkning"] == ""
    assert any("Färre än 30 par i Äldre utan bil" in note for note in analysis.notes("sv"))


def test_the_warning_limit_is_a_named_convention(answers):
    assert not analyse_survey(answers, caution_below=10).group("Äldre utan bil").small_sample
    assert analyse_survey(answers, caution_below=50).group("Bybor").small_sample


def test_a_checked_table_keeps_its_file_rows_when_checked_again(tmp_path):
    path = tmp_path / "enkat.csv"
    path.write_text(
        "# syntetiskt\nrespondent,grupp,före,efter\nA,G,3,4\nB,G,3,5\n", encoding="utf-8"
    )
    clean = read_survey(path)
    assert list(clean["rad"]) == [3, 4]
    with pytest.raises(SparkInputError) as caught:
        check_survey(clean, scale=(1, 4))
    assert caught.value.problems[0].row == 4


def test_table_formats_numbers_in_swedish_and_english(analysis):
    sv = analysis.table("sv")
    assert sv.loc["Äldre utan bil", "Medelförändring"] == "+1,00"
    assert sv.loc["Äldre utan bil", "Bättre"] == f"71{NBSP}%"
    assert re.fullmatch(
        r"\+0,\d\d till \+1,\d\d", sv.loc["Äldre utan bil", f"95{NBSP}% konfidensintervall"]
    )
    en = analysis.table("en")
    assert en.loc["Äldre utan bil", "Mean change"] == "+1.00"
    assert re.fullmatch(
        r"\+0\.\d\d to \+1\.\d\d", en.loc["Äldre utan bil", "95% confidence interval"]
    )


# --- bad input ----------------------------------------------------------------------------


def test_missing_column_is_named_in_both_languages():
    table = pd.DataFrame({"respondent": ["A"], "grupp": ["G"], "före": [3]})
    with pytest.raises(SparkInputError) as caught:
        check_survey(table)
    assert "kolumnen ”efter”" in caught.value.message("sv")
    assert "column “efter”" in caught.value.message("en")


def test_text_in_an_answer_names_row_column_and_value():
    table = survey({"G": [(3, 4), (2, 3)]})
    table["efter"] = table["efter"].astype(object)
    table.loc[1, "efter"] = "bra"
    with pytest.raises(SparkInputError) as caught:
        check_survey(table)
    (problem,) = caught.value.problems
    assert (problem.code, problem.row, problem.column, problem.value) == (
        "value.not_number",
        3,
        "efter",
        "bra",
    )
    assert caught.value.message("sv") == "rad 3, kolumnen ”efter”: ”bra” är inte ett tal."
    assert caught.value.message("en") == "row 3, column “efter”: “bra” is not a number."


def test_value_outside_the_scale():
    table = survey({"G": [(3, 7)]})
    with pytest.raises(SparkInputError) as caught:
        check_survey(table)
    expected = "rad 2, kolumnen ”efter”: ”7” ligger utanför skalan; svaren ska vara från 1 till 5."
    assert caught.value.message("sv") == expected
    assert "“7” is outside the scale; answers must be from 1 to 5." in caught.value.message("en")
    assert check_survey(table, scale=(0, 10))["efter"].iloc[0] == 7


def test_half_steps_are_not_answers_on_the_scale():
    table = survey({"G": [(3, 3.5)]})
    with pytest.raises(SparkInputError) as caught:
        check_survey(table)
    assert "”3.5” är inte ett heltal" in caught.value.message("sv")


def test_every_problem_is_reported_at_once():
    table = pd.DataFrame(
        {
            "respondent": ["A", "A", "", "D"],
            "grupp": ["G", "G", "G", ""],
            "före": ["3", "x", "2", "9"],
            "efter": ["4", "3", "3", "1"],
        }
    )
    with pytest.raises(SparkInputError) as caught:
        check_survey(table)
    found = [(p.code, p.row, p.column) for p in caught.value.problems]
    assert found == [
        ("value.not_number", 3, "före"),
        ("id.duplicate", 3, "respondent"),
        ("value.required", 4, "respondent"),
        ("survey.out_of_scale", 5, "före"),
        ("value.required", 5, "grupp"),
    ]
    assert caught.value.message("sv").startswith("5 problem hittades:")


def test_analysis_checks_raw_input():
    with pytest.raises(SparkInputError):
        analyse_survey(
            pd.DataFrame({"respondent": ["A"], "grupp": ["G"], "före": [3], "efter": ["?"]})
        )


def test_file_rows_count_the_comment_line(tmp_path):
    path = tmp_path / "enkat.csv"
    path.write_text(
        "# syntetiskt\nrespondent,grupp,före,efter\nA,G,3,4\nB,G,3,sex\n", encoding="utf-8"
    )
    with pytest.raises(SparkInputError) as caught:
        read_survey(path)
    assert caught.value.problems[0].row == 4


def test_decimal_comma_and_spaces_are_read():
    table = pd.DataFrame(
        {"respondent": [" A "], "grupp": [" G "], "före": ["3,0"], "efter": [" 4 "]}
    )
    clean = check_survey(table)
    assert clean.iloc[0].tolist()[:4] == ["A", "G", 3.0, 4.0]
