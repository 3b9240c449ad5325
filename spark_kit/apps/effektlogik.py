"""The Effektlogik app: build an enterprise's logic model with forms and see its red thread.

``build_app()`` returns the app (a frame around :class:`LogicModelPanel`); the Voilà
notebook only displays it. All changes go
through :class:`~spark_kit.impact.logic_model.LogicModel`'s edit methods, so the app can
never hold a structurally broken model: a rejected edit is explained next to its form and
nothing else changes. A failed upload likewise leaves the work in progress untouched.
"""

from __future__ import annotations

import html

import ipywidgets as w

from spark_kit.apps.frame import AppFrame, Download, file_slug
from spark_kit.apps.panel import Panel
from spark_kit.apps.widgets import FieldSpec, Notice, RecordForm, parse_optional_number
from spark_kit.assessment import Assessment, blank_assessment
from spark_kit.errors import SparkInputError
from spark_kit.i18n import t
from spark_kit.impact.logic_model import (
    INDICATOR_LEVELS,
    Element,
    Horizon,
    Indicator,
    Level,
    LogicModel,
)
from spark_kit.impact.red_thread import check_red_thread
from spark_kit.viz import draw_logic_model

NONE = ""  # the "no choice" value in optional drop-downs
AUTO = {"width": "auto"}  # buttons as wide as their label


class LogicModelPanel(Panel):
    """The logic model's forms (elements, links, indicators), its red thread and diagram."""

    title_key = "app.step.logic_model"

    def __init__(self) -> None:
        super().__init__()
        self.assessment = blank_assessment()
        self._build()

    # --- construction -------------------------------------------------------------------

    def _build(self) -> None:
        self._build_element_forms()
        self._build_link_forms()
        self._build_indicator_forms()
        self.tabs = w.Tab(children=[self.element_tab, self.link_tab, self.indicator_tab])

        self.findings = w.HTML()
        self.findings.add_class("spark-findings")
        self.diagram = w.HTML()
        self.diagram.add_class("spark-diagram")
        self.headings = {key: w.HTML() for key in ("edit", "thread", "diagram")}
        self.widget.children = [
            self.headings["edit"],
            self.tabs,
            self.headings["thread"],
            self.findings,
            self.headings["diagram"],
            self.diagram,
        ]

    def _element_options(self, levels=None, optional=False):
        def options(lang: str) -> list[tuple[str, str]]:
            chosen = [e for e in self.model.elements if levels is None or e.level in levels]
            pairs = [(f"{e.id}: {e.text}"[:70], e.id) for e in chosen]
            return [(t("app.none", lang), NONE), *pairs] if optional else pairs

        return options

    def _level_options(self, lang: str) -> list[tuple[str, str]]:
        return [(level.label(lang), level.value) for level in Level]

    def _horizon_options(self, lang: str) -> list[tuple[str, str]]:
        horizons = [(t(f"horizon.{h.value}", lang), h.value) for h in Horizon]
        return [(t("app.none", lang), NONE), *horizons]

    def _stakeholder_options(self, lang: str) -> list[tuple[str, str]]:
        stakeholders = [(s.name, s.id) for s in self.model.stakeholders]
        return [(t("app.none", lang), NONE), *stakeholders]

    def _link_options(self, lang: str) -> list[tuple[str, str]]:
        links = self.model.links
        return [(f"{lk.source} → {lk.target}", f"{lk.source}|{lk.target}") for lk in links]

    def _indicator_options(self, lang: str) -> list[tuple[str, str]]:
        indicators = [(f"{i.id}: {i.name}"[:70], i.id) for i in self.model.indicators]
        return [(t("app.new_indicator", lang), NONE), *indicators]

    def _build_element_forms(self) -> None:
        level_options = self._level_options
        horizon_options = self._horizon_options
        stakeholder_options = self._stakeholder_options
        common = [
            FieldSpec("text", "app.field.text"),
            FieldSpec("description", "app.field.description", "textarea"),
            FieldSpec("horizon", "app.field.horizon", "choice", horizon_options),
            FieldSpec("stakeholder", "app.field.stakeholder", "choice", stakeholder_options),
        ]
        self.add_element_form = RecordForm(
            [FieldSpec("level", "app.field.level", "choice", level_options), *common], self.lang
        )
        self.add_element_button = w.Button(button_style="success")
        self.add_element_button.on_click(lambda _: self.add_element())
        self.add_element_notice = Notice()

        self.edit_element_form = RecordForm(
            [FieldSpec("element", "app.field.element", "choice", self._element_options()), *common],
            self.lang,
        )
        chooser = self.edit_element_form.widgets["element"]
        chooser.observe(self._fill_element_editor, "value")
        self._fill_element_editor({"new": chooser.value})
        self.save_element_button = w.Button()
        self.save_element_button.on_click(lambda _: self.save_element())
        self.remove_element_button = w.Button(button_style="danger")
        self.remove_element_button.on_click(lambda _: self.remove_element())
        self.edit_element_notice = Notice()
        self.element_subheads = (w.HTML(), w.HTML())
        self.element_tab = w.VBox(
            [
                self.element_subheads[0],
                self.add_element_form.box,
                self.add_element_button,
                self.add_element_notice.widget,
                self.element_subheads[1],
                self.edit_element_form.box,
                w.HBox([self.save_element_button, self.remove_element_button]),
                self.edit_element_notice.widget,
            ]
        )

    def _build_link_forms(self) -> None:
        self.link_form = RecordForm(
            [
                FieldSpec("source", "app.field.source", "choice", self._element_options()),
                FieldSpec("target", "app.field.target", "choice", self._element_options()),
            ],
            self.lang,
        )
        self.add_link_button = w.Button(button_style="success")
        self.add_link_button.on_click(lambda _: self.add_link())
        link_options = self._link_options
        self.remove_link_form = RecordForm(
            [FieldSpec("link", "app.field.link", "choice", link_options)], self.lang
        )
        self.remove_link_button = w.Button(button_style="danger")
        self.remove_link_button.on_click(lambda _: self.remove_link())
        self.link_notice = Notice()
        self.link_tab = w.VBox(
            [
                self.link_form.box,
                self.add_link_button,
                self.remove_link_form.box,
                self.remove_link_button,
                self.link_notice.widget,
            ]
        )

    def _build_indicator_forms(self) -> None:
        indicator_options = self._indicator_options
        self.indicator_form = RecordForm(
            [
                FieldSpec("indicator", "app.field.indicator", "choice", indicator_options),
                FieldSpec(
                    "element",
                    "app.field.measures",
                    "choice",
                    self._element_options(INDICATOR_LEVELS),
                ),
                FieldSpec("name", "app.field.name"),
                FieldSpec("unit", "app.field.unit"),
                FieldSpec("baseline", "app.field.baseline", "number"),
                FieldSpec("target", "app.field.target_value", "number"),
                FieldSpec("data_source", "app.field.data_source"),
                FieldSpec("frequency", "app.field.frequency"),
            ],
            self.lang,
        )
        self.indicator_form.widgets["indicator"].observe(self._fill_indicator_editor, "value")
        self.save_indicator_button = w.Button(button_style="success")
        self.save_indicator_button.on_click(lambda _: self.save_indicator())
        self.remove_indicator_button = w.Button(button_style="danger")
        self.remove_indicator_button.on_click(lambda _: self.remove_indicator())
        self.indicator_notice = Notice()
        self.indicator_tab = w.VBox(
            [
                self.indicator_form.box,
                w.HBox([self.save_indicator_button, self.remove_indicator_button]),
                self.indicator_notice.widget,
            ]
        )

    # --- state ----------------------------------------------------------------------------

    @property
    def model(self) -> LogicModel:
        return self.assessment.logic_model

    def _set_model(self, model: LogicModel) -> None:
        self.commit(self.assessment.model_copy(update={"logic_model": model}))

    def show(self, assessment: Assessment, lang: str) -> None:
        if assessment is not self.assessment:
            for notice in self._notices():
                notice.clear()
        super().show(assessment, lang)

    def render(self) -> None:
        self.relabel()
        self.refresh()

    def refresh(self) -> None:
        """Redraw everything that depends on the model (not what is typed in the forms)."""
        for form in self._forms():
            form.refresh_options()
        self._show_findings()
        chart = self.chart()
        self.diagram.value = f'<div class="spark-scroll">{chart.svg_html()}</div>'

    def chart(self):
        return draw_logic_model(self.model, self.lang, title=self.assessment.profile.name)

    def _notices(self) -> list[Notice]:
        return [
            self.add_element_notice,
            self.edit_element_notice,
            self.link_notice,
            self.indicator_notice,
        ]

    def _forms(self) -> list[RecordForm]:
        return [
            self.add_element_form,
            self.edit_element_form,
            self.link_form,
            self.remove_link_form,
            self.indicator_form,
        ]

    def _show_findings(self) -> None:
        findings = check_red_thread(self.model)
        if not findings:
            text = html.escape(t("thread.holds", self.lang))
            self.findings.value = f'<p class="spark-ok" role="status">✔ {text}</p>'
            return
        items = "".join(f"<li>{html.escape(f.message(self.lang))}</li>" for f in findings)
        key = "thread.count_one" if len(findings) == 1 else "thread.count"
        head = html.escape(t(key, self.lang, count=len(findings)))
        self.findings.value = (
            f'<div class="spark-warn" role="status"><p>{head}</p><ul>{items}</ul></div>'
        )

    # --- language -------------------------------------------------------------------------

    def relabel(self) -> None:
        lang = self.lang
        for form in self._forms():
            form.relabel(lang)
        for key, widget in self.headings.items():
            text = html.escape(t(f"app.heading.{key}", lang))
            widget.value = f'<h2 class="spark-h2">{text}</h2>'
        subheads = ("app.heading.add_element", "app.heading.edit_element")
        for widget, key in zip(self.element_subheads, subheads, strict=True):
            widget.value = f'<h3 class="spark-h3">{html.escape(t(key, lang))}</h3>'
        buttons = {
            self.add_element_button: "app.button.add_element",
            self.save_element_button: "app.button.save",
            self.remove_element_button: "app.button.remove",
            self.add_link_button: "app.button.add_link",
            self.remove_link_button: "app.button.remove_link",
            self.save_indicator_button: "app.button.save_indicator",
            self.remove_indicator_button: "app.button.remove",
        }
        for button, key in buttons.items():
            button.description = t(key, lang)
            button.tooltip = t(key, lang)
        for index, key in enumerate(("app.tab.elements", "app.tab.links", "app.tab.indicators")):
            self.tabs.set_title(index, t(key, lang))

    # --- actions --------------------------------------------------------------------------

    def _attempt(self, notice: Notice, change, success_key: str, **params) -> bool:
        """Apply ``change()`` (which returns a new model); report the outcome next to the form."""
        try:
            model = change()
        except SparkInputError as error:
            notice.error(error.message(self.lang, with_location=False))
            return False
        except ValueError as error:
            notice.error(t("app.error.number", self.lang, value=str(error)))
            return False
        self._set_model(model)
        notice.ok(t(success_key, self.lang, **params))
        return True

    def _element_from(self, values: dict, element_id: str, level: str) -> Element:
        return Element(
            id=element_id,
            level=level,
            text=values["text"].strip(),
            description=values["description"].strip(),
            horizon=values["horizon"] or None,
            stakeholder=values["stakeholder"] or None,
        )

    def add_element(self) -> bool:
        values = self.add_element_form.values()
        if not values["level"]:
            self.add_element_notice.error(t("app.error.level_required", self.lang))
            return False
        if not values["text"].strip():
            self.add_element_notice.error(t("app.error.text_required", self.lang))
            return False
        level = Level(values["level"])
        new_id = self.model.next_id(level)
        done = self._attempt(
            self.add_element_notice,
            lambda: self.model.add_element(self._element_from(values, new_id, level.value)),
            "app.done.element_added",
            id=new_id,
        )
        if done:
            self.add_element_form.clear("text", "description")
        return done

    def _fill_element_editor(self, change) -> None:
        element_id = change["new"]
        if not element_id:
            return
        element = self.model.element(element_id)
        self.edit_element_form.fill(
            {
                "text": element.text,
                "description": element.description,
                "horizon": element.horizon.value if element.horizon else NONE,
                "stakeholder": element.stakeholder or NONE,
            }
        )

    def save_element(self) -> bool:
        values = self.edit_element_form.values()
        element_id = values["element"]
        if not element_id:
            return False
        if not values["text"].strip():
            self.edit_element_notice.error(t("app.error.text_required", self.lang))
            return False
        level = self.model.element(element_id).level.value
        updated = self._element_from(values, element_id, level)
        return self._attempt(
            self.edit_element_notice,
            lambda: self.model.replace_element(element_id, updated),
            "app.done.element_saved",
            id=element_id,
        )

    def remove_element(self) -> bool:
        element_id = self.edit_element_form.values()["element"]
        if not element_id:
            return False
        return self._attempt(
            self.edit_element_notice,
            lambda: self.model.remove_element(element_id),
            "app.done.element_removed",
            id=element_id,
        )

    def add_link(self) -> bool:
        values = self.link_form.values()
        source, target = values["source"], values["target"]
        if not source or not target:
            self.link_notice.error(t("app.error.link_required", self.lang))
            return False
        return self._attempt(
            self.link_notice,
            lambda: self.model.add_link(source, target),
            "app.done.link_added",
            source=source,
            target=target,
        )

    def remove_link(self) -> bool:
        chosen = self.remove_link_form.values()["link"]
        if not chosen:
            return False
        source, target = chosen.split("|", 1)
        return self._attempt(
            self.link_notice,
            lambda: self.model.remove_link(source, target),
            "app.done.link_removed",
            source=source,
            target=target,
        )

    def _fill_indicator_editor(self, change) -> None:
        indicator_id = change["new"]
        if not indicator_id:
            self.indicator_form.clear(
                "name", "unit", "baseline", "target", "data_source", "frequency"
            )
            return
        indicator = next(i for i in self.model.indicators if i.id == indicator_id)
        self.indicator_form.fill(indicator.model_dump())

    def save_indicator(self) -> bool:
        values = self.indicator_form.values()
        if not values["element"] or not values["name"].strip():
            self.indicator_notice.error(t("app.error.indicator_required", self.lang))
            return False
        existing = values["indicator"]
        indicator_id = existing or self.model.next_indicator_id()

        def change() -> LogicModel:
            indicator = Indicator(
                id=indicator_id,
                element=values["element"],
                name=values["name"].strip(),
                unit=values["unit"].strip(),
                baseline=parse_optional_number(values["baseline"]),
                target=parse_optional_number(values["target"]),
                data_source=values["data_source"].strip(),
                frequency=values["frequency"].strip(),
            )
            return self.model.with_indicator(indicator)

        done = self._attempt(
            self.indicator_notice, change, "app.done.indicator_saved", id=indicator_id
        )
        if done:
            self.indicator_form.widgets["indicator"].value = indicator_id
        return done

    def remove_indicator(self) -> bool:
        indicator_id = self.indicator_form.values()["indicator"]
        if not indicator_id:
            return False
        return self._attempt(
            self.indicator_notice,
            lambda: self.model.remove_indicator(indicator_id),
            "app.done.indicator_removed",
            id=indicator_id,
        )

    def downloads(self) -> list[Download]:
        """The diagram as PNG and SVG."""
        name = file_slug(self.assessment.profile.name)
        chart = self.chart()
        return [
            Download(
                chart.to_bytes("png"),
                f"{name}-effektlogik.png",
                "image/png",
                t("app.download.png", self.lang),
            ),
            Download(
                chart.to_bytes("svg"),
                f"{name}-effektlogik.svg",
                "image/svg+xml",
                t("app.download.svg", self.lang),
            ),
        ]


def build_app(assessment: Assessment | None = None, lang: str | None = None) -> AppFrame:
    """The Effektlogik app, started on the example enterprise by default.

    Displaying the returned frame shows the app; ``.panels[0]`` is the logic-model panel.
    """
    return AppFrame(
        "gallery.effektlogik.title", [LogicModelPanel()], assessment=assessment, lang=lang
    )
