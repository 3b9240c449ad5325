"""How fast the Effektlogik app starts and answers, against a bare Voilà notebook beside it.

One run starts two servers with the same settings (``spark_kit.serve.voila_config`` via
``ServeOptions``: preheated pool of one kernel, code stripped, same culling and timeouts):

* the gallery, exactly as a trainer starts it: ``spark-kit start --no-browser --port N``;
* the baseline: the same ``SparkVoila`` server on a temporary folder holding
  ``bare_slider.ipynb`` (one IntSlider whose observer updates a Label, nothing else).

Chromium (the system's, driven by Playwright) then measures, with every request leaving the
machine blocked (as offline at a meetup):

* time to interactive: from ``page.goto`` until the app's diagram is visible and its buttons
  are enabled (baseline: until the slider and its readout are visible); a fresh browser
  context (empty cache, no cookies) each round, and before each round both servers' pools
  are refilled and idle, so every round is served by a preheated kernel;
* edit round trip: in the app, from the click on "Lägg till" (with level and text filled in)
  until the new element's text is in the diagram's SVG, timed inside the page
  (``performance.now()`` and a MutationObserver); the baseline's round trip is one slider
  step (arrow key) until the Label shows the square.

It prints medians, minima and maxima, the ratio app/baseline, and the servers' memory.
Targets: app time to interactive ≤ 1.5 × baseline; edit round trip ≤ 300 ms (median).
It always exits 0 once both servers ran: timings inform, they do not gate.

    .venv/bin/python benchmarks/app_startup.py [--rounds 7] [--edits 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from spark_kit.gallery_process import (
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    GalleryNotReady,
    GalleryProcess,
    free_port,
    launch_gallery,
)

HERE = Path(__file__).resolve().parent
BARE_NOTEBOOK = HERE / "bare_slider.ipynb"
HEALTH_PATH = "/spark-kit/health"
APP_PATH = "/voila/render/effektlogik.ipynb"
BARE_PATH = "/voila/render/bare_slider.ipynb"
START_TIMEOUT = 60.0
POOL_TIMEOUT = 90.0
PAGE_TIMEOUT_MS = 60_000
TARGET_RATIO = 1.5
TARGET_EDIT_MS = 300.0

# The baseline: the kit's own server and settings, on another folder.
BASELINE_SERVER = """
import sys
from spark_kit.serve import ServeOptions, serve
serve(ServeOptions(port=int(sys.argv[1]), root_dir=sys.argv[2], open_browser=False))
"""

# Click "Lägg till" and resolve with the milliseconds until ``text`` is in the diagram.
EDIT_ROUND_TRIP_JS = """
async ([text, timeoutMs]) => {
  const app = document.querySelector(".spark-app");
  const button = [...app.querySelectorAll("button")]
    .find(b => b.textContent.trim() === "Lägg till");
  const diagram = app.querySelector(".spark-diagram");
  const shown = () => {
    const svg = diagram.querySelector("svg");
    return svg !== null && svg.textContent.replace(/\\s+/g, " ").includes(text);
  };
  return await new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (shown()) { observer.disconnect(); resolve(performance.now() - start); }
    });
    observer.observe(diagram, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { observer.disconnect(); reject(new Error("no " + text)); }, timeoutMs);
    const start = performance.now();
    button.click();
  });
}
"""

# Press the right arrow on the slider and resolve with the milliseconds until the Label
# (outside the slider) shows ``expected``.
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
    setTimeout(() => { observer.disconnect(); reject(new Error("label: " + label.textContent)); },
               timeoutMs);
    const start = performance.now();
    handle.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));
  });
}
"""


@dataclass
class Server(GalleryProcess):
    """A server under measurement: the gallery or the baseline, and its one notebook."""

    name: str = ""
    notebook: str = ""

    def log(self) -> str:
        return self.output()

    def pool_fills(self) -> int:
        """How often Voilà has reported this notebook's pool filled (once per refill)."""
        return self.log().count(f"Kernel pool of {self.notebook} is filled")

    def preheated_uses(self) -> int:
        return self.log().count("Using pre-heated kernel: ")


def launch(name: str, notebook: str, command: list[str], port: int, log_dir: Path) -> Server:
    started = launch_gallery(command, port, log_dir / f"{name}.log")
    return Server(started.process, port, started.log_path, name=name, notebook=notebook)


def wait_healthy(server: Server) -> None:
    try:
        server.wait_until_healthy(START_TIMEOUT)
    except GalleryNotReady as error:
        raise SystemExit(f"{server.name}: {error}") from error


def wait_pools_filled(servers: list[Server], wanted: dict[str, int]) -> None:
    """Until each server has filled its pool ``wanted[name]`` times, then a short rest so
    that the refill's CPU use does not spill into the next measurement."""
    deadline = time.monotonic() + POOL_TIMEOUT
    while any(s.pool_fills() < wanted[s.name] for s in servers):
        if time.monotonic() > deadline:
            late = [s.name for s in servers if s.pool_fills() < wanted[s.name]]
            print(f"  (warning: pool not refilled within {POOL_TIMEOUT:.0f} s: {late})")
            return
        time.sleep(0.2)
    time.sleep(1.0)


def offline_page(browser, width: int = 1280, height: int = 900) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
    context.route(
        lambda url: urllib.parse.urlsplit(url).hostname not in ("127.0.0.1", "localhost"),
        lambda route: route.abort(),
    )
    return context.new_page()


def time_to_interactive(browser, server: Server) -> float:
    """Seconds from ``page.goto`` until the page's widgets can be used."""
    page = offline_page(browser)
    try:
        start = time.perf_counter()
        if server.notebook == "effektlogik.ipynb":
            page.goto(server.base_url + APP_PATH, wait_until="commit")
            page.locator(".spark-diagram svg").wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
            page.wait_for_function(
                "() => [...document.querySelectorAll('.spark-app button')]"
                ".every(b => !b.disabled) && document.querySelectorAll('.spark-app button')"
                ".length >= 10",
                timeout=PAGE_TIMEOUT_MS,
                polling="raf",
            )
        else:
            page.goto(server.base_url + BARE_PATH, wait_until="commit")
            page.locator(".widget-slider .noUi-handle").wait_for(
                state="visible", timeout=PAGE_TIMEOUT_MS
            )
            page.locator(".widget-readout").wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        return time.perf_counter() - start
    finally:
        page.context.close()


def choose_level(page: Page, level: str) -> None:
    select = page.locator(".widget-tab .spark-form").first.get_by_label("Nivå", exact=True)
    index = select.evaluate(
        "(s, text) => [...s.options].findIndex(o => o.textContent.trim() === text)", level
    )
    select.select_option(index=index)


def edit_round_trips(browser, server: Server, edits: int) -> list[float]:
    """Milliseconds per "add an element" until the diagram shows it, on one page."""
    page = offline_page(browser)
    try:
        page.goto(server.base_url + APP_PATH)
        page.locator(".spark-diagram svg").wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        choose_level(page, "Aktiviteter")
        text_field = page.locator(".widget-tab .spark-form").first.get_by_label("Text", exact=True)
        times = []
        for round_ in range(1, edits + 1):
            text = f"Mätrunda {round_}"
            text_field.fill(text)
            # Let the typed text reach the kernel first: only the click is timed.
            page.wait_for_timeout(300)
            times.append(page.evaluate(EDIT_ROUND_TRIP_JS, [text, 20_000]))
            page.wait_for_timeout(300)
        return times
    finally:
        page.context.close()


def slider_round_trips(browser, server: Server, edits: int) -> list[float]:
    page = offline_page(browser)
    try:
        page.goto(server.base_url + BARE_PATH)
        page.locator(".widget-readout").wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        times = []
        for step in range(1, edits + 1):
            expected = str((4 + step) ** 2)
            times.append(page.evaluate(SLIDER_ROUND_TRIP_JS, [expected, 20_000]))
            page.wait_for_timeout(300)
        return times
    finally:
        page.context.close()


def summary(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="page loads per notebook (≥ 5)")
    parser.add_argument("--edits", type=int, default=10, help="edit round trips (≥ 5)")
    args = parser.parse_args()
    rounds, edits = max(args.rounds, 5), max(args.edits, 5)
    if not CHROMIUM_PATH.exists():
        print(f"{CHROMIUM_PATH} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="spark-bench-"))
    bare_dir = work / "bare"
    bare_dir.mkdir()
    shutil.copy(BARE_NOTEBOOK, bare_dir / BARE_NOTEBOOK.name)
    app_port, bare_port = free_port(), free_port()
    gallery = launch(
        "gallery", "effektlogik.ipynb",
        [sys.executable, "-m", "spark_kit.cli", "start", "--no-browser", "--port", str(app_port)],
        app_port, work,
    )  # fmt: skip
    baseline = launch(
        "baseline", "bare_slider.ipynb",
        [sys.executable, "-c", BASELINE_SERVER, str(bare_port), str(bare_dir)],
        bare_port, work,
    )  # fmt: skip
    servers = [gallery, baseline]
    try:
        for server in servers:
            wait_healthy(server)
        fills = {server.name: 1 for server in servers}
        wait_pools_filled(servers, fills)
        print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; "
              f"{rounds} page loads each, {edits} edits")  # fmt: skip
        tti: dict[str, list[float]] = {"gallery": [], "baseline": []}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS
            )
            # One unmeasured load each: Chromium's own start-up, disk caches.
            for server in servers:
                time_to_interactive(browser, server)
                fills[server.name] += 1
            wait_pools_filled(servers, fills)
            for round_ in range(1, rounds + 1):
                # Alternate the order, so that neither always goes first.
                for server in servers if round_ % 2 else servers[::-1]:
                    before = server.preheated_uses()
                    seconds = time_to_interactive(browser, server)
                    tti[server.name].append(seconds)
                    fills[server.name] += 1
                    wait_pools_filled(servers, fills)
                    if server.preheated_uses() == before:
                        print(f"  (round {round_}: {server.name} did not use a preheated kernel)")
                print(f"  round {round_}: app {tti['gallery'][-1]:.2f} s, "
                      f"bare {tti['baseline'][-1]:.2f} s")  # fmt: skip
            edit_ms = edit_round_trips(browser, gallery, edits)
            fills["gallery"] += 1
            wait_pools_filled(servers, fills)
            slider_ms = slider_round_trips(browser, baseline, edits)
            browser.close()
        for server in servers:
            server.remember_kernels()
        report(tti, edit_ms, slider_ms, servers)
        return 0
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def report(tti, edit_ms, slider_ms, servers) -> None:
    app_med, app_min, app_max = summary(tti["gallery"])
    bare_med, bare_min, bare_max = summary(tti["baseline"])
    edit_med, edit_min, edit_max = summary(edit_ms)
    slider_med, slider_min, slider_max = summary(slider_ms)
    ratio = app_med / bare_med
    rows = [
        ("time to interactive, Effektlogik (s)", app_med, app_min, app_max, len(tti["gallery"])),
        ("time to interactive, bare slider (s)", bare_med, bare_min, bare_max,
         len(tti["baseline"])),
        ("edit round trip, add element (ms)", edit_med, edit_min, edit_max, len(edit_ms)),
        ("slider round trip, bare (ms)", slider_med, slider_min, slider_max, len(slider_ms)),
    ]  # fmt: skip
    print()
    print(f"{'measure':<40} {'median':>8} {'min':>8} {'max':>8} {'n':>3}")
    print("-" * 71)
    for name, med, low, high, n in rows:
        digits = 2 if "(s)" in name else 0
        print(f"{name:<40} {med:>8.{digits}f} {low:>8.{digits}f} {high:>8.{digits}f} {n:>3}")
    print("-" * 71)
    ok = "meets target" if ratio <= TARGET_RATIO else "MISSES target"
    print(f"ratio app / bare (medians): {ratio:.2f}   (target ≤ {TARGET_RATIO}: {ok})")
    ok = "meets target" if edit_med <= TARGET_EDIT_MS else "MISSES target"
    print(f"edit round trip median: {edit_med:.0f} ms   (target ≤ {TARGET_EDIT_MS:.0f} ms: {ok})")
    print()
    print("memory after the runs (RSS; kernels of closed pages stay until culled):")
    for server in servers:
        server_mib, count, kernel_mib = server.memory()
        per = kernel_mib / count if count else 0.0
        print(f"  {server.name:<9} server {server_mib:6.0f} MiB; {count:2d} kernels, "
              f"{kernel_mib:6.0f} MiB together ({per:.0f} MiB each)")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
