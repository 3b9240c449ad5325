"""Following indicators over time: baseline, target and the actual value (mätvärde) per year.

An indicator (:class:`~spark_kit.impact.logic_model.Indicator`) has a baseline
(utgångsvärde) and a target (målvärde). A :class:`Tracking` adds the measured values per
year and a plan: the year the baseline was measured and the year the target should be
reached. From these it computes, for every indicator and year,

- **progress** (framsteg): how far the actual value has come from the baseline towards the
  target, ``(actual − baseline) / (target − baseline)``; see :func:`progress` for the
  conventions (a decreasing target, a target equal to the baseline, missing values);
- **expected progress**: where a straight line from baseline to target says the indicator
  should be that year (:func:`expected_progress`);
- **status**: uppnått, på väg, efter plan, saknar mätning or saknar målvärde
  (:func:`status_for` gives the thresholds).

>>> progress(1720, baseline=1400, target=1800)
0.8
>>> expected_progress(2026, baseline_year=2023, target_year=2027)
0.75
>>> status_for(0.8, 0.75).value
'på väg'
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, fields
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Literal

import pandas as pd

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import format_number, format_percent, resolve_lang, t
from spark_kit.impact.logic_model import Indicator
from spark_kit.paths import EXAMPLES_DIR

Hold = Literal["at_least", "at_most", "exactly"]

#: Columns of a measurements table (one row per indicator and year), as in the CSV files.
INDICATOR_COLUMN = "indikator"
YEAR_COLUMN = "år"
VALUE_COLUMN = "mätvärde"
NOTE_COLUMN = "anmärkning"
ROW_COLUMN = "rad"  # in a checked table: the row the value came from, as a person sees it
MEASUREMENT_COLUMNS = (INDICATOR_COLUMN, YEAR_COLUMN, VALUE_COLUMN)

#: How far behind the straight-line plan an indicator may be and still count as "på väg":
#: 0.10 = ten percentage points of the way from baseline to target. A kit convention.
DEFAULT_TOLERANCE = 0.10

#: The fictional example's measurements, and its plan: baselines measured in 2023, targets
#: for 2027 (made up for teaching, like everything in the example).
EXAMPLE_MEASUREMENTS = EXAMPLES_DIR / "granbacka_indikatorer.csv"
EXAMPLE_BASELINE_YEAR = 2023
EXAMPLE_TARGET_YEAR = 2027

_EPSILON = 1e-9


class Status(str, Enum):
    """Where an indicator stands in a year. Labels: ``tracking.status.<name>`` in the texts."""

    ACHIEVED = "uppnått"
    ON_TRACK = "på väg"
    BEHIND = "efter plan"
    NO_MEASUREMENT = "saknar mätning"
    NO_TARGET = "saknar målvärde"

    def label(self, lang: str | None = None) -> str:
        return t(f"tracking.status.{self.name.lower()}", lang)


#: Words accepted for each status (Swedish and English, lower-case), e.g. in exercises.
STATUS_WORDS: dict[str, Status] = {
    **{status.value: status for status in Status},
    "uppnådd": Status.ACHIEVED, "achieved": Status.ACHIEVED, "reached": Status.ACHIEVED,
    "på rätt väg": Status.ON_TRACK, "on track": Status.ON_TRACK,
    "efter": Status.BEHIND, "behind": Status.BEHIND, "behind plan": Status.BEHIND,
    "behind schedule": Status.BEHIND, "saknas": Status.NO_MEASUREMENT,
    "ingen mätning": Status.NO_MEASUREMENT, "no measurement": Status.NO_MEASUREMENT,
    "not measured": Status.NO_MEASUREMENT, "missing": Status.NO_MEASUREMENT,
    "saknar mål": Status.NO_TARGET, "no target": Status.NO_TARGET,
}  # fmt: skip


def parse_status(value: Status | str) -> Status | None:
    """A :class:`Status` from a Status or a word in Swedish or English, else ``None``.

    >>> parse_status("På väg"), parse_status("behind"), parse_status("kanske")
    (<Status.ON_TRACK: 'på väg'>, <Status.BEHIND: 'efter plan'>, None)
    """
    if isinstance(value, Status):
        return value
    if not isinstance(value, str):
        return None
    return STATUS_WORDS.get(" ".join(value.split()).casefold())


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def progress(
    actual: float | None,
    baseline: float | None,
    target: float | None,
    *,
    hold: Hold = "at_least",
) -> float | None:
    """How far ``actual`` has come from ``baseline`` towards ``target``: 0 = still at the
    baseline, 1 = the target is reached.

    ``progress = (actual − baseline) / (target − baseline)``, with these conventions:

    - **Decreasing target** (target below the baseline, for example fewer car trips): the
      same formula; a fall towards the target is positive progress. Baseline 10, target 6,
      actual 8 gives 0.5.
    - **Target equal to the baseline** (a target to *hold* a level, such as 70 opening
      hours a week): the formula would divide by zero, so progress is 1.0 when the level is
      held and 0.0 when it is not. ``hold`` says what holding means: ``"at_least"`` (the
      common case and the default: actual ≥ target), ``"at_most"`` (actual ≤ target) or
      ``"exactly"``.
    - **Missing values**: an actual, baseline or target that is ``None`` or NaN gives
      ``None``: no progress can be computed (the status is then "saknar mätning" or
      "saknar målvärde", see :func:`status_for`).
    - The result is **not clipped**: above 1 means beyond the target, below 0 means the
      indicator has moved away from the target.

    >>> progress(8, baseline=10, target=6)
    0.5
    >>> progress(70, baseline=70, target=70), progress(68, baseline=70, target=70)
    (1.0, 0.0)
    >>> progress(68, baseline=70, target=70, hold="at_most")
    1.0
    >>> progress(None, baseline=2, target=4) is None
    True
    """
    if _missing(actual) or _missing(baseline) or _missing(target):
        return None
    if abs(target - baseline) < _EPSILON:
        if hold == "at_least":
            held = actual >= target - _EPSILON
        elif hold == "at_most":
            held = actual <= target + _EPSILON
        elif hold == "exactly":
            held = abs(actual - target) < _EPSILON
        else:
            raise ValueError(f"hold must be at_least, at_most or exactly, not {hold!r}")
        return 1.0 if held else 0.0
    return (actual - baseline) / (target - baseline)


def expected_progress(year: int, baseline_year: int, target_year: int) -> float:
    """Where a straight line from baseline to target says the indicator should be in
    ``year``: 0 in the baseline year, 1 in the target year, clipped to 0–1 outside them.

    >>> expected_progress(2025, 2023, 2027)
    0.5
    >>> expected_progress(2030, 2023, 2027)
    1.0
    """
    if target_year <= baseline_year:
        raise ValueError("target_year must come after baseline_year")
    share = (year - baseline_year) / (target_year - baseline_year)
    return min(1.0, max(0.0, share))


def status_for(
    progress_value: float | None,
    expected: float,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    past_target_year: bool = False,
    has_target: bool = True,
) -> Status:
    """The status of an indicator in one year. Thresholds (kit conventions):

    - **saknar målvärde**: the indicator has no baseline or no target (``has_target``
      False), so progress cannot be measured;
    - **saknar mätning**: no actual value that year (``progress_value`` is ``None``);
    - **uppnått**: progress ≥ 1 (the target is reached or passed);
    - **på väg**: progress ≥ expected − ``tolerance`` (at most ten percentage points of the
      way behind the straight-line plan, by default), before the target year;
    - **efter plan**: otherwise, and always when the target year has come
      (``past_target_year``) and the target is not reached.

    >>> status_for(0.4, 0.75).value, status_for(0.7, 0.75).value
    ('efter plan', 'på väg')
    >>> status_for(0.95, 1.0, past_target_year=True).value
    'efter plan'
    """
    if not has_target:
        return Status.NO_TARGET
    if progress_value is None:
        return Status.NO_MEASUREMENT
    if progress_value >= 1.0 - _EPSILON:
        return Status.ACHIEVED
    if past_target_year:
        return Status.BEHIND
    if progress_value >= expected - tolerance - _EPSILON:
        return Status.ON_TRACK
    return Status.BEHIND


# --- measurements --------------------------------------------------------------------------


def _number(text: object) -> float | None:
    """A number from a cell: ``None`` for empty, a float for ``12``, ``12.5`` or ``12,5``."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if cleaned == "":
        return None
    return float(cleaned)  # raises ValueError for text


def check_measurements(
    table: pd.DataFrame, *, first_row: int = 2, sheet: str | None = None
) -> pd.DataFrame:
    """A clean measurements table (columns ``indikator``, ``år``, ``mätvärde``,
    ``anmärkning`` and ``rad``), or :class:`~spark_kit.errors.SparkInputError` listing every
    problem with row, column and value. An empty ``mätvärde`` is allowed: it means the
    indicator was not measured that year.

    ``first_row`` is the row number, as a person sees it, of the table's first data row
    (2 when the header is row 1). A table that already has a ``rad`` column keeps its rows.
    """
    missing = [c for c in MEASUREMENT_COLUMNS if c not in table.columns]
    if missing:
        expected = ", ".join(MEASUREMENT_COLUMNS)
        raise SparkInputError(
            [
                InputProblem("column.missing", sheet, 1, column, None, {"expected": expected})
                for column in missing
            ]
        )
    problems: list[InputProblem] = []
    rows = []
    seen: dict[tuple[str, int], int] = {}
    for offset, record in enumerate(table.to_dict("records")):
        row = int(record[ROW_COLUMN]) if ROW_COLUMN in record else first_row + offset
        indicator = "" if record[INDICATOR_COLUMN] is None else str(record[INDICATOR_COLUMN])
        indicator = indicator.strip()
        if indicator in ("", "nan"):
            problems.append(InputProblem("value.required", sheet, row, INDICATOR_COLUMN))
            continue
        year = _year(record[YEAR_COLUMN], row, sheet, problems)
        try:
            value = _number(record[VALUE_COLUMN])
        except ValueError:
            problems.append(
                InputProblem("value.not_number", sheet, row, VALUE_COLUMN, record[VALUE_COLUMN])
            )
            continue
        if year is None:
            continue
        key = (indicator, year)
        if key in seen:
            params = {"first_row": seen[key], "indicator": indicator, "year": year}
            problems.append(
                InputProblem("tracking.duplicate", sheet, row, YEAR_COLUMN, year, params)
            )
            continue
        seen[key] = row
        note = record.get(NOTE_COLUMN, "")
        note = "" if note is None or (isinstance(note, float) and math.isnan(note)) else note
        rows.append(
            {
                INDICATOR_COLUMN: indicator,
                YEAR_COLUMN: year,
                VALUE_COLUMN: value,
                NOTE_COLUMN: str(note).strip(),
                ROW_COLUMN: row,
            }
        )
    if problems:
        raise SparkInputError(problems)
    clean = pd.DataFrame(rows, columns=[*MEASUREMENT_COLUMNS, NOTE_COLUMN, ROW_COLUMN])
    clean[VALUE_COLUMN] = clean[VALUE_COLUMN].astype(float)
    return clean


def _year(value: object, row: int, sheet: str | None, problems: list[InputProblem]) -> int | None:
    try:
        number = _number(value)
    except ValueError:
        number = None
    if number is None:
        code = (
            "value.required" if str(value).strip() in ("", "nan", "None") else "tracking.not_year"
        )
        problems.append(InputProblem(code, sheet, row, YEAR_COLUMN, value))
        return None
    if number != int(number) or not 1900 <= number <= 2200:
        problems.append(InputProblem("tracking.not_year", sheet, row, YEAR_COLUMN, value))
        return None
    return int(number)


def read_csv_with_comments(path: str | Path) -> tuple[pd.DataFrame, int]:
    """Read a CSV file whose first lines may be comments (``#``), every cell as text.

    Returns the table and the row number of its first data row as a spreadsheet shows the
    file (comment lines and the header count as rows).
    """
    path = Path(path)
    if not path.exists():
        raise SparkInputError(InputProblem("file.not_found", params={"path": str(path)}))
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    comments = 0
    while comments < len(lines) and lines[comments].lstrip().startswith("#"):
        comments += 1
    table = pd.read_csv(path, skiprows=comments, dtype=str, keep_default_na=False)
    return table, comments + 2


def read_measurements(path: str | Path) -> pd.DataFrame:
    """Read a measurements CSV (columns ``indikator``, ``år``, ``mätvärde``, optional
    ``anmärkning``; leading ``#`` comment lines allowed) and check it."""
    table, first_row = read_csv_with_comments(path)
    return check_measurements(table, first_row=first_row)


# --- tracking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tracking:
    """Indicators, their measured values per year, and the plan (baseline and target year).

    Build it with :func:`track`, which checks that every measurement belongs to a known
    indicator. ``tolerance`` and ``hold`` are the conventions of :func:`status_for` and
    :func:`progress`.
    """

    indicators: tuple[Indicator, ...]
    measurements: pd.DataFrame
    baseline_year: int
    target_year: int
    tolerance: float = DEFAULT_TOLERANCE
    hold: Hold = "at_least"

    @property
    def years(self) -> list[int]:
        """The measured years after the baseline year, in order."""
        years = {int(y) for y in self.measurements[YEAR_COLUMN]}
        return sorted(y for y in years if y > self.baseline_year)

    @property
    def latest_year(self) -> int:
        return self.years[-1] if self.years else self.baseline_year

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def actual(self, indicator_id: str, year: int) -> float | None:
        rows = self.measurements[
            (self.measurements[INDICATOR_COLUMN] == indicator_id)
            & (self.measurements[YEAR_COLUMN] == year)
        ]
        if rows.empty:
            return None
        value = float(rows[VALUE_COLUMN].iloc[0])
        return None if math.isnan(value) else value

    def progress(self, indicator_id: str, year: int) -> float | None:
        indicator = self.indicator(indicator_id)
        return progress(
            self.actual(indicator_id, year), indicator.baseline, indicator.target, hold=self.hold
        )

    def expected(self, year: int) -> float:
        return expected_progress(year, self.baseline_year, self.target_year)

    def status(self, indicator_id: str, year: int) -> Status:
        indicator = self.indicator(indicator_id)
        return status_for(
            self.progress(indicator_id, year),
            self.expected(year),
            tolerance=self.tolerance,
            past_target_year=year >= self.target_year,
            has_target=not (_missing(indicator.baseline) or _missing(indicator.target)),
        )

    def frame(self) -> pd.DataFrame:
        """One row per indicator and measured year: actual, progress, expected progress
        and status (the status's Swedish value, e.g. ``"på väg"``). Machine-readable."""
        rows = []
        for indicator in self.indicators:
            for year in self.years:
                rows.append(
                    {
                        "indicator": indicator.id,
                        "year": year,
                        "actual": self.actual(indicator.id, year),
                        "progress": self.progress(indicator.id, year),
                        "expected": self.expected(year),
                        "status": self.status(indicator.id, year).value,
                    }
                )
        return pd.DataFrame(
            rows, columns=["indicator", "year", "actual", "progress", "expected", "status"]
        )

    def table(self, lang: str | None = None, year: int | None = None) -> pd.DataFrame:
        """A table for display: each indicator with its baseline, the actual value of each
        year, its target, and progress and status in ``year`` (default: the latest year).

        Numbers are formatted for ``lang`` (Swedish by default); "–" marks a missing value.
        """
        lang = resolve_lang(lang)
        year = self.latest_year if year is None else year
        dash = "–"
        rows = []
        for indicator in self.indicators:
            row = {
                t("tracking.col.id", lang): indicator.id,
                t("tracking.col.name", lang): indicator.name,
                t("tracking.col.unit", lang): indicator.unit or dash,
                t("tracking.col.baseline", lang, year=self.baseline_year): _fmt(
                    indicator.baseline, lang
                ),
            }
            for measured in self.years:
                row[str(measured)] = _fmt(self.actual(indicator.id, measured), lang)
            row[t("tracking.col.target", lang, year=self.target_year)] = _fmt(
                indicator.target, lang
            )
            share = self.progress(indicator.id, year)
            row[t("tracking.col.progress", lang, year=year)] = (
                dash if share is None else format_percent(share, lang)
            )
            row[t("tracking.col.status", lang, year=year)] = self.status(indicator.id, year).label(
                lang
            )
            rows.append(row)
        return pd.DataFrame(rows).set_index(t("tracking.col.id", lang))


class IndexedTracking(Tracking):
    """A :class:`Tracking` whose actual values are looked up in a dictionary built once,
    instead of filtering the measurements table on every call: a view that redraws its
    table, status summary and charts asks for the same values some 150 times. The values
    are those of :meth:`Tracking.actual` (the first row for an indicator and year; ``None``
    for a missing or empty value). Build it with :meth:`of`; the measurements table must
    not be changed afterwards."""

    @classmethod
    def of(cls, tracking: Tracking) -> IndexedTracking:
        return cls(**{f.name: getattr(tracking, f.name) for f in fields(Tracking)})

    @cached_property
    def _actuals(self) -> dict[tuple[str, int], float | None]:
        table = self.measurements
        found: dict[tuple[str, int], float | None] = {}
        for indicator, year, value in zip(
            table[INDICATOR_COLUMN], table[YEAR_COLUMN], table[VALUE_COLUMN], strict=True
        ):
            value = float(value)
            found.setdefault((indicator, int(year)), None if math.isnan(value) else value)
        return found

    def actual(self, indicator_id: str, year: int) -> float | None:
        return self._actuals.get((indicator_id, int(year)))


def _fmt(value: float | None, lang: str) -> str:
    if _missing(value):
        return "–"
    return format_number(value, lang, decimals=0 if float(value).is_integer() else 1)


def track(
    indicators: Iterable[Indicator],
    measurements: pd.DataFrame,
    baseline_year: int,
    target_year: int,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    hold: Hold = "at_least",
) -> Tracking:
    """Follow ``indicators`` with ``measurements`` (a table as :func:`check_measurements`
    returns; it is checked again here). A measurement for an unknown indicator is an error
    that names the row and the id; so is a target year that is not after the baseline year.
    """
    indicators = tuple(indicators)
    if target_year <= baseline_year:
        raise SparkInputError(
            InputProblem(
                "tracking.years",
                params={"baseline_year": baseline_year, "target_year": target_year},
            )
        )
    measurements = check_measurements(measurements)
    known = {i.id for i in indicators}
    problems = [
        InputProblem(
            "tracking.unknown_indicator",
            None,
            int(row),
            INDICATOR_COLUMN,
            indicator_id,
            {"known": ", ".join(sorted(known))},
        )
        for row, indicator_id in zip(
            measurements[ROW_COLUMN], measurements[INDICATOR_COLUMN], strict=True
        )
        if indicator_id not in known
    ]
    if problems:
        raise SparkInputError(problems)
    return Tracking(
        indicators, measurements.reset_index(drop=True), baseline_year, target_year, tolerance, hold
    )


def load_example_tracking() -> Tracking:
    """The fictional example's indicators M1–M7 followed from 2023 (baseline) to 2027
    (target), with its made-up measurements for 2024–2026."""
    from spark_kit.assessment import load_example

    return track(
        load_example().logic_model.indicators,
        read_measurements(EXAMPLE_MEASUREMENTS),
        EXAMPLE_BASELINE_YEAR,
        EXAMPLE_TARGET_YEAR,
    )
