"""Investment readiness: the kit's own question set, its scoring rules and the radar chart.

The dimensions and the rule for skipped questions come from /work/shared/reference/financing.md
§3 (investment-readiness frameworks; the proposed kit questionnaire): six dimensions, answer
ladders 0–4, dimension averages, skipped items excluded "as in the OECD tool" (the OECD/EC Better
Entrepreneurship Policy Tool leaves "No answer" out of the average). The items are the kit's own;
a test checks that none repeats the wording of the frameworks the reference names. The Granbacka
answers are FICTIONAL (data/examples/granbacka_beredskap.yaml); the expected scores below are
their means worked out by hand.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes

from spark_kit.errors import SparkInputError
from spark_kit.finance.readiness import (
    EXAMPLE_PATH,
    QUESTION_SET_PATH,
    answer_template,
    assess,
    example_is_fictional,
    explain,
    format_score,
    load_example_assessments,
    load_question_set,
    parse_answers,
)
from spark_kit.paths import NOTEBOOKS_DIR
from spark_kit.viz.readiness_chart import draw_readiness_radar, readiness_alt_text
from spark_kit.viz.theme import OKABE_ITO

LANGS = ["sv", "en"]
DIMENSIONS = [
    "mission_impact",
    "market_customers",
    "business_model",
    "financial_management",
    "people_governance",
    "funding_readiness",
]
# Granbacka 2026 (fictional), by hand: ME 4+3+3+2+2 = 14/5; MK 3+2+1+2+3 = 11/5;
# AE 2+1+3+2+1 = 9/5; ES 3+2+1+1 = 7/4 (ES5 skipped); MS 2+2+3+1+3 = 11/5; FB 2+1+1+2+0 = 6/5.
MEANS_2026 = {
    "mission_impact": 2.8,
    "market_customers": 2.2,
    "business_model": 1.8,
    "financial_management": 1.75,
    "people_governance": 2.2,
    "funding_readiness": 1.2,
}
# Granbacka 2025: ME 5/5; MK 10/5; AE 9/5; ES 7/4; MS 9/5; FB 4/5.
MEANS_2025 = {
    "mission_impact": 1.0,
    "market_customers": 2.0,
    "business_model": 1.8,
    "financial_management": 1.75,
    "people_governance": 1.8,
    "funding_readiness": 0.8,
}

#: Wording of the frameworks named in financing.md §3, as the reference quotes it. Licensed
#: restrictively: EVPA Practical Guide (CC BY-NC-ND 3.0), KTH Innovation Readiness Level
#: ("made available under license"), B Impact Assessment (content owned by B Lab). Licence not
#: stated: Big Potential Diagnostic, IREAD, Miller Center, the kisd "Check your Investment
#: Readiness" click-dummy. None of these phrases may appear in the kit's items.
FRAMEWORK_PHRASES = [
    # EVPA Practical Guide (4th ed., 2018): sections of the investment process
    "deal screening",
    "due diligence",
    "portfolio management",
    "non-financial support",
    "impact measurement and management",
    # KTH Innovation Readiness Level
    "innovation readiness level",
    "customer readiness",
    "technology readiness",
    "ipr readiness",
    "team readiness",
    "funding readiness level",
    # B Impact Assessment
    "b impact",
    "impact topics",
    "foundation requirements",
    # Big Potential Diagnostic: section titles
    "knowledge questionnaire",
    "financial history, staff numbers",
    "what you do, and who your customers are",
    "how you do things, how well you do them",
    "how you manage your finances",
    "investment readiness indicators",
    # IREAD
    "financial systems and procedures",
    # Miller Center self-assessment
    "outside validation",
    "revenue covers costs",
    "audited 3+ years",
    # kisd click-dummy (its questions and answer ladders)
    "root cause",
    "competitive edge",
    "service shortfalls",
    "impact chain",
    "value add",
    "no, why should we",
]


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


@pytest.fixture(scope="module")
def qs():
    return load_question_set()


@pytest.fixture(scope="module")
def granbacka():
    return load_example_assessments()


def all_texts(qs) -> list[str]:
    texts = []
    for d in qs.dimensions:
        texts += [d.label(lang) for lang in LANGS]
        for item in d.items:
            for lang in LANGS:
                texts.append(item.question(lang))
                texts.append(item.next_step(lang))
                texts += [item.level(n, lang) for n in range(5)]
    return texts


# --- the question set ----------------------------------------------------------------------


def test_thirty_items_in_six_dimensions_of_five(qs):
    assert [d.id for d in qs.dimensions] == DIMENSIONS
    assert [len(d.items) for d in qs.dimensions] == [5] * 6
    assert len(qs.items) == 30
    assert len({item.id for item in qs.items}) == 30


def test_every_item_has_swedish_and_english_text_and_five_levels(qs):
    for item in qs.items:
        assert len(item.level_texts) == 5, item.id
        for lang in LANGS:
            assert item.question(lang).strip(), (item.id, lang)
            assert item.next_step(lang).strip(), (item.id, lang)
            levels = [item.level(n, lang) for n in range(5)]
            assert all(text.strip() for text in levels), (item.id, lang)
            assert len(set(levels)) == 5, f"{item.id}/{lang}: two levels say the same"
        assert item.question("sv") != item.question("en"), item.id


def test_every_next_step_module_exists_as_a_notebook(qs):
    for item in qs.items:
        notebook = NOTEBOOKS_DIR / f"{item.module}.ipynb"
        assert notebook.is_file(), f"{item.id} points to {item.module}, which has no notebook"


def test_every_one_of_the_ten_modules_is_a_next_step_somewhere(qs):
    assert sorted({item.module for item in qs.items}) == sorted(qs.modules)
    assert len(qs.modules) == 10


def test_the_file_says_who_wrote_it_and_that_nothing_is_copied(qs):
    header = QUESTION_SET_PATH.read_text(encoding="utf-8").split("\n\n")[0]
    assert "WRITTEN BY THE SPARK KIT TEAM, 2026-11-27" in header
    assert "NO ITEM IS TAKEN\n# FROM ANY LICENSED FRAMEWORK" in header
    assert qs.written_by == "SPARK kit team" and qs.date == "2026-11-27"
    names = " ".join(f"{f['name']} ({f['publisher']})" for f in qs.informed_by)
    for framework in (
        "Big Potential",
        "IREAD",
        "Miller Center",
        "KTH",
        "EVPA",
        "Better Entrepreneurship",
    ):
        assert framework in names
    for framework in qs.informed_by:
        assert framework["address"].startswith("http"), framework["name"]
        assert framework["licence"], framework["name"]
        assert framework["used_for"], framework["name"]


def test_no_item_repeats_the_wording_of_the_frameworks_in_the_reference(qs):
    texts = [text.casefold() for text in all_texts(qs)]
    for phrase in FRAMEWORK_PHRASES:
        hits = [text for text in texts if phrase in text]
        assert not hits, f"{phrase!r} appears in: {hits[0]}"


def test_the_dimension_names_are_not_the_kth_irl_names(qs):
    # KTH IRL's six dimensions (financing.md §3): Customer, Technology, Business model, IPR,
    # Team, Funding – licensed; the kit's dimensions follow the reference's own proposal.
    kth = {"customer", "technology", "business model", "ipr", "team", "funding"}
    assert not {d.label("en").casefold() for d in qs.dimensions} & kth


def test_a_broken_question_set_is_refused_with_every_problem(tmp_path):
    data = yaml.safe_load(QUESTION_SET_PATH.read_text(encoding="utf-8"))
    items = data["dimensions"][0]["items"]
    items[0]["levels"] = items[0]["levels"][:4]
    items[1]["module"] = "12_okand"
    del items[2]["question"]["en"]
    items[3]["id"] = items[4]["id"]
    path = tmp_path / "trasig.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SparkInputError) as caught:
        load_question_set(path)
    codes = sorted(p.code for p in caught.value.problems)
    assert codes == [
        "readiness.set.duplicate_id",
        "readiness.set.levels",
        "readiness.set.missing_text",
        "readiness.set.unknown_module",
    ]
    text = caught.value.message("sv")
    assert "bladet ”trasig.yaml”" in text
    assert "Frågan har 4 nivåbeskrivningar; den ska ha 5" in text
    assert "”12_okand” är ingen av kitets moduler" in text
    assert "ME3.question.en" in text
    assert "The question has 4 level descriptions; it needs 5" in caught.value.message("en")


def test_a_missing_question_file_is_a_clear_error(tmp_path):
    with pytest.raises(SparkInputError) as caught:
        load_question_set(tmp_path / "finns_inte.yaml")
    assert "finns inte" in caught.value.message("sv")


# --- answers -------------------------------------------------------------------------------


def test_template_has_every_item_unanswered(qs):
    template = answer_template()
    assert list(template) == [item.id for item in qs.items]
    assert set(template.values()) == {None}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(3, 3), ("3", 3), (" 3 ", 3), (0, 0), ("4", 4), (3.0, 3), ("2,0", 2), (np.int64(2), 2)],
)
def test_accepted_answers(raw, expected):
    assert parse_answers({"ME1": raw})["ME1"] == expected


@pytest.mark.parametrize("blank", [None, "", "   ", float("nan")])
def test_blank_answers_are_skipped(blank):
    parsed = parse_answers({"ME1": blank, "ME2": 1})
    assert parsed["ME1"] is None and parsed["ME2"] == 1


def test_ids_are_matched_without_regard_to_case_or_spaces():
    assert parse_answers({" me1 ": 2, "Mk3": "4"})["MK3"] == 4


def test_unanswered_items_are_none(qs):
    parsed = parse_answers({"ME1": 2})
    assert len(parsed) == 30 and sum(v is None for v in parsed.values()) == 29


@pytest.mark.parametrize(
    ("raw", "code", "sv", "en"),
    [
        (
            5,
            "readiness.answer.out_of_range",
            "Fråga ME1: 5 ligger utanför skalan",
            "Question ME1: 5 is outside the scale",
        ),
        (
            -1,
            "readiness.answer.out_of_range",
            "Fråga ME1: -1 ligger utanför skalan",
            "Question ME1: -1 is outside the scale",
        ),
        (
            "5",
            "readiness.answer.out_of_range",
            "Fråga ME1: 5 ligger utanför",
            "Question ME1: 5 is outside",
        ),
        (
            2.5,
            "readiness.answer.not_integer",
            "Fråga ME1: 2.5 är inget heltal",
            "Question ME1: 2.5 is not a whole number",
        ),
        (
            "2,5",
            "readiness.answer.not_integer",
            "Fråga ME1: 2,5 är inget heltal",
            "Question ME1: 2,5 is not a whole number",
        ),
        (
            "mycket",
            "readiness.answer.not_number",
            "Fråga ME1: ”mycket” är inget svar",
            "Question ME1: “mycket” is not an answer",
        ),
        (
            True,
            "readiness.answer.not_number",
            "Fråga ME1: ”True” är inget svar",
            "Question ME1: “True” is not an answer",
        ),
        (
            float("inf"),
            "readiness.answer.not_number",
            "Fråga ME1: ”inf” är inget svar",
            "Question ME1: “inf” is not an answer",
        ),
        (
            [3],
            "readiness.answer.not_number",
            "Fråga ME1: ”[3]” är inget svar",
            "Question ME1: “[3]” is not an answer",
        ),
    ],
)
def test_bad_answers_name_the_item_and_value_in_both_languages(raw, code, sv, en):
    with pytest.raises(SparkInputError) as caught:
        parse_answers({"ME1": raw})
    (problem,) = caught.value.problems
    assert problem.code == code
    assert problem.params["item"] == "ME1"
    assert sv in caught.value.message("sv")
    assert en in caught.value.message("en")
    assert "0 till 4" in caught.value.message("sv") or "0, 1, 2, 3 eller 4" in caught.value.message(
        "sv"
    )


def test_every_bad_answer_is_reported_at_once():
    with pytest.raises(SparkInputError) as caught:
        assess({"ME1": 5, "ME2": 2.5, "ME3": "mycket", "ME4": 3})
    assert [p.params["item"] for p in caught.value.problems] == ["ME1", "ME2", "ME3"]
    assert caught.value.message("sv").startswith("3 problem hittades:")


def test_an_unknown_item_is_named_with_a_suggestion():
    with pytest.raises(SparkInputError) as caught:
        parse_answers({"ME6": 2, "XYZ": 1})
    sv = caught.value.message("sv")
    assert "”ME6” är ingen fråga i självskattningen – menade ni ME5?" in sv
    assert "”XYZ” är ingen fråga i självskattningen; frågorna heter ME1–ME5, MK1–MK5" in sv
    assert "“XYZ” is not a question in the self-assessment" in caught.value.message("en")


def test_the_same_item_twice_is_refused():
    with pytest.raises(SparkInputError) as caught:
        parse_answers({"ME1": 2, "me1": 3})
    assert "Fråga ME1 har fått svar två gånger" in caught.value.message("sv")


def test_answers_that_are_not_a_mapping_are_refused():
    with pytest.raises(SparkInputError) as caught:
        parse_answers([("ME1", 3)])
    assert "inte en list" in caught.value.message("sv")
    assert "not a list" in caught.value.message("en")


# --- scoring: Granbacka (fictional) ----------------------------------------------------------


def test_the_example_is_marked_fictional():
    assert example_is_fictional()
    assert EXAMPLE_PATH.read_text(encoding="utf-8").startswith("# FICTIONAL example")


def test_dimension_means_and_percentages(granbacka):
    result = assess(granbacka[2026])
    for d in result.dimensions:
        assert d.mean == pytest.approx(MEANS_2026[d.dimension.id]), d.dimension.id
        assert d.percent == pytest.approx(MEANS_2026[d.dimension.id] / 4)
    es = result.dimension("financial_management")
    assert (es.answered, es.total) == (4, 5)
    assert es.percent == pytest.approx(0.4375)
    assert result.missing == ("ES5",)


def test_a_skipped_item_counts_neither_as_zero_nor_as_four(granbacka):
    # financing.md §3: "skipped items are excluded, as in the OECD tool".
    es = assess(granbacka[2026]).dimension("financial_management")
    assert es.mean == pytest.approx(7 / 4)
    assert es.mean != pytest.approx(7 / 5)
    assert es.mean != pytest.approx(11 / 5)


def test_overall_from_dimensions_and_from_items(granbacka):
    answers = granbacka[2026]
    by_dimensions = assess(answers).overall
    by_items = assess(answers, overall_from="items").overall
    assert by_dimensions == pytest.approx(sum(MEANS_2026.values()) / 6)  # 11.95 / 6
    assert by_dimensions == pytest.approx(1.9916666666666667)
    assert by_items == pytest.approx(58 / 29)  # 58 points over 29 answered items
    assert assess(answers).overall_percent == pytest.approx(11.95 / 24)


def test_weakest_dimensions(granbacka):
    result = assess(granbacka[2026])
    assert [d.dimension.id for d in result.weakest()] == [
        "funding_readiness",
        "financial_management",
    ]
    assert [d.dimension.id for d in result.weakest(3)][-1] == "business_model"  # 1.8 > 1.75


def test_ties_among_weakest_keep_question_set_order():
    answers = {item.id: 2 for item in load_question_set().items}
    assert [d.dimension.id for d in assess(answers).weakest(2)] == DIMENSIONS[:2]


def test_next_steps_are_the_modules_of_the_lowest_items_deduplicated_in_order(granbacka):
    result = assess(granbacka[2026])
    steps = result.next_steps()
    # FB5 = 0 → 06; then the 1s: FB2, FB3 (dimension 1.2) → 06, 08; ES3, ES4 (1.75) → 07.
    assert [s.module for s in steps] == [
        "06_finansieringskallor",
        "08_lan_och_medlemskapital",
        "07_likviditet_och_nollpunkt",
    ]
    assert [i.id for i in steps[0].items] == ["FB5", "FB2", "FB1", "FB4"]
    assert steps[0].lowest == 0 and steps[1].lowest == 1
    assert steps[0].title("sv") == "Finansieringskällor"
    every = [s.module for s in result.next_steps(limit=None)]
    assert len(every) == len(set(every))
    # The other 1s: MK3 and MS4 (both dimensions 2.2, question order) → 10, 01; then the 2s by
    # dimension: MK4 (2.2) → 05 before MS2 (2.2) → 02, then ME4, ME5 (2.8) → 03, 04.
    assert every[3:] == [
        "10_resultatbaserad_finansiering",
        "01_effektlogik",
        "05_samhallsekonomi",
        "02_indikatorer",
        "03_fem_dimensioner",
        "04_sroi",
    ]
    # Items at 3 or 4 are in place: their modules (09 crowdfunding via MK5 = 3) are no next step.
    assert "09_crowdfunding" not in every


def test_next_steps_with_another_target(granbacka):
    result = assess(granbacka[2026])
    strict = [s.module for s in result.next_steps(limit=None, target=1)]
    assert strict == ["06_finansieringskallor"]  # only FB5 is below 1
    generous = [s.module for s in result.next_steps(limit=None, target=4)]
    assert generous[-1] == "09_crowdfunding"  # MK5 = 3 counts only when the target is 4


def test_no_next_steps_when_everything_is_in_place():
    answers = {item.id: 3 for item in load_question_set().items}
    result = assess(answers)
    assert result.next_steps() == []
    assert "inga nästa steg behövs" in explain(result, "sv")


def test_a_dimension_needs_three_answers_by_default(granbacka):
    answers = {**granbacka[2026], "FB1": None, "FB2": None, "FB3": None}
    result = assess(answers)
    fb = result.dimension("funding_readiness")
    assert not fb.scored and fb.mean is None and fb.percent is None
    assert fb.answered == 2 and fb.raw_mean == pytest.approx(1.0)
    assert [d.dimension.id for d in result.unscored] == ["funding_readiness"]
    assert result.overall is None and result.overall_percent is None
    assert "funding_readiness" not in [d.dimension.id for d in result.weakest(6)]
    # The other convention: two answers are enough.
    relaxed = assess(answers, min_answered=2)
    assert relaxed.dimension("funding_readiness").mean == pytest.approx(1.0)
    assert relaxed.overall is not None


def test_an_empty_assessment_scores_nothing():
    result = assess({})
    assert not any(d.scored for d in result.dimensions)
    assert result.overall is None and result.next_steps() == [] and len(result.missing) == 30


def test_change_since_last_year(granbacka):
    now, before = assess(granbacka[2026]), assess(granbacka[2025])
    change = now.change_since(before)
    for dimension_id in DIMENSIONS:
        expected = MEANS_2026[dimension_id] - MEANS_2025[dimension_id]
        assert change[dimension_id] == pytest.approx(expected)
    assert change["mission_impact"] == pytest.approx(1.8)
    assert change["business_model"] == 0


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"min_answered": 0}, "min_answered ska vara ett heltal från 1 till 5, inte 0"),
        ({"min_answered": 6}, "min_answered ska vara ett heltal från 1 till 5, inte 6"),
        ({"min_answered": "3"}, "min_answered ska vara ett heltal från 1 till 5, inte 3"),
        ({"overall_from": "medel"}, "”medel” är inget giltigt värde; välj bland dimensions, items"),
    ],
)
def test_bad_settings_are_refused(kwargs, text):
    with pytest.raises(SparkInputError) as caught:
        assess({"ME1": 2}, **kwargs)
    assert text in caught.value.message("sv")


@pytest.mark.parametrize(("kwargs", "name"), [({"limit": 0}, "limit"), ({"target": 5}, "target")])
def test_bad_next_step_settings_are_refused(granbacka, kwargs, name):
    with pytest.raises(SparkInputError) as caught:
        assess(granbacka[2026]).next_steps(**kwargs)
    assert f"{name} must be a whole number" in caught.value.message("en")


def test_explain_in_both_languages(granbacka):
    result = assess(granbacka[2026])
    sv, en = explain(result, "sv"), explain(result, "en")
    assert "- Ekonomistyrning: 1,75 av 4 (44\u00a0%), 4 av 5 frågor besvarade" in sv
    assert "Sammantaget: 1,99 av 4 (50\u00a0%) (medelvärdet av dimensionerna)." in sv
    assert "Överhoppade frågor (räknas inte in i medelvärdet): ES5." in sv
    assert "Svagast: Finansieringsberedskap, Ekonomistyrning." in sv
    assert "1. Finansieringskällor (06_finansieringskallor)" in sv
    assert "- Financial management: 1.75 of 4 (44%), 4 of 5 questions answered" in en
    assert "Overall: 1.99 of 4 (50%) (the mean of the dimensions)." in en
    unscored = assess({**granbacka[2026], "FB1": None, "FB2": None, "FB3": None})
    assert "Inget sammantaget värde: Finansieringsberedskap har färre än 3" in explain(
        unscored, "sv"
    )


def test_format_score():
    assert format_score(2.8, "sv") == "2,8 av 4 (70\u00a0%)"
    assert format_score(1.75, "en") == "1.75 of 4 (44%)"
    assert format_score(None, "sv") == "ej bedömd"


# --- the radar chart -------------------------------------------------------------------------


def test_radar_is_a_polar_figure_with_every_dimension_and_value(granbacka):
    result = assess(granbacka[2026])
    chart = draw_readiness_radar(result, "sv", "Granbacka (påhittat exempel)")
    assert isinstance(chart.figure, Figure)
    (ax,) = chart.figure.axes
    assert isinstance(ax, PolarAxes)
    labels = [label.get_text().replace("\n", " ") for label in ax.get_xticklabels()]
    assert labels == [d.label("sv") for d in result.dimensions]
    values = {text.get_text() for text in ax.texts}
    assert {"2,8", "2,2", "1,8", "1,75", "1,2"} <= values
    (line,) = [line for line in ax.lines if line.get_label() == "Nu"]
    assert line.get_color() == OKABE_ITO["blue"]
    assert list(line.get_ydata()[:6]) == pytest.approx(list(MEANS_2026.values()))
    assert chart.to_bytes("png", dpi=60).startswith(b"\x89PNG")


@pytest.mark.parametrize("lang", LANGS)
def test_radar_alt_text_lists_every_dimensions_score(granbacka, lang):
    result = assess(granbacka[2026])
    chart = draw_readiness_radar(result, lang)
    for d in result.dimensions:
        assert f"{d.label(lang)} {format_score(d.mean, lang)}" in chart.alt_text
    assert chart.alt_text == readiness_alt_text(result, lang)
    assert ("skala från 0 till 4" if lang == "sv" else "scale from 0 to 4") in chart.alt_text


def test_radar_compares_with_last_year(granbacka):
    now, before = assess(granbacka[2026]), assess(granbacka[2025])
    chart = draw_readiness_radar(
        now, "sv", previous=before, current_label="2026", previous_label="2025"
    )
    (ax,) = chart.figure.axes
    styles = {line.get_label(): (line.get_linestyle(), line.get_marker()) for line in ax.lines}
    assert styles["2026"] == ("-", "o") and styles["2025"] == ("--", "s")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2026", "2025"]
    alt = chart.alt_text
    assert "2025: Mission och effekt 1,0 av 4 (25\u00a0%)" in alt
    assert "Förändring sedan 2025: Mission och effekt +1,8;" in alt
    assert "Affärsmodell och ekonomi oförändrad" in alt
    assert "heldragen linje" in alt and "streckad linje" in alt


def test_radar_marks_an_unscored_dimension(granbacka):
    result = assess({**granbacka[2026], "FB1": None, "FB2": None, "FB3": None})
    chart = draw_readiness_radar(result, "en")
    assert "Funding readiness not scored" in chart.alt_text
    assert "not scored" in {text.get_text() for text in chart.figure.axes[0].texts}
    assert all(not math.isnan(y) for line in chart.figure.axes[0].lines for y in line.get_ydata())


def test_radar_module_never_uses_pyplot():
    import spark_kit.viz.readiness_chart as module

    source = Path(module.__file__).read_text(encoding="utf-8")
    assert not re.search(
        r"import\s+matplotlib\.pyplot|from\s+matplotlib\s+import\s+pyplot|\bplt\.", source
    )
