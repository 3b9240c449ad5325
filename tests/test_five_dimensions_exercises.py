"""The self-checking exercises of notebooks/03_fem_dimensioner.ipynb.

The key comes from the package's ABC rules (Impact Frontiers' ABC at outcome and enterprise
level, /work/shared/reference/impact-methods.md §3.3), applied to the fictional Granbacka
byakooperativ. Right answers are accepted; each kind of wrong answer is refused with a
message that names the problem, in Swedish and English.
"""

from __future__ import annotations

import pytest

from spark_kit.impact.exercises import Feedback
from spark_kit.impact.five_dimensions import AbcClass, classify_enterprise, classify_outcome
from spark_kit.impact.five_dimensions_exercises import (
    EXERCISE_2_ID,
    check_exercise_1,
    check_exercise_2,
    exercise_1_profiles,
    exercise_1_solution,
    exercise_2_profiles,
    parse_abc,
)

LANGS = ["sv", "en"]
RIGHT_WORDS = {"R1": "C", "R2": "b", "R3": "A", "R4": "ingen klass", "R5": "c"}


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- Exercise 1: classify R1–R5 ----------------------------------------------------------


def test_solution_is_the_packages_classification():
    solution = exercise_1_solution()
    assert solution == {p.outcome_id: classify_outcome(p) for p in exercise_1_profiles()}
    assert solution == {
        "R1": AbcClass.C,
        "R2": AbcClass.B,
        "R3": AbcClass.A,
        "R4": AbcClass.NOT_CLASSIFIED,
        "R5": AbcClass.C,
    }


@pytest.mark.parametrize("lang", LANGS)
def test_right_answers_are_accepted_as_classes_or_words(lang):
    assert check_exercise_1(exercise_1_solution(), lang).correct
    feedback = check_exercise_1(RIGHT_WORDS, lang)
    assert isinstance(feedback, Feedback) and feedback.correct
    assert "5" in feedback.message


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("A", AbcClass.A),
        ("c", AbcClass.C),
        ("B – Gynna intressenter", AbcClass.B),
        ("Contribute to solutions", AbcClass.C),
        ("Orsakar skada", AbcClass.DOES_CAUSE_HARM),
        ("does cause harm", AbcClass.DOES_CAUSE_HARM),
        ("Ingen ABC-klass", AbcClass.NOT_CLASSIFIED),
        ("none", AbcClass.NOT_CLASSIFIED),
        ("D", None),
        ("", None),
        (3, None),
    ],
)
def test_parse_abc(word, expected):
    assert parse_abc(word) is expected


def test_wrong_class_is_explained_with_the_rule_and_the_numbers():
    answers = {**RIGHT_WORDS, "R3": "C"}  # the commonest slip: R3's shortfall is its own
    sv = check_exercise_1(answers, "sv")
    assert not sv.correct
    assert sv.message.startswith("Inte riktigt än: 4 av 5 rätt.")
    assert "R3 är inte C – Bidra till lösningar utan A – Agera för att undvika skada" in sv.message
    assert "på grund av verksamheten själv" in sv.message
    en = check_exercise_1(answers, "en")
    assert "R3 is not C – Contribute to solutions but A – Act to avoid harm" in en.message
    assert "because of the enterprise itself" in en.message


def test_the_gap_is_explained():
    sv = check_exercise_1({**RIGHT_WORDS, "R4": "C"}, "sv")
    assert "utan Ingen ABC-klass" in sv.message and "lucka" in sv.message


def test_b_is_explained_as_needing_no_causation():
    en = check_exercise_1({**RIGHT_WORDS, "R2": "C"}, "en")
    assert "needs no causation" in en.message


def test_missing_unknown_and_non_class_answers():
    answers = {"R1": "C", "r2": "B", "R3": "E", "R9": "A"}
    sv = check_exercise_1(answers, "sv")
    assert not sv.correct
    assert "”R9” är inte ett av övningens resultat (R1, R2, R3, R4, R5)." in sv.message
    assert "”E” (för R3) är ingen ABC-klass" in sv.message
    assert "R4 saknar svar" in sv.message and "R5 saknar svar" in sv.message
    assert sv.message.startswith("Inte riktigt än: 2 av 5 rätt.")  # r2 matches R2
    en = check_exercise_1(answers, "en")
    assert "“R9” is not one of the exercise's outcomes" in en.message
    assert "R4 has no answer" in en.message


# --- Exercise 2: the harm that does not improve ----------------------------------------------


def with_r3(profiles, changes):
    return [p.with_changes(changes) if p.outcome_id == EXERCISE_2_ID else p for p in profiles]


def test_the_exercise_starts_as_does_cause_harm():
    profiles = exercise_2_profiles()
    r3 = next(p for p in profiles if p.outcome_id == EXERCISE_2_ID)
    assert r3.what.level == r3.who.baseline == 50
    assert classify_outcome(r3) is AbcClass.DOES_CAUSE_HARM
    assert classify_enterprise(profiles) is AbcClass.DOES_CAUSE_HARM
    feedback = check_exercise_2(profiles, "sv")
    assert not feedback.correct
    assert "R3 orsakar fortfarande skada" in feedback.message
    assert "bättre både än utgångsvärdet 50" in feedback.message


@pytest.mark.parametrize("level", [51, 60, 75, 100])
def test_any_caused_improvement_is_accepted_even_below_the_threshold(level):
    """A needs caused improvement, not the threshold (75): the enterprise-level rule calls
    an improving harm an A."""
    fixed = with_r3(exercise_2_profiles(), {"what.level": level})
    feedback = check_exercise_2(fixed, "sv")
    assert feedback.correct, feedback.message
    assert "blir ett A" in feedback.message
    assert "C – Bidra till lösningar" in feedback.message  # the enterprise, back to C
    assert check_exercise_2(fixed, "en").correct


@pytest.mark.parametrize(
    "changes",
    [
        {"contribution.enterprise_caused_shortfall": False},
        {"what.significant": False},
        {"what.threshold": 40},
        {"who.baseline": 40},
        {"contribution.counterfactual_level": 40},
    ],
)
def test_hiding_the_harm_is_refused(changes):
    hidden = with_r3(exercise_2_profiles(), changes)
    sv = check_exercise_2(hidden, "sv")
    assert not sv.correct
    assert sv.message.startswith("Inte godkänt: en skada ska minskas, inte döljas.")
    field = next(iter(changes))
    assert f"fältet {field} har ändrats" in sv.message
    en = check_exercise_2(hidden, "en")
    assert en.message.startswith("Not accepted: a harm should be reduced, not hidden.")


def test_hidden_flag_is_shown_as_yes_no():
    hidden = with_r3(exercise_2_profiles(), {"contribution.enterprise_caused_shortfall": False})
    assert "från ja till nej" in check_exercise_2(hidden, "sv").message
    assert "from yes to no" in check_exercise_2(hidden, "en").message


def test_removing_r3_is_refused():
    removed = [p for p in exercise_2_profiles() if p.outcome_id != EXERCISE_2_ID]
    assert classify_enterprise(removed) is not AbcClass.DOES_CAUSE_HARM  # it would "work"
    feedback = check_exercise_2(removed, "sv")
    assert not feedback.correct
    assert "R3 har tagits bort" in feedback.message


def test_other_changes_are_refused_politely():
    profiles = with_r3(exercise_2_profiles(), {"what.level": 80, "risk.execution": "låg"})
    feedback = check_exercise_2(profiles, "sv")
    assert not feedback.correct
    assert feedback.message.startswith("Inte godkänt än: ändra bara R3:s nivå.")
    assert "risk.execution" in feedback.message
    others = [
        p.with_changes({"what.level": 75}) if p.outcome_id == "R1" else p
        for p in with_r3(exercise_2_profiles(), {"what.level": 80})
    ]
    assert "R1 har ändrats" in check_exercise_2(others, "sv").message


@pytest.mark.parametrize("answer", ["R3", None, {"R3": 80}, [1, 2]])
def test_not_a_list_of_profiles(answer):
    feedback = check_exercise_2(answer, "sv")
    assert not feedback.correct
    assert "inte en lista med effektprofiler" in feedback.message
