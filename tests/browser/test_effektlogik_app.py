"""The Effektlogik app driven in Chromium, as a workshop participant or an enterprise uses it.

Each test opens its own page (fresh cookies and kernel) on the gallery server started by
``conftest.py``, does what a person does, and checks what they would see or get.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from spark_kit.assessment import read_workbook

pytestmark = pytest.mark.browser

NEW_ACTIVITY = "Bytardag i byn"  # short enough to stay on one line in the diagram's box
NEW_OUTPUT = "Bytardag varje månad"
BROKEN_BYTES = b"Det h\xc3\xa4r \xc3\xa4r en textfil, ingen arbetsbok.\n"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def exact_text(text: str) -> re.Pattern:
    return re.compile(r"^\s*" + re.escape(text) + r"\s*$")


def test_gallery_lists_the_app_and_opens_it(page, base_url, effektlogik, no_traceback):
    page.goto(base_url + "/")
    expect(page).to_have_title("SPARK-kitet – appar")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    link = page.get_by_role("link", name="Effektlogik", exact=True)
    expect(link).to_be_visible()
    expect(page.locator("li", has=link)).to_contain_text("röda tråden")

    link.click()
    page.wait_for_url(re.compile(r"/voila/render/effektlogik\.ipynb$"))
    app = effektlogik(page).wait_until_interactive()

    expect(app.title).to_have_text("Effektlogik")
    expect(app.app).to_contain_text("Fiktivt exempel")
    expect(app.svg).to_have_attribute("aria-label", re.compile(r"^Diagram: .*Granbacka"))
    expect(app.findings).to_contain_text("Den röda tråden håller")
    for heading in ("Öppna", "Bygg effektlogiken", "Spara och ladda ner"):
        expect(app.app.locator("h2").filter(has_text=exact_text(heading))).to_be_visible()
    expect(app.tabs.locator(".lm-TabBar-tab")).to_have_text(
        ["Element", "Kopplingar", "Indikatorer"]
    )
    assert "import " not in page.locator("body").inner_text()  # no code on screen
    no_traceback(page)


def test_build_the_chain_and_download_the_workbook(app, tmp_path, no_traceback):
    # An activity that leads nowhere yet: the red thread names it, the diagram shows it.
    before = app.svg_text()
    assert NEW_ACTIVITY not in before
    app.add_element("Aktiviteter", NEW_ACTIVITY)
    expect(app.findings.locator("li").filter(has_text="A5")).to_contain_text(
        f"Aktiviteten A5 ”{NEW_ACTIVITY}” leder inte till någon prestation"
    )
    expect(app.svg).to_contain_text(NEW_ACTIVITY)
    assert f"A5: {NEW_ACTIVITY}" in app.svg_text()
    expect(app.app.locator(".spark-ok").filter(has_text="A5 lades till.")).to_be_visible()
    expect(app.add_form.get_by_label("Text", exact=True)).to_have_value("")

    # An output, then the link between them: the finding about the activity goes away.
    app.add_element("Prestationer", NEW_OUTPUT)
    expect(app.findings).to_contain_text(f"Prestationen P5 ”{NEW_OUTPUT}”")
    expect(app.svg).to_contain_text(NEW_OUTPUT)
    app.add_link("A5", "P5")
    expect(app.app.locator(".spark-ok")).to_contain_text(["Kopplingen A5 → P5 lades till."])
    expect(app.findings.locator("li").filter(has_text="Aktiviteten A5")).to_have_count(0)
    expect(app.findings.locator("li").filter(has_text="P5")).to_have_count(1)
    assert not any("A5" in item for item in app.finding_items())

    # Files to take home: the workbook holds everything, the diagram comes as PNG and SVG.
    app.button("Skapa filer att ladda ner").click()
    expect(app.downloads).to_have_count(5)
    expect(app.downloads).to_have_text(
        [
            "Arbetsboken (.xlsx)",
            "Rapporten (HTML, att skriva ut)",
            "Rapportens siffror (.xlsx)",
            "Diagrammet (PNG)",
            "Diagrammet (SVG)",
        ]
    )
    hrefs = [link.get_attribute("href") for link in app.downloads.all()]
    assert hrefs[0].startswith(f"data:{XLSX_MIME};base64,")
    assert hrefs[1].startswith("data:text/html;base64,")
    assert hrefs[2].startswith(f"data:{XLSX_MIME};base64,")
    assert hrefs[3].startswith("data:image/png;base64,")
    assert hrefs[4].startswith("data:image/svg+xml;base64,")

    with app.page.expect_download() as download_info:
        app.downloads.filter(has_text="Arbetsboken").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    assessment = read_workbook(saved)
    model = assessment.logic_model
    elements = {element.id: element for element in model.elements}
    assert elements["A5"].text == NEW_ACTIVITY
    assert elements["A5"].level.value == "aktiviteter"
    assert elements["P5"].text == NEW_OUTPUT
    assert elements["P5"].level.value == "prestationer"
    assert ("A5", "P5") in {(link.source, link.target) for link in model.links}
    assert assessment.profile.name == "Granbacka byakooperativ ekonomisk förening"
    assert len(model.elements) == 23  # the example's 21, plus the two added here
    no_traceback(app.page)


def test_a_broken_upload_is_explained_and_loses_nothing(app, no_traceback):
    app.add_element("Aktiviteter", NEW_ACTIVITY)
    expect(app.svg).to_contain_text(NEW_ACTIVITY)
    findings_before = app.finding_items()
    diagram_before = app.svg_text()

    # Half-way through the next element, the participant opens the wrong file.
    text_field = app.add_form.get_by_label("Text", exact=True)
    text_field.fill("Halvskriven aktivitet")
    with app.page.expect_file_chooser() as chooser_info:
        app.upload_button.click()
    chooser_info.value.set_files(
        files=[{"name": "broken.xlsx", "mimeType": XLSX_MIME, "buffer": BROKEN_BYTES}]
    )

    error = app.upload_notice.locator(".spark-error")
    expect(error).to_be_visible()
    expect(error).to_have_attribute("role", "alert")
    expect(error).to_contain_text("”broken.xlsx” kunde inte öppnas")
    expect(error).to_contain_text("Det du hade gjort finns kvar")
    expect(error).to_contain_text("Filen är ingen Excel-arbetsbok (.xlsx)")
    assert app.app.locator(".spark-error").count() == 1  # only next to the upload

    expect(text_field).to_have_value("Halvskriven aktivitet")
    expect(app.svg).to_contain_text(NEW_ACTIVITY)
    assert app.svg_text() == diagram_before
    assert app.finding_items() == findings_before
    expect(app.title).to_have_text("Effektlogik")
    expect(app.app).to_contain_text("Granbacka byakooperativ ekonomisk förening")
    no_traceback(app.page)


def test_language_switch_translates_and_keeps_typed_text(app, no_traceback):
    app.add_element("Aktiviteter", NEW_ACTIVITY)
    expect(app.findings).to_contain_text(f"Aktiviteten A5 ”{NEW_ACTIVITY}”")
    text_field = app.add_form.get_by_label("Text", exact=True)
    text_field.fill("Något jag skriver")

    app.button("English").click()
    expect(app.title).to_have_text("Logic model")
    thread = app.app.locator("h2").filter(has_text=exact_text("Does the red thread hold?"))
    expect(thread).to_be_visible()
    expect(app.app.locator("h2")).to_contain_text(["Open", "Build the logic model"])
    expect(app.tabs.locator(".lm-TabBar-tab")).to_have_text(["Elements", "Links", "Indicators"])
    expect(app.findings).to_contain_text(
        f"The activity A5 “{NEW_ACTIVITY}” does not lead to any output."
    )
    expect(app.findings).not_to_contain_text("Aktiviteten")
    expect(app.button("Create files to download")).to_be_visible()
    expect(app.add_form.get_by_label("Level", exact=True)).to_be_visible()
    expect(app.svg).to_have_attribute("aria-label", re.compile(r"a chain from left to right"))
    expect(app.add_form.get_by_label("Text", exact=True)).to_have_value("Något jag skriver")

    app.button("Svenska").click()
    expect(app.title).to_have_text("Effektlogik")
    expect(app.app.locator("h2")).to_contain_text(["Öppna", "Håller den röda tråden?"])
    expect(app.findings).to_contain_text(f"Aktiviteten A5 ”{NEW_ACTIVITY}”")
    expect(app.tabs.locator(".lm-TabBar-tab")).to_have_text(
        ["Element", "Kopplingar", "Indikatorer"]
    )
    expect(text_field).to_have_value("Något jag skriver")
    no_traceback(app.page)


def test_usable_on_a_phone(phone_page, app_url, effektlogik, no_traceback):
    app = effektlogik(phone_page).open(app_url)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page scrolls sideways on a phone: {width} px wide"

    # The controls a participant needs are on screen and can be used.
    add = app.button("Lägg till")
    add.scroll_into_view_if_needed()
    box = add.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 391
    app.add_element("Aktiviteter", NEW_ACTIVITY)
    expect(app.findings).to_contain_text(f"Aktiviteten A5 ”{NEW_ACTIVITY}”")
    expect(app.svg).to_contain_text(NEW_ACTIVITY)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page scrolls sideways on a phone: {width} px wide"
    no_traceback(phone_page)


def test_on_a_phone_only_the_diagram_scrolls_and_labels_sit_above_fields(
    phone_page, app_url, effektlogik
):
    app = effektlogik(phone_page).open(app_url)
    sizes = app.app.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert sizes[0] <= sizes[1] + 1, f"the app box scrolls sideways: {sizes}"
    scroller = app.diagram.locator(".spark-scroll")
    inner = scroller.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert inner[1] <= 390, f"the diagram's scroll box is wider than the phone: {inner}"
    level = app.add_form.get_by_label("Nivå", exact=True).bounding_box()
    text_label = app.add_form.locator("label").filter(has_text=exact_text("Text")).bounding_box()
    assert level["y"] + level["height"] <= text_label["y"] + 1, "the next label overlaps"


def test_adding_without_choosing_a_level_gets_an_answer(app):
    app.add_form.get_by_label("Text", exact=True).fill("Utan nivå")
    app.button("Lägg till").click()
    added_or_explained = app.app.locator(".spark-notice .spark-ok, .spark-notice .spark-error")
    expect(added_or_explained).to_have_count(1, timeout=5_000)
