"""How fast the SROI engine is on a large value map, against a small one beside it.

Builds two **synthetic** value maps (random numbers from a fixed seed, not data about any
enterprise): 1,000 outcome rows and 10 outcome rows. For each it times, over at least five
repeats,

* ``calculate_sroi`` (the rows × years matrix, quality warnings included);
* ``monte_carlo`` with 10,000 draws and the default :class:`MonteCarloSpec` (±25 % on
  quantities and proxies, Beta priors on deadweight and attribution);
* ``break_even`` for every row and parameter, and ``one_at_a_time``;

and prints the medians, minima and maxima, the ratio 1,000-row / 10-row, and the peak
memory traced during one Monte Carlo run (``tracemalloc``, which sees numpy's arrays).
Target: the 1,000-row, 10,000-draw Monte Carlo under 1 s (median). It always exits 0:
timings inform, they do not gate.

    .venv/bin/python benchmarks/sroi.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

import numpy as np

from spark_kit.impact.sroi import (
    Conventions,
    Input,
    OutcomeRow,
    ValueMap,
    break_even,
    calculate_sroi,
    monte_carlo,
    one_at_a_time,
)

SEED = 20261127
DRAWS = 10_000
TARGET_SECONDS = 1.0


def synthetic_value_map(rows: int, seed: int = SEED) -> ValueMap:
    """A SYNTHETIC value map: every number is drawn at random (seeded), none is real."""
    rng = np.random.default_rng(seed)
    outcomes = [
        OutcomeRow(
            stakeholder=f"Syntetisk intressent {rng.integers(1, 9)}",
            outcome=f"Syntetiskt utfall {number}",
            quantity=float(rng.integers(1, 40)),
            financial_proxy=float(rng.uniform(1_000, 60_000)),
            proxy_source="syntetiskt (slumptal)",
            stakeholder_voice="syntetiskt (slumptal)",
            duration_years=int(rng.integers(1, 6)),
            outcome_start=int(rng.choice([1, 2], p=[0.8, 0.2])),
            deadweight=float(rng.uniform(0.05, 0.4)),
            displacement=float(rng.uniform(0.0, 0.2)),
            attribution=float(rng.uniform(0.05, 0.45)),
            drop_off=float(rng.uniform(0.0, 0.5)),
        )
        for number in range(1, rows + 1)
    ]
    gross = sum(o.quantity * o.financial_proxy for o in outcomes)
    inputs = [
        Input(stakeholder="Syntetisk finansiär", amount=gross * 0.6 / 2, year=y) for y in (1, 2)
    ]
    return ValueMap(inputs=inputs, outcomes=outcomes, conventions=Conventions())


def timed(func, repeats: int) -> list[float]:
    func()  # warm-up: imports, caches (the Beta quantile tables)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> str:
    return (
        f"median {statistics.median(times) * 1000:8.1f} ms"
        f"  (min {min(times) * 1000:7.1f}, max {max(times) * 1000:7.1f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed repeats (at least 5)")
    repeats = max(5, parser.parse_args().repeats)

    maps = {rows: synthetic_value_map(rows) for rows in (1000, 10)}
    tasks = {
        "calculate_sroi": lambda vm: calculate_sroi(vm),
        f"monte_carlo ({DRAWS:,} draws)": lambda vm: monte_carlo(vm, draws=DRAWS, seed=SEED),
        "break_even (all rows)": lambda vm: break_even(vm),
        "one_at_a_time": lambda vm: one_at_a_time(vm),
    }
    print(f"SROI engine benchmark (synthetic value maps, seed {SEED})")
    print(f"repeats: {repeats}; ratio = median 1,000 rows / median 10 rows\n")
    medians: dict[tuple[str, int], float] = {}
    for name, task in tasks.items():
        print(name)
        for rows, value_map in maps.items():
            times = timed(lambda vm=value_map, task=task: task(vm), repeats)
            medians[name, rows] = statistics.median(times)
            print(f"  {rows:5d} rows: {summary(times)}")
        print(f"  ratio 1000/10: {medians[name, 1000] / medians[name, 10]:.1f}\n")

    result = calculate_sroi(maps[1000])
    print(f"1,000-row map: ratio {result.sroi_ratio:.4f}, {len(result.values_by_year)} years")

    tracemalloc.start()
    monte_carlo(maps[1000], draws=DRAWS, seed=SEED)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory, 1,000 rows × {DRAWS:,} draws: {peak / 2**20:.1f} MiB")

    mc = medians[f"monte_carlo ({DRAWS:,} draws)", 1000]
    verdict = "met" if mc < TARGET_SECONDS else "NOT met"
    print(
        f"target: 1,000 rows × {DRAWS:,} draws under {TARGET_SECONDS:.0f} s: {mc:.3f} s, {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
