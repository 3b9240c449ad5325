"""The built book in Chromium, as a reader sees it from a laptop with no internet.

The book is built once for the module (as CI builds it: ``jupyter-book build <root> -W -n
--keep-going``) and served over http from this machine (Sphinx's search does not work from
``file://``). Every request for anything that is not on that server is blocked, so the tests
also show that the book needs no internet. Then: every page loads with no console or script
error, every internal link (and its #anchor) and every image resolves, every image has alt
text, the search finds a Swedish term, the downloads offered resolve (the chapters as notebooks,
the workbooks), the app in chapter 01 is drawn by the widget JavaScript that the book carries
itself (``book/_static/widgets``), and the formulas are drawn by the book's own MathJax
(``book/_static/mathjax``).

Set ``SPARK_KIT_BOOK_HTML`` to an already built ``_build/html`` folder to skip the build (CI
can build once for ``tests/test_book.py`` and this module).
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from spark_kit.paths import REPO_ROOT

pytestmark = pytest.mark.browser

BOOK_HTML_ENV = "SPARK_KIT_BOOK_HTML"
BUILD_TIMEOUT = 1200
PAGE_TIMEOUT_MS = 30_000
WIDGET_TIMEOUT_MS = 30_000
SKIPPED_FOLDERS = {"_static", "_sources", "_images", "_downloads"}
SWEDISH_TERM = "dödvikt"  # in the glossary and in several chapters
WIDGET_CHAPTER = "notebooks/01_effektlogik.html"
# Chromium reports every failed subresource as a console error with this text, at the
# resource's own address (ConsoleMessage.location["url"]).
FAILED_RESOURCE = re.compile(r"^Failed to load resource: ")
# Two known messages of the themes, let through by their exact text; any other counts:
# - sphinx-thebe 0.3.1 writes its inline configuration ("const THEBE_JS_URL = …") twice into
#   every page of this Jupyter Book 1 build, and the second copy throws. Thebe is not used
#   (launch_buttons.thebe is false in _config.yml), so nothing is lost.
# - pydata-sphinx-theme 0.17.1 logs "Got invalid theme mode: ." on a reader's first visit
#   (no mode in localStorage and no default_mode in the page), then picks "auto" itself.
KNOWN_SCRIPT_ERROR = re.compile(r"^Identifier 'THEBE_JS_URL' has already been declared$")
KNOWN_CONSOLE_ERROR = re.compile(r"^Got invalid theme mode: \. Resetting to auto\.$")
FORMULA_CHAPTER = "notebooks/02_indikatorer.html"  # has a displayed formula ($$ … $$)


# --- the built book, served from this machine ---------------------------------------------


@pytest.fixture(scope="session")
def book_html(tmp_path_factory) -> Path:
    """``_build/html`` of the book: built once (or given by ``SPARK_KIT_BOOK_HTML``)."""
    prebuilt = os.environ.get(BOOK_HTML_ENV)
    if prebuilt:
        html = Path(prebuilt)
        assert (html / "index.html").exists(), f"{BOOK_HTML_ENV}={prebuilt} holds no built book"
        return html
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    assert jupyter_book.exists(), "install the book extra: pip install -e '.[book]'"
    out = tmp_path_factory.mktemp("bok")
    result = subprocess.run(
        [str(jupyter_book), "build", str(REPO_ROOT), "-W", "-n", "--keep-going",
         "--path-output", str(out)],
        capture_output=True, text=True, timeout=BUILD_TIMEOUT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    html = out / "_build" / "html"
    assert (html / "index.html").exists()
    return html


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def book_url(book_html) -> Iterator[str]:
    """The book over http on a free loopback port, served from a thread."""
    handler = functools.partial(QuietHandler, directory=str(book_html))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def book_pages(book_html) -> list[str]:
    """Every HTML page of the site (not the copied sources and static files), as paths."""
    pages = sorted(
        path.relative_to(book_html).as_posix()
        for path in book_html.rglob("*.html")
        if not SKIPPED_FOLDERS & set(path.relative_to(book_html).parts)
    )
    assert "index.html" in pages and WIDGET_CHAPTER in pages and "search.html" in pages
    return pages


# --- a browser that can reach nothing but the book ----------------------------------------


@dataclass
class Visit:
    """What one page did and holds, as the browser saw it."""

    path: str
    console_errors: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)
    failed_local: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


def offline_context(browser: Browser, book_url: str) -> BrowserContext:
    """A fresh context in which every request that does not go to the book is blocked."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.route(lambda url: not url.startswith(book_url), lambda route: route.abort())
    return context


def open_page(context: BrowserContext, book_url: str, path: str) -> tuple[Page, Visit]:
    """Open ``path`` and record its errors and requests; wait until the network is quiet."""
    visit = Visit(path)
    page = context.new_page()

    def on_console(message) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "")
        # A blocked request to another host shows up as exactly this error at that host's
        # address; it is recorded in ``blocked`` instead. Anything else counts.
        if FAILED_RESOURCE.match(message.text) and not where.startswith(book_url):
            return
        if KNOWN_CONSOLE_ERROR.match(message.text):
            return
        visit.console_errors.append(f"{message.text} ({where})")

    def on_failed(request) -> None:
        if request.url.startswith(book_url):
            visit.failed_local.append(f"{request.url} ({request.failure})")
        else:
            visit.blocked.append(request.url)

    def on_response(response) -> None:
        if response.url.startswith(book_url) and response.status >= 400:
            visit.failed_local.append(f"{response.url} (HTTP {response.status})")

    def on_script_error(error) -> None:
        if not KNOWN_SCRIPT_ERROR.match(error.message):
            visit.script_errors.append(str(error))

    page.on("console", on_console)
    page.on("pageerror", on_script_error)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.goto(book_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, visit


READ_PAGE = """async () => {
    const images = [...document.images];
    images.forEach((img) => { img.loading = "eager"; });
    await Promise.all(images.map((img) => img.complete ? null : new Promise((done) => {
        img.addEventListener("load", done);
        img.addEventListener("error", done);
    })));
    return {
        images: images.map((img) => ({
            src: img.getAttribute("src"), url: img.currentSrc || img.src,
            width: img.naturalWidth, alt: img.getAttribute("alt"),
        })),
        links: [...document.querySelectorAll("a[href]")].map((a) => ({
            href: a.getAttribute("href"), url: a.href,
            download: a.hasAttribute("download") || a.classList.contains("download")
                || a.getAttribute("href").includes("_downloads/"),
        })),
        ids: [...document.querySelectorAll("[id]")].map((e) => e.id).concat(
            [...document.querySelectorAll("a[name]")].map((a) => a.name)),
    };
}"""


@pytest.fixture(scope="module")
def visits(browser, book_url, book_pages) -> dict[str, Visit]:
    """Every page of the book visited once: path → what happened there."""
    context = offline_context(browser, book_url)
    found: dict[str, Visit] = {}
    try:
        for path in book_pages:
            page, visit = open_page(context, book_url, path)
            content = page.evaluate(READ_PAGE)
            visit.images, visit.links = content["images"], content["links"]
            visit.ids = set(content["ids"])
            found[path] = visit
            page.close()
    finally:
        context.close()
    return found


def local_target(url: str, book_url: str) -> tuple[str, str] | None:
    """(file path inside the site, #fragment) of a link into the book, else None."""
    if not url.startswith(book_url):
        return None
    parts = urllib.parse.urlsplit(url)
    path = urllib.parse.unquote(parts.path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, urllib.parse.unquote(parts.fragment)


def problems(visits: dict[str, Visit], attribute: str) -> list[str]:
    return [
        f"{path}: {item}" for path, visit in visits.items() for item in getattr(visit, attribute)
    ]


# --- the tests ----------------------------------------------------------------------------


def test_every_page_loads_without_errors(visits, book_pages):
    assert list(visits) == book_pages
    assert problems(visits, "script_errors") == []
    assert problems(visits, "console_errors") == []
    assert problems(visits, "failed_local") == []


def test_the_book_asks_nothing_from_the_internet(visits):
    """With the widget JavaScript and MathJax in the book itself, no page reaches for another
    host (every such request is blocked and recorded)."""
    assert problems(visits, "blocked") == []


def test_every_internal_link_and_anchor_resolves(visits, book_html, book_url):
    broken = []
    checked = 0
    for path, visit in visits.items():
        for link in visit.links:
            target = local_target(link["url"], book_url)
            if target is None:
                continue
            file, fragment = target
            checked += 1
            if not (book_html / file).is_file():
                broken.append(f"{path}: {link['href']} → no file {file}")
            elif fragment and file in visits and fragment not in visits[file].ids:
                broken.append(f"{path}: {link['href']} → no id {fragment!r} in {file}")
    assert checked > 100  # the navigation alone links every chapter from every page
    assert broken == []


def test_every_image_loads_and_has_alt_text(visits):
    images = [(path, image) for path, visit in visits.items() for image in visit.images]
    assert len(images) >= 10  # the chapters' figures
    assert [f"{path}: {image['src']}" for path, image in images if image["width"] == 0] == []
    assert [
        f"{path}: {image['src']}" for path, image in images if not (image["alt"] or "").strip()
    ] == []


def test_the_downloads_offered_are_there(visits, book_url):
    """Each chapter offers its notebook (the theme's download button), and every
    ``{download}`` link of the book (``_downloads/``) answers."""
    offered = {
        (path, link["url"])
        for path, visit in visits.items()
        for link in visit.links
        if link["download"] or "/_sources/" in link["url"]
    }
    chapters = [path for path in visits if path.startswith("notebooks/")]
    for chapter in chapters:
        notebook = book_url + "_sources/" + chapter.removesuffix(".html") + ".ipynb"
        assert (chapter, notebook) in offered, f"{chapter} does not offer its notebook"
    for path, url in sorted(offered):
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200, f"{path}: {url}"
            assert response.read(), f"{path}: {url} is empty"


def test_the_search_finds_a_swedish_term(browser, book_url):
    context = offline_context(browser, book_url)
    try:
        page, visit = open_page(
            context, book_url, "search.html?q=" + urllib.parse.quote(SWEDISH_TERM)
        )
        results = page.locator("#search-results ul.search li")
        expect(results.first).to_be_visible(timeout=PAGE_TIMEOUT_MS)
        titles = results.locator("a").all_inner_texts()
        assert any("Ordlista" in title for title in titles), titles
        assert visit.script_errors == [] and visit.console_errors == []
    finally:
        context.close()


def test_the_chapter_01_app_is_drawn_without_internet(browser, book_url):
    """The embedded widget state is drawn by the book's own html-manager, offline."""
    context = offline_context(browser, book_url)
    try:
        page, visit = open_page(context, book_url, WIDGET_CHAPTER)
        tabs = page.locator(".cell_output .widget-tab").first
        expect(tabs).to_be_visible(timeout=WIDGET_TIMEOUT_MS)
        expect(tabs.locator(".lm-TabBar-tab").first).to_be_visible()
        expect(
            page.locator(".cell_output button").filter(has_text="Lägg till").first
        ).to_be_visible()
        assert visit.blocked == [], "the widgets still reach for the internet"
        assert visit.script_errors == [] and visit.console_errors == []
        assert visit.failed_local == []
    finally:
        context.close()


def test_the_formulas_are_drawn_without_internet(browser, book_url):
    """MathJax from book/_static/mathjax typesets the TeX, fonts included, with no other host."""
    context = offline_context(browser, book_url)
    try:
        page, visit = open_page(context, book_url, FORMULA_CHAPTER)
        formula = page.locator("mjx-container").first
        expect(formula).to_be_visible(timeout=PAGE_TIMEOUT_MS)
        assert "\\frac" not in page.locator("#main-content").inner_text()  # no TeX source left
        assert visit.blocked == [] and visit.failed_local == []
        assert visit.script_errors == [] and visit.console_errors == []
    finally:
        context.close()
