"""The indicator follow-up panel (indikatoruppföljning), a step of "Min effektrapport".

:class:`FollowUpPanel` edits ``assessment.follow_up`` — the baseline year, the target year
and the measured value (mätvärde) of each indicator per year — and shows where every
indicator of the logic model stands, with :func:`spark_kit.impact.indicators.track`
(progress and status) and the charts of :mod:`spark_kit.viz.indicator_charts`. The
indicators themselves (baseline and target values) are edited in Effektlogik.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import ipywidgets as w

from spark_kit.apps.form_widgets import (
    AUTO,
    NEW,
    WRAP,
    FieldParser,
    LazyTabs,
    Quiet,
    action_button,
    field_number,
    label_buttons,
    problems_text,
    set_choices,
    set_headings,
)
from spark_kit.apps.html_parts import badge, chart_html, esc, html_table, paragraph
from spark_kit.apps.panel import Panel
from spark_kit.apps.widgets import FieldSpec, Notice, RecordForm
from spark_kit.assessment_parts import FollowUp, Measurement
from spark_kit.errors import SparkInputError
from spark_kit.i18n import format_number, t
from spark_kit.impact.indicators import IndexedTracking, Status, Tracking, track
from spark_kit.viz.indicator_charts import progress_chart, progress_overview_chart
from spark_kit.workbook.schema import Column, Kind

YEAR = Column("year", "", "", Kind.INTEGER, True, minimum=1900, maximum=2200)
VALUE = Column("value", "", "", Kind.NUMBER)
NOTE = Column("note", "", "", Kind.TEXT)


class FollowUpPanel(Panel):
    """Indikatoruppföljning: enter measured values per indicator and year, see progress.

    Public API (besides :class:`~spark_kit.apps.panel.Panel`'s):

    - ``years_form`` (baseline_year, target_year) and :meth:`save_years`;
    - ``measurement_form`` (``measurement`` chooser: 0 = a new one, n = the n-th stored
      measurement; indicator, year, value — empty means "not measured" —, note),
      :meth:`save_measurement` (adds, or replaces the value of the same indicator and year)
      and :meth:`remove_measurement`;
    - ``year_choice`` (the year the status is shown for), ``results`` (summary and table),
      ``charts`` (overview; one indicator, chosen with ``indicator_choice``);
    - :meth:`tracking`: the :class:`~spark_kit.impact.indicators.Tracking` shown, or None.
    """

    title_key = "app.follow_up.title"

    def __init__(self) -> None:
        super().__init__()
        self._filled: dict[str, Any] = {}
        self._select: int | None = None
        self._synced: FollowUp | None = None
        self._committed: FollowUp | None = None
        self._tracking: Tracking | None = None
        self._latest_shown: int | None = None
        self._quiet = Quiet()
        self._build()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        lang = self.lang
        self.heading = w.HTML()
        self.no_indicators = w.HTML()
        self.headings = {k: w.HTML() for k in ("years", "measurements", "results", "charts")}
        self.years_help = w.HTML()
        self.years_form = RecordForm(
            [
                FieldSpec("baseline_year", "app.follow_up.field.baseline_year", "number"),
                FieldSpec("target_year", "app.follow_up.field.target_year", "number"),
            ],
            lang,
        )
        self.save_years_button = action_button(self.save_years, "success")
        self.years_notice = Notice()

        self.measurement_help = w.HTML()
        self.measurement_form = RecordForm(
            [
                FieldSpec(
                    "measurement",
                    "app.follow_up.field.measurement",
                    "choice",
                    self._measurement_options,
                ),
                FieldSpec(
                    "indicator", "app.follow_up.field.indicator", "choice", self._indicator_options
                ),
                FieldSpec("year", "app.follow_up.field.year", "number"),
                FieldSpec("value", "app.follow_up.field.value", "number"),
                FieldSpec("note", "app.follow_up.field.note"),
            ],
            lang,
        )
        self.measurement_form.widgets["measurement"].observe(lambda _: self._fill(), "value")
        self.save_measurement_button = action_button(self.save_measurement, "success")
        self.remove_measurement_button = action_button(self.remove_measurement, "danger")
        self.measurement_notice = Notice()

        self.year_choice = w.Dropdown(options=[], layout=AUTO)
        self.year_choice.observe(self._on_view_change, "value")
        self.results = w.HTML()
        self.results.add_class("spark-result")
        self.overview_chart = w.HTML()
        self.indicator_choice = w.Dropdown(options=[], layout=AUTO)
        self.indicator_choice.observe(self._on_indicator_change, "value")
        self.indicator_chart = w.HTML()
        self.charts = LazyTabs(
            [
                (self.overview_chart, self._draw_overview),
                (w.VBox([self.indicator_choice, self.indicator_chart]), self._draw_indicator),
            ]
        )
        self.main_box = w.VBox(
            [
                self.headings["years"],
                self.years_help,
                self.years_form.box,
                self.save_years_button,
                self.years_notice.widget,
                self.headings["measurements"],
                self.measurement_help,
                self.measurement_form.box,
                w.Box([self.save_measurement_button, self.remove_measurement_button], layout=WRAP),
                self.measurement_notice.widget,
                self.headings["results"],
                self.year_choice,
                self.results,
                self.headings["charts"],
                self.charts.tab,
            ]
        )
        self.widget.children = [self.heading, self.no_indicators, self.main_box]

    # --- choices ----------------------------------------------------------------------------

    @property
    def follow_up(self) -> FollowUp:
        return self.assessment.follow_up

    @property
    def indicators(self) -> list:
        return list(self.assessment.logic_model.indicators) if self.assessment else []

    def _unit(self, indicator_id: str) -> str:
        found = [i.unit for i in self.indicators if i.id == indicator_id]
        return f" {found[0]}" if found and found[0] else ""

    def _value_text(self, measurement: Measurement, lang: str) -> str:
        if measurement.value is None:
            return t("tracking.status.no_measurement", lang)
        value = measurement.value
        decimals = 0 if float(value).is_integer() else 2
        return format_number(value, lang, decimals) + self._unit(measurement.indicator)

    def _measurement_options(self, lang: str) -> list[tuple[str, int]]:
        measurements = self.follow_up.measurements if self.assessment else []
        pairs = [
            (f"{m.indicator} {m.year}: {self._value_text(m, lang)}"[:80], i)
            for i, m in enumerate(measurements, start=1)
        ]
        return [(t("app.follow_up.new_measurement", lang), NEW), *pairs]

    def _indicator_options(self, lang: str) -> list[tuple[str, str]]:
        return [(f"{i.id}: {i.name}"[:80], i.id) for i in self.indicators]

    # --- drawing ----------------------------------------------------------------------------

    def render(self) -> None:
        if self.assessment is None:
            return
        lang = self.lang
        mark = badge(t("app.fictional", lang)) if self.assessment.profile.fictional else ""
        # the frame shows the title (h1, and h2 for a step); the panel starts with its intro
        self.heading.value = f"<p>{esc(t('app.follow_up.intro', lang))}{mark}</p>"
        if not self.indicators:
            self.no_indicators.value = (
                '<div class="spark-warn" role="status">'
                + paragraph(t("app.follow_up.no_indicators", lang))
                + "</div>"
            )
            self.main_box.layout.display = "none"
            return
        self.no_indicators.value = ""
        self.main_box.layout.display = None
        with self._quiet:
            self._relabel()
            self._sync_forms()
        self._redraw()

    def _relabel(self) -> None:
        lang = self.lang
        set_headings(self.headings, "app.follow_up.heading", lang)
        self.years_help.value = paragraph(t("app.follow_up.years_help", lang))
        self.measurement_help.value = paragraph(t("app.follow_up.measurement_help", lang))
        self.years_form.relabel(lang)
        self.measurement_form.relabel(lang)
        label_buttons(
            {
                self.save_years_button: "app.follow_up.button.save_years",
                self.save_measurement_button: "app.follow_up.button.save_measurement",
                self.remove_measurement_button: "app.follow_up.button.remove_measurement",
            },
            lang,
        )
        self.year_choice.description = t("app.follow_up.field.show_year", lang)
        self.indicator_choice.description = t("app.follow_up.field.indicator", lang)
        self.charts.set_titles(
            [t("app.follow_up.tab.overview", lang), t("app.follow_up.tab.indicator", lang)]
        )
        set_choices(self.indicator_choice, self._indicator_options(lang))

    def _sync_forms(self) -> None:
        follow_up = self.follow_up
        if follow_up is not self._synced and follow_up is not self._committed:
            self._select = NEW  # another assessment: start with an empty form
        self._synced = follow_up
        years = (follow_up.baseline_year, follow_up.target_year)
        if years != self._filled.get("years"):
            self._filled["years"] = years
            self.years_form.fill({"baseline_year": years[0] or "", "target_year": years[1] or ""})
        form = self.measurement_form
        form.refresh_options()
        if self._select is not None:
            chosen = self._select
            form.widgets["measurement"].value = (
                chosen if chosen <= len(follow_up.measurements) else NEW
            )
            self._select = None
        if self._current() != self._filled.get("measurement"):
            self._fill()

    def _current(self) -> Measurement | None:
        chosen = self.measurement_form.widgets["measurement"].value
        measurements = self.follow_up.measurements
        return measurements[chosen - 1] if chosen and chosen <= len(measurements) else None

    def _fill(self) -> None:
        measurement = self._current()
        self._filled["measurement"] = measurement
        if measurement is None:
            self.measurement_form.clear("value", "note")
            return
        self.measurement_form.fill(
            {
                "indicator": measurement.indicator,
                "year": str(measurement.year),
                "value": field_number(measurement.value, self.lang),
                "note": measurement.note,
            }
        )

    def tracking(self) -> Tracking | None:
        """The indicators followed with the stored measurements, or None without a plan.

        Raises :class:`SparkInputError` when the measurements do not fit the indicators
        (for example a measurement of an indicator since removed in Effektlogik).
        """
        follow_up = self.follow_up
        if follow_up.baseline_year is None or follow_up.target_year is None:
            return None
        tracking = track(
            self.indicators, follow_up.table(), follow_up.baseline_year, follow_up.target_year
        )
        return IndexedTracking.of(tracking)

    def _redraw(self) -> None:
        lang = self.lang
        try:
            tracking = self.tracking()
        except SparkInputError as error:
            self._tracking = None
            self.year_choice.layout.display = "none"
            self.results.value = (
                '<div class="spark-error" role="alert">'
                + paragraph(t("app.follow_up.cannot_track", lang))
                + paragraph(error.message(lang, with_location=False))
                + "</div>"
            )
            self.charts.tab.layout.display = "none"
            return
        self._tracking = tracking
        if tracking is None:
            self.year_choice.layout.display = "none"
            self.charts.tab.layout.display = "none"
            self.results.value = paragraph(t("app.follow_up.no_plan", lang))
            return
        self.year_choice.layout.display = None
        self.charts.tab.layout.display = None
        years = tracking.years or [tracking.baseline_year]
        keep = self.year_choice.value
        if keep == self._latest_shown:  # showing the latest year: follow it to a newer one
            keep = tracking.latest_year
        self._latest_shown = tracking.latest_year
        with self._quiet:
            if list(self.year_choice.options) != years:
                self.year_choice.options = years
            self.year_choice.value = keep if keep in years else tracking.latest_year
        self._draw_results()

    def _draw_results(self) -> None:
        lang = self.lang
        tracking = self._tracking
        year = self.year_choice.value
        frame = tracking.table(lang, year)
        headers = [frame.index.name, *frame.columns]
        rows = [
            [index, *map(str, values)]
            for index, values in zip(frame.index, frame.values.tolist(), strict=True)
        ]
        counts = Counter(tracking.status(i.id, year) for i in tracking.indicators)
        summary = ", ".join(
            f"{format_number(counts[status], lang)} {status.label(lang)}"
            for status in Status
            if counts[status]
        )
        numeric = set(range(3, len(headers) - 1))  # the values and the progress
        self.results.value = paragraph(
            t("app.follow_up.summary", lang, year=year, summary=summary)
        ) + html_table(headers, rows, numeric)
        key = (self.follow_up.model_dump_json(), self.indicators_key(), year, lang)
        self.charts.refresh(key)

    def indicators_key(self) -> str:
        return "|".join(i.model_dump_json() for i in self.indicators)

    def _draw_overview(self) -> None:
        chart = progress_overview_chart(self._tracking, self.year_choice.value, self.lang)
        self.overview_chart.value = chart_html(chart)

    def _draw_indicator(self) -> None:
        indicator = self.indicator_choice.value
        if not indicator or self._tracking is None:
            self.indicator_chart.value = ""
            return
        chart = progress_chart(self._tracking, indicator, self.lang)
        self.indicator_chart.value = chart_html(chart)

    def _on_view_change(self, change) -> None:
        if self._quiet or self._tracking is None:
            return
        self._draw_results()

    def _on_indicator_change(self, change) -> None:
        if self._quiet or self._tracking is None:
            return
        if self.charts.tab.selected_index == 1:
            self._draw_indicator()
        else:
            self.charts.stale.add(1)

    # --- edits ------------------------------------------------------------------------------

    def _commit_follow_up(self, follow_up: FollowUp, select: int | None = None) -> None:
        self._committed = follow_up
        self._select = select
        self.commit(self.assessment.model_copy(update={"follow_up": follow_up}))

    def save_years(self) -> bool:
        """Save the baseline year and the target year (both needed, target after baseline)."""
        values = self.years_form.values()
        parse = FieldParser(self.lang)
        baseline = parse(YEAR, values["baseline_year"], "app.follow_up.field.baseline_year")
        target = parse(YEAR, values["target_year"], "app.follow_up.field.target_year")
        if baseline is not None and target is not None and target <= baseline:
            parse.add(
                "tracking.years",
                "app.follow_up.field.target_year",
                target,
                baseline_year=baseline,
                target_year=target,
            )
        try:
            parse.raise_if()
        except SparkInputError as error:
            self.years_notice.error(problems_text(error, self.lang))
            return False
        follow_up = self.follow_up.model_copy(
            update={"baseline_year": baseline, "target_year": target}
        )
        self._commit_follow_up(follow_up)
        self.years_notice.ok(
            t("app.follow_up.done.years", self.lang, baseline=baseline, target=target)
        )
        return True

    def save_measurement(self) -> bool:
        """Save the form as a measurement: a new one, or the replacement of the chosen one
        and of any stored value for the same indicator and year."""
        lang = self.lang
        values = self.measurement_form.values()
        parse = FieldParser(lang)
        if not values["indicator"]:
            parse.add("value.required", "app.follow_up.field.indicator")
        year = parse(YEAR, values["year"], "app.follow_up.field.year")
        value = parse(VALUE, values["value"], "app.follow_up.field.value")
        note = parse(NOTE, values["note"], "app.follow_up.field.note") or ""
        try:
            parse.raise_if()
        except SparkInputError as error:
            self.measurement_notice.error(problems_text(error, lang))
            return False
        new = Measurement(indicator=values["indicator"], year=year, value=value, note=note)
        chosen = values["measurement"]
        measurements = list(self.follow_up.measurements)
        key = (new.indicator, new.year)
        same = [i for i, m in enumerate(measurements, 1) if (m.indicator, m.year) == key]
        place = chosen if chosen != NEW else (same[0] if same else NEW)
        replaced = measurements[place - 1] if place != NEW else None
        if place == NEW:
            measurements.append(new)
        else:
            measurements[place - 1] = new
        drop = {i for i in same if i != place}  # an older value for the same indicator and year
        measurements = [m for i, m in enumerate(measurements, 1) if i not in drop]
        position = measurements.index(new) + 1
        self._commit_follow_up(
            self.follow_up.model_copy(update={"measurements": measurements}),
            NEW if chosen == NEW else position,
        )
        if chosen == NEW:  # ready for the next value: keep indicator and year
            self.measurement_form.clear("value", "note")
        done = {"indicator": new.indicator, "year": new.year, "value": self._value_text(new, lang)}
        if replaced is not None and (replaced.indicator, replaced.year) == key:
            self.measurement_notice.ok(
                t(
                    "app.follow_up.done.replaced",
                    lang,
                    old=self._value_text(replaced, lang),
                    **done,
                )
            )
        else:
            self.measurement_notice.ok(t("app.follow_up.done.saved", lang, **done))
        return True

    def remove_measurement(self) -> bool:
        chosen = self.measurement_form.widgets["measurement"].value
        if chosen == NEW:
            self.measurement_notice.error(t("app.follow_up.error.choose", self.lang))
            return False
        measurements = list(self.follow_up.measurements)
        removed = measurements.pop(chosen - 1)
        self._commit_follow_up(
            self.follow_up.model_copy(update={"measurements": measurements}), NEW
        )
        self.measurement_notice.ok(
            t(
                "app.follow_up.done.removed",
                self.lang,
                indicator=removed.indicator,
                year=removed.year,
            )
        )
        return True
