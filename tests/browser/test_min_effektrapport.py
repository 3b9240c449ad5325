"""Min effektrapport in Chromium: an enterprise starts from an empty assessment, goes through
the steps, and takes home a report whose figures equal ``spark-kit sroi`` and ``spark-kit
report`` run on the workbook it downloaded at the same time."""

from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from spark_kit.assessment import read_workbook
from spark_kit.i18n import format_money

pytestmark = pytest.mark.browser

NAME = "Testbyns kooperativ"


def step(app, number: int):
    app.app.locator(".spark-steps button").nth(number - 1).click()


def fill(app, label: str, value: str) -> None:
    app.app.get_by_label(label, exact=True).fill(value)


def test_from_an_empty_assessment_to_the_report(
    page, base_url, app_page, effektlogik, spark_kit, tmp_path, no_traceback
):
    app = app_page(page).open(f"{base_url}/voila/render/min_effektrapport.ipynb")
    expect(app.title).to_have_text("Min effektrapport")
    expect(app.app).to_contain_text("Steg 1 av 8: Organisationen")
    expect(app.app.locator(".spark-subtitle")).to_contain_text("Vår organisation")

    # 1. Who we are.
    fill(app, "Organisationens namn", NAME)
    fill(app, "Kommun eller ort", "Sorsele")
    fill(app, "Bedömningsår", "2026")
    app.button("Spara uppgifterna").click()
    expect(app.app.locator(".spark-subtitle")).to_contain_text(NAME)

    # 2. The logic model: one activity.
    app.button("Nästa steg →").click()
    expect(app.app).to_contain_text("Steg 2 av 8: Effektlogik")
    logic = effektlogik(page)
    logic.add_element("Aktiviteter", "Kafé för byn")
    expect(logic.svg).to_contain_text("Kafé för byn")

    # 4. The value map: one outcome, one input.
    step(app, 4)
    expect(app.app).to_contain_text("Steg 4 av 8: SROI-kalkylatorn")
    for label, value in (
        ("Intressent", "Byborna"),
        ("Utfall", "Fler träffas"),
        ("Indikator", "Antal besök i kaféet"),
        ("Antal", "40"),
        ("Finansiell proxy (kr per person och år)", "1000"),
        ("Varaktighet (år)", "2"),
        ("Dödvikt (%)", "20"),
        ("Undanträngning (%)", "0"),
        ("Attribution (%)", "10"),
        ("Avtagande per år (%)", "25"),
    ):
        fill(app, label, value)
    app.button("Spara raden").click()
    expect(app.app.locator(".spark-ok").filter(has_text="1")).to_have_count(1)
    app.app.locator(".lm-TabBar-tab").filter(has_text="Insatser").click()
    fill(app, "Vem satsar", "Kooperativet")
    fill(app, "Värde (kr)", "20000")
    app.button("Spara insatsen").click()
    ratio_row = app.app.locator(".spark-result tr").filter(has_text="SROI-kvot")
    expect(ratio_row).to_contain_text(re.compile(r"\d,\d\d:1"))  # inputs saved: a ratio
    shown_ratio = ratio_row.inner_text()

    # 8. The report, and the workbook beside it.
    step(app, 8)
    expect(app.app).to_contain_text("Steg 8 av 8: Rapporten")
    app.button("Skapa rapporten").click()
    report_links = app.app.locator(".spark-panel .spark-downloads a")
    expect(report_links).to_have_count(2, timeout=60_000)
    saved = {}
    for link in report_links.all():
        with page.expect_download() as info:
            link.click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        saved[path.suffix] = path
    (tmp_path / "frame").mkdir()
    app.download_files(tmp_path / "frame")
    workbook = next((tmp_path / "frame").glob("testbyns-kooperativ.xlsx"))

    assessment = read_workbook(workbook)
    assert assessment.profile.name == NAME
    assert assessment.profile.municipality == "Sorsele"
    assert [e.text for e in assessment.logic_model.elements] == ["Kafé för byn"]
    assert len(assessment.value_map.outcomes) == 1 and len(assessment.value_map.inputs) == 1

    # The command line on the same workbook: the same SROI, the same report.
    sroi = spark_kit("sroi", str(workbook), "--format", "json")
    assert sroi.returncode == 0, sroi.stderr
    figures = json.loads(sroi.stdout)
    ratio = f"{figures['sroi_ratio']:.2f}".replace(".", ",") + ":1"
    assert ratio in shown_ratio
    cli_html = tmp_path / "cli.html"
    made = spark_kit("report", str(workbook), "-o", str(cli_html))
    assert made.returncode == 0, made.stderr
    app_html = saved[".html"].read_text(encoding="utf-8")
    assert app_html == cli_html.read_text(encoding="utf-8")  # the very same report
    assert ratio in app_html
    assert format_money(figures["present_value"], "sv", decimals=2) in app_html

    cells = [
        cell.value
        for sheet in load_workbook(saved[".xlsx"], data_only=False).worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]
    for key in ("present_value", "npv", "sroi_ratio"):
        assert any(
            isinstance(value, float) and value == pytest.approx(figures[key], rel=1e-12)
            for value in cells
        ), key
    no_traceback(page)
