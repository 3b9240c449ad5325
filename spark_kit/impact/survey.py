"""Before/after surveys: the same people answer the same question before and after.

The answers are a table with one row per respondent: an id, a group, the answer before and
the answer after, on a scale of whole numbers (1–5 by default). For each group, and for
all groups together, :func:`analyse_survey` computes, from the **pairs** (respondents who
answered both times):

- the mean before, the mean after and the **mean change** (after − before);
- the **share improved, unchanged and worse** (after above, equal to or below before);
- a **percentile bootstrap confidence interval** for the mean change (Efron & Tibshirani,
  *An Introduction to the Bootstrap*, 1993): the pairs' changes are resampled with
  replacement ``n_resamples`` times (10 000 by default) with a seeded
  :class:`numpy.random.Generator`, and the interval is the middle ``confidence`` share of
  the resampled means. Every group is resampled with a fresh generator from the same seed,
  so a group's interval does not depend on the other groups;
- a **small-sample warning** when fewer than ``caution_below`` pairs (30 by default) are
  behind the figures. The 30 is a kit convention (a common rule of thumb, not a law of
  statistics): with few pairs the interval is rough, and percentile intervals are known to
  be too narrow in small samples.

**Suppression (privacy).** In a village everybody knows everybody: the figures of a group
of three can tell what each of them answered. A group with fewer than ``min_group_size``
pairs (5 by default, a kit convention) is *suppressed*: its figures are never computed
into the result, every table shows a marker instead of them, and every chart leaves the
group out and says so. So that the suppressed group cannot be worked out by subtracting
the other groups from the total, the total covers only the groups shown
(``total="shown_groups"``, the default); ``total="all"`` includes everybody, which is safe
only when no group, or at least two groups, are suppressed.

Respondents without a pair (only one of the two answers) are counted and reported but are
left out of every figure. Bad input (a missing column, text where a number belongs, a
value outside the scale, a repeated respondent id) raises
:class:`~spark_kit.errors.SparkInputError` naming the column, the row and the value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import format_number, format_percent, resolve_lang, t
from spark_kit.impact.indicators import read_csv_with_comments
from spark_kit.paths import EXAMPLES_DIR

#: Column names of a survey table, as in the kit's CSV files.
ID_COLUMN = "respondent"
GROUP_COLUMN = "grupp"
BEFORE_COLUMN = "före"
AFTER_COLUMN = "efter"
SURVEY_COLUMNS = (ID_COLUMN, GROUP_COLUMN, BEFORE_COLUMN, AFTER_COLUMN)

DEFAULT_SCALE = (1, 5)
#: Groups with fewer pairs than this are suppressed (kit convention, for privacy).
MIN_GROUP_SIZE = 5
#: Fewer pairs than this get a small-sample warning (kit convention, a rule of thumb).
CAUTION_BELOW = 30
DEFAULT_RESAMPLES = 10_000
DEFAULT_CONFIDENCE = 0.95
DEFAULT_SEED = 2026
_BATCH = 1_000  # resamples drawn at a time, to bound memory for large surveys

#: The synthetic example survey (see data/examples/README_enkat.md).
EXAMPLE_SURVEY = EXAMPLES_DIR / "granbacka_enkat.csv"

Total = Literal["shown_groups", "all"]


# --- checking the input ----------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _answer(
    value: object, row: int, column: str, scale: tuple[int, int], problems: list[InputProblem]
) -> float | None:
    """An answer on the scale, ``None`` when empty; a problem is recorded otherwise."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return None
        number = float(value)
    else:
        text = _cell_text(value)
        if text == "":
            return None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            problems.append(InputProblem("value.not_number", None, row, column, value))
            return None
    low, high = scale
    if not number.is_integer():
        problems.append(
            InputProblem("survey.not_whole", None, row, column, value, {"low": low, "high": high})
        )
        return None
    if not low <= number <= high:
        problems.append(
            InputProblem(
                "survey.out_of_scale", None, row, column, value, {"low": low, "high": high}
            )
        )
        return None
    return number


def check_survey(
    table: pd.DataFrame,
    *,
    scale: tuple[int, int] = DEFAULT_SCALE,
    first_row: int = 2,
) -> pd.DataFrame:
    """A clean survey table, or :class:`~spark_kit.errors.SparkInputError` listing every
    problem found, each with its row (as a person sees it; ``first_row`` is the first data
    row), column and value.

    The table needs the columns ``respondent``, ``grupp``, ``före`` and ``efter``. Answers
    must be whole numbers on ``scale`` (inclusive); an empty answer is allowed and leaves the
    respondent without a pair. The clean table has the answers as floats (NaN when empty)
    and a column ``rad`` with the row each answer came from (a table that already has a
    ``rad`` column keeps its rows, so a checked table can be checked again).
    """
    low, high = scale
    if not (isinstance(low, int) and isinstance(high, int) and low < high):
        raise ValueError(f"scale must be two whole numbers, low < high, not {scale!r}")
    missing = [c for c in SURVEY_COLUMNS if c not in table.columns]
    if missing:
        expected = ", ".join(SURVEY_COLUMNS)
        raise SparkInputError(
            [
                InputProblem("column.missing", None, 1, column, None, {"expected": expected})
                for column in missing
            ]
        )
    problems: list[InputProblem] = []
    rows = []
    first_seen: dict[str, int] = {}
    for offset, record in enumerate(table.to_dict("records")):
        row = int(record["rad"]) if "rad" in record else first_row + offset
        respondent = _cell_text(record[ID_COLUMN])
        group = _cell_text(record[GROUP_COLUMN])
        before = _answer(record[BEFORE_COLUMN], row, BEFORE_COLUMN, scale, problems)
        after = _answer(record[AFTER_COLUMN], row, AFTER_COLUMN, scale, problems)
        if respondent == "":
            problems.append(InputProblem("value.required", None, row, ID_COLUMN))
        elif respondent in first_seen:
            problems.append(
                InputProblem(
                    "id.duplicate",
                    None,
                    row,
                    ID_COLUMN,
                    respondent,
                    {"first_row": first_seen[respondent]},
                )
            )
        else:
            first_seen[respondent] = row
        if group == "":
            problems.append(InputProblem("value.required", None, row, GROUP_COLUMN))
        rows.append(
            {
                ID_COLUMN: respondent,
                GROUP_COLUMN: group,
                BEFORE_COLUMN: np.nan if before is None else before,
                AFTER_COLUMN: np.nan if after is None else after,
                "rad": row,
            }
        )
    if problems:
        raise SparkInputError(problems)
    clean = pd.DataFrame(rows, columns=[*SURVEY_COLUMNS, "rad"])
    clean[[BEFORE_COLUMN, AFTER_COLUMN]] = clean[[BEFORE_COLUMN, AFTER_COLUMN]].astype(float)
    return clean


def read_survey(path: str | Path, *, scale: tuple[int, int] = DEFAULT_SCALE) -> pd.DataFrame:
    """Read a survey CSV (leading ``#`` comment lines allowed) and check it; row numbers in
    error messages are the rows a spreadsheet shows for the file."""
    table, first_row = read_csv_with_comments(path)
    return check_survey(table, scale=scale, first_row=first_row)


def load_example_survey() -> pd.DataFrame:
    """The synthetic before/after survey of the fictional example (see README_enkat.md)."""
    return read_survey(EXAMPLE_SURVEY)


# --- the figures -------------------------------------------------------------------------------


def bootstrap_mean_ci(
    values: Sequence[float] | np.ndarray,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> tuple[float, float]:
    """A percentile bootstrap confidence interval for the mean of ``values``.

    Draws ``n_resamples`` samples of the same size with replacement, using
    ``numpy.random.default_rng(seed)``, and returns the ``(1 − confidence)/2`` and
    ``(1 + confidence)/2`` percentiles of their means. The same seed gives the same
    interval. With one value, or all values equal, the interval is that value.

    >>> bootstrap_mean_ci([1, 1, 1])
    (1.0, 1.0)
    """
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        raise ValueError("no values to resample")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    if n_resamples < 1:
        raise ValueError("n_resamples must be at least 1")
    rng = np.random.default_rng(seed)
    means = np.empty(n_resamples)
    for start in range(0, n_resamples, _BATCH):
        stop = min(start + _BATCH, n_resamples)
        picks = rng.integers(0, data.size, size=(stop - start, data.size))
        means[start:stop] = data[picks].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


@dataclass(frozen=True)
class GroupResult:
    """The figures of one group (or of the total).

    A suppressed group carries its name only: every figure is ``None`` and is never
    computed, so it cannot be shown by mistake.
    """

    group: str
    suppressed: bool
    is_total: bool = False
    pairs: int | None = None
    unpaired: int | None = None
    mean_before: float | None = None
    mean_after: float | None = None
    mean_change: float | None = None
    share_improved: float | None = None
    share_unchanged: float | None = None
    share_worse: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    small_sample: bool = False


@dataclass(frozen=True)
class SurveyAnalysis:
    """The result of :func:`analyse_survey`: one :class:`GroupResult` per group, in the order
    the groups first appear, and the total; with the settings used."""

    groups: tuple[GroupResult, ...]
    total: GroupResult
    scale: tuple[int, int]
    min_group_size: int
    caution_below: int
    confidence: float
    n_resamples: int
    seed: int
    total_covers: Total

    @property
    def shown(self) -> list[GroupResult]:
        return [g for g in self.groups if not g.suppressed]

    @property
    def suppressed(self) -> list[GroupResult]:
        return [g for g in self.groups if g.suppressed]

    def group(self, name: str) -> GroupResult:
        for result in self.groups:
            if result.group == name:
                return result
        raise KeyError(name)

    def table(self, lang: str | None = None) -> pd.DataFrame:
        """The figures for display, one row per group and one for the total. Every figure of
        a suppressed group is replaced by the suppression marker."""
        lang = resolve_lang(lang)
        marker = t("survey.suppressed_marker", lang, min=self.min_group_size)
        ci_name = t("survey.col.ci", lang, level=format_percent(self.confidence, lang))
        names = {
            "pairs": t("survey.col.pairs", lang),
            "unpaired": t("survey.col.unpaired", lang),
            "before": t("survey.col.mean_before", lang),
            "after": t("survey.col.mean_after", lang),
            "change": t("survey.col.mean_change", lang),
            "ci": ci_name,
            "improved": t("survey.col.improved", lang),
            "unchanged": t("survey.col.unchanged", lang),
            "worse": t("survey.col.worse", lang),
            "remark": t("survey.col.remark", lang),
        }
        rows = []
        for result in [*self.groups, self.total]:
            label = (
                t("survey.total_label", lang)
                if result.is_total and self.total_covers == "all"
                else t("survey.total_shown_label", lang)
                if result.is_total
                else result.group
            )
            row = {t("survey.col.group", lang): label}
            if result.suppressed:
                row.update({name: marker for name in names.values()})
                row[names["remark"]] = t("survey.remark_suppressed", lang, min=self.min_group_size)
            else:
                row.update(
                    {
                        names["pairs"]: format_number(result.pairs, lang),
                        names["unpaired"]: format_number(result.unpaired, lang),
                        names["before"]: format_number(result.mean_before, lang, decimals=2),
                        names["after"]: format_number(result.mean_after, lang, decimals=2),
                        names["change"]: format_change(result.mean_change, lang),
                        names["ci"]: t(
                            "survey.ci_range",
                            lang,
                            low=format_change(result.ci_low, lang),
                            high=format_change(result.ci_high, lang),
                        ),
                        names["improved"]: format_percent(result.share_improved, lang),
                        names["unchanged"]: format_percent(result.share_unchanged, lang),
                        names["worse"]: format_percent(result.share_worse, lang),
                        names["remark"]: (
                            t("survey.remark_small", lang, n=self.caution_below)
                            if result.small_sample
                            else ""
                        ),
                    }
                )
            rows.append(row)
        return pd.DataFrame(rows).set_index(t("survey.col.group", lang))

    def notes(self, lang: str | None = None) -> list[str]:
        """What a reader of the table must know: suppressed groups, what the total covers,
        respondents without a pair, small samples and how the interval was computed."""
        lang = resolve_lang(lang)
        notes = []
        if self.suppressed:
            one = len(self.suppressed) == 1
            notes.append(
                t(
                    "survey.note_suppressed_one" if one else "survey.note_suppressed",
                    lang,
                    groups=", ".join(g.group for g in self.suppressed),
                    min=self.min_group_size,
                )
            )
            key = (
                "survey.note_total_shown"
                if self.total_covers == "shown_groups"
                else ("survey.note_total_all")
            )
            notes.append(t(key, lang))
        unpaired = sum(g.unpaired or 0 for g in self.shown)
        if unpaired:
            notes.append(t("survey.note_unpaired", lang, count=unpaired))
        small = [g.group for g in self.shown if g.small_sample]
        if self.total.small_sample and not self.total.suppressed:
            small.append(t("survey.total_short", lang))
        if small:
            notes.append(
                t("survey.note_small", lang, groups=", ".join(small), n=self.caution_below)
            )
        notes.append(
            t(
                "survey.note_ci",
                lang,
                level=format_percent(self.confidence, lang),
                resamples=format_number(self.n_resamples, lang),
                seed=self.seed,
            )
        )
        return notes


def format_change(value: float | None, lang: str | None = None) -> str:
    """A change with its sign and two decimals: ``+0,55``, ``−0,20``, ``0,00``."""
    lang = resolve_lang(lang)
    if value is None:
        return "–"
    text = format_number(abs(value), lang, decimals=2)
    if round(value, 2) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def _figures(
    frame: pd.DataFrame,
    name: str,
    *,
    is_total: bool,
    confidence: float,
    n_resamples: int,
    seed: int,
    caution_below: int,
) -> GroupResult:
    paired = frame.dropna(subset=[BEFORE_COLUMN, AFTER_COLUMN])
    before = paired[BEFORE_COLUMN].to_numpy(dtype=float)
    after = paired[AFTER_COLUMN].to_numpy(dtype=float)
    change = after - before
    n = len(change)
    low, high = bootstrap_mean_ci(change, confidence=confidence, n_resamples=n_resamples, seed=seed)
    return GroupResult(
        group=name,
        suppressed=False,
        is_total=is_total,
        pairs=n,
        unpaired=len(frame) - n,
        mean_before=float(before.mean()),
        mean_after=float(after.mean()),
        mean_change=float(change.mean()),
        share_improved=float((change > 0).mean()),
        share_unchanged=float((change == 0).mean()),
        share_worse=float((change < 0).mean()),
        ci_low=low,
        ci_high=high,
        small_sample=n < caution_below,
    )


def _pair_count(frame: pd.DataFrame) -> int:
    return int(frame[[BEFORE_COLUMN, AFTER_COLUMN]].notna().all(axis=1).sum())


def analyse_survey(
    answers: pd.DataFrame,
    *,
    scale: tuple[int, int] = DEFAULT_SCALE,
    min_group_size: int = MIN_GROUP_SIZE,
    caution_below: int = CAUTION_BELOW,
    confidence: float = DEFAULT_CONFIDENCE,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    total: Total = "shown_groups",
) -> SurveyAnalysis:
    """Analyse paired before/after answers by group; see the module docstring for what is
    computed and the conventions (suppression below ``min_group_size`` pairs, a warning
    below ``caution_below`` pairs, a percentile bootstrap interval with ``n_resamples``
    resamples from ``seed``, and what the total covers).

    ``answers`` is checked first (:func:`check_survey`), so a raw table gets clear errors.
    """
    if total not in ("shown_groups", "all"):
        raise ValueError(f"total must be shown_groups or all, not {total!r}")
    if min_group_size < 1:
        raise ValueError("min_group_size must be at least 1")
    clean = check_survey(answers, scale=scale)
    settings = {
        "confidence": confidence,
        "n_resamples": n_resamples,
        "seed": seed,
        "caution_below": caution_below,
    }
    groups = []
    shown_frames = []
    for name in dict.fromkeys(clean[GROUP_COLUMN]):
        frame = clean[clean[GROUP_COLUMN] == name]
        if _pair_count(frame) < min_group_size:
            groups.append(GroupResult(group=name, suppressed=True))
        else:
            groups.append(_figures(frame, name, is_total=False, **settings))
            shown_frames.append(frame)
    covered = (
        clean if total == "all" else (pd.concat(shown_frames) if shown_frames else clean.iloc[0:0])
    )
    total_name = "total"
    if _pair_count(covered) < min_group_size:
        total_result = GroupResult(group=total_name, suppressed=True, is_total=True)
    else:
        total_result = _figures(covered, total_name, is_total=True, **settings)
    return SurveyAnalysis(
        groups=tuple(groups),
        total=total_result,
        scale=scale,
        min_group_size=min_group_size,
        caution_below=caution_below,
        confidence=confidence,
        n_resamples=n_resamples,
        seed=seed,
        total_covers=total,
    )
