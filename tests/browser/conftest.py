"""Fixtures for the browser tests: the gallery server as a subprocess, and Debian Chromium.

The server is started as a trainer starts it (``spark-kit start --no-browser``) on a free
port, in its own process group, and stopped with its kernels at the end of the session.
The browser is the system's Chromium driven by Playwright (``playwright install`` is never
needed). Every page blocks requests that leave the machine, as in a village hall without
internet, so the tests also show that the apps work offline.

:class:`EffektlogikPage` finds the app's controls the way a person does: buttons by their
text, fields by their label, tabs by their title.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from spark_kit.gallery_process import (
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    GalleryNotReady,
    GalleryProcess,
    free_port,
    launch_gallery,
    spark_kit_command,
)
from spark_kit.lan import lan_addresses

HEALTH_PATH = "/spark-kit/health"
APP_PATH = "/voila/render/effektlogik.ipynb"
SERVER_START_TIMEOUT = 60.0
# The widgets render from a kernel: on a busy 2-vCPU machine that can take a while.
INTERACTIVE_TIMEOUT_MS = 120_000
EXPECT_TIMEOUT_MS = 20_000
TRACEBACK_SIGNS = re.compile(r"Traceback \(most recent call last\)|\b\w+Error: |\bFile \"/")

expect.set_options(timeout=EXPECT_TIMEOUT_MS)


# --- the server ---------------------------------------------------------------------------

Server = GalleryProcess


def launch_server(
    log_dir: Path, *args: str, port: int | None = None, command: list[str] | None = None
) -> Server:
    """Run ``spark-kit start --no-browser --port N [args]`` in its own process group.

    ``command`` replaces the whole command; ``{port}`` in it is replaced by the port.
    """
    port = port or free_port()
    if command:
        command = [part.replace("{port}", str(port)) for part in command]
    else:
        command = spark_kit_command("start", "--no-browser", "--port", str(port), *args)
    return launch_gallery(command, port, log_dir / f"spark-kit-{port}.log")


def wait_until_healthy(server: Server, timeout: float = SERVER_START_TIMEOUT) -> None:
    try:
        server.wait_until_healthy(timeout)
    except GalleryNotReady as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def server_log_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("servers")


@pytest.fixture(scope="session", autouse=True)
def autosave_dir(tmp_path_factory) -> Path:
    """Where the servers started by these tests keep visitors' autosaves (not ~/.local)."""
    folder = tmp_path_factory.mktemp("autosave")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPARK_KIT_AUTOSAVE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def gallery_server(server_log_dir):
    """The gallery as a trainer starts it on a laptop: ``spark-kit start --no-browser``."""
    server = launch_server(server_log_dir)
    try:
        wait_until_healthy(server)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def launch(server_log_dir) -> Callable[..., Server]:
    """``launch(*args, host=..., command=...)``: another ``spark-kit start --no-browser
    --port N *args``, ready to use (stopped at the end of the session)."""
    servers: list[Server] = []

    def start(*args: str, host: str = "127.0.0.1", command: list[str] | None = None) -> Server:
        servers.append(launch_server(server_log_dir, *args, command=command))
        servers[-1].host = host
        wait_until_healthy(servers[-1])
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def spark_kit() -> Callable[..., subprocess.CompletedProcess]:
    """``spark_kit(*args)``: run the command to its end; its status and output. A command
    still running after ``timeout`` seconds is stopped (with anything it started)."""

    def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.pop("SPARK_KIT_LANG", None)
        command = spark_kit_command(*args)
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            text=True, env=env, start_new_session=True,
        )  # fmt: skip
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            started = {c.pid for c in psutil.Process(process.pid).children(recursive=True)}
            os.killpg(process.pid, signal.SIGKILL)
            for pid in started:
                with contextlib.suppress(psutil.NoSuchProcess):
                    psutil.Process(pid).kill()
            stdout, stderr = process.communicate()
            pytest.fail(f"{' '.join(args)} still ran after {timeout} s:\n{stdout}{stderr}")
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)

    return run


@pytest.fixture
def unused_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def base_url(gallery_server) -> str:
    return gallery_server.base_url


# --- the browser --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM_PATH.exists():
        pytest.fail(
            f"Chromium is missing ({CHROMIUM_PATH}). The browser tests drive the system's "
            "Chromium, "
            "not a Playwright download: install it with `apt-get install -y chromium` "
            "(as root or with sudo), then run the tests again."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", *lan_addresses()}


def leaves_the_machine(url: str) -> bool:
    """True for a request to another host (the Voilà template links a CDN stylesheet)."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


@dataclass
class PageRecord:
    """What happened inside a page that the screen does not show."""

    script_errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)


def new_offline_page(browser: Browser, width: int = 1280, height: int = 900) -> Page:
    """A page in a fresh context (no cookies) that cannot reach anything but this machine.

    ``page.record`` lists uncaught script errors and the blocked external requests.
    """
    context = browser.new_context(
        accept_downloads=True, locale="sv-SE", viewport={"width": width, "height": height}
    )
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    record = PageRecord()

    def block(route):
        record.external_requests.append(route.request.url)
        route.abort()

    context.route(leaves_the_machine, block)
    page = context.new_page()
    page.on("pageerror", lambda error: record.script_errors.append(str(error)))
    page.on("console", lambda message: record.console.append(message.text[:300]))
    page.record = record
    return page


@pytest.fixture
def page(browser):
    """A fresh offline page at 1280×900."""
    page = new_offline_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def make_page(browser) -> Callable[..., Page]:
    """``make_page(width=1280, height=900)``: another fresh offline page (own cookies)."""
    made: list[Page] = []

    def make(width: int = 1280, height: int = 900) -> Page:
        made.append(new_offline_page(browser, width, height))
        return made[-1]

    yield make
    for page in made:
        page.context.close()


@pytest.fixture
def phone_page(browser):
    """A fresh offline page the size of a phone held upright (390×844)."""
    page = new_offline_page(browser, 390, 844)
    yield page
    page.context.close()


# --- the app, as a person sees it ---------------------------------------------------------


def exact_text(text: str) -> re.Pattern:
    """Matches an element whose whole (trimmed) text is ``text``."""
    return re.compile(r"^\s*" + re.escape(text) + r"\s*$")


def assert_no_traceback(page: Page) -> None:
    """No Python traceback or error output on the screen, and no uncaught script error."""
    text = page.locator("body").inner_text()
    found = TRACEBACK_SIGNS.search(text)
    assert found is None, f"error text on the page: …{text[max(0, found.start() - 200) :][:600]}"
    stderr = page.locator("[data-mime-type='application/vnd.jupyter.stderr']")
    assert stderr.count() == 0, f"stderr output on the page: {stderr.all_inner_texts()}"
    errors = page.locator("[data-mime-type='application/vnd.jupyter.error']")
    assert errors.count() == 0, f"error output on the page: {errors.all_inner_texts()}"
    assert not page.record.script_errors, f"script errors: {page.record.script_errors}"


def choose(select: Locator, text: str, prefix: bool = False) -> None:
    """Choose the drop-down option shown as ``text`` (or starting with it).

    ipywidgets shows option labels with no-break spaces; they count as spaces here.
    """
    index = select.evaluate(
        """(element, [text, prefix]) => [...element.options].findIndex((option) => {
            const shown = option.textContent.replace(/\\u00a0/g, " ").trim();
            return prefix ? shown.startsWith(text) : shown === text;
        })""",
        [text, prefix],
    )
    assert index >= 0, f"no option {text!r} in {select.evaluate('e => e.innerText')!r}"
    select.select_option(index=index)


class AppPage:
    """Any of the kit's apps in a browser page: the frame every app shares."""

    def __init__(self, page: Page):
        self.page = page
        self.app = page.locator(".spark-app")
        self.title = self.app.locator("h1.spark-title")
        self.upload_button = self.app.locator("button.widget-upload")
        # The upload's own notice is the widget right after the row holding the button.
        self.upload_notice = self.app.locator(
            "xpath=.//*[contains(@class, 'widget-upload')]/.."
            "/following-sibling::*[1][contains(@class, 'spark-notice')]"
        )
        self.downloads = self.app.locator(".spark-frame-downloads a")  # the frame's own
        self.resume_box = self.app.locator(".spark-resume")
        self.autosave_status = self.app.locator(".spark-autosave")

    def open(self, url: str):
        self.page.goto(url, timeout=INTERACTIVE_TIMEOUT_MS)
        return self.wait_until_interactive()

    def wait_until_interactive(self):
        """The frame's buttons answer: the widgets came from the kernel."""
        try:
            self.title.wait_for(state="visible", timeout=INTERACTIVE_TIMEOUT_MS)
        except PlaywrightTimeoutError:
            shown = self.page.locator("body").inner_text()[:800]
            record = self.page.record
            pytest.fail(
                f"{self.page.url}: no app after {INTERACTIVE_TIMEOUT_MS} ms; shown: {shown!r}; "
                f"script errors: {record.script_errors}; console: {record.console[-12:]}",
                pytrace=False,
            )
        expect(self.button("Skapa filer att ladda ner", "Create files to download")).to_be_enabled(
            timeout=INTERACTIVE_TIMEOUT_MS
        )
        return self

    def wait_until_autosaving(self) -> None:
        """The browser has told the kernel who this is (autosave is on)."""
        expect(self.autosave_status).to_contain_text(
            re.compile("sparas automatiskt|Sparat automatiskt|saved automatically")
        )

    def kernel_id(self) -> str:
        """The id of the page's kernel, as Voilà writes it into the page's configuration."""
        found = re.search(r'"kernelId":\s*"([0-9a-f\-]{36})"', self.page.content())
        assert found, "no kernelId in the page"
        return found.group(1)

    def button(self, *texts: str) -> Locator:
        """The app's button whose text is one of ``texts`` (icons are ignored)."""
        pattern = "|".join(re.escape(text) for text in texts)
        return self.app.locator("button").filter(has_text=re.compile(rf"^\s*({pattern})\s*$"))

    def upload(self, name: str, data: bytes) -> None:
        with self.page.expect_file_chooser() as chooser_info:
            self.upload_button.click()
        chooser_info.value.set_files(files=[{"name": name, "mimeType": XLSX_MIME, "buffer": data}])

    def download_files(self, folder: Path) -> dict[str, Path]:
        """Press "Skapa filer att ladda ner" and save every offered file; label → path."""
        self.button("Skapa filer att ladda ner", "Create files to download").click()
        expect(self.downloads.first).to_be_visible(timeout=INTERACTIVE_TIMEOUT_MS)
        saved = {}
        for link in self.downloads.all():
            with self.page.expect_download() as info:
                link.click()
            path = folder / info.value.suggested_filename
            info.value.save_as(path)
            saved[link.inner_text().strip()] = path
        return saved


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class EffektlogikPage(AppPage):
    """The Effektlogik app in a browser page."""

    def __init__(self, page: Page):
        super().__init__(page)
        self.findings = self.app.locator(".spark-findings")
        self.diagram = self.app.locator(".spark-diagram")
        self.svg = self.diagram.locator("svg[role='img']")
        self.tabs = self.app.locator(".widget-tab")
        self.add_form = self.tabs.locator(".spark-form").nth(0)
        self.link_form = self.tabs.locator(".spark-form").nth(2)

    def wait_until_interactive(self) -> EffektlogikPage:
        """The diagram is drawn and the buttons answer: the widgets came from the kernel."""
        self.svg.wait_for(state="visible", timeout=INTERACTIVE_TIMEOUT_MS)
        return super().wait_until_interactive()

    def tab(self, title: str) -> Locator:
        return self.tabs.locator(".lm-TabBar-tab").filter(has_text=exact_text(title))

    def svg_text(self) -> str:
        """The diagram's words, one space between the lines of each box."""
        words = self.svg.locator("text").all_text_contents()
        return " ".join(" ".join(words).split())

    def finding_items(self) -> list[str]:
        return self.findings.locator("li").all_inner_texts()

    def add_element(self, level: str, text: str) -> None:
        """Fill in and send the "add an element" form (Swedish labels)."""
        self.tab("Element").click()
        choose(self.add_form.get_by_label("Nivå", exact=True), level)
        self.add_form.get_by_label("Text", exact=True).fill(text)
        self.button("Lägg till").click()

    def add_link(self, source_id: str, target_id: str) -> None:
        """Choose the two ends on the Kopplingar tab and add the link."""
        self.tab("Kopplingar").click()
        source = self.link_form.get_by_label("Från", exact=True)
        target = self.link_form.get_by_label("Till", exact=True)
        choose(source, f"{source_id}:", prefix=True)
        choose(target, f"{target_id}:", prefix=True)
        self.button("Lägg till koppling").click()


@pytest.fixture(scope="session")
def app_url(base_url) -> str:
    return base_url + APP_PATH


@pytest.fixture(scope="session")
def effektlogik() -> type[EffektlogikPage]:
    """The page object: ``effektlogik(page).open(url)`` or ``.wait_until_interactive()``."""
    return EffektlogikPage


@pytest.fixture(scope="session")
def app_page() -> type[AppPage]:
    """The frame's page object: ``app_page(page).open(url)``."""
    return AppPage


@pytest.fixture(scope="session")
def no_traceback():
    """``no_traceback(page)`` fails if the page shows a traceback or had a script error."""
    return assert_no_traceback


@pytest.fixture
def app(page, app_url) -> EffektlogikPage:
    """The Effektlogik app, opened straight from its address and ready to use."""
    return EffektlogikPage(page).open(app_url)
