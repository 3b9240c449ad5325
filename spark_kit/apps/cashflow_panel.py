"""The cash-flow panel: edit the likviditetsbudget and see the funding gap and the chart.

The budget is part of the assessment (``assessment.cashflow``): a valid edit builds the new
budget, checks it with :func:`spark_kit.finance.cashflow.budget_problems` and commits the
assessment; a bad value is explained under its field and nothing is committed. The results
(funding gap, its month, the bridging need, the chart) come from
:func:`spark_kit.finance.cashflow.compute_cashflow` and
:func:`spark_kit.viz.finance_charts.cashflow_chart`.
"""

from __future__ import annotations

import re
import time
from typing import Any

import ipywidgets as w
from babel.dates import get_month_names

from spark_kit.apps.form_widgets import (
    ROW,
    Field,
    InlineForm,
    LazyPanel,
    Reader,
    action_button,
    field_number,
    format_share,
    kr,
    label_buttons,
    set_headings,
)
from spark_kit.apps.html_parts import chart_html, esc, folded, html_table, paragraph
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.cashflow import (
    BUDGET_HEADERS,
    BUDGET_SHEET,
    HEADERS,
    LINES_SHEET,
    MAX_HORIZON,
    MIN_HORIZON,
    CashFlowBudget,
    CashFlowLine,
    CashFlowResult,
    LineKind,
    Pattern,
    PaymentRule,
    budget_problems,
    compute_cashflow,
    month_label,
    parse_amounts,
)
from spark_kit.i18n import t
from spark_kit.i18n.formatting import LOCALES
from spark_kit.viz.finance_charts import cashflow_chart

P = "app.financing.cashflow"
NEW = -1  # the line chooser's "new line"
FIELD_OF_HEADER = {header: field for field, header in HEADERS.items()}
FIELD_OF_BUDGET_HEADER = {header: field for field, header in BUDGET_HEADERS.items()}
SETTINGS = ("horizon", "start_month", "start_year", "opening_balance", "buffer")
GRANT_ONLY = ("payment", "delay")
ARREARS_ONLY = ("every", "withheld")
NOT_FOR_GRANTS = ("pattern", "amounts")


def month_names(lang: str) -> list[tuple[str, int]]:
    """The twelve calendar months (``Januari`` …) as choices 1–12, through Babel."""
    names = get_month_names("wide", locale=LOCALES[lang])
    return [(str(names[m]).capitalize(), m) for m in range(1, 13)]


def _key(text: str) -> str:
    return " ".join(str(text).casefold().replace(".", "").split())


def parse_budget_month(text: str, budget: CashFlowBudget, lang: str = "sv") -> int:
    """A budget month (1 = the budget's first) from what a person typed: its number
    (``"8"``), its calendar name with the year (``"augusti 2027"``, ``"Aug 2027"``,
    ``"2027-08"``) or, when the name occurs once in the budget, without the year
    (``"augusti"``). Names are read in Swedish and English. A number is returned as it is
    (the budget's rules judge its range); a name that is not in the budget, or that occurs
    more than once, raises :class:`SparkInputError`.
    """
    typed = _key(text)
    horizon = budget.horizon
    example = month_label(budget, min(3, horizon), lang)
    if re.fullmatch(r"[+\-\u2212]?\d+", typed):
        return int(typed.replace("\u2212", "-"))
    months = range(1, horizon + 1)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})", typed)
    if iso and budget.start_year is not None:
        year, calendar = int(iso.group(1)), int(iso.group(2))
        index = (year - budget.start_year) * 12 + calendar - budget.start_month + 1
        if 1 <= calendar <= 12 and index in months:
            return index
    for name_lang in ("sv", "en"):
        for width in ("wide", "abbreviated"):
            full = [_key(month_label(budget, m, name_lang, width)) for m in months]
            if typed in full and budget.start_year is not None:
                return full.index(typed) + 1
            bare = [_key(month_label(budget, m, name_lang, width, with_year=False)) for m in months]
            found = [m for m, name in zip(months, bare, strict=True) if name == typed]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise SparkInputError(
                    InputProblem(
                        "app.financing.cashflow.ambiguous_month",
                        value=text.strip(),
                        params={
                            "months": ", ".join(map(str, found)),
                            "example": month_label(budget, found[0], lang),
                        },
                    )
                )
    raise SparkInputError(
        InputProblem(
            "app.financing.cashflow.unknown_month",
            value=text.strip(),
            params={
                "first": month_label(budget, 1, lang),
                "last": month_label(budget, horizon, lang),
                "horizon": horizon,
                "example": example,
            },
        )
    )


class CashFlowPanel(LazyPanel):
    """The likviditetsbudget of ``assessment.cashflow``: settings, lines, gap and chart.

    Public parts for tests and the frame: ``settings_form`` and ``line_form``
    (:class:`~spark_kit.apps.form_widgets.InlineForm`; ``line_form.widgets["line"]`` chooses
    the line to edit, :data:`NEW` for a new one), the buttons ``save_settings_button``,
    ``save_line_button``, ``remove_line_button``, and the HTML widgets ``figures``,
    ``chart``, ``lines_table`` and ``month_table``. :meth:`save_settings`,
    :meth:`save_line` and :meth:`remove_line` return whether they committed.
    ``timings`` holds the seconds from each edit to the redrawn chart (for information).
    """

    title_key = f"{P}.title"

    def __init__(self) -> None:
        super().__init__()
        self._settings_shown: tuple | None = None
        self._line_shown: tuple[int, CashFlowLine | None, tuple] | None = None
        self.result: CashFlowResult | None = None

    # --- construction -------------------------------------------------------------------------

    def _build(self) -> None:
        self.intro = w.HTML()
        self.headings = {k: w.HTML() for k in ("result", "settings", "lines", "edit")}
        self.figures = w.HTML()
        self.figures.add_class("spark-result")
        self.chart = w.HTML()
        self.chart.add_class("spark-diagram")
        self.month_table = w.HTML()
        self.settings_form = InlineForm(
            [
                Field("start_month", f"{P}.field.start_month", "choice", month_names),
                Field("start_year", f"{P}.field.start_year", hint_key=f"{P}.hint.optional"),
                Field("horizon", f"{P}.field.horizon"),
                Field("opening_balance", f"{P}.field.opening_balance"),
                Field("buffer", f"{P}.field.buffer"),
            ],
            self.lang,
        )
        self.save_settings_button = action_button(self.save_settings, "primary")
        self.lines_table = w.HTML()
        self.line_form = InlineForm(
            [
                Field("line", f"{P}.field.line", "choice", self._line_options),
                Field("kind", f"{P}.field.kind", "choice", self._kind_options),
                Field("description", f"{P}.field.description"),
                Field("amount", f"{P}.field.amount"),
                Field("pattern", f"{P}.field.pattern", "choice", self._pattern_options),
                Field("amounts", f"{P}.field.amounts", hint_key=f"{P}.hint.amounts"),
                Field("month", f"{P}.field.month", hint_key=f"{P}.hint.month"),
                Field("end_month", f"{P}.field.end_month", hint_key=f"{P}.hint.end_month"),
                Field("payment", f"{P}.field.payment", "choice", self._payment_options),
                Field("every", f"{P}.field.every", hint_key=f"{P}.hint.every"),
                Field("delay", f"{P}.field.delay", hint_key=f"{P}.hint.delay"),
                Field("withheld", f"{P}.field.withheld", hint_key=f"{P}.hint.withheld"),
            ],
            self.lang,
        )
        self.line_hint = w.HTML()
        self.line_form.widgets["line"].observe(lambda _: self._fill_line_editor(), "value")
        self.line_form.widgets["kind"].observe(lambda _: self._show_line_fields(), "value")
        self.line_form.widgets["payment"].observe(lambda _: self._show_line_fields(), "value")
        self.save_line_button = action_button(self.save_line, "success")
        self.remove_line_button = action_button(self.remove_line, "danger")
        self.widget.children = [
            self.intro,
            self.headings["result"],
            self.figures,
            self.chart,
            self.month_table,
            self.headings["settings"],
            self.settings_form.box,
            w.Box([self.save_settings_button], layout=ROW),
            self.headings["lines"],
            self.lines_table,
            self.headings["edit"],
            self.line_hint,
            self.line_form.box,
            w.Box([self.save_line_button, self.remove_line_button], layout=ROW),
        ]

    # --- choices ------------------------------------------------------------------------------

    @property
    def budget(self) -> CashFlowBudget:
        assert self.assessment is not None
        return self.assessment.cashflow

    def _line_options(self, lang: str) -> list[tuple[str, int]]:
        lines = [] if self.assessment is None else self.budget.lines
        named = [(f"{i + 1}. {line.name(lang)}"[:70], i) for i, line in enumerate(lines)]
        return [(t("app.financing.cashflow.new_line", lang), NEW), *named]

    def _kind_options(self, lang: str) -> list[tuple[str, str]]:
        return [(kind.label(lang), kind.value) for kind in LineKind]

    def _pattern_options(self, lang: str) -> list[tuple[str, str]]:
        return [(pattern.label(lang), pattern.value) for pattern in Pattern]

    def _payment_options(self, lang: str) -> list[tuple[str, str]]:
        return [(rule.label(lang), rule.value) for rule in PaymentRule]

    # --- drawing ------------------------------------------------------------------------------

    def update(self, relabelled: bool) -> None:
        self._sync_settings()
        self.line_form.refresh_options()
        self._sync_line_editor()
        self._draw_lines()
        self._draw_results()

    def _relabel(self) -> None:
        lang = self.lang
        self.intro.value = paragraph(t(f"{P}.intro", lang), "spark-muted")
        set_headings(self.headings, f"{P}.heading", lang)
        self.settings_form.relabel(lang)
        self.settings_form.widgets["horizon"].placeholder = t(
            f"{P}.hint.horizon", lang, min=MIN_HORIZON, max=MAX_HORIZON
        )
        self.line_form.relabel(lang)
        label_buttons(
            {
                self.save_settings_button: f"{P}.button.save_settings",
                self.save_line_button: f"{P}.button.save_line",
                self.remove_line_button: f"{P}.button.remove_line",
            },
            lang,
        )
        self._show_line_fields()

    def _settings_of(self, budget: CashFlowBudget) -> tuple:
        return tuple(getattr(budget, name) for name in SETTINGS)

    def _sync_settings(self) -> None:
        """Fill the settings from the budget when the budget's settings changed (so that a
        language switch keeps what is typed but not yet saved)."""
        settings = self._settings_of(self.budget)
        if settings == self._settings_shown:
            return
        budget = self.budget
        self.settings_form.fill(
            {
                "start_month": budget.start_month,
                "start_year": "" if budget.start_year is None else str(budget.start_year),
                "horizon": str(budget.horizon),
                "opening_balance": field_number(budget.opening_balance),
                "buffer": field_number(budget.buffer),
            }
        )
        self._settings_shown = settings

    def _sync_line_editor(self) -> None:
        """Refill the line editor when the chosen line or the calendar changed."""
        index = self.line_form.widgets["line"].value
        line = self.budget.lines[index] if 0 <= index < len(self.budget.lines) else None
        key = (index, line, self._settings_of(self.budget))
        shown = self._line_shown
        if shown is None or index != shown[0] or (index != NEW and key != shown):
            self._fill_line_editor()

    def _fill_line_editor(self) -> None:
        index = self.line_form.widgets["line"].value
        budget = self.budget
        lang = self.lang
        self.line_form.clear_errors()
        line = budget.lines[index] if 0 <= index < len(budget.lines) else None
        self._line_shown = (index, line, self._settings_of(budget))
        if line is None:
            self.line_form.fill(
                {
                    "description": "",
                    "amount": "",
                    "amounts": "",
                    "month": month_label(budget, 1, lang) if budget.start_year else "1",
                    "end_month": "",
                    "every": "",
                    "delay": "",
                    "withheld": "",
                }
            )
            self._show_line_fields()
            return

        def month_text(month: int | None) -> str:
            if month is None:
                return ""
            if budget.start_year is None or not 1 <= month <= budget.horizon:
                return str(month)
            return month_label(budget, month, lang)

        self.line_form.fill(
            {
                "kind": line.kind.value,
                "description": line.description,
                "amount": field_number(line.amount),
                "pattern": (line.pattern or Pattern.MONTHLY).value,
                "amounts": "; ".join(field_number(a) for a in line.amounts or []),
                "month": month_text(line.month),
                "end_month": month_text(line.end_month),
                "payment": (line.payment or PaymentRule.ARREARS).value,
                "every": "" if line.every is None else str(line.every),
                "delay": "" if line.delay is None else str(line.delay),
                "withheld": "" if line.withheld is None else format_share(line.withheld, lang),
            }
        )
        self._show_line_fields()

    def _show_line_fields(self) -> None:
        values = self.line_form.values()
        grant = values["kind"] == LineKind.GRANT.value
        arrears = grant and values["payment"] == PaymentRule.ARREARS.value
        for name in GRANT_ONLY:
            self.line_form.set_visible(name, grant)
        for name in ARREARS_ONLY:
            self.line_form.set_visible(name, arrears)
        for name in NOT_FOR_GRANTS:
            self.line_form.set_visible(name, not grant)
        editing = values["line"] != NEW
        self.remove_line_button.layout.display = "flex" if editing else "none"
        hint = t(f"{P}.hint.grant" if grant else f"{P}.hint.line", self.lang)
        self.line_hint.value = paragraph(hint, "spark-muted")

    def _draw_lines(self) -> None:
        lang = self.lang
        budget = self.budget
        if not budget.lines:
            self.lines_table.value = paragraph(t(f"{P}.no_lines", lang))
            return
        headers = [t(f"{P}.col.{c}", lang) for c in ("number", "kind", "description")]
        headers += [t(f"{P}.col.{c}", lang) for c in ("amount", "months", "payment")]
        rows = [
            [
                str(i + 1),
                line.kind.label(lang),
                line.description,
                self._amount_text(line),
                self._months_text(line),
                self._payment_text(line),
            ]
            for i, line in enumerate(budget.lines)
        ]
        self.lines_table.value = html_table(headers, rows)

    def _amount_text(self, line: CashFlowLine) -> str:
        lang = self.lang
        if line.kind == LineKind.GRANT:
            return t(f"{P}.text.granted", lang, amount=kr(line.amount or 0, lang))
        if line.amounts is not None:
            shown = ", ".join(kr(a, lang) for a in line.amounts[:4])
            more = " …" if len(line.amounts) > 4 else ""
            return t(f"{P}.text.amounts", lang, count=len(line.amounts), amounts=shown + more)
        pattern = (line.pattern or Pattern.MONTHLY).label(lang)
        return f"{kr(line.amount or 0, lang)} {pattern}"

    def _months_text(self, line: CashFlowLine) -> str:
        budget, lang = self.budget, self.lang
        start = month_label(budget, line.month, lang)
        if line.amounts is not None and line.kind != LineKind.GRANT:
            end = line.month + len(line.amounts) - 1
            return t(f"{P}.text.months", lang, start=start, end=month_label(budget, end, lang))
        if line.pattern == Pattern.ONCE:
            return start
        if line.end_month is None:
            return t(f"{P}.text.from", lang, start=start)
        end = month_label(budget, line.end_month, lang)
        return t(f"{P}.text.months", lang, start=start, end=end)

    def _payment_text(self, line: CashFlowLine) -> str:
        if line.kind != LineKind.GRANT or line.payment is None:
            return ""
        lang = self.lang
        rule = line.payment.label(lang)
        delay = line.delay or 0
        if line.payment == PaymentRule.ARREARS:
            text = t(f"{P}.text.arrears", lang, rule=rule, every=line.every or 3, delay=delay)
            if line.withheld:
                share = format_share(line.withheld, lang)
                text += " " + t(f"{P}.text.withheld", lang, share=share)
            return text
        return t(f"{P}.text.payment", lang, rule=rule, delay=delay)

    def _draw_results(self) -> None:
        lang = self.lang
        try:
            result = compute_cashflow(self.budget)
        except SparkInputError as error:  # a stored budget that breaks the rules
            self.result = None
            self.figures.value = (
                f'<div class="spark-error" role="alert">{esc(t(f"{P}.cannot_compute", lang))}'
                f"<br>{esc(error.message(lang, with_location=False))}</div>"
            )
            self.chart.value = ""
            self.month_table.value = ""
            return
        self.result = result
        self.figures.value = self._figures_html(result)
        profile = self.assessment.profile if self.assessment else None
        fictional = bool(profile and profile.fictional)
        self.chart.value = chart_html(cashflow_chart(result, lang, fictional=fictional))
        self.month_table.value = folded(t(f"{P}.table_summary", lang), self._month_rows(result))

    def _figures_html(self, result: CashFlowResult) -> str:
        lang = self.lang
        budget = result.budget
        rows = [
            [t(f"{P}.fig.gap", lang), kr(result.funding_gap, lang)],
            [
                t(f"{P}.fig.gap_month", lang),
                result.month_label(result.gap_month, lang) if result.gap_month else "–",
            ],
            [
                t(f"{P}.fig.lowest", lang),
                t(
                    f"{P}.fig.lowest_value",
                    lang,
                    amount=kr(result.lowest_balance, lang),
                    month=result.month_label(result.lowest_month, lang),
                ),
            ],
            [t(f"{P}.fig.bridge", lang, buffer=kr(budget.buffer, lang)), kr(result.bridge, lang)],
        ]
        if result.bridge > 0:
            rows.append(
                [t(f"{P}.fig.bridge_from", lang), result.month_label(result.bridge_from or 1, lang)]
            )
            repay = (
                result.month_label(result.bridge_repay_month, lang)
                if result.bridge_repay_month
                else t(f"{P}.fig.never", lang)
            )
            rows.append([t(f"{P}.fig.repay", lang), repay])
        table = html_table([t(f"{P}.fig.what", lang), t(f"{P}.fig.value", lang)], rows, {1})
        note = "" if budget.lines else paragraph(t(f"{P}.no_lines", lang))
        return (
            f'<p class="spark-summary" role="status">{esc(result.summary(lang))}</p>{table}{note}'
        )

    def _month_rows(self, result: CashFlowResult) -> str:
        lang = self.lang
        keys = ("month", "opening", "inflow", "outflow", "net", "closing")
        headers = [t(f"cashflow.col.{k}", lang) for k in keys]
        labels = result.month_labels(lang, "wide")
        rows = [
            [
                labels[i],
                *(
                    kr(float(v[i]), lang)
                    for v in (
                        result.opening,
                        result.inflow,
                        result.outflow,
                        result.net,
                        result.closing,
                    )
                ),
            ]
            for i in range(result.horizon)
        ]
        return html_table(headers, rows, {1, 2, 3, 4, 5})

    # --- edits --------------------------------------------------------------------------------

    def _commit_budget(self, budget: CashFlowBudget, started: float) -> None:
        assert self.assessment is not None
        self.commit(self.assessment.model_copy(update={"cashflow": budget}))
        self.timings.append(time.perf_counter() - started)

    def save_settings(self) -> bool:
        """Apply the settings form: start month and year, months, opening cash, buffer."""
        started = time.perf_counter()
        form, lang = self.settings_form, self.lang
        reader = Reader(form, lang)
        horizon = reader.integer("horizon")
        start_year = reader.integer("start_year", required=False)
        opening = reader.number("opening_balance", required=False, default=0.0)
        buffer = reader.number("buffer", required=False, default=0.0)
        if not reader.ok:
            reader.report()
            return False
        budget = self.budget.model_copy(
            update={
                "horizon": horizon,
                "start_month": form.values()["start_month"],
                "start_year": start_year,
                "opening_balance": opening,
                "buffer": buffer,
            }
        )
        form.clear_errors()
        problems = budget_problems(budget)
        if problems:
            form.show_error(problems, lang, self._settings_field)
            return False
        self._commit_budget(budget, started)
        form.notice.ok(t("app.financing.cashflow.done.settings", lang))
        return True

    @staticmethod
    def _settings_field(problem: InputProblem) -> str | None:
        if problem.sheet == BUDGET_SHEET:
            return FIELD_OF_BUDGET_HEADER.get(problem.column or "")
        return None

    def _read_line(self, reader: Reader) -> CashFlowLine | None:
        values = self.line_form.values()
        kind = LineKind(values["kind"])
        grant = kind == LineKind.GRANT
        budget = self.budget

        def month(name: str, required: bool) -> int | None:
            text = reader.text(name)
            if not text:
                if required:
                    reader.fail(name, "value.required")
                return None
            try:
                return parse_budget_month(text, budget, self.lang)
            except SparkInputError as error:
                reader.fail_with(name, error)
                return None

        amounts: list[float] | None = None
        if not grant and reader.text("amounts"):
            parsed = parse_amounts(reader.text("amounts"))
            if isinstance(parsed, str):
                reader.fail("amounts", "cashflow.amounts_list", parsed)
            else:
                amounts = parsed
        amount = reader.number("amount", required=False)
        start = month("month", required=True)
        end = month("end_month", required=False)
        payment = every = delay = withheld = None
        if grant:
            payment = PaymentRule(values["payment"])
            delay = reader.integer("delay", required=False)
            if payment == PaymentRule.ARREARS:
                every = reader.integer("every", required=False)
                withheld = reader.share("withheld", required=False)
        if not reader.ok:
            return None
        pattern = None
        if not grant and amounts is None and values["pattern"] != Pattern.MONTHLY.value:
            pattern = Pattern(values["pattern"])
        return CashFlowLine(
            kind=kind,
            description=reader.text("description"),
            amount=amount,
            pattern=pattern,
            amounts=amounts,
            month=start,
            end_month=end,
            payment=payment,
            every=every,
            delay=delay,
            withheld=withheld,
        )

    def save_line(self) -> bool:
        """Add the line in the editor (new) or replace the chosen line with it."""
        started = time.perf_counter()
        form, lang = self.line_form, self.lang
        reader = Reader(form, lang)
        line = self._read_line(reader)
        if line is None:
            reader.report()
            return False
        index = form.values()["line"]
        lines = list(self.budget.lines)
        if index == NEW:
            lines.append(line)
            index = len(lines) - 1
        else:
            lines[index] = line
        budget = self.budget.model_copy(update={"lines": lines})
        form.clear_errors()
        problems = budget_problems(budget)
        if problems:
            row = index + 2

            def field_of(problem: InputProblem) -> str | None:
                if problem.sheet == LINES_SHEET and problem.row == row:
                    return FIELD_OF_HEADER.get(problem.column or "")
                return None

            form.show_error(problems, lang, field_of)
            return False
        added = form.values()["line"] == NEW
        self._commit_budget(budget, started)
        with form.quiet():
            form.refresh_options()
            form.widgets["line"].value = index
        self._fill_line_editor()
        key = "done.line_added" if added else "done.line_saved"
        form.notice.ok(t(f"app.financing.cashflow.{key}", lang, line=line.name(lang)))
        return True

    def remove_line(self) -> bool:
        """Remove the chosen line."""
        started = time.perf_counter()
        form, lang = self.line_form, self.lang
        index = form.values()["line"]
        if index == NEW:
            return False
        lines = list(self.budget.lines)
        removed = lines.pop(index)
        budget = self.budget.model_copy(update={"lines": lines})
        problems = budget_problems(budget)
        if problems:  # cannot happen with valid lines, but never commit a broken budget
            form.show_error(problems, lang, lambda p: None)
            return False
        with form.quiet():
            form.widgets["line"].value = NEW
        self._commit_budget(budget, started)
        self._fill_line_editor()
        form.notice.ok(t("app.financing.cashflow.done.line_removed", lang, line=removed.name(lang)))
        return True

    # --- files ----------------------------------------------------------------------------------

    def downloads(self) -> list[Any]:
        """The cash-flow chart as PNG, for the frame's downloads (none for an empty or
        unusable budget)."""
        from spark_kit.apps.frame import Download, file_slug

        if self.assessment is None or not self.budget.lines:
            return []
        try:
            result = compute_cashflow(self.budget)
        except SparkInputError:
            return []
        fictional = self.assessment.profile.fictional
        chart = cashflow_chart(result, self.lang, fictional=fictional)
        return [
            Download(
                chart.to_bytes("png"),
                f"{file_slug(self.assessment.profile.name)}-"
                f"{t('app.financing.cashflow.file', self.lang)}.png",
                "image/png",
                t("app.financing.cashflow.download_png", self.lang),
            )
        ]
