"""The socioeconomic ledger panel (Samhällsekonomisk kalkyl): groups, items and the result
per actor.

:class:`LedgerPanel` is a view over :mod:`spark_kit.impact.ledger`: every edit builds the
ledger's data anew and goes through :func:`~spark_kit.impact.ledger.ledger_from_dict`, so the
panel can never hold a ledger the package would refuse, and the results are those of
:func:`~spark_kit.impact.ledger.evaluate` (table: :func:`~spark_kit.impact.ledger.result_table`;
charts: :mod:`spark_kit.viz.ledger_charts`). An assessment without a ledger gets two ways
to start: the fictional Myrbacka example, clearly marked so, or an empty ledger with one
group.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from spark_kit.apps.form_widgets import (
    NEW,
    WRAP,
    FieldParser,
    LazyTabs,
    action_button,
    field_number,
    format_share,
    label_buttons,
    problems_text,
    put_row,
    set_headings,
)
from spark_kit.apps.html_parts import badge, chart_html, esc, html_table, paragraph
from spark_kit.apps.panel import Panel
from spark_kit.apps.widgets import FieldSpec, Notice, RecordForm
from spark_kit.errors import SparkInputError
from spark_kit.i18n import format_money, format_number, t
from spark_kit.impact.ledger import (
    Actor,
    Ledger,
    LedgerResult,
    ParticipantGroup,
    RealCategory,
    items_table,
    ledger_from_dict,
    load_ledger_example,
    result_table,
)
from spark_kit.viz.ledger_charts import draw_actor_net, draw_cumulative
from spark_kit.workbook.schema import Column, Kind

SECTIONS = ("exclusion", "activity", "activity_cost")
COLUMNS = {
    "horizon_years": Column("horizon_years", "", "", Kind.INTEGER, True, minimum=1, maximum=50),
    "discount_rate": Column("discount_rate", "", "", Kind.PERCENT, True),
    "name": Column("name", "", "", Kind.TEXT, True),
    "participants": Column("participants", "", "", Kind.INTEGER, True, minimum=0),
    "success_rate": Column("success_rate", "", "", Kind.PERCENT, True),
    "persistence": Column("persistence", "", "", Kind.PERCENT, True),
    "activity_years": Column("activity_years", "", "", Kind.INTEGER, True, minimum=1, maximum=50),
    "description": Column("description", "", "", Kind.TEXT),
    "label": Column("label", "", "", Kind.TEXT, True),
    "amount": Column("amount", "", "", Kind.NUMBER, True, minimum=0),
    "source": Column("source", "", "", Kind.TEXT),
}
SETTINGS_FIELDS = ("horizon_years", "discount_rate")
GROUP_FIELDS = ("name", "participants", "success_rate", "persistence", "activity_years")
ITEM_TEXT_FIELDS = ("label", "amount", "source")
SHARES = ("discount_rate", "success_rate", "persistence")


def _yes_no(lang: str) -> list[tuple[str, bool]]:
    return [(t("app.ledger.yes", lang), True), (t("app.ledger.no", lang), False)]


def _section_options(lang: str) -> list[tuple[str, str]]:
    return [(t(f"app.ledger.section.{name}", lang), name) for name in SECTIONS]


def _kind_options(lang: str) -> list[tuple[str, str]]:
    return [
        (t("app.ledger.kind.real", lang), "real"),
        (t("app.ledger.kind.financial", lang), "financial"),
    ]


def _actor_options(lang: str) -> list[tuple[str, str]]:
    return [(actor.label(lang), actor.value) for actor in Actor]


def _receiver_options(lang: str) -> list[tuple[str, str]]:
    named = [(a.label(lang), a.value) for a in Actor if a is not Actor.UNALLOCATED]
    return [(t("app.ledger.no_receiver", lang), ""), *named]


def _category_options(lang: str) -> list[tuple[str, str]]:
    return [(category.label(lang), category.value) for category in RealCategory]


class LedgerPanel(Panel):
    """Samhällsekonomisk kalkyl: edit the ledger's groups and items, see each actor's result.

    Public API (besides :class:`~spark_kit.apps.panel.Panel`'s):

    - ``start_example`` / ``start_blank`` buttons (only while the assessment has no ledger)
      and :meth:`start_from_example`, :meth:`start_empty`;
    - ``settings_form`` (horizon_years, discount_rate, discount_first_year) and
      :meth:`save_settings`;
    - ``group_form`` (``group`` chooser, 0 = new; name, participants, success_rate,
      persistence, activity_years, description), :meth:`save_group`, :meth:`remove_group`;
    - ``item_form`` (``group`` 1-based, ``section`` exclusion/activity/activity_cost,
      ``item`` chooser 0 = new; label, kind real/financial, actor — the payer of a transfer —,
      receiver, category, amount, source), :meth:`save_item`, :meth:`remove_item`;
    - ``results`` (table per actor and society, payback, the transfers note), ``items_view``
      and ``charts`` (net per actor, cumulative).
    """

    title_key = "app.ledger.title"

    def __init__(self) -> None:
        super().__init__()
        self._synced: Ledger | None = None
        self._committed: Ledger | None = None
        self._filled: dict[str, Any] = {}
        self._result: LedgerResult | None = None
        self._select: dict[str, Any] = {}
        self._build()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        lang = self.lang
        self.heading = w.HTML()
        self.start_text = w.HTML()
        self.start_example = action_button(self.start_from_example, "primary")
        self.start_blank = action_button(self.start_empty)
        self.start_box = w.VBox(
            [self.start_text, w.Box([self.start_example, self.start_blank], layout=WRAP)]
        )

        self.headings = {k: w.HTML() for k in ("result", "charts", "settings", "groups", "items")}
        self.results = w.HTML()
        self.results.add_class("spark-result")
        self.actor_chart = w.HTML()
        self.cumulative_chart = w.HTML()
        self.charts = LazyTabs(
            [(self.actor_chart, self._draw_actor), (self.cumulative_chart, self._draw_cumulative)]
        )

        self.settings_form = RecordForm(
            [
                FieldSpec("horizon_years", "app.ledger.field.horizon_years", "number"),
                FieldSpec("discount_rate", "app.ledger.field.discount_rate", "number"),
                FieldSpec(
                    "discount_first_year", "app.ledger.field.discount_first_year", "choice", _yes_no
                ),
            ],
            lang,
        )
        self.save_settings_button = action_button(self.save_settings, "success")
        self.settings_notice = Notice()
        self.settings_help = w.HTML()

        self.group_form = RecordForm(
            [
                FieldSpec("group", "app.ledger.field.group", "choice", self._group_options(True)),
                *(
                    FieldSpec(
                        name, f"app.ledger.field.{name}", "text" if name == "name" else "number"
                    )
                    for name in GROUP_FIELDS
                ),
                FieldSpec("description", "app.ledger.field.description", "textarea"),
            ],
            lang,
        )
        self.group_form.widgets["group"].observe(lambda _: self._fill_group(), "value")
        self.save_group_button = action_button(self.save_group, "success")
        self.remove_group_button = action_button(self.remove_group, "danger")
        self.group_notice = Notice()
        self.group_help = w.HTML()

        self.item_form = RecordForm(
            [
                FieldSpec(
                    "group", "app.ledger.field.item_group", "choice", self._group_options(False)
                ),
                FieldSpec("section", "app.ledger.field.section", "choice", _section_options),
                FieldSpec("item", "app.ledger.field.item", "choice", self._item_options),
                FieldSpec("label", "app.ledger.field.label"),
                FieldSpec("kind", "app.ledger.field.kind", "choice", _kind_options),
                FieldSpec("actor", "app.ledger.field.actor", "choice", _actor_options),
                FieldSpec("receiver", "app.ledger.field.receiver", "choice", _receiver_options),
                FieldSpec("category", "app.ledger.field.category", "choice", _category_options),
                FieldSpec("amount", "app.ledger.field.amount", "number"),
                FieldSpec("source", "app.ledger.field.source"),
            ],
            lang,
        )
        for name in ("group", "section"):
            self.item_form.widgets[name].observe(lambda _: self._on_item_place(), "value")
        self.item_form.widgets["item"].observe(lambda _: self._fill_item(), "value")
        self.items_view = w.HTML()
        self.save_item_button = action_button(self.save_item, "success")
        self.remove_item_button = action_button(self.remove_item, "danger")
        self.item_notice = Notice()
        self.item_help = w.HTML()

        self.main_box = w.VBox(
            [
                self.headings["result"],
                self.results,
                self.headings["charts"],
                self.charts.tab,
                self.headings["settings"],
                self.settings_help,
                self.settings_form.box,
                self.save_settings_button,
                self.settings_notice.widget,
                self.headings["groups"],
                self.group_help,
                self.group_form.box,
                w.Box([self.save_group_button, self.remove_group_button], layout=WRAP),
                self.group_notice.widget,
                self.headings["items"],
                self.item_help,
                self.item_form.box,
                w.Box([self.save_item_button, self.remove_item_button], layout=WRAP),
                self.item_notice.widget,
                self.items_view,
            ]
        )
        self.widget.children = [self.heading, self.start_box, self.main_box]

    # --- choices ----------------------------------------------------------------------------

    @property
    def ledger(self) -> Ledger | None:
        return self.assessment.ledger if self.assessment is not None else None

    def _group_options(self, with_new: bool):
        def options(lang: str) -> list[tuple[str, int]]:
            groups = self.ledger.groups if self.ledger else []
            pairs = [(f"{i}: {g.name}"[:80], i) for i, g in enumerate(groups, start=1)]
            return [*pairs, (t("app.ledger.new_group", lang), NEW)] if with_new else pairs

        return options

    def _items(self, group: int | None = None, section: str | None = None) -> list:
        ledger = self.ledger
        if ledger is None or not hasattr(self, "item_form"):
            return []
        group = self.item_form.widgets["group"].value if group is None else group
        section = self.item_form.widgets["section"].value if section is None else section
        if ledger is None or not group or group > len(ledger.groups) or not section:
            return []
        chosen = ledger.groups[group - 1]
        return list(
            chosen.activity_cost if section == "activity_cost" else getattr(chosen, section).items
        )

    def _item_options(self, lang: str) -> list[tuple[str, int]]:
        pairs = [(f"{i}: {item.label}"[:80], i) for i, item in enumerate(self._items(), start=1)]
        return [*pairs, (t("app.ledger.new_item", lang), NEW)]

    # --- drawing ----------------------------------------------------------------------------

    def render(self) -> None:
        if self.assessment is None:
            return
        lang = self.lang
        ledger = self.ledger
        mark = badge(t("app.fictional", lang)) if ledger is not None and ledger.fictional else ""
        # the frame shows the title; the badge marks a fictional ledger even when the
        # enterprise is real (a ledger started from the Myrbacka example)
        self.heading.value = f"<p>{esc(t('app.ledger.intro', lang))}{mark}</p>"
        if ledger is None:
            self.start_box.layout.display = None
            self.main_box.layout.display = "none"
            self.start_text.value = paragraph(t("app.ledger.start_text", lang))
            self.start_example.description = t("app.ledger.button.example", lang)
            self.start_blank.description = t("app.ledger.button.blank", lang)
            self._synced = None
            return
        self.start_box.layout.display = "none"
        self.main_box.layout.display = None
        self._relabel()
        self._sync_forms()
        self._redraw()

    def _relabel(self) -> None:
        lang = self.lang
        set_headings(self.headings, "app.ledger.heading", lang)
        for form in (self.settings_form, self.group_form, self.item_form):
            form.relabel(lang)
        self.settings_help.value = paragraph(t("app.ledger.settings_help", lang))
        self.group_help.value = paragraph(t("app.ledger.group_help", lang))
        self.item_help.value = paragraph(t("app.ledger.item_help", lang))
        label_buttons(
            {
                self.save_settings_button: "app.ledger.button.save_settings",
                self.save_group_button: "app.ledger.button.save_group",
                self.remove_group_button: "app.ledger.button.remove_group",
                self.save_item_button: "app.ledger.button.save_item",
                self.remove_item_button: "app.ledger.button.remove_item",
            },
            lang,
        )
        self.charts.set_titles(
            [t("app.ledger.tab.actors", lang), t("app.ledger.tab.cumulative", lang)]
        )

    def _sync_forms(self) -> None:
        """Refresh the choosers; refill a form only when what it shows changed underneath it."""
        ledger = self.ledger
        if ledger is not self._synced and ledger is not self._committed:
            self._select = {
                "group": 1,
                "item_group": 1,
                "item": 1,
            }  # a new ledger: start at the top
        self._synced = ledger
        select, self._select = self._select, {}
        settings = (ledger.horizon_years, ledger.discount_rate, ledger.discount_first_year)
        if settings != self._filled.get("settings"):
            self._filled["settings"] = settings
            self.settings_form.fill(
                {
                    "horizon_years": str(ledger.horizon_years),
                    "discount_rate": format_share(ledger.discount_rate, self.lang),
                    "discount_first_year": ledger.discount_first_year,
                }
            )
        self.group_form.refresh_options()
        chooser = self.group_form.widgets["group"]
        if "group" in select:
            chooser.value = select["group"] if select["group"] <= len(ledger.groups) else NEW
        if self._current_group() != self._filled.get("group"):
            self._fill_group()
        self.item_form.refresh_options()
        if "item_group" in select:
            self.item_form.widgets["group"].value = min(select["item_group"], len(ledger.groups))
        if "section" in select:
            self.item_form.widgets["section"].value = select["section"]
        self.item_form.refresh_options()
        if "item" in select:
            items = self._items()
            self.item_form.widgets["item"].value = (
                select["item"] if select["item"] <= len(items) else NEW
            )
        if self._current_item() != self._filled.get("item"):
            self._fill_item()

    def _current_group(self) -> ParticipantGroup | None:
        chosen = self.group_form.widgets["group"].value
        groups = self.ledger.groups if self.ledger else []
        return groups[chosen - 1] if chosen and chosen <= len(groups) else None

    def _current_item(self):
        chosen = self.item_form.widgets["item"].value
        items = self._items()
        return items[chosen - 1] if chosen and chosen <= len(items) else None

    def _fill_group(self) -> None:
        group = self._current_group()
        self._filled["group"] = group
        if group is None:
            self.group_form.clear(*GROUP_FIELDS, "description")
            return
        lang = self.lang
        self.group_form.fill(
            {
                "name": group.name,
                "participants": str(group.participants),
                "success_rate": format_share(group.success_rate, lang),
                "persistence": format_share(group.persistence, lang),
                "activity_years": str(group.activity_years),
                "description": group.description,
            }
        )

    def _on_item_place(self) -> None:
        self.item_form.refresh_options()
        self._fill_item()
        self._draw_items()

    def _fill_item(self) -> None:
        item = self._current_item()
        self._filled["item"] = item
        if item is None:
            self.item_form.clear(*ITEM_TEXT_FIELDS)
            return
        transfer = item.kind == "financial"
        values = {
            "label": item.label,
            "kind": item.kind,
            "actor": (item.payer if transfer else item.actor).value,
            "receiver": item.receiver.value if transfer else "",
            "amount": field_number(item.amount, self.lang),
            "source": t("ledger.fictional_item", self.lang)
            if item.fictional and not item.source
            else item.source,
        }
        if not transfer:
            values["category"] = item.category.value
        self.item_form.fill(values)

    def _redraw(self) -> None:
        lang = self.lang
        ledger = self.ledger
        result = ledger.evaluate()
        self._result = result
        self.results.value = self._results_html(ledger, result)
        self._draw_items()
        self.charts.refresh((ledger.model_dump_json(), lang))

    def _money(self, value: float) -> str:
        return format_money(round(value), self.lang, self.ledger.currency, 0)

    def _years(self, value: float) -> str:
        decimals = 0 if float(value).is_integer() else 1
        return t("app.ledger.years", self.lang, years=format_number(value, self.lang, decimals))

    def _results_html(self, ledger: Ledger, result: LedgerResult) -> str:
        lang = self.lang
        frame = result_table(result, lang)
        headers = [frame.index.name, *frame.columns]
        rows = [
            [label, *(self._money(v) for v in values)]
            for label, values in zip(frame.index, frame.values.tolist(), strict=True)
        ]
        parts = [
            paragraph(
                t(
                    "app.ledger.result_intro",
                    lang,
                    participants=format_number(ledger.participants, lang),
                    years=ledger.horizon_years,
                    rate=format_share(ledger.discount_rate, lang),
                )
            ),
            html_table(headers, rows, set(range(1, len(headers)))),
        ]
        society = result.total(None)
        parts.append(
            paragraph(
                t(
                    "app.ledger.society_total",
                    lang,
                    years=ledger.horizon_years,
                    amount=self._money(society),
                )
            )
        )
        parts.append(paragraph(self._payback_text(ledger, result)))
        society_payback = result.society_payback()
        parts.append(
            paragraph(
                t("app.ledger.society_payback", lang, years=self._years(society_payback))
                if society_payback is not None
                else t("app.ledger.society_no_payback", lang, horizon=ledger.horizon_years)
            )
        )
        check = (
            "app.ledger.transfers_cancel"
            if result.transfers_cancel()
            else "app.ledger.transfers_check_failed"
        )
        parts.append(
            f'<div class="spark-warn" role="note">{paragraph(t("app.ledger.transfers", lang))}'
            f"{paragraph(t(check, lang))}</div>"
        )
        return "".join(parts)

    def _payback_text(self, ledger: Ledger, result: LedgerResult) -> str:
        lang = self.lang
        payer = result.payer
        if payer is None:
            return t("app.ledger.no_payer", lang)
        years = result.payback(payer)
        params = {"actor": payer.label(lang), "total": self._money(result.total(payer))}
        if years is None:
            return t("app.ledger.payer_no_payback", lang, horizon=ledger.horizon_years, **params)
        return t("app.ledger.payer_payback", lang, years=self._years(years), **params)

    def _draw_items(self) -> None:
        if self.ledger is None:
            return
        lang = self.lang
        group = self.item_form.widgets["group"].value
        section = self.item_form.widgets["section"].value
        items = self._items()
        if not items:
            self.items_view.value = paragraph(t("app.ledger.no_items", lang))
            return
        chosen = self.ledger.groups[group - 1]
        frame = items_table(
            chosen.activity_cost if section == "activity_cost" else getattr(chosen, section), lang
        )
        amount_column = t("ledger.col.amount", lang)
        rows = []
        for number, record in enumerate(frame.to_dict("records"), start=1):
            rows.append(
                [str(number)]
                + [self._money(v) if k == amount_column else str(v) for k, v in record.items()]
            )
        headers = ["#", *frame.columns]
        caption = t(
            "app.ledger.items_caption",
            lang,
            group=chosen.name,
            section=t(f"app.ledger.section.{section}", lang),
        )
        numeric = {0, 1 + list(frame.columns).index(amount_column)}
        self.items_view.value = paragraph(caption) + html_table(headers, rows, numeric)

    def _nothing_to_draw(self, target: w.HTML) -> bool:
        if self._result.actors():
            return False
        target.value = paragraph(t("app.ledger.no_chart", self.lang))
        return True

    def _draw_actor(self) -> None:
        if self._nothing_to_draw(self.actor_chart):
            return
        chart = draw_actor_net(self._result, self.lang, fictional=self.ledger.fictional)
        self.actor_chart.value = chart_html(chart)

    def _draw_cumulative(self) -> None:
        if self._nothing_to_draw(self.cumulative_chart):
            return
        chart = draw_cumulative(self._result, self.lang, fictional=self.ledger.fictional)
        self.cumulative_chart.value = chart_html(chart)

    # --- edits ------------------------------------------------------------------------------

    def _commit_ledger(self, data: dict | Ledger | None, notice: Notice, **select: Any) -> bool:
        """Validate ``data`` as a ledger (every rule of the package) and commit it."""
        if isinstance(data, dict):
            try:
                ledger = ledger_from_dict(data, self.lang)
            except SparkInputError as error:
                notice.error(problems_text(error, self.lang))
                return False
        else:
            ledger = data
        self._committed = ledger
        self._select = select
        self.commit(self.assessment.model_copy(update={"ledger": ledger}))
        return True

    def start_from_example(self) -> bool:
        """Copy the fictional Myrbacka ledger into the assessment."""
        return self._commit_ledger(
            load_ledger_example(), self.settings_notice, group=1, item_group=1, item=1
        )

    def start_empty(self) -> bool:
        """Start an empty ledger with one group (a ledger needs at least one)."""
        group = ParticipantGroup(name=t("app.ledger.first_group", self.lang))
        ledger = Ledger(name=self.assessment.profile.name, groups=[group])
        return self._commit_ledger(ledger, self.settings_notice, group=1, item_group=1, item=NEW)

    def _data(self) -> dict:
        return self.ledger.model_dump(mode="json")

    def save_settings(self) -> bool:
        values = self.settings_form.values()
        parse = FieldParser(self.lang)
        parsed = {
            name: parse(COLUMNS[name], values[name], f"app.ledger.field.{name}")
            for name in SETTINGS_FIELDS
        }
        try:
            parse.raise_if()
        except SparkInputError as error:
            self.settings_notice.error(problems_text(error, self.lang))
            return False
        data = {**self._data(), **parsed, "discount_first_year": values["discount_first_year"]}
        if self._commit_ledger(data, self.settings_notice):
            self.settings_notice.ok(t("app.ledger.done.settings", self.lang))
            return True
        return False

    def save_group(self) -> bool:
        values = self.group_form.values()
        chosen = values["group"]
        parse = FieldParser(self.lang)
        fields = {
            name: parse(COLUMNS[name], values[name], f"app.ledger.field.{name}")
            for name in GROUP_FIELDS
        }
        fields["description"] = (
            parse(COLUMNS["description"], values["description"], "app.ledger.field.description")
            or ""
        )
        try:
            parse.raise_if()
        except SparkInputError as error:
            self.group_notice.error(problems_text(error, self.lang))
            return False
        data = self._data()
        if chosen == NEW:
            data["groups"].append(fields)
            number = len(data["groups"])
        else:
            data["groups"][chosen - 1].update(fields)  # keeps the group's items
            number = chosen
        if self._commit_ledger(data, self.group_notice, group=number):
            self.group_notice.ok(t("app.ledger.done.group_saved", self.lang, name=fields["name"]))
            return True
        return False

    def remove_group(self) -> bool:
        chosen = self.group_form.widgets["group"].value
        if chosen == NEW:
            self.group_notice.error(t("app.ledger.error.choose_group", self.lang))
            return False
        data = self._data()
        name = data["groups"][chosen - 1]["name"]
        del data["groups"][chosen - 1]
        if self._commit_ledger(
            data, self.group_notice, group=max(1, chosen - 1), item_group=1, item=1
        ):
            self.group_notice.ok(t("app.ledger.done.group_removed", self.lang, name=name))
            return True
        return False

    def _item_data(self, values: dict) -> dict:
        """The item as ledger data, from the form; raises SparkInputError on a bad value."""
        parse = FieldParser(self.lang)
        label = parse(COLUMNS["label"], values["label"], "app.ledger.field.label")
        amount = parse(COLUMNS["amount"], values["amount"], "app.ledger.field.amount")
        source = parse(COLUMNS["source"], values["source"], "app.ledger.field.source") or ""
        kind = values["kind"]
        if kind == "financial" and values["section"] == "activity_cost":
            parse.add("app.ledger.error.cost_is_real", "app.ledger.field.kind")
        if kind == "financial" and not values["receiver"]:
            parse.add("value.required", "app.ledger.field.receiver")
        parse.raise_if()
        old = self._current_item()
        data: dict[str, Any] = {"kind": kind, "label": label, "amount": amount, "source": source}
        if old is not None:
            data["fictional"] = old.fictional
            if old.default_id and amount == old.amount:
                data["default_id"] = old.default_id  # still the reference table's figure
            elif old.default_id and source == old.source:
                data["source"] = ""  # a new amount: the table's citation no longer applies
            if old.fictional and source == t("ledger.fictional_item", self.lang):
                data["source"] = old.source
        if kind == "financial":
            data.update(payer=values["actor"], receiver=values["receiver"])
        else:
            data.update(actor=values["actor"], category=values["category"])
        return data

    def save_item(self) -> bool:
        values = self.item_form.values()
        group, section, chosen = values["group"], values["section"], values["item"]
        if not group:
            self.item_notice.error(t("app.ledger.error.choose_group", self.lang))
            return False
        try:
            item = self._item_data(values)
        except SparkInputError as error:
            self.item_notice.error(problems_text(error, self.lang))
            return False
        data = self._data()
        target = data["groups"][group - 1]
        items = target["activity_cost"] if section == "activity_cost" else target[section]["items"]
        if section == "activity_cost":
            item.pop("kind")
        number = put_row(items, chosen, item)
        select = {"item_group": group, "section": section, "item": number}
        if self._commit_ledger(data, self.item_notice, **select):
            self.item_notice.ok(t("app.ledger.done.item_saved", self.lang, label=item["label"]))
            return True
        return False

    def remove_item(self) -> bool:
        values = self.item_form.values()
        group, section, chosen = values["group"], values["section"], values["item"]
        if not group or chosen == NEW:
            self.item_notice.error(t("app.ledger.error.choose_item", self.lang))
            return False
        data = self._data()
        target = data["groups"][group - 1]
        items = target["activity_cost"] if section == "activity_cost" else target[section]["items"]
        label = items[chosen - 1]["label"]
        del items[chosen - 1]
        select = {
            "item_group": group,
            "section": section,
            "item": max(1, chosen - 1) if items else NEW,
        }
        if self._commit_ledger(data, self.item_notice, **select):
            self.item_notice.ok(t("app.ledger.done.item_removed", self.lang, label=label))
            return True
        return False
