"""The frame every app shares: title, language, presenter mode, opening, saving, autosave.

An app is a frame around one or more panels (:mod:`spark_kit.apps.panel`). With one panel
the panel fills the page; with several they are the steps of a guided sequence, one shown
at a time. The frame owns the assessment: a panel's committed edit comes back here, is
autosaved for this visitor (:mod:`spark_kit.apps.autosave`) and shown in the other panels
when they are next opened. Opening a file that cannot be read changes nothing but the
message next to the upload.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ipywidgets as w

from spark_kit.apps.autosave import AutosaveStore, on_visitor_key
from spark_kit.apps.panel import Panel
from spark_kit.apps.widgets import XLSX_MIME, Notice, download_link, stylesheet, uploaded_file
from spark_kit.assessment import (
    Assessment,
    blank_assessment,
    load_example,
    read_workbook,
    workbook_bytes,
)
from spark_kit.errors import SparkInputError
from spark_kit.i18n import format_date, resolve_lang, t

AUTO = {"width": "auto"}


@dataclass(frozen=True)
class Download:
    """A file a panel offers beside the workbook and the report."""

    data: bytes
    filename: str
    mime: str
    label: str


def file_slug(name: str) -> str:
    """A file-name stem from an enterprise's name (lower case, dashes)."""
    return re.sub(r"[^a-z0-9åäö]+", "-", name.lower()).strip("-") or "bedomning"


class AppFrame:
    """One app: the chrome around ``panels``, and the assessment they share."""

    def __init__(
        self,
        title_key: str,
        panels: Sequence[Panel],
        *,
        assessment: Assessment | None = None,
        lang: str | None = None,
        store: AutosaveStore | None = None,
        example: Callable[[], Assessment] = load_example,
        offer_report: bool = True,
        assessment_files: bool = True,
    ):
        self.title_key = title_key
        self.panels = list(panels)
        self.lang = resolve_lang(lang)
        self.assessment = assessment or example()
        self.store = store or AutosaveStore()
        self.example = example
        self.offer_report = offer_report
        self.assessment_files = assessment_files
        self.visitor: str | None = None
        self.resume_pending = False
        self.step = 0
        for panel in self.panels:
            panel.on_change = self._changed
        self._build()
        self.relabel()
        self.show_step(0)
        if self.assessment_files:
            on_visitor_key(self.set_visitor)

    def _repr_mimebundle_(self, **kwargs):
        return self.root._repr_mimebundle_(**kwargs)

    # --- construction -------------------------------------------------------------------

    def _build(self) -> None:
        self.title = w.HTML()
        self.language = w.ToggleButtons(
            options=[("Svenska", "sv"), ("English", "en")],
            value=self.lang,
            style={"button_width": "6em"},
        )
        self.language.observe(lambda change: self.set_language(change["new"]), "value")
        self.large_text = w.ToggleButton(value=False, layout=AUTO)
        self.large_text.observe(self._toggle_large_text, "value")

        self.resume_text = w.HTML()
        self.resume_button = w.Button(button_style="primary", layout=AUTO)
        self.resume_button.on_click(lambda _: self.resume())
        self.fresh_button = w.Button(layout=AUTO)
        self.fresh_button.on_click(lambda _: self.decline_resume())
        self.resume_box = w.VBox(
            [self.resume_text, w.Box([self.resume_button, self.fresh_button])],
            layout={"display": "none"},
        )
        self.resume_box.add_class("spark-resume")

        self.upload = w.FileUpload(accept=".xlsx", multiple=False, icon="", layout=AUTO)
        self.upload.observe(self._on_upload, "value")
        self.upload_notice = Notice()
        self.start_example = w.Button(layout=AUTO)
        self.start_example.on_click(lambda _: self.load(self.example()))
        self.start_blank = w.Button(layout=AUTO)
        self.start_blank.on_click(lambda _: self.load(blank_assessment()))

        self.step_buttons = [w.Button(layout=AUTO) for _ in self.panels]
        for index, button in enumerate(self.step_buttons):
            button.on_click(lambda _, index=index: self.show_step(index))
        self.steps = w.Box(self.step_buttons, layout={"flex_flow": "row wrap"})
        self.steps.add_class("spark-steps")
        self.previous_button = w.Button(layout=AUTO)
        self.previous_button.on_click(lambda _: self.show_step(self.step - 1))
        self.next_button = w.Button(button_style="primary", layout=AUTO)
        self.next_button.on_click(lambda _: self.show_step(self.step + 1))
        self.step_heading = w.HTML()
        self.body = w.VBox()
        guided = len(self.panels) > 1
        self.step_nav = w.Box(
            [self.previous_button, self.next_button],
            layout={"flex_flow": "row wrap", "display": "flex" if guided else "none"},
        )
        if not guided:
            self.steps.layout.display = "none"

        self.prepare_downloads = w.Button(button_style="primary", layout=AUTO)
        self.prepare_downloads.on_click(lambda _: self.make_downloads())
        self.downloads = w.HTML()
        self.autosave_status = w.HTML()
        self.autosave_status.add_class("spark-autosave")
        self.headings = {key: w.HTML() for key in ("open", "save")}

        open_row = w.Box(
            [self.upload, self.start_example, self.start_blank], layout={"flex_flow": "row wrap"}
        )
        save_row = w.Box([self.prepare_downloads, self.downloads], layout={"flex_flow": "row wrap"})
        self._file_widgets = (  # hidden in an app that is not about one assessment
            self.resume_box,
            self.headings["open"],
            open_row,
            self.upload_notice.widget,
            self.autosave_status,
        )
        self.root = w.VBox(
            [
                stylesheet(),
                w.Box(
                    [
                        self.title,
                        w.HBox(
                            [self.language, self.large_text],
                            layout={"align_items": "center", "flex_flow": "row wrap"},
                        ),
                    ],
                    layout={"flex_flow": "row wrap", "justify_content": "space-between"},
                ),
                self.resume_box,
                self.headings["open"],
                open_row,
                self.upload_notice.widget,
                self.steps,
                self.step_heading,
                self.body,
                self.step_nav,
                self.headings["save"],
                save_row,
                self.autosave_status,
            ]
        )
        self.root.add_class("spark-app")
        if not self.assessment_files:  # an app over other files (the cohort)
            for part in self._file_widgets:
                part.layout.display = "none"

    # --- showing ----------------------------------------------------------------------------

    @property
    def panel(self) -> Panel:
        return self.panels[self.step]

    def show_step(self, index: int) -> None:
        self.step = max(0, min(index, len(self.panels) - 1))
        self.body.children = [self.panel.widget]
        self.panel.show(self.assessment, self.lang)
        self._draw_steps()

    def _draw_steps(self) -> None:
        lang = self.lang
        for index, (button, panel) in enumerate(zip(self.step_buttons, self.panels, strict=True)):
            button.description = f"{index + 1}. {t(panel.title_key, lang)}"
            button.button_style = "info" if index == self.step else ""
            button.tooltip = button.description
        if len(self.panels) > 1:
            heading = t(
                "frame.step_heading",
                lang,
                number=self.step + 1,
                count=len(self.panels),
                title=t(self.panel.title_key, lang),
            )
            self.step_heading.value = f'<h2 class="spark-h2">{html.escape(heading)}</h2>'
        self.previous_button.disabled = self.step == 0
        self.next_button.disabled = self.step == len(self.panels) - 1

    def _draw_title(self) -> None:
        profile = self.assessment.profile
        badge = (
            f' <span class="spark-badge">{html.escape(t("app.fictional", self.lang))}</span>'
            if profile.fictional
            else ""
        )
        self.title.value = (
            f'<h1 class="spark-title">{html.escape(t(self.title_key, self.lang))}</h1>'
            f'<p class="spark-subtitle">{html.escape(profile.name)}{badge}</p>'
        )

    # --- the assessment -------------------------------------------------------------------

    def _changed(self, assessment: Assessment) -> None:
        """A panel committed an edit."""
        self.assessment = assessment
        self._draw_title()
        self.downloads.value = ""
        self.autosave()

    def load(self, assessment: Assessment) -> None:
        """Replace the whole assessment (example, blank, upload, resume)."""
        self.assessment = assessment
        self._draw_title()
        self.downloads.value = ""
        self.panel.show(assessment, self.lang)
        self.autosave()

    def _on_upload(self, change) -> None:
        upload = uploaded_file(self.upload)
        if upload is None:
            return
        name, data = upload
        try:
            assessment = read_workbook(data)
        except SparkInputError as error:
            self.upload_notice.error(
                t("app.error.upload", self.lang, name=name) + "\n" + error.message(self.lang)
            )
        else:
            self.load(assessment)
            self.upload_notice.ok(t("app.done.uploaded", self.lang, name=name))
        finally:
            self.upload.value = ()

    # --- autosave ---------------------------------------------------------------------------

    def set_visitor(self, key: str) -> None:
        """The browser told us who this is: offer to resume their autosaved work."""
        if not key or key == self.visitor or not self.assessment_files:
            return
        try:
            self.store.path(key)
        except ValueError:
            return  # not a key this kit makes: no autosave for this page
        self.visitor = key
        saved = self.store.load(key)
        if saved is None:
            self.autosave_status.value = self._status("frame.autosave.on")
            return
        self.resume_pending = True
        self._saved = saved
        self._draw_resume()
        self.resume_box.layout.display = "flex"

    def _draw_resume(self) -> None:
        if not self.resume_pending:
            return
        saved = self._saved
        when = (
            format_date(saved.saved_at, self.lang, "short") + " " + saved.saved_at.strftime("%H:%M")
        )
        text = t("frame.resume.question", self.lang, name=saved.assessment.profile.name, when=when)
        self.resume_text.value = f'<p class="spark-warn" role="status">{html.escape(text)}</p>'

    def resume(self) -> None:
        if not self.resume_pending:
            return
        self.resume_pending = False
        self.resume_box.layout.display = "none"
        self.load(self._saved.assessment)

    def decline_resume(self) -> None:
        """Keep what is on screen; from now on it is what is autosaved."""
        self.resume_pending = False
        self.resume_box.layout.display = "none"
        self.autosave()

    def autosave(self) -> None:
        if self.visitor is None:
            return
        if self.resume_pending:
            self.autosave_status.value = self._status("frame.autosave.paused")
            return
        try:
            saved_at = self.store.save(self.visitor, self.assessment)
        except OSError:
            self.autosave_status.value = self._status("frame.autosave.failed", error=True)
            return
        self.autosave_status.value = self._status(
            "frame.autosave.saved", time=saved_at.strftime("%H:%M:%S")
        )

    def _status(self, key: str, error: bool = False, **params) -> str:
        css = "spark-error" if error else "spark-muted"
        role = "alert" if error else "status"
        text = html.escape(t(key, self.lang, **params))
        return f'<p class="{css}" role="{role}">{text}</p>'

    # --- language and presenter mode ----------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = resolve_lang(lang)
        if self.language.value != self.lang:
            self.language.value = self.lang
        self.relabel()
        self.panel.show(self.assessment, self.lang)
        self._draw_steps()

    def relabel(self) -> None:
        lang = self.lang
        self._draw_title()
        for key, widget in self.headings.items():
            text = html.escape(t(f"frame.heading.{key}", lang))
            widget.value = f'<h2 class="spark-h2">{text}</h2>'
        buttons = {
            self.start_example: "app.button.example",
            self.start_blank: "app.button.blank",
            self.prepare_downloads: "app.button.prepare_downloads",
            self.resume_button: "frame.resume.yes",
            self.fresh_button: "frame.resume.no",
            self.previous_button: "frame.previous",
            self.next_button: "frame.next",
        }
        for button, key in buttons.items():
            button.description = t(key, lang)
            button.tooltip = t(key, lang)
        self.upload.description = t("app.button.upload", lang)
        self.large_text.description = t("frame.presenter", lang)
        self.large_text.tooltip = t("frame.presenter_hint", lang)
        self._draw_resume()
        if self.visitor and not self.resume_pending:
            self.autosave_status.value = self._status("frame.autosave.on")
        self.downloads.value = ""

    def _toggle_large_text(self, change) -> None:
        if change["new"]:
            self.root.add_class("spark-large")
        else:
            self.root.remove_class("spark-large")

    # --- downloads --------------------------------------------------------------------------

    def files(self) -> list[Download]:
        """The workbook and the report (HTML and Excel) when the app is about one
        assessment, and what the panels add."""
        files = []
        if self.assessment_files:
            files.append(
                Download(
                    workbook_bytes(self.assessment),
                    f"{file_slug(self.assessment.profile.name)}.xlsx",
                    XLSX_MIME,
                    t("app.download.workbook", self.lang),
                )
            )
        if self.offer_report:
            from spark_kit.report import build_report

            report = build_report(self.assessment, self.lang)
            files.append(
                Download(
                    report.html_bytes(),
                    report.filename("html"),
                    "text/html",
                    t("frame.download.report_html", self.lang),
                )
            )
            files.append(
                Download(
                    report.excel_bytes(),
                    report.filename("xlsx"),
                    XLSX_MIME,
                    t("frame.download.report_xlsx", self.lang),
                )
            )
        for panel in self.panels:
            files.extend(getattr(panel, "downloads", lambda: [])())
        return files

    def make_downloads(self) -> None:
        try:
            files = self.files()
        except SparkInputError as error:
            notice = Notice()
            notice.error(error.message(self.lang))
            self.downloads.value = notice.widget.value
            return
        links = [download_link(f.data, f.filename, f.mime, f.label) for f in files]
        self.downloads.value = (
            '<div class="spark-downloads spark-frame-downloads">' + "".join(links) + "</div>"
        )
