"""SPARK-kohorten: the program's dashboard over a folder or an upload of many workbooks.

:class:`CohortPanel` does not edit the assessment the frame holds (it never commits). It
shows the program view of :mod:`spark_kit.cohort` for a cohort of assessments: by default
the kit's synthetic cohort (``data/cohort/``, SYNTHETIC data, and the panel says so), or
the workbooks a person uploads (several ``.xlsx`` at once; each read safely with
:func:`spark_kit.assessment.read_workbook` from its bytes, a bad one named with its message
while the rest are used):

- enterprises reached, by municipality, legal form and sector (tables and charts);
- where the cohort's indicators stand (status per indicator);
- the SROI value maps added up, in total and per sector;
- financing mobilised (grants, loans, member capital in the budgets);
- the program's own effect logic (diagram) with its indicators' values.

The figures are computed once per cohort; the tabs are drawn only when shown, and each
language's drawing is kept, so switching back and forth costs nothing.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w
import pandas as pd

from spark_kit.apps.form_widgets import AUTO, WRAP, LazyTabs
from spark_kit.apps.html_parts import badge, chart_html, heading, html_table
from spark_kit.apps.panel import Panel
from spark_kit.apps.widgets import XLSX_MIME, Notice
from spark_kit.cohort import tables
from spark_kit.cohort.aggregate import DIMENSIONS, CohortFigures, summarise
from spark_kit.cohort.load import SYNTHETIC_DIR, Cohort, load_files, load_folder
from spark_kit.cohort.program_logic import (
    PROGRAM_FILE,
    ProgramSettings,
    load_program,
    program_indicators,
    program_logic_model,
)
from spark_kit.errors import SparkInputError
from spark_kit.i18n import t
from spark_kit.viz import draw_logic_model
from spark_kit.viz.cohort_charts import (
    counts_chart,
    financing_chart,
    sroi_sector_chart,
    status_chart,
)

#: At most this many workbooks in one upload (each is read in the app's own process).
MAX_UPLOAD_FILES = 150
TABS = ("enterprises", "indicators", "sroi", "financing", "program")


def frame_html(frame: pd.DataFrame, text_columns: int = 1) -> str:
    """A DataFrame of display values as the apps' table (the first ``text_columns``
    columns left-aligned, the rest right-aligned as numbers)."""
    headers = [str(c) for c in frame.columns]
    rows = [[str(v) for v in row] for row in frame.itertuples(index=False)]
    return html_table(headers, rows, set(range(text_columns, len(headers))))


class CohortPanel(Panel):
    """The program view of a cohort (see the module docstring).

    Public API (besides :class:`~spark_kit.apps.panel.Panel`'s):

    - ``folder`` (default the synthetic cohort) and :meth:`load_default`;
    - ``upload`` (a ``FileUpload(multiple=True)``) and :meth:`load_uploads` (a list of
      ``(file name, bytes)``); ``notice`` (what was read) and ``issues`` (files not used);
    - ``figures`` (:class:`~spark_kit.cohort.aggregate.CohortFigures`), ``program``
      (the program indicators' table) and ``settings`` (:class:`ProgramSettings`);
    - ``summary`` (key figures), ``tabs`` (a :class:`LazyTabs` of ``pages``: enterprises,
      indicators, sroi, financing, program) and :meth:`downloads` (the figures as Excel).
    """

    title_key = "cohort.title"
    #: The frame's assessment is not used: the panel shows a cohort, not one enterprise.

    def __init__(
        self,
        folder: str | Path = SYNTHETIC_DIR,
        program_file: str | Path | None = None,
        workers: int | None = None,
    ) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.program_file = program_file
        self.workers = workers
        self.figures: CohortFigures | None = None
        self.settings = ProgramSettings()
        self.program: pd.DataFrame | None = None
        self._program_lang: str | None = None
        self._version = 0  # counts the cohorts shown, so that a new one is always redrawn
        self._drawn: dict[tuple[str, str], str] = {}  # (lang, tab) → HTML of this cohort
        self._build()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = w.HTML()
        self.intro = w.HTML()
        self.synthetic_banner = w.HTML()
        self.default_button = w.Button(layout=AUTO)
        self.default_button.on_click(lambda _: self.load_default())
        self.upload = w.FileUpload(accept=".xlsx", multiple=True, layout=AUTO)
        self.upload.observe(self._on_upload, "value")
        self.notice = Notice()
        self.issues = w.HTML()
        self.summary = w.HTML()
        self.summary.add_class("spark-result")
        self.pages = {name: w.HTML() for name in TABS}
        for page in self.pages.values():
            page.add_class("spark-diagram")
        builders = {
            "enterprises": self._enterprises_html,
            "indicators": self._indicators_html,
            "sroi": self._sroi_html,
            "financing": self._financing_html,
            "program": self._program_html,
        }
        self.tabs = LazyTabs(
            [(self.pages[name], self._drawer(name, builders[name])) for name in TABS]
        )
        self.widget.children = [
            self.heading,
            self.synthetic_banner,
            self.intro,
            w.Box([self.default_button, self.upload], layout=WRAP),
            self.notice.widget,
            self.issues,
            self.summary,
            self.tabs.tab,
        ]

    # --- loading ------------------------------------------------------------------------------

    def _settings_for(self, cohort: Cohort) -> ProgramSettings:
        if self.program_file is not None:
            return load_program(self.program_file)
        return load_program(PROGRAM_FILE) if cohort.synthetic else ProgramSettings()

    def _use(self, cohort: Cohort) -> None:
        self.settings = self._settings_for(cohort)
        self.figures = summarise(cohort)
        self.program = None
        self._version += 1
        self._drawn.clear()
        self._draw_issues()

    def load_default(self) -> None:
        """Show the cohort in ``folder`` (the synthetic cohort unless another was given)."""
        try:
            cohort = load_folder(self.folder, workers=self.workers)
            self._use(cohort)
        except SparkInputError as error:
            self.notice.error(error.message(self.lang))
            return
        self.notice.ok(t("cohort.panel.loaded_folder", self.lang, count=len(cohort)))
        self.render()

    def load_uploads(self, files: list[tuple[str, bytes]]) -> None:
        """Show the cohort of the uploaded workbooks; when none can be read, keep the
        cohort shown and say why each file was not used."""
        if len(files) > MAX_UPLOAD_FILES:
            self.notice.error(
                t("cohort.panel.too_many", self.lang, count=len(files), limit=MAX_UPLOAD_FILES)
            )
            return
        cohort = load_files(files)
        if not len(cohort):
            self.notice.error(t("cohort.panel.none_read", self.lang, count=len(files)))
            self._draw_issues(cohort)
            return
        try:
            self._use(cohort)
        except SparkInputError as error:
            self.notice.error(error.message(self.lang))
            return
        self.notice.ok(
            t("cohort.panel.loaded_uploads", self.lang, count=len(cohort), files=len(files))
        )
        self.render()

    def _on_upload(self, _change) -> None:
        items = list(self.upload.value or ())
        if not items:
            return
        try:
            self.load_uploads([(item["name"], bytes(item["content"])) for item in items])
        finally:
            self.upload.value = ()

    # --- drawing ------------------------------------------------------------------------------

    def render(self) -> None:
        lang = self.lang
        if self.figures is None:
            try:
                self._use(load_folder(self.folder, workers=self.workers))
            except SparkInputError as error:
                self.notice.error(error.message(lang))
        self.heading.value = heading(t("cohort.title", lang), 2)
        self.intro.value = f"<p>{html.escape(t('cohort.panel.intro', lang))}</p>"
        self.default_button.description = t("cohort.panel.show_default", lang)
        self.upload.description = t("cohort.panel.upload", lang)
        self.tabs.set_titles([t(f"cohort.tab.{name}", lang) for name in TABS])
        self._draw_banner()
        self._draw_issues()
        self._draw_summary()
        self.tabs.refresh((self._version, lang))

    @property
    def synthetic(self) -> bool:
        return self.figures is not None and self.figures.cohort.synthetic

    def _draw_banner(self) -> None:
        lang = self.lang
        if self.figures is None:
            self.synthetic_banner.value = ""
        elif self.synthetic:
            text = t("cohort.synthetic_note", lang)
            self.synthetic_banner.value = (
                f'<p class="spark-warn">{badge(t("cohort.panel.synthetic_badge", lang))} '
                f"{html.escape(text)}</p>"
            )
        elif self.figures.cohort.fictional_count:
            text = t("cohort.fictional_note", lang, count=self.figures.cohort.fictional_count)
            self.synthetic_banner.value = f'<p class="spark-warn">{html.escape(text)}</p>'
        else:
            self.synthetic_banner.value = ""

    def _draw_issues(self, cohort: Cohort | None = None) -> None:
        if cohort is None and self.figures is not None:
            cohort = self.figures.cohort
        if cohort is None or not cohort.issues:
            self.issues.value = ""
            return
        items = "".join(
            f"<li>{html.escape(issue.message(self.lang))}</li>" for issue in cohort.issues
        )
        title = t("cohort.panel.issues", self.lang, count=len(cohort.issues))
        self.issues.value = (
            f'<div class="spark-warn" role="status"><p>{html.escape(title)}</p>'
            f"<ul>{items}</ul></div>"
        )

    def _program_table(self) -> pd.DataFrame:
        if self.program is None or self._program_lang != self.lang:
            self.program = program_indicators(self.figures, self.settings, self.lang)
            self._program_lang = self.lang
        return self.program

    def _draw_summary(self) -> None:
        lang = self.lang
        if self.figures is None:
            self.summary.value = ""
            return
        figures = self.figures
        table = figures.enterprises
        sroi = figures.sroi.iloc[0]
        financing = figures.financing.set_index("kind")["amount"]
        facts = [
            (t("cohort.panel.fact.enterprises", lang), tables.number(len(table), lang)),
            (t("cohort.panel.fact.municipalities", lang),
             tables.number(table["municipality"].replace("", pd.NA).nunique(), lang)),
            (t("cohort.panel.fact.financing", lang), tables.money(financing["total"], lang)),
            (t("cohort.panel.fact.sroi", lang),
             t("cohort.panel.fact.sroi_value", lang, ratio=tables.ratio(sroi["sroi_ratio"], lang),
               n=int(sroi["enterprises"]))),
        ]  # fmt: skip
        items = "".join(
            f"<li><strong>{html.escape(label)}:</strong> {html.escape(value)}</li>"
            for label, value in facts
        )
        self.summary.value = f'<ul class="spark-summary">{items}</ul>'

    def _drawer(self, name: str, build):
        """Draw tab ``name`` with ``build``, keeping each language's drawing of the cohort."""

        def draw() -> None:
            if self.figures is None:
                self.pages[name].value = ""
                return
            key = (self.lang, name)
            if key not in self._drawn:
                self._drawn[key] = build()
            self.pages[name].value = self._drawn[key]

        return draw

    def _enterprises_html(self) -> str:
        lang, figures = self.lang, self.figures
        parts = []
        for dimension in DIMENSIONS:
            counts = figures.counts[dimension]
            parts.append(heading(t(f"cohort.heading.by_{dimension}", lang), 3))
            parts.append(frame_html(tables.counts_table(counts, dimension, lang)))
            chart = counts_chart(counts, dimension, lang, synthetic=self.synthetic)
            parts.append(chart_html(chart))
        return "".join(parts)

    def _indicators_html(self) -> str:
        lang, figures = self.lang, self.figures
        parts = [
            f"<p>{html.escape(t('cohort.panel.indicators_help', lang))}</p>",
            frame_html(tables.status_table(figures.status, lang)),
            chart_html(status_chart(figures.status, lang, synthetic=self.synthetic)),
        ]
        return "".join(parts)

    def _sroi_html(self) -> str:
        lang, figures = self.lang, self.figures
        parts = [
            f"<p>{html.escape(t('cohort.panel.sroi_help', lang))}</p>",
            frame_html(tables.sroi_table(figures.sroi, lang)),
            heading(t("cohort.heading.sroi_by_sector", lang), 3),
            frame_html(tables.sroi_by_table(figures.sroi_by_sector, "sector", lang)),
            chart_html(sroi_sector_chart(figures.sroi_by_sector, lang, synthetic=self.synthetic)),
        ]
        return "".join(parts)

    def _financing_html(self) -> str:
        lang, figures = self.lang, self.figures
        parts = [
            f"<p>{html.escape(t('cohort.panel.financing_help', lang))}</p>",
            frame_html(tables.financing_table(figures.financing, lang)),
            chart_html(financing_chart(figures.financing, lang, synthetic=self.synthetic)),
            heading(t("cohort.heading.financing_by_sector", lang), 3),
            frame_html(tables.financing_by_table(figures.financing_by_sector, "sector", lang)),
        ]
        return "".join(parts)

    def _program_html(self) -> str:
        lang, figures = self.lang, self.figures
        model = program_logic_model(lang, self.settings, len(figures.enterprises))
        title = t("cohort.chart.logic_title", lang)
        if self.synthetic or self.settings.synthetic:
            title += f" ({t('cohort.chart.synthetic', lang)})"
        parts = [
            f"<p>{html.escape(t('cohort.panel.program_help', lang))}</p>",
            chart_html(draw_logic_model(model, lang, title)),
            heading(t("cohort.heading.program", lang), 3),
            frame_html(tables.program_table(self._program_table(), lang), text_columns=3),
        ]
        if self.settings.meetups_held is None:
            parts.append(f"<p>{html.escape(t('cohort.panel.no_settings', lang))}</p>")
        return "".join(parts)

    # --- downloads ----------------------------------------------------------------------------

    def downloads(self) -> list:
        """The figures as an Excel file (for the frame's download area)."""
        if self.figures is None:
            return []
        from spark_kit.apps.frame import Download
        from spark_kit.cohort.export import cohort_workbook_bytes

        data = cohort_workbook_bytes(self.figures, self._program_table(), self.lang)
        name = t("cohort.panel.download_name", self.lang)
        return [Download(data, name, XLSX_MIME, t("cohort.panel.download", self.lang))]


def build_app(lang: str | None = None, folder: str | Path = SYNTHETIC_DIR):
    """The SPARK-kohorten app: the frame around one :class:`CohortPanel` (no assessment
    files, no report: the app shows a cohort). ``.panels[0]`` is the panel."""
    from spark_kit.apps.frame import AppFrame

    return AppFrame(
        "cohort.title",
        [CohortPanel(folder)],
        lang=lang,
        offer_report=False,
        assessment_files=False,
    )
