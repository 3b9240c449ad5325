"""The SROI calculator (SROI-kalkylatorn): edit the value map, ask "what if?", see the result.

:class:`SroiPanel` is a view over :mod:`spark_kit.impact.sroi`: the key figures come from
:func:`~spark_kit.impact.sroi.calculate_sroi` (the function behind ``spark-kit sroi``), the
tornado chart from :func:`~spark_kit.impact.sroi.one_at_a_time`, the break-even table from
:func:`~spark_kit.impact.sroi.break_even` and the simulation from
:func:`~spark_kit.impact.sroi.monte_carlo`. Nothing is computed here.

Two kinds of change, and the panel says which is which:

- **Edits to the value map** (outcome rows, inputs, the conventions and — with its own
  button — the discount rate) are checked field by field with the workbook's cell parsing
  and committed as a new assessment.
- **The what-if sliders** (deadweight, displacement, attribution and drop-off changed
  relatively on every row, as in the sensitivity analysis, and the discount rate) change
  only what is shown: a second column of key figures and the charts. The saved value map is
  untouched until "Spara diskonteringsräntan i kalkylen" is pressed (the discount rate is a
  convention of the value map; the filter sliders are never saved).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from spark_kit.apps import html_parts
from spark_kit.apps.form_widgets import (
    AUTO,
    NEW,
    WRAP,
    FieldParser,
    LazyTabs,
    Quiet,
    action_button,
    field_number,
    format_share,
    label_buttons,
    parse_typed,
    problems_text,
    put_row,
    set_headings,
    validated,
)
from spark_kit.apps.html_parts import badge, chart_html, esc, html_table, paragraph
from spark_kit.apps.panel import Panel
from spark_kit.apps.widgets import FieldSpec, Notice, RecordForm
from spark_kit.assessment import value_map_stakeholders
from spark_kit.errors import SparkInputError
from spark_kit.i18n import format_money, format_number, format_percent, t
from spark_kit.impact.sroi import (
    BetaPrior,
    Conventions,
    Input,
    MonteCarloSpec,
    OutcomeRow,
    Relative,
    SroiResult,
    ValueMap,
    break_even,
    calculate_sroi,
    monte_carlo,
    one_at_a_time,
)
from spark_kit.impact.sroi.model import InputKind
from spark_kit.impact.sroi.sensitivity import FRACTIONS, changed_value_map
from spark_kit.viz.sroi_charts import monte_carlo_chart, tornado_chart, value_by_year_chart
from spark_kit.workbook.schema import INPUTS, OUTCOMES, SETTINGS, Column, Kind

__all__ = ["SroiPanel", "what_if_value_map"]

SLIDER_LAYOUT = {"width": "100%", "max_width": "30em"}
SLIDER_STYLE = {"description_width": "12em"}
WHAT_IF_PARAMETERS = ("deadweight", "displacement", "attribution", "drop_off")

#: The value map the what-if view shows: the saved one with the share parameters changed
#: relatively on every row and another discount rate (the package's
#: :func:`~spark_kit.impact.sroi.sensitivity.changed_value_map`).
what_if_value_map = changed_value_map


# --- field specifications --------------------------------------------------------------------

OUTCOME_COLUMNS = {c.field: c for c in OUTCOMES.columns}
INPUT_COLUMNS = {c.field: c for c in INPUTS.columns}
RATE_COLUMN = next(c for c in SETTINGS.columns if c.field == "discount_rate")
SEED_COLUMN = Column("seed", "slumpfrö", "seed", Kind.INTEGER, True, minimum=0, maximum=2**32 - 1)
OUTCOME_FIELDS = (
    "stakeholder",
    "outcome",
    "indicator",
    "quantity",
    "financial_proxy",
    "duration_years",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "proxy_source",
    "proxy_year",
    "evidence_source",
    "actor",
    "stakeholder_voice",
)
NUMBER_FIELDS = ("quantity", "financial_proxy", "duration_years", "proxy_year")
INPUT_FIELDS = ("stakeholder", "description", "amount", "year")


@dataclass(frozen=True)
class RowPart:
    """A list of the value map edited row by row in a form (outcome rows, inputs)."""

    field: str  # the value map's list
    chooser: str  # the form's row chooser (value NEW: a new row)
    names: tuple[str, ...]  # the typed fields, parsed as the workbook's columns
    columns: dict[str, Column]
    label: str  # the label keys of the typed fields: label + name
    choices: tuple[str, ...]  # the choice fields, taken as chosen
    model: type[OutcomeRow] | type[Input]


PARTS = {
    "outcome": RowPart(
        "outcomes",
        "row",
        OUTCOME_FIELDS,
        OUTCOME_COLUMNS,
        "app.sroi.field.",
        ("outcome_start",),
        OutcomeRow,
    ),
    "input": RowPart(
        "inputs", "input", INPUT_FIELDS, INPUT_COLUMNS, "app.sroi.field.input_", ("kind",), Input
    ),
}

MC_DRAWS = (1_000, 10_000, 50_000)
DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 2026
RATE_MAX = 0.15  # the slider's upper end (higher saved rates stretch it)


def _start_options(lang: str) -> list[tuple[str, int]]:
    return [(t("app.sroi.start.1", lang), 1), (t("app.sroi.start.2", lang), 2)]


def _kind_options(lang: str) -> list[tuple[str, str]]:
    return [(t(f"app.sroi.input_kind.{k.name.lower()}", lang), k.value) for k in InputKind]


def _dropoff_options(lang: str) -> list[tuple[str, str]]:
    return [(t("app.sroi.conv.year2", lang), "year2"), (t("app.sroi.conv.year1", lang), "year1")]


def _first_year_options(lang: str) -> list[tuple[str, bool]]:
    return [
        (t("app.sroi.conv.discount_yes", lang), True),
        (t("app.sroi.conv.discount_no", lang), False),
    ]


def _filter_options(lang: str) -> list[tuple[str, str]]:
    return [
        (t("app.sroi.conv.multiplicative", lang), "multiplicative"),
        (t("app.sroi.conv.additive", lang), "additive"),
    ]


def _signed_percent(change: float, lang: str) -> str:
    text = format_percent(abs(change), lang)
    return ("+" if change > 0 else "−" if change < 0 else "±") + text


class SroiPanel(Panel):
    """SROI-kalkylatorn: the value map as forms, the result, what-if sliders and sensitivity.

    Public API (besides :class:`~spark_kit.apps.panel.Panel`'s ``show``/``render``/
    ``commit``):

    - ``outcome_form`` / ``input_form`` (:class:`RecordForm`; the ``row`` and ``input``
      choosers pick a row, value 0 = a new one) with :meth:`save_outcome`,
      :meth:`remove_outcome`, :meth:`save_input`, :meth:`remove_input`;
    - ``conventions_form`` (dropoff_start, discount_first_year, filters: committed on change);
    - ``rate_slider`` (what-if) and :meth:`save_rate`; ``what_if_sliders`` (parameter →
      IntSlider of the relative change in per cent) and :meth:`reset_what_if`;
    - ``summary`` (key figures), ``warnings``, ``value_map_table``, ``charts`` (a
      :class:`LazyTabs`: value by year, tornado, break-even, Monte Carlo), and
      :meth:`run_monte_carlo` (``mc_draws``, ``mc_seed``);
    - :meth:`what_if_map`: the value map the what-if view shows.
    """

    title_key = "app.sroi.title"

    def __init__(self) -> None:
        super().__init__()
        self._quiet = Quiet()
        self._filled: dict[str, Any] = {"outcome": None, "input": None}
        self._select: dict[str, int] = {}
        self._rate_seen: float | None = None
        self._shown_map: ValueMap | None = None
        self._shown_result: SroiResult | None = None
        self._mc_key: str | None = None
        self._mc_result = None
        self._synced_map: ValueMap | None = None
        self._committed_map: ValueMap | None = None
        self._build()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        lang = self.lang
        self.heading = w.HTML()
        self.summary = w.HTML()
        self.summary.add_class("spark-result")
        self.warnings = w.HTML()
        self.headings = {key: w.HTML() for key in ("map", "conventions", "what_if", "charts")}

        self.value_map_table = w.HTML()
        self._build_outcome_form(lang)
        self._build_input_form(lang)
        self.edit_tabs = w.Tab(children=[self.outcome_box, self.input_box])
        self.forms = {"outcome": self.outcome_form, "input": self.input_form}
        self.notices = {"outcome": self.outcome_notice, "input": self.input_notice}

        self.conventions_form = RecordForm(
            [
                FieldSpec(
                    "dropoff_start", "app.sroi.conv.dropoff_start", "choice", _dropoff_options
                ),
                FieldSpec(
                    "discount_first_year",
                    "app.sroi.conv.discount_first_year",
                    "choice",
                    _first_year_options,
                ),
                FieldSpec("filters", "app.sroi.conv.filters", "choice", _filter_options),
            ],
            lang,
        )
        for widget in self.conventions_form.widgets.values():
            widget.observe(self._on_convention, "value")
        self.conventions_notice = Notice()
        self.conventions_help = w.HTML()

        self.rate_slider = w.FloatSlider(
            min=0.0,
            max=RATE_MAX,
            step=0.001,
            readout=False,
            continuous_update=False,
            layout=SLIDER_LAYOUT,
            style=SLIDER_STYLE,
        )
        self.rate_slider.observe(self._on_what_if, "value")
        self.rate_readout = w.HTML()
        self.save_rate_button = action_button(self.save_rate)
        self.rate_notice = Notice()

        self.what_if_help = w.HTML()
        self.what_if_sliders: dict[str, w.IntSlider] = {}
        self.what_if_readouts: dict[str, w.HTML] = {}
        rows = []
        for name in WHAT_IF_PARAMETERS:
            slider = w.IntSlider(
                value=0,
                min=-100,
                max=100,
                step=5,
                readout=False,
                continuous_update=False,
                layout=SLIDER_LAYOUT,
                style=SLIDER_STYLE,
            )
            slider.observe(self._on_what_if, "value")
            self.what_if_sliders[name] = slider
            self.what_if_readouts[name] = w.HTML()
            rows.append(w.Box([slider, self.what_if_readouts[name]], layout=WRAP))
        self.reset_button = action_button(self.reset_what_if)
        self.what_if_banner = w.HTML()

        self.by_year = w.HTML()
        self.by_year.add_class("spark-diagram")
        self.tornado = w.HTML()
        self.break_even_table = w.HTML()
        self._build_monte_carlo()
        self.charts = LazyTabs(
            [
                (self.by_year, self._draw_by_year),
                (self.tornado, self._draw_tornado),
                (self.break_even_table, self._draw_break_even),
                (self.mc_box, self._draw_monte_carlo),
            ]
        )

        self.widget.children = [
            self.heading,
            self.summary,
            self.what_if_banner,
            self.warnings,
            self.headings["map"],
            self.value_map_table,
            self.edit_tabs,
            self.headings["conventions"],
            self.conventions_help,
            self.conventions_form.box,
            self.conventions_notice.widget,
            w.Box([self.rate_slider, self.rate_readout, self.save_rate_button], layout=WRAP),
            self.rate_notice.widget,
            self.headings["what_if"],
            self.what_if_help,
            *rows,
            self.reset_button,
            self.headings["charts"],
            self.charts.tab,
        ]

    def _build_outcome_form(self, lang: str) -> None:
        kinds = {name: "number" for name in NUMBER_FIELDS + FRACTIONS}
        kinds["stakeholder_voice"] = "textarea"
        fields = [FieldSpec("row", "app.sroi.field.row", "choice", self._outcome_options)]
        for name in OUTCOME_FIELDS:
            fields.append(FieldSpec(name, f"app.sroi.field.{name}", kinds.get(name, "text")))
            if name == "duration_years":
                fields.append(
                    FieldSpec(
                        "outcome_start", "app.sroi.field.outcome_start", "choice", _start_options
                    )
                )
        self.outcome_form = RecordForm(fields, lang)
        self.outcome_form.widgets["row"].observe(lambda _: self._fill("outcome"), "value")
        self.save_outcome_button = action_button(self.save_outcome, "success")
        self.remove_outcome_button = action_button(self.remove_outcome, "danger")
        self.outcome_notice = Notice()
        self.outcome_help = w.HTML()
        self.outcome_box = w.VBox(
            [
                self.outcome_help,
                self.outcome_form.box,
                w.Box([self.save_outcome_button, self.remove_outcome_button], layout=WRAP),
                self.outcome_notice.widget,
            ]
        )

    def _build_input_form(self, lang: str) -> None:
        fields = [FieldSpec("input", "app.sroi.field.input", "choice", self._input_options)]
        fields += [
            FieldSpec(
                name,
                f"app.sroi.field.input_{name}",
                "number" if name in ("amount", "year") else "text",
            )
            for name in INPUT_FIELDS
        ]
        fields.append(FieldSpec("kind", "app.sroi.field.input_kind", "choice", _kind_options))
        self.input_form = RecordForm(fields, lang)
        self.input_form.widgets["input"].observe(lambda _: self._fill("input"), "value")
        self.save_input_button = action_button(self.save_input, "success")
        self.remove_input_button = action_button(self.remove_input, "danger")
        self.input_notice = Notice()
        self.input_box = w.VBox(
            [
                self.input_form.box,
                w.Box([self.save_input_button, self.remove_input_button], layout=WRAP),
                self.input_notice.widget,
            ]
        )

    def _build_monte_carlo(self) -> None:
        self.mc_help = w.HTML()
        self.mc_draws = w.Dropdown(options=[], layout=AUTO)
        self.mc_seed = w.Text(
            value=str(DEFAULT_SEED), layout={"width": "auto", "max_width": "20em"}
        )
        self.mc_button = action_button(self.run_monte_carlo, "primary")
        self.mc_notice = Notice()
        self.mc_output = w.HTML()
        self.mc_box = w.VBox(
            [
                self.mc_help,
                w.Box([self.mc_draws, self.mc_seed, self.mc_button], layout=WRAP),
                self.mc_notice.widget,
                self.mc_output,
            ]
        )

    # --- choices ----------------------------------------------------------------------------

    @property
    def value_map(self) -> ValueMap:
        return self.assessment.value_map

    def _outcome_options(self, lang: str) -> list[tuple[str, int]]:
        rows = [
            (f"{i}: {row.stakeholder} – {row.outcome}"[:80], i)
            for i, row in enumerate(self.value_map.outcomes if self.assessment else [], start=1)
        ]
        return [*rows, (t("app.sroi.new_outcome", lang), NEW)]

    def _input_options(self, lang: str) -> list[tuple[str, int]]:
        rows = [
            (
                f"{i}: {item.stakeholder} – {item.description or format_money(item.amount, lang)}"[
                    :80
                ],
                i,
            )
            for i, item in enumerate(self.value_map.inputs if self.assessment else [], start=1)
        ]
        return [*rows, (t("app.sroi.new_input", lang), NEW)]

    # --- drawing ----------------------------------------------------------------------------

    def render(self) -> None:
        if self.assessment is None:
            return
        with self._quiet:
            self._relabel()
            self._sync_forms()
            self._sync_conventions()
        self._redraw()

    def _relabel(self) -> None:
        lang = self.lang
        profile = self.assessment.profile
        mark = badge(t("app.fictional", lang)) if profile.fictional else ""
        # the frame shows the title (h1, and h2 for a step); the panel starts with its intro
        self.heading.value = f"<p>{esc(t('app.sroi.intro', lang))}{mark}</p>"
        set_headings(self.headings, "app.sroi.heading", lang)
        for form in (self.outcome_form, self.input_form, self.conventions_form):
            form.relabel(lang)
        self.outcome_help.value = paragraph(t("app.sroi.outcome_help", lang))
        self.edit_tabs.set_title(0, t("app.sroi.tab.outcomes", lang))
        self.edit_tabs.set_title(1, t("app.sroi.tab.inputs", lang))
        label_buttons(
            {
                self.save_outcome_button: "app.sroi.button.save_outcome",
                self.remove_outcome_button: "app.sroi.button.remove_outcome",
                self.save_input_button: "app.sroi.button.save_input",
                self.remove_input_button: "app.sroi.button.remove_input",
                self.save_rate_button: "app.sroi.button.save_rate",
                self.reset_button: "app.sroi.button.reset",
                self.mc_button: "app.sroi.button.monte_carlo",
            },
            lang,
        )
        self.conventions_help.value = paragraph(t("app.sroi.conventions_help", lang))
        self.rate_slider.description = t("app.sroi.field.discount_rate", lang)
        self.what_if_help.value = paragraph(t("app.sroi.what_if_help", lang))
        for name, slider in self.what_if_sliders.items():
            slider.description = t(f"sroi.param.{name}", lang)
        self.charts.set_titles(
            [
                t(f"app.sroi.tab.{key}", lang)
                for key in ("by_year", "tornado", "break_even", "monte_carlo")
            ]
        )
        self.mc_help.value = paragraph(
            t("app.sroi.mc.help", lang, spec=_spec_text(MonteCarloSpec(), lang))
        )
        keep = self.mc_draws.value or DEFAULT_DRAWS
        self.mc_draws.options = [
            (t("app.sroi.mc.draws", lang, draws=format_number(n, lang)), n) for n in MC_DRAWS
        ]
        self.mc_draws.value = keep
        self.mc_seed.description = t("app.sroi.mc.seed", lang)

    def _sync_forms(self) -> None:
        """Refresh the choosers; refill a form only when its row changed underneath it (a new
        file, an edit committed), so that text being typed survives a language switch."""
        value_map = self.value_map
        if value_map is not self._synced_map and value_map is not self._committed_map:
            # another value map (a file opened, the example): start on its first rows
            self._select.setdefault("outcome", 1 if value_map.outcomes else NEW)
            self._select.setdefault("input", 1 if value_map.inputs else NEW)
        self._synced_map = value_map
        for part, spec in PARTS.items():
            form, rows = self.forms[part], getattr(value_map, spec.field)
            form.refresh_options()
            chooser = form.widgets[spec.chooser]
            if part in self._select:
                chosen = self._select.pop(part)
                chooser.value = chosen if chosen <= len(rows) else NEW
            current = rows[chooser.value - 1] if chooser.value != NEW else None
            if current != self._filled[part]:
                self._fill(part)

    def _fill(self, part: str) -> None:
        lang = self.lang
        spec, form = PARTS[part], self.forms[part]
        chosen, rows = form.widgets[spec.chooser].value, getattr(self.value_map, spec.field)
        if chosen == NEW or chosen is None or chosen > len(rows):
            self._filled[part] = None
            form.clear(*spec.names)
            return
        row = rows[chosen - 1]
        self._filled[part] = row
        values: dict[str, Any] = row.model_dump()
        for name in values:
            if name in FRACTIONS:
                values[name] = format_share(values[name], lang)
            elif name in (
                "quantity",
                "financial_proxy",
                "amount",
                "year",
                "duration_years",
                "proxy_year",
            ):
                values[name] = field_number(values[name], lang)
        if part == "input":
            values["kind"] = row.kind.value
        form.fill(values)

    def _sync_conventions(self) -> None:
        conventions = self.value_map.conventions
        self.conventions_form.fill(conventions.model_dump())
        rate = conventions.discount_rate
        if rate != self._rate_seen:  # a saved rate that changed: the slider follows it
            self._rate_seen = rate
            self.rate_slider.max = max(RATE_MAX, rate)
            self.rate_slider.value = rate

    def what_if_changes(self) -> dict[str, float]:
        return {name: s.value / 100 for name, s in self.what_if_sliders.items() if s.value}

    def _rate_moved(self) -> bool:
        """True when the rate slider is away from the saved rate (by more than the half step
        a browser may round a saved rate such as 3,55 % to)."""
        saved = self.value_map.conventions.discount_rate
        return abs(self.rate_slider.value - saved) > self.rate_slider.step / 2 + 1e-12

    def what_if_map(self) -> ValueMap:
        """The value map as the what-if sliders change it (the saved one when they are idle)."""
        rate = self.rate_slider.value if self._rate_moved() else None
        return what_if_value_map(self.value_map, self.what_if_changes(), rate)

    def what_if_active(self) -> bool:
        return bool(self.what_if_changes()) or self._rate_moved()

    def _redraw(self) -> None:
        lang = self.lang
        value_map = self.value_map
        saved = calculate_sroi(value_map)
        active = self.what_if_active()
        shown_map = self.what_if_map() if active else value_map
        shown = calculate_sroi(shown_map) if active else saved
        self._shown_map, self._shown_result = shown_map, shown
        self.summary.value = self._summary_html(saved, shown if active else None)
        self.what_if_banner.value = (
            '<div class="spark-warn" role="status">'
            + paragraph(t("app.sroi.what_if_active", lang))
            + "</div>"
            if active
            else ""
        )
        self.warnings.value = self._warnings_html(saved)
        self.value_map_table.value = self._value_map_html(saved)
        rate = shown.conventions.discount_rate
        self.rate_readout.value = esc(format_share(rate, lang))
        for name, slider in self.what_if_sliders.items():
            self.what_if_readouts[name].value = esc(_signed_percent(slider.value / 100, lang))
        self.charts.refresh((shown_map.model_dump_json(), lang, self.assessment.profile.fictional))

    def _summary_html(self, saved: SroiResult, what_if: SroiResult | None) -> str:
        lang = self.lang
        results = [saved] if what_if is None else [saved, what_if]
        headers = [t("app.sroi.col.figure", lang), t("app.sroi.col.saved", lang)]
        if what_if is not None:
            headers.append(t("app.sroi.col.what_if", lang))
        rows = [
            [label] + [fmt(result) for result in results]
            for label, fmt in (
                (t("sroi_cli.present_value", lang), lambda r: self._money(r.present_value)),
                (t("sroi_cli.total_inputs", lang), lambda r: self._money(r.total_inputs)),
                (t("sroi_cli.npv", lang), lambda r: self._money(r.npv)),
                (t("sroi_cli.sroi_ratio", lang), lambda r: self._ratio(r.sroi_ratio, ":1")),
                (t("sroi_cli.net_sroi_ratio", lang), lambda r: self._ratio(r.net_sroi_ratio)),
                (t("sroi_cli.payback", lang), self._payback),
                (
                    t("sroi_cli.discount_rate", lang),
                    lambda r: format_share(r.conventions.discount_rate, lang),
                ),
            )
        ]
        return html_parts.heading(t("app.sroi.heading.result", lang)) + html_table(
            headers, rows, set(range(1, len(headers)))
        )

    def _money(self, value: float) -> str:
        return format_money(value, self.lang, currency=self.value_map.conventions.currency)

    def _ratio(self, value: float | None, suffix: str = "") -> str:
        if value is None:
            return t("sroi_cli.not_defined", self.lang)
        return format_number(value, self.lang, 2) + suffix

    def _payback(self, result: SroiResult) -> str:
        if result.payback_months is None:
            return t("sroi_cli.not_defined", self.lang)
        return t(
            "sroi_cli.months", self.lang, months=format_number(result.payback_months, self.lang, 2)
        )

    def _warnings_html(self, result: SroiResult) -> str:
        lang = self.lang
        if not result.warnings:
            text = esc(t("sroi_cli.no_warnings", lang))
            return f'<p class="spark-ok" role="status">✔ {text}</p>'
        items = "".join(f"<li>{esc(w_.message(lang))}</li>" for w_ in result.warnings)
        head = esc(t("app.sroi.warnings", lang, count=len(result.warnings)))
        return f'<div class="spark-warn" role="status"><p>{head}</p><ul>{items}</ul></div>'

    def _value_map_html(self, result: SroiResult) -> str:
        lang = self.lang
        outcomes = self.value_map.outcomes
        if not outcomes:
            return paragraph(t("app.sroi.no_outcomes", lang))
        headers = [
            t("app.sroi.col.row", lang),
            t("app.sroi.field.stakeholder", lang),
            t("app.sroi.field.outcome", lang),
            t("sroi.param.quantity", lang),
            t("sroi.param.financial_proxy", lang),
            t("app.sroi.col.years", lang),
            t("sroi.param.deadweight", lang),
            t("sroi.param.displacement", lang),
            t("sroi.param.attribution", lang),
            t("sroi.param.drop_off", lang),
            t("app.sroi.col.present_value", lang),
        ]
        rows = []
        for row, part in zip(outcomes, result.by_outcome, strict=True):
            rows.append(
                [
                    str(part["row"]),
                    row.stakeholder,
                    row.outcome,
                    format_number(row.quantity, lang),
                    format_money(row.financial_proxy, lang, self.value_map.conventions.currency, 0),
                    format_number(row.duration_years, lang),
                    *(format_share(getattr(row, name), lang) for name in FRACTIONS),
                    self._money(part["present_value"]),
                ]
            )
        return html_table(headers, rows, {0, 3, 4, 5, 6, 7, 8, 9, 10})

    def _title(self, key: str) -> str:
        title = t(key, self.lang)
        if self.assessment.profile.fictional:
            title += f" ({t('app.sroi.fictional_short', self.lang)})"
        return title

    def _draw_by_year(self) -> None:
        result = self._shown_result
        if not result.values_by_year:
            self.by_year.value = paragraph(t("app.sroi.no_outcomes", self.lang))
            return
        chart = value_by_year_chart(result, self.lang, self._title("sroi.chart.by_year.title"))
        self.by_year.value = chart_html(chart)

    def _draw_tornado(self) -> None:
        if not self._shown_map.outcomes:
            self.tornado.value = paragraph(t("app.sroi.no_outcomes", self.lang))
            return
        try:
            results = one_at_a_time(self._shown_map)
        except SparkInputError as error:
            self.tornado.value = paragraph(error.message(self.lang, with_location=False))
            return
        chart = tornado_chart(results, self.lang, self._title("sroi.chart.tornado.title"))
        self.tornado.value = paragraph(t("app.sroi.tornado_help", self.lang)) + chart_html(chart)

    def _draw_break_even(self) -> None:
        lang = self.lang
        try:
            points = break_even(self._shown_map)
        except SparkInputError as error:
            self.break_even_table.value = paragraph(error.message(lang, with_location=False))
            return
        headers = [
            t("app.sroi.col.parameter", lang),
            t("app.sroi.col.now", lang),
            t("app.sroi.col.break_even", lang),
        ]
        rows = [
            [
                point.label(lang),
                self._parameter_value(point.parameter, point.base_value),
                t("app.sroi.break_even.none", lang)
                if point.value is None
                else self._parameter_value(point.parameter, point.value),
            ]
            for point in points
        ]
        self.break_even_table.value = paragraph(t("app.sroi.break_even_help", lang)) + html_table(
            headers, rows, {1, 2}
        )

    def _parameter_value(self, parameter: str, value: float) -> str:
        lang = self.lang
        if parameter in FRACTIONS or parameter == "discount_rate":
            return format_percent(value, lang, 2)
        if parameter in ("financial_proxy", "inputs"):
            return self._money(value)
        if parameter == "duration_years":
            return t("app.sroi.years", lang, years=format_number(value, lang, 0))
        return format_number(value, lang, 0 if float(value).is_integer() else 2)

    def _draw_monte_carlo(self) -> None:
        """Show the last simulation again (in the current language) if it was run on the
        value map shown now; otherwise say that it must be run again."""
        if self._mc_result is None:
            return
        if self._mc_key != self.charts.key[0]:
            self.mc_notice.clear()
            self.mc_output.value = paragraph(t("app.sroi.mc.stale", self.lang))
            return
        self._show_monte_carlo(self._mc_result)

    def _show_monte_carlo(self, result) -> None:
        lang = self.lang
        p = {f"p{k}": format_number(v, lang, 2) for k, v in result.percentiles.items()}
        summary = t(
            "app.sroi.mc.summary",
            lang,
            draws=format_number(result.draws, lang),
            seed=result.seed,
            share=format_percent(result.probability_at_least_one, lang, 1),
            **p,
        )
        chart = monte_carlo_chart(result, lang, self._title("sroi.chart.monte_carlo.title"))
        self.mc_output.value = paragraph(summary) + chart_html(chart)

    # --- edits ------------------------------------------------------------------------------

    def _commit_value_map(self, value_map: ValueMap, **select: int) -> None:
        stakeholders = value_map_stakeholders(value_map, self.assessment.logic_model)
        value_map = value_map.model_copy(update={"stakeholders": stakeholders})
        self._select.update(select)
        self._committed_map = value_map
        self.commit(self.assessment.model_copy(update={"value_map": value_map}))

    def _row_from_form(self, part: str) -> OutcomeRow | Input:
        """The outcome row or input in the form; raises SparkInputError on bad values."""
        spec, form = PARTS[part], self.forms[part]
        values = form.values()
        parse = FieldParser(self.lang)
        data: dict[str, Any] = {}
        for name in spec.names:
            value = parse(spec.columns[name], values[name], spec.label + name)
            if value is not None:
                data[name] = value
        data.update((name, values[name]) for name in spec.choices)
        parse.raise_if()
        return validated(spec.model, data, self.lang)

    def _save_row(self, part: str) -> bool:
        spec, notice = PARTS[part], self.notices[part]
        chosen = self.forms[part].widgets[spec.chooser].value
        try:
            row = self._row_from_form(part)
        except SparkInputError as error:
            notice.error(problems_text(error, self.lang))
            return False
        rows = list(getattr(self.value_map, spec.field))
        number = put_row(rows, chosen, row)
        value_map = self.value_map.model_copy(update={spec.field: rows})
        self._commit_value_map(value_map, **{part: number})
        notice.ok(t(f"app.sroi.done.{part}_saved", self.lang, row=number))
        return True

    def _remove_row(self, part: str) -> bool:
        spec, notice = PARTS[part], self.notices[part]
        chosen = self.forms[part].widgets[spec.chooser].value
        if chosen == NEW:
            notice.error(t(f"app.sroi.error.choose_{spec.chooser}", self.lang))
            return False
        rows = list(getattr(self.value_map, spec.field))
        del rows[chosen - 1]
        select = min(chosen, len(rows)) if rows else NEW
        value_map = self.value_map.model_copy(update={spec.field: rows})
        self._commit_value_map(value_map, **{part: select})
        notice.ok(t(f"app.sroi.done.{part}_removed", self.lang, row=chosen))
        return True

    def save_outcome(self) -> bool:
        """Save the outcome form as the chosen row (or a new one); False on a bad value."""
        return self._save_row("outcome")

    def remove_outcome(self) -> bool:
        return self._remove_row("outcome")

    def save_input(self) -> bool:
        """Save the input form as the chosen input (or a new one); False on a bad value."""
        return self._save_row("input")

    def remove_input(self) -> bool:
        return self._remove_row("input")

    def _on_convention(self, change) -> None:
        if self._quiet or self.assessment is None:
            return
        values = self.conventions_form.values()
        current = self.value_map.conventions
        conventions = Conventions.model_validate({**current.model_dump(), **values})
        if conventions == current:
            return
        self._commit_value_map(self.value_map.model_copy(update={"conventions": conventions}))
        self.conventions_notice.ok(t("app.sroi.done.conventions", self.lang))

    def save_rate(self) -> bool:
        """Save the discount rate on the slider as the value map's convention."""
        rate = round(float(self.rate_slider.value), 6)
        try:
            parse_typed(RATE_COLUMN, rate, t("app.sroi.field.discount_rate", self.lang))
        except SparkInputError as error:  # the slider's bounds make this a last guard
            self.rate_notice.error(problems_text(error, self.lang))
            return False
        conventions = self.value_map.conventions.model_copy(update={"discount_rate": rate})
        self._rate_seen = rate
        self._commit_value_map(self.value_map.model_copy(update={"conventions": conventions}))
        self.rate_notice.ok(t("app.sroi.done.rate", self.lang, rate=format_share(rate, self.lang)))
        return True

    def _on_what_if(self, change) -> None:
        if self._quiet or self.assessment is None:
            return
        self.rate_notice.clear()
        self._redraw()

    def reset_what_if(self) -> None:
        """Put every what-if slider back (the discount rate to the saved one)."""
        with self._quiet:
            for slider in self.what_if_sliders.values():
                slider.value = 0
            self.rate_slider.value = self.value_map.conventions.discount_rate
        self._redraw()

    def run_monte_carlo(self) -> bool:
        """Simulate the ratio of the shown value map (``mc_draws`` draws, seed ``mc_seed``)."""
        lang = self.lang
        try:
            seed = parse_typed(SEED_COLUMN, self.mc_seed.value, t("app.sroi.mc.seed", lang))
        except SparkInputError as error:
            self.mc_notice.error(problems_text(error, lang))
            return False
        draws = int(self.mc_draws.value)
        try:
            result = monte_carlo(self._shown_map, draws=draws, seed=seed)
        except SparkInputError as error:
            self.mc_notice.error(error.message(lang, with_location=False))
            self.mc_output.value = ""
            return False
        self._mc_result, self._mc_key = result, self.charts.key[0]
        self._show_monte_carlo(result)
        self.mc_notice.clear()
        return True


def _spec_text(spec: MonteCarloSpec, lang: str) -> str:
    """What the simulation varies, in words: "Antal ±25 %; Dödvikt Beta (medel 25 %); …"."""
    parts = []
    for name, distribution in spec.varied().items():
        label = t(f"sroi.param.{name}", lang)
        label = label[:1].lower() + label[1:]  # within a sentence
        if isinstance(distribution, Relative):
            if -distribution.low == distribution.high:
                shown = "±" + format_percent(distribution.high, lang)
            else:
                low, high = distribution.low, distribution.high
                shown = f"{format_percent(low, lang)}–{format_percent(high, lang)}"
        elif isinstance(distribution, BetaPrior):
            shown = t("app.sroi.mc.beta", lang, mean=format_percent(distribution.mean, lang))
        else:
            shown = (
                f"{format_share(distribution.low, lang)}–{format_share(distribution.high, lang)}"
            )
        parts.append(f"{label} {shown}")
    return "; ".join(parts)
