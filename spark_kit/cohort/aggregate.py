"""The program's figures from a cohort of assessments, as pandas tables.

Every figure is computed by the kit's own methods on each enterprise's assessment, then
counted or added up; nothing is estimated and an assessment may lack any part:

- :func:`enterprise_table`: one row per enterprise: who it is (municipality, legal form,
  sector), which parts it has filled in, its SROI (:func:`~spark_kit.impact.sroi.calculate.
  calculate_sroi`) and the financing in its cash-flow budget
  (:func:`~spark_kit.finance.cashflow.compute_cashflow`);
- :func:`counts_by`: enterprises reached per municipality, legal form or sector;
- :func:`indicator_progress` and :func:`status_summary`: every indicator's progress and
  status in its enterprise's latest follow-up year
  (:mod:`spark_kit.impact.indicators`), and the count per status;
- :func:`sroi_totals` / :func:`sroi_by`: the value maps added up;
- :func:`financing_totals` / :func:`financing_by`: financing mobilised.

**Financing mobilised** is the money the budgets show coming in as grants (``bidrag``),
loans (``lån in``) and member capital (``insatskapital``) within each budget's horizon
(12–36 months), as the budget schedules it. Revenue is not financing and is left out.

**Aggregated SROI** adds up the present values and the value of the inputs of every value
map that has outcome rows and inputs worth more than zero, in the kit's default currency
(SEK), each with its own conventions; the program's ratio is ΣPV / Σinputs (a ratio of
sums, not a mean of ratios; the median of the enterprises' own ratios is given beside it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from spark_kit.cohort.load import Cohort
from spark_kit.errors import SparkInputError
from spark_kit.finance.cashflow import LineKind, compute_cashflow
from spark_kit.impact.indicators import (
    DEFAULT_TOLERANCE,
    Hold,
    Status,
    expected_progress,
    progress,
    status_for,
)
from spark_kit.impact.sroi.calculate import calculate_sroi
from spark_kit.impact.sroi.model import Conventions

#: The profile fields the program counts enterprises by.
DIMENSIONS = ("municipality", "legal_form", "sector")
#: The kinds of cash-flow line that count as financing mobilised, in display order.
FINANCING_KINDS = {
    "grants": LineKind.GRANT,
    "loans": LineKind.LOAN_IN,
    "member_capital": LineKind.MEMBER_CAPITAL,
}
CURRENCY = Conventions().currency

ENTERPRISE_COLUMNS = [
    "file", "name", "municipality", "legal_form", "sector", "fictional",
    "indicators", "follow_up", "value_map", "currency", "present_value", "total_inputs",
    "sroi_ratio", "cashflow", "grants", "loans", "member_capital", "financing", "readiness",
]  # fmt: skip
PROGRESS_COLUMNS = [
    "file", "name", "indicator", "indicator_name", "unit", "baseline", "target",
    "baseline_year", "target_year", "year", "actual", "progress", "expected", "status",
]  # fmt: skip


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _follow_up_year(assessment) -> int | None:
    """The latest measured year after the baseline year (as
    :attr:`spark_kit.impact.indicators.Tracking.latest_year`), or None without a usable plan."""
    follow_up = assessment.follow_up
    by, ty = follow_up.baseline_year, follow_up.target_year
    if by is None or ty is None or ty <= by:
        return None
    years = [m.year for m in follow_up.measurements if m.year > by]
    return max(years) if years else None


def _sroi(assessment) -> tuple[bool, float, float, float]:
    value_map = assessment.value_map
    if not value_map.outcomes or not value_map.inputs:
        return False, math.nan, math.nan, math.nan
    result = calculate_sroi(value_map)
    if result.total_inputs <= 0:
        return False, math.nan, math.nan, math.nan
    return True, result.present_value, result.total_inputs, float(result.sroi_ratio)


def _financing(assessment) -> tuple[bool, dict[str, float]]:
    amounts = dict.fromkeys(FINANCING_KINDS, 0.0)
    budget = assessment.cashflow
    if budget.is_empty():
        return False, amounts
    try:
        by_kind = compute_cashflow(budget).by_kind()
    except SparkInputError:  # a budget built in memory that breaks its rules: not counted
        return False, amounts
    for name, kind in FINANCING_KINDS.items():
        if kind in by_kind:
            amounts[name] = float(by_kind[kind].sum())
    return True, amounts


def enterprise_table(cohort: Cohort) -> pd.DataFrame:
    """One row per enterprise (columns :data:`ENTERPRISE_COLUMNS`).

    ``indicators``: how many indicators its logic model has; ``follow_up``: it has a
    measurement after its baseline year; ``value_map``: it has an SROI value map with
    outcomes and inputs (then ``present_value``, ``total_inputs``, ``sroi_ratio``, else
    NaN); ``cashflow``: it has a computable cash-flow budget (then ``grants``, ``loans``,
    ``member_capital`` and their sum ``financing``, else 0); ``readiness``: it has
    answered the investment-readiness self-assessment.
    """
    rows = []
    for name, assessment in zip(cohort.files, cohort.assessments, strict=True):
        profile = assessment.profile
        has_map, pv, inputs, ratio = _sroi(assessment)
        has_budget, money = _financing(assessment)
        rows.append(
            {
                "file": name,
                "name": profile.name,
                "municipality": profile.municipality,
                "legal_form": profile.legal_form,
                "sector": profile.sector,
                "fictional": profile.fictional,
                "indicators": len(assessment.logic_model.indicators),
                "follow_up": _follow_up_year(assessment) is not None,
                "value_map": has_map,
                "currency": assessment.value_map.conventions.currency,
                "present_value": pv,
                "total_inputs": inputs,
                "sroi_ratio": ratio,
                "cashflow": has_budget,
                **money,
                "financing": sum(money.values()),
                "readiness": assessment.readiness.answered > 0,
            }
        )
    return pd.DataFrame(rows, columns=ENTERPRISE_COLUMNS)


def counts_by(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Enterprises per value of ``column`` (``municipality``, ``legal_form``, ``sector`` …):
    columns ``column``, ``enterprises`` and ``share`` (of all enterprises), most first and
    then by name. An empty value ("" — not filled in) is a group of its own."""
    total = len(table)
    counts = table[column].fillna("").astype(str).value_counts()
    frame = pd.DataFrame({column: counts.index, "enterprises": counts.to_numpy()})
    frame = frame.sort_values(["enterprises", column], ascending=[False, True], kind="stable")
    frame["share"] = frame["enterprises"] / total if total else 0.0
    return frame.reset_index(drop=True)


def indicator_progress(
    cohort: Cohort, *, tolerance: float = DEFAULT_TOLERANCE, hold: Hold = "at_least"
) -> pd.DataFrame:
    """Every indicator of every enterprise, in its enterprise's latest follow-up year:
    the actual value, progress, expected progress and status (columns
    :data:`PROGRESS_COLUMNS`; ``status`` is the :class:`~spark_kit.impact.indicators.Status`
    value, e.g. ``"på väg"``).

    The same conventions as :class:`~spark_kit.impact.indicators.Tracking` (``tolerance``
    and ``hold`` are its parameters, with its defaults), computed with its functions
    :func:`~spark_kit.impact.indicators.progress`, :func:`~spark_kit.impact.indicators.
    expected_progress` and :func:`~spark_kit.impact.indicators.status_for`. An enterprise
    without a follow-up plan (baseline and target year) or without a measurement after the
    baseline year gives its indicators the status "saknar mätning" (or "saknar målvärde"
    for one without a baseline or target); ``year`` is then empty.
    """
    rows = []
    for name, assessment in zip(cohort.files, cohort.assessments, strict=True):
        follow_up = assessment.follow_up
        year = _follow_up_year(assessment)
        values = {}
        if year is not None:
            values = {m.indicator: m.value for m in follow_up.measurements if m.year == year}
        for indicator in assessment.logic_model.indicators:
            has_target = not (_missing(indicator.baseline) or _missing(indicator.target))
            actual = values.get(indicator.id)
            share = progress(actual, indicator.baseline, indicator.target, hold=hold)
            expected = math.nan
            if year is not None:
                expected = expected_progress(year, follow_up.baseline_year, follow_up.target_year)
            status = status_for(
                share,
                0.0 if year is None else expected,
                tolerance=tolerance,
                past_target_year=year is not None and year >= follow_up.target_year,
                has_target=has_target,
            )
            rows.append(
                {
                    "file": name,
                    "name": assessment.profile.name,
                    "indicator": indicator.id,
                    "indicator_name": indicator.name,
                    "unit": indicator.unit,
                    "baseline": indicator.baseline,
                    "target": indicator.target,
                    "baseline_year": follow_up.baseline_year,
                    "target_year": follow_up.target_year,
                    "year": year,
                    "actual": actual,
                    "progress": share,
                    "expected": expected,
                    "status": status.value,
                }
            )
    frame = pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
    for column in ("baseline", "target", "actual", "progress", "expected"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    for column in ("baseline_year", "target_year", "year"):
        frame[column] = frame[column].astype("Int64")
    return frame


def status_summary(progress_table: pd.DataFrame) -> pd.DataFrame:
    """Indicators per status, every status in the order of
    :class:`~spark_kit.impact.indicators.Status` (zeros included): columns ``status``,
    ``indicators``, ``share`` (of all indicators) and ``enterprises`` (with at least one
    indicator in that status)."""
    total = len(progress_table)
    rows = []
    for status in Status:
        chosen = progress_table[progress_table["status"] == status.value]
        rows.append(
            {
                "status": status.value,
                "indicators": len(chosen),
                "share": len(chosen) / total if total else 0.0,
                "enterprises": chosen["file"].nunique(),
            }
        )
    return pd.DataFrame(rows, columns=["status", "indicators", "share", "enterprises"])


def _sroi_rows(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["value_map"] & (table["currency"] == CURRENCY)]


def _sroi_figures(rows: pd.DataFrame) -> dict:
    present_value = float(rows["present_value"].sum())
    inputs = float(rows["total_inputs"].sum())
    return {
        "enterprises": len(rows),
        "present_value": present_value,
        "total_inputs": inputs,
        "npv": present_value - inputs,
        "sroi_ratio": present_value / inputs if inputs > 0 else math.nan,
        "median_ratio": float(rows["sroi_ratio"].median()) if len(rows) else math.nan,
    }


SROI_COLUMNS = ["enterprises", "present_value", "total_inputs", "npv", "sroi_ratio"]
SROI_COLUMNS += ["median_ratio"]


def sroi_totals(table: pd.DataFrame) -> pd.DataFrame:
    """The value maps added up (one row): ``enterprises`` (with a value map in SEK),
    ``present_value`` (ΣPV), ``total_inputs`` (Σ inputs), ``npv``, ``sroi_ratio``
    (ΣPV / Σinputs) and ``median_ratio`` (the median of the enterprises' own ratios)."""
    return pd.DataFrame([_sroi_figures(_sroi_rows(table))], columns=SROI_COLUMNS)


def sroi_by(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """:func:`sroi_totals` per value of ``column`` (e.g. ``sector``), largest PV first."""
    rows = _sroi_rows(table)
    out = [
        {column: value, **_sroi_figures(group)}
        for value, group in rows.groupby(rows[column].fillna(""), sort=True)
    ]
    frame = pd.DataFrame(out, columns=[column, *SROI_COLUMNS])
    frame = frame.sort_values(["present_value", column], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)


def financing_totals(table: pd.DataFrame) -> pd.DataFrame:
    """Financing mobilised per kind (``grants``, ``loans``, ``member_capital``) and in
    ``total``: columns ``kind``, ``amount`` and ``enterprises`` (with more than 0 of it)."""
    rows = [
        {
            "kind": kind,
            "amount": float(table[kind].sum()),
            "enterprises": int((table[kind] > 0).sum()),
        }
        for kind in [*FINANCING_KINDS, "financing"]
    ]
    frame = pd.DataFrame(rows, columns=["kind", "amount", "enterprises"])
    frame["kind"] = frame["kind"].replace({"financing": "total"})
    return frame


def financing_by(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Financing mobilised per value of ``column``: the amount of each kind, the total and
    the number of enterprises with any; largest total first."""
    kinds = [*FINANCING_KINDS, "financing"]
    keys = table[column].fillna("")
    grouped = table[kinds].groupby(keys, sort=True).sum()
    grouped["enterprises"] = (table["financing"] > 0).groupby(keys, sort=True).sum().astype(int)
    frame = grouped.reset_index().rename(columns={"index": column})
    frame = frame.sort_values(["financing", column], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class CohortFigures:
    """Everything the program view shows, computed once from a cohort."""

    cohort: Cohort
    enterprises: pd.DataFrame
    counts: dict[str, pd.DataFrame]
    progress: pd.DataFrame
    status: pd.DataFrame
    sroi: pd.DataFrame
    sroi_by_sector: pd.DataFrame
    financing: pd.DataFrame
    financing_by_sector: pd.DataFrame


def summarise(cohort: Cohort) -> CohortFigures:
    """All the program's figures for ``cohort`` (see the module docstring)."""
    table = enterprise_table(cohort)
    progress_table = indicator_progress(cohort)
    return CohortFigures(
        cohort=cohort,
        enterprises=table,
        counts={dimension: counts_by(table, dimension) for dimension in DIMENSIONS},
        progress=progress_table,
        status=status_summary(progress_table),
        sroi=sroi_totals(table),
        sroi_by_sector=sroi_by(table, "sector"),
        financing=financing_totals(table),
        financing_by_sector=financing_by(table, "sector"),
    )
