"""The SROI calculation: present value, NPV, ratio, net ratio and payback of a value map.

The formulas are those of the SROI guide as set out in the reference
(impact-methods.md §1.4), for outcome row *i* and year *t*:

.. code-block:: text

    gross_i   = quantity_i × proxy_i
    impact_i  = gross_i × (1 − DW_i)(1 − DISP_i)(1 − ATTR_i)         filters="multiplicative"
              = gross_i × max(0, 1 − DW_i − DISP_i − ATTR_i)          filters="additive"
    value_i,t = impact_i × (1 − DO_i)^(k + s)    k = 0 … duration_i − 1 years into the stream
    V_t       = Σ_i value_i,t
    PV        = Σ_t V_t / (1 + r)^(t − 1 + e)
    NPV       = PV − inputs;  ratio = PV / inputs;  net ratio = NPV / inputs
    payback   = inputs / (first-year impact / 12)   months

The contested choices (§1.8) are the named fields of
:class:`~spark_kit.impact.sroi.model.Conventions`, each with the guide's default:

- ``dropoff_start``: ``"year2"`` → s = 0, the first year at full impact (the guide);
  ``"year1"`` → s = 1, drop-off already applied in the first year.
- ``discount_first_year``: ``True`` → e = 1, year 1 divided by (1 + r) (the guide);
  ``False`` → e = 0, year 1 not discounted.
- ``filters``: ``"multiplicative"`` (the guide's usual reading) or ``"additive"``.
- ``outcome_start`` (per row): 1, the stream starts in year 1; 2, it starts in year 2 and
  lasts ``duration_years`` from there (k counts from the row's own first year, so its
  drop-off starts over; t, and so the discounting, counts calendar years).

**Inputs** are valued at the start of the year they are given: an input in year *y* is
divided by (1 + r)^(y − 1), so year-1 inputs are not discounted whatever
``discount_first_year`` says. Benefits arise over the year: at its end under the guide's
convention (e = 1), at its start with ``discount_first_year=False`` (e = 0, the same
timing as the inputs). With every input in year 1 (the usual case, and Case 3) the value
of the inputs is simply their sum.

**Payback** follows the guide's simple formula (§1.4): the value of the inputs divided
by one month of the first-year impact, where the first-year impact is the sum of every
row's value in its own first year (the value map's "impact" column, times (1 − DO) under
``dropoff_start="year1"``). It ignores discounting and drop-off after year 1.

Worked example (impact-methods.md §1.7, Case 3, a constructed example):

>>> from spark_kit.impact.sroi.exercises import case_3_value_map
>>> result = calculate_sroi(case_3_value_map())
>>> round(result.present_value, 2), round(result.sroi_ratio, 4), round(result.payback_months, 2)
(2002354.37, 1.3349, 16.64)

The calculation is vectorised over a rows × years matrix; :func:`row_present_values` is
the same present value in closed form (a geometric series), used by the sensitivity
analysis and the Monte Carlo simulation, where there is no need for the years one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from spark_kit.impact.sroi.model import Conventions, ValueMap
from spark_kit.impact.sroi.quality import QualityWarning, check_quality

ROW_FIELDS = (
    "quantity",
    "financial_proxy",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "duration_years",
    "outcome_start",
)


@dataclass(frozen=True)
class SroiResult:
    """The result of :func:`calculate_sroi`. All numbers unrounded, money in the map's currency.

    - ``present_value``: PV of the benefits; ``total_inputs``: value of the inputs (later
      years discounted, see the module docstring); ``npv`` = PV − inputs.
    - ``sroi_ratio`` = PV / inputs and ``net_sroi_ratio`` = NPV / inputs; ``None`` when the
      inputs are 0.
    - ``payback_months``: inputs ÷ (first-year impact / 12); ``None`` with no impact.
    - ``values_by_year``: undiscounted V_t, year 1 first; ``pv_by_year``: the same discounted.
    - ``by_stakeholder``: PV per stakeholder, in the order the outcome rows name them.
    - ``by_outcome``: one dict per outcome row, in value-map order: ``row`` (1-based),
      ``stakeholder``, ``outcome``, ``impact`` (the row's value in its own first year, after
      the filters) and ``present_value``.
    - ``conventions``: the conventions used; ``warnings``: quality warnings (not errors).
    """

    present_value: float
    total_inputs: float
    npv: float
    sroi_ratio: float | None
    net_sroi_ratio: float | None
    payback_months: float | None
    values_by_year: list[float]
    pv_by_year: list[float]
    by_stakeholder: dict[str, float]
    by_outcome: list[dict]
    conventions: Conventions
    warnings: list[QualityWarning] = field(default_factory=list)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The result as JSON-ready data; warning messages in ``lang`` (default Swedish).

        Keys: ``present_value``, ``total_inputs``, ``npv``, ``sroi_ratio``,
        ``net_sroi_ratio``, ``payback_months``, ``values_by_year``, ``pv_by_year``,
        ``by_stakeholder``, ``by_outcome``, ``conventions`` (the five settings) and
        ``warnings`` (each ``{"code", "row", "message"}``). Numbers are not rounded.
        """
        return {
            "present_value": self.present_value,
            "total_inputs": self.total_inputs,
            "npv": self.npv,
            "sroi_ratio": self.sroi_ratio,
            "net_sroi_ratio": self.net_sroi_ratio,
            "payback_months": self.payback_months,
            "values_by_year": list(self.values_by_year),
            "pv_by_year": list(self.pv_by_year),
            "by_stakeholder": dict(self.by_stakeholder),
            "by_outcome": [dict(row) for row in self.by_outcome],
            "conventions": self.conventions.model_dump(),
            "warnings": [w.to_dict(lang) for w in self.warnings],
        }


# --- arrays: the value map as numpy vectors -------------------------------------------------


@dataclass(frozen=True)
class ValueMapArrays:
    """The numbers of a value map as arrays: one entry per outcome row, per input.

    Row parameters are float arrays of shape ``(rows,)`` (durations and starts too), so
    that they broadcast against a leading axis of draws in the sensitivity analysis.
    """

    quantity: np.ndarray
    financial_proxy: np.ndarray
    deadweight: np.ndarray
    displacement: np.ndarray
    attribution: np.ndarray
    drop_off: np.ndarray
    duration_years: np.ndarray
    outcome_start: np.ndarray
    input_amounts: np.ndarray
    input_years: np.ndarray

    @classmethod
    def from_value_map(cls, value_map: ValueMap) -> ValueMapArrays:
        rows = value_map.outcomes
        columns = {
            name: np.array([float(getattr(row, name)) for row in rows], dtype=float)
            for name in ROW_FIELDS
        }
        return cls(
            **columns,
            input_amounts=np.array([i.amount for i in value_map.inputs], dtype=float),
            input_years=np.array([i.year for i in value_map.inputs], dtype=float),
        )

    @property
    def rows(self) -> int:
        return len(self.quantity)

    def replace(self, **changes: np.ndarray) -> ValueMapArrays:
        """A copy with some arrays replaced (the originals are never changed)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return ValueMapArrays(**{**values, **changes})


def filter_factor(deadweight, displacement, attribution, filters: str = "multiplicative"):
    """The share of the gross value kept after the three filters (arrays broadcast).

    >>> float(filter_factor(0.2, 0.0, 0.25)), float(filter_factor(0.2, 0.0, 0.25, "additive"))
    (0.6000000000000001, 0.55)
    """
    if filters == "multiplicative":
        return (1.0 - deadweight) * (1.0 - displacement) * (1.0 - attribution)
    if filters == "additive":
        return np.maximum(0.0, 1.0 - deadweight - displacement - attribution)
    raise ValueError(f"filters must be 'multiplicative' or 'additive', not {filters!r}")


def _offsets(conventions: Conventions) -> tuple[int, int]:
    """(s, e): drop-off exponent offset and discount exponent offset (module docstring)."""
    dropoff_shift = 1 if conventions.dropoff_start == "year1" else 0
    discount_shift = 1 if conventions.discount_first_year else 0
    return dropoff_shift, discount_shift


def annuity_factor(drop_off, duration_years, outcome_start, rate, conventions: Conventions):
    """PV of a row per unit of its impact: Σ_k (1 − DO)^(k+s) / (1 + r)^(start − 1 + e + k).

    Closed form of the geometric series with q = (1 − DO) / (1 + r), written with
    ``log1p``/``expm1`` so that it stays accurate when q is close to 1. All arguments
    broadcast (``rate`` may be an array of shape ``(draws, 1)``).

    >>> from spark_kit.impact.sroi.model import Conventions
    >>> round(float(annuity_factor(0.0, 3, 1, 0.0, Conventions())), 12)
    3.0
    """
    shift_drop, shift_disc = _offsets(conventions)
    drop_off = np.asarray(drop_off, dtype=float)
    rate = np.asarray(rate, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_q = np.log1p(-drop_off) - np.log1p(rate)
        series = np.where(
            log_q == 0.0,
            duration_years,
            np.expm1(duration_years * log_q) / np.expm1(log_q),
        )
    lead = (1.0 - drop_off) ** shift_drop / (1.0 + rate) ** (outcome_start - 1 + shift_disc)
    return lead * series


def row_impacts(arrays: ValueMapArrays, conventions: Conventions):
    """Each row's impact (quantity × proxy after the filters), before drop-off."""
    factor = filter_factor(
        arrays.deadweight, arrays.displacement, arrays.attribution, conventions.filters
    )
    return arrays.quantity * arrays.financial_proxy * factor


def row_present_values(arrays: ValueMapArrays, conventions: Conventions, rate=None):
    """PV of each row (closed form); ``rate`` defaults to ``conventions.discount_rate``."""
    rate = conventions.discount_rate if rate is None else rate
    factor = annuity_factor(
        arrays.drop_off, arrays.duration_years, arrays.outcome_start, rate, conventions
    )
    return row_impacts(arrays, conventions) * factor


def inputs_present_value(amounts, years, rate):
    """Value of the inputs: an amount in year y divided by (1 + r)^(y − 1).

    ``rate`` may be a scalar or an array of shape ``(draws, 1)``; the sum is over the last
    axis (the inputs).

    >>> float(inputs_present_value([100.0, 103.5], [1, 2], 0.035))
    200.0
    """
    amounts = np.asarray(amounts, dtype=float)
    years = np.asarray(years, dtype=float)
    rate = np.asarray(rate, dtype=float)
    return np.sum(amounts / (1.0 + rate) ** (years - 1.0), axis=-1)


# --- the calculation -----------------------------------------------------------------------


def value_matrix(arrays: ValueMapArrays, conventions: Conventions) -> np.ndarray:
    """Undiscounted value of each row in each year: a rows × years matrix, year 1 first."""
    shift_drop, _ = _offsets(conventions)
    if arrays.rows == 0:
        return np.zeros((0, 0))
    last_year = int(np.max(arrays.outcome_start + arrays.duration_years - 1))
    years = np.arange(1, last_year + 1, dtype=float)
    into_stream = years[None, :] - arrays.outcome_start[:, None]  # k: 0 in the first year
    active = (into_stream >= 0) & (into_stream < arrays.duration_years[:, None])
    exponent = np.clip(into_stream, 0, None) + shift_drop
    kept = (1.0 - arrays.drop_off[:, None]) ** exponent
    return np.where(active, row_impacts(arrays, conventions)[:, None] * kept, 0.0)


def discount_factors(years: int, conventions: Conventions) -> np.ndarray:
    """1 / (1 + r)^(t − 1 + e) for t = 1 … ``years``."""
    _, shift_disc = _offsets(conventions)
    exponents = np.arange(years, dtype=float) + shift_disc
    return (1.0 + conventions.discount_rate) ** -exponents


def change_outcome(value_map: ValueMap, row: int, **changes: Any) -> ValueMap:
    """A copy of ``value_map`` with outcome row ``row`` (1-based) changed and validated.

    >>> from spark_kit.impact.sroi.exercises import case_3_value_map
    >>> change_outcome(case_3_value_map(), 1, deadweight=0.3).outcomes[0].deadweight
    0.3
    """
    if not 1 <= row <= len(value_map.outcomes):
        raise ValueError(f"row {row} is not an outcome row (1–{len(value_map.outcomes)})")
    outcomes = list(value_map.outcomes)
    old = outcomes[row - 1]
    outcomes[row - 1] = type(old).model_validate({**old.model_dump(), **changes})
    return value_map.model_copy(update={"outcomes": outcomes})


def calculate_sroi(value_map: ValueMap, conventions: Conventions | None = None) -> SroiResult:
    """Compute the SROI of ``value_map``; ``conventions`` (if given) override the map's own.

    See the module docstring for the formulas and conventions. The quality warnings of
    :func:`~spark_kit.impact.sroi.quality.check_quality` come with the result.
    """
    conventions = conventions or value_map.conventions
    arrays = ValueMapArrays.from_value_map(value_map)
    shift_drop, _ = _offsets(conventions)

    values = value_matrix(arrays, conventions)
    discounted = values * discount_factors(values.shape[1], conventions)[None, :]
    row_pv = discounted.sum(axis=1)
    present_value = float(row_pv.sum())
    total_inputs = float(
        inputs_present_value(arrays.input_amounts, arrays.input_years, conventions.discount_rate)
    )
    npv = present_value - total_inputs
    first_year = row_impacts(arrays, conventions) * (1.0 - arrays.drop_off) ** shift_drop
    first_year_total = float(first_year.sum())

    by_stakeholder: dict[str, float] = {}
    by_outcome = []
    for number, (row, pv, impact) in enumerate(
        zip(value_map.outcomes, row_pv.tolist(), first_year.tolist(), strict=True), start=1
    ):
        by_stakeholder[row.stakeholder] = by_stakeholder.get(row.stakeholder, 0.0) + pv
        by_outcome.append(
            {
                "row": number,
                "stakeholder": row.stakeholder,
                "outcome": row.outcome,
                "impact": impact,
                "present_value": pv,
            }
        )

    return SroiResult(
        present_value=present_value,
        total_inputs=total_inputs,
        npv=npv,
        sroi_ratio=present_value / total_inputs if total_inputs > 0 else None,
        net_sroi_ratio=npv / total_inputs if total_inputs > 0 else None,
        payback_months=total_inputs / (first_year_total / 12) if first_year_total > 0 else None,
        values_by_year=values.sum(axis=0).tolist(),
        pv_by_year=discounted.sum(axis=0).tolist(),
        by_stakeholder=by_stakeholder,
        by_outcome=by_outcome,
        conventions=conventions,
        warnings=check_quality(value_map),
    )
