"""Self-checking exercises for the socioeconomic ledger (notebooks/05_samhallsekonomi.ipynb).

Both exercises use the fictional example ledger of Myrbacka arbetskooperativ
(:func:`spark_kit.impact.ledger.load_ledger_example`), so the right answers always match
the example the notebook teaches with.

1. The yearly cost in exclusion of one participant in the group "Långvarigt
   försörjningsstöd": for the municipality (real costs plus the transfers it pays) and for
   society (real costs only — transfers cancel).
2. The lowest success rate, in whole per cent, in that group at which the municipality's
   payment for the activity pays back within the ledger's horizon.

>>> check_ledger_exercise_1(ledger_exercise_1_solution(), "en").correct
True
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spark_kit.i18n import format_money, format_number, format_percent, t
from spark_kit.impact.exercises import Feedback, number_answer
from spark_kit.impact.ledger import (
    Actor,
    Ledger,
    RealCategory,
    RealCost,
    load_ledger_example,
)

#: The group both exercises are about.
EXERCISE_GROUP = "Långvarigt försörjningsstöd"
#: Answers within this many kronor of the right one are accepted (rounding).
TOLERANCE = 1.0

_KOMMUN_KEYS = {"kommun", "kommunen", "municipality", "the municipality"}
_SOCIETY_KEYS = {"samhället", "samhallet", "society"}


def _feedback(correct: bool, verdict: str, points: list[str]) -> Feedback:
    return Feedback(correct, "\n".join([verdict, *points]))


def _money(value: float, lang: str | None) -> str:
    return format_money(round(value), lang, decimals=0)


def _group(ledger: Ledger):
    return next(g for g in ledger.groups if g.name == EXERCISE_GROUP)


# --- Exercise 1 ------------------------------------------------------------------------------


@cache
def _exercise_1_figures() -> dict[str, float]:
    exclusion = _group(load_ledger_example()).exclusion
    real_items = [i for i in exclusion.items if isinstance(i, RealCost)]
    return {
        "kommun": exclusion.cost_by_actor()[Actor.KOMMUN],
        "kommun_real": exclusion.real_by_actor()[Actor.KOMMUN],
        "society": exclusion.society_cost(),
        "society_with_transfers": sum(i.amount for i in exclusion.items),
        "society_no_production": sum(
            i.amount for i in real_items if i.category is not RealCategory.PRODUCTION_LOSS
        ),
    }


def ledger_exercise_1_solution() -> dict[str, float]:
    """The right answer to exercise 1: ``{"kommun": …, "samhället": …}`` in kronor per year."""
    figures = _exercise_1_figures()
    return {"kommun": figures["kommun"], "samhället": figures["society"]}


def _number(answer: object) -> float | None:
    return number_answer(answer, ("kr",))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def check_ledger_exercise_1(answer: dict[str, Any], lang: str | None = None) -> Feedback:
    """Check ``{"kommun": amount, "samhället": amount}`` (kronor per participant and year).

    Keys may be Swedish or English (``kommunen``, ``society`` …); amounts may be numbers or
    text such as ``"134 960 kr"``. Common mistakes get their own explanation: leaving the
    transfers out of the municipality's cost, counting transfers as a cost for society, and
    forgetting the production loss.
    """
    figures = _exercise_1_figures()
    given: dict[str, float] = {}
    seen: set[str] = set()
    points: list[str] = []
    for key, value in (answer or {}).items():
        norm = str(key).strip().casefold()
        target = "kommun" if norm in _KOMMUN_KEYS else "society" if norm in _SOCIETY_KEYS else None
        if target is None:
            points.append(t("ledger.ex1.unknown_key", lang, key=key))
            continue
        seen.add(target)
        number = _number(value)
        if number is None:
            points.append(t("ledger.ex1.not_number", lang, value=value, key=key))
            continue
        given[target] = number
    for target, key in (("kommun", "kommun"), ("society", "samhället")):
        if target not in seen:
            points.append(t("ledger.ex1.missing", lang, key=key))
    if "kommun" in given and not _close(given["kommun"], figures["kommun"]):
        shown = _money(given["kommun"], lang)
        code = (
            "kommun_real_only"
            if _close(given["kommun"], figures["kommun_real"])
            else "kommun_wrong"
        )
        points.append(t(f"ledger.ex1.{code}", lang, given=shown))
    if "society" in given and not _close(given["society"], figures["society"]):
        shown = _money(given["society"], lang)
        if _close(given["society"], figures["society_with_transfers"]):
            code = "society_with_transfers"
        elif _close(given["society"], figures["society_no_production"]):
            code = "society_no_production"
        else:
            code = "society_wrong"
        points.append(t(f"ledger.ex1.{code}", lang, given=shown))
    if not points:
        verdict = t("ledger.ex1.correct", lang, kommun=_money(figures["kommun"], lang),
                    society=_money(figures["society"], lang))  # fmt: skip
        return _feedback(True, verdict, [])
    return _feedback(False, t("ledger.ex1.incorrect", lang), points)


# --- Exercise 2 ------------------------------------------------------------------------------


def _payback_at(percent: int) -> float | None:
    ledger = load_ledger_example().with_group_changes(EXERCISE_GROUP, success_rate=percent / 100)
    return ledger.evaluate().payback(Actor.KOMMUN)


@cache
def ledger_exercise_2_solution() -> int:
    """The lowest success rate (whole per cent) in the exercise group at which the
    municipality's payment pays back within the horizon (other figures as in the example)."""
    for percent in range(101):
        if _payback_at(percent) is not None:
            return percent
    raise RuntimeError("the example never pays back")  # pragma: no cover


def check_ledger_exercise_2(answer: Any, lang: str | None = None) -> Feedback:
    """Check a success rate in whole per cent (``40``; ``"40 %"`` and ``0.4`` are read as 40).

    A rate that does not pay back is "too low"; one that pays back while a lower one would
    too is "too high"; the lowest that pays back is right.
    """
    years = load_ledger_example().horizon_years
    number = _number(str(answer).replace("%", "")) if answer is not None else None
    if number is not None and 0 < number < 1:
        number *= 100
    if number is None or not 0 <= number <= 100 or abs(number - round(number)) > 1e-9:
        return _feedback(False, t("ledger.ex2.not_a_share", lang, value=answer), [])
    percent = round(number)
    solution = ledger_exercise_2_solution()
    shown = format_percent(percent / 100, lang)
    payback = _payback_at(percent)
    if payback is None:
        return _feedback(False, t("ledger.ex2.too_low", lang, answer=shown, years=years), [])
    rounded = format_number(payback, lang, decimals=1)
    if percent > solution:
        return _feedback(False, t("ledger.ex2.too_high", lang, answer=shown, payback=rounded), [])
    below = format_percent((percent - 1) / 100, lang)
    verdict = t("ledger.ex2.correct", lang, answer=shown, group=EXERCISE_GROUP, years=years,
                payback=rounded, below=below)  # fmt: skip
    return _feedback(True, verdict, [])


__all__ = [
    "EXERCISE_GROUP",
    "check_ledger_exercise_1",
    "check_ledger_exercise_2",
    "ledger_exercise_1_solution",
    "ledger_exercise_2_solution",
]
