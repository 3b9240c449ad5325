"""Outcome contracts and social impact bonds: who pays what, when, and who carries the risk.

An **outcome contract** (resultatbaserat avtal, socialt utfallskontrakt) lets a commissioner
(a municipality or region) pay for results instead of activities. In a **social impact
bond** (SIB) an investor provides the capital up front and is repaid by the commissioner:
partly a **guaranteed** amount, partly **outcome payments** (a price per outcome times the
outcomes achieved), within **caps**. The reference for the model is financing.md §2.8.

The model (:class:`OutcomeContract`):

- ``capital`` is paid out by the investor at the times in ``capital_schedule`` (shares of
  the capital at t = 0, 1, …; all at t = 0 by default);
- the commissioner repays ``guaranteed_share`` × capital whatever the outcomes, either
  spread evenly over the periods (``guaranteed_timing="spread"``) or at the end
  (``"end"``);
- the outcome-based part is ``outcome_price`` × outcomes in each period, at most
  ``cap_per_period`` in a period and ``cap_total`` in all;
- an optional **bonus tier** pays ``bonus_price`` per outcome above ``bonus_threshold``
  cumulative outcomes, at most ``bonus_cap`` in all, and only if ``bonus_condition_met``
  (in Norrköping: the return above break-even, conditional on better school results);
- outcome and bonus payments are made at the end of the period they are earned in
  (``outcome_timing="per_period"``) or all at the end of the contract (``"end"``);
- the commissioner saves ``savings_per_outcome`` per outcome, in the period achieved.

Timing convention: period k runs from t = k − 1 to t = k; everything earned in period k is
paid at t = k (the end of the period); t = 0 is the start of the contract.

:func:`evaluate` gives the cash flows per party and period, the investor's money multiple
and IRR (per period and annualised), and the commissioner's net cost = payments − savings.
:func:`break_even_outcome_rate` is the share of the planned outcomes at which the investor
gets exactly its capital back (IRR 0, multiple 1).

IRR convention: the IRR is computed with
:func:`spark_kit.finance.cashflow_math.irr_roots`, which finds every real root and reports
the one numpy-financial 1.0.0's ``irr`` returns (the root closest to zero). When the
investor's cash flow changes sign more than once there may be several roots or none: the
result then carries a warning (``IrrSummary.several_roots``). The annual rate is the
compounded per-period rate, (1 + r)^m − 1 with m periods per year.

The Norrköping contract (Sweden's first SIB) is built by :func:`norrkoping_case` from
``data/examples/norrkoping_sib.yaml``: the sourced figures with their sources, and each
inferred parameter marked ``inferred=True`` (shown as "härlett").

>>> c = OutcomeContract(capital=1000, periods=2, guaranteed_share=0,
...                     outcome_price=10, planned_outcomes=(50, 60))
>>> r = evaluate(c)
>>> r.investor_flows, round(r.multiple, 2), round(r.irr.per_period, 5)
((-1000.0, 500.0, 600.0), 1.1, 0.06394)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.cashflow_math import irr_roots
from spark_kit.i18n import format_percent, resolve_lang, t
from spark_kit.paths import EXAMPLES_DIR
from spark_kit.workbook.cells import CellError, to_fraction, to_number

GUARANTEED_TIMINGS = ("spread", "end")
OUTCOME_TIMINGS = ("per_period", "end")
NORRKOPING_FILE = EXAMPLES_DIR / "norrkoping_sib.yaml"

#: Relative tolerance for the capital schedule summing to 1.
_SCHEDULE_TOLERANCE = 1e-9


# --- input checking ---------------------------------------------------------------------------


def _problem(code: str, name: str, value: Any, **params: Any) -> InputProblem:
    return InputProblem(code, column=name, value=value, params=params)


def _number(raw: Any, name: str, problems: list[InputProblem]) -> float | None:
    try:
        return to_number(raw)
    except CellError as error:
        problems.append(_problem(error.code, name, raw, **error.params))
        return None


def _share(raw: Any, name: str, problems: list[InputProblem], code: str) -> float | None:
    """A share 0–1 from 0.4, "40 %" or "0,4"; ``code`` names the problem when it is not."""
    try:
        return to_fraction(raw)
    except CellError as error:
        if error.code == "value.not_percent":
            problems.append(_problem("value.not_percent", name, raw))
        else:
            problems.append(_problem(code, name, raw))
        return None


def _non_negative(raw: Any, name: str, problems: list[InputProblem], code: str) -> float | None:
    value = _number(raw, name, problems)
    if value is not None and value < 0:
        problems.append(_problem(code, name, raw))
        return None
    return value


def _whole(raw: Any, name: str, problems: list[InputProblem], code: str) -> int | None:
    value = _number(raw, name, problems)
    if value is None:
        return None
    if not value.is_integer() or value < 1:
        problems.append(_problem(code, name, raw))
        return None
    return int(value)


def _sequence(raw: Any, name: str, problems: list[InputProblem]) -> list[Any] | None:
    if isinstance(raw, str | bytes | Mapping) or not hasattr(raw, "__iter__"):
        problems.append(_problem("oc.error.not_a_list", name, raw))
        return None
    return list(raw)


# --- the contract -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeContract:
    """An outcome contract or social impact bond; see the module docstring for the model.

    Money in kronor (or ``currency``), shares as fractions (0.4) or texts ("40 %"), numbers
    as numbers or texts ("10 000 000"). Bad input raises :class:`SparkInputError` naming
    every problem at once, in Swedish or English.
    """

    capital: float
    periods: int
    guaranteed_share: float
    outcome_price: float
    planned_outcomes: tuple[float, ...]
    periods_per_year: int = 1
    capital_schedule: tuple[float, ...] = (1.0,)
    guaranteed_timing: str = "end"
    outcome_timing: str = "per_period"
    cap_per_period: float | None = None
    cap_total: float | None = None
    bonus_price: float = 0.0
    bonus_threshold: float = 0.0
    bonus_cap: float | None = None
    bonus_condition_met: bool = True
    savings_per_outcome: float = 0.0
    currency: str = "SEK"
    name: str = ""

    def __post_init__(self) -> None:
        problems: list[InputProblem] = []
        values: dict[str, Any] = {}

        capital = _number(self.capital, "capital", problems)
        if capital is not None and capital <= 0:
            problems.append(_problem("oc.error.capital", "capital", self.capital))
        values["capital"] = capital

        periods = _whole(self.periods, "periods", problems, "oc.error.periods")
        values["periods"] = periods
        values["periods_per_year"] = _whole(
            self.periods_per_year, "periods_per_year", problems, "oc.error.periods_per_year"
        )
        values["guaranteed_share"] = _share(
            self.guaranteed_share, "guaranteed_share", problems, "oc.error.guaranteed_share"
        )
        values["outcome_price"] = _non_negative(
            self.outcome_price, "outcome_price", problems, "oc.error.price"
        )
        values["bonus_price"] = _non_negative(
            self.bonus_price, "bonus_price", problems, "oc.error.price"
        )
        values["bonus_threshold"] = _non_negative(
            self.bonus_threshold, "bonus_threshold", problems, "oc.error.threshold"
        )
        values["savings_per_outcome"] = _non_negative(
            self.savings_per_outcome, "savings_per_outcome", problems, "oc.error.savings"
        )
        for name in ("cap_per_period", "cap_total", "bonus_cap"):
            raw = getattr(self, name)
            values[name] = (
                None if raw is None else _non_negative(raw, name, problems, "oc.error.cap")
            )
        for name, choices in (
            ("guaranteed_timing", GUARANTEED_TIMINGS),
            ("outcome_timing", OUTCOME_TIMINGS),
        ):
            raw = getattr(self, name)
            if raw not in choices:
                problems.append(_problem("oc.error.choice", name, raw, choices=", ".join(choices)))
        if not isinstance(self.bonus_condition_met, bool):
            problems.append(
                _problem("value.not_bool", "bonus_condition_met", self.bonus_condition_met)
            )

        outcomes = _outcomes(self.planned_outcomes, periods, "planned_outcomes", problems)
        values["planned_outcomes"] = outcomes
        values["capital_schedule"] = _schedule(self.capital_schedule, periods, problems)

        if problems:
            raise SparkInputError(problems)
        for name, value in values.items():
            object.__setattr__(self, name, value)

    # Derived amounts.

    @property
    def guaranteed_amount(self) -> float:
        """The part of the capital the commissioner repays whatever the outcomes."""
        return self.guaranteed_share * self.capital

    @property
    def max_payment(self) -> float | None:
        """The most the commissioner can pay in all, or ``None`` when nothing caps it."""
        outcome_max = self.cap_total
        if outcome_max is None and self.cap_per_period is not None:
            outcome_max = self.cap_per_period * self.periods
        if self.outcome_price == 0:
            outcome_max = 0.0
        if outcome_max is None:
            return None
        bonus = 0.0
        if self.bonus_price > 0 and self.bonus_condition_met:
            if self.bonus_cap is None:
                return None
            bonus = self.bonus_cap
        return self.guaranteed_amount + outcome_max + bonus

    def with_changes(self, **changes: Any) -> OutcomeContract:
        """A copy with some fields changed, checked again."""
        return replace(self, **changes)


def _outcomes(
    raw: Any, periods: int | None, name: str, problems: list[InputProblem]
) -> tuple[float, ...] | None:
    items = _sequence(raw, name, problems)
    if items is None:
        return None
    if periods is not None and len(items) != periods:
        code = (
            "oc.error.scenario_too_long" if len(items) > periods else "oc.error.scenario_too_short"
        )
        problems.append(_problem(code, name, len(items), periods=periods))
        return None
    result = []
    for number, item in enumerate(items, start=1):
        value = _number(item, f"{name}[{number}]", problems)
        if value is not None and value < 0:
            problems.append(_problem("oc.error.outcomes_negative", f"{name}[{number}]", item))
        result.append(value)
    return None if any(v is None or v < 0 for v in result) else tuple(result)


def _schedule(
    raw: Any, periods: int | None, problems: list[InputProblem]
) -> tuple[float, ...] | None:
    name = "capital_schedule"
    items = _sequence(raw, name, problems)
    if items is None:
        return None
    if not items or (periods is not None and len(items) > periods):
        problems.append(_problem("oc.error.schedule_length", name, len(items), periods=periods))
        return None
    shares = [_share(item, f"{name}[{n}]", problems, "oc.error.schedule_share") for n, item in
              enumerate(items)]  # fmt: skip
    if any(s is None for s in shares):
        return None
    if abs(sum(shares) - 1.0) > _SCHEDULE_TOLERANCE:
        problems.append(_problem("oc.error.schedule_sum", name, f"{sum(shares):g}"))
        return None
    return tuple(shares)


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IrrSummary:
    """The investor's internal rate of return.

    ``per_period`` is the rate per contract period that numpy-financial 1.0.0's ``irr``
    returns (the real root closest to zero), ``annual`` = (1 + per_period)^m − 1 with
    ``periods_per_year`` = m; both ``None`` when there is no IRR (the investor gets nothing
    back, or the flow has no sign change). ``roots`` are all real roots; ``several_roots``
    is true when the flow changes sign more than once and more than one root exists.
    """

    per_period: float | None
    annual: float | None
    periods_per_year: int
    roots: tuple[float, ...]
    sign_changes: int

    @property
    def several_roots(self) -> bool:
        return len(self.roots) > 1

    def message(self, lang: str | None = None) -> str:
        """The IRR in words, with the convention, and a warning when it is ambiguous."""
        if self.per_period is None:
            return t("oc.irr.none", lang)
        text = t(
            "oc.irr.value" if self.periods_per_year > 1 else "oc.irr.value_yearly",
            lang,
            per_period=format_percent(self.per_period, lang, 2),
            annual=format_percent(self.annual, lang, 2),
            periods_per_year=self.periods_per_year,
        )
        if self.several_roots:
            roots = ", ".join(format_percent(r, lang, 2) for r in self.roots)
            text += " " + t("oc.irr.several", lang, count=len(self.roots), roots=roots)
        return text


def investor_irr(flows: Sequence[float], periods_per_year: int = 1) -> IrrSummary:
    """The IRR of the investor's flows (t = 0, 1, …), per period and annualised.

    >>> round(investor_irr([-10_000_000, 0, 0, 0, 4_000_000]).annual, 5)
    -0.20473
    """
    if not any(v > 0 for v in flows):
        return IrrSummary(None, None, periods_per_year, (), 0)
    found = irr_roots(list(flows), warn=False)
    rate = found.rate
    annual = None if rate is None else (1.0 + rate) ** periods_per_year - 1.0
    return IrrSummary(rate, annual, periods_per_year, found.roots, found.sign_changes)


@dataclass(frozen=True)
class ContractResult:
    """Cash flows per party at t = 0 … periods, and what they add up to.

    Every ``*_flows`` or per-time tuple has ``periods + 1`` entries (t = 0 … n). Signs are
    each party's own: money received is positive, money paid out negative.
    """

    contract: OutcomeContract
    outcome_rate: float
    outcomes: tuple[float, ...]
    capital_drawn: tuple[float, ...]
    guaranteed_payments: tuple[float, ...]
    outcome_payments: tuple[float, ...]
    bonus_payments: tuple[float, ...]
    savings: tuple[float, ...]
    cap_per_period_binds: bool
    cap_total_binds: bool
    bonus_cap_binds: bool
    irr: IrrSummary = field(repr=False)

    @property
    def times(self) -> tuple[int, ...]:
        return tuple(range(self.contract.periods + 1))

    @property
    def payments(self) -> tuple[float, ...]:
        """Everything the commissioner pays the investor, per time."""
        return tuple(
            g + o + b
            for g, o, b in zip(
                self.guaranteed_payments, self.outcome_payments, self.bonus_payments, strict=True
            )
        )

    @property
    def investor_flows(self) -> tuple[float, ...]:
        return tuple(p - c for p, c in zip(self.payments, self.capital_drawn, strict=True))

    @property
    def commissioner_flows(self) -> tuple[float, ...]:
        """Savings minus payments, per time (the commissioner's own sign: a gain is positive)."""
        return tuple(s - p for s, p in zip(self.savings, self.payments, strict=True))

    @property
    def total_paid(self) -> float:
        return sum(self.payments)

    @property
    def total_savings(self) -> float:
        return sum(self.savings)

    @property
    def multiple(self) -> float:
        """Money multiple: what the investor gets back per krona invested."""
        return self.total_paid / self.contract.capital

    @property
    def investor_profit(self) -> float:
        """What the investor gets back minus its capital (a loss is negative)."""
        return self.total_paid - self.contract.capital

    @property
    def commissioner_net_cost(self) -> float:
        """Payments − savings, undiscounted: positive is a net cost, negative a net gain."""
        return self.total_paid - self.total_savings

    def commissioner_net_cost_pv(self, discount_rate: float) -> float:
        """Payments − savings discounted to t = 0 at ``discount_rate`` per period."""
        rate = _rate_argument(discount_rate, "discount_rate")
        return -sum(f / (1 + rate) ** k for k, f in enumerate(self.commissioner_flows))


def _rate_argument(raw: Any, name: str) -> float:
    problems: list[InputProblem] = []
    value = _share(raw, name, problems, "oc.error.rate")
    if problems:
        raise SparkInputError(problems)
    return value


def _rate(raw: Any) -> float:
    problems: list[InputProblem] = []
    value = _non_negative(raw, "outcome_rate", problems, "oc.error.outcome_rate")
    if problems:
        raise SparkInputError(problems)
    return value


def evaluate(
    contract: OutcomeContract,
    outcomes: Sequence[float] | None = None,
    *,
    outcome_rate: float = 1.0,
) -> ContractResult:
    """The cash flows and results of ``contract`` for one scenario.

    The outcomes per period are ``outcomes`` if given (one number per period), else the
    contract's planned outcomes; either way multiplied by ``outcome_rate`` (1 = as planned,
    0.5 = half of it).

    >>> c = OutcomeContract(capital=100, periods=1, guaranteed_share=0.4,
    ...                     outcome_price=1, planned_outcomes=(100,), cap_total=60)
    >>> evaluate(c, outcome_rate=0).total_paid, evaluate(c).total_paid
    (40.0, 100.0)
    """
    rate = _rate(outcome_rate)
    if outcomes is None:
        base = contract.planned_outcomes
    else:
        problems: list[InputProblem] = []
        base = _outcomes(outcomes, contract.periods, "outcomes", problems)
        if problems:
            raise SparkInputError(problems)
    achieved = tuple(o * rate for o in base)
    n = contract.periods
    zeros = [0.0] * (n + 1)

    capital = zeros.copy()
    for k, share in enumerate(contract.capital_schedule):
        capital[k] = share * contract.capital

    guaranteed = zeros.copy()
    if contract.guaranteed_timing == "spread":
        for k in range(1, n + 1):
            guaranteed[k] = contract.guaranteed_amount / n
    else:
        guaranteed[n] = contract.guaranteed_amount

    earned, bonus, savings = zeros.copy(), zeros.copy(), zeros.copy()
    per_period_binds = total_binds = bonus_binds = False
    paid_so_far = bonus_so_far = cumulative = 0.0
    for k, achieved_k in enumerate(achieved, start=1):
        amount = contract.outcome_price * achieved_k
        if contract.cap_per_period is not None and amount > contract.cap_per_period:
            amount, per_period_binds = contract.cap_per_period, True
        if contract.cap_total is not None and paid_so_far + amount > contract.cap_total:
            amount, total_binds = max(0.0, contract.cap_total - paid_so_far), True
        earned[k] = amount
        paid_so_far += amount

        above_before = max(0.0, cumulative - contract.bonus_threshold)
        cumulative += achieved_k
        above_after = max(0.0, cumulative - contract.bonus_threshold)
        if contract.bonus_condition_met and contract.bonus_price > 0:
            extra = contract.bonus_price * (above_after - above_before)
            if contract.bonus_cap is not None and bonus_so_far + extra > contract.bonus_cap:
                extra, bonus_binds = max(0.0, contract.bonus_cap - bonus_so_far), True
            bonus[k] = extra
            bonus_so_far += extra
        savings[k] = contract.savings_per_outcome * achieved_k

    if contract.outcome_timing == "end":
        earned = [*zeros[:n], sum(earned)]
        bonus = [*zeros[:n], sum(bonus)]

    payments = [g + o + b for g, o, b in zip(guaranteed, earned, bonus, strict=True)]
    flows = [p - c for p, c in zip(payments, capital, strict=True)]
    return ContractResult(
        contract=contract,
        outcome_rate=rate,
        outcomes=achieved,
        capital_drawn=tuple(capital),
        guaranteed_payments=tuple(guaranteed),
        outcome_payments=tuple(earned),
        bonus_payments=tuple(bonus),
        savings=tuple(savings),
        cap_per_period_binds=per_period_binds,
        cap_total_binds=total_binds,
        bonus_cap_binds=bonus_binds,
        irr=investor_irr(flows, contract.periods_per_year),
    )


def scenarios(
    contract: OutcomeContract, low: float = 0.5, high: float = 1.5
) -> dict[str, ContractResult]:
    """The planned scenario and a low and a high one (``low`` and ``high`` × the plan).

    The keys are ``"low"``, ``"planned"`` and ``"high"``; :func:`scenario_label` names them.
    """
    return {
        "low": evaluate(contract, outcome_rate=low),
        "planned": evaluate(contract),
        "high": evaluate(contract, outcome_rate=high),
    }


def scenario_label(key: str, lang: str | None = None) -> str:
    return t(f"oc.scenario.{key}", lang)


def sensitivity(contract: OutcomeContract, rates: Sequence[float]) -> list[ContractResult]:
    """One result per outcome rate (share of the planned outcomes achieved)."""
    return [evaluate(contract, outcome_rate=r) for r in rates]


def break_even_outcome_rate(contract: OutcomeContract, *, tolerance: float = 1e-12) -> float | None:
    """The smallest outcome rate at which the investor gets its capital back.

    At that rate the money multiple is 1 and the IRR 0. It is 0 when the guaranteed part
    alone repays the capital, and ``None`` when even unlimited outcomes cannot (the caps
    are too low, or nothing is paid per outcome).

    >>> c = OutcomeContract(capital=100, periods=1, guaranteed_share=0.4,
    ...                     outcome_price=1, planned_outcomes=(100,))
    >>> round(break_even_outcome_rate(c), 6)
    0.6
    """

    def paid(rate: float) -> float:
        return evaluate(contract, outcome_rate=rate).total_paid

    target = contract.capital
    if paid(0.0) >= target * (1 - tolerance):
        return 0.0
    top = contract.max_payment
    if top is not None and top < target * (1 - tolerance):
        return None
    low, high = 0.0, 1.0
    while paid(high) < target:
        low, high = high, high * 2
        if high > 1e9:
            return None
    for _ in range(200):
        middle = (low + high) / 2
        if paid(middle) < target:
            low = middle
        else:
            high = middle
        if high - low <= tolerance * max(1.0, high):
            break
    return high


# --- the Norrköping case ----------------------------------------------------------------------


@dataclass(frozen=True)
class CaseParameter:
    """One parameter of a worked case: its value, whether it is sourced or inferred, and why.

    ``inferred=True`` means no source states it: the kit's reading (shown as "härlett").
    """

    key: str
    value: Any
    inferred: bool
    label_sv: str
    label_en: str
    source: str | None = None
    publisher: str | None = None
    year: int | None = None
    address: str | None = None
    as_of: str | None = None
    note: str = ""

    def label(self, lang: str | None = None) -> str:
        """The label, with "(härlett)" / "(inferred)" after an inferred one."""
        text = self.label_sv if resolve_lang(lang) == "sv" else self.label_en
        return f"{text} ({t('oc.inferred', lang)})" if self.inferred else text

    def status(self, lang: str | None = None) -> str:
        return t("oc.inferred" if self.inferred else "oc.sourced", lang)


@dataclass(frozen=True)
class CaseFact:
    """A sourced fact about a case (shown in the notebook with its source)."""

    key: str
    text_sv: str
    text_en: str
    source: str
    address: str
    as_of: str | None = None


@dataclass(frozen=True)
class NorrkopingCase:
    """The Norrköping social outcome contract (Team Nystart, Leksell Social Ventures).

    Sourced (financing.md §2.8): capital up to 10 MSEK, lent to the municipality; 40 % of it
    guaranteed on delivery of the activity; the remaining 60 % repaid only from savings, each
    krona saved split 60/40 up to break-even; a total return capped at 20 %, conditional on
    better school results.

    Inferred (``inferred=True``): the investor's share α of savings above break-even, the
    term T, that the school condition is met, that everything is repaid in one payment at
    the end, that savings accrue evenly and the planned savings level.
    """

    capital: CaseParameter
    guaranteed_share: CaseParameter
    outcome_share: CaseParameter
    max_return_share: CaseParameter
    bonus_share: CaseParameter
    term_years: CaseParameter
    school_condition_met: CaseParameter
    repayment_at_end: CaseParameter
    planned_savings: CaseParameter
    facts: tuple[CaseFact, ...] = ()

    def parameters(self) -> list[CaseParameter]:
        return [getattr(self, f.name) for f in fields(self) if f.name != "facts"]

    def inferred(self) -> list[CaseParameter]:
        return [p for p in self.parameters() if p.inferred]

    def contract(self) -> OutcomeContract:
        """The case as an :class:`OutcomeContract` whose outcome unit is one krona saved.

        Price per outcome = the investor's share of each krona saved (0.6); the outcome
        part is capped at the 60 % of the capital that is not guaranteed; the bonus pays α
        per krona saved above the capital (break-even), capped at the 20 % return.
        """
        capital = float(self.capital.value)
        term = int(self.term_years.value)
        per_year = float(self.planned_savings.value) / term
        return OutcomeContract(
            name="Norrköping",
            capital=capital,
            periods=term,
            periods_per_year=1,
            guaranteed_share=self.guaranteed_share.value,
            guaranteed_timing="end",
            outcome_price=self.outcome_share.value,
            planned_outcomes=tuple([per_year] * term),
            cap_total=(1 - self.guaranteed_share.value) * capital,
            bonus_price=self.bonus_share.value,
            bonus_threshold=capital,
            bonus_cap=self.max_return_share.value * capital,
            bonus_condition_met=bool(self.school_condition_met.value),
            outcome_timing="end" if self.repayment_at_end.value else "per_period",
            savings_per_outcome=1.0,
        )

    def evaluate_savings(self, total_savings: float) -> ContractResult:
        """The result when the commissioner's savings over the term add up to ``total_savings``
        (spread evenly over the years: inferred)."""
        contract = self.contract()
        planned = float(self.planned_savings.value)
        if planned <= 0:
            raise SparkInputError(_problem("oc.error.savings", "planned_savings", planned))
        problems: list[InputProblem] = []
        value = _non_negative(total_savings, "total_savings", problems, "oc.error.savings")
        if problems:
            raise SparkInputError(problems)
        return evaluate(contract, outcome_rate=value / planned)


def _parameter(key: str, entry: Mapping[str, Any]) -> CaseParameter:
    return CaseParameter(
        key=key,
        value=entry["value"],
        inferred=bool(entry["inferred"]),
        label_sv=entry["label_sv"],
        label_en=entry["label_en"],
        source=entry.get("source"),
        publisher=entry.get("publisher"),
        year=entry.get("year"),
        address=entry.get("address"),
        as_of=None if entry.get("as_of") is None else str(entry["as_of"]),
        note=entry.get("note", ""),
    )


def load_norrkoping_case(path: Path | str = NORRKOPING_FILE) -> NorrkopingCase:
    """Read the case from its YAML file (``data/examples/norrkoping_sib.yaml``)."""
    path = Path(path)
    if not path.exists():
        raise SparkInputError(InputProblem("file.not_found", params={"path": str(path)}))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    parameters = {key: _parameter(key, entry) for key, entry in data["parameters"].items()}
    facts = tuple(
        CaseFact(
            key=key,
            text_sv=entry["text_sv"],
            text_en=entry["text_en"],
            source=entry["source"],
            address=entry["address"],
            as_of=None if entry.get("as_of") is None else str(entry["as_of"]),
        )
        for key, entry in data.get("facts", {}).items()
    )
    return NorrkopingCase(**parameters, facts=facts)


@cache
def norrkoping_case() -> NorrkopingCase:
    """The Norrköping case from the kit's data file (read once)."""
    return load_norrkoping_case()


def reference_payback(
    savings: float,
    capital: float = 10_000_000,
    alpha: float = 0.6,
    school_ok: bool = True,
) -> float:
    """The reference's closed form for Norrköping (financing.md §2.8, an inferred reading):
    payback(S) = 0.4·C + min(0.6·S, 0.6·C) + [school_ok]·min(α·max(S − C, 0), 0.2·C).

    Kept to check :meth:`NorrkopingCase.contract` against; the kit computes with
    :func:`evaluate`.
    """
    bonus = min(alpha * max(savings - capital, 0.0), 0.2 * capital) if school_ok else 0.0
    return 0.4 * capital + min(0.6 * savings, 0.6 * capital) + bonus
