"""A meetup's load: many participants open the apps at once on one ``spark-kit start``.

One run starts the gallery as a trainer does (``spark-kit start --no-browser --port N``),
measures one participant alone (the baseline), then opens ``--participants`` browser
contexts at once on loopback (every other one phone-sized), each on one of the apps in turn,
and waits until every app is interactive. It prints how many made it with no error on the
screen, the time to interactive alone and in the crowd (median, max, ratio), and the
server's memory with all kernels running. It always exits 0 once the server ran: the
figures inform, they do not gate.

    .venv/bin/python benchmarks/participants.py [--participants 20]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from spark_kit.apps.registry import APPS
from spark_kit.gallery_process import CHROMIUM_ARGS, CHROMIUM_PATH, free_port, launch_gallery

PAGE_TIMEOUT_MS = 240_000
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|\b\w+Error: ")
READY_JS = """() => {
  const app = document.querySelector(".spark-app");
  if (!app || !app.querySelector("h1.spark-title")) return false;
  const buttons = [...app.querySelectorAll("button")];
  return buttons.length >= 3 && buttons.every(b => !b.disabled || b.closest(".spark-steps"));
}"""


def offline_context(browser, phone: bool):
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=size, locale="sv-SE")
    context.route(
        lambda url: (
            not re.match(r"^(https?|wss?)://(127\.0\.0\.1|localhost)[:/]", url)
            and not url.startswith(("data:", "blob:"))
        ),
        lambda route: route.abort(),
    )
    return context


def run(browser, base_url: str, count: int) -> list[tuple[str, float | None, str]]:
    """Open ``count`` pages at once; (app, seconds to interactive or None, problem)."""
    contexts = [offline_context(browser, phone=i % 2 == 1) for i in range(count)]
    pages = [context.new_page() for context in contexts]
    slugs = [APPS[i % len(APPS)].slug for i in range(count)]
    start = time.perf_counter()
    for page, slug in zip(pages, slugs, strict=True):
        page.goto(f"{base_url}/voila/render/{slug}.ipynb", wait_until="commit")
    results = []
    for page, slug in zip(pages, slugs, strict=True):
        try:
            page.wait_for_function(READY_JS, timeout=PAGE_TIMEOUT_MS, polling=200)
            seconds = time.perf_counter() - start
            text = page.locator("body").inner_text()
            problem = "traceback on screen" if TRACEBACK.search(text) else ""
            results.append((slug, seconds, problem))
        except Exception as error:  # a page that never became interactive is the finding
            results.append((slug, None, type(error).__name__))
    for context in contexts:
        context.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=20)
    args = parser.parse_args()
    if not CHROMIUM_PATH.exists():
        print(f"{CHROMIUM_PATH} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="spark-load-"))
    port = free_port()
    command = [sys.executable, "-m", "spark_kit.cli", "start", "--no-browser", "--port", str(port)]
    server = launch_gallery(command, port, work / "server.log")
    try:
        server.wait_until_healthy(120)
        time.sleep(30)  # let the pre-started kernels finish starting
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS
            )
            alone = run(browser, server.base_url, 1)
            time.sleep(10)
            crowd = run(browser, server.base_url, args.participants)
            server_mib, kernels, kernel_mib = server.memory()
            browser.close()
    finally:
        server.stop()
    ok = [r for r in crowd if r[1] is not None and not r[2]]
    print(f"participants: {args.participants}; interactive with no error: {len(ok)}")
    for slug, seconds, problem in crowd:
        shown = f"{seconds:6.1f} s" if seconds is not None else "   never"
        print(f"  {slug:<20} {shown} {problem}")
    alone_s = alone[0][1]
    if ok and alone_s:
        times = [r[1] for r in ok]
        median = statistics.median(times)
        print(f"time to interactive alone: {alone_s:.1f} s; in the crowd: median {median:.1f} s, "
              f"max {max(times):.1f} s (ratio median/alone {median / alone_s:.1f})")  # fmt: skip
    print(f"memory with every kernel running: server {server_mib:.0f} MiB, {kernels} kernels "
          f"{kernel_mib:.0f} MiB ({kernel_mib / max(kernels, 1):.0f} MiB each), "
          f"total {server_mib + kernel_mib:.0f} MiB")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
