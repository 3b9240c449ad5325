"""Every app in the gallery against a bare Voilà notebook: time to interactive, the edit →
chart round trip, and memory per app kernel, all measured in one run.

Two servers run with the same settings (``spark_kit.serve.voila_config``): the gallery as a
trainer starts it (``spark-kit start --no-browser --port N``) and the same ``SparkVoila``
server on a folder holding ``bare_slider.ipynb`` (one IntSlider whose observer updates a
Label). Chromium (the system's, via Playwright) blocks every request that would leave the
machine, as offline at a meetup.

* Time to interactive: from ``page.goto`` until the app's title is shown and its "Skapa
  filer att ladda ner" button answers (baseline: the slider and its readout), in a fresh
  browser context each time.
* Edit round trip, where an app has an edit that redraws a chart: from the click (or the
  choice) until the chart's SVG changed, timed inside the page with a MutationObserver;
  baseline: one slider step until the Label shows the new square.
* Memory: the resident memory (USS) of each page's kernel once the app is interactive.

Targets: time to interactive ≤ 1.3 × the baseline's; edit round trip ≤ 250 ms (median);
≤ 180 MiB per app kernel. The script always exits 0 once both servers ran.

    .venv/bin/python benchmarks/apps.py [--rounds 5] [--edits 8]
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psutil
from playwright.sync_api import Page, sync_playwright

from spark_kit.apps.registry import APPS
from spark_kit.gallery_process import CHROMIUM_ARGS, CHROMIUM_PATH, free_port, launch_gallery

HERE = Path(__file__).resolve().parent
BARE_NOTEBOOK = HERE / "bare_slider.ipynb"
PAGE_TIMEOUT_MS = 120_000
TARGET_RATIO = 1.3
TARGET_EDIT_MS = 250.0
TARGET_KERNEL_MIB = 180.0
BASELINE_SERVER = """
import sys
from spark_kit.serve import ServeOptions, serve
serve(ServeOptions(port=int(sys.argv[1]), root_dir=sys.argv[2], open_browser=False))
"""

APP_READY_JS = """() => {
  const app = document.querySelector(".spark-app");
  if (!app || !app.querySelector("h1.spark-title")) return false;
  const save = [...app.querySelectorAll("button")]
    .find(b => b.textContent.trim() === "Skapa filer att ladda ner");
  return save !== undefined && !save.disabled;
}"""
BARE_READY_JS = """() => document.querySelector(".widget-slider .noUi-handle") !== null
  && document.querySelector(".widget-readout") !== null"""

# Do ``action`` (click a button with that text, or choose option ``index`` in the select
# labelled ``label``) and resolve with the milliseconds until an SVG under ``watch`` changed.
ROUND_TRIP_JS = """
async ([kind, target, index, watch, timeoutMs]) => {
  const app = document.querySelector(".spark-app");
  const area = app.querySelector(watch);
  const before = area.innerHTML;
  return await new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      const svg = area.querySelector("svg");
      if (svg !== null && area.innerHTML !== before) {
        observer.disconnect(); resolve(performance.now() - start);
      }
    });
    observer.observe(area, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { observer.disconnect(); reject(new Error("no redraw")); }, timeoutMs);
    const start = performance.now();
    if (kind === "click") {
      [...app.querySelectorAll("button")].find(b => b.textContent.trim() === target).click();
    } else {
      const label = [...app.querySelectorAll("label")].find(l => l.textContent.trim() === target);
      const select = document.getElementById(label.htmlFor);
      select.selectedIndex = index;
      select.dispatchEvent(new Event("change", {bubbles: true}));
    }
  });
}
"""

SLIDER_ROUND_TRIP_JS = """
async ([expected, timeoutMs]) => {
  const handle = document.querySelector(".widget-slider .noUi-handle");
  const label = [...document.querySelectorAll(".widget-label")]
    .find(l => !l.closest(".widget-slider") && l.offsetParent !== null);
  return await new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (label.textContent.trim() === expected) {
        observer.disconnect(); resolve(performance.now() - start);
      }
    });
    observer.observe(label, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { observer.disconnect(); reject(new Error("no label")); }, timeoutMs);
    const start = performance.now();
    handle.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));
  });
}
"""


def prepare_effektlogik(page: Page, round_: int) -> tuple:
    form = page.locator(".widget-tab .spark-form").first
    select = form.get_by_label("Nivå", exact=True)
    select.select_option(index=3)
    form.get_by_label("Text", exact=True).fill(f"Mätrunda {round_}")
    return ("click", "Lägg till", 0, ".spark-diagram")


def prepare_sroi(page: Page, round_: int) -> tuple:
    page.get_by_label("Dödvikt (%)", exact=True).fill(str(20 + round_))
    return ("click", "Spara raden", 0, ".spark-diagram")


def prepare_readiness(page: Page, round_: int) -> tuple:
    return ("choose", "ME4", 1 + round_ % 5, ".spark-diagram")


def prepare_cashflow(page: Page, round_: int) -> tuple:
    if round_ == 1:
        page.locator(".spark-tabs button").filter(has_text="Likviditet").click()
        page.wait_for_timeout(1_500)
    page.get_by_label("Kassa vid start (kr)", exact=True).fill(str(50_000 + 1_000 * round_))
    return ("click", "Spara inställningarna", 0, ".spark-diagram")


EDITS = {
    "effektlogik": prepare_effektlogik,
    "sroi": prepare_sroi,
    "beredskap": prepare_readiness,
    "finansiering": prepare_cashflow,
}


def offline_page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.route(
        lambda url: urllib.parse.urlsplit(url).hostname not in ("127.0.0.1", "localhost"),
        lambda route: route.abort(),
    )
    return context.new_page()


def open_page(browser, url: str, ready_js: str) -> tuple[Page, float]:
    page = offline_page(browser)
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_function(ready_js, timeout=PAGE_TIMEOUT_MS, polling="raf")
    return page, time.perf_counter() - start


def kernel_mib(page: Page) -> float | None:
    found = re.search(r'"kernelId":\s*"([0-9a-f\-]{36})"', page.content())
    if not found:
        return None
    for process in psutil.process_iter(["cmdline"]):
        if any(found.group(1) in part for part in process.info["cmdline"] or []):
            with contextlib.suppress(psutil.Error):
                return process.memory_full_info().uss / 2**20
    return None


def summary(values: list[float]) -> str:
    if not values:
        return "–"
    return f"{statistics.median(values):7.2f} (min {min(values):.2f}, max {max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="page loads per app (≥ 3)")
    parser.add_argument("--edits", type=int, default=8, help="edits per app (≥ 3)")
    args = parser.parse_args()
    rounds, edits = max(args.rounds, 3), max(args.edits, 3)
    if not CHROMIUM_PATH.exists():
        print(f"{CHROMIUM_PATH} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="spark-apps-bench-"))
    (work / "bare").mkdir()
    shutil.copy(BARE_NOTEBOOK, work / "bare" / BARE_NOTEBOOK.name)
    app_port, bare_port = free_port(), free_port()
    gallery = launch_gallery(
        [sys.executable, "-m", "spark_kit.cli", "start", "--no-browser", "--port", str(app_port)],
        app_port, work / "gallery.log",
    )  # fmt: skip
    bare = launch_gallery(
        [sys.executable, "-c", BASELINE_SERVER, str(bare_port), str(work / "bare")],
        bare_port, work / "bare.log",
    )  # fmt: skip
    try:
        gallery.wait_until_healthy(120)
        bare.wait_until_healthy(120)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS
            )
            bare_url = f"{bare.base_url}/voila/render/{BARE_NOTEBOOK.name}"
            open_page(browser, bare_url, BARE_READY_JS)[0].context.close()  # warm-up
            tti: dict[str, list[float]] = {"(bare slider)": []}
            edit_ms: dict[str, list[float]] = {"(bare slider)": []}
            memory: dict[str, float | None] = {}
            for round_ in range(rounds):
                page, seconds = open_page(browser, bare_url, BARE_READY_JS)
                tti["(bare slider)"].append(seconds)
                if round_ == 0:
                    for step in range(1, edits + 1):
                        expected = str((4 + step) ** 2)
                        edit_ms["(bare slider)"].append(
                            page.evaluate(SLIDER_ROUND_TRIP_JS, [expected, 20_000])
                        )
                        page.wait_for_timeout(200)
                    memory["(bare slider)"] = kernel_mib(page)
                page.context.close()
                for app in APPS:
                    url = f"{gallery.base_url}/voila/render/{app.notebook}"
                    page, seconds = open_page(browser, url, APP_READY_JS)
                    tti.setdefault(app.slug, []).append(seconds)
                    if round_ == 0:
                        memory[app.slug] = kernel_mib(page)
                        prepare = EDITS.get(app.slug)
                        times = edit_ms.setdefault(app.slug, [])
                        for step in range(1, edits + 1 if prepare else 1):
                            action = prepare(page, step)
                            page.wait_for_timeout(300)  # typed text reaches the kernel first
                            try:
                                times.append(page.evaluate(ROUND_TRIP_JS, [*action, 20_000]))
                            except Exception as error:  # an edit that never redraws is a finding
                                print(f"  ({app.slug}: edit {step} failed: {error})")
                            page.wait_for_timeout(300)
                    page.context.close()
                print(f"  round {round_ + 1} of {rounds} done", flush=True)
            browser.close()
    finally:
        gallery.stop()
        bare.stop()
        shutil.rmtree(work, ignore_errors=True)

    base = statistics.median(tti["(bare slider)"])
    print()
    print(f"{'app':<20} {'time to interactive, s (median)':<36} {'ratio':>6}  "
          f"{'edit → chart, ms (median)':<32} {'kernel MiB':>10}")  # fmt: skip
    for name, values in tti.items():
        ratio = statistics.median(values) / base
        edit = summary(edit_ms.get(name, []))
        mib = memory.get(name)
        shown = f"{mib:10.0f}" if mib is not None else "         –"
        print(f"{name:<20} {summary(values):<36} {ratio:6.2f}  {edit:<32} {shown}")
    print()
    print(f"targets: ratio ≤ {TARGET_RATIO}; edit → chart ≤ {TARGET_EDIT_MS:.0f} ms; "
          f"kernel ≤ {TARGET_KERNEL_MIB:.0f} MiB")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
