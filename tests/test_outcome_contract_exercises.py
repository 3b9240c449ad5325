"""The outcome-contract module's exercise checkers
(notebooks/10_resultatbaserad_finansiering.ipynb): right answers accepted, common mistakes
named with why, in Swedish and English.

Exercise 1 uses the Norrköping payoff of /work/shared/reference/financing.md §2.8 (C = 10 MSEK,
40 % guaranteed, 60 % of savings up to break-even, α = 0.6 (inferred) above it, capped at 20 %):
at savings of 13 MSEK the investor gets 4 + 6 + min(0.6 × 3, 2) = 11.8 MSEK. Exercise 2 uses the
kit's fictional small contract, computed by hand: 300 000 + 40 000 × 8 × rate = 600 000 gives
rate = 0.9375.
"""

from __future__ import annotations

import pytest

from spark_kit.finance.outcome_contract_exercises import (
    check_exercise_1,
    check_exercise_2,
    exercise_1_solution,
    exercise_2_multiple,
    exercise_2_solution,
    small_contract,
)
from spark_kit.finance.outcome_contracts import evaluate, reference_payback
from spark_kit.impact.exercises import Feedback


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- the fictional small contract -------------------------------------------------------------


def test_small_contract_is_fictional_and_computed_by_hand():
    assert "fictional" in small_contract.__doc__.lower()
    result = evaluate(small_contract())
    # Half-years: guarantee 150 000 each; outcomes 3 × 40 000 and 5 × 40 000.
    assert result.investor_flows == (-600_000, 270_000, 350_000)
    assert result.multiple == pytest.approx(620_000 / 600_000)
    # 350x² + 270x − 600 = 0 (thousands), x = 1 / (1 + r).
    x = (-270 + (270**2 + 4 * 350 * 600) ** 0.5) / 700
    assert result.irr.per_period == pytest.approx(1 / x - 1)
    assert result.irr.annual == pytest.approx((1 / x) ** 2 - 1)
    assert result.commissioner_net_cost == 620_000 - 8 * 90_000


def test_small_contract_caps_bind_in_the_high_scenario():
    result = evaluate(small_contract(), outcome_rate=1.5)
    assert result.outcome_payments == (0, 180_000, 140_000)  # 300 000 → 200 000, then total 320 000
    assert result.cap_per_period_binds and result.cap_total_binds


# --- exercise 1 -------------------------------------------------------------------------------


def test_exercise_1_solution_is_the_reference_formula():
    assert exercise_1_solution() == pytest.approx(11_800_000)
    assert exercise_1_solution() == pytest.approx(reference_payback(13_000_000))


@pytest.mark.parametrize("answer", [11_800_000, "11 800 000 kr", "11800000,00", 11_800_000.4])
def test_exercise_1_right(answer):
    feedback = check_exercise_1(answer, "sv")
    assert isinstance(feedback, Feedback) and feedback.correct
    assert "11\u00a0800\u00a0000\u00a0kr" in feedback.message


def test_exercise_1_in_millions_is_accepted_and_said():
    feedback = check_exercise_1(11.8, "sv")
    assert feedback.correct and "miljoner kronor" in feedback.message
    assert "millions" in check_exercise_1("11,8", "en").message


@pytest.mark.parametrize(
    ("answer", "sv", "en"),
    [
        (7_800_000, "Grundgarantin saknas", "guarantee is missing"),
        (13_600_000, "inget tak", "no cap"),
        (10_000_000, "vid nollpunkten", "at break-even"),
        (12_000_000, "inte på alla besparingar", "not on all of the savings"),
        (13_000_000, "hela besparingen", "all of the savings"),
    ],
)
def test_exercise_1_mistakes_are_named(answer, sv, en):
    assert not check_exercise_1(answer, "sv").correct
    assert sv in check_exercise_1(answer, "sv").message
    assert en in check_exercise_1(answer, "en").message
    assert "tre delar" in check_exercise_1(answer, "sv").message


def test_exercise_1_not_a_number():
    feedback = check_exercise_1("elva miljoner", "sv")
    assert not feedback.correct and "inget tal" in feedback.message


# --- exercise 2 -------------------------------------------------------------------------------


def test_exercise_2_solution_by_hand():
    assert exercise_2_solution() == pytest.approx(0.9375, abs=1e-9)
    assert exercise_2_multiple(0.9375) == pytest.approx(1.0)


@pytest.mark.parametrize("answer", [0.9375, "93,75 %", 93.75, "0,938", 0.937])
def test_exercise_2_right(answer):
    feedback = check_exercise_2(answer, "sv")
    assert feedback.correct, feedback.message
    assert "93,75\u00a0%" in feedback.message


@pytest.mark.parametrize(
    ("answer", "word_sv", "word_en"), [(0.8, "högre", "higher"), ("100 %", "lägre", "lower")]
)
def test_exercise_2_says_which_way(answer, word_sv, word_en):
    sv = check_exercise_2(answer, "sv")
    assert not sv.correct and f"Nollpunkten ligger {word_sv}" in sv.message
    assert "multipeln" in sv.message
    assert f"break-even point is {word_en}" in check_exercise_2(answer, "en").message


@pytest.mark.parametrize("answer", ["mycket", -0.2, None])
def test_exercise_2_not_a_rate(answer):
    feedback = check_exercise_2(answer, "sv")
    assert not feedback.correct and "ingen utfallsgrad" in feedback.message
