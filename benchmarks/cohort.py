"""How long the program view takes: loading and aggregating the 100 synthetic workbooks.

Timed, in the same run and over the same files (``data/cohort/workbooks/``, SYNTHETIC):

* **baseline, open only**: ``openpyxl.load_workbook(read_only=True)`` of each file, and
  nothing else (the floor of any reader built on openpyxl);
* **baseline, every cell**: the same, then every row of every sheet read with
  ``iter_rows(values_only=True)`` (what reading the workbooks costs without checking them);
* **program view, one process**: ``spark_kit.cohort.load_folder(workers=1)`` (each file
  through ``spark_kit.assessment.read_workbook``, with all its checks) and ``summarise``;
* **program view, default**: the same with the default ``workers=None`` (a process pool,
  one process per core, where the platform can fork).

It prints the median, minimum and maximum of each, the ratios of the program view to the
baselines, the machine's load average (the machine may be shared: run it a few times), and
whether the 5 s target (the default, load + aggregate) is met. It always exits 0: timings
inform, they do not gate.

    .venv/bin/python benchmarks/cohort.py [--rounds 3] [--folder DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

from spark_kit.cohort.aggregate import summarise
from spark_kit.cohort.load import SYNTHETIC_DIR, load_folder

TARGET_S = 5.0


def timed(function: Callable[[], object], rounds: int) -> list[float]:
    """Wall-clock seconds of each of ``rounds`` calls (after one warm-up call)."""
    function()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def open_only(files: list[Path]) -> None:
    for path in files:
        openpyxl.load_workbook(path, read_only=True).close()


def every_cell(files: list[Path]) -> None:
    for path in files:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        workbook.close()


def program_view(folder: Path, workers: int | None) -> None:
    cohort = load_folder(folder, workers=workers)
    if cohort.issues:
        raise SystemExit(f"unexpected problems: {[i.message('en') for i in cohort.issues]}")
    summarise(cohort)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=SYNTHETIC_DIR)
    args = parser.parse_args(argv)
    files = sorted(args.folder.glob("*.xlsx"))
    print(f"{len(files)} workbooks in {args.folder} (SYNTHETIC); {os.cpu_count()} cores")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    results = {
        "baseline, open only": timed(lambda: open_only(files), args.rounds),
        "baseline, every cell": timed(lambda: every_cell(files), args.rounds),
        "program view, one process": timed(lambda: program_view(args.folder, 1), args.rounds),
        "program view, default": timed(lambda: program_view(args.folder, None), args.rounds),
    }
    width = max(len(name) for name in results)
    print(f"{'':{width}}  median     min     max  (s, {args.rounds} rounds)")
    for name, times in results.items():
        print(
            f"{name:{width}}  {statistics.median(times):6.2f}  {min(times):6.2f}  {max(times):6.2f}"
        )
    medians = {name: statistics.median(times) for name, times in results.items()}
    for view in ("program view, one process", "program view, default"):
        for base in ("baseline, open only", "baseline, every cell"):
            print(f"ratio {view} / {base}: {medians[view] / medians[base]:.2f}")
    default = medians["program view, default"]
    verdict = "met" if default <= TARGET_S else "NOT met"
    print(f"target: load + aggregate ≤ {TARGET_S:.0f} s (default): {default:.2f} s, {verdict}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
