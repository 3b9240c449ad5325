"""Break-even (nollpunktsanalys): contribution margin, break-even volume and revenue, safety margin.

The formulas of the reference (financing.md §2.5; sources there: dinkalkulator.no,
expowera.se, dokumera.se)::

    TB (täckningsbidrag per unit)  = price − variable cost
    TG (täckningsgrad)             = TB / price
    break-even volume              = FK / TB           (FK = fixed costs)
    break-even revenue             = FK / TG
    safety margin                  = (budget sales − break-even sales) / budget sales

The safety margin (säkerhetsmarginal) is given in money (budget revenue − break-even
revenue), as a share of the budget revenue, and in units when the analysis is per unit.

Two ways in: per unit (``price`` and ``variable_cost``), or, for a shop selling many
goods, with the contribution-margin ratio ``contribution_ratio`` (TG, a share of sales)
alone; then there is no break-even volume, only a break-even revenue.

>>> r = break_even(fixed_costs=120_000, price=50, variable_cost=30, budget_volume=8_000)
>>> r.contribution_margin, r.contribution_ratio, r.volume, r.revenue
(20.0, 0.4, 6000.0, 300000.0)
>>> r.safety_margin, r.safety_margin_share
(100000.0, 0.25)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import format_money, format_number, format_percent, resolve_lang, t
from spark_kit.workbook.cells import CellError, to_fraction, to_number


@dataclass(frozen=True)
class BreakEven:
    """The result of a break-even analysis. Volumes in units, money in kronor.

    ``volume`` (break-even volume) and ``safety_margin_units`` are ``None`` when the
    analysis was made with a contribution-margin ratio only; the safety margins are
    ``None`` without budgeted sales.
    """

    fixed_costs: float
    contribution_ratio: float
    revenue: float
    price: float | None = None
    variable_cost: float | None = None
    contribution_margin: float | None = None
    volume: float | None = None
    budget_volume: float | None = None
    budget_revenue: float | None = None
    safety_margin: float | None = None
    safety_margin_share: float | None = None
    safety_margin_units: float | None = None

    @property
    def per_unit(self) -> bool:
        return self.price is not None

    @property
    def budget_result(self) -> float | None:
        """The result (profit or loss) at the budgeted sales: TG × sales − FK."""
        if self.budget_revenue is None:
            return None
        return self.contribution_ratio * self.budget_revenue - self.fixed_costs

    def lines(self, revenues: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Total cost and result at each sales revenue in ``revenues`` (the chart's lines)."""
        revenues = np.asarray(revenues, dtype=float)
        total_cost = self.fixed_costs + (1.0 - self.contribution_ratio) * revenues
        return total_cost, revenues - total_cost

    def summary(self, lang: str | None = None) -> str:
        """The result in one or two sentences, with Babel formatting."""
        lang = resolve_lang(lang)
        kr = lambda v: format_money(round(v), lang, decimals=0)  # noqa: E731
        text = t(
            "breakeven.summary.revenue",
            lang,
            revenue=kr(self.revenue),
            ratio=format_percent(self.contribution_ratio, lang, decimals=1),
        )
        if self.volume is not None:
            text += " " + t(
                "breakeven.summary.volume",
                lang,
                volume=format_number(math.ceil(self.volume - 1e-9), lang),
                margin=format_money(self.contribution_margin or 0.0, lang),
            )
        if self.safety_margin is not None and self.safety_margin_share is not None:
            key = (
                "breakeven.summary.safety" if self.safety_margin >= 0 else "breakeven.summary.short"
            )
            text += " " + t(
                key,
                lang,
                margin=kr(abs(self.safety_margin)),
                share=format_percent(abs(self.safety_margin_share), lang, decimals=1),
            )
        return text


def _number(value: Any, name: str, problems: list[InputProblem]) -> float | None:
    if value is None:
        return None
    try:
        number = to_number(value)
    except CellError as error:
        problems.append(InputProblem(error.code, column=name, value=value))
        return None
    return number


def break_even(
    fixed_costs: float,
    price: float | None = None,
    variable_cost: float | None = None,
    *,
    contribution_ratio: float | str | None = None,
    budget_volume: float | None = None,
    budget_revenue: float | None = None,
) -> BreakEven:
    """Break-even from fixed costs and either price and variable cost per unit, or the
    contribution-margin ratio (TG, a share: ``0.25``, ``"25 %"``).

    Budgeted sales for the safety margin: ``budget_volume`` (units, per-unit analysis) or
    ``budget_revenue`` (kronor). Numbers may also be text as in a spreadsheet (``"1 234,5"``).

    Raises :class:`SparkInputError` (every problem at once) for: a price at or below the
    variable cost (no contribution margin, so no break-even), negative fixed or variable
    costs, a price of zero or less, a ratio outside (0, 1], both or neither of price and
    ratio, both budget volume and budget revenue, a budget volume without a price, and
    negative budgeted sales.
    """
    problems: list[InputProblem] = []
    fixed = _number(fixed_costs, "fixed_costs", problems)
    p = _number(price, "price", problems)
    v = _number(variable_cost, "variable_cost", problems)
    volume_budget = _number(budget_volume, "budget_volume", problems)
    revenue_budget = _number(budget_revenue, "budget_revenue", problems)
    ratio: float | None = None
    if contribution_ratio is not None:
        try:
            ratio = to_fraction(contribution_ratio)
        except CellError as error:
            problems.append(
                InputProblem(error.code, column="contribution_ratio", value=contribution_ratio)
            )
    if fixed is None and fixed_costs is None:
        problems.append(InputProblem("value.required", column="fixed_costs"))
    if fixed is not None and fixed < 0:
        problems.append(InputProblem("value.negative", column="fixed_costs", value=fixed_costs))
    per_unit = price is not None or variable_cost is not None
    if per_unit and contribution_ratio is not None:
        problems.append(InputProblem("breakeven.price_and_ratio", column="contribution_ratio",
                                     value=contribution_ratio))  # fmt: skip
    elif not per_unit and contribution_ratio is None:
        problems.append(InputProblem("breakeven.need_price_or_ratio", column="price"))
    if per_unit:
        if price is None:
            problems.append(InputProblem("value.required", column="price"))
        if variable_cost is None:
            problems.append(InputProblem("value.required", column="variable_cost"))
        if p is not None and p <= 0:
            problems.append(InputProblem("breakeven.price_positive", column="price", value=price))
        if v is not None and v < 0:
            problems.append(
                InputProblem("value.negative", column="variable_cost", value=variable_cost)
            )
        if p is not None and v is not None and p > 0 and v >= 0 and p <= v:
            problems.append(
                InputProblem(
                    "breakeven.no_margin",
                    column="price",
                    value=price,
                    params={"price": format_money(p), "cost": format_money(v)},
                )
            )
    if ratio is not None and not 0.0 < ratio <= 1.0:
        problems.append(
            InputProblem("breakeven.ratio_range", column="contribution_ratio",
                         value=contribution_ratio)
        )  # fmt: skip
    if budget_volume is not None and budget_revenue is not None:
        problems.append(InputProblem("breakeven.budget_both", column="budget_revenue",
                                     value=budget_revenue))  # fmt: skip
    if budget_volume is not None and not per_unit:
        problems.append(InputProblem("breakeven.volume_needs_price", column="budget_volume",
                                     value=budget_volume))  # fmt: skip
    for name, number, raw in (
        ("budget_volume", volume_budget, budget_volume),
        ("budget_revenue", revenue_budget, budget_revenue),
    ):
        if number is not None and number < 0:
            problems.append(InputProblem("value.negative", column=name, value=raw))
    if problems:
        raise SparkInputError(problems)

    assert fixed is not None
    if per_unit:
        assert p is not None and v is not None
        margin = p - v
        ratio = margin / p
        volume = fixed / margin
    else:
        assert ratio is not None
        margin, volume = None, None
    revenue = fixed / ratio
    sales = revenue_budget
    if volume_budget is not None and p is not None:
        sales = volume_budget * p
    safety = share = units = None
    if sales is not None:
        safety = sales - revenue
        share = safety / sales if sales > 0 else None
        if volume is not None and p is not None:
            units = sales / p - volume
    return BreakEven(
        fixed_costs=fixed,
        contribution_ratio=ratio,
        revenue=revenue,
        price=p,
        variable_cost=v,
        contribution_margin=margin,
        volume=volume,
        budget_volume=volume_budget if volume_budget is not None else (
            sales / p if (sales is not None and p is not None) else None
        ),
        budget_revenue=sales,
        safety_margin=safety,
        safety_margin_share=share,
        safety_margin_units=units,
    )  # fmt: skip


def break_even_from_dict(data: dict[str, Any]) -> BreakEven:
    """:func:`break_even` from plain data (the ``breakeven`` part of an example's YAML);
    unknown keys are errors."""
    allowed = {"fixed_costs", "price", "variable_cost", "contribution_ratio",
               "budget_volume", "budget_revenue"}  # fmt: skip
    extra = sorted(set(data) - allowed - {"description", "unit"})
    if extra:
        raise SparkInputError(
            [InputProblem("cashflow.unknown_field", column=key, value=key) for key in extra]
        )
    return break_even(**{k: v for k, v in data.items() if k in allowed})


__all__ = ["BreakEven", "break_even", "break_even_from_dict"]
