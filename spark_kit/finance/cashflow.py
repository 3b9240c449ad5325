"""Cash-flow budget (likviditetsbudget): month by month over 12–36 months, with the funding gap.

The structure follows verksamt.se's likviditetsbudget (reference: financing.md §2.6): the
cash on the first of the month, money in, money out, and the cash at the end of the month,
which is the next month's opening cash::

    cash_t = cash_{t-1} + inflow_t - outflow_t        (cash_0 = the opening balance)
    funding gap = max(0, -min_t cash_t)

The gap rule is the reference's formulation (an inference there) of "the cash deficit in the
worst month sets the capital need" (bjornlunden.se/blastart/likviditetsbudget).

A budget is a list of lines (:class:`CashFlowLine`). Every amount is entered as a positive
number; the line's kind says whether it is money in or money out:

========================  =================  ===========
kind (``LineKind``)       stored as          direction
========================  =================  ===========
``REVENUE``               ``intäkt``         in
``COST``                  ``kostnad``        out
``GRANT``                 ``bidrag``         in
``LOAN_IN``               ``lån in``         in
``LOAN_REPAYMENT``        ``amortering``     out
``MEMBER_CAPITAL``        ``insatskapital``  in
========================  =================  ===========

A line other than a grant is either an amount with a pattern (:class:`Pattern`: every month,
every quarter, or once) from ``month`` to ``end_month``, or a list of amounts month by month
(``amounts``) starting in ``month``.

A grant has an award (``amount``), a project period (``month`` to ``end_month``) and a
payment rule (:class:`PaymentRule`):

- ``ADVANCE`` (``förskott``): the whole award is paid in ``month + delay``. Advances exist
  for some grants (the reference, §1.3, names an ESF advance secured with a Mikrofonden Öst
  guarantee; a Leader office, leadergastrikebygdenllu.se/sok-utbetalning, read 2026-11-27,
  offers förskott but not to companies or public bodies), but are not the rule.
- ``ARREARS`` (``efterskott``): the award accrues evenly over the project's months and is
  paid for each period of ``every`` months, ``delay`` months after the period ends; the
  share ``withheld`` is held back until the final report and paid ``delay`` months after
  ``end_month``. ESF+ pays retroactively, so the costs must be fronted (reference §1.1:
  esf.se, ansökningsguide 2021–2027: "Vid eventuellt stöd från ESF+ kommer det att betalas
  ut retroaktivt"). For Leader, a Leader office states that at most 80 % of the award can
  be paid in part payments before the final payment
  (https://www.sormlandskusten.se/ansokan-om-utbetalning/, read 2026-11-27), i.e. at least
  ``withheld=0.2``; the
  reference (§1.3) has the case of Feel4Götaälv, whose last 20 % of a Leader payment was
  withheld until the final report and bridged with a Mikrofonden guarantee.
- ``FINAL_REPORT`` (``efter slutrapport``): the whole award is paid ``delay`` months after
  ``end_month``, once the final report is approved. The reference calls Leader "paid in
  arrears" as an inference (§1.1); an award paid in full only after the final report is the
  extreme case, used by the fictional Granbacka example to show the bridging need.

Months are numbered 1 … ``horizon`` from the budget's first month. A payment that would
fall after the horizon is an error naming the line and the month, not a silent loss: make
the horizon longer, or shorten the delay.

The results are vectorised with numpy (:func:`compute_cashflow`): a 36-month budget with a
dozen lines is recomputed in well under a millisecond (``benchmarks/finance.py``).

>>> budget = CashFlowBudget(horizon=12, opening_balance=10_000, lines=[
...     CashFlowLine(kind="kostnad", amount=5_000),
...     CashFlowLine(kind="bidrag", amount=60_000, payment="efter slutrapport",
...                  month=1, end_month=6, delay=3)])
>>> result = compute_cashflow(budget)
>>> result.funding_gap, result.gap_month
(30000.0, 8)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from babel.dates import get_month_names
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import format_money, resolve_lang, t
from spark_kit.paths import EXAMPLES_DIR

MIN_HORIZON, MAX_HORIZON = 12, 36
LINES_SHEET = "likviditet"  # the workbook sheet of lines (spark_kit.workbook.schema.CASHFLOW)
BUDGET_SHEET = "likviditetsbudget"  # its settings (spark_kit.workbook.schema.CASHFLOW_BUDGET)
EXAMPLE_SUFFIX = "_finansiering"


def _normalise(name: object) -> str:
    return re.sub(r"[\s_\-]+", " ", str(name or "")).strip().casefold()


class LineKind(str, Enum):
    """What a line is; the kind says whether its amounts come in or go out."""

    REVENUE = "intäkt"
    COST = "kostnad"
    GRANT = "bidrag"
    LOAN_IN = "lån in"
    LOAN_REPAYMENT = "amortering"
    MEMBER_CAPITAL = "insatskapital"

    @property
    def inflow(self) -> bool:
        return self not in (LineKind.COST, LineKind.LOAN_REPAYMENT)

    def label(self, lang: str | None = None) -> str:
        return t(f"cashflow.kind.{self.name.lower()}", lang)


class Pattern(str, Enum):
    """How an amount repeats over the line's months."""

    MONTHLY = "varje månad"
    QUARTERLY = "varje kvartal"
    ONCE = "en gång"

    def label(self, lang: str | None = None) -> str:
        return t(f"cashflow.pattern.{self.name.lower()}", lang)


class PaymentRule(str, Enum):
    """When a grant's money arrives (see the module docstring for each rule's source)."""

    ADVANCE = "förskott"
    ARREARS = "efterskott"
    FINAL_REPORT = "efter slutrapport"

    def label(self, lang: str | None = None) -> str:
        return t(f"cashflow.payment.{self.name.lower()}", lang)


def _spellings(table: dict[Enum, tuple[str, ...]]) -> dict[str, str]:
    """Accepted spellings (normalised) → stored value."""
    return {
        _normalise(spelling): member.value
        for member, names in table.items()
        for spelling in (member.value, member.name, *names)
    }


KIND_SPELLINGS = _spellings(
    {
        LineKind.REVENUE: ("revenue", "intäkter", "försäljning", "inbetalning"),
        LineKind.COST: ("cost", "kostnader", "utbetalning", "utgift", "utgifter"),
        LineKind.GRANT: ("grant", "stöd", "projektstöd"),
        LineKind.LOAN_IN: ("loan in", "lån", "nytt lån", "loan"),
        LineKind.LOAN_REPAYMENT: ("loan repayment", "återbetalning", "avbetalning", "repayment"),
        LineKind.MEMBER_CAPITAL: ("member capital", "insatser", "medlemsinsatser"),
    }
)
PATTERN_SPELLINGS = _spellings(
    {
        Pattern.MONTHLY: ("monthly", "månad", "månadsvis", "per månad", "varje månad"),
        Pattern.QUARTERLY: ("quarterly", "kvartal", "kvartalsvis", "per kvartal"),
        Pattern.ONCE: ("once", "engång", "en gang", "engångs"),
    }
)
PAYMENT_SPELLINGS = _spellings(
    {
        PaymentRule.ADVANCE: ("advance", "in advance", "i förskott"),
        PaymentRule.ARREARS: ("arrears", "in arrears", "i efterskott", "i efterhand"),
        PaymentRule.FINAL_REPORT: (
            "final report",
            "after final report",
            "after the final report",
            "slutrapport",
            "efter slutredovisning",
            "slututbetalning",
        ),
    }
)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _choice(value: Any, spellings: dict[str, str]) -> Any:
    if isinstance(value, Enum) or value is None:
        return value
    return spellings.get(_normalise(value), value)


class CashFlowLine(_Record):
    """One line of the budget. Amounts are positive; ``kind`` gives the direction.

    - ``amount``: the amount each time (pattern) or, for a grant, the award;
    - ``pattern``: ``MONTHLY`` (blank means monthly), ``QUARTERLY`` (every third month
      from ``month``) or ``ONCE`` (in ``month``); not used with ``amounts`` or for grants;
    - ``amounts``: amounts month by month from ``month``, instead of ``amount``;
    - ``month`` / ``end_month``: the first and last month (blank end: the horizon's end;
      for a grant, the project period, which must end within the horizon);
    - ``payment``, ``every``, ``delay``, ``withheld``: a grant's payment rule, the months
      per payment period (arrears; blank means 3), the months from a period's end or the
      project's end to the payment, and the share held back until the final report.

    The model checks types only; :meth:`CashFlowBudget.problems` checks the rules, so that
    every problem can be reported at once, located by sheet row and column.
    """

    kind: LineKind
    description: str = ""
    amount: float | None = None
    pattern: Pattern | None = None
    amounts: list[float] | None = None
    month: int = 1
    end_month: int | None = None
    payment: PaymentRule | None = None
    every: int | None = None
    delay: int | None = None
    withheld: float | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> Any:
        return _choice(value, KIND_SPELLINGS)

    @field_validator("pattern", mode="before")
    @classmethod
    def _pattern(cls, value: Any) -> Any:
        return _choice(value, PATTERN_SPELLINGS)

    @field_validator("payment", mode="before")
    @classmethod
    def _payment(cls, value: Any) -> Any:
        return _choice(value, PAYMENT_SPELLINGS)

    @field_validator("amounts", mode="before")
    @classmethod
    def _amounts(cls, value: Any) -> Any:
        """Also a text "10 000; 12 000; 0" (semicolons between months), as in the workbook."""
        if isinstance(value, str):
            return parse_amounts(value)
        return value

    @field_validator("withheld", mode="before")
    @classmethod
    def _withheld(cls, value: Any) -> Any:
        if isinstance(value, str):
            from spark_kit.workbook.cells import CellError, to_fraction

            try:
                return to_fraction(value)
            except CellError:
                return value
        return value

    def name(self, lang: str | None = None) -> str:
        """The description, or the kind's label when there is none."""
        return self.description or self.kind.label(lang)


def parse_amounts(text: str) -> list[float] | str:
    """``"10 000; 12 000,5; 0"`` → ``[10000.0, 12000.5, 0.0]``; text that is not such a
    list is returned unchanged (the model then reports it)."""
    from spark_kit.workbook.cells import CellError, to_number

    parts = [p for p in text.split(";")]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    try:
        return [to_number(p.strip()) if p.strip() else 0.0 for p in parts]
    except CellError:
        return text


def format_amounts(amounts: list[float]) -> str:
    """The workbook's text for a list of monthly amounts: ``"10000; 12000.5; 0"``."""
    return "; ".join(str(int(a)) if float(a).is_integer() else repr(float(a)) for a in amounts)


class CashFlowBudget(_Record):
    """A likviditetsbudget: horizon (12–36 months), first month, opening cash, lines.

    ``buffer`` is the least cash the enterprise wants to keep; the bridging need is what it
    must borrow to stay at or above it. ``start_year`` is optional (month names then carry
    no year).
    """

    horizon: int = 12
    start_month: int = 1
    start_year: int | None = None
    opening_balance: float = 0.0
    buffer: float = 0.0
    lines: list[CashFlowLine] = Field(default_factory=list)

    def problems(self) -> list[InputProblem]:
        return budget_problems(self)

    def compute(self) -> CashFlowResult:
        return compute_cashflow(self)

    def is_empty(self) -> bool:
        return not self.lines


# --- validation ------------------------------------------------------------------------------

#: The workbook's Swedish headers, used to locate problems (sheet, row, column) as in
#: :func:`spark_kit.impact.logic_model.structural_problems`.
HEADERS = {
    "kind": "typ",
    "description": "beskrivning",
    "amount": "belopp",
    "pattern": "mönster",
    "amounts": "månadsbelopp",
    "month": "månad",
    "end_month": "slutmånad",
    "payment": "utbetalning",
    "every": "var n:e månad",
    "delay": "fördröjning",
    "withheld": "innehålls",
}
BUDGET_HEADERS = {
    "horizon": "horisont",
    "start_month": "startmånad",
    "start_year": "startår",
    "opening_balance": "ingående saldo",
    "buffer": "buffert",
}


def _finite(value: float | None) -> bool:
    return value is None or math.isfinite(value)


def budget_problems(budget: CashFlowBudget) -> list[InputProblem]:
    """Every problem that makes the budget unusable, located as on the workbook's sheets:
    ``likviditetsbudget`` for the settings, ``likviditet`` row ``i + 2`` for line ``i``."""
    problems: list[InputProblem] = []
    horizon = budget.horizon

    def setting(code: str, field: str, value: Any, **params: Any) -> None:
        problems.append(
            InputProblem(code, BUDGET_SHEET, None, BUDGET_HEADERS[field], value, params)
        )

    if not MIN_HORIZON <= horizon <= MAX_HORIZON:
        setting("cashflow.horizon", "horizon", horizon, min=MIN_HORIZON, max=MAX_HORIZON)
        horizon = min(max(horizon, MIN_HORIZON), MAX_HORIZON)  # check the lines anyway
    if not 1 <= budget.start_month <= 12:
        setting("cashflow.start_month", "start_month", budget.start_month)
    if budget.start_year is not None and not 1900 <= budget.start_year <= 2200:
        setting("value.out_of_range", "start_year", budget.start_year, min=1900, max=2200)
    for field in ("opening_balance", "buffer"):
        if not math.isfinite(getattr(budget, field)):
            setting("value.not_number", field, getattr(budget, field))
    if budget.buffer < 0:
        setting("value.negative", "buffer", budget.buffer)
    for index, line in enumerate(budget.lines):
        problems += _line_problems(line, index + 2, horizon)
    return problems


def _line_problems(line: CashFlowLine, row: int, horizon: int) -> list[InputProblem]:
    found: list[InputProblem] = []
    name = line.name()

    def add(code: str, field: str, value: Any, **params: Any) -> None:
        params.setdefault("line", name)
        found.append(InputProblem(code, LINES_SHEET, row, HEADERS[field], value, params))

    grant = line.kind == LineKind.GRANT
    if not _finite(line.amount):
        add("value.not_number", "amount", line.amount)
    elif line.amount is not None and line.amount < 0:
        add("cashflow.negative", "amount", line.amount)
    for value in line.amounts or []:
        if not math.isfinite(value) or value < 0:
            add("cashflow.negative_amounts", "amounts", format_amounts(line.amounts or []))
            break
    if line.amount is None and line.amounts is None:
        add("cashflow.no_amount", "amount", None)
    if line.amount is not None and line.amounts is not None:
        add("cashflow.amount_and_amounts", "amounts", format_amounts(line.amounts))
    if not 1 <= line.month <= horizon:
        add("cashflow.month_outside", "month", line.month, horizon=horizon)
    if line.end_month is not None:
        if not 1 <= line.end_month <= horizon:
            add("cashflow.month_outside", "end_month", line.end_month, horizon=horizon)
        elif line.end_month < line.month:
            add("cashflow.end_before_start", "end_month", line.end_month, start=line.month)
    if line.delay is not None and line.delay < 0:
        add("cashflow.negative", "delay", line.delay)
    if line.withheld is not None and not 0.0 <= line.withheld <= 1.0:
        add("cashflow.withheld_range", "withheld", line.withheld)
    if line.every is not None and line.every < 1:
        add("cashflow.every_range", "every", line.every)
    if grant:
        if line.payment is None:
            add("cashflow.grant_needs_payment", "payment", None)
        if line.amounts is not None:
            add("cashflow.grant_amounts", "amounts", format_amounts(line.amounts))
        if line.pattern is not None:
            add("cashflow.grant_pattern", "pattern", line.pattern.value)
        if line.payment == PaymentRule.ARREARS and line.end_month is None:
            add("cashflow.grant_needs_end", "end_month", None)
        if line.payment == PaymentRule.FINAL_REPORT and line.end_month is None:
            add("cashflow.grant_needs_end", "end_month", None)
    else:
        for field, value in (("payment", line.payment), ("every", line.every)):
            if value is not None:
                add("cashflow.only_grants", field, getattr(value, "value", value))
        if line.delay:
            add("cashflow.only_grants", "delay", line.delay)
        if line.withheld:
            add("cashflow.only_grants", "withheld", line.withheld)
        if line.amounts is not None:
            if line.pattern is not None:
                add("cashflow.pattern_and_amounts", "pattern", line.pattern.value)
            last = line.month + len(line.amounts) - 1
            if line.amounts and last > horizon and 1 <= line.month <= horizon:
                add(
                    "cashflow.amounts_too_long",
                    "amounts",
                    format_amounts(line.amounts),
                    count=len(line.amounts),
                    month=line.month,
                    horizon=horizon,
                )
    if found:
        return found
    if grant:  # a payment after the horizon: say which line and which month
        for month, _amount in _grant_payments(line):
            if month > horizon:
                add("cashflow.past_horizon", "delay", line.delay, month=month, horizon=horizon)
                break
    return found


# --- schedules -------------------------------------------------------------------------------


def _grant_payments(line: CashFlowLine) -> list[tuple[int, float]]:
    """(month, amount) of each payment of a grant, from its rule (months may exceed the
    horizon; the caller checks)."""
    award = float(line.amount or 0.0)
    start = line.month
    end = line.end_month if line.end_month is not None else start
    delay = line.delay or 0
    if line.payment == PaymentRule.ADVANCE:
        return [(start + delay, award)]
    if line.payment == PaymentRule.FINAL_REPORT:
        return [(end + delay, award)]
    every = line.every or 3
    months = end - start + 1
    per_month = award / months
    withheld = line.withheld or 0.0
    paid_share = 1.0 - withheld
    payments: dict[int, float] = {}
    period_start = start
    while period_start <= end:
        period_end = min(period_start + every - 1, end)
        accrued = per_month * (period_end - period_start + 1)
        month = period_end + delay
        payments[month] = payments.get(month, 0.0) + accrued * paid_share
        period_start = period_end + 1
    if withheld:
        month = end + delay
        payments[month] = payments.get(month, 0.0) + award * withheld
    return sorted(payments.items())


def line_schedule(line: CashFlowLine, horizon: int) -> np.ndarray:
    """The line's amounts month by month (length ``horizon``), positive, before its sign.

    Assumes a valid line (see :func:`budget_problems`).
    """
    out = np.zeros(horizon)
    if line.kind == LineKind.GRANT:
        for month, amount in _grant_payments(line):
            out[month - 1] += amount
        return out
    start = line.month - 1
    if line.amounts is not None:
        values = np.asarray(line.amounts, dtype=float)
        out[start : start + values.size] = values
        return out
    end = line.end_month if line.end_month is not None else horizon
    amount = float(line.amount or 0.0)
    if line.pattern == Pattern.ONCE:
        out[start] = amount
    elif line.pattern == Pattern.QUARTERLY:
        out[start:end:3] = amount
    else:
        out[start:end] = amount
    return out


@dataclass(frozen=True)
class CashFlowResult:
    """A computed budget. Arrays run over the months 1 … horizon.

    - ``by_line``: each line's signed amounts (in positive, out negative), lines × months;
    - ``inflow``, ``outflow`` (both positive), ``net = inflow - outflow``;
    - ``opening`` and ``closing``: the cash on the first and at the end of each month;
    - ``funding_gap``: max(0, −lowest closing balance), and ``gap_month`` the (first) month
      of the lowest balance, ``None`` without a gap;
    - ``bridge``: what must be borrowed to keep the balance ≥ ``buffer``
      (max(0, buffer − lowest balance)); ``bridge_from`` the first month below the buffer;
      ``bridge_repay_month`` the first month after the last month below the buffer, when the
      bridging loan can be repaid in full and the balance stays ≥ the buffer to the end
      (``None`` if the balance is still below the buffer in the last month). Interest on
      the bridging loan is not included.
    """

    budget: CashFlowBudget
    months: np.ndarray
    by_line: np.ndarray
    inflow: np.ndarray
    outflow: np.ndarray
    net: np.ndarray
    opening: np.ndarray
    closing: np.ndarray
    lowest_balance: float
    lowest_month: int
    funding_gap: float
    gap_month: int | None
    bridge: float
    bridge_from: int | None
    bridge_repay_month: int | None

    @property
    def horizon(self) -> int:
        return int(self.months.size)

    def month_label(
        self, month: int, lang: str | None = None, width: str = "wide", with_year: bool = True
    ) -> str:
        """The calendar name of month ``month``: ``"augusti 2027"`` (see :func:`month_label`)."""
        return month_label(self.budget, month, lang, width, with_year)

    def month_labels(
        self, lang: str | None = None, width: str = "abbreviated", with_year: bool = True
    ) -> list[str]:
        return [month_label(self.budget, int(m), lang, width, with_year) for m in self.months]

    def by_kind(self) -> dict[LineKind, np.ndarray]:
        """Signed monthly totals per kind of line (kinds without lines are left out)."""
        totals: dict[LineKind, np.ndarray] = {}
        for line, values in zip(self.budget.lines, self.by_line, strict=True):
            totals[line.kind] = totals.get(line.kind, 0) + values
        return totals

    def table(self, lang: str | None = None):
        """A pandas DataFrame, one row per month: in, out, net, opening and closing cash."""
        import pandas as pd

        lang = resolve_lang(lang)
        columns = {
            t("cashflow.col.month", lang): self.month_labels(lang, "wide"),
            t("cashflow.col.opening", lang): self.opening,
            t("cashflow.col.inflow", lang): self.inflow,
            t("cashflow.col.outflow", lang): self.outflow,
            t("cashflow.col.net", lang): self.net,
            t("cashflow.col.closing", lang): self.closing,
        }
        return pd.DataFrame(columns, index=pd.Index(self.months, name="#"))

    def summary(self, lang: str | None = None) -> str:
        """One or two sentences: the lowest balance, the funding gap and the bridging need."""
        lang = resolve_lang(lang)
        kr = lambda v: format_money(round(v), lang, decimals=0)  # noqa: E731
        if self.funding_gap > 0:
            text = t(
                "cashflow.summary.gap",
                lang,
                gap=kr(self.funding_gap),
                month=self.month_label(int(self.gap_month or 0), lang),
            )
        else:
            text = t("cashflow.summary.no_gap", lang, lowest=kr(self.lowest_balance),
                     month=self.month_label(self.lowest_month, lang))  # fmt: skip
        if self.bridge > 0:
            if self.bridge_repay_month is not None:
                repay = t("cashflow.summary.repay", lang,
                          month=self.month_label(self.bridge_repay_month, lang))  # fmt: skip
            else:
                repay = t("cashflow.summary.no_repay", lang)
            text += " " + t(
                "cashflow.summary.bridge",
                lang,
                bridge=kr(self.bridge),
                buffer=kr(self.budget.buffer),
                month=self.month_label(int(self.bridge_from or 0), lang),
                repay=repay,
            )
        return text


def compute_cashflow(budget: CashFlowBudget) -> CashFlowResult:
    """Compute the budget month by month; raises :class:`SparkInputError` listing every
    problem (:func:`budget_problems`) when it cannot be computed."""
    problems = budget_problems(budget)
    if problems:
        raise SparkInputError(problems)
    horizon = budget.horizon
    lines = budget.lines
    by_line = np.zeros((len(lines), horizon))
    for index, line in enumerate(lines):
        sign = 1.0 if line.kind.inflow else -1.0
        by_line[index] = sign * line_schedule(line, horizon)
    inflow = np.where(by_line > 0, by_line, 0.0).sum(axis=0)
    outflow = -np.where(by_line < 0, by_line, 0.0).sum(axis=0)
    net = inflow - outflow
    closing = budget.opening_balance + np.cumsum(net)
    opening = np.concatenate(([budget.opening_balance], closing[:-1]))
    lowest_index = int(np.argmin(closing))
    lowest = float(closing[lowest_index])
    gap = max(0.0, -lowest)
    below = np.flatnonzero(closing < budget.buffer)
    bridge = max(0.0, budget.buffer - lowest)
    bridge_from = int(below[0]) + 1 if below.size else None
    repay = int(below[-1]) + 2 if below.size else None
    if repay is not None and repay > horizon:
        repay = None
    return CashFlowResult(
        budget=budget,
        months=np.arange(1, horizon + 1),
        by_line=by_line,
        inflow=inflow,
        outflow=outflow,
        net=net,
        opening=opening,
        closing=closing,
        lowest_balance=lowest,
        lowest_month=lowest_index + 1,
        funding_gap=gap,
        gap_month=lowest_index + 1 if gap > 0 else None,
        bridge=bridge,
        bridge_from=bridge_from,
        bridge_repay_month=repay,
    )


def month_label(
    budget: CashFlowBudget,
    month: int,
    lang: str | None = None,
    width: str = "wide",
    with_year: bool = True,
) -> str:
    """The calendar name of budget month ``month`` (1 = the first), through Babel:
    ``"mars 2027"`` (sv, wide, with a start year), ``"mar"`` (en, abbreviated, no year)."""
    from spark_kit.i18n.formatting import LOCALES

    lang = resolve_lang(lang)
    index = budget.start_month - 1 + month - 1
    calendar = index % 12 + 1
    name = get_month_names(width, locale=LOCALES[lang])[calendar]
    if budget.start_year is None or not with_year:
        return str(name)
    return f"{name} {budget.start_year + index // 12}"


# --- input from plain data and the examples ------------------------------------------------------

_CODES = {
    "missing": "value.required",
    "float_parsing": "value.not_number",
    "float_type": "value.not_number",
    "int_parsing": "value.not_integer",
    "int_type": "value.not_integer",
    "int_from_float": "value.not_integer",
    "enum": "value.choice",
    "extra_forbidden": "cashflow.unknown_field",
    "list_type": "cashflow.amounts_list",
}
_CHOICES = {
    "kind": ", ".join(k.value for k in LineKind),
    "pattern": ", ".join(p.value for p in Pattern),
    "payment": ", ".join(p.value for p in PaymentRule),
}


def budget_from_dict(data: Any, *, check: bool = True) -> CashFlowBudget:
    """A budget from plain data (as in the YAML files); English spellings of kinds, patterns
    and rules are accepted. Raises :class:`SparkInputError` with every problem, each located
    as on the workbook's sheets (unknown kind, bad numbers, and — with ``check`` — every rule
    of :func:`budget_problems`)."""
    if not isinstance(data, dict):
        raise SparkInputError(InputProblem("cashflow.not_a_mapping", value=type(data).__name__))
    try:
        budget = CashFlowBudget.model_validate(data)
    except ValidationError as error:
        raise SparkInputError([_problem(item) for item in error.errors()]) from None
    if check:
        problems = budget_problems(budget)
        if problems:
            raise SparkInputError(problems)
    return budget


def _problem(item: dict) -> InputProblem:
    loc = list(item.get("loc", ()))
    kind = item.get("type", "")
    code = _CODES.get(kind, "value.invalid")
    value = item.get("input")
    params: dict[str, Any] = {}
    field = str(loc[-1]) if loc else ""
    if loc[:1] == ["lines"] and len(loc) >= 3 and isinstance(loc[1], int):
        sheet, row = LINES_SHEET, loc[1] + 2
        column = HEADERS.get(str(loc[2]), str(loc[2]))
        field = str(loc[2])
    else:
        sheet, row = BUDGET_SHEET, None
        column = BUDGET_HEADERS.get(field, field or None)
    if code == "value.choice":
        params["choices"] = _CHOICES.get(field, "–")
    elif code == "value.invalid":
        params["reason"] = item.get("msg", "")
    elif code == "cashflow.unknown_field":
        value = field
    if kind in ("float_type", "int_type") and value is None:
        code = "value.required"
    return InputProblem(code, sheet, row, column, value, params)


@dataclass(frozen=True)
class FinancingExample:
    """A FICTIONAL financing situation for one of the example enterprises: its cash-flow
    budget and, when given, break-even inputs (see :mod:`spark_kit.finance.breakeven`)."""

    name: str
    title: str
    description: str
    fictional: bool
    cashflow: CashFlowBudget
    breakeven: dict[str, Any] | None = None


def financing_path(name: str) -> Path:
    """``data/examples/<name>_finansiering.yaml`` (``name`` as in ``granbacka_byakooperativ``
    or just ``granbacka``)."""
    stem = name.split("_")[0]
    return EXAMPLES_DIR / f"{stem}{EXAMPLE_SUFFIX}.yaml"


def load_financing(name: str = "granbacka") -> FinancingExample:
    """The bundled FICTIONAL financing situation of an example enterprise."""
    path = financing_path(name)
    if not path.exists():
        raise SparkInputError(InputProblem("file.not_found", params={"path": str(path)}))
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return FinancingExample(
        name=path.stem,
        title=str(data.get("title", "")),
        description=str(data.get("description", "")).strip(),
        fictional=bool(data.get("fictional", False)),
        cashflow=budget_from_dict(data.get("cashflow") or {}),
        breakeven=data.get("breakeven"),
    )


__all__ = [
    "MAX_HORIZON",
    "MIN_HORIZON",
    "CashFlowBudget",
    "CashFlowLine",
    "CashFlowResult",
    "FinancingExample",
    "LineKind",
    "Pattern",
    "PaymentRule",
    "budget_from_dict",
    "budget_problems",
    "compute_cashflow",
    "financing_path",
    "format_amounts",
    "line_schedule",
    "load_financing",
    "month_label",
    "parse_amounts",
]
