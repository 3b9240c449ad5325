"""How fast the finance calculations are, so that sliders in the apps feel instant.

Two timings, each against a baseline measured in the same run, over at least 20 repeats:

* a **36-month cash-flow recomputation**: the FICTIONAL Granbacka budget
  (``data/examples/granbacka_finansiering.yaml``) stretched to 36 months, with a loan of
  500 000 kr paid out in month 1 and its annuity payments (from
  ``spark_kit.finance.loans.annuity_schedule``) as monthly amounts — 11 lines. Timed:
  changing one number (as a slider does: ``model_copy``) and ``compute_cashflow`` with its
  full validation. Baseline: a plain-Python month-by-month loop over the same lines.
* a **360-period annuity schedule** (1 000 000 kr, 5 %, 30 years, monthly) with
  ``spark_kit.finance.loans.annuity_schedule`` (checked terms, vectorised numpy).
  Baselines: a plain-Python loop building the same schedule, and numpy-financial's own
  ``npf.pmt`` call for the payment alone.

It prints medians, minima and maxima in milliseconds, the ratios to the baselines, and
whether the 20 ms target is met. It always exits 0: timings inform, they do not gate.

    .venv/bin/python benchmarks/finance.py [--repeats 50]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
import numpy_financial as npf

from spark_kit.finance.cashflow import (
    CashFlowBudget,
    CashFlowLine,
    LineKind,
    Pattern,
    PaymentRule,
    compute_cashflow,
    load_financing,
)

TARGET_MS = 20.0
LOAN = (1_000_000.0, 0.05, 30)  # amount, nominal annual rate, years: 360 monthly payments


def timed(function: Callable[[], object], repeats: int) -> list[float]:
    """Wall-clock milliseconds of each of ``repeats`` calls (after one warm-up call)."""
    function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def budget_36() -> CashFlowBudget:
    """The fictional Granbacka budget over 36 months, with a 500 000 kr loan and its
    annuity payments (5 %, 10 years) from spark_kit.finance.loans when it is installed."""
    budget = load_financing("granbacka").cashflow
    lines = list(budget.lines)
    try:
        from spark_kit.finance.loans import annuity_schedule

        payments = annuity_schedule(500_000, 0.05, 10).payments[:35].tolist()
    except ImportError:  # the loans module not there: the same payment, computed here
        payments = [float(-npf.pmt(0.05 / 12, 120, 500_000))] * 35
    lines.append(CashFlowLine(kind="lån in", description="Lån", amount=500_000, pattern="en gång"))
    lines.append(CashFlowLine(kind="amortering", description="Lånet", amounts=payments, month=2))
    lines.append(CashFlowLine(kind="intäkt", description="Sommar", amount=30_000,
                              pattern="varje kvartal", month=6))  # fmt: skip
    return budget.model_copy(update={"horizon": 36, "lines": lines})


def python_cashflow(budget: CashFlowBudget) -> list[float]:
    """Baseline: the same budget month by month in plain Python (no validation, no numpy)."""
    horizon = budget.horizon
    totals = [0.0] * horizon
    for line in budget.lines:
        sign = 1.0 if line.kind.inflow else -1.0
        values = [0.0] * horizon
        if line.kind == LineKind.GRANT:
            end = line.end_month or line.month
            delay = line.delay or 0
            if line.payment == PaymentRule.ADVANCE:
                values[line.month + delay - 1] += line.amount or 0.0
            elif line.payment == PaymentRule.FINAL_REPORT:
                values[end + delay - 1] += line.amount or 0.0
            else:
                every, per_month = line.every or 3, (line.amount or 0.0) / (end - line.month + 1)
                for first in range(line.month, end + 1, every):
                    last = min(first + every - 1, end)
                    values[last + delay - 1] += per_month * (last - first + 1)
        elif line.amounts is not None:
            for offset, amount in enumerate(line.amounts):
                values[line.month - 1 + offset] = amount
        else:
            end = line.end_month or horizon
            step = {Pattern.QUARTERLY: 3, Pattern.ONCE: horizon}.get(line.pattern, 1)
            for month in range(line.month, end + 1, step):
                values[month - 1] = line.amount or 0.0
        for month in range(horizon):
            totals[month] += sign * values[month]
    balance, closing = budget.opening_balance, []
    for net in totals:
        balance += net
        closing.append(balance)
    return closing


def python_annuity(amount: float, rate: float, years: int) -> list[tuple[float, float, float]]:
    """Baseline: an annuity schedule (interest, amortisation, balance) in a plain loop."""
    i, n = rate / 12, years * 12
    payment = amount * i / (1 - (1 + i) ** -n)
    balance, rows = amount, []
    for _ in range(n):
        interest = balance * i
        balance -= payment - interest
        rows.append((interest, payment - interest, balance))
    return rows


def report(name: str, times: list[float], baseline: list[float] | None = None) -> None:
    median = statistics.median(times)
    line = f"  {name:<52} median {median:8.3f} ms  (min {min(times):.3f}, max {max(times):.3f})"
    if baseline is not None:
        line += f"  ratio {median / statistics.median(baseline):6.2f}"
    print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args(argv)
    repeats = max(20, args.repeats)

    budget = budget_36()
    result = compute_cashflow(budget)
    assert np.allclose(result.closing, python_cashflow(budget))  # the same computation
    slider = [budget.opening_balance + 1_000 * k for k in range(repeats + 1)]
    state = iter(slider * 2)

    def recompute() -> None:
        compute_cashflow(budget.model_copy(update={"opening_balance": next(state)}))

    cash_times = timed(recompute, repeats)
    cash_base = timed(lambda: python_cashflow(budget), repeats)

    loans_note = ""
    try:
        from spark_kit.finance.loans import annuity_schedule

        schedule = annuity_schedule(*LOAN, payments_per_year=12)
        assert schedule.payments.size == 360
        expected = python_annuity(*LOAN)
        assert np.allclose(schedule.balance[:-1], [row[2] for row in expected][:-1], atol=1e-6)
        loan_times = timed(lambda: annuity_schedule(*LOAN, payments_per_year=12), repeats)
    except ImportError:
        loans_note = " (spark_kit.finance.loans missing: not timed)"
        loan_times = None
    loop_times = timed(lambda: python_annuity(*LOAN), repeats)
    pmt_times = timed(lambda: npf.pmt(LOAN[1] / 12, LOAN[2] * 12, LOAN[0]), repeats)

    print(f"Finance benchmark: {repeats} repeats each, target ≤ {TARGET_MS:g} ms (median)")
    print(f"36-month cash flow ({len(budget.lines)} lines; gap {result.funding_gap:,.0f} kr):")
    report("compute_cashflow after a changed value", cash_times, cash_base)
    report("baseline: plain-Python month loop", cash_base)
    print(f"360-period annuity schedule (1 000 000 kr, 5 %, 30 years){loans_note}:")
    if loan_times is not None:
        report("loans.annuity_schedule", loan_times, loop_times)
        print(
            "  ratio to npf.pmt alone: "
            f"{statistics.median(loan_times) / statistics.median(pmt_times):.1f}"
        )
    report("baseline: plain-Python schedule loop", loop_times)
    report("baseline: npf.pmt (the payment only)", pmt_times)
    print("Targets:")
    checks = [("36-month cash flow", cash_times)]
    if loan_times is not None:
        checks.append(("360-period annuity schedule", loan_times))
    for name, times in checks:
        median = statistics.median(times)
        verdict = "met" if median <= TARGET_MS else "NOT met"
        print(f"  {name}: {median:.3f} ms ≤ {TARGET_MS:g} ms: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
