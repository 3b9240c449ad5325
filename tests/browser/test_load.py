"""Several participants at once on one server, and idle kernels culled.

The full meetup load (20 participants) takes minutes on this machine and is in
``benchmarks/participants.py``; here a smaller group checks the same things quickly.
"""

from __future__ import annotations

import os
import time

import psutil
import pytest
from playwright.sync_api import expect

from spark_kit.serve import CULL_ENV

pytestmark = pytest.mark.browser

PARTICIPANTS = 4


def kernel_pids(server) -> set[int]:
    return {child.pid for child in psutil.Process(server.process.pid).children(recursive=True)}


def test_a_group_opens_the_apps_at_once_and_each_gets_its_own_work(
    launch, make_page, app_page, no_traceback
):
    server = launch()
    pages = [make_page(390, 844) if i % 2 else make_page() for i in range(PARTICIPANTS)]
    for page in pages:  # all requests out before any page is waited for
        page.goto(server.base_url + "/voila/render/effektlogik.ipynb", wait_until="commit")
    apps = [app_page(page).wait_until_interactive() for page in pages]
    for app in apps:
        expect(app.title).to_have_text("Effektlogik")
        app.wait_until_autosaving()
        no_traceback(app.page)
    kernels = {app.kernel_id() for app in apps}
    assert len(kernels) == PARTICIPANTS  # one kernel per participant, never shared
    server_mib, count, kernel_mib = server.memory()
    assert count >= PARTICIPANTS
    print(f"\n{PARTICIPANTS} participants: server {server_mib:.0f} MiB, {count} kernels "
          f"{kernel_mib:.0f} MiB")  # fmt: skip


def test_kernels_of_closed_pages_are_culled(launch, make_page, app_page):
    os.environ[CULL_ENV] = "6"
    try:
        server = launch()
    finally:
        del os.environ[CULL_ENV]
    page = make_page()
    app = app_page(page).open(server.base_url + "/voila/render/effektlogik.ipynb")
    kernel = app.kernel_id()
    page.close()

    def culling() -> list[str]:
        return [
            line
            for line in server.output().splitlines()
            if "Culling" in line and kernel in line and "inactivity" in line
        ]

    def shut_down() -> bool:
        return f"Kernel shutdown: {kernel}" in server.output()

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (culling() and shut_down()):
        time.sleep(1)
    assert culling() and shut_down(), server.output()[-2000:]
