"""Investeringsberedskap: the 30-item self-assessment, its scores, radar chart and next steps.

The answers are part of the assessment (``assessment.readiness``: the year and item id →
0–4 or None for a skipped item); every change of an answer commits the assessment. The
scores are :func:`spark_kit.finance.readiness.assess`'s, the chart is
:func:`spark_kit.viz.readiness_chart.draw_readiness_radar`, and the next steps are the kit
modules of :meth:`~spark_kit.finance.readiness.ReadinessResult.next_steps`.

The 30 choice widgets are built once. Changing an answer only recomputes the scores and
redraws the chart; a language switch relabels the widgets in place.
"""

from __future__ import annotations

import time

import ipywidgets as w

from spark_kit.apps.form_widgets import LazyPanel, Quiet, set_headings
from spark_kit.apps.html_parts import chart_html, esc, html_table, paragraph
from spark_kit.apps.widgets import STYLE, Notice
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.readiness import (
    SCALE_MAX,
    SCALE_MIN,
    TARGET,
    QuestionSet,
    ReadinessResult,
    assess,
    format_mean,
    format_score,
    load_question_set,
    overall_sentence,
    parse_answers,
)
from spark_kit.i18n import t
from spark_kit.viz.readiness_chart import draw_readiness_radar
from spark_kit.workbook.cells import CellError, to_integer

P = "app.readiness"
SKIP = -1  # the choice "hoppa över" (stored as None)
YEAR_RANGE = (1900, 2200)  # as ReadinessAnswers.year


class ReadinessPanel(LazyPanel):
    """The investment-readiness questionnaire over ``assessment.readiness``.

    Public parts: ``choices`` (item id → its drop-down; values 0–4 or :data:`SKIP`),
    ``year`` (a text field) with ``year_notice``, ``accordion`` (one section per
    dimension, titled with its score), the HTML widgets ``scores``, ``chart`` and
    ``next_steps``, and ``result`` (the last :class:`ReadinessResult`). ``timings`` holds
    the seconds from a changed answer to the redrawn chart (for information).
    """

    title_key = f"{P}.title"

    def __init__(self, question_set: QuestionSet | None = None) -> None:
        super().__init__()
        self.question_set = question_set or load_question_set()
        self._syncing = Quiet()
        self._year_shown: object = object()
        self.result: ReadinessResult | None = None

    # --- construction -------------------------------------------------------------------------

    def _build(self) -> None:
        self.intro = w.HTML()
        self.year = w.Text(layout={"width": "100%", "max_width": "20em"}, style=STYLE)
        self.year.continuous_update = False
        self.year.observe(lambda _: self._year_changed(), "value")
        self.year_notice = Notice()
        self.answers_notice = Notice()
        self.progress = w.HTML()
        self.questions: dict[str, w.HTML] = {}
        self.choices: dict[str, w.Dropdown] = {}
        sections = []
        for dimension in self.question_set.dimensions:
            rows = []
            for item in dimension.items:
                question = w.HTML()
                choice = w.Dropdown(options=[], layout={"width": "100%"}, style=STYLE)
                choice.observe(lambda c, item_id=item.id: self._answer_changed(item_id, c), "value")
                self.questions[item.id] = question
                self.choices[item.id] = choice
                rows.append(w.VBox([question, choice], layout={"margin": "0 0 0.6em 0"}))
            sections.append(w.VBox(rows))
        self.accordion = w.Accordion(children=sections, selected_index=None)
        self.headings = {k: w.HTML() for k in ("questions", "result", "next")}
        self.scores = w.HTML()
        self.scores.add_class("spark-result")
        self.chart = w.HTML()
        self.chart.add_class("spark-diagram")
        self.next_steps = w.HTML()
        self.widget.children = [
            self.intro,
            self.year,
            self.year_notice.widget,
            self.answers_notice.widget,
            self.headings["questions"],
            self.progress,
            self.accordion,
            self.headings["result"],
            self.scores,
            self.chart,
            self.headings["next"],
            self.next_steps,
        ]

    # --- drawing ------------------------------------------------------------------------------

    def update(self, relabelled: bool) -> None:
        answers = self._sync_answers()
        self._sync_year()
        self._draw_result(answers)

    def _relabel(self) -> None:
        lang = self.lang
        self.intro.value = paragraph(t(f"{P}.intro", lang)) + paragraph(
            t(f"{P}.stored", lang), "spark-muted"
        )
        self.year.description = t(f"{P}.field.year", lang)
        self.year.placeholder = t(f"{P}.hint.year", lang)
        set_headings(self.headings, f"{P}.heading", lang)
        skip = t(f"{P}.skip", lang)
        with self._syncing:
            for item in self.question_set.items:
                question = f"{item.id}. {item.question(lang)}"
                self.questions[item.id].value = f'<p class="spark-question">{esc(question)}</p>'
                choice = self.choices[item.id]
                keep = choice.value
                choice.options = [(skip, SKIP)] + [
                    (f"{n} – {item.level(n, lang)}", n) for n in range(SCALE_MIN, SCALE_MAX + 1)
                ]
                choice.value = SKIP if keep is None else keep
                choice.description = item.id
                choice.tooltip = item.question(lang)

    def _stored(self) -> dict[str, int | None]:
        """The stored answers that the question set can use; a problem (an unknown item, a
        value off the scale, from an uploaded file) is shown, and that answer left out."""
        assert self.assessment is not None
        raw = dict(self.assessment.readiness.answers)
        try:
            answers = parse_answers(raw, self.question_set)
        except SparkInputError as error:
            self.answers_notice.error(
                t(f"{P}.stored_problem", self.lang) + "\n" + error.message(self.lang, False)
            )
            usable: dict[str, int | None] = {}
            for key, value in raw.items():
                try:
                    usable.update(
                        (k, v)
                        for k, v in parse_answers({key: value}, self.question_set).items()
                        if v is not None
                    )
                except SparkInputError:
                    continue
            answers = {item.id: usable.get(item.id) for item in self.question_set.items}
        else:
            self.answers_notice.clear()
        return answers

    def _sync_answers(self) -> dict[str, int | None]:
        answers = self._stored()
        with self._syncing:
            for item_id, choice in self.choices.items():
                value = answers.get(item_id)
                wanted = SKIP if value is None else value
                if choice.value != wanted:
                    choice.value = wanted
        return answers

    def _sync_year(self) -> None:
        assert self.assessment is not None
        year = self.assessment.readiness.year
        if year == self._year_shown:
            return
        with self._syncing:
            self.year.value = "" if year is None else str(year)
        self._year_shown = year

    def _draw_result(self, answers: dict[str, int | None]) -> None:
        lang = self.lang
        result = assess(answers, self.question_set)
        self.result = result
        answered = sum(v is not None for v in answers.values())
        total = len(self.question_set.items)
        self.progress.value = paragraph(
            t(f"{P}.progress", lang, answered=answered, total=total), "spark-muted"
        )
        self.accordion.titles = tuple(
            t(
                f"{P}.section",
                lang,
                dimension=d.label(lang),
                score=format_mean(d.mean, lang) if d.scored else t("readiness.not_scored", lang),
                answered=d.answered,
                total=d.total,
            )
            for d in result.dimensions
        )
        self.scores.value = self._scores_html(result)
        year = self.assessment.readiness.year if self.assessment else None
        title = t("readiness.chart.default_title", lang) + (f" {year}" if year else "")
        chart = draw_readiness_radar(result, lang, title=title)
        self.chart.value = chart_html(chart, "520px")
        self.next_steps.value = self._steps_html(result)

    def _scores_html(self, result: ReadinessResult) -> str:
        lang = self.lang
        headers = [t(f"{P}.col.{c}", lang) for c in ("dimension", "score", "answered")]
        rows = [
            [
                d.label(lang),
                format_score(d.mean, lang),
                t(f"{P}.answered", lang, answered=d.answered, total=d.total),
            ]
            for d in result.dimensions
        ]
        overall_row = [t(f"{P}.overall", lang), format_score(result.overall, lang), ""]
        rows.append(overall_row)
        parts = [html_table(headers, rows, {1})]
        parts.append(f'<p role="status">{esc(overall_sentence(result, lang))}</p>')
        if any(d.scored for d in result.dimensions):
            weakest = ", ".join(d.label(lang) for d in result.weakest(2))
            parts.append(paragraph(t("readiness.explain.weakest", lang, dimensions=weakest)))
        if result.missing:
            missing = ", ".join(result.missing)
            parts.append(
                paragraph(t("readiness.explain.missing", lang, items=missing), "spark-muted")
            )
        return "".join(parts)

    def _steps_html(self, result: ReadinessResult) -> str:
        lang = self.lang
        steps = result.next_steps()
        if not steps:
            return paragraph(t("readiness.explain.no_steps", lang))
        entries = []
        for step in steps:
            actions = "".join(
                f"<li>{esc(item.id)}: {esc(item.next_step(lang))}</li>" for item in step.items
            )
            module = t(f"{P}.module", lang, title=step.title(lang), module=step.module)
            entries.append(f"<li><strong>{esc(module)}</strong><ul>{actions}</ul></li>")
        intro = t(f"{P}.next_intro", lang, target=TARGET)
        return paragraph(intro) + f"<ol>{''.join(entries)}</ol>"

    # --- edits --------------------------------------------------------------------------------

    def _answer_changed(self, item_id: str, change) -> None:
        if self._syncing or self.assessment is None:
            return
        started = time.perf_counter()
        value = change["new"]
        answers = dict(self.assessment.readiness.answers)
        answers[item_id] = None if value == SKIP else int(value)
        readiness = self.assessment.readiness.model_copy(update={"answers": answers})
        self.commit(self.assessment.model_copy(update={"readiness": readiness}))
        self.timings.append(time.perf_counter() - started)

    def answer(self, item_id: str, value: int | None) -> None:
        """Answer ``item_id`` with 0–4, or skip it with None (as choosing in its drop-down)."""
        self.choices[item_id].value = SKIP if value is None else value

    def _year_changed(self) -> bool:
        if self._syncing or self.assessment is None:
            return False
        text = self.year.value.strip()
        year: int | None = None
        if text:
            low, high = YEAR_RANGE
            try:
                year = to_integer(text, negative_ok=True)
            except CellError as error:
                self.year_notice.error(InputProblem(error.code, value=text).message(self.lang))
                return False
            if not low <= year <= high:
                problem = InputProblem(
                    "value.out_of_range", value=text, params={"min": low, "max": high}
                )
                self.year_notice.error(problem.message(self.lang))
                return False
        self.year_notice.clear()
        if year == self.assessment.readiness.year:
            return False
        self._year_shown = year
        readiness = self.assessment.readiness.model_copy(update={"year": year})
        self.commit(self.assessment.model_copy(update={"readiness": readiness}))
        return True
