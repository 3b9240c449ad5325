"""Self-checking exercises for the logic-model module (notebooks/01_effektlogik.ipynb).

Each checker is a small pure function that returns :class:`Feedback`: whether the answer
is right, and a message in Swedish or English that says what is right or wrong and why.
Statements and the broken model come from the fictional example enterprise, Granbacka
byakooperativ (:func:`spark_kit.assessment.load_example`), so the exercises always match
the example the notebook teaches with.

>>> check_exercise_1(exercise_1_solution(), "en").correct
True
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spark_kit.assessment import load_example
from spark_kit.i18n import t
from spark_kit.impact.logic_model import Level, LogicModel
from spark_kit.impact.red_thread import check_red_thread


def number_answer(answer: object, units: Iterable[str] = ("kr", "sek", "%")) -> float | None:
    """A number typed as an exercise answer, or ``None`` when it is not one.

    Accepts numbers and texts such as ``"288 000 kr"`` or ``"47,07 %"``: white space (also
    no-break spaces) and the given unit words are ignored, a decimal comma is read as a point.
    """
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int | float):
        return float(answer) if math.isfinite(answer) else None
    if not isinstance(answer, str):
        return None
    words = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    pattern = r"[\s\u00a0\u202f]" + (f"|{words}" if words else "")
    text = re.sub(pattern, "", answer.strip().casefold())
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class Feedback:
    """The verdict on an answer.

    ``message`` starts with one line that says right or wrong; each further line is one
    point (an error and why it is one). Shown in a notebook it renders as a framed box.
    """

    correct: bool
    message: str

    def __str__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        verdict, *points = self.message.split("\n")
        colour = "#009E73" if self.correct else "#D55E00"  # Okabe–Ito green / vermillion
        icon = "✔" if self.correct else "✘"
        items = "".join(f"<li>{html.escape(p)}</li>" for p in points)
        return (
            f'<div role="status" style="border-left:6px solid {colour};padding:0.5em 0.8em;'
            f'margin:0.4em 0;background:#f7f7f7;color:#1a1a1a">'
            f'<p style="margin:0"><span aria-hidden="true">{icon}</span> '
            f"<strong>{html.escape(verdict)}</strong></p>"
            + (f'<ul style="margin:0.4em 0 0 0">{items}</ul>' if items else "")
            + "</div>"
        )


def _feedback(correct: bool, verdict: str, points: list[str]) -> Feedback:
    return Feedback(correct, "\n".join([verdict, *points]))


# --- Exercise 1: which level does a statement belong to? -----------------------------------

#: Elements of the example whose texts are the statements, in the order they are asked.
EXERCISE_1_IDS = ("P1", "R1", "A3", "E1", "I2", "B2", "P3")

#: Words accepted for each level besides the Level values, lower-case (Swedish and English).
LEVEL_WORDS: dict[str, Level] = {
    **{level.value: level for level in Level},
    "need": Level.NEED, "needs": Level.NEED,
    "resurs": Level.INPUT, "insats": Level.INPUT, "insatser": Level.INPUT,
    "input": Level.INPUT, "inputs": Level.INPUT, "resource": Level.INPUT,
    "resources": Level.INPUT,
    "aktivitet": Level.ACTIVITY, "activity": Level.ACTIVITY, "activities": Level.ACTIVITY,
    "prestation": Level.OUTPUT, "output": Level.OUTPUT, "outputs": Level.OUTPUT,
    "outcome": Level.OUTCOME, "outcomes": Level.OUTCOME,
    "effekt på kort sikt": Level.OUTCOME, "effekter på kort sikt": Level.OUTCOME,
    "effekt på medellång sikt": Level.OUTCOME, "effekter på medellång sikt": Level.OUTCOME,
    "effekt": Level.IMPACT, "effekt på lång sikt": Level.IMPACT,
    "effekter på lång sikt": Level.IMPACT, "impact": Level.IMPACT, "impacts": Level.IMPACT,
}  # fmt: skip


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def parse_level(value: Level | str) -> Level | None:
    """A :class:`Level` from a Level or a level word in Swedish or English, else ``None``.

    >>> parse_level("Prestation"), parse_level("outcomes"), parse_level("vet ej")
    (<Level.OUTPUT: 'prestationer'>, <Level.OUTCOME: 'resultat'>, None)
    """
    if isinstance(value, Level):
        return value
    return LEVEL_WORDS.get(_norm(value)) if isinstance(value, str) else None


@cache
def _exercise_1_key() -> dict[str, Level]:
    model = load_example().logic_model
    return {model.element(i).text: model.element(i).level for i in EXERCISE_1_IDS}


def exercise_1_statements() -> list[str]:
    """The statements to classify, taken from the example enterprise."""
    return list(_exercise_1_key())


def exercise_1_solution() -> dict[str, Level]:
    """The right answer to exercise 1: each statement and its level."""
    return dict(_exercise_1_key())


def check_exercise_1(answers: dict[str, Level | str], lang: str | None = None) -> Feedback:
    """Check a classification ``{statement: level}`` of the exercise-1 statements.

    A level may be a :class:`Level` or a word such as ``"prestationer"``, ``"prestation"``,
    ``"resultat"``, ``"outputs"`` or ``"impact"``. Statements are matched ignoring case and
    extra spaces. Every wrong level is named together with what the right level and the
    chosen one mean, so the difference (say, prestation versus resultat) is explained.
    """
    key = _exercise_1_key()
    by_norm = {_norm(statement): statement for statement in key}
    given: dict[str, Level | str] = {}
    points = []
    for statement, value in answers.items():
        known = by_norm.get(_norm(statement))
        if known is None:
            points.append(t("exercise1.unknown_statement", lang, statement=statement))
        else:
            given[known] = value
    right_count = 0
    for statement, right in key.items():
        if statement not in given:
            points.append(t("exercise1.missing", lang, statement=statement))
            continue
        level = parse_level(given[statement])
        if level is None:
            points.append(
                t("exercise1.not_a_level", lang, value=given[statement], statement=statement)
            )
        elif level == right:
            right_count += 1
        else:
            points.append(
                " ".join([
                    t("exercise1.wrong", lang, statement=statement, given=_name(level, lang),
                      right=_name(right, lang)),
                    t(f"exercise1.why.{right.value}", lang),
                    t(f"exercise1.why.{level.value}", lang),
                ])
            )  # fmt: skip
    if not points:
        return _feedback(True, t("exercise1.correct", lang, total=len(key)), [])
    return _feedback(
        False, t("exercise1.incorrect", lang, right=right_count, total=len(key)), points
    )


def _name(level: Level, lang: str | None) -> str:
    return t(f"exercise1.level.{level.value}", lang)


# --- Exercise 2: repair a broken logic model -----------------------------------------------

#: What is broken in the exercise-2 model: two removed links and one removed indicator.
EXERCISE_2_REMOVED_LINKS = (("A3", "P3"), ("R2", "E1"))
EXERCISE_2_REMOVED_INDICATOR = "M5"


def exercise_2_model() -> LogicModel:
    """The example's logic model, broken: links A3 → P3 and R2 → E1 and R3's indicator removed.

    Its red thread has four findings: A3 leads to no output, nothing leads to P3, R2 leads
    to no long-term impact, and R3 has no indicator.
    """
    model = load_example().logic_model
    for source, target in EXERCISE_2_REMOVED_LINKS:
        model = model.remove_link(source, target)
    indicators = [i for i in model.indicators if i.id != EXERCISE_2_REMOVED_INDICATOR]
    return model.with_changes(indicators=indicators)


def check_exercise_2(model: LogicModel, lang: str | None = None) -> Feedback:
    """Check a repaired exercise-2 model: the red thread must hold, with every element kept.

    A "repair" that removes a broken element, or moves it to another level, is rejected by
    name: the point is to link the chain together, not to cut away what does not fit. The
    remaining red-thread findings, if any, are listed.
    """
    if not isinstance(model, LogicModel):
        return _feedback(False, t("exercise2.not_a_model", lang, kind=type(model).__name__), [])
    points = []
    present = {e.id: e for e in model.elements}
    for element in exercise_2_model().elements:
        now = present.get(element.id)
        if now is None:
            points.append(t("exercise2.removed", lang, id=element.id, text=element.text))
        elif now.level != element.level:
            points.append(
                t("exercise2.moved", lang, id=element.id, text=element.text,
                  old=element.level.label(lang), new=now.level.label(lang))
            )  # fmt: skip
    findings = [f.message(lang) for f in check_red_thread(model)]
    if not points and not findings:
        return _feedback(True, t("exercise2.correct", lang), [])
    if points:
        verdict = t("exercise2.cut", lang)
    else:
        count = len(findings)
        verdict = t("exercise2.findings_one" if count == 1 else "exercise2.findings", lang,
                    count=count)  # fmt: skip
    return _feedback(False, verdict, points + findings)
