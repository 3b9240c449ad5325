"""Self-checking exercises of the readiness module (notebooks/11_investeringsberedskap.ipynb).

Both use the FICTIONAL Granbacka byakooperativ's self-assessment for 2026
(:func:`~spark_kit.finance.readiness.load_example_assessments`), and both take their key from
the package's own scoring, so the exercises always match what the notebook teaches:

1. :func:`check_exercise_1` — the score of the dimension *Ekonomistyrning* by hand, where one
   question (ES5) is skipped: the mean of the answered items, 7 / 4 = 1.75;
2. :func:`check_exercise_2` — the first three next steps (kit modules), in order.

Each checker returns :class:`~spark_kit.impact.exercises.Feedback` (right or wrong and why, in
Swedish or English).

>>> check_exercise_1("1,75", "en").correct
True
>>> check_exercise_2(["06", "08", "07"], "en").correct
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spark_kit.finance.readiness import (
    SCALE_MAX,
    NextStep,
    ReadinessResult,
    assess,
    format_mean,
    load_example_assessments,
    load_question_set,
)
from spark_kit.i18n import format_number, t
from spark_kit.impact.exercises import Feedback, _feedback, number_answer

EXAMPLE_YEAR = 2026
EXERCISE_1_DIMENSION = "financial_management"
EXERCISE_1_TOLERANCE = 0.005
EXERCISE_2_COUNT = 3


@cache
def example_result() -> ReadinessResult:
    """Granbacka's 2026 self-assessment, scored with the default rules (fictional)."""
    return assess(load_example_assessments()[EXAMPLE_YEAR])


def _number(answer: object) -> float | None:
    return number_answer(answer, ("%",))


# --- Exercise 1: a dimension score by hand -------------------------------------------------


def exercise_1_answers() -> dict[str, int | None]:
    """The answers of the dimension in exercise 1 (ES1–ES5; ES5 is skipped, ``None``)."""
    dimension = load_question_set().dimension(EXERCISE_1_DIMENSION)
    answers = load_example_assessments()[EXAMPLE_YEAR]
    return {item.id: answers[item.id] for item in dimension.items}


def exercise_1_solution() -> float:
    """The dimension's score as the package computes it (1.75)."""
    return example_result().dimension(EXERCISE_1_DIMENSION).mean


def check_exercise_1(answer: object, lang: str | None = None) -> Feedback:
    """Check a hand-computed score of *Ekonomistyrning* (a number or a text like ``"1,75"``)."""
    score = example_result().dimension(EXERCISE_1_DIMENSION)
    values = [v for v in exercise_1_answers().values() if v is not None]
    total, answered, items = sum(values), len(values), score.total
    label = score.label(lang)
    number = _number(answer)
    if number is None:
        return _feedback(False, t("readiness.ex1.not_a_number", lang, value=answer), [])
    shown = format_number(number, lang)
    if abs(number - score.mean) <= EXERCISE_1_TOLERANCE:
        message = t(
            "readiness.ex1.correct",
            lang,
            dimension=label,
            answer=format_mean(score.mean, lang),
            total=total,
            answered=answered,
        )
        return _feedback(True, message, [])
    if abs(number - total / items) <= EXERCISE_1_TOLERANCE:
        message = t(
            "readiness.ex1.skipped_as_zero",
            lang,
            value=shown,
            total=total,
            items=items,
            answered=answered,
        )
        return _feedback(False, message, [])
    percent = 100 * score.mean / SCALE_MAX
    if number > SCALE_MAX and abs(number - percent) <= 0.5:
        return _feedback(False, t("readiness.ex1.percent", lang, value=shown), [])
    return _feedback(False, t("readiness.ex1.wrong", lang, value=shown), [])


# --- Exercise 2: the first next steps --------------------------------------------------------


def exercise_2_solution() -> list[str]:
    """The first three next-step modules for Granbacka 2026, in order."""
    return [step.module for step in example_result().next_steps(limit=EXERCISE_2_COUNT)]


def parse_module(value: object) -> str | None:
    """A kit module name from its number (``6``, ``"06"``), its name or its notebook path."""
    modules = list(load_question_set().modules)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = f"{value:02d}"
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    text = re.sub(r"^notebooks/", "", text)
    text = re.sub(r"\.ipynb$", "", text)
    if re.fullmatch(r"\d{1,2}", text):
        text = f"{int(text):02d}"
        return next((m for m in modules if m.startswith(text + "_")), None)
    return text if text in modules else None


def check_exercise_2(answer: Sequence[object], lang: str | None = None) -> Feedback:
    """Check the first three next steps (module numbers or names, in order)."""
    if isinstance(answer, str | bytes) or not isinstance(answer, Sequence):
        return _feedback(False, t("readiness.ex2.not_a_list", lang), [])
    if len(answer) != EXERCISE_2_COUNT:
        return _feedback(False, t("readiness.ex2.count", lang, value=len(answer)), [])
    given = []
    for value in answer:
        module = parse_module(value)
        if module is None:
            return _feedback(False, t("readiness.ex2.unknown", lang, value=value), [])
        given.append(module)
    right = exercise_2_solution()
    if given == right:
        return _feedback(True, t("readiness.ex2.correct", lang, modules=", ".join(right)), [])
    verdict = t("readiness.ex2.incorrect", lang)
    if sorted(given) == sorted(right):
        return _feedback(False, verdict, [t("readiness.ex2.order", lang)])
    every_step = {s.module: s for s in example_result().next_steps(limit=None)}
    points = []
    for module in given:
        if module in right:
            continue
        step = every_step.get(module)
        if step is None:
            points.append(t("readiness.ex2.not_low", lang, module=module))
        else:
            points.append(t("readiness.ex2.not_first", lang, module=module, **_step_params(step)))
    for module in right:
        if module not in given:
            points.append(
                t("readiness.ex2.missing", lang, module=module, **_step_params(every_step[module]))
            )
    return _feedback(False, verdict, points)


def _step_params(step: NextStep) -> dict[str, object]:
    lowest_items = [i.id for i in step.items if example_result().answers[i.id] == step.lowest]
    return {"lowest": step.lowest, "items": ", ".join(lowest_items)}


__all__ = [
    "EXAMPLE_YEAR",
    "EXERCISE_1_DIMENSION",
    "check_exercise_1",
    "check_exercise_2",
    "example_result",
    "exercise_1_answers",
    "exercise_1_solution",
    "exercise_2_solution",
    "parse_module",
]
