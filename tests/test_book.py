"""The book: its chapters follow the house rules, its sources and downloads are in place, and it
builds with warnings as errors, executing every notebook (as CI does), into pages that ask no
other host for scripts or styles.

The first tests read the sources (``_toc.yml``, ``book/*.md``, the notebooks' markdown cells,
``book/references.bib``) and are fast. The tests marked ``book`` build the book once (a few
minutes, or take ``SPARK_KIT_BOOK_HTML``) and read the built HTML.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import openpyxl
import pytest
import yaml

from spark_kit.cli import main as spark_kit
from spark_kit.paths import REPO_ROOT

BOOK = REPO_ROOT / "book"
BIB = BOOK / "references.bib"
TEMPLATES = BOOK / "mallar"
STATIC = BOOK / "_static"
# Parts whose chapters teach: each opens with learning goals and time and closes with a summary.
# The reference part (workbook description, glossary, sources) is looked up, not read through.
TEACHING_PARTS = (
    "Introduktion",
    "Del 1 Effekter",
    "Del 2 Finansiering",
    "Del 3 Hela bilden",
    "Guider",
)
AFTER_SUMMARY = {"Vad händer sedan?", "Källor"}  # what may follow the summary
OPENING = {"Översikt", "Förkunskaper", "Importer"}  # the notebooks' sections before the content

FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})")
HEADING = re.compile(r"^(#{1,6}) +(.+?)\s*$")
TIME = re.compile(r"\*\*Tid:(\*\*)? ca \d")
GOALS = re.compile(r"^## Översikt$|^`{3,}\{admonition\} Det här lär (ni er|du dig)$", re.MULTILINE)
EXERCISE = re.compile(r"\{admonition\} Övning\b")
SOLUTION = re.compile(r"\{admonition\} Lösning\s*\n:class: dropdown|\{dropdown\} Lösning")
CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")
BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.MULTILINE)
DOWNLOAD = re.compile(r"\{download\}`[^`<]*<([^>]+)>`")
LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
BARE = re.compile(r"^(https?://\S+|[\w.-]+\.(se|com|org|net|nu|eu|uk|coop|im))$")
GENERIC = {"här", "länk", "länken", "klicka här", "läs mer", "denna sida", "den här sidan", "källa"}


# --- the book's sources ---------------------------------------------------------------------


def toc_parts() -> dict[str, list[str]]:
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return {part["caption"]: [c["file"] for c in part["chapters"]] for part in toc["parts"]}


def page_path(name: str) -> Path:
    for suffix in (".md", ".ipynb"):
        if (REPO_ROOT / (name + suffix)).exists():
            return REPO_ROOT / (name + suffix)
    raise AssertionError(f"{name} in _toc.yml has no .md or .ipynb file")


def markdown(path: Path) -> str:
    """A page's markdown: the file, or a notebook's markdown cells in order."""
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        return "\n\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def all_pages() -> list[Path]:
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"], *(name for names in toc_parts().values() for name in names)]
    return [page_path(name) for name in names]


def headings(text: str) -> list[tuple[int, str]]:
    """(level, title) of the headings outside code blocks and directives."""
    found, fence = [], None
    for line in text.splitlines():
        opened = FENCE.match(line)
        if fence is None:
            if opened:
                fence = opened.group(1)
                continue
            heading = HEADING.match(line)
            if heading:
                found.append((len(heading.group(1)), heading.group(2)))
        elif line.strip() and set(line.strip()) == {fence[0]} and len(line.strip()) >= len(fence):
            fence = None
    return found


def label(path: Path) -> str:
    return path.relative_to(REPO_ROOT).as_posix()


@pytest.mark.parametrize(
    "path",
    [page_path(name) for part in TEACHING_PARTS for name in toc_parts()[part]],
    ids=label,
)
def test_every_chapter_opens_with_goals_and_time_and_closes_with_a_summary(path):
    text = markdown(path)
    titles = [(level, title) for level, title in headings(text) if level == 2]
    content = [title for _, title in titles if title not in OPENING]
    goals, time = GOALS.search(text), TIME.search(text)
    assert goals, "no learning goals (## Översikt or an admonition 'Det här lär ni er')"
    assert re.search(r"^\s*1\. ", text[goals.end() :], re.MULTILINE), "the goals are no list"
    assert time, "no time (**Tid: ca N minuter** or **Tid:** ca N minuter)"
    first_content = text.index(f"## {content[0]}\n")
    assert goals.start() < first_content and time.start() < first_content, "goals come late"
    summary = [title for _, title in titles].index("Sammanfattning")
    after = [title for _, title in titles][summary + 1 :]
    assert set(after) <= AFTER_SUMMARY, f"the summary is followed by {after}"


@pytest.mark.parametrize("path", all_pages(), ids=label)
def test_headings_are_in_order(path):
    found = headings(markdown(path))
    assert [level for level, _ in found].count(1) == 1, "one H1 per page"
    assert found[0][0] == 1, "the page starts with its H1"
    for (before, _), (level, title) in itertools.pairwise(found):
        assert level <= before + 1, f"{title!r} skips a level after an H{before}"


@pytest.mark.parametrize("path", all_pages(), ids=label)
def test_every_exercise_has_its_solution_in_a_dropdown(path):
    text = markdown(path)
    exercises = [m.start() for m in EXERCISE.finditer(text)]
    solutions = [m.start() for m in SOLUTION.finditer(text)]
    assert len(solutions) == len(exercises)
    for i, start in enumerate(exercises):
        end = exercises[i + 1] if i + 1 < len(exercises) else len(text)
        assert any(start < s < end for s in solutions), f"exercise {i + 1} has no solution"


@pytest.mark.parametrize("path", all_pages(), ids=label)
def test_link_texts_say_where_they_go(path):
    """No bare address, bare domain or "här" as the text of a link."""
    vague = [
        f"[{text}]({url})"
        for text, url in LINK.findall(markdown(path))
        if BARE.match(text.strip()) or text.strip().lower() in GENERIC
    ]
    assert vague == []


def cited_keys() -> dict[str, set[str]]:
    """Every key cited with {cite}, and the pages that cite it."""
    keys: dict[str, set[str]] = {}
    for path in all_pages():
        for match in CITE.finditer(markdown(path)):
            for key in match.group(1).split(","):
                keys.setdefault(key.strip(), set()).add(label(path))
    return keys


def test_every_source_is_cited_and_every_citation_has_a_source():
    bib = BIB_KEY.findall(BIB.read_text(encoding="utf-8"))
    assert len(bib) == len(set(bib)), "a key twice in references.bib"
    cited = cited_keys()
    assert sorted(set(cited) - set(bib)) == []  # the build with -n says the same
    assert sorted(set(bib) - set(cited)) == []  # no source in the list that no page uses
    # Every chapter before the guides cites its sources.
    chapters = [label(page_path(name)) for part in TEACHING_PARTS[:4] for name in toc_parts()[part]]
    citing = set().union(*cited.values())
    assert [chapter for chapter in chapters if chapter not in citing] == []


def test_the_bibliography_is_on_the_sources_page():
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["bibtex_bibfiles"] == ["book/references.bib"]
    assert config["sphinx"]["config"]["bibtex_default_style"] == "spark"
    assert "```{bibliography}\n:all:\n```" in (BOOK / "kallor.md").read_text(encoding="utf-8")


def workbook_cells(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


def test_the_downloadable_workbooks_are_what_spark_kit_template_writes(tmp_path, capsys):
    """book/mallar holds the files `spark-kit template` writes, cell for cell. If the workbook
    changed, write them again: .venv/bin/python book/mallar/make.py"""
    assert spark_kit(["template", str(tmp_path), "--lang", "sv"]) == 0
    written = sorted(p.name for p in tmp_path.glob("*.xlsx"))
    assert sorted(p.name for p in TEMPLATES.glob("*.xlsx")) == written
    assert len(written) == 3
    for name in written:
        fresh, committed = workbook_cells(tmp_path / name), workbook_cells(TEMPLATES / name)
        assert list(committed) == list(fresh), f"{name}: the sheets differ"
        for sheet, rows in fresh.items():
            for r, (new, old) in enumerate(zip(rows, committed[sheet], strict=False), start=1):
                assert old == new, f"{name}, sheet {sheet}, row {r}: {old} != {new}"
            assert len(committed[sheet]) == len(rows), f"{name}, sheet {sheet}: row count"
    linked = set(DOWNLOAD.findall((BOOK / "anvand_boken.md").read_text(encoding="utf-8")))
    assert linked == {f"mallar/{name}" for name in written}


def test_mathjax_is_served_from_the_book():
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    script = STATIC / config["sphinx"]["config"]["mathjax_path"]
    assert script.is_file() and script.parent == STATIC / "mathjax"


@pytest.mark.parametrize(("folder", "files"), [("mathjax", 1 + 23), ("widgets", 5)])
def test_the_vendored_javascript_is_what_vendored_txt_says(folder, files):
    """Each copied file matches the checksum its VENDORED.txt records (tex-chtml.js and its 23
    fonts; require.js, embed-amd.js and three icon fonts)."""
    vendored = (STATIC / folder / "VENDORED.txt").read_text(encoding="utf-8")
    sums = re.findall(r"^([0-9a-f]{64})  (\S+)$", vendored, re.MULTILINE)
    assert len(sums) == files
    for digest, name in sums:
        data = (STATIC / folder / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name


def test_launch_buttons_open_jupyterlab_once_the_repository_has_an_address():
    """sphinx-book-theme builds Binder and JupyterHub links from repository.url (GitHub only);
    a hub address without a repository address breaks the build, so the two go together."""
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    buttons = config["launch_buttons"]
    assert buttons["notebook_interface"] == "jupyterlab"
    assert buttons["thebe"] is False  # thebe would need a live server in the page
    providers = [buttons[k] for k in ("binderhub_url", "jupyterhub_url", "colab_url")]
    if not config["repository"]["url"].startswith("https://github.com/"):
        assert providers == ["", "", ""]


# --- the built book -------------------------------------------------------------------------


class Requests(HTMLParser):
    """The addresses a page loads: scripts, stylesheets and other <link>s, images."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag == "img":
            self.images.append(attrs)
            self.urls.append(attrs.get("src") or "")


def external(url: str) -> bool:
    return url.startswith(("http:", "https:", "//"))


@pytest.fixture(scope="module")
def built_book(tmp_path_factory) -> Path:
    """``_build/html`` of the book, built once; ``SPARK_KIT_BOOK_HTML`` names an already built
    one (as in tests/browser/test_book_site.py)."""
    prebuilt = os.environ.get("SPARK_KIT_BOOK_HTML")
    if prebuilt:
        yield Path(prebuilt)
        return
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    assert jupyter_book.exists(), "install the book extra: pip install -e '.[book]'"
    out = tmp_path_factory.mktemp("bok")
    result = subprocess.run(
        [str(jupyter_book), "build", str(REPO_ROOT), "-W", "-n", "--keep-going",
         "--path-output", str(out)],
        capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    log = result.stdout[-4000:] + result.stderr[-4000:]
    assert result.returncode == 0, log
    html = out / "_build" / "html"
    assert (html / "index.html").exists()  # JB2 would exit 0 with no output at all
    yield html
    shutil.rmtree(out, ignore_errors=True)


def site_pages(html: Path) -> list[Path]:
    skipped = {"_static", "_sources", "_images", "_downloads"}
    return [p for p in html.rglob("*.html") if not skipped & set(p.relative_to(html).parts)]


@pytest.mark.book
def test_book_builds_without_warnings(built_book):
    html = built_book
    intro = (html / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'lang="sv"' in intro and "Visa cellens" not in intro
    chapter = (html / "notebooks" / "01_effektlogik.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" in chapter  # the app widget is embedded
    assert "Visa cellens kod" in chapter  # hidden-input toggles speak Swedish
    for parts in toc_parts().values():
        for name in parts:
            assert (html / f"{name}.html").exists(), name


@pytest.mark.book
def test_no_page_asks_another_host_for_scripts_styles_or_images(built_book):
    pages = site_pages(built_book)
    assert len(pages) > 20
    found = []
    for page in pages:
        parser = Requests()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.name}: {url}" for url in parser.urls if external(url)]
    assert found == []
    formulas = (built_book / "notebooks" / "02_indikatorer.html").read_text(encoding="utf-8")
    assert 'src="../_static/mathjax/tex-chtml.js' in formulas


@pytest.mark.book
def test_every_image_has_alt_text(built_book):
    images = []
    for page in site_pages(built_book):
        parser = Requests()
        parser.feed(page.read_text(encoding="utf-8"))
        images += [(page.name, image) for image in parser.images]
    assert len(images) >= 10  # the chapters' figures
    missing = [f"{name}: {i.get('src')}" for name, i in images if not (i.get("alt") or "").strip()]
    assert missing == []


@pytest.mark.book
def test_the_bibliography_lists_every_source(built_book):
    page = (built_book / "book" / "kallor.html").read_text(encoding="utf-8")
    entries = page.count('role="doc-biblioentry"')
    assert entries == len(BIB_KEY.findall(BIB.read_text(encoding="utf-8")))
    chapter = (built_book / "notebooks" / "04_sroi.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="reference internal" href="../book/kallor.html#(id\d+)"', chapter)
    assert links and all(f'id="{anchor}"' in page for anchor in links)  # citations resolve


@pytest.mark.book
def test_the_workbooks_can_be_downloaded(built_book):
    page = (built_book / "book" / "anvand_boken.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="\.\./(_downloads/[0-9a-f]+/([^"]+\.xlsx))"', page)
    assert sorted(name for _, name in hrefs) == sorted(p.name for p in TEMPLATES.glob("*.xlsx"))
    for href, name in hrefs:
        assert (built_book / href).read_bytes() == (TEMPLATES / name).read_bytes()
