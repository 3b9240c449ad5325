"""Investment readiness (investeringsberedskap): the kit's own self-assessment, scored.

The question set lives in ``data/reference/investeringsberedskap.yaml``: 30 items in six
dimensions (mission and impact; market and customers; business model and finances; financial
management; people and governance; funding readiness), each with a question and five level
descriptions for the answers 0–4 in Swedish and English, and the kit module that is the next
step. The items are the kit's own wording; the public frameworks that informed the choice of
dimensions are listed in the file (reference: financing.md §3). No item is taken from a licensed
framework.

Rules (documented here, each a named parameter where sources or users may differ):

- **Answers** are a mapping item id → 0, 1, 2, 3 or 4. Whole numbers, whole-number floats
  (``3.0``) and text (``"3"``, ``" 3 "``) are accepted; ids are matched without regard to case.
  A blank answer – ``None``, empty text or NaN (an empty spreadsheet cell) – means the item is
  **skipped**. Anything else (5, -1, 2.5, "mycket", True) is refused with a
  :class:`~spark_kit.errors.SparkInputError` that names the item and the value; every bad answer
  is reported at once.
- **Dimension score** = the mean of the answered items (0–4), and as a percentage of 4. A skipped
  item is left out of the mean – it counts neither as 0 nor as 4, as "no answer" is left out of
  the average in the OECD/EC Better Entrepreneurship Policy Tool. A dimension needs at least
  ``min_answered`` answered items (default 3 of 5) to get a score; with fewer it is *not scored*
  and listed in :attr:`ReadinessResult.unscored`.
- **Overall score**: ``overall_from="dimensions"`` (default) is the mean of the six dimension
  scores, so every dimension weighs the same; ``"items"`` is the mean of all answered items. The
  overall score is ``None`` while any dimension is not scored: a total without the missing
  dimension would look better or worse than it is.
- **Weakest dimensions**: the scored dimensions with the lowest mean, ties in question-set order.
- **Next steps**: the items answered below ``target`` (default 3, "in place"), lowest answer
  first; equal answers → the item in the weaker dimension first, then question-set order. Their
  modules, deduplicated in that order, are the next steps; ``limit`` (default 3) keeps the first
  few.

>>> result = assess(load_example_assessments()[2026])
>>> [d.dimension.id for d in result.weakest(2)]
['funding_readiness', 'financial_management']
>>> [s.module for s in result.next_steps()]
['06_finansieringskallor', '08_lan_och_medlemskapital', '07_likviditet_och_nollpunkt']
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import format_number, format_percent, resolve_lang, t
from spark_kit.paths import DATA_DIR, EXAMPLES_DIR

QUESTION_SET_PATH = DATA_DIR / "reference" / "investeringsberedskap.yaml"
EXAMPLE_PATH = EXAMPLES_DIR / "granbacka_beredskap.yaml"

SCALE_MIN = 0
SCALE_MAX = 4
LEVEL_COUNT = SCALE_MAX - SCALE_MIN + 1

#: Defaults of the named conventions (see the module docstring).
MIN_ANSWERED = 3
TARGET = 3
NEXT_STEP_LIMIT = 3

OverallFrom = Literal["dimensions", "items"]
OVERALL_CHOICES = ("dimensions", "items")


# --- the question set ----------------------------------------------------------------------


def _text(entry: Mapping[str, str], lang: str | None) -> str:
    return entry[resolve_lang(lang)]


@dataclass(frozen=True)
class Item:
    """One question: its id, dimension, question and five level descriptions (sv and en)."""

    id: str
    dimension_id: str
    question_text: Mapping[str, str]
    level_texts: tuple[Mapping[str, str], ...]
    module: str
    next_step_text: Mapping[str, str]
    order: int
    source: str = ""

    def question(self, lang: str | None = None) -> str:
        return _text(self.question_text, lang)

    def level(self, answer: int, lang: str | None = None) -> str:
        """The description of the answer ``answer`` (0–4)."""
        return _text(self.level_texts[answer - SCALE_MIN], lang)

    def next_step(self, lang: str | None = None) -> str:
        return _text(self.next_step_text, lang)


@dataclass(frozen=True)
class Dimension:
    id: str
    label_text: Mapping[str, str]
    items: tuple[Item, ...]
    order: int

    def label(self, lang: str | None = None) -> str:
        return _text(self.label_text, lang)

    short_label = label


@dataclass(frozen=True)
class QuestionSet:
    """The validated question set; see :func:`load_question_set`."""

    id: str
    version: int
    written_by: str
    date: str
    dimensions: tuple[Dimension, ...]
    modules: Mapping[str, Mapping[str, str]]
    informed_by: tuple[Mapping[str, str], ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for dimension in self.dimensions for item in dimension.items)

    def item(self, item_id: str) -> Item:
        return self._items_by_id()[item_id]

    def dimension(self, dimension_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def module_title(self, module: str, lang: str | None = None) -> str:
        return _text(self.modules[module], lang)

    def id_ranges(self) -> str:
        """The item ids per dimension, such as ``ME1–ME5, MK1–MK5, …`` (for messages)."""
        return ", ".join(
            f"{d.items[0].id}–{d.items[-1].id}" if len(d.items) > 1 else d.items[0].id
            for d in self.dimensions
        )

    def _items_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}


def load_question_set(path: Path | str | None = None) -> QuestionSet:
    """Read and validate a question set (default: the kit's own).

    Every problem – a missing text, a wrong number of levels, an unknown module, a repeated
    id – is reported together in one :class:`SparkInputError` that names the file and the place.
    """
    if path is None:
        return _default_question_set()
    return _load_question_set(Path(path))


@cache
def _default_question_set() -> QuestionSet:
    return _load_question_set(QUESTION_SET_PATH)


def _load_question_set(path: Path) -> QuestionSet:
    sheet = path.name
    if not path.is_file():
        raise SparkInputError(InputProblem("file.not_found", params={"path": str(path)}))
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    problems: list[InputProblem] = []

    def problem(code: str, where: str, value: Any = None, **params: Any) -> None:
        problems.append(InputProblem(code, sheet=sheet, column=where, value=value, params=params))

    def bilingual(entry: Any, where: str) -> dict[str, str]:
        if not isinstance(entry, Mapping):
            problem("readiness.set.missing_text", where)
            return {"sv": "", "en": ""}
        texts = {}
        for lang in ("sv", "en"):
            text = entry.get(lang)
            if not isinstance(text, str) or not text.strip():
                problem("readiness.set.missing_text", f"{where}.{lang}")
                text = ""
            texts[lang] = " ".join(str(text).split())
        return texts

    modules = {}
    for name, titles in (data.get("modules") or {}).items():
        modules[str(name)] = bilingual(titles, f"modules.{name}")
    if not modules:
        problem("readiness.set.missing_field", "modules")

    dimensions: list[Dimension] = []
    seen: set[str] = set()
    order = 0
    for d_index, raw_dim in enumerate(data.get("dimensions") or []):
        dim_id = str(raw_dim.get("id") or "").strip()
        where_dim = f"dimensions[{d_index}]"
        if not dim_id:
            problem("readiness.set.missing_field", f"{where_dim}.id")
        label = bilingual(raw_dim.get("label"), f"{where_dim}.label")
        items = []
        for i_index, raw in enumerate(raw_dim.get("items") or []):
            where = f"{where_dim}.items[{i_index}]"
            item_id = str(raw.get("id") or "").strip()
            if not item_id:
                problem("readiness.set.missing_field", f"{where}.id")
            elif item_id in seen:
                problem("readiness.set.duplicate_id", f"{where}.id", item_id)
            seen.add(item_id)
            where = f"{item_id or where}"
            levels = raw.get("levels") or []
            if not isinstance(levels, list) or len(levels) != LEVEL_COUNT:
                count = len(levels) if isinstance(levels, list) else 0
                problem("readiness.set.levels", f"{where}.levels", count, expected=LEVEL_COUNT)
                levels = [{"sv": "–", "en": "–"}] * LEVEL_COUNT  # reported once, above
            module = str(raw.get("module") or "").strip()
            if module not in modules:
                problem(
                    "readiness.set.unknown_module",
                    f"{where}.module",
                    module,
                    modules=", ".join(modules),
                )
            items.append(
                Item(
                    id=item_id,
                    dimension_id=dim_id,
                    question_text=bilingual(raw.get("question"), f"{where}.question"),
                    level_texts=tuple(
                        bilingual(levels[n], f"{where}.levels[{n}]") for n in range(LEVEL_COUNT)
                    ),
                    module=module,
                    next_step_text=bilingual(raw.get("next_step"), f"{where}.next_step"),
                    order=order,
                    source=" ".join(str(raw.get("source") or "").split()),
                )
            )
            order += 1
        if not items:
            problem("readiness.set.no_items", where_dim, dim_id)
        dimensions.append(Dimension(dim_id, label, tuple(items), d_index))
    if not dimensions:
        problem("readiness.set.missing_field", "dimensions")
    if problems:
        raise SparkInputError(problems)
    return QuestionSet(
        id=str(data.get("id", "")),
        version=int(data.get("version", 1)),
        written_by=str(data.get("written_by", "")),
        date=str(data.get("date", "")),
        dimensions=tuple(dimensions),
        modules=modules,
        informed_by=tuple(data.get("informed_by") or ()),
    )


# --- answers ---------------------------------------------------------------------------------


def answer_template(question_set: QuestionSet | None = None) -> dict[str, int | None]:
    """Every item id with no answer yet (``None``): a form to fill in."""
    question_set = question_set or load_question_set()
    return {item.id: None for item in question_set.items}


def parse_answers(
    answers: Mapping[Any, Any], question_set: QuestionSet | None = None
) -> dict[str, int | None]:
    """Every item id → its answer 0–4, or ``None`` where the item is skipped or missing.

    Raises :class:`SparkInputError` with one problem per bad answer or unknown item.
    """
    question_set = question_set or load_question_set()
    if not isinstance(answers, Mapping):
        raise SparkInputError(
            InputProblem(
                "readiness.answers.not_mapping",
                column="answers",
                value=type(answers).__name__,
            )
        )
    known = {item.id.upper(): item.id for item in question_set.items}
    parsed: dict[str, int | None] = {item.id: None for item in question_set.items}
    given: dict[str, Any] = {}
    problems: list[InputProblem] = []
    for key, raw in answers.items():
        item_id = known.get(str(key).strip().upper()) if isinstance(key, str) else None
        if item_id is None:
            close = difflib.get_close_matches(str(key).upper(), list(known), n=1, cutoff=0.6)
            code = (
                "readiness.answer.unknown_item_suggest"
                if close
                else "readiness.answer.unknown_item"
            )
            problems.append(
                InputProblem(
                    code,
                    value=key,
                    params={
                        "ids": question_set.id_ranges(),
                        "suggestion": close[0] if close else "",
                    },
                )
            )
            continue
        if item_id in given:
            problems.append(
                InputProblem("readiness.answer.duplicate", value=key, params={"item": item_id})
            )
            continue
        given[item_id] = raw
        value, code = _parse_value(raw)
        if code:
            problems.append(
                InputProblem(
                    code, value=raw, params={"item": item_id, "low": SCALE_MIN, "high": SCALE_MAX}
                )
            )
        else:
            parsed[item_id] = value
    if problems:
        raise SparkInputError(problems)
    return parsed


def _parse_value(raw: Any) -> tuple[int | None, str]:
    """(answer, "") or (None, error code). ``None`` with no code means skipped."""
    if raw is None:
        return None, ""
    if isinstance(raw, bool):
        return None, "readiness.answer.not_number"
    if isinstance(raw, numbers.Integral):
        value = int(raw)
    elif isinstance(raw, numbers.Real):
        number = float(raw)
        if math.isnan(number):
            return None, ""
        if not math.isfinite(number):
            return None, "readiness.answer.not_number"
        if not number.is_integer():
            return None, "readiness.answer.not_integer"
        value = int(number)
    elif isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None, ""
        try:
            value = int(text)
        except ValueError:
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                return None, "readiness.answer.not_number"
            if not math.isfinite(number):
                return None, "readiness.answer.not_number"
            if not number.is_integer():
                return None, "readiness.answer.not_integer"
            value = int(number)
    else:
        return None, "readiness.answer.not_number"
    if not SCALE_MIN <= value <= SCALE_MAX:
        return None, "readiness.answer.out_of_range"
    return value, ""


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionScore:
    """One dimension's score. ``mean`` and ``percent`` are ``None`` when it is not scored."""

    dimension: Dimension
    answered: int
    total: int
    mean: float | None
    raw_mean: float | None  # the mean of the answered items, even below min_answered

    @property
    def scored(self) -> bool:
        return self.mean is not None

    @property
    def percent(self) -> float | None:
        """The mean as a fraction of the top of the scale (0–1)."""
        return None if self.mean is None else self.mean / SCALE_MAX

    def label(self, lang: str | None = None) -> str:
        return self.dimension.label(lang)


@dataclass(frozen=True)
class NextStep:
    """A kit module to work through next, and the items that point to it."""

    module: str
    items: tuple[Item, ...]
    lowest: int
    title_text: Mapping[str, str]

    def title(self, lang: str | None = None) -> str:
        return _text(self.title_text, lang)

    def actions(self, lang: str | None = None) -> list[str]:
        return [item.next_step(lang) for item in self.items]


@dataclass(frozen=True)
class ReadinessResult:
    """The scored self-assessment; see :func:`assess`."""

    question_set: QuestionSet
    answers: Mapping[str, int | None]
    dimensions: tuple[DimensionScore, ...]
    min_answered: int
    overall_from: str

    @property
    def missing(self) -> tuple[str, ...]:
        """Ids of the skipped or unanswered items, in question-set order."""
        return tuple(item.id for item in self.question_set.items if self.answers[item.id] is None)

    @property
    def unscored(self) -> tuple[DimensionScore, ...]:
        return tuple(d for d in self.dimensions if not d.scored)

    @property
    def overall(self) -> float | None:
        """The overall score 0–4 (see ``overall_from``); ``None`` while a dimension is unscored."""
        if self.unscored:
            return None
        if self.overall_from == "items":
            values = [v for v in self.answers.values() if v is not None]
            return sum(values) / len(values)
        return sum(d.mean for d in self.dimensions) / len(self.dimensions)

    @property
    def overall_percent(self) -> float | None:
        overall = self.overall
        return None if overall is None else overall / SCALE_MAX

    def dimension(self, dimension_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.dimension.id == dimension_id)

    def weakest(self, n: int = 2) -> list[DimensionScore]:
        """The ``n`` scored dimensions with the lowest mean; ties in question-set order."""
        _check_int("n", n, 1, len(self.dimensions))
        scored = [d for d in self.dimensions if d.scored]
        return sorted(scored, key=lambda d: (d.mean, d.dimension.order))[:n]

    def next_steps(
        self, limit: int | None = NEXT_STEP_LIMIT, target: int = TARGET
    ) -> list[NextStep]:
        """The kit modules to work through next (see the module docstring for the order)."""
        if limit is not None:
            _check_int("limit", limit, 1, len(self.question_set.modules))
        _check_int("target", target, SCALE_MIN + 1, SCALE_MAX)
        raw_means = {d.dimension.id: d.raw_mean for d in self.dimensions}
        low = [
            item
            for item in self.question_set.items
            if self.answers[item.id] is not None and self.answers[item.id] < target
        ]
        low.sort(key=lambda i: (self.answers[i.id], raw_means[i.dimension_id], i.order))
        steps: dict[str, list[Item]] = {}
        for item in low:
            steps.setdefault(item.module, []).append(item)
        result = [
            NextStep(
                module=module,
                items=tuple(items),
                lowest=min(self.answers[i.id] for i in items),
                title_text=self.question_set.modules[module],
            )
            for module, items in steps.items()
        ]
        return result if limit is None else result[:limit]

    def change_since(self, previous: ReadinessResult) -> dict[str, float | None]:
        """Dimension id → this score minus ``previous``'s (``None`` where either is unscored)."""
        if previous.question_set.id != self.question_set.id:
            raise SparkInputError(
                InputProblem(
                    "readiness.compare.other_set",
                    column="previous",
                    value=previous.question_set.id,
                    params={"expected": self.question_set.id},
                )
            )
        changes = {}
        for now in self.dimensions:
            before = previous.dimension(now.dimension.id)
            if now.mean is None or before.mean is None:
                changes[now.dimension.id] = None
            else:
                changes[now.dimension.id] = round(now.mean - before.mean, 9)
        return changes


def assess(
    answers: Mapping[Any, Any],
    question_set: QuestionSet | None = None,
    *,
    min_answered: int = MIN_ANSWERED,
    overall_from: OverallFrom = "dimensions",
) -> ReadinessResult:
    """Score a self-assessment: per dimension, overall, weakest dimensions and next steps.

    ``answers`` maps item ids to 0–4 (see :func:`parse_answers`). A dimension is scored when at
    least ``min_answered`` of its items are answered. ``overall_from`` chooses the overall score:
    the mean of the dimension scores (``"dimensions"``, default) or of all answered items
    (``"items"``).

    >>> answers = {item.id: 2 for item in load_question_set().items}
    >>> assess(answers).overall
    2.0
    """
    question_set = question_set or load_question_set()
    smallest = min(len(d.items) for d in question_set.dimensions)
    _check_int("min_answered", min_answered, 1, smallest)
    if overall_from not in OVERALL_CHOICES:
        raise SparkInputError(
            InputProblem(
                "value.choice",
                column="overall_from",
                value=overall_from,
                params={"choices": ", ".join(OVERALL_CHOICES)},
            )
        )
    parsed = parse_answers(answers, question_set)
    scores = []
    for dimension in question_set.dimensions:
        values = [parsed[i.id] for i in dimension.items if parsed[i.id] is not None]
        raw_mean = sum(values) / len(values) if values else None
        mean = raw_mean if len(values) >= min_answered else None
        scores.append(DimensionScore(dimension, len(values), len(dimension.items), mean, raw_mean))
    return ReadinessResult(question_set, parsed, tuple(scores), min_answered, overall_from)


def _check_int(name: str, value: Any, low: int, high: int) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or not (low <= value <= high)
    ):
        raise SparkInputError(
            InputProblem(
                "readiness.param.range",
                column=name,
                value=value,
                params={"name": name, "low": low, "high": high},
            )
        )


# --- text ------------------------------------------------------------------------------------


def format_mean(mean: float, lang: str | None = None) -> str:
    """A mean with one decimal, or two where one would hide a difference: ``2,8``, ``1,75``."""
    decimals = 1 if round(mean, 1) == round(mean, 2) else 2
    return format_number(mean, lang, decimals=decimals)


def format_score(mean: float | None, lang: str | None = None) -> str:
    """A score as ``2,8 av 4 (70 %)``, or ``ej bedömd`` / ``not scored``."""
    if mean is None:
        return t("readiness.not_scored", lang)
    return t(
        "readiness.score",
        lang,
        mean=format_mean(mean, lang),
        max=SCALE_MAX,
        percent=format_percent(mean / SCALE_MAX, lang),
    )


def overall_sentence(result: ReadinessResult, lang: str | None = None) -> str:
    """The overall score and how it was formed, or why there is none."""
    lang = resolve_lang(lang)
    if result.overall is None:
        return t(
            "readiness.explain.no_overall",
            lang,
            dimensions=", ".join(d.label(lang) for d in result.unscored),
            min_answered=result.min_answered,
        )
    rule = t(f"readiness.explain.overall_from.{result.overall_from}", lang)
    return t("readiness.explain.overall", lang, score=format_score(result.overall, lang), rule=rule)


def explain(
    result: ReadinessResult, lang: str | None = None, limit: int | None = NEXT_STEP_LIMIT
) -> str:
    """The result in words: every dimension, the overall score, what is missing, the weakest
    dimensions and the next steps."""
    lang = resolve_lang(lang)
    lines = [t("readiness.explain.heading", lang)]
    for d in result.dimensions:
        lines.append(
            t(
                "readiness.explain.dimension",
                lang,
                dimension=d.label(lang),
                score=format_score(d.mean, lang),
                answered=d.answered,
                total=d.total,
            )
        )
    lines.append(overall_sentence(result, lang))
    if result.missing:
        lines.append(t("readiness.explain.missing", lang, items=", ".join(result.missing)))
    weakest = result.weakest(2) if any(d.scored for d in result.dimensions) else []
    if weakest:
        lines.append(
            t(
                "readiness.explain.weakest",
                lang,
                dimensions=", ".join(d.label(lang) for d in weakest),
            )
        )
    steps = result.next_steps(limit)
    if steps:
        lines.append(t("readiness.explain.next_steps", lang))
        for number, step in enumerate(steps, start=1):
            lines.append(
                t(
                    "readiness.explain.step",
                    lang,
                    number=number,
                    title=step.title(lang),
                    module=step.module,
                    items=", ".join(i.id for i in step.items),
                    action=step.items[0].next_step(lang),
                )
            )
    else:
        lines.append(t("readiness.explain.no_steps", lang))
    return "\n".join(lines)


# --- the fictional example -------------------------------------------------------------------


@cache
def _example_data() -> dict:
    return yaml.safe_load(EXAMPLE_PATH.read_text(encoding="utf-8"))


def load_example_assessments() -> dict[int, dict[str, int | None]]:
    """Year → answers of the FICTIONAL Granbacka byakooperativ (2025 and 2026)."""
    return {int(a["year"]): dict(a["answers"]) for a in _example_data()["assessments"]}


def example_is_fictional() -> bool:
    """True: the Granbacka answers are made up, and the file says so."""
    return _example_data().get("fictional") is True


__all__ = [
    "MIN_ANSWERED",
    "NEXT_STEP_LIMIT",
    "QUESTION_SET_PATH",
    "SCALE_MAX",
    "SCALE_MIN",
    "TARGET",
    "Dimension",
    "DimensionScore",
    "Item",
    "NextStep",
    "QuestionSet",
    "ReadinessResult",
    "answer_template",
    "assess",
    "example_is_fictional",
    "explain",
    "format_mean",
    "format_score",
    "load_example_assessments",
    "load_question_set",
    "overall_sentence",
    "parse_answers",
]
