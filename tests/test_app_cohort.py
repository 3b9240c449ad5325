"""The SPARK-kohorten panel, driven without a browser: the synthetic cohort by default
(marked SYNTHETIC), uploads of several workbooks (a bad one named, the rest used), the
counts shown equal to the program figures computed from the same workbooks, both
languages, and never an edit of the frame's assessment.

The small cohort is the three fictional enterprises of tests/test_cohort.py.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from html.parser import HTMLParser

import openpyxl
import pytest
from test_cohort import enterprise_a, enterprise_b, enterprise_c

from spark_kit.apps.cohort_panel import MAX_UPLOAD_FILES, TABS, CohortPanel
from spark_kit.assessment import load_example, workbook_bytes, write_workbook
from spark_kit.cohort.aggregate import summarise
from spark_kit.cohort.load import load_folder
from spark_kit.i18n import format_money, format_percent

NBSP = "\u00a0"


class _Tables(HTMLParser):
    """Every table in an HTML fragment as rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables_in(html: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def rows_of(table: list[list[str]]) -> dict[str, list[str]]:
    """First cell → the other cells, for the body rows."""
    return {row[0]: row[1:] for row in table[1:]}


@pytest.fixture(autouse=True)
def _swedish_by_default(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("kohort_app")
    write_workbook(enterprise_a(), path / "a.xlsx")
    write_workbook(enterprise_b(), path / "b.xlsx")
    write_workbook(enterprise_c(), path / "c.xlsx")
    (path / "trasig.xlsx").write_bytes(b"not a workbook")
    return path


def open_panel(folder, lang="sv"):
    panel = CohortPanel(folder=folder, workers=1)
    changes = []
    panel.on_change = changes.append
    panel.show(load_example(), lang)
    return panel, changes


def page(panel, name: str) -> str:
    """The HTML of one tab, drawn by selecting it as a person would."""
    panel.tabs.select(TABS.index(name))
    return panel.pages[name].value


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_counts_shown_equal_the_program_figures(folder, lang):
    panel, changes = open_panel(folder, lang)
    figures = summarise(load_folder(folder, workers=1))
    tables = tables_in(page(panel, "enterprises"))
    assert len(tables) == 3  # municipality, legal form, sector
    unspecified = "(ej angivet)" if lang == "sv" else "(not given)"
    for table, dimension in zip(tables, ("municipality", "legal_form", "sector"), strict=True):
        shown = {name: int(cells[0]) for name, cells in rows_of(table).items()}
        counted = Counter(
            getattr(a.profile, dimension) or unspecified for a in figures.cohort.assessments
        )
        assert shown == dict(counted)
    municipalities = rows_of(tables[0])
    assert municipalities["Storuman"] == ["2", format_percent(2 / 3, lang)]
    assert "Storuman: 2" in page(panel, "enterprises")  # the chart's alt text
    assert changes == []  # the panel never edits the assessment


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_status_sroi_and_financing_pages(folder, lang):
    panel, _ = open_panel(folder, lang)
    status = rows_of(tables_in(page(panel, "indicators"))[0])
    on_track = "på väg" if lang == "sv" else "on track"
    behind = "efter plan" if lang == "sv" else "behind plan"
    assert status[on_track][0] == "1" and status[behind][0] == "1"
    sroi = tables_in(page(panel, "sroi"))[0]
    assert sroi[1][1] == "2"  # two enterprises with a value map
    financing = rows_of(tables_in(page(panel, "financing"))[0])
    total = "Totalt" if lang == "sv" else "Total"
    assert financing[total] == [format_money(230_000, lang, decimals=0), "2"]
    grants = "Bidrag" if lang == "sv" else "Grants"
    assert financing[grants] == [format_money(160_000, lang, decimals=0), "2"]


def test_the_program_logic_tab_shows_the_diagram_and_indicator_values(folder):
    panel, _ = open_panel(folder, "sv")
    html = page(panel, "program")
    assert "<svg" in html and 'aria-label="' in html
    program = rows_of(tables_in(html)[0])
    assert program["M2"][-2] == "3"  # enterprises using the tools: the three workbooks
    assert program["M4"][-2] == "1"
    assert program["M6"][-2] == format_percent(0.5, "sv")
    assert program["M1"][-2] == "–"  # meetups: not in the workbooks, no settings here
    assert "visas därför som –" in html


def test_the_summary_and_the_bad_file(folder):
    panel, _ = open_panel(folder, "sv")
    assert "Nådda företag:</strong> 3" in panel.summary.value
    assert f"230{NBSP}000{NBSP}kr" in panel.summary.value
    assert "trasig.xlsx: kunde inte läsas." in panel.issues.value
    assert "SYNTETISKA" not in panel.synthetic_banner.value  # not the synthetic cohort


def test_fictional_workbooks_are_said_to_be_fictional(folder):
    panel, _ = open_panel(folder, "en")
    assert "2 of the workbooks are marked as fictional" in panel.synthetic_banner.value


def test_switching_language_relabels_everything_and_keeps_each_drawing(folder, monkeypatch):
    from spark_kit.apps import cohort_panel

    drawn = []
    original = cohort_panel.counts_chart
    monkeypatch.setattr(
        cohort_panel, "counts_chart", lambda *a, **k: drawn.append(a[2]) or original(*a, **k)
    )
    panel, _ = open_panel(folder, "sv")
    swedish = page(panel, "enterprises")
    panel.show(load_example(), "en")
    assert panel.default_button.description == "Show the synthetic cohort"
    assert "Enterprises reached by municipality" in page(panel, "enterprises")
    assert "Enterprises reached:" in panel.summary.value
    panel.show(load_example(), "sv")
    assert page(panel, "enterprises") == swedish
    assert drawn == ["sv"] * 3 + ["en"] * 3  # switching back redraws nothing


def _item(name: str, data: bytes) -> dict:
    return {
        "name": name,
        "type": "",
        "size": len(data),
        "content": memoryview(data),
        "last_modified": dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc),
    }


def test_uploading_several_workbooks_shows_them_and_names_the_bad_one(folder):
    panel, changes = open_panel(folder, "sv")
    panel.upload.value = (
        _item("a.xlsx", workbook_bytes(enterprise_a())),
        _item("b.xlsx", workbook_bytes(enterprise_b())),
        _item("trasig.xlsx", b"PK not really"),
        _item("noter.txt", b"text"),
    )
    assert panel.upload.value == ()  # cleared after reading
    assert "Visar 2 företag från 4 uppladdade filer." in panel.notice.widget.value
    assert "trasig.xlsx: kunde inte läsas." in panel.issues.value
    assert "noter.txt: hoppades över." in panel.issues.value
    assert "Nådda företag:</strong> 2" in panel.summary.value
    municipalities = rows_of(tables_in(page(panel, "enterprises"))[0])
    assert municipalities == {"Storuman": ["2", format_percent(1, "sv")]}
    assert changes == []


@pytest.mark.parametrize(
    "files",
    [
        [("trasig.xlsx", b"not a workbook")],
        [("bild.png", b"\x89PNG")],
        [("tom.xlsx", b"")],
    ],
)
def test_uploads_that_cannot_be_read_keep_what_is_shown(folder, files):
    panel, _ = open_panel(folder, "sv")
    before = panel.figures
    panel.load_uploads(files)
    assert panel.figures is before
    assert 'role="alert"' in panel.notice.widget.value
    assert files[0][0] in panel.issues.value


def test_too_many_files_at_once_are_refused(folder):
    panel, _ = open_panel(folder, "en")
    before = panel.figures
    panel.load_uploads([("x.xlsx", b"")] * (MAX_UPLOAD_FILES + 1))
    assert panel.figures is before
    assert "too many" in panel.notice.widget.value


def test_the_download_is_the_figures_as_excel(folder):
    panel, _ = open_panel(folder, "sv")
    (download,) = panel.downloads()
    assert download.filename.endswith(".xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(download.data))
    assert "programindikatorer" in wb.sheetnames


@pytest.fixture(scope="module")
def default_panel():
    panel = CohortPanel()
    panel.show(load_example(), "sv")
    return panel


def test_by_default_the_synthetic_cohort_is_shown_and_marked_synthetic(default_panel):
    panel = default_panel
    assert panel.synthetic
    assert "SYNTETISKA DATA" in panel.synthetic_banner.value
    assert "SYNTETISKT" in panel.synthetic_banner.value
    assert "Nådda företag:</strong> 100" in panel.summary.value
    html = page(panel, "enterprises")
    assert "syntetiska data" in html  # in the charts' titles and alt text
    sectors = rows_of(tables_in(html)[2])
    counted = Counter(a.profile.sector for a in panel.figures.cohort.assessments)
    assert {name: int(cells[0]) for name, cells in sectors.items()} == dict(counted)
    program = page(panel, "program")
    assert "syntetiska data" in program
    assert "visas därför som –" not in program  # the synthetic program file gives meetups


def test_the_synthetic_cohort_in_english(default_panel):
    panel = default_panel
    panel.show(load_example(), "en")
    assert "SYNTHETIC DATA" in panel.synthetic_banner.value
    assert "synthetic data" in page(panel, "financing")
    panel.show(load_example(), "sv")


def test_the_app_is_a_frame_around_the_panel(folder):
    from spark_kit.apps.cohort_panel import build_app

    app = build_app("sv", folder=folder)
    panel = app.panels[0]
    assert isinstance(panel, CohortPanel)
    assert "Nådda företag:</strong> 3" in panel.summary.value
    assert "spark-kohorten.xlsx" in [download.filename for download in app.files()]
