"""The assessment report: a printable, self-contained HTML page and an Excel file of its numbers.

>>> from spark_kit.assessment import load_example
>>> report = build_report(load_example("myrbacka_arbetskooperativ"), "sv")
>>> [s.key for s in report.sections][:3]
['summary', 'logic_model', 'indicators']
>>> page = report.html()          # one HTML page, charts inline, A4 print rules
>>> data = report.excel_bytes()   # the same numbers, every cell a value

The figures are computed once (:mod:`spark_kit.report.content`) with the package's own
functions — the SROI exactly as ``spark-kit sroi`` computes it — and both formats are drawn
from them, so the page and the workbook always agree. The command is
``spark-kit report WORKBOOK -o rapport.html`` (``-o rapport.xlsx`` for the Excel file).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from spark_kit.i18n import resolve_lang, t
from spark_kit.report.content import (
    MONTE_CARLO_DRAWS,
    MONTE_CARLO_SEED,
    SECTION_KEYS,
    ReportContent,
    Section,
    Value,
    build_content,
)

HTML_MIME = "text/html"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Report:
    """One assessment's report in one language. Build it with :func:`build_report`.

    ``sections`` lists the sections in order (``key``, ``title``, ``filled``, ``blocks``);
    :meth:`html` gives the page (charts are drawn the first time it is asked for) and
    :meth:`excel_bytes` the workbook.
    """

    def __init__(self, content: ReportContent):
        self.content = content
        self._html: str | None = None

    @property
    def lang(self) -> str:
        return self.content.lang

    @property
    def sections(self) -> list[Section]:
        return self.content.sections

    @property
    def results(self) -> dict:
        """The package's result objects behind the figures (``sroi``, ``cashflow`` …)."""
        return self.content.results

    def section(self, key: str) -> Section:
        return self.content.section(key)

    def html(self) -> str:
        """The report as one self-contained HTML page (UTF-8 text)."""
        if self._html is None:
            from spark_kit.report.html import render_html

            self._html = render_html(self.content)
        return self._html

    def html_bytes(self) -> bytes:
        return self.html().encode("utf-8")

    def excel_bytes(self) -> bytes:
        """The report's numbers as an .xlsx file: values only, no formulas."""
        from spark_kit.report.excel import excel_bytes

        return excel_bytes(self.content)

    def filename(self, extension: str = "html") -> str:
        """A file name for a download: ``rapport_granbacka_byakooperativ_2026-11-27.html``."""
        name = unicodedata.normalize("NFKD", self.content.assessment.profile.name)
        name = name.encode("ascii", "ignore").decode("ascii").lower()
        slug = re.sub(r"[^a-z0-9]+", "_", name).strip("_")[:60] or "bedomning"
        stem = t("report.file_stem", self.lang)
        return f"{stem}_{slug}_{self.content.generated.isoformat()}.{extension.lstrip('.')}"


def build_report(
    assessment, lang: str | None = "sv", *, generated: dt.date | None = None
) -> Report:
    """The report of ``assessment`` in ``lang`` (``"sv"`` or ``"en"``), dated ``generated``
    (default today).

    Raises :class:`~spark_kit.errors.SparkInputError` when a part of the assessment cannot
    be computed; the message names the sheet, row and value.
    """
    return Report(build_content(assessment, resolve_lang(lang), generated))


__all__ = [
    "HTML_MIME",
    "MONTE_CARLO_DRAWS",
    "MONTE_CARLO_SEED",
    "SECTION_KEYS",
    "XLSX_MIME",
    "Report",
    "Value",
    "build_report",
]
