"""How long each chart the apps redraw takes, next to a bare matplotlib chart beside it.

For every chart function an app calls after an edit, on the data the apps start from, it
times two steps separately, over ``--repeats`` runs after one warm-up run:

* **build**: the chart function itself (the figure, its artists, its layout);
* **svg**: ``Chart.svg_html()``, the inline SVG the apps put on screen (drawing and export);

and prints the medians (and the total's minimum and maximum) in milliseconds and the ratio of
the median total to a **baseline** measured in the same runs: a bare
:class:`matplotlib.figure.Figure` (default size) with one line plot of 36 points, exported to
SVG with ``savefig(format="svg")`` and text as text (``svg.fonttype`` "none"), the floor of any
matplotlib chart on this machine. The baseline runs just before every run of every chart, so
both see the same load: the machine may be shared, and the ratio is the number to compare
between runs.

The data (all FICTIONAL or SYNTHETIC, as the apps say):

* Granbacka byakooperativ (``load_example()``): logic model diagram, indicator progress and
  overview, cash-flow budget, investment-readiness radar;
* Myrbacka arbetskooperativ (``load_example("myrbacka_arbetskooperativ")``): SROI value by
  year, tornado, Monte Carlo (10 000 draws, seed 1), ledger net per actor and cumulative;
* the three fictional loan offers of ``spark_kit.finance.loan_exercises``, and the fictional
  Granbacka crowdfunding campaign (``spark_kit.finance.crowdfunding_exercises.example_plan``);
* the synthetic cohort (``data/cohort/workbooks/``, read once, one process): counts by
  municipality, legal form and sector, indicator status, financing, SROI by sector.

Target (the apps' redraw): edit → chart on screen ≤ 250 ms (median), of which the chart is
most. It always exits 0: timings inform, they do not gate.

    .venv/bin/python benchmarks/charts.py [--repeats 7] [--lang sv] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
from collections.abc import Callable

import matplotlib as mpl
from matplotlib.figure import Figure

from spark_kit.viz.chart import Chart

TARGET_MS = 250.0


def baseline_svg() -> bytes:
    """A bare figure with one line of 36 points, as SVG with text as text."""
    with mpl.rc_context({"svg.fonttype": "none"}):
        figure = Figure()
        ax = figure.add_subplot()
        ax.plot(range(36), [(i * 7919) % 101 for i in range(36)])
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg")
    return buffer.getvalue()


def chart_builders(lang: str, with_cohort: bool) -> dict[str, Callable[[], Chart]]:
    """Chart name → a call that builds it as the app does (data prepared once, here)."""
    from spark_kit.assessment import load_example
    from spark_kit.finance.cashflow import compute_cashflow
    from spark_kit.finance.crowdfunding_exercises import example_plan
    from spark_kit.finance.loan_exercises import offer_schedules
    from spark_kit.finance.readiness import assess
    from spark_kit.impact.indicators import track
    from spark_kit.impact.sroi import calculate_sroi, monte_carlo, one_at_a_time
    from spark_kit.viz import draw_logic_model
    from spark_kit.viz.crowdfunding_charts import funnel_chart
    from spark_kit.viz.finance_charts import cashflow_chart
    from spark_kit.viz.indicator_charts import progress_chart, progress_overview_chart
    from spark_kit.viz.ledger_charts import draw_actor_net, draw_cumulative
    from spark_kit.viz.loan_charts import payments_chart
    from spark_kit.viz.readiness_chart import draw_readiness_radar
    from spark_kit.viz.sroi_charts import monte_carlo_chart, tornado_chart, value_by_year_chart

    granbacka = load_example()
    myrbacka = load_example("myrbacka_arbetskooperativ")
    follow_up = granbacka.follow_up
    tracking = track(
        list(granbacka.logic_model.indicators),
        follow_up.table(),
        follow_up.baseline_year,
        follow_up.target_year,
    )
    first_indicator = tracking.indicators[0].id
    value_map = myrbacka.value_map
    sroi = calculate_sroi(value_map)
    one_way = one_at_a_time(value_map)
    simulated = monte_carlo(value_map, draws=10_000, seed=1)
    ledger = myrbacka.ledger.evaluate()
    cashflow = compute_cashflow(granbacka.cashflow)
    readiness = assess(granbacka.readiness.answers)
    loans = offer_schedules()
    campaign = example_plan(matching=True)
    name = granbacka.profile.name
    builders: dict[str, Callable[[], Chart]] = {
        "logic model (Granbacka)": lambda: draw_logic_model(granbacka.logic_model, lang, name),
        "SROI value by year": lambda: value_by_year_chart(sroi, lang),
        "SROI tornado": lambda: tornado_chart(one_way, lang),
        "SROI Monte Carlo": lambda: monte_carlo_chart(simulated, lang),
        "indicator progress": lambda: progress_chart(tracking, first_indicator, lang),
        "indicator overview": lambda: progress_overview_chart(tracking, None, lang),
        "ledger net per actor": lambda: draw_actor_net(ledger, lang, fictional=True),
        "ledger cumulative": lambda: draw_cumulative(ledger, lang, fictional=True),
        "cash flow": lambda: cashflow_chart(cashflow, lang, fictional=True),
        "loan payments": lambda: payments_chart(loans, lang),
        "readiness radar": lambda: draw_readiness_radar(readiness, lang, "Granbacka"),
        "crowdfunding funnel": lambda: funnel_chart(campaign, lang),
    }
    if with_cohort:
        from spark_kit.cohort.aggregate import summarise
        from spark_kit.cohort.load import SYNTHETIC_DIR, load_folder
        from spark_kit.viz.cohort_charts import (
            counts_chart,
            financing_chart,
            sroi_sector_chart,
            status_chart,
        )

        figures = summarise(load_folder(SYNTHETIC_DIR, workers=1))
        for dimension in ("municipality", "legal_form", "sector"):
            counts = figures.counts[dimension]
            builders[f"cohort counts: {dimension}"] = lambda c=counts, d=dimension: counts_chart(
                c, d, lang, synthetic=True
            )
        builders["cohort status"] = lambda: status_chart(figures.status, lang, synthetic=True)
        builders["cohort financing"] = lambda: financing_chart(
            figures.financing, lang, synthetic=True
        )
        builders["cohort SROI by sector"] = lambda: sroi_sector_chart(
            figures.sroi_by_sector, lang, synthetic=True
        )
    return builders


def measure(
    build: Callable[[], Chart], repeats: int
) -> tuple[list[float], list[float], list[float]]:
    """Seconds of each build, each ``svg_html`` and each baseline, run in turn (after one
    warm-up of each), so that the baseline sees the same load on the machine as the chart."""
    build().svg_html()
    baseline_svg()
    builds, exports, baselines = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        baseline_svg()
        first = time.perf_counter()
        chart = build()
        middle = time.perf_counter()
        chart.svg_html()
        end = time.perf_counter()
        baselines.append(first - start)
        builds.append(middle - first)
        exports.append(end - middle)
    return builds, exports, baselines


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--lang", default="sv", choices=["sv", "en"])
    parser.add_argument("--no-cohort", action="store_true", help="skip the cohort charts")
    parser.add_argument("--only", nargs="*", help="names (or parts of names) to run")
    args = parser.parse_args()
    repeats = max(args.repeats, 3)

    builders = chart_builders(args.lang, not args.no_cohort)
    if args.only:
        builders = {k: v for k, v in builders.items() if any(o in k for o in args.only)}
    print(f"charts in {args.lang!r}, {repeats} runs each (ms); load {os.getloadavg()[0]:.2f}")
    print("baseline: a bare Figure with one 36-point line, savefig svg, run before each chart run")
    print("ratio: median total / median baseline of the same runs\n")
    header = (
        f"{'chart':<30} {'build':>7} {'svg':>7} {'total':>7} {'min':>7} {'max':>7} "
        f"{'base':>7} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    totals, all_baselines = [], []
    for name, build in builders.items():
        builds, exports, baselines = measure(build, repeats)
        total = [b + e for b, e in zip(builds, exports, strict=True)]
        median_total, base = statistics.median(total), statistics.median(baselines)
        totals.append(median_total)
        all_baselines += baselines
        print(
            f"{name:<30} {ms(statistics.median(builds))} {ms(statistics.median(exports))} "
            f"{ms(median_total)} {ms(min(total))} {ms(max(total))} {ms(base)} "
            f"{median_total / base:6.1f}"
        )
    print("-" * len(header))
    base = statistics.median(all_baselines)
    print(
        f"{'sum of medians':<30} {'':>7} {'':>7} {ms(sum(totals))} {'':>7} {'':>7} "
        f"{ms(base)} {sum(totals) / base:6.1f}"
    )
    slowest = max(totals) * 1000
    print(
        f"\nslowest chart {slowest:.0f} ms; target edit → chart ≤ {TARGET_MS:.0f} ms: "
        f"{'met by every chart' if slowest <= TARGET_MS else 'NOT met by the slowest'}"
        f"; load {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
