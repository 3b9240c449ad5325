"""Every app in the gallery driven in Chromium, offline, as a participant or an enterprise
uses it: the figures it shows equal what the package computes, an edit redraws them, and
the Swedish/English switch translates the page.

The flows of the frame every app shares (autosave, resume, bad uploads, presenter mode) are
in test_frame.py; the Effektlogik app's own flows in test_effektlogik_app.py; Min
effektrapport from an empty assessment to the report in test_min_effektrapport.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from spark_kit.apps.registry import APPS
from spark_kit.assessment import load_example
from spark_kit.finance.cashflow import compute_cashflow
from spark_kit.i18n import format_money
from spark_kit.impact.sroi import calculate_sroi

pytestmark = pytest.mark.browser

MYRBACKA = "myrbacka_arbetskooperativ"


def open_app(app_page, page, base_url, slug):
    return app_page(page).open(f"{base_url}/voila/render/{slug}.ipynb")


def field(app, label):
    return app.app.get_by_label(label, exact=True)


def ratio_text(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + ":1"


def test_the_gallery_lists_every_app_and_each_opens(page, base_url, app_page):
    page.goto(base_url + "/")
    titles = [
        "Effektlogik",
        "SROI-kalkylatorn",
        "Samhällsekonomisk kalkyl",
        "Finansieringsguiden",
        "Investeringsberedskap",
        "Min effektrapport",
        "SPARK-kohorten",
    ]
    for title in titles:
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    assert len(titles) == len(APPS)


def test_sroi_calculator_shows_case_3_and_recomputes_after_an_edit(
    page, base_url, app_page, no_traceback
):
    app = open_app(app_page, page, base_url, "sroi")
    result = app.app.locator(".spark-result")
    expect(result).to_contain_text("2 002 354,37 kr")
    expect(result).to_contain_text("502 354,37 kr")
    expect(result).to_contain_text("1,33:1")
    expect(app.app.locator(".spark-diagram svg[role='img']").first).to_be_visible()

    # The first outcome's deadweight from 25 % to 40 %: the ratio the package computes.
    value_map = load_example(MYRBACKA).value_map
    rows = [*value_map.outcomes]
    rows[0] = rows[0].model_copy(update={"deadweight": 0.40})
    expected = calculate_sroi(value_map.model_copy(update={"outcomes": rows}))
    field(app, "Dödvikt (%)").fill("40")
    app.button("Spara raden").click()
    expect(result).to_contain_text(ratio_text(expected.sroi_ratio))
    expect(result).to_contain_text(format_money(expected.present_value, "sv", decimals=2))

    field(app, "Dödvikt (%)").fill("250")
    app.button("Spara raden").click()
    expect(app.app.locator(".spark-error").first).to_contain_text("250")
    expect(result).to_contain_text(ratio_text(expected.sroi_ratio))  # nothing changed

    app.button("English").click()
    expect(app.title).to_have_text("SROI calculator")
    expect(result).to_contain_text(ratio_text(expected.sroi_ratio).replace(",", "."))
    no_traceback(app.page)


def test_socioeconomic_ledger_per_actor(page, base_url, app_page, no_traceback):
    app = open_app(app_page, page, base_url, "samhallsekonomi")
    result = app.app.locator(".spark-result")
    expect(result).to_contain_text("20 deltagare under 5 år")
    expect(result).to_contain_text("Kommunen")
    expect(result).to_contain_text("2 233 592 kr")

    field(app, "Antal år").fill("3")
    app.button("Spara inställningarna").click()
    expect(result).to_contain_text("20 deltagare under 3 år")
    expect(result).not_to_contain_text("År 4")

    app.button("English").click()
    expect(app.title).to_have_text("Socioeconomic ledger")
    expect(result).to_contain_text("3 years")
    no_traceback(app.page)


def test_financing_guide_shows_the_funding_gap_and_matches_sources(
    page, base_url, app_page, no_traceback
):
    app = open_app(app_page, page, base_url, "finansiering")
    expect(app.button("Visa källor som passar")).to_be_visible()
    field(app, "År i drift").fill("7")
    field(app, "Anställda").fill("3")
    field(app, "Omsättning per år (kr)").fill("4 500 000")
    app.button("Visa källor som passar").click()
    expect(app.app).to_contain_text("Almi", timeout=30_000)

    app.button("Likviditet").click()
    gap = compute_cashflow(load_example().cashflow)
    figures = app.app.locator(".spark-result")
    expect(figures).to_contain_text("finansieringsgapet är 270 000 kr")
    expect(figures).to_contain_text("augusti 2027")
    assert gap.funding_gap == 270_000  # what the page says is what the package computes
    expect(app.app.locator(".spark-diagram svg[role='img']").first).to_be_visible()

    app.button("Lån").click()
    expect(app.app).to_contain_text("effektiv")

    app.button("English").click()
    expect(app.title).to_have_text("Financing guide")
    app.button("Cash flow").click()
    expect(figures).to_contain_text("270,000")
    no_traceback(app.page)


def test_readiness_answers_redraw_the_scores(page, base_url, app_page, no_traceback):
    app = open_app(app_page, page, base_url, "beredskap")
    scores = app.app.locator(".spark-result")
    expect(scores).to_contain_text("Mission och effekt")
    expect(scores).to_contain_text("2,8 av 4")
    expect(app.app.locator(".spark-diagram svg[role='img']")).to_be_visible()

    # Granbacka's ME answers are 4, 3, 3, 2, 2 (mean 2,8); ME4 = 4 gives (4+3+3+4+2)/5.
    app.app.locator(".widget-accordion, .jupyter-widget-Accordion").first.locator(
        ".lm-AccordionPanel-title, .jupyter-widget-Collapse-header, .p-Collapse-header"
    ).first.click()
    app.app.get_by_label("ME4", exact=True).select_option(index=5)  # the sixth choice: 4
    expect(scores).to_contain_text("3,2 av 4")

    app.button("English").click()
    expect(app.title).to_have_text("Investment readiness")
    expect(scores).to_contain_text("3.2 of 4")
    no_traceback(app.page)


def test_cohort_dashboard_over_the_synthetic_cohort(page, base_url, app_page, no_traceback):
    page.goto(f"{base_url}/voila/render/kohorten.ipynb", timeout=120_000)
    app = app_page(page)
    summary = app.app.locator(".spark-result")
    expect(summary).to_contain_text("Nådda företag: 100", timeout=120_000)
    expect(app.app).to_contain_text("SYNTETISKA DATA")
    expect(app.app.locator(".spark-diagram svg[role='img']").first).to_be_visible()

    app.button("English").click()
    expect(summary).to_contain_text("100")
    expect(app.app).to_contain_text("SYNTHETIC DATA")
    no_traceback(app.page)
