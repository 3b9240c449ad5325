"""The last step of "Min effektrapport": what the report will hold, and the report itself.

The report is built by :func:`spark_kit.report.build_report` (the same as ``spark-kit
report``), only when asked for: a person sees which parts are filled in first, and a report
of a large assessment is not rebuilt on every visit to the step.
"""

from __future__ import annotations

import html

import ipywidgets as w

from spark_kit.apps.panel import Panel
from spark_kit.apps.widgets import XLSX_MIME, Notice, download_link
from spark_kit.errors import SparkInputError
from spark_kit.i18n import t
from spark_kit.report import HTML_MIME, build_report
from spark_kit.report.html import format_value


class ReportPanel(Panel):
    """A checklist of the report's sections and a button that makes the report."""

    title_key = "report_step.step"

    def __init__(self) -> None:
        super().__init__()
        self.heading = w.HTML()
        self.intro = w.HTML()
        self.checklist = w.HTML()
        self.checklist.add_class("spark-checklist")
        self.make_button = w.Button(button_style="primary", layout={"width": "auto"})
        self.make_button.on_click(lambda _: self.make_report())
        self.notice = Notice()
        self.files = w.HTML()
        self.summary = w.HTML()
        self.summary.add_class("spark-report-summary")
        self.widget.children = [
            self.heading,
            self.intro,
            self.checklist,
            self.make_button,
            self.notice.widget,
            self.files,
            self.summary,
        ]

    def render(self) -> None:
        lang = self.lang
        self.heading.value = (
            f'<h2 class="spark-h2">{html.escape(t("report_step.heading", lang))}</h2>'
        )
        self.intro.value = f"<p>{html.escape(t('report_step.intro', lang))}</p>"
        self.make_button.description = t("report_step.make", lang)
        self.make_button.tooltip = t("report_step.make", lang)
        self.checklist.value = self._checklist()
        self.notice.clear()
        self.files.value = ""
        self.summary.value = ""

    def _checklist(self) -> str:
        """The parts of the assessment and whether each is filled in (cheap: no report)."""
        a = self.assessment
        parts = [
            ("profile", bool(a.profile.name)),
            ("logic_model", bool(a.logic_model.elements)),
            ("indicators", bool(a.logic_model.indicators)),
            ("follow_up", bool(a.follow_up.measurements)),
            ("five_dimensions", bool(a.impact_profiles)),
            ("sroi", bool(a.value_map.outcomes and a.value_map.inputs)),
            ("ledger", a.ledger is not None),
            ("cashflow", bool(a.cashflow.lines)),
            ("readiness", a.readiness.answered > 0),
        ]
        items = []
        for key, filled in parts:
            mark = "✔" if filled else "–"
            state = t("report_step.filled" if filled else "report_step.empty", self.lang)
            label = html.escape(t(f"report_step.part.{key}", self.lang))
            items.append(
                f'<li class="{"spark-filled" if filled else "spark-empty"}">'
                f'<span aria-hidden="true">{mark}</span> {label} '
                f'<span class="spark-muted">({html.escape(state)})</span></li>'
            )
        return "<ul>" + "".join(items) + "</ul>"

    def make_report(self) -> bool:
        try:
            report = build_report(self.assessment, self.lang)
            page = report.html_bytes()
            workbook = report.excel_bytes()
        except SparkInputError as error:
            self.notice.error(error.message(self.lang))
            self.files.value = ""
            return False
        links = [
            download_link(
                page, report.filename("html"), HTML_MIME, t("frame.download.report_html", self.lang)
            ),
            download_link(
                workbook,
                report.filename("xlsx"),
                XLSX_MIME,
                t("frame.download.report_xlsx", self.lang),
            ),
        ]
        self.files.value = '<div class="spark-downloads">' + "".join(links) + "</div>"
        self.notice.ok(t("report_step.made", self.lang))
        self.summary.value = self._summary(report)
        return True

    def _summary(self, report) -> str:
        """The report's key figures (its summary section), as the report shows them."""
        rows = []
        for block in report.section("summary").blocks:
            for label, value in getattr(block, "rows", []):
                if isinstance(label, str):
                    rows.append(
                        f'<tr><th scope="row">{html.escape(label)}</th>'
                        f"<td>{html.escape(format_value(value, self.lang))}</td></tr>"
                    )
        caption = html.escape(t("report_step.key_figures", self.lang))
        return (
            f'<div class="spark-scroll"><table class="spark-table"><caption>{caption}</caption>'
            + "".join(rows)
            + "</table></div>"
        )
