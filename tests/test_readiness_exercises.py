"""The self-checking exercises of notebooks/11_investeringsberedskap.ipynb.

The key comes from the package's own scoring (spark_kit.finance.readiness), applied to the
FICTIONAL Granbacka byakooperativ's self-assessment for 2026. The rule that a skipped question
is left out of the mean is the reference's (financing.md §3: "skipped items are excluded, as in
the OECD tool"). Right answers are accepted in the forms a learner writes them; each kind of
wrong answer is refused with a message that says why, in Swedish and English.
"""

from __future__ import annotations

import pytest

from spark_kit.finance.readiness_exercises import (
    check_exercise_1,
    check_exercise_2,
    exercise_1_answers,
    exercise_1_solution,
    exercise_2_solution,
    parse_module,
)
from spark_kit.impact.exercises import Feedback

LANGS = ["sv", "en"]


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- Exercise 1: Ekonomistyrning by hand ---------------------------------------------------


def test_exercise_1_uses_granbackas_answers_with_es5_skipped():
    assert exercise_1_answers() == {"ES1": 3, "ES2": 2, "ES3": 1, "ES4": 1, "ES5": None}
    assert exercise_1_solution() == pytest.approx(7 / 4)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("answer", [1.75, "1,75", "1.75", " 1,75 ", 7 / 4])
def test_exercise_1_right_answer(answer, lang):
    feedback = check_exercise_1(answer, lang)
    assert isinstance(feedback, Feedback) and feedback.correct
    expected = "summan 7 delad med de 4 besvarade" if lang == "sv" else "the sum 7 divided by the 4"
    assert expected in feedback.message


@pytest.mark.parametrize(
    ("lang", "text"),
    [("sv", "om den överhoppade frågan räknas som 0 (7 delat med 5)"), ("en", "counts as 0")],
)
def test_exercise_1_skipped_as_zero_is_explained(lang, text):
    feedback = check_exercise_1(1.4, lang)
    assert not feedback.correct and text in feedback.message


@pytest.mark.parametrize("answer", [43.75, "44 %", 44])
def test_exercise_1_percentage_is_explained(answer):
    feedback = check_exercise_1(answer, "sv")
    assert not feedback.correct and "ser ut som en procentsats" in feedback.message
    assert "looks like a percentage" in check_exercise_1(answer, "en").message


def test_exercise_1_other_wrong_answers():
    for answer in (2, 1.8, 0):
        feedback = check_exercise_1(answer, "sv")
        assert not feedback.correct and "stämmer inte" in feedback.message
    for answer in ("mycket", None, True):
        feedback = check_exercise_1(answer, "en")
        assert not feedback.correct and "is not a number" in feedback.message


# --- Exercise 2: the first three next steps --------------------------------------------------


def test_exercise_2_solution():
    assert exercise_2_solution() == [
        "06_finansieringskallor",
        "08_lan_och_medlemskapital",
        "07_likviditet_och_nollpunkt",
    ]


@pytest.mark.parametrize(
    "answer",
    [
        ["06", "08", "07"],
        [6, 8, 7],
        ("06_finansieringskallor", "08_lan_och_medlemskapital", "07_likviditet_och_nollpunkt"),
        ["notebooks/06_finansieringskallor.ipynb", " 8 ", "07_Likviditet_och_nollpunkt"],
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_exercise_2_right_answers(answer, lang):
    feedback = check_exercise_2(answer, lang)
    assert feedback.correct, feedback.message


def test_exercise_2_wrong_order_is_explained():
    feedback = check_exercise_2(["06", "07", "08"], "sv")
    assert not feedback.correct
    assert "Rätt moduler, men fel ordning" in feedback.message
    assert "wrong order" in check_exercise_2(["07", "08", "06"], "en").message


def test_exercise_2_wrong_module_is_explained_with_its_answers():
    feedback = check_exercise_2(["06", "07", "01"], "sv")
    assert not feedback.correct
    assert "01_effektlogik hör inte till de tre första: dess lägsta svar är 1 (MS4)" in (
        feedback.message
    )
    assert "08_lan_och_medlemskapital saknas: den har frågor med svaret 1 (FB3, AE5)" in (
        feedback.message
    )


def test_exercise_2_a_module_that_is_no_next_step_at_all():
    feedback = check_exercise_2(["06", "08", "09"], "en")
    assert "09_crowdfunding is not a next step at all" in feedback.message


@pytest.mark.parametrize(
    ("answer", "sv", "en"),
    [
        ("06", "ska vara en lista med tre moduler", "must be a list of three modules"),
        (["06", "08"], "svaret har 2", "the answer has 2"),
        (["06", "08", "99"], "”99” är ingen av kitets moduler", "“99” is not one of the kit's"),
        (None, "ska vara en lista", "must be a list"),
    ],
)
def test_exercise_2_malformed_answers(answer, sv, en):
    assert sv in check_exercise_2(answer, "sv").message
    assert en in check_exercise_2(answer, "en").message


def test_parse_module():
    assert parse_module(10) == "10_resultatbaserad_finansiering"
    assert parse_module("4") == "04_sroi"
    assert parse_module("11") is None
    assert parse_module(True) is None
