"""The assessment report (spark_kit.report): the HTML page and its Excel export.

The SROI figures must be the ones ``spark-kit sroi`` prints for the same workbook. The
Myrbacka arbetskooperativ example (fictional) holds the value map of Case 3 in
/work/shared/reference/impact-methods.md §1.7 ("rural Swedish WISE in SEK", a constructed
example): PV 2 002 354,37 kr, NPV 502 354,37 kr, ratio 1,3349 with the guide's
conventions at 3,5 %.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from html.parser import HTMLParser

import openpyxl
import pytest

from spark_kit.assessment import (
    Assessment,
    blank_assessment,
    load_example,
    read_workbook,
    write_workbook,
)
from spark_kit.assessment_parts import FollowUp
from spark_kit.cli import main, sroi_table
from spark_kit.finance.readiness import assess, format_score
from spark_kit.i18n import MESSAGES, format_money, format_number, t
from spark_kit.impact.ledger import evaluate
from spark_kit.impact.sroi.calculate import calculate_sroi
from spark_kit.impact.sroi.sensitivity import monte_carlo
from spark_kit.report import (
    MONTE_CARLO_DRAWS,
    MONTE_CARLO_SEED,
    SECTION_KEYS,
    Report,
    build_report,
)
from spark_kit.report.content import PART_KEYS
from spark_kit.report.excel import neutralise

GRANBACKA = "granbacka_byakooperativ"
MYRBACKA = "myrbacka_arbetskooperativ"
DATE = dt.date(2026, 11, 27)
ORE = 0.005
# Source: impact-methods.md §1.7, Case 3 — results table (guide conventions, r = 3.5 %).
CASE_3 = {"present_value": 2_002_354.37, "npv": 502_354.37, "sroi_ratio": 1.3349}

_REPORTS: dict[tuple[str, str], Report] = {}


def report(name: str, lang: str) -> Report:
    """One report per example and language for the whole module (the HTML is drawn once)."""
    key = (name, lang)
    if key not in _REPORTS:
        _REPORTS[key] = build_report(load_example(name), lang, generated=DATE)
    return _REPORTS[key]


@pytest.fixture(autouse=True)
def _swedish_by_default(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- helpers ---------------------------------------------------------------------------------


def workbook_of(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def facts(workbook: openpyxl.Workbook, sheet: str) -> dict[str, object]:
    """Label (column A) → value (column B) of a report sheet, first occurrence of a label."""
    found: dict[str, object] = {}
    for row in workbook[sheet].iter_rows(values_only=True):
        if row and isinstance(row[0], str) and len(row) > 1:
            found.setdefault(row[0], row[1])
    return found


def sroi_json(capsys, path) -> dict:
    assert main(["sroi", str(path), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


class PageParser(HTMLParser):
    """Collects every attribute that loads something, the SVGs and their titles, the images."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.loads: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.links: list[str] = []
        self.tags: list[str] = []
        self.svgs: list[dict] = []
        self.images: list[dict] = []
        self.styles: list[str] = []
        self._svg_depth = 0
        self._in_title = False
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        for name in ("src", "href", "xlink:href", "srcset", "poster", "data", "action"):
            if attrs.get(name):
                if tag == "a" and name == "href":
                    self.links.append(attrs[name])
                else:
                    self.loads.append((tag, name, attrs[name]))
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        if tag == "svg":
            if self._svg_depth == 0:
                self.svgs.append({"attrs": attrs, "title": None})
            self._svg_depth += 1
        if tag == "title" and self._svg_depth:
            self._in_title = True
        if tag == "img":
            self.images.append(attrs)
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg_depth -= 1
        if tag == "title":
            self._in_title = False
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_title and self.svgs and self.svgs[-1]["title"] is None:
            self.svgs[-1]["title"] = data
        if self._in_style:
            self.styles.append(data)


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


# --- the SROI figures agree with `spark-kit sroi` -------------------------------------------


@pytest.mark.parametrize("name", [GRANBACKA, MYRBACKA])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_sroi_figures_are_those_of_the_sroi_command(name, lang, tmp_path, capsys):
    path = write_workbook(load_example(name), tmp_path / f"{name}.xlsx")
    cli = sroi_json(capsys, path)
    built = report(name, lang)
    sheet = t("report.sheet.sroi", lang)
    cells = facts(workbook_of(built.excel_bytes()), sheet)
    for key, label in (
        ("present_value", "sroi_cli.present_value"),
        ("total_inputs", "sroi_cli.total_inputs"),
        ("npv", "sroi_cli.npv"),
        ("sroi_ratio", "sroi_cli.sroi_ratio"),
        ("net_sroi_ratio", "sroi_cli.net_sroi_ratio"),
        ("payback_months", "sroi_cli.payback"),
    ):
        # The same number, unrounded: .xlsx keeps 16 significant digits (Excel shows 15).
        assert cells[t(label, lang)] == pytest.approx(cli[key], rel=1e-15, abs=0), key
    # The page shows them as the command's table does, through Babel.
    page = built.html()
    currency = cli["conventions"]["currency"]
    read = read_workbook(path)
    table = sroi_table(read, calculate_sroi(read.value_map), lang)
    for key in ("present_value", "total_inputs", "npv"):
        shown = format_money(cli[key], lang, currency=currency)
        assert shown in page and shown in table, key
    ratio = format_number(cli["sroi_ratio"], lang, 2) + ":1"
    assert ratio in page and ratio in table


@pytest.mark.parametrize(("lang", "pv", "npv", "ratio"), [
    ("sv", "2\u00a0002\u00a0354,37\u00a0kr", "502\u00a0354,37\u00a0kr", "1,33:1"),
    ("en", "SEK2,002,354.37", "SEK502,354.37", "1.33:1"),
])  # fmt: skip
def test_case_3_in_the_myrbacka_report(lang, pv, npv, ratio):
    # Source: impact-methods.md §1.7, Case 3 (the Myrbacka value map).
    built = report(MYRBACKA, lang)
    cells = facts(workbook_of(built.excel_bytes()), t("report.sheet.sroi", lang))
    assert cells[t("sroi_cli.present_value", lang)] == pytest.approx(
        CASE_3["present_value"], abs=ORE
    )
    assert cells[t("sroi_cli.npv", lang)] == pytest.approx(CASE_3["npv"], abs=ORE)
    assert round(cells[t("sroi_cli.sroi_ratio", lang)], 4) == CASE_3["sroi_ratio"]
    page = built.html()
    assert pv in page and npv in page and ratio in page
    summary = facts(workbook_of(built.excel_bytes()), t("report.sheet.summary", lang))
    assert round(summary[t("sroi_cli.sroi_ratio", lang)], 4) == CASE_3["sroi_ratio"]


def test_sroi_uses_the_value_maps_own_conventions():
    assessment = load_example(MYRBACKA)
    changed = assessment.value_map.conventions.model_copy(update={"discount_first_year": False})
    other = assessment.model_copy(
        update={"value_map": assessment.value_map.model_copy(update={"conventions": changed})}
    )
    result = build_report(other, generated=DATE).results["sroi"]
    # Source: impact-methods.md §1.8 item 2 — Case 3 with year 1 not discounted: 1.3816.
    assert round(result.sroi_ratio, 4) == 1.3816
    assert result.conventions.discount_first_year is False


def test_the_convention_variants_table_flips_one_choice_at_a_time():
    built = build_report(load_example(MYRBACKA), "sv", generated=DATE)
    variants = built.results["sroi_variants"]
    # Source: impact-methods.md §1.8 — Case 3: year 1 not discounted 1.3816; drop-off from
    # year 1 0.87 (the reference's "1.33 vs 0.87").
    assert round(variants["discount_first_year"].sroi_ratio, 4) == 1.3816
    assert round(variants["dropoff_start"].sroi_ratio, 2) == 0.87


# --- sensitivity ------------------------------------------------------------------------------


def test_monte_carlo_has_a_fixed_seed_and_states_the_draws():
    assessment = load_example(MYRBACKA)
    built = report(MYRBACKA, "sv")
    simulated = built.results["monte_carlo"]
    again = monte_carlo(assessment.value_map, draws=MONTE_CARLO_DRAWS, seed=MONTE_CARLO_SEED)
    assert simulated.percentiles == again.percentiles
    assert simulated.draws == MONTE_CARLO_DRAWS and simulated.seed == MONTE_CARLO_SEED
    page = built.html()
    assert f"{format_number(MONTE_CARLO_DRAWS, 'sv')} gånger med slumpfrö {MONTE_CARLO_SEED}" in (
        page
    )
    cells = facts(workbook_of(built.excel_bytes()), "SROI")
    median = cells[t("report.sroi.percentile", "sv", p=50)]
    assert median == pytest.approx(simulated.percentiles[50], rel=1e-15, abs=0)


def test_break_even_of_case_3_row_1_is_in_the_report():
    # Source: impact-methods.md §1.7, Case 3, break-even values changing row 1 only:
    # proxy 99 234,81 kr, deadweight 47,07 %, attribution 50,38 %, quantity 5,29.
    built = report(MYRBACKA, "sv")
    found = {(b.row, b.parameter): b.value for b in built.results["break_even"]}
    assert found[(1, "financial_proxy")] == pytest.approx(99_234.81, abs=0.01)
    assert round(found[(1, "deadweight")], 4) == 0.4707
    assert round(found[(1, "attribution")], 4) == 0.5038
    assert round(found[(1, "quantity")], 2) == 5.29
    page = built.html()
    assert "99\u00a0234,81\u00a0kr" in page and "47,07\u00a0%" in page


# --- the other parts: the package's own figures ---------------------------------------------


def test_financing_plan_figures():
    assessment = load_example(GRANBACKA)
    expected = assessment.cashflow.compute()
    built = report(GRANBACKA, "sv")
    cells = facts(workbook_of(built.excel_bytes()), t("report.sheet.financing", "sv"))
    assert cells[t("report.fact.funding_gap", "sv")] == expected.funding_gap
    assert cells[t("report.fact.bridge", "sv")] == expected.bridge
    assert cells[t("report.fact.gap_month", "sv")] == expected.month_label(expected.gap_month, "sv")
    assert expected.summary("sv") in built.html()


def test_ledger_figures():
    assessment = load_example(MYRBACKA)
    expected = evaluate(assessment.ledger)
    built = report(MYRBACKA, "en")
    cells = facts(workbook_of(built.excel_bytes()), t("report.sheet.ledger", "en"))
    label = t("report.ledger.society_total", "en", years=len(expected.years))
    assert cells[label] == pytest.approx(expected.total(None), rel=1e-15, abs=0)
    shown = format_money(round(expected.total(None)), "en", decimals=0)
    assert shown in built.html()


def test_readiness_figures():
    assessment = load_example(GRANBACKA)
    expected = assess(assessment.readiness.answers)
    built = report(GRANBACKA, "sv")
    score = format_score(expected.overall, "sv")
    cells = facts(workbook_of(built.excel_bytes()), t("report.sheet.readiness", "sv"))
    assert cells[t("report.fact.readiness", "sv")] == score
    assert score in built.html()
    for step in expected.next_steps():
        assert step.module in built.html()


def test_indicators_with_the_follow_up_plan():
    assessment = load_example(GRANBACKA)
    tracking = report(GRANBACKA, "sv").results["tracking"]
    assert tracking.baseline_year == assessment.follow_up.baseline_year
    year = tracking.latest_year
    workbook = workbook_of(report(GRANBACKA, "sv").excel_bytes())
    rows = {
        row[0]: row
        for row in workbook[t("report.sheet.indicators", "sv")].iter_rows(values_only=True)
        if row and row[0] in {i.id for i in tracking.indicators}
    }
    for indicator in tracking.indicators:
        row = rows[indicator.id]
        progress = tracking.progress(indicator.id, year)
        if progress is None:
            assert row[7] == "–"
        else:
            assert row[7] == pytest.approx(progress, rel=1e-15, abs=0)
        assert row[8] == tracking.status(indicator.id, year).label("sv")


def test_indicators_without_baseline_and_target_years():
    # Myrbacka's indicators without its follow-up plan: baseline and target only.
    no_plan = load_example(MYRBACKA).model_copy(update={"follow_up": FollowUp()})
    built = build_report(no_plan, "sv", generated=DATE)
    section = built.section("indicators")
    assert section.filled
    assert "tracking" not in built.results
    assert t("report.indicators.no_plan", "sv") in built.html()


def test_five_dimensions_classification():
    from spark_kit.impact.five_dimensions import classify_enterprise

    assessment = load_example(GRANBACKA)
    built = report(GRANBACKA, "en")
    abc = classify_enterprise(assessment.impact_profiles)
    assert built.results["abc"] is abc
    assert abc.label("en") in built.html()


# --- sections and the "not filled in" lines -------------------------------------------------


def test_sections_follow_the_parts_of_the_assessment():
    granbacka = {s.key: s.filled for s in report(GRANBACKA, "sv").sections}
    myrbacka = {s.key: s.filled for s in report(MYRBACKA, "sv").sections}
    assert list(granbacka) == list(SECTION_KEYS)
    assert granbacka["ledger"] is False and all(granbacka[k] for k in PART_KEYS if k != "ledger")
    assert all(myrbacka[k] for k in PART_KEYS)  # Myrbacka has every part, the ledger too
    assert t("report.not_filled.ledger", "sv") in report(GRANBACKA, "sv").html()
    assert t("report.not_filled.ledger", "sv") not in report(MYRBACKA, "sv").html()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_blank_assessment_gives_a_valid_report(lang):
    built = build_report(blank_assessment(), lang, generated=DATE)
    assert [s.key for s in built.sections] == list(SECTION_KEYS)
    assert not any(s.filled for s in built.sections if s.key in PART_KEYS)
    page = built.html()
    for key in PART_KEYS:
        assert t(f"report.not_filled.{key}", lang) in page
    assert t("report.summary.none", lang) in page
    assert "<svg" not in page
    workbook = workbook_of(built.excel_bytes())
    assert workbook.sheetnames[0] == t("report.sheet.about", lang)
    assert len(workbook.sheetnames) == len(SECTION_KEYS) + 1


def test_fictional_examples_are_marked():
    page = report(MYRBACKA, "sv").html()
    assert t("report.fictional", "sv") in page
    assert t("report.caveat.fictional", "sv") in page
    about = workbook_of(report(MYRBACKA, "sv").excel_bytes())["om"]
    values = [c for row in about.iter_rows(values_only=True) for c in row if c]
    assert t("report.fictional", "sv") in values
    assert DATE in [v.date() if isinstance(v, dt.datetime) else v for v in values]
    real = build_report(blank_assessment("Verklig förening"), "sv", generated=DATE).html()
    assert t("report.fictional", "sv") not in real


def test_the_caveats_say_the_ratio_is_not_for_ranking():
    for lang in ("sv", "en"):
        page = report(MYRBACKA, lang).html()
        assert t("report.caveat.ranking", lang) in page
        assert t("report.caveat.conventions", lang) in page


def test_sources_are_cited_with_their_addresses():
    page = report(MYRBACKA, "sv").html()
    links = parse(page).links
    assert "http://www.slideshare.net/saskiavanderwerff/sroi-guide-2012" in links
    assert "http://www.seeab.se/Socek1/SocEkBoksMetod.htm" in links
    assert "https://www.verksamt.se/alla-e-tjanster/rakna-ut/likviditetsbudget" in links
    assert "https://www.thinknpc.org/blog/readiness-or-resilience/" in links
    # A part not filled in brings no sources (Granbacka has no socioeconomic ledger).
    assert (
        "http://www.seeab.se/Socek1/SocEkBoksMetod.htm"
        not in parse(report(GRANBACKA, "sv").html()).links
    )


# --- the page: self-contained, accessible, printable -----------------------------------------


@pytest.mark.parametrize("name", [GRANBACKA, MYRBACKA])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_page_loads_nothing_from_elsewhere(name, lang):
    page = report(name, lang).html()
    parsed = parse(page)
    for tag, attribute, value in parsed.loads:
        assert not re.match(r"^\s*(https?:)?//", value), (tag, attribute, value)
        assert value.startswith("#"), (tag, attribute, value)  # only links within the page
    assert not {"link", "script", "iframe", "object", "embed", "base"} & set(parsed.tags)
    css = "\n".join(parsed.styles)
    assert "@import" not in css and "@font-face" not in css
    assert not re.search(r"url\(\s*['\"]?(?!#)", css)  # url() only to ids in the page
    assert not re.search(r"url\(\s*['\"]?(?!#)", page)
    for link in parsed.links:
        assert link.startswith(("#", "http://", "https://"))


@pytest.mark.parametrize("name", [GRANBACKA, MYRBACKA])
def test_every_chart_has_alt_text(name):
    built = report(name, "sv")
    parsed = parse(built.html())
    figures = [b for s in built.sections for b in s.blocks if b.kind == "figure"]
    assert len(parsed.svgs) == len(figures) >= 5
    for svg in parsed.svgs:
        assert svg["attrs"].get("role") == "img"
        assert len(svg["attrs"].get("aria-label", "")) > 20
        assert svg["title"] and svg["title"] == svg["attrs"]["aria-label"]
    for image in parsed.images:
        assert image.get("alt")
    ids = re.findall(r'\bid="([^"]+)"', built.html())
    assert len(ids) == len(set(ids))  # several charts, one document: ids stay unique


def test_the_page_prints_on_a4():
    page = report(GRANBACKA, "sv").html()
    style = "\n".join(parse(page).styles)
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", style)
    assert re.search(r"\.part\s*\{[^}]*break-before:\s*page", style)
    assert re.search(r"tr,[^{]*\{[^}]*break-inside:\s*avoid", style)
    assert "thead { display: table-header-group; }" in style
    assert '<html lang="sv">' in page


def test_headings_in_the_chosen_language():
    sv, en = report(GRANBACKA, "sv").html(), report(GRANBACKA, "en").html()
    assert "<h2>Social avkastning på investeringen (SROI)</h2>" in sv
    assert "<h2>Social return on investment (SROI)</h2>" in en
    assert "<h2>Financing plan and cash flow</h2>" in en and "Likviditet" not in en
    assert '<html lang="en">' in en
    workbook = workbook_of(report(GRANBACKA, "en").excel_bytes())
    assert workbook.sheetnames[:3] == ["about", "summary", "logic model"]


# --- user text: escaped in HTML, neutralised in Excel ----------------------------------------


def _hostile() -> Assessment:
    data = load_example(MYRBACKA).model_dump(mode="json")
    data["profile"]["name"] = '=HYPERLINK("x")'
    data["profile"]["description"] = "<script>alert(1)</script> & <b>fet</b>"
    data["value_map"]["outcomes"][0]["stakeholder"] = "+cmd"
    data["value_map"]["inputs"][0]["stakeholder"] = "@SUM(A1)"
    data["value_map"]["stakeholders"] = []
    data["logic_model"]["elements"][0]["text"] = "-2+3 </svg><img src=x onerror=alert(1)>"
    return Assessment.model_validate(data)


def test_user_text_is_escaped_in_the_page():
    built = build_report(_hostile(), "sv", generated=DATE)
    page = built.html()
    assert "<script>" not in page and "<b>fet</b>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;" in page
    assert "=HYPERLINK(&#34;x&#34;)" in page
    assert "+cmd" in page
    parsed = parse(page)
    assert parsed.images == []
    assert "img" not in parsed.tags
    assert not any(name.startswith("on") for svg in parsed.svgs for name in svg["attrs"])


def test_user_text_is_neutralised_in_excel_and_no_cell_is_a_formula():
    built = build_report(_hostile(), "sv", generated=DATE)
    workbook = workbook_of(built.excel_bytes())
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert '\'=HYPERLINK("x")' in texts
    assert "'+cmd" in texts
    assert "'@SUM(A1)" in texts


@pytest.mark.parametrize("name", [GRANBACKA, MYRBACKA])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_excel_cell_is_a_value(name, lang):
    workbook = workbook_of(report(name, lang).excel_bytes())
    numbers = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                numbers += isinstance(cell.value, (int, float))
    assert numbers > 50  # figures are numbers, not text


def test_neutralise():
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("+cmd") == "'+cmd"
    assert neutralise("-1") == "'-1"
    assert neutralise("@A1") == "'@A1"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("Granbacka") == "Granbacka"
    assert neutralise("– tankstreck") == "– tankstreck"


# --- the texts ------------------------------------------------------------------------------


def test_every_report_text_used_exists():
    import spark_kit.report as package

    folder = package.__path__[0]
    used = set()
    for name in ("__init__.py", "content.py", "html.py", "excel.py", "templates/report.html"):
        with open(f"{folder}/{name}", encoding="utf-8") as file:
            source = file.read()
        used |= set(
            re.findall(
                r"""t\(\s*["']((?:report|sroi_cli|thread|cashflow|ledger|"""
                r"""tracking|readiness|sroi)\.[a-z_.]+)["']""",
                source,
            )
        )
    assert len(used) > 80
    assert sorted(used - set(MESSAGES)) == []


def test_file_names_for_downloads():
    assert report(GRANBACKA, "sv").filename("html") == (
        "rapport_granbacka_byakooperativ_ekonomisk_forening_2026-11-27.html"
    )
    assert report(MYRBACKA, "en").filename("xlsx").startswith("report_myrbacka_")


# --- parts that are only partly filled in ---------------------------------------------------


def section_texts(built: Report, key: str) -> list[str]:
    texts = []
    for block in built.section(key).blocks:
        if block.kind == "paragraph":
            texts.append(block.text)
        elif block.kind == "table":
            texts += [block.title, *block.columns]
    return texts


def test_a_value_map_without_inputs_has_no_ratio_and_no_sensitivity():
    data = load_example(MYRBACKA).model_dump(mode="json")
    data["value_map"]["inputs"] = []
    built = build_report(Assessment.model_validate(data), "en", generated=DATE)
    result = built.results["sroi"]
    assert result.sroi_ratio is None and "monte_carlo" not in built.results
    assert t("report.sroi.no_sensitivity", "en") in section_texts(built, "sroi")
    cells = facts(workbook_of(built.excel_bytes()), "SROI")
    assert cells[t("sroi_cli.sroi_ratio", "en")] == t("sroi_cli.not_defined", "en")
    assert cells[t("sroi_cli.present_value", "en")] == pytest.approx(
        CASE_3["present_value"], abs=ORE
    )


def test_a_follow_up_plan_without_measurements_shows_baseline_and_target():
    data = load_example(MYRBACKA).model_dump(mode="json")
    data["follow_up"] = {"baseline_year": 2024, "target_year": 2027, "measurements": []}
    built = build_report(Assessment.model_validate(data), "sv", generated=DATE)
    texts = section_texts(built, "indicators")
    assert t("tracking.col.baseline", "sv", year=2024) in texts
    assert t("tracking.col.target", "sv", year=2027) in texts
    assert not any(text.startswith("Framsteg") for text in texts)
    assert not any(b.kind == "figure" for b in built.section("indicators").blocks)


def test_a_measurement_of_an_unknown_indicator_names_its_row():
    from spark_kit.errors import SparkInputError

    data = load_example(GRANBACKA).model_dump(mode="json")
    data["follow_up"]["measurements"].append({"indicator": "M99", "year": 2025, "value": 1})
    with pytest.raises(SparkInputError) as error:
        build_report(Assessment.model_validate(data), "sv")
    assert "M99" in error.value.message("sv")


def test_the_same_content_gives_the_same_page():
    again = build_report(load_example(MYRBACKA), "sv", generated=DATE)
    assert again.html() == report(MYRBACKA, "sv").html()
