"""The loan panel: two or three loan offers side by side (what-if, not stored).

Each offer's terms are read with :func:`spark_kit.finance.loans.parse_terms` (so the rate
takes ``"5,5 %"`` or ``0.055`` and a bare ``5.5`` is refused, not guessed); the comparison
is :func:`spark_kit.finance.loans.compare_loans` and the chart
:func:`spark_kit.viz.loan_charts.payments_chart`. The offers start as the three FICTIONAL
offers of :mod:`spark_kit.finance.loan_exercises` (module 08), and the panel says so.
"""

from __future__ import annotations

import time

import ipywidgets as w

from spark_kit.apps.form_widgets import (
    AUTO,
    ROW,
    Field,
    InlineForm,
    LazyPanel,
    field_number,
    kr,
    refill_share,
    set_headings,
)
from spark_kit.apps.html_parts import chart_html, esc, heading, html_table, paragraph
from spark_kit.errors import SparkInputError
from spark_kit.finance.loan_exercises import LOAN_AMOUNT, LOAN_YEARS, OFFERS
from spark_kit.finance.loans import LoanSchedule, compare_loans, parse_terms, schedule_for
from spark_kit.i18n import format_percent, t
from spark_kit.viz.loan_charts import payments_chart

P = "app.financing.loans"
TERMS = (
    "amount",
    "rate",
    "years",
    "method",
    "payments_per_year",
    "grace_months",
    "setup_fee",
    "period_fee",
)


def _method_options(lang: str) -> list[tuple[str, str]]:
    return [(t(f"{P}.method.{m}", lang), m) for m in ("annuity", "straight")]


def _per_year_options(lang: str) -> list[tuple[str, str]]:
    return [(t(f"{P}.per_year.{n}", lang), str(n)) for n in (12, 4, 1)]


class LoansPanel(LazyPanel):
    """Compare two or three loan offers (what-if inputs, not stored).

    Public parts: ``offers`` (three :class:`InlineForm`, fields ``name`` and the terms of
    :class:`spark_kit.finance.loans.LoanTerms`), ``include_third`` (a checkbox),
    ``schedules`` (name → :class:`LoanSchedule` of the valid offers), and the HTML widgets
    ``comparison`` and ``chart``. Every change recomputes; ``timings`` holds the seconds
    from a change to the redrawn chart (for information).
    """

    title_key = f"{P}.title"

    def __init__(self) -> None:
        super().__init__()
        self.schedules: dict[str, LoanSchedule] = {}

    def _build(self) -> None:
        self.intro = w.HTML()
        self.offer_titles = [w.HTML() for _ in range(3)]
        self.offers = [
            InlineForm(
                [
                    Field("name", f"{P}.field.name"),
                    Field("amount", f"{P}.field.amount"),
                    Field("rate", f"{P}.field.rate", hint_key=f"{P}.hint.rate"),
                    Field("years", f"{P}.field.years"),
                    Field("method", f"{P}.field.method", "choice", _method_options),
                    Field("payments_per_year", f"{P}.field.per_year", "choice", _per_year_options),
                    Field("grace_months", f"{P}.field.grace_months"),
                    Field("setup_fee", f"{P}.field.setup_fee"),
                    Field("period_fee", f"{P}.field.period_fee"),
                ],
                self.lang,
                on_change=self.recompute,
            )
            for _ in range(3)
        ]
        self.include_third = w.Checkbox(value=True, indent=False, layout=AUTO)
        self.include_third.observe(lambda _: self._toggle_third(), "value")
        self.headings = {k: w.HTML() for k in ("offers", "compare")}
        self.comparison = w.HTML()
        self.chart = w.HTML()
        self.chart.add_class("spark-diagram")
        columns = [
            w.VBox([title, form.box], layout={"flex": "1 1 20em", "min_width": "0"})
            for title, form in zip(self.offer_titles, self.offers, strict=True)
        ]
        self.columns = columns
        self.widget.children = [
            self.intro,
            self.headings["compare"],
            self.comparison,
            self.chart,
            self.headings["offers"],
            self.include_third,
            w.Box(columns, layout=ROW),
        ]
        for letter, form in zip("ABC", self.offers, strict=True):
            offer = OFFERS[letter]
            form.fill(
                {
                    "name": letter,
                    "amount": field_number(LOAN_AMOUNT),
                    "years": field_number(LOAN_YEARS),
                    "grace_months": "0",
                    "setup_fee": field_number(offer["setup_fee"]),
                    "period_fee": field_number(offer["period_fee"]),
                }
            )

    def update(self, relabelled: bool) -> None:
        self.recompute()

    def _relabel(self) -> None:
        lang = self.lang
        self.intro.value = (
            paragraph(t(f"{P}.intro", lang))
            + paragraph(t(f"{P}.what_if", lang), "spark-muted")
            + paragraph(
                t(f"{P}.example_note", lang, amount=kr(LOAN_AMOUNT, lang), years=LOAN_YEARS),
                "spark-muted",
            )
        )
        set_headings(self.headings, f"{P}.heading", lang)
        for number, (title, form) in enumerate(zip(self.offer_titles, self.offers, strict=True)):
            form.relabel(lang)
            title.value = heading(t(f"{P}.offer", lang, number=number + 1), 4)
        self.include_third.description = t(f"{P}.include_third", lang)
        for letter, form in zip("ABC", self.offers, strict=True):
            refill_share(form, "rate", OFFERS[letter]["rate"], lang)  # the example's, until edited
        self._toggle_third(recompute=False)

    def _toggle_third(self, recompute: bool = True) -> None:
        self.columns[2].layout.display = "flex" if self.include_third.value else "none"
        if recompute:
            self.recompute()

    def _active(self) -> list[InlineForm]:
        return self.offers if self.include_third.value else self.offers[:2]

    def recompute(self) -> None:
        """Read every offer, show each bad value under its field, compare the valid ones."""
        started = time.perf_counter()
        lang = self.lang
        schedules: dict[str, LoanSchedule] = {}
        skipped: list[str] = []
        for letter, form in zip("ABC", self._active(), strict=False):
            form.clear_errors()
            values = form.values()
            name = values["name"].strip() or letter
            while name in schedules:
                name += "′"
            raw = {key: values[key] for key in TERMS if str(values[key]).strip()}
            try:
                schedules[name] = schedule_for(parse_terms(raw))
            except SparkInputError as error:
                form.show_error(error, lang)
                skipped.append(name)
        self.schedules = schedules
        notes = "".join(
            f'<p class="spark-warn">{esc(t(f"{P}.skipped", lang, name=name))}</p>'
            for name in skipped
        )
        if not schedules:
            self.comparison.value = notes
            self.chart.value = ""
            return
        table = compare_loans(schedules, lang, formatted=True)
        rows = [
            [str(label), *map(str, row)]
            for label, row in zip(table.index, table.values, strict=True)
        ]
        headers = [t(f"{P}.col.figure", lang), *map(str, table.columns)]
        cheapest = min(schedules, key=lambda n: schedules[n].effective_annual_rate)
        best = t(
            f"{P}.cheapest",
            lang,
            name=cheapest,
            rate=format_percent(schedules[cheapest].effective_annual_rate, lang, 2),
        )
        numeric = set(range(1, len(headers)))
        self.comparison.value = (
            notes + f'<p role="status">{esc(best)}</p>' + html_table(headers, rows, numeric)
        )
        chart = payments_chart(schedules, lang, title=t(f"{P}.chart_title", lang))
        self.chart.value = chart_html(chart)
        self.timings.append(time.perf_counter() - started)
