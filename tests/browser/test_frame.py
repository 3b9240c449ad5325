"""What every app shares, driven in Chromium on the Effektlogik app: autosave and resume,
bad uploads answered next to the upload, presenter mode.

Autosave is per visitor: the server gives each browser a random key in an HttpOnly cookie,
the kernel saves every change under that key, and a new page (after a reload or a kernel that died)
offers to resume. Another browser has another key and is offered nothing.
"""

from __future__ import annotations

import io
import os
import re
import signal
import zipfile

import psutil
import pytest
from playwright.sync_api import expect

from spark_kit.assessment import load_example, workbook_bytes

pytestmark = pytest.mark.browser

NEW_ACTIVITY = "Bytardag i byn"


def rezipped(data: bytes, replace: dict[str, bytes] | None = None, add=None) -> bytes:
    """The zip ``data`` with some members replaced and others added (compressed)."""
    replace, add = replace or {}, add or {}
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, content in add.items():
            target.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def example_bytes() -> bytes:
    return workbook_bytes(load_example())


def kill_kernel(kernel_id: str) -> None:
    """Kill the kernel process the way a crash would (no shutdown request)."""
    for process in psutil.process_iter(["cmdline"]):
        if any(kernel_id in part for part in process.info["cmdline"] or []):
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            return
    raise AssertionError(f"no process for kernel {kernel_id}")


def test_a_reload_offers_to_resume_the_autosaved_work(app, effektlogik, app_url, no_traceback):
    app.wait_until_autosaving()
    app.add_element("Aktiviteter", NEW_ACTIVITY)
    expect(app.svg).to_contain_text(NEW_ACTIVITY)
    expect(app.autosave_status).to_contain_text("Sparat automatiskt kl.")

    app.page.reload()
    again = effektlogik(app.page).wait_until_interactive()
    expect(again.resume_box).to_be_visible()
    expect(again.resume_box).to_contain_text("Vill du fortsätta där du slutade?")
    expect(again.resume_box).to_contain_text("Granbacka byakooperativ")
    expect(again.svg).not_to_contain_text(NEW_ACTIVITY)  # nothing replaced until asked
    expect(again.autosave_status).not_to_contain_text("Sparat automatiskt kl.")

    again.button("Fortsätt där jag slutade").click()
    expect(again.svg).to_contain_text(NEW_ACTIVITY)
    expect(again.resume_box).to_be_hidden()
    expect(again.findings).to_contain_text(f"Aktiviteten A5 ”{NEW_ACTIVITY}”")
    no_traceback(again.page)


def test_work_survives_a_kernel_that_dies(app, effektlogik, no_traceback):
    app.wait_until_autosaving()
    app.add_element("Aktiviteter", NEW_ACTIVITY)
    expect(app.autosave_status).to_contain_text("Sparat automatiskt kl.")
    kill_kernel(app.kernel_id())

    expect(app.app).to_be_visible()
    app.page.wait_for_timeout(1_000)  # the old page notices its kernel is gone
    app.page.record.script_errors.clear()  # ("Kernel connection disconnected": expected)

    app.page.reload()
    again = effektlogik(app.page).wait_until_interactive()
    again.button("Fortsätt där jag slutade").click()
    expect(again.svg).to_contain_text(NEW_ACTIVITY)
    no_traceback(again.page)


def test_another_browser_is_offered_nothing(app, make_page, effektlogik, app_url):
    app.wait_until_autosaving()
    app.add_element("Aktiviteter", "Bara min egen aktivitet")
    expect(app.autosave_status).to_contain_text("Sparat automatiskt kl.")

    other = effektlogik(make_page()).open(app_url)
    other.wait_until_autosaving()
    expect(other.resume_box).to_be_hidden()
    expect(other.svg).not_to_contain_text("Bara min egen aktivitet")
    cookies = [
        next(c for c in page.context.cookies() if c["name"] == "spark_kit_visitor")
        for page in (app.page, other.page)
    ]
    assert all(c["httpOnly"] and len(c["value"]) == 32 for c in cookies)
    assert cookies[0]["value"] != cookies[1]["value"]
    assert app.page.evaluate("document.cookie").find("spark_kit_visitor") == -1


def test_declining_keeps_what_is_shown_and_saves_it_from_then_on(app, effektlogik):
    app.wait_until_autosaving()
    app.add_element("Aktiviteter", NEW_ACTIVITY)
    expect(app.autosave_status).to_contain_text("Sparat automatiskt kl.")
    app.page.reload()
    again = effektlogik(app.page).wait_until_interactive()
    again.add_element("Aktiviteter", "Något nytt")
    expect(again.autosave_status).to_contain_text("Inte sparat ännu")

    again.button("Nej, behåll det som visas nu").click()
    expect(again.resume_box).to_be_hidden()
    expect(again.autosave_status).to_contain_text("Sparat automatiskt kl.")
    again.page.reload()
    third = effektlogik(again.page).wait_until_interactive()
    third.button("Fortsätt där jag slutade").click()
    expect(third.svg).to_contain_text("Något nytt")
    expect(third.svg).not_to_contain_text(NEW_ACTIVITY)


BAD_FILES = {  # name → what the message says
    "for-stor.xlsx": "Filen är för stor",
    "zipbomb.xlsx": "Filen kan inte läsas säkert (zip:",
    "entitet.xlsx": "Filen kan inte läsas säkert (XML",
}


def bad_file(name: str, example: bytes) -> bytes:
    if name == "for-stor.xlsx":  # 11 MB: over the 10 MB limit, and it is not even a zip
        return os.urandom(11 * 1024 * 1024)
    if name == "zipbomb.xlsx":
        return rezipped(example, add={"xl/media/image1.bin": b"\0" * (20 * 1024 * 1024)})
    with zipfile.ZipFile(io.BytesIO(example)) as archive:
        xml = archive.read("xl/workbook.xml").decode("utf-8")
    doctype = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    evil = xml.replace("<workbook", doctype + "<workbook", 1).encode("utf-8")
    return rezipped(example, replace={"xl/workbook.xml": evil})


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_an_unsafe_or_oversized_upload_is_refused_next_to_the_upload(
    app, example_bytes, name, no_traceback
):
    app.add_element("Aktiviteter", NEW_ACTIVITY)
    expect(app.svg).to_contain_text(NEW_ACTIVITY)
    app.upload(name, bad_file(name, example_bytes))

    error = app.upload_notice.locator(".spark-error")
    expect(error).to_be_visible(timeout=60_000)
    expect(error).to_have_attribute("role", "alert")
    expect(error).to_contain_text(f"”{name}” kunde inte öppnas. Det du hade gjort finns kvar.")
    expect(error).to_contain_text(BAD_FILES[name])
    expect(app.svg).to_contain_text(NEW_ACTIVITY)  # the work in progress is untouched
    expect(app.title).to_have_text("Effektlogik")
    no_traceback(app.page)


def test_presenter_mode_enlarges_the_type(app):
    size = app.title.evaluate("h => parseFloat(getComputedStyle(h).fontSize)")
    app.button("Presentationsläge").click()
    expect(app.app).to_have_class(re.compile(r"\bspark-large\b"))
    larger = app.title.evaluate("h => parseFloat(getComputedStyle(h).fontSize)")
    assert larger >= 1.3 * size
