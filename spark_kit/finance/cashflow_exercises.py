"""Self-checking exercises of notebooks/07_likviditet_och_nollpunkt.ipynb.

Both use the FICTIONAL financing situation of the example enterprise Granbacka byakooperativ
(``data/examples/granbacka_finansiering.yaml``, :func:`~spark_kit.finance.cashflow.load_financing`),
and the answers are computed with the package's own functions:

1. :func:`check_exercise_1` — the Leader office pays six months after the project instead of
   four: how large is the bridging need (to keep the buffer) and in which month can the
   bridging loan be repaid?
2. :func:`check_exercise_2` — the shop's contribution-margin ratio falls from 22,5 % to 20 %:
   what is the break-even revenue?

Each checker returns :class:`~spark_kit.impact.exercises.Feedback` (right or wrong and why,
in Swedish or English); a wrong answer that matches a common mistake is named.

>>> check_exercise_1(*exercise_1_solution(), lang="en").correct
True
"""

from __future__ import annotations

from functools import cache

from spark_kit.finance.breakeven import break_even
from spark_kit.finance.cashflow import (
    CashFlowBudget,
    CashFlowResult,
    LineKind,
    compute_cashflow,
    load_financing,
)
from spark_kit.i18n import format_money, resolve_lang, t
from spark_kit.impact.exercises import Feedback, _feedback, number_answer

EXAMPLE = "granbacka"
EXERCISE_1_DELAY = 6  # months from the project's end to the Leader payment (was 4)
EXERCISE_2_RATIO = 0.20  # the shop's contribution-margin ratio after the change (was 22.5 %)
#: Tolerance in kronor for both exercises.
TOLERANCE = 1.0


def _number(answer: object) -> float | None:
    return number_answer(answer, ("kr", "sek"))


def _kr(value: float, lang: str | None) -> str:
    return format_money(round(value), lang, decimals=0)


# --- Exercise 1: the bridging need when the Leader payment comes later ------------------------


def exercise_1_budget() -> CashFlowBudget:
    """Granbacka's budget with the Leader grant paid six months after the project's end."""
    budget = load_financing(EXAMPLE).cashflow
    lines = [
        line.model_copy(update={"delay": EXERCISE_1_DELAY}) if line.kind == LineKind.GRANT else line
        for line in budget.lines
    ]
    return budget.model_copy(update={"lines": lines})


@cache
def _exercise_1() -> tuple[CashFlowResult, CashFlowResult]:
    return compute_cashflow(load_financing(EXAMPLE).cashflow), compute_cashflow(exercise_1_budget())


def exercise_1_solution() -> tuple[float, int]:
    """The bridging need (kronor) and the month (budget month number) it can be repaid."""
    result = _exercise_1()[1]
    assert result.bridge_repay_month is not None
    return result.bridge, result.bridge_repay_month


def _month(answer: object, result: CashFlowResult) -> int | None:
    """A budget month from its number or its name (``"februari 2028"``, ``"February"``)."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int | float) and float(answer).is_integer():
        month = int(answer)
        return month if 1 <= month <= result.horizon else None
    if isinstance(answer, str):
        text = " ".join(answer.casefold().replace(".", "").split())
        if text.isdigit():
            return _month(int(text), result)
        months = range(1, result.horizon + 1)
        for lang in ("sv", "en"):
            for width in ("wide", "abbreviated"):
                names = [result.month_label(m, lang, width).casefold().replace(".", "")
                         for m in months]  # fmt: skip
                bare = [name.split()[0] for name in names]  # the first month of that name
                for candidates in (names, bare):
                    if text in candidates:
                        return candidates.index(text) + 1
    return None


def check_exercise_1(
    bridge: float | str, repay_month: int | str, lang: str | None = None
) -> Feedback:
    """Check the bridging need (within 1 kr) and the repayment month (number or name).

    A month name without a year is read as its first occurrence in the budget.
    """
    lang = resolve_lang(lang)
    before, after = _exercise_1()
    value = _number(bridge)
    if value is None:
        return _feedback(False, t("cashflow.ex1.not_a_number", lang, answer=bridge), [])
    month = _month(repay_month, after)
    if month is None:
        return _feedback(
            False,
            t("cashflow.ex1.not_a_month", lang, answer=repay_month, horizon=after.horizon),
            [],
        )
    right_bridge, right_month = exercise_1_solution()
    bridge_ok = abs(value - right_bridge) <= TOLERANCE
    month_ok = month == right_month
    if bridge_ok and month_ok:
        return _feedback(
            True,
            t("cashflow.ex1.correct", lang, bridge=_kr(right_bridge, lang),
              month=after.month_label(right_month, lang)),
            [t("cashflow.ex1.why", lang)],
        )  # fmt: skip
    points = []
    if bridge_ok:
        points.append(t("cashflow.ex1.bridge_ok", lang, bridge=_kr(right_bridge, lang)))
    elif abs(value - after.funding_gap) <= TOLERANCE:
        points.append(t("cashflow.ex1.mistake.no_buffer", lang))
    if month_ok:
        points.append(t("cashflow.ex1.month_ok", lang))
    elif month == before.bridge_repay_month:
        points.append(t("cashflow.ex1.mistake.old_delay", lang))
    elif month == after.lowest_month:
        points.append(t("cashflow.ex1.mistake.deepest", lang))
    elif month == right_month - 1:
        points.append(t("cashflow.ex1.mistake.one_early", lang))
    points.append(t("cashflow.ex1.how", lang))
    verdict = t("cashflow.ex1.incorrect", lang, bridge=_kr(value, lang),
                month=after.month_label(month, lang))  # fmt: skip
    return _feedback(False, verdict, points)


# --- Exercise 2: the break-even revenue when the contribution-margin ratio falls -------------


def exercise_2_inputs() -> dict:
    """The shop's break-even inputs (fictional), with the ratio changed to 20 %."""
    inputs = dict(load_financing(EXAMPLE).breakeven or {})
    inputs.pop("description", None)
    inputs["contribution_ratio"] = EXERCISE_2_RATIO
    return inputs


@cache
def _exercise_2_answers() -> dict[str, float]:
    inputs = exercise_2_inputs()
    fixed = float(inputs["fixed_costs"])
    old_ratio = float((load_financing(EXAMPLE).breakeven or {})["contribution_ratio"])
    return {
        "right": break_even(**inputs).revenue,
        "old_ratio": fixed / old_ratio,
        "variable_share": fixed / (1 - EXERCISE_2_RATIO),
        "multiplied": fixed * EXERCISE_2_RATIO,
    }


def exercise_2_solution() -> float:
    """The break-even revenue (kronor) at a contribution-margin ratio of 20 %."""
    return _exercise_2_answers()["right"]


def check_exercise_2(answer: float | str, lang: str | None = None) -> Feedback:
    """Check the break-even revenue (within 1 kr)."""
    lang = resolve_lang(lang)
    value = _number(answer)
    if value is None:
        return _feedback(False, t("cashflow.ex2.not_a_number", lang, answer=answer), [])
    answers = _exercise_2_answers()
    if abs(value - answers["right"]) <= TOLERANCE:
        return _feedback(
            True,
            t("cashflow.ex2.correct", lang, value=_kr(answers["right"], lang)),
            [t("cashflow.ex2.why", lang)],
        )
    points = [
        t(f"cashflow.ex2.mistake.{key}", lang)
        for key, wrong in answers.items()
        if key != "right" and abs(value - wrong) <= TOLERANCE
    ]
    points.append(t("cashflow.ex2.how", lang))
    return _feedback(False, t("cashflow.ex2.incorrect", lang, value=_kr(value, lang)), points)


__all__ = [
    "check_exercise_1",
    "check_exercise_2",
    "exercise_1_budget",
    "exercise_1_solution",
    "exercise_2_inputs",
    "exercise_2_solution",
]
