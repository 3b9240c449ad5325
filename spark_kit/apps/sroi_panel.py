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

The module also holds the small helpers the impact panels share (typed-field parsing, share
formatting, HTML tables, lazily drawn tabs); they are generic and would sit well in
:mod:`spark_kit.apps.widgets`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import ipywidgets as w
import numpy as np
from pydantic import BaseModel, ValidationError

from spark_kit.apps.panel import Panel
from spark_kit.apps.widgets import FieldSpec, Notice, RecordForm
from spark_kit.assessment import value_map_stakeholders
from spark_kit.errors import InputProblem, SparkInputError
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
from spark_kit.impact.sroi.sensitivity import FRACTIONS, _changed
from spark_kit.viz.sroi_charts import monte_carlo_chart, tornado_chart, value_by_year_chart
from spark_kit.workbook.cells import CellError, convert, share_decimals, to_number
from spark_kit.workbook.schema import INPUTS, OUTCOMES, SETTINGS, Column, Kind

AUTO = {"width": "auto"}
WRAP = {"flex_flow": "row wrap", "align_items": "center"}
SLIDER_LAYOUT = {"width": "100%", "max_width": "30em"}
SLIDER_STYLE = {"description_width": "12em"}

# --- helpers shared by the impact panels (generic: candidates for apps/widgets.py) ----------


def parse_typed(column: Column, text: Any, label: str) -> Any:
    """The value typed in a field, parsed exactly as the workbook parses a cell of ``column``
    (:func:`spark_kit.workbook.cells.convert`): numbers with a decimal comma or point and
    spaces between thousands, whole numbers, bounds, required fields.

    Shares (``Kind.PERCENT``) are typed in a field labelled in per cent, so besides "25 %"
    and "0,25" a bare number above 1 is read as per cent ("25" → 0.25); "250" and "250 %"
    are outside 0–100 % and refused. Blank optional fields give ``None``.

    Raises :class:`~spark_kit.errors.SparkInputError` with one problem whose ``column`` is
    ``label`` and whose value is the text as typed.
    """
    raw = text.strip() if isinstance(text, str) else text
    if column.kind is Kind.PERCENT and isinstance(raw, str) and "%" not in raw:
        try:
            if to_number(raw) > 1:
                raw = raw + "%"
        except CellError:
            pass
    try:
        return convert(column, raw)
    except CellError as error:
        shown = text.strip() if isinstance(text, str) else text
        value = shown if error.shown is None else error.shown
        problem = InputProblem(error.code, column=label, value=value, params=error.params)
        raise SparkInputError(problem) from None


class FieldParser:
    """Parses several fields of a form and collects every problem, not just the first."""

    def __init__(self, lang: str):
        self.lang = lang
        self.problems: list[InputProblem] = []

    def __call__(self, column: Column, text: Any, label_key: str) -> Any:
        try:
            return parse_typed(column, text, t(label_key, self.lang))
        except SparkInputError as error:
            self.problems += error.problems
            return None

    def add(self, code: str, label_key: str, value: Any = None, **params: Any) -> None:
        self.problems.append(
            InputProblem(code, column=t(label_key, self.lang), value=value, params=params)
        )

    def raise_if(self) -> None:
        if self.problems:
            raise SparkInputError(self.problems)


def problems_text(error: SparkInputError, lang: str) -> str:
    """The problems of ``error`` for a notice next to a form: "Fält: meddelande" per line."""
    lines = []
    for problem in error.problems:
        text = problem.message(lang, with_location=False)
        lines.append(f"{problem.column}: {text}" if problem.column else text)
    if len(lines) == 1:
        return lines[0]
    return t("errors.several", lang, count=len(lines)) + "\n" + "\n".join(f"- {x}" for x in lines)


def validated(model: type[BaseModel], data: dict, lang: str) -> Any:
    """``model.model_validate(data)``, with a validation error turned into a
    :class:`SparkInputError` (the fields are checked before, so this is a last guard)."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [
            InputProblem(
                "value.invalid",
                column=".".join(str(p) for p in item.get("loc", ())) or None,
                value=item.get("input"),
                params={"reason": item.get("msg", "")},
            )
            for item in error.errors()
        ]
        raise SparkInputError(problems) from None


def format_share(fraction: float, lang: str) -> str:
    """A share as a percentage with the decimals it needs: 0.25 → "25 %", 0.035 → "3,5 %"."""
    return format_percent(fraction, lang, share_decimals(fraction))


def field_number(value: float | int | None, lang: str) -> str:
    """A number as text to put back in a field: no thousands separators (so that it reads
    back unchanged in both languages), a decimal comma in Swedish."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "sv" else text


def heading(text: str, level: int = 2) -> str:
    return f'<h{level} class="spark-h{level}">{html.escape(text)}</h{level}>'


def paragraph(text: str, cls: str = "") -> str:
    attribute = f' class="{cls}"' if cls else ""
    return f"<p{attribute}>{html.escape(text)}</p>"


def badge(text: str) -> str:
    return f' <span class="spark-badge">{html.escape(text)}</span>'


_CELL = "padding:0.2em 0.6em;border-bottom:1px solid #ddd;"


def html_table(
    headers: list[str], rows: list[list[str]], numeric: set[int] | frozenset = frozenset()
) -> str:
    """A plain table (every cell escaped) in a sideways-scrolling container; columns whose
    index is in ``numeric`` are right-aligned."""

    def cell(tag: str, index: int, text: str) -> str:
        align = "text-align:right;white-space:nowrap;" if index in numeric else "text-align:left;"
        return f'<{tag} style="{_CELL}{align}">{html.escape(str(text))}</{tag}>'

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows
    )
    return (
        '<div class="spark-scroll"><table class="spark-table" style="border-collapse:collapse">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def chart_html(chart) -> str:
    """A chart as inline SVG (with its alt text) in a sideways-scrolling container."""
    return f'<div class="spark-scroll">{chart.svg_html()}</div>'


class LazyTabs:
    """Tabs whose pages are drawn only when shown, and only again when their data changed.

    ``pages`` are ``(widget, draw)`` pairs; :meth:`refresh` with a new ``key`` marks every
    page stale and draws the one shown. A chart that takes a few hundred milliseconds to
    draw then costs nothing while it is hidden.
    """

    def __init__(self, pages: list[tuple[w.Widget, Callable[[], None]]]):
        self.draws = [draw for _, draw in pages]
        self.tab = w.Tab(children=[widget for widget, _ in pages])
        self.stale = set(range(len(pages)))
        self.key: Hashable = None
        self.tab.observe(lambda _change: self.draw_shown(), "selected_index")

    def set_titles(self, titles: list[str]) -> None:
        for index, title in enumerate(titles):
            self.tab.set_title(index, title)

    def refresh(self, key: Hashable) -> None:
        if key != self.key:
            self.key = key
            self.stale = set(range(len(self.draws)))
        self.draw_shown()

    def draw_shown(self) -> None:
        index = self.tab.selected_index
        if index is not None and index in self.stale:
            self.stale.discard(index)
            self.draws[index]()

    def select(self, index: int) -> None:
        self.tab.selected_index = index


# --- the what-if value map -------------------------------------------------------------------

WHAT_IF_PARAMETERS = ("deadweight", "displacement", "attribution", "drop_off")


def what_if_value_map(
    value_map: ValueMap,
    changes: Mapping[str, float] | None = None,
    discount_rate: float | None = None,
) -> ValueMap:
    """A copy of ``value_map`` for the what-if view; ``value_map`` itself is not changed.

    ``changes`` maps share parameters (deadweight, displacement, attribution, drop_off) to a
    relative change between −1 and 1, applied to every outcome row exactly as
    :func:`~spark_kit.impact.sroi.one_at_a_time` applies its ±x %: value × (1 + change),
    clipped to 0–1, so +20 % on a deadweight of 30 % gives 36 % and a row at 0 % stays 0 %.
    ``discount_rate`` (a fraction) replaces the map's discount rate.

    >>> from spark_kit.impact.sroi.exercises import case_3_value_map
    >>> changed = what_if_value_map(case_3_value_map(), {"deadweight": 0.2})
    >>> round(changed.outcomes[0].deadweight, 4)
    0.24
    """
    changes = {name: float(c) for name, c in (changes or {}).items() if c}
    for name, change in changes.items():
        if name not in FRACTIONS:
            raise ValueError(f"what-if changes are for {FRACTIONS}, not {name!r}")
        if not -1.0 <= change <= 1.0:
            raise ValueError(f"a what-if change is between -1 and 1, not {change!r}")
    outcomes = list(value_map.outcomes)
    if changes and outcomes:
        changed = {
            name: _changed(
                np.array([getattr(row, name) for row in outcomes], dtype=float),
                name,
                1 if change > 0 else -1,
                abs(change),
            )
            for name, change in changes.items()
        }
        outcomes = [
            row.model_copy(update={name: float(values[i]) for name, values in changed.items()})
            for i, row in enumerate(outcomes)
        ]
    conventions = value_map.conventions
    if discount_rate is not None and discount_rate != conventions.discount_rate:
        conventions = conventions.model_copy(update={"discount_rate": float(discount_rate)})
    return value_map.model_copy(update={"outcomes": outcomes, "conventions": conventions})


# --- field specifications --------------------------------------------------------------------

NEW = 0  # the chooser value for "a new row"
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
        self._quiet = False
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
        self.warnings = w.HTML()
        self.headings = {key: w.HTML() for key in ("map", "conventions", "what_if", "charts")}

        self.value_map_table = w.HTML()
        self._build_outcome_form(lang)
        self._build_input_form(lang)
        self.edit_tabs = w.Tab(children=[self.outcome_box, self.input_box])

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
        self.save_rate_button = w.Button(layout=AUTO)
        self.save_rate_button.on_click(lambda _: self.save_rate())
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
        self.reset_button = w.Button(layout=AUTO)
        self.reset_button.on_click(lambda _: self.reset_what_if())
        self.what_if_banner = w.HTML()

        self.by_year = w.HTML()
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
        self.save_outcome_button = w.Button(button_style="success", layout=AUTO)
        self.save_outcome_button.on_click(lambda _: self.save_outcome())
        self.remove_outcome_button = w.Button(button_style="danger", layout=AUTO)
        self.remove_outcome_button.on_click(lambda _: self.remove_outcome())
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
        self.save_input_button = w.Button(button_style="success", layout=AUTO)
        self.save_input_button.on_click(lambda _: self.save_input())
        self.remove_input_button = w.Button(button_style="danger", layout=AUTO)
        self.remove_input_button.on_click(lambda _: self.remove_input())
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
        self.mc_draws = w.Dropdown(options=[], layout={"width": "auto"})
        self.mc_seed = w.Text(
            value=str(DEFAULT_SEED), layout={"width": "auto", "max_width": "20em"}
        )
        self.mc_button = w.Button(button_style="primary", layout=AUTO)
        self.mc_button.on_click(lambda _: self.run_monte_carlo())
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
        self._quiet = True
        try:
            self._relabel()
            self._sync_forms()
            self._sync_conventions()
        finally:
            self._quiet = False
        self._redraw()

    def _relabel(self) -> None:
        lang = self.lang
        profile = self.assessment.profile
        mark = badge(t("app.fictional", lang)) if profile.fictional else ""
        # the frame shows the title (h1, and h2 for a step); the panel starts with its intro
        self.heading.value = f"<p>{html.escape(t('app.sroi.intro', lang))}{mark}</p>"
        for key, widget in self.headings.items():
            widget.value = heading(t(f"app.sroi.heading.{key}", lang), 3)
        for form in (self.outcome_form, self.input_form, self.conventions_form):
            form.relabel(lang)
        self.outcome_help.value = paragraph(t("app.sroi.outcome_help", lang))
        self.edit_tabs.set_title(0, t("app.sroi.tab.outcomes", lang))
        self.edit_tabs.set_title(1, t("app.sroi.tab.inputs", lang))
        buttons = {
            self.save_outcome_button: "app.sroi.button.save_outcome",
            self.remove_outcome_button: "app.sroi.button.remove_outcome",
            self.save_input_button: "app.sroi.button.save_input",
            self.remove_input_button: "app.sroi.button.remove_input",
            self.save_rate_button: "app.sroi.button.save_rate",
            self.reset_button: "app.sroi.button.reset",
            self.mc_button: "app.sroi.button.monte_carlo",
        }
        for button, key in buttons.items():
            button.description = t(key, lang)
            button.tooltip = t(key, lang)
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
        for part, form, rows in (
            ("outcome", self.outcome_form, value_map.outcomes),
            ("input", self.input_form, value_map.inputs),
        ):
            form.refresh_options()
            chooser = form.widgets["row" if part == "outcome" else "input"]
            if part in self._select:
                chosen = self._select.pop(part)
                chooser.value = chosen if chosen <= len(rows) else NEW
            current = rows[chooser.value - 1] if chooser.value != NEW else None
            if current != self._filled[part]:
                self._fill(part)

    def _fill(self, part: str) -> None:
        lang = self.lang
        if part == "outcome":
            form, chosen = self.outcome_form, self.outcome_form.widgets["row"].value
            rows = self.value_map.outcomes
        else:
            form, chosen = self.input_form, self.input_form.widgets["input"].value
            rows = self.value_map.inputs
        if chosen == NEW or chosen is None or chosen > len(rows):
            self._filled[part] = None
            names = OUTCOME_FIELDS if part == "outcome" else INPUT_FIELDS
            form.clear(*names)
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
        self.rate_readout.value = html.escape(format_share(rate, lang))
        for name, slider in self.what_if_sliders.items():
            self.what_if_readouts[name].value = html.escape(
                _signed_percent(slider.value / 100, lang)
            )
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
        return heading(t("app.sroi.heading.result", lang), 3) + html_table(
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
            text = html.escape(t("sroi_cli.no_warnings", lang))
            return f'<p class="spark-ok" role="status">✔ {text}</p>'
        items = "".join(f"<li>{html.escape(w_.message(lang))}</li>" for w_ in result.warnings)
        head = html.escape(t("app.sroi.warnings", lang, count=len(result.warnings)))
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

    def _outcome_from_form(self) -> OutcomeRow:
        values = self.outcome_form.values()
        parse = FieldParser(self.lang)
        data: dict[str, Any] = {}
        for name in OUTCOME_FIELDS:
            value = parse(OUTCOME_COLUMNS[name], values[name], f"app.sroi.field.{name}")
            if value is not None:
                data[name] = value
        data["outcome_start"] = values["outcome_start"]
        parse.raise_if()
        return validated(OutcomeRow, data, self.lang)

    def save_outcome(self) -> bool:
        """Save the outcome form as the chosen row (or a new one); False on a bad value."""
        chosen = self.outcome_form.widgets["row"].value
        try:
            row = self._outcome_from_form()
        except SparkInputError as error:
            self.outcome_notice.error(problems_text(error, self.lang))
            return False
        outcomes = list(self.value_map.outcomes)
        if chosen == NEW:
            outcomes.append(row)
            number = len(outcomes)
        else:
            outcomes[chosen - 1] = row
            number = chosen
        self._commit_value_map(
            self.value_map.model_copy(update={"outcomes": outcomes}), outcome=number
        )
        self.outcome_notice.ok(t("app.sroi.done.outcome_saved", self.lang, row=number))
        return True

    def remove_outcome(self) -> bool:
        chosen = self.outcome_form.widgets["row"].value
        if chosen == NEW:
            self.outcome_notice.error(t("app.sroi.error.choose_row", self.lang))
            return False
        outcomes = list(self.value_map.outcomes)
        del outcomes[chosen - 1]
        select = min(chosen, len(outcomes)) if outcomes else NEW
        self._commit_value_map(
            self.value_map.model_copy(update={"outcomes": outcomes}), outcome=select
        )
        self.outcome_notice.ok(t("app.sroi.done.outcome_removed", self.lang, row=chosen))
        return True

    def _input_from_form(self) -> Input:
        values = self.input_form.values()
        parse = FieldParser(self.lang)
        data: dict[str, Any] = {}
        for name in INPUT_FIELDS:
            value = parse(INPUT_COLUMNS[name], values[name], f"app.sroi.field.input_{name}")
            if value is not None:
                data[name] = value
        data["kind"] = values["kind"]
        parse.raise_if()
        return validated(Input, data, self.lang)

    def save_input(self) -> bool:
        """Save the input form as the chosen input (or a new one); False on a bad value."""
        chosen = self.input_form.widgets["input"].value
        try:
            item = self._input_from_form()
        except SparkInputError as error:
            self.input_notice.error(problems_text(error, self.lang))
            return False
        inputs = list(self.value_map.inputs)
        if chosen == NEW:
            inputs.append(item)
            number = len(inputs)
        else:
            inputs[chosen - 1] = item
            number = chosen
        self._commit_value_map(self.value_map.model_copy(update={"inputs": inputs}), input=number)
        self.input_notice.ok(t("app.sroi.done.input_saved", self.lang, row=number))
        return True

    def remove_input(self) -> bool:
        chosen = self.input_form.widgets["input"].value
        if chosen == NEW:
            self.input_notice.error(t("app.sroi.error.choose_input", self.lang))
            return False
        inputs = list(self.value_map.inputs)
        del inputs[chosen - 1]
        select = min(chosen, len(inputs)) if inputs else NEW
        self._commit_value_map(self.value_map.model_copy(update={"inputs": inputs}), input=select)
        self.input_notice.ok(t("app.sroi.done.input_removed", self.lang, row=chosen))
        return True

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
        self._quiet = True
        try:
            for slider in self.what_if_sliders.values():
                slider.value = 0
            self.rate_slider.value = self.value_map.conventions.discount_rate
        finally:
            self._quiet = False
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
