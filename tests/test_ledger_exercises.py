"""The self-checking exercises of notebooks/05_samhallsekonomi.ipynb.

Right answers are accepted; each kind of wrong answer is refused with a message that names
the mistake, in Swedish and English. The method (transfers are a cost per actor but cancel
for society; real costs are production loss and resource use) follows
/work/shared/reference/impact-methods.md §5.1. The figures come from the fictional example
ledger of Myrbacka arbetskooperativ.
"""

from __future__ import annotations

import pytest

from spark_kit.impact.exercises import Feedback
from spark_kit.impact.ledger import Actor, load_ledger_example
from spark_kit.impact.ledger_exercises import (
    EXERCISE_GROUP,
    check_ledger_exercise_1,
    check_ledger_exercise_2,
    ledger_exercise_1_solution,
    ledger_exercise_2_solution,
)

LANGS = ["sv", "en"]


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- Exercise 1 ------------------------------------------------------------------------------


def test_solution_1_is_the_municipalitys_cost_and_the_real_costs():
    # Riksnormen 2019 (48 960) + boende (66 000) + handläggning (20 000); society: real costs.
    assert ledger_exercise_1_solution() == {"kommun": 134_960, "samhället": 280_000}


@pytest.mark.parametrize("lang", LANGS)
def test_solution_1_is_accepted(lang):
    feedback = check_ledger_exercise_1(ledger_exercise_1_solution(), lang)
    assert isinstance(feedback, Feedback) and feedback.correct
    assert ("134 960" if lang == "sv" else "134,960") in feedback.message.replace("\u00a0", " ")


@pytest.mark.parametrize(
    "answer",
    [
        {"kommunen": "134 960 kr", "Samhället": "280 000"},
        {"municipality": 134_960.4, "society": 280_000},
        {"kommun": "134960,0", "samhallet": 279_999.5},
    ],
)
def test_answers_1_in_other_words_and_formats_are_accepted(answer):
    assert check_ledger_exercise_1(answer, "sv").correct


@pytest.mark.parametrize(
    ("answer", "sv", "en"),
    [
        (
            {"kommun": 20_000, "samhället": 280_000},
            "bara kommunens reala kostnad",
            "only the municipality's real cost",
        ),
        (
            {"kommun": 1, "samhället": 280_000},
            "Lägg ihop kommunens reala kostnader och de transfereringar",
            "Add the municipality's real costs and the transfers",
        ),
        (
            {"kommun": 134_960, "samhället": 394_960},
            "räknar med transfereringarna",
            "counts the transfers",
        ),
        (
            {"kommun": 134_960, "samhället": 60_000},
            "saknar produktionsbortfallet",
            "leaves out the production loss",
        ),
        (
            {"kommun": 134_960, "samhället": 5},
            "Lägg ihop alla reala kostnader",
            "Add up all real costs",
        ),
        ({"kommun": 134_960}, "Svaret saknar ”samhället”", "The answer has no “samhället”"),
        (
            {"kommun": "mycket", "samhället": 280_000},
            "”mycket” (för ”kommun”) är inget tal",
            "“mycket” (for “kommun”) is not an amount",
        ),
        (
            {"staten": 1, "kommun": 134_960, "samhället": 280_000},
            "”staten” är inte en del av frågan",
            "“staten” is not part of the question",
        ),
    ],
)
def test_wrong_answers_1_are_explained(answer, sv, en):
    in_sv, in_en = check_ledger_exercise_1(answer, "sv"), check_ledger_exercise_1(answer, "en")
    assert not in_sv.correct and not in_en.correct
    assert in_sv.message.startswith("Inte riktigt än.")
    assert sv in in_sv.message
    assert en in in_en.message


def test_empty_answer_1_names_both_parts():
    message = check_ledger_exercise_1({}, "sv").message
    assert "saknar ”kommun”" in message and "saknar ”samhället”" in message


# --- Exercise 2 ------------------------------------------------------------------------------


def test_solution_2_is_the_lowest_rate_that_pays_back():
    solution = ledger_exercise_2_solution()
    ledger = load_ledger_example()

    def payback(percent):
        changed = ledger.with_group_changes(EXERCISE_GROUP, success_rate=percent / 100)
        return changed.evaluate().payback(Actor.KOMMUN)

    assert solution == 9
    assert payback(solution) is not None and payback(solution) <= ledger.horizon_years
    assert payback(solution - 1) is None


@pytest.mark.parametrize("lang", LANGS)
def test_solution_2_is_accepted_with_the_payback_time(lang):
    feedback = check_ledger_exercise_2(ledger_exercise_2_solution(), lang)
    assert feedback.correct
    assert ("4,9 år" if lang == "sv" else "4.9 years") in feedback.message
    assert ("8" in feedback.message) and EXERCISE_GROUP in feedback.message


@pytest.mark.parametrize("answer", ["9 %", "9", 0.09, 9.0])
def test_answer_2_formats(answer):
    assert check_ledger_exercise_2(answer, "sv").correct


@pytest.mark.parametrize(
    ("answer", "sv", "en"),
    [
        (5, "betalar sig kommunens insats inte inom 5 år", "does not pay back within 5 years"),
        (50, "men den gör det också vid lägre andelar", "but it does so at lower shares too"),
        (150, "ingen andel", "not a share"),
        ("hälften", "ingen andel", "not a share"),
        (None, "ingen andel", "not a share"),
        (9.5, "ingen andel", "not a share"),
    ],
)
def test_wrong_answers_2_say_which_way_to_go(answer, sv, en):
    in_sv, in_en = check_ledger_exercise_2(answer, "sv"), check_ledger_exercise_2(answer, "en")
    assert not in_sv.correct and not in_en.correct
    assert sv in in_sv.message
    assert en in in_en.message


def test_feedback_renders_as_a_status_box():
    html = check_ledger_exercise_1({"kommun": 1}, "sv")._repr_html_()
    assert 'role="status"' in html and "<li>" in html
