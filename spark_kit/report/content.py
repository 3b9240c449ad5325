"""The report's content: every figure computed once, with the package's own functions.

:func:`build_content` turns an assessment into a :class:`ReportContent`: the cover facts, a
summary of key figures, and one :class:`Section` per part of the assessment, each a list
of blocks (:class:`Paragraph`, :class:`Facts`, :class:`Table`, :class:`Bullets`,
:class:`Figure`, :class:`Links`). Numbers are stored unrounded as :class:`Value` s that
say how to show them (money, ratio, share …); the HTML page formats them through
:mod:`spark_kit.i18n` and the Excel export writes the same numbers as numbers. So the two
can never disagree.

The methods are the package's: the SROI is
:func:`~spark_kit.impact.sroi.calculate.calculate_sroi` with the value map's own
conventions (as ``spark-kit sroi`` computes it without options), its sensitivity
:func:`~spark_kit.impact.sroi.sensitivity.one_at_a_time` (±20 %),
:func:`~spark_kit.impact.sroi.sensitivity.break_even` and
:func:`~spark_kit.impact.sroi.sensitivity.monte_carlo` with a fixed seed and
:data:`MONTE_CARLO_DRAWS` draws; the indicators :func:`~spark_kit.impact.indicators.track`;
the five dimensions :func:`~spark_kit.impact.five_dimensions.classify_outcome` and
:func:`~spark_kit.impact.five_dimensions.classify_enterprise`; the socioeconomic ledger
:func:`~spark_kit.impact.ledger.evaluate`; the financing plan
:func:`~spark_kit.finance.cashflow.compute_cashflow`; the readiness
:func:`~spark_kit.finance.readiness.assess`.

A part the assessment does not have yet gives a section with ``filled=False`` and one line
saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spark_kit.i18n import format_number, format_percent, resolve_lang, t
from spark_kit.viz.chart import Chart

#: Monte Carlo: the number of draws and the seed (the same report every time).
MONTE_CARLO_DRAWS = 10_000
MONTE_CARLO_SEED = 1
#: One at a time: each parameter lowered and raised by this share (relative).
SENSITIVITY_CHANGE = 0.2

SECTION_KEYS = (
    "summary",
    "logic_model",
    "indicators",
    "five_dimensions",
    "sroi",
    "ledger",
    "financing",
    "readiness",
    "sources",
    "caveats",
)
PART_KEYS = SECTION_KEYS[1:-2]  # the parts of an assessment that may be missing

DASH = "–"


# --- the building blocks --------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """One figure, unrounded, and how to show it.

    ``kind``: ``text``, ``money`` (``decimals`` 2 unless set), ``number``, ``ratio`` (two
    decimals, then ``suffix``), ``share`` (a fraction 0–1 shown as a percentage with the
    decimals it needs), ``percent`` (a fraction with ``decimals``, default 0), ``integer``
    or ``year``. ``raw`` None is shown as ``missing``.
    """

    raw: Any
    kind: str = "text"
    currency: str = "SEK"
    decimals: int | None = None
    suffix: str = ""
    missing: str = DASH

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


def text(value: Any) -> Value:
    return Value("" if value is None else str(value))


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = ""  # "", "note" or "warning"
    kind: str = "paragraph"


@dataclass(frozen=True)
class Facts:
    """Label–value pairs (a small two-column table)."""

    rows: list[tuple[str, Value]]
    title: str = ""
    kind: str = "facts"


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[Value]]
    note: str = ""
    kind: str = "table"

    @property
    def numeric_columns(self) -> list[bool]:
        """Which columns hold numbers (right-aligned on the page)."""
        return [
            any(row[i].numeric and row[i].raw is not None for row in self.rows)
            for i in range(len(self.columns))
        ]


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    title: str = ""
    ordered: bool = False
    kind: str = "bullets"


@dataclass(frozen=True)
class Figure:
    """A chart, drawn only when the HTML page is rendered (the Excel export needs none)."""

    key: str
    draw: Callable[[], Chart]
    kind: str = "figure"


@dataclass(frozen=True)
class Links:
    """Sources: (text, address) pairs."""

    items: list[tuple[str, str]]
    title: str = ""
    kind: str = "links"


Block = Paragraph | Facts | Table | Bullets | Figure | Links


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    filled: bool
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class ReportContent:
    """Everything the report shows, in one language. ``results`` holds the package's own
    result objects by part (``sroi``, ``one_way``, ``break_even``, ``monte_carlo``,
    ``tracking``, ``ledger``, ``cashflow``, ``readiness``) for whoever wants to check them."""

    lang: str
    generated: dt.date
    assessment: Any
    cover: list[tuple[str, Value]]
    sections: list[Section]
    results: dict[str, Any]

    @property
    def fictional(self) -> bool:
        return bool(self.assessment.profile.fictional)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def money_header(label: str, currency: str) -> str:
    return f"{label} ({currency})"


# --- building -------------------------------------------------------------------------------


def build_content(assessment, lang: str | None = None, generated: dt.date | None = None):
    """The :class:`ReportContent` of ``assessment`` in ``lang`` (Swedish by default).

    Raises :class:`~spark_kit.errors.SparkInputError` when a part cannot be computed (a
    cash-flow payment after the horizon, a measurement of an unknown indicator …), with
    the message naming where.
    """
    lang = resolve_lang(lang)
    generated = generated or dt.date.today()
    results: dict[str, Any] = {}
    parts = {
        "logic_model": _logic_model(assessment, lang, results),
        "indicators": _indicators(assessment, lang, results),
        "five_dimensions": _five_dimensions(assessment, lang, results),
        "sroi": _sroi(assessment, lang, results),
        "ledger": _ledger(assessment, lang, results),
        "financing": _financing(assessment, lang, results),
        "readiness": _readiness(assessment, lang, results),
    }
    sections = [_summary(assessment, lang, results, parts)]
    for key, blocks in parts.items():
        if blocks is None:
            blocks = [Paragraph(t(f"report.not_filled.{key}", lang), "note")]
            sections.append(Section(key, t(f"report.section.{key}", lang), False, blocks))
        else:
            sections.append(Section(key, t(f"report.section.{key}", lang), True, blocks))
    filled = {s.key for s in sections if s.filled}
    sections.append(_sources(lang, filled))
    sections.append(_caveats(assessment, lang, filled))
    return ReportContent(
        lang=lang,
        generated=generated,
        assessment=assessment,
        cover=_cover(assessment, lang, generated),
        sections=sections,
        results=results,
    )


def _cover(assessment, lang: str, generated: dt.date) -> list[tuple[str, Value]]:
    profile = assessment.profile
    rows = [
        (t("report.cover.legal_form", lang), text(profile.legal_form)),
        (t("report.cover.municipality", lang), text(profile.municipality)),
        (t("report.cover.county", lang), text(profile.county)),
        (t("report.cover.sector", lang), text(profile.sector)),
        (t("report.cover.year", lang), Value(profile.year, "year")),
        (t("report.cover.generated", lang), Value(generated, "date")),
    ]
    return [(label, value) for label, value in rows if value.raw not in ("", None)]


# --- summary --------------------------------------------------------------------------------


def _summary(assessment, lang: str, results: dict, parts: dict) -> Section:
    rows: list[tuple[str, Value]] = []
    sroi = results.get("sroi")
    if sroi is not None:
        currency = sroi.conventions.currency
        rows += [
            (t("sroi_cli.sroi_ratio", lang), _ratio(sroi.sroi_ratio, lang)),
            (t("sroi_cli.present_value", lang), Value(sroi.present_value, "money", currency)),
            (t("sroi_cli.npv", lang), Value(sroi.npv, "money", currency)),
        ]
    tracking = results.get("tracking")
    if tracking is not None and tracking.years:
        year = tracking.latest_year
        from spark_kit.impact.indicators import Status

        fine = (Status.ACHIEVED, Status.ON_TRACK)
        good = sum(tracking.status(i.id, year) in fine for i in tracking.indicators)
        rows.append(
            (
                t("report.fact.indicators_on_track", lang, year=year),
                _of(good, len(tracking.indicators), lang),
            )
        )
    abc = results.get("abc")
    if abc is not None:
        rows.append((t("report.fact.abc", lang), text(abc.label(lang))))
    ledger = results.get("ledger")
    if ledger is not None:
        rows.append(
            (
                t("report.fact.ledger_society", lang, years=len(ledger.years)),
                Value(ledger.total(None), "money", assessment.ledger.currency, 0),
            )
        )
    cashflow = results.get("cashflow")
    if cashflow is not None:
        rows.append((t("report.fact.funding_gap", lang), _kr(cashflow.funding_gap)))
        if cashflow.gap_month is not None:
            gap_month = text(cashflow.month_label(cashflow.gap_month, lang))
            rows.append((t("report.fact.gap_month", lang), gap_month))
        rows.append((t("report.fact.bridge", lang), _kr(cashflow.bridge)))
    readiness = results.get("readiness")
    if readiness is not None:
        from spark_kit.finance.readiness import format_score

        rows.append((t("report.fact.readiness", lang), text(format_score(readiness.overall, lang))))
    blocks: list[Block] = []
    if rows:
        blocks.append(Paragraph(t("report.summary.intro", lang)))
        blocks.append(Facts(rows))
    else:
        blocks.append(Paragraph(t("report.summary.none", lang), "note"))
    missing = [t(f"report.section.{key}", lang) for key, value in parts.items() if value is None]
    if missing and rows:
        note = t("report.summary.missing", lang, parts=", ".join(missing))
        blocks.append(Paragraph(note, "note"))
    return Section("summary", t("report.section.summary", lang), bool(rows), blocks)


def _ratio(value: float | None, lang: str) -> Value:
    """A ratio as ``spark-kit sroi`` shows it: two decimals and ``:1``."""
    return Value(value, "ratio", suffix=":1", missing=t("sroi_cli.not_defined", lang))


def _kr(value: float) -> Value:
    return Value(float(value), "money", "SEK", 0)


def _of(part: int, whole: int, lang: str) -> Value:
    return text(t("report.of", lang, part=part, whole=whole))


def _yes_no(value: bool, lang: str) -> str:
    return t("sroi_cli.yes" if value else "sroi_cli.no", lang)


INPUT_KINDS = {"kontant": "cash", "i natura": "in_kind"}
#: How break-even values are shown (kind, decimals); shares as percentages with 2 decimals.
BREAK_EVEN_FORMATS = {
    "quantity": ("number", 2),
    "financial_proxy": ("money", None),
    "duration_years": ("integer", None),
    "inputs": ("money", None),
}


# --- effect logic ---------------------------------------------------------------------------


def _logic_model(assessment, lang: str, results: dict) -> list[Block] | None:
    from spark_kit.impact.logic_model import Level
    from spark_kit.impact.red_thread import check_red_thread
    from spark_kit.viz import draw_logic_model

    model = assessment.logic_model
    if not model.elements:
        return None
    findings = check_red_thread(model)
    results["red_thread"] = findings
    blocks: list[Block] = [
        Paragraph(t("report.logic.intro", lang)),
        Figure("logic_model", lambda: draw_logic_model(model, lang, t("report.logic.chart", lang))),
    ]
    if findings:
        heading = (
            t("thread.count_one", lang)
            if len(findings) == 1
            else t("thread.count", lang, count=len(findings))
        )
        blocks.append(Bullets([f.message(lang) for f in findings], heading.rstrip(":")))
    else:
        blocks.append(Paragraph(t("thread.holds", lang)))
    order = {level: level.order for level in Level}
    elements = sorted(model.elements, key=lambda e: order[e.level])
    blocks.append(
        Table(
            t("report.logic.elements", lang),
            [t("report.col.level", lang), t("report.col.id", lang), t("report.col.text", lang)],
            [[text(e.level.label(lang)), text(e.id), text(e.text)] for e in elements],
        )
    )
    if model.stakeholders:
        blocks.append(
            Table(
                t("report.logic.stakeholders", lang),
                [
                    t("report.col.stakeholder", lang),
                    t("report.col.kind", lang),
                    t("report.col.count", lang),
                ],
                [
                    [
                        text(s.name),
                        text(t(f"stakeholder_kind.{s.kind.value}", lang)),
                        Value(s.count, "integer"),
                    ]
                    for s in model.stakeholders
                ],
            )
        )
    if model.assumptions:
        blocks.append(
            Table(
                t("report.logic.assumptions", lang),
                [
                    t("report.col.kind", lang),
                    t("report.col.text", lang),
                    t("report.col.mitigation", lang),
                ],
                [
                    [
                        text(t(f"assumption_kind.{a.kind.value}", lang)),
                        text(a.text),
                        text(a.mitigation),
                    ]
                    for a in model.assumptions
                ],
            )
        )
    return blocks


# --- indicators -----------------------------------------------------------------------------


def _number(value: float | None) -> Value:
    if value is None:
        return Value(None, "number")
    return Value(value, "number", decimals=0 if float(value).is_integer() else None)


def _indicators(assessment, lang: str, results: dict) -> list[Block] | None:
    from spark_kit.impact.indicators import DEFAULT_TOLERANCE, track
    from spark_kit.viz.indicator_charts import progress_overview_chart

    indicators = assessment.logic_model.indicators
    if not indicators:
        return None
    follow_up = assessment.follow_up
    if follow_up.baseline_year is None or follow_up.target_year is None:
        note = Paragraph(t("report.indicators.no_plan", lang), "note")
        return [note, _plan_table(indicators, lang)]
    tracking = track(indicators, follow_up.table(), follow_up.baseline_year, follow_up.target_year)
    results["tracking"] = tracking
    if not tracking.years:
        note = t(
            "report.indicators.no_measurements",
            lang,
            baseline_year=tracking.baseline_year,
            target_year=tracking.target_year,
        )
        return [Paragraph(note, "note"), _plan_table(indicators, lang, tracking)]
    year = tracking.latest_year
    plan = t(
        "report.indicators.plan",
        lang,
        baseline_year=tracking.baseline_year,
        target_year=tracking.target_year,
        year=year,
        expected=format_percent(tracking.expected(year), lang),
        tolerance=format_number(DEFAULT_TOLERANCE * 100, lang),
    )
    rows = []
    for indicator in tracking.indicators:
        measured = [y for y in tracking.years if tracking.actual(indicator.id, y) is not None]
        latest_year = measured[-1] if measured else None
        latest = None if latest_year is None else tracking.actual(indicator.id, latest_year)
        rows.append(
            [
                text(indicator.id),
                text(indicator.name),
                text(indicator.unit),
                _number(indicator.baseline),
                _number(latest),
                Value(latest_year, "year"),
                _number(indicator.target),
                Value(tracking.progress(indicator.id, year), "percent"),
                text(tracking.status(indicator.id, year).label(lang)),
            ]
        )
    columns = [
        t("tracking.col.id", lang),
        t("tracking.col.name", lang),
        t("tracking.col.unit", lang),
        t("tracking.col.baseline", lang, year=tracking.baseline_year),
        t("report.col.latest", lang),
        t("report.col.latest_year", lang),
        t("tracking.col.target", lang, year=tracking.target_year),
        t("tracking.col.progress", lang, year=year),
        t("tracking.col.status", lang, year=year),
    ]
    return [
        Paragraph(plan),
        Table(t("report.indicators.table", lang), columns, rows),
        Figure("indicators", lambda: progress_overview_chart(tracking, lang=lang)),
    ]


def _plan_table(indicators, lang: str, tracking=None) -> Table:
    """The indicators with baseline and target only (no measured year yet)."""
    rows = [
        [
            text(i.id),
            text(i.name),
            text(i.unit),
            _number(i.baseline),
            _number(i.target),
            text(i.data_source),
        ]
        for i in indicators
    ]
    if tracking is None:
        baseline, target = t("report.col.baseline", lang), t("report.col.target", lang)
    else:
        baseline = t("tracking.col.baseline", lang, year=tracking.baseline_year)
        target = t("tracking.col.target", lang, year=tracking.target_year)
    columns = [
        t("tracking.col.id", lang),
        t("tracking.col.name", lang),
        t("tracking.col.unit", lang),
        baseline,
        target,
        t("report.col.data_source", lang),
    ]
    return Table(t("report.indicators.table", lang), columns, rows)


# --- five dimensions ------------------------------------------------------------------------


def _five_dimensions(assessment, lang: str, results: dict) -> list[Block] | None:
    from spark_kit.impact.five_dimensions import (
        classify_enterprise,
        classify_outcome,
        explain_enterprise,
        explain_outcome,
    )
    from spark_kit.viz.impact_profile_chart import draw_impact_profiles

    profiles = list(assessment.impact_profiles)
    if not profiles:
        return None
    abc = classify_enterprise(profiles)
    results["abc"] = abc
    results["abc_outcomes"] = {p.outcome_id: classify_outcome(p) for p in profiles}
    rows = []
    for p in profiles:
        rows.append(
            [
                text(p.outcome_id),
                text(p.what.outcome),
                text(p.who.stakeholder_name or p.who.stakeholder),
                text(p.what.unit),
                _number(p.who.baseline),
                _number(p.what.level),
                _number(p.what.threshold),
                _number(p.contribution.counterfactual_level),
                Value(p.how_much.scale, "integer"),
                _number(p.how_much.duration_years),
                text(results["abc_outcomes"][p.outcome_id].label(lang)),
                text(p.risk.highest().label(lang)),
            ]
        )
    columns = [
        t("report.col.id", lang),
        t("report.col.outcome", lang),
        t("report.col.stakeholder", lang),
        t("tracking.col.unit", lang),
        t("report.col.baseline", lang),
        t("report.col.outcome_level", lang),
        t("report.col.threshold", lang),
        t("report.col.counterfactual", lang),
        t("report.col.scale", lang),
        t("report.col.duration", lang),
        t("report.col.abc", lang),
        t("report.col.highest_risk", lang),
    ]
    return [
        Paragraph(t("report.fd.intro", lang)),
        Facts([(t("report.fact.abc", lang), text(abc.label(lang)))]),
        Paragraph(explain_enterprise(profiles, lang)),
        Table(t("report.fd.table", lang), columns, rows),
        Bullets([explain_outcome(p, lang) for p in profiles], t("report.fd.why", lang)),
        Figure(
            "five_dimensions",
            lambda: draw_impact_profiles(profiles, lang, t("report.fd.chart", lang)),
        ),
    ]


# --- SROI -----------------------------------------------------------------------------------


def _sroi(assessment, lang: str, results: dict) -> list[Block] | None:
    from spark_kit.impact.sroi.calculate import calculate_sroi
    from spark_kit.viz.sroi_charts import value_by_year_chart

    value_map = assessment.value_map
    if not value_map.outcomes:
        return None
    conventions = value_map.conventions
    # The same call as `spark-kit sroi` without options: the value map's own conventions.
    result = calculate_sroi(value_map, conventions)
    results["sroi"] = result
    currency = conventions.currency

    def money(value: float) -> Value:
        return Value(value, "money", currency)

    payback = Value(
        result.payback_months,
        "number",
        decimals=2,
        suffix=" " + t("report.unit.months", lang),
        missing=t("sroi_cli.not_defined", lang),
    )
    blocks: list[Block] = [
        Paragraph(t("report.sroi.intro", lang)),
        Facts(
            [
                (t("sroi_cli.present_value", lang), money(result.present_value)),
                (t("sroi_cli.total_inputs", lang), money(result.total_inputs)),
                (t("sroi_cli.npv", lang), money(result.npv)),
                (t("sroi_cli.sroi_ratio", lang), _ratio(result.sroi_ratio, lang)),
                (
                    t("sroi_cli.net_sroi_ratio", lang),
                    Value(result.net_sroi_ratio, "ratio", missing=t("sroi_cli.not_defined", lang)),
                ),
                (t("sroi_cli.payback", lang), payback),
            ]
        ),
        Paragraph(t("report.sroi.not_for_ranking", lang), "note"),
        Paragraph(_conventions_text(conventions, lang)),
        Facts(
            [
                (t("sroi_cli.discount_rate", lang), Value(conventions.discount_rate, "share")),
                (
                    t("sroi_cli.dropoff_start", lang),
                    text(t(f"sroi_cli.dropoff.{conventions.dropoff_start}", lang)),
                ),
                (
                    t("sroi_cli.discount_first_year", lang),
                    text(_yes_no(conventions.discount_first_year, lang)),
                ),
                (
                    t("sroi_cli.filters", lang),
                    text(t(f"sroi_cli.filters.{conventions.filters}", lang)),
                ),
                (t("sroi_cli.currency", lang), text(currency)),
            ],
            t("sroi_cli.conventions", lang),
        ),
        Table(
            t("sroi_cli.by_year", lang),
            [
                t("sroi_cli.year", lang),
                money_header(t("sroi_cli.undiscounted", lang), currency),
                money_header(t("sroi_cli.discounted", lang), currency),
            ],
            [
                [Value(year, "integer"), money(value), money(present)]
                for year, (value, present) in enumerate(
                    zip(result.values_by_year, result.pv_by_year, strict=True), start=1
                )
            ],
        ),
        Figure(
            "sroi_by_year",
            lambda: value_by_year_chart(result, lang),
        ),
        Table(
            t("sroi_cli.by_stakeholder", lang),
            [
                t("report.col.stakeholder", lang),
                money_header(t("sroi_cli.discounted", lang), currency),
            ],
            [[text(name), money(value)] for name, value in result.by_stakeholder.items()],
        ),
        _outcomes_table(value_map, result, lang),
        _inputs_table(value_map, lang),
    ]
    warnings = [w.message(lang) for w in result.warnings]
    blocks.append(
        Bullets(warnings, t("sroi_cli.warnings", lang))
        if warnings
        else Paragraph(t("sroi_cli.no_warnings", lang))
    )
    blocks += _convention_variants(value_map, result, lang, results)
    if result.sroi_ratio is None:
        blocks.append(Paragraph(t("report.sroi.no_sensitivity", lang), "note"))
    else:
        blocks += _sensitivity(value_map, result, lang, results)
    return blocks


def _conventions_text(conventions, lang: str) -> str:
    from spark_kit.workbook.cells import share_decimals

    rate = format_percent(
        conventions.discount_rate, lang, share_decimals(conventions.discount_rate)
    )
    first = "yes" if conventions.discount_first_year else "no"
    sentences = [
        t("report.sroi.conv.rate", lang, rate=rate),
        t(f"report.sroi.conv.first_year.{first}", lang),
        t(f"report.sroi.conv.dropoff.{conventions.dropoff_start}", lang),
        t(f"report.sroi.conv.filters.{conventions.filters}", lang),
        t("report.sroi.conv.inputs", lang),
    ]
    return " ".join(sentences)


def _outcomes_table(value_map, result, lang: str) -> Table:
    currency = value_map.conventions.currency
    rows = []
    for row, computed in zip(value_map.outcomes, result.by_outcome, strict=True):
        rows.append(
            [
                Value(computed["row"], "integer"),
                text(row.stakeholder),
                text(row.outcome),
                _number(row.quantity),
                Value(row.financial_proxy, "money", currency),
                Value(row.deadweight, "share"),
                Value(row.displacement, "share"),
                Value(row.attribution, "share"),
                Value(row.drop_off, "share"),
                Value(row.duration_years, "integer"),
                Value(computed["impact"], "money", currency),
                Value(computed["present_value"], "money", currency),
            ]
        )
    columns = [
        t("report.col.row", lang),
        t("report.col.stakeholder", lang),
        t("report.col.outcome", lang),
        t("sroi.param.quantity", lang),
        money_header(t("sroi.param.financial_proxy", lang), currency),
        t("sroi.param.deadweight", lang),
        t("sroi.param.displacement", lang),
        t("sroi.param.attribution", lang),
        t("sroi.param.drop_off", lang),
        t("sroi.param.duration_years", lang),
        money_header(t("report.col.impact", lang), currency),
        money_header(t("sroi_cli.discounted", lang), currency),
    ]
    return Table(t("report.sroi.outcomes", lang), columns, rows)


def _inputs_table(value_map, lang: str) -> Table:
    currency = value_map.conventions.currency
    rows = [
        [
            text(i.stakeholder),
            text(i.description),
            text(t(f"report.input_kind.{INPUT_KINDS[i.kind.value]}", lang)),
            Value(i.year, "integer"),
            Value(i.amount, "money", currency),
        ]
        for i in value_map.inputs
    ]
    columns = [
        t("report.col.stakeholder", lang),
        t("report.col.input", lang),
        t("report.col.kind", lang),
        t("sroi_cli.year", lang),
        money_header(t("report.col.amount", lang), currency),
    ]
    note = "" if rows else t("report.sroi.no_inputs", lang)
    return Table(t("report.sroi.inputs", lang), columns, rows, note)


def _convention_variants(value_map, result, lang: str, results: dict) -> list[Block]:
    """The ratio under each contested convention flipped (impact-methods.md §1.8)."""
    from spark_kit.impact.sroi.calculate import calculate_sroi

    conventions = result.conventions
    flips = {
        "discount_first_year": not conventions.discount_first_year,
        "dropoff_start": "year1" if conventions.dropoff_start == "year2" else "year2",
        "filters": "additive" if conventions.filters == "multiplicative" else "multiplicative",
    }
    currency = conventions.currency
    rows = [
        [
            text(t("report.sroi.variant.used", lang)),
            _ratio(result.sroi_ratio, lang),
            Value(result.present_value, "money", currency),
        ]
    ]
    variants = {}
    for name, value in flips.items():
        changed = conventions.model_copy(update={name: value})
        other = calculate_sroi(value_map, changed)
        variants[name] = other
        if name == "discount_first_year":
            shown = _yes_no(value, lang)
        elif name == "dropoff_start":
            shown = t(f"sroi_cli.dropoff.{value}", lang)
        else:
            shown = t(f"sroi_cli.filters.{value}", lang)
        label = t(f"sroi_cli.{name}", lang) + ": " + shown
        pv = Value(other.present_value, "money", currency)
        rows.append([text(label), _ratio(other.sroi_ratio, lang), pv])
    results["sroi_variants"] = variants
    return [
        Table(
            t("report.sroi.variants", lang),
            [
                t("report.col.convention", lang),
                t("sroi_cli.sroi_ratio", lang),
                money_header(t("sroi_cli.discounted", lang), currency),
            ],
            rows,
            t("report.sroi.variants_note", lang),
        )
    ]


def _sensitivity(value_map, result, lang: str, results: dict) -> list[Block]:
    from spark_kit.impact.sroi.sensitivity import (
        ROW_PARAMETERS,
        MonteCarloSpec,
        break_even,
        monte_carlo,
        one_at_a_time,
        parameter_label,
    )
    from spark_kit.viz.sroi_charts import monte_carlo_chart, tornado_chart

    conventions = result.conventions
    currency = conventions.currency
    change = format_percent(SENSITIVITY_CHANGE, lang)
    one_way = one_at_a_time(value_map, SENSITIVITY_CHANGE, conventions=conventions)
    results["one_way"] = one_way
    blocks: list[Block] = [
        Paragraph(t("report.sroi.one_way", lang, change=change)),
        Figure("sroi_tornado", lambda: tornado_chart(one_way, lang)),
        Table(
            t("report.sroi.one_way_table", lang),
            [
                t("report.col.parameter", lang),
                t("report.col.ratio_minus", lang, change=change),
                t("report.col.ratio_plus", lang, change=change),
                t("report.col.swing", lang),
            ],
            [
                [
                    text(r.label(lang)),
                    Value(r.ratio_minus, "ratio"),
                    Value(r.ratio_plus, "ratio"),
                    Value(r.swing, "ratio"),
                ]
                for r in one_way
            ],
        ),
    ]
    found = break_even(value_map, conventions=conventions)
    results["break_even"] = found
    by_row: dict[int, dict[str, Any]] = {}
    global_rows = []
    for item in found:
        if item.row is None:
            global_rows.append(item)
        else:
            by_row.setdefault(item.row, {})[item.parameter] = item
    none = t("report.sroi.none_within_bounds", lang)

    def shown(item) -> Value:
        kind, decimals = BREAK_EVEN_FORMATS.get(item.parameter, ("percent", 2))
        return Value(item.value, kind, currency, decimals, missing=none)

    rows = []
    for number, items in sorted(by_row.items()):
        outcome = value_map.outcomes[number - 1]
        rows.append(
            [Value(number, "integer"), text(outcome.outcome)]
            + [shown(items[p]) for p in ROW_PARAMETERS]
        )
    columns = [t("report.col.row", lang), t("report.col.outcome", lang)]
    columns += [parameter_label(p, lang) for p in ROW_PARAMETERS]
    blocks.append(Paragraph(t("report.sroi.break_even", lang)))
    blocks.append(Table(t("report.sroi.break_even_table", lang), columns, rows))
    blocks.append(
        Facts(
            [
                (
                    t("report.sroi.break_even_global", lang, parameter=item.label(lang)),
                    shown(item),
                )
                for item in global_rows
            ]
        )
    )
    spec = MonteCarloSpec()
    simulated = monte_carlo(
        value_map, spec, draws=MONTE_CARLO_DRAWS, seed=MONTE_CARLO_SEED, conventions=conventions
    )
    results["monte_carlo"] = simulated
    blocks.append(
        Paragraph(
            t(
                "report.sroi.monte_carlo",
                lang,
                draws=format_number(MONTE_CARLO_DRAWS, lang),
                seed=MONTE_CARLO_SEED,
                varied=_spec_text(spec, lang),
            )
        )
    )
    percentile_rows = [
        (t("report.sroi.percentile", lang, p=p), Value(value, "ratio"))
        for p, value in simulated.percentiles.items()
    ]
    share = Value(simulated.probability_at_least_one, "percent", decimals=1)
    percentile_rows.append((t("report.sroi.at_least_one", lang), share))
    blocks.append(Facts(percentile_rows, t("report.sroi.monte_carlo_title", lang)))
    blocks.append(Figure("sroi_monte_carlo", lambda: monte_carlo_chart(simulated, lang)))
    return blocks


def _spec_text(spec, lang: str) -> str:
    from spark_kit.impact.sroi.sensitivity import BetaPrior, Relative, parameter_label

    parts = []
    for name, distribution in spec.varied().items():
        label = parameter_label(name, lang).lower()
        if isinstance(distribution, Relative):
            parts.append(
                t(
                    "report.sroi.dist.relative",
                    lang,
                    parameter=label,
                    low=format_percent(1 + distribution.low, lang),
                    high=format_percent(1 + distribution.high, lang),
                )
            )
        elif isinstance(distribution, BetaPrior):
            parts.append(
                t(
                    "report.sroi.dist.beta",
                    lang,
                    parameter=label,
                    a=format_number(distribution.a, lang),
                    b=format_number(distribution.b, lang),
                    mean=format_percent(distribution.mean, lang),
                )
            )
        else:
            parts.append(
                t(
                    "report.sroi.dist.uniform",
                    lang,
                    parameter=label,
                    low=format_number(distribution.low, lang),
                    high=format_number(distribution.high, lang),
                )
            )
    return "; ".join(parts)


# --- socioeconomic ledger -------------------------------------------------------------------


def _years(value: float | None, lang: str) -> Value:
    return Value(
        value,
        "number",
        decimals=1,
        suffix=" " + t("report.unit.years", lang),
        missing=t("report.ledger.no_payback", lang),
    )


def _ledger(assessment, lang: str, results: dict) -> list[Block] | None:
    from spark_kit.impact.ledger import evaluate
    from spark_kit.viz.ledger_charts import draw_actor_net, draw_cumulative

    ledger = assessment.ledger
    if ledger is None:
        return None
    result = evaluate(ledger)
    results["ledger"] = result
    currency = ledger.currency
    fictional = bool(ledger.fictional or assessment.profile.fictional)

    def kr(value: float) -> Value:
        return Value(float(value), "money", currency, 0)

    from spark_kit.workbook.cells import share_decimals

    rate = format_percent(ledger.discount_rate, lang, share_decimals(ledger.discount_rate))
    intro = t(
        "report.ledger.intro",
        lang,
        participants=format_number(ledger.participants, lang),
        years=ledger.horizon_years,
    )
    discounting = (
        t("report.ledger.undiscounted", lang)
        if ledger.discount_rate == 0
        else t("report.ledger.discounted", lang, rate=rate)
    )
    facts = [
        (t("report.ledger.society_total", lang, years=len(result.years)), kr(result.total(None))),
        (t("report.ledger.society_payback", lang), _years(result.society_payback(), lang)),
    ]
    if result.payer is not None:
        facts.append((t("report.ledger.payer", lang), text(result.payer.label(lang))))
        facts.append((t("report.ledger.payer_payback", lang), _years(result.payback(), lang)))
    actors = result.actors()
    per_actor = [
        [text(a.label(lang)), kr(result.total(a)), _years(result.payback(a), lang)] for a in actors
    ]
    society = text(t("ledger.society", lang))
    per_actor.append([society, kr(result.total(None)), _years(result.society_payback(), lang)])
    per_year = []
    for actor in [*actors, None]:
        values = list(result.net[actor] if actor is not None else result.society_net)
        label = actor.label(lang) if actor is not None else t("ledger.society", lang)
        per_year.append([text(label), *(kr(v) for v in values), kr(sum(values))])
    groups = [
        [
            text(g.name),
            Value(g.participants, "integer"),
            Value(g.success_rate, "share"),
            Value(g.persistence, "share"),
            Value(g.activity_years, "integer"),
        ]
        for g in ledger.groups
    ]
    return [
        Paragraph(intro + " " + discounting),
        Facts(facts),
        Table(
            t("report.ledger.groups", lang),
            [
                t("report.col.group", lang),
                t("report.col.participants", lang),
                t("report.col.success_rate", lang),
                t("report.col.persistence", lang),
                t("report.col.activity_years", lang),
            ],
            groups,
        ),
        Table(
            t("report.ledger.per_actor", lang, years=len(result.years)),
            [
                t("ledger.col.actor", lang),
                money_header(t("report.col.net", lang), currency),
                t("report.col.payback", lang),
            ],
            per_actor,
        ),
        Figure("ledger_actors", lambda: draw_actor_net(result, lang, fictional=fictional)),
        Table(
            t("report.ledger.per_year", lang, currency=currency),
            [t("ledger.col.actor", lang)]
            + [t("ledger.col.year", lang, year=y) for y in result.years]
            + [t("ledger.col.total", lang)],
            per_year,
        ),
        Figure("ledger_cumulative", lambda: draw_cumulative(result, lang, fictional=fictional)),
    ]


# --- financing plan -------------------------------------------------------------------------


def _financing(assessment, lang: str, results: dict) -> list[Block] | None:
    from spark_kit.viz.finance_charts import cashflow_chart

    budget = assessment.cashflow
    if budget.is_empty():
        return None
    result = budget.compute()
    results["cashflow"] = result

    def month(value: int | None) -> Value:
        return text(DASH if value is None else result.month_label(value, lang))

    horizon = result.horizon
    facts = [
        (t("report.cash.horizon", lang), text(t("report.cash.months", lang, months=horizon))),
        (t("report.cash.first_month", lang), month(1)),
        (t("report.cash.opening", lang), _kr(budget.opening_balance)),
        (t("report.cash.buffer", lang), _kr(budget.buffer)),
        (t("report.cash.lowest", lang), _kr(result.lowest_balance)),
        (t("report.cash.lowest_month", lang), month(result.lowest_month)),
        (t("report.fact.funding_gap", lang), _kr(result.funding_gap)),
        (t("report.fact.gap_month", lang), month(result.gap_month)),
        (t("report.fact.bridge", lang), _kr(result.bridge)),
        (t("report.cash.bridge_from", lang), month(result.bridge_from)),
        (t("report.cash.bridge_repay", lang), month(result.bridge_repay_month)),
    ]
    monthly = [
        [
            Value(int(m), "integer"),
            text(result.month_label(int(m), lang)),
            _kr(result.opening[i]),
            _kr(result.inflow[i]),
            _kr(result.outflow[i]),
            _kr(result.net[i]),
            _kr(result.closing[i]),
        ]
        for i, m in enumerate(result.months)
    ]
    lines = [
        [
            text(line.kind.label(lang)),
            text(line.name(lang)),
            _kr(float(abs(values).sum())),
        ]
        for line, values in zip(budget.lines, result.by_line, strict=True)
    ]
    fictional = bool(assessment.profile.fictional)
    return [
        Paragraph(result.summary(lang)),
        Facts(facts),
        Figure("cashflow", lambda: cashflow_chart(result, lang, fictional=fictional)),
        Table(
            t("report.cash.lines", lang),
            [
                t("report.col.kind", lang),
                t("report.col.text", lang),
                money_header(t("report.cash.line_total", lang, months=result.horizon), "SEK"),
            ],
            lines,
        ),
        Table(
            t("report.cash.monthly", lang),
            ["#", t("cashflow.col.month", lang)]
            + [
                money_header(t(f"cashflow.col.{c}", lang), "SEK")
                for c in ("opening", "inflow", "outflow", "net", "closing")
            ],
            monthly,
        ),
    ]


# --- readiness ------------------------------------------------------------------------------


def _readiness(assessment, lang: str, results: dict) -> list[Block] | None:
    from spark_kit.finance.readiness import SCALE_MAX, assess, format_score
    from spark_kit.viz.readiness_chart import draw_readiness_radar

    answers = assessment.readiness
    if not answers.answered:
        return None
    result = assess(answers.answers)
    results["readiness"] = result
    total = len(result.question_set.items)
    answered = total - len(result.missing)
    facts = [
        (t("report.readiness.year", lang), Value(answers.year, "year")),
        (t("report.readiness.answered", lang), _of(answered, total, lang)),
        (t("report.fact.readiness", lang), text(format_score(result.overall, lang))),
    ]
    rows = [
        [
            text(d.label(lang)),
            Value(d.answered, "integer"),
            Value(d.total, "integer"),
            Value(d.mean, "number", decimals=2, missing=t("readiness.not_scored", lang)),
            Value(d.percent, "percent"),
        ]
        for d in result.dimensions
    ]
    blocks: list[Block] = [
        Paragraph(t("report.readiness.intro", lang, max=SCALE_MAX)),
        Facts(facts),
        Table(
            t("report.readiness.table", lang),
            [
                t("report.col.dimension", lang),
                t("report.col.answered", lang),
                t("report.col.items", lang),
                t("report.col.mean", lang, max=SCALE_MAX),
                t("report.col.percent", lang),
            ],
            rows,
        ),
        Figure(
            "readiness",
            lambda: draw_readiness_radar(
                result, lang, current_label=str(answers.year) if answers.year else ""
            ),
        ),
    ]
    if any(d.scored for d in result.dimensions):
        weakest = ", ".join(d.label(lang) for d in result.weakest(2))
        blocks.append(Paragraph(t("report.readiness.weakest", lang, dimensions=weakest)))
    steps = result.next_steps()
    if steps:
        blocks.append(
            Bullets(
                [
                    t(
                        "report.readiness.step",
                        lang,
                        title=step.title(lang),
                        module=step.module,
                        action=" ".join(step.actions(lang)),
                    )
                    for step in steps
                ],
                t("report.readiness.next_steps", lang),
                ordered=True,
            )
        )
    return blocks


# --- sources and caveats --------------------------------------------------------------------

#: The sources the methods rest on (as listed in book/kallor.md), by the part they belong to.
SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "logic_model": (
        ("esv_2016", "https://www.esv.se/publicerat/publikationer/2016/verksamhetslogik/"),
        (
            "tillvaxtverket_toc",
            "https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/handbocker/"
            "handbokforeuprojekt20212027/planera/2planeraertprojekt/"
            "forandringsteoriiprojektet.3385.html",
        ),
    ),
    "indicators": (
        ("esf_results", "https://www.esf.se/att-driva-projekt/arbeta-mot-resultat/"),
        ("rise_rigga", "https://www.ri.se/sv/SHIC/rigga-for-effekt"),
    ),
    "five_dimensions": (
        ("imp_what", "https://impactmanagementproject.com/impact-management/what-is-impact/"),
        (
            "if_abc_outcome",
            "https://impactfrontiers.org/norms/abc-of-enterprise-impact/outcome-level/",
        ),
        (
            "if_abc_enterprise",
            "https://impactfrontiers.org/norms/abc-of-enterprise-impact/enterprise-level/",
        ),
    ),
    "sroi": (
        ("sroi_guide", "http://www.slideshare.net/saskiavanderwerff/sroi-guide-2012"),
        ("svi_principles", "http://socialvalueint.org/our-work/principles-of-social-value/"),
        ("green_book", "https://ppponline.affinitext.com/public/book?id=5905&toc_id=875717"),
        ("meta_analysis", "https://github.com/jcmunozmora/sroi-meta-analysis"),
        ("nicholls_ratios", "https://socialvalueuk.org/what-ratios-are-telling-us/"),
        (
            "tsrc_limits",
            "https://probonoaustralia.com.au/news/2011/01/uk-report-highlights-limitations-of-sroi/",
        ),
    ),
    "ledger": (
        ("see_2005", "http://www.seeab.se/Socek1/SocEkBoksMetod.htm"),
        ("skoopi", "http://www.skoopi.coop/socioekonomiska-bokslut/"),
    ),
    "financing": (
        (
            "verksamt",
            "https://www.verksamt.se/alla-e-tjanster/rakna-ut/likviditetsbudget",
        ),
        (
            "esf_guide",
            "https://www.esf.se/att-ansoka/programperiod-2021-2027/ansokningsguide/",
        ),
    ),
    "readiness": (
        (
            "oecd_bept",
            "https://vdocuments.us/the-better-entrepreneurship-policy-ool-social-"
            "entrepreneurship-culture-refers.html",
        ),
        ("npc_readiness", "https://www.thinknpc.org/blog/readiness-or-resilience/"),
    ),
}


def _sources(lang: str, filled: set[str]) -> Section:
    blocks: list[Block] = [Paragraph(t("report.sources.intro", lang))]
    for part, sources in SOURCES.items():
        if part not in filled:
            continue
        items = [(t(f"report.source.{key}", lang), url) for key, url in sources]
        blocks.append(Links(items, t(f"report.section.{part}", lang)))
    if len(blocks) == 1:
        blocks.append(Paragraph(t("report.sources.none", lang), "note"))
    return Section("sources", t("report.section.sources", lang), True, blocks)


def _caveats(assessment, lang: str, filled: set[str]) -> Section:
    items = []
    if assessment.profile.fictional:
        items.append(t("report.caveat.fictional", lang))
    items.append(t("report.caveat.estimates", lang))
    if "sroi" in filled:
        items.append(t("report.caveat.ranking", lang))
        items.append(t("report.caveat.conventions", lang))
        items.append(t("report.caveat.monte_carlo", lang))
    if "ledger" in filled:
        items.append(t("report.caveat.ledger", lang))
    if "five_dimensions" in filled:
        items.append(t("report.caveat.five_dimensions", lang))
    if "financing" in filled:
        items.append(t("report.caveat.financing", lang))
    if "readiness" in filled:
        items.append(t("report.caveat.readiness", lang))
    return Section("caveats", t("report.section.caveats", lang), True, [Bullets(items)])
