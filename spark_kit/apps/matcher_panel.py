"""The financing-sources panel: which sources fit the enterprise, and which do not and why.

The legal form comes from the assessment's profile (``profile.legal_form``); the purpose,
amount, age, employees, turnover and county are what-if inputs for
:func:`spark_kit.finance.matcher.match` and are **not stored** in the assessment (the panel
says so). The amount is prefilled with the bridging need of the cash-flow budget when it
has one. Every condition and warning shows its source as a link and the date of the fact
(``as_of``), with unverified facts marked as such.
"""

from __future__ import annotations

import time

import ipywidgets as w

from spark_kit.apps.form_widgets import (
    ROW,
    Field,
    InlineForm,
    LazyPanel,
    Reader,
    action_button,
    kr,
    label_buttons,
)
from spark_kit.apps.html_parts import esc, folded, heading, html_table, paragraph
from spark_kit.errors import SparkInputError
from spark_kit.finance.matcher import Enterprise, Line, MatchResult, Suggestion, match
from spark_kit.finance.sources import COUNTIES, PURPOSES, Fact, load_catalogue
from spark_kit.i18n import format_date, t

P = "app.financing.matcher"
FIELDS = ("purpose", "amount_sek", "age_years", "employees", "turnover_sek", "region")


def _purpose_options(lang: str) -> list[tuple[str, str]]:
    catalogue = load_catalogue()
    return [(catalogue.label("purposes", p, lang).capitalize(), p) for p in PURPOSES]


def _region_options(lang: str) -> list[tuple[str, str]]:
    return [(t(f"{P}.no_region", lang), "")] + [(name, rid) for rid, name in COUNTIES.items()]


def _region_id(county: str) -> str:
    """The county id of a profile's county text, or "" when it is not a county."""
    try:
        return Enterprise("aktiebolag", 0, 0, 0, "investering", 1, county).region
    except SparkInputError:
        return ""


def source_html(fact: Fact, lang: str) -> str:
    """The fact's source as a link, with the date the fact holds for and what that date is."""
    year = f" ({fact.year})" if fact.year else ""
    label = esc(f"{fact.publisher}{year}: {fact.source}")
    address = fact.address
    link = (
        f'<a href="{esc(address)}" target="_blank" rel="noopener">{label}</a>'
        if address.startswith(("http://", "https://"))
        else f"{label}. {esc(address)}"
    )
    as_of = t(
        f"{P}.as_of",
        lang,
        date=format_date(fact.as_of, lang),
        basis=fact.as_of_label(lang),
    )
    return f'<span class="spark-source">{link}; {esc(as_of)}</span>'


class MatcherPanel(LazyPanel):
    """Financing sources for the enterprise (what-if inputs, not stored).

    Public parts: ``form`` (fields ``purpose``, ``amount_sek``, ``age_years``,
    ``employees``, ``turnover_sek``, ``region``), ``match_button``, :meth:`run` (returns
    whether a match was shown), ``result`` (the last :class:`MatchResult` or None), and the
    HTML widgets ``legal_form``, ``results``. ``timings``: seconds from pressing the button
    to the drawn result (for information).
    """

    title_key = f"{P}.title"

    def __init__(self) -> None:
        super().__init__()
        self._prefilled: str | None = None
        self._matched_form = ""
        self.result: MatchResult | None = None

    def _build(self) -> None:
        self.intro = w.HTML()
        self.legal_form = w.HTML()
        self.form = InlineForm(
            [
                Field("purpose", f"{P}.field.purpose", "choice", _purpose_options),
                Field("amount_sek", f"{P}.field.amount_sek"),
                Field("age_years", f"{P}.field.age_years"),
                Field("employees", f"{P}.field.employees"),
                Field("turnover_sek", f"{P}.field.turnover_sek"),
                Field("region", f"{P}.field.region", "choice", _region_options),
            ],
            self.lang,
        )
        self.prefill_note = w.HTML()
        self.match_button = action_button(self.run, "primary")
        self.results = w.HTML()
        self.widget.children = [
            self.intro,
            self.legal_form,
            self.form.box,
            self.prefill_note,
            w.Box([self.match_button], layout=ROW),
            self.results,
        ]

    # --- drawing ------------------------------------------------------------------------------

    def update(self, relabelled: bool) -> None:
        self._draw_legal_form()
        self._prefill()
        if self.result is not None and (relabelled or self._profile_changed()):
            self.run()

    def _profile_changed(self) -> bool:
        assert self.assessment is not None and self.result is not None
        return self._legal_form_text() != self._matched_form

    def _relabel(self) -> None:
        lang = self.lang
        self.intro.value = paragraph(t(f"{P}.intro", lang)) + paragraph(
            t(f"{P}.what_if", lang), "spark-muted"
        )
        self.form.relabel(lang)
        label_buttons({self.match_button: f"{P}.button.match"}, lang)

    def _legal_form_text(self) -> str:
        assert self.assessment is not None
        return self.assessment.profile.legal_form

    def _draw_legal_form(self) -> None:
        lang = self.lang
        form = self._legal_form_text()
        shown = form or t(f"{P}.legal_form_missing_value", lang)
        self.legal_form.value = (
            f"<p><strong>{esc(t(f'{P}.legal_form', lang))}</strong> {esc(shown)}</p>"
        )

    def _prefill(self) -> None:
        """The amount and purpose from the cash flow's bridging need, unless the person has
        typed an amount of their own; the county from the profile when none is chosen."""
        assert self.assessment is not None
        widgets = self.form.widgets
        if not widgets["region"].value:
            region = _region_id(self.assessment.profile.county)
            if region:
                self.form.fill({"region": region})
        try:
            bridge = self.assessment.cashflow.compute().bridge
        except SparkInputError:
            bridge = 0.0
        current = widgets["amount_sek"].value.strip()
        if bridge > 0 and (not current or current == self._prefilled):
            text = str(round(bridge))
            self.form.fill({"amount_sek": text, "purpose": "bridging"})
            self._prefilled = text
        prefilled = self._prefilled is not None and widgets["amount_sek"].value == self._prefilled
        self.prefill_note.value = (
            paragraph(t(f"{P}.prefilled", self.lang, amount=kr(bridge, self.lang)), "spark-muted")
            if prefilled and bridge > 0
            else ""
        )

    # --- matching -------------------------------------------------------------------------------

    def run(self) -> bool:
        """Match the profile and the inputs against the catalogue and show the result."""
        started = time.perf_counter()
        assert self.assessment is not None
        lang, form = self.lang, self.form
        reader = Reader(form, lang)
        for name in ("amount_sek", "age_years", "employees", "turnover_sek"):
            if not reader.text(name):
                reader.fail(name, "value.required")
        if not form.values()["region"]:
            reader.fail("region", "value.required")
        if not reader.ok:
            reader.report()
            self._clear_result()
            return False
        form.clear_errors()
        values = form.values()
        profile = self.assessment.profile
        self._matched_form = profile.legal_form
        try:
            enterprise = Enterprise(
                legal_form=profile.legal_form,
                age_years=values["age_years"],
                employees=values["employees"],
                turnover_sek=values["turnover_sek"],
                purpose=values["purpose"],
                amount_sek=values["amount_sek"],
                region=values["region"],
                name=profile.name,
                fictional=profile.fictional,
            )
        except SparkInputError as error:
            form_problems = [p for p in error.problems if p.column == "legal_form"]
            if form_problems:
                form.error(None, t(f"{P}.legal_form_problem", lang))
            form.show_error(error, lang)
            self._clear_result()
            return False
        self.result = match(enterprise, lang=lang)
        self.results.value = self._result_html(self.result)
        self.timings.append(time.perf_counter() - started)
        return True

    def _clear_result(self) -> None:
        self.result = None
        self.results.value = ""

    def _facts(self) -> dict[str, Fact]:
        return {fact.id: fact for fact in load_catalogue().all_facts()}

    def _line_html(self, line: Line, facts: dict[str, Fact]) -> str:
        fact = facts.get(line.fact_id or "")
        source = f" {source_html(fact, self.lang)}" if fact is not None else ""
        return f"<li>{esc(line.text)}{source}</li>"

    def _suggestion_html(self, rank: int, item: Suggestion, facts: dict[str, Fact]) -> str:
        lang = self.lang

        def section(key: str, lines: tuple[Line, ...]) -> str:
            if not lines:
                return ""
            entries = "".join(self._line_html(line, facts) for line in lines)
            return f"<p><strong>{esc(t(f'{P}.{key}', lang))}</strong></p><ul>{entries}</ul>"

        reasons = "".join(f"<li>{esc(r)}</li>" for r in item.reasons)
        repay = t(f"{P}.repayable" if item.repayable else f"{P}.not_repayable", lang)
        body = (
            f"<p>{esc(repay)}</p>"
            f"<p><strong>{esc(t(f'{P}.why', lang))}</strong></p><ul>{reasons}</ul>"
            + section("conditions", item.conditions)
            + section("warnings", item.warnings)
            + section("notes", item.notes)
        )
        summary = t(
            f"{P}.suggestion", lang, rank=rank, name=item.name, type=item.type_label,
            score=item.score,
        )  # fmt: skip
        return folded(summary, body, open_=rank == 1)

    def _result_html(self, result: MatchResult) -> str:
        lang = self.lang
        facts = self._facts()
        profile = result.profile
        count = t(
            f"{P}.count",
            lang,
            fits=len(result.suggestions),
            excluded=len(result.excluded),
            form=profile.legal_form_label(lang),
            purpose=profile.purpose_label(lang),
            amount=kr(profile.amount_sek, lang),
        )
        parts = [
            heading(t(f"{P}.heading.fits", lang)),
            f'<p role="status">{esc(count)}</p>',
            paragraph(t(f"{P}.score_note", lang), "spark-muted"),
        ]
        parts += [
            self._suggestion_html(rank, item, facts)
            for rank, item in enumerate(result.suggestions, start=1)
        ]
        if result.excluded:
            rows = []
            for item in result.excluded:
                fact = facts.get(item.line.fact_id or "") if item.line else None
                rows.append(
                    [esc(item.name), esc(item.reason), source_html(fact, lang) if fact else ""]
                )
            headers = [t(f"{P}.col.{c}", lang) for c in ("name", "reason", "source")]
            table = html_table(headers, rows, escape=False)
            title = t(f"{P}.heading.excluded", lang, count=len(result.excluded))
            parts.append(folded(title, table))
        return "".join(parts)
