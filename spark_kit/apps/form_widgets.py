"""What the panels share besides HTML: forms, reading what a person typed, numbers written
back into fields, buttons, tabs, and the life of a panel built on first show.

Generic (nothing here knows about SROI or finance); the HTML pieces are in
:mod:`spark_kit.apps.html_parts`, the original form and notices in
:mod:`spark_kit.apps.widgets`.

- :class:`InlineForm`: fields laid out in wrapping rows, each with a
  :class:`~spark_kit.apps.widgets.Notice` under it, so an error stands next to the field it
  is about; :meth:`InlineForm.show_error` places each problem of a
  :class:`~spark_kit.errors.SparkInputError` under its field.
- :func:`parse_typed`: one typed value read as the workbook reads a cell of a
  :class:`~spark_kit.workbook.schema.Column`, or a :class:`~spark_kit.errors.SparkInputError`.
  On it: :class:`FieldParser`, which collects the problems of a whole
  :class:`~spark_kit.apps.widgets.RecordForm` for one notice (:func:`problems_text`), and
  :class:`Reader`, which reads an :class:`InlineForm`'s fields by name and puts each
  problem under its field.
- :func:`format_share`, :func:`field_number`, :func:`refill_share`, :func:`kr`: numbers as
  shown and as put back into a field.
- :func:`action_button`, :func:`label_buttons`, :func:`set_headings`, :func:`set_choices`,
  :class:`Quiet`, :func:`put_row`: the small chores of building, relabelling and editing.
- :class:`TabBar` (buttons that wrap onto several rows at 390 px), :class:`LazyTabs` (tabs
  drawn only when shown), :class:`LazyPanel` (a panel built on first show and relabelled
  only when the language changed).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
from pydantic import BaseModel, ValidationError

from spark_kit.apps.html_parts import heading
from spark_kit.apps.panel import Panel
from spark_kit.apps.widgets import STYLE, Notice
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import LANGUAGES, format_money, format_percent, t
from spark_kit.workbook.cells import CellError, convert, share_decimals, to_number
from spark_kit.workbook.schema import Column, Kind

AUTO = {"width": "auto"}
ROW = {"flex_flow": "row wrap"}
WRAP = {"flex_flow": "row wrap", "align_items": "center"}
CELL_LAYOUT = {"flex": "1 1 17em", "min_width": "0", "max_width": "34em", "margin": "0 0.8em 0 0"}
WIDGET_LAYOUT = {"width": "100%"}
NEW = 0  # a row chooser's value for "a new row" (rows are numbered from 1)


# --- building and relabelling ----------------------------------------------------------------


def action_button(action: Callable[[], Any], style: str = "") -> w.Button:
    """A button (``style``: success, danger, primary, info or "") that calls ``action``;
    its label comes with :func:`label_buttons`."""
    button = w.Button(button_style=style, layout=AUTO)
    button.on_click(lambda _button: action())
    return button


def label_buttons(buttons: Mapping[w.Button, str], lang: str) -> None:
    """Label each button with the text of its message key (also as its tooltip)."""
    for button, key in buttons.items():
        button.description = t(key, lang)
        button.tooltip = button.description


def set_headings(headings: Mapping[str, w.HTML], prefix: str, lang: str, level: int = 3) -> None:
    """Fill each heading widget with the text of ``{prefix}.{name}``."""
    for name, widget in headings.items():
        widget.value = heading(t(f"{prefix}.{name}", lang), level)


def set_choices(widget: w.Dropdown, options: list[tuple[str, Any]]) -> None:
    """Give a drop-down new ``(label, value)`` options, keeping its choice where it still
    exists and otherwise choosing the first; a list that did not change is not resent."""
    if list(widget.options) == options:
        return
    keep = widget.value
    widget.options = options
    values = [value for _, value in options]
    if keep in values:
        widget.value = keep
    elif values:
        widget.value = values[0]


class Quiet:
    """True while the program itself changes widgets (``with quiet: ...``, nesting), so that
    change handlers can tell those changes from the person's and ignore them."""

    def __init__(self) -> None:
        self._depth = 0

    def __bool__(self) -> bool:
        return self._depth > 0

    def __enter__(self) -> None:
        self._depth += 1

    def __exit__(self, *_exc: object) -> None:
        self._depth -= 1


def put_row(rows: list, chosen: int, row: Any) -> int:
    """Put ``row`` in place of row number ``chosen`` (from 1), or after the others when
    ``chosen`` is :data:`NEW`; returns its number."""
    if chosen == NEW:
        rows.append(row)
        return len(rows)
    rows[chosen - 1] = row
    return chosen


# --- a form with an error line under every field ---------------------------------------------


@dataclass
class Field:
    """One field of an :class:`InlineForm`.

    ``kind``: ``text``, ``choice`` (``options(lang)`` gives ``(label, value)`` pairs, asked
    anew on every language switch) or ``check``. ``hint_key``: a placeholder for a text field.
    """

    name: str
    label_key: str
    kind: str = "text"
    options: Callable[[str], list[tuple[str, Any]]] | None = None
    hint_key: str | None = None


class InlineForm:
    """A form whose fields wrap onto rows at phone width, each with its own error line.

    ``on_change`` is called after any field changes by the person (not while the form is
    being filled or relabelled by the program: see :meth:`quiet`).
    """

    def __init__(
        self, fields: Iterable[Field], lang: str = "sv", on_change: Callable[[], None] | None = None
    ):
        self.fields = {f.name: f for f in fields}
        self.lang = lang
        self.on_change = on_change
        self._quiet = Quiet()
        self._texts: dict[str | None, str] = {}
        self.widgets: dict[str, w.Widget] = {}
        self.notices: dict[str, Notice] = {}
        self.cells: dict[str, w.Box] = {}
        for spec in self.fields.values():
            widget = self._make(spec)
            notice = Notice()
            self.widgets[spec.name] = widget
            self.notices[spec.name] = notice
            self.cells[spec.name] = w.VBox([widget, notice.widget], layout=CELL_LAYOUT)
            widget.observe(self._changed, "value")
        self.notice = Notice()
        self.rows = w.Box(list(self.cells.values()), layout=ROW)
        self.box = w.VBox([self.rows, self.notice.widget])
        self.box.add_class("spark-form")
        self.box.add_class("spark-stack")
        self.relabel(lang)

    def _make(self, spec: Field) -> w.Widget:
        if spec.kind == "choice":
            return w.Dropdown(options=[], layout=WIDGET_LAYOUT, style=STYLE)
        if spec.kind == "check":
            return w.Checkbox(value=False, indent=False, layout=WIDGET_LAYOUT)
        return w.Text(layout=WIDGET_LAYOUT, style=STYLE, continuous_update=False)

    def _changed(self, _change) -> None:
        if self._quiet or self.on_change is None:
            return
        self.on_change()

    def quiet(self) -> Quiet:
        """Changes made inside ``with form.quiet():`` do not call ``on_change``."""
        return self._quiet

    def relabel(self, lang: str) -> None:
        self.lang = lang
        with self.quiet():
            for spec in self.fields.values():
                widget = self.widgets[spec.name]
                widget.description = t(spec.label_key, lang)
                if spec.hint_key and isinstance(widget, w.Text):
                    widget.placeholder = t(spec.hint_key, lang)
            self.refresh_options()

    def refresh_options(self) -> None:
        """Recompute the choice lists, keeping each choice where it still exists."""
        with self.quiet():
            for spec in self.fields.values():
                if spec.kind == "choice" and spec.options is not None:
                    set_choices(self.widgets[spec.name], spec.options(self.lang))

    def values(self) -> dict[str, Any]:
        return {name: widget.value for name, widget in self.widgets.items()}

    def fill(self, values: dict[str, Any]) -> None:
        """Set fields (text fields get ``str``; ``None`` → empty) without calling on_change."""
        with self.quiet():
            for name, value in values.items():
                widget = self.widgets[name]
                if isinstance(widget, w.Dropdown):
                    if value in [v for _, v in widget.options]:
                        widget.value = value
                elif isinstance(widget, w.Checkbox):
                    widget.value = bool(value)
                else:
                    widget.value = "" if value is None else str(value)

    def set_visible(self, name: str, visible: bool) -> None:
        self.cells[name].layout.display = "flex" if visible else "none"

    def visible(self, name: str) -> bool:
        return self.cells[name].layout.display != "none"

    # --- errors -------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for notice in self.notices.values():
            notice.clear()
        self.notice.clear()
        self._texts.clear()

    def error(self, name: str | None, text: str) -> None:
        """Show ``text`` under field ``name`` (or under the form), after what is there."""
        key = name if name in self.notices else None
        notice = self.notices[key] if key else self.notice
        combined = "\n".join(part for part in (self._texts.get(key, ""), text) if part)
        self._texts[key] = combined
        notice.error(combined)

    def show_error(
        self,
        error: SparkInputError | list[InputProblem],
        lang: str,
        field_of: Callable[[InputProblem], str | None] = lambda p: p.column,
    ) -> None:
        """Each problem under its field (``field_of(problem)``; by default its column), the
        rest under the form; the messages leave out sheet, row and column."""
        problems = error.problems if isinstance(error, SparkInputError) else error
        for problem in problems:
            name = field_of(problem)
            if name not in self.fields or not self.visible(name):
                name = None
            self.error(name, problem.message(lang, with_location=False))

    @property
    def has_errors(self) -> bool:
        return any(n.widget.value for n in self.notices.values()) or bool(self.notice.widget.value)


# --- reading what a person typed --------------------------------------------------------------


def parse_typed(column: Column, text: Any, label: str, bare_percent: bool = True) -> Any:
    """The value typed in a field, parsed exactly as the workbook parses a cell of ``column``
    (:func:`spark_kit.workbook.cells.convert`): numbers with a decimal comma or point and
    spaces between thousands, whole numbers, bounds, required fields. Blank optional fields
    give ``None``.

    Shares (``Kind.PERCENT``) take "25 %" and "0,25"; "250" and "250 %" are outside
    0–100 % and refused. A bare number above 1 without a per cent sign depends on
    ``bare_percent``: True (the default, for a field labelled in per cent, as the SROI and
    ledger forms are) reads "25" as 25 %; False refuses it as the workbook does ("saknar
    procenttecken"; the financing forms, :class:`Reader`).

    Raises :class:`~spark_kit.errors.SparkInputError` with one problem whose ``column`` is
    ``label`` and whose value is the text as typed.
    """
    raw = text.strip() if isinstance(text, str) else text
    if bare_percent and column.kind is Kind.PERCENT and isinstance(raw, str) and "%" not in raw:
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
    """Parses several fields of a form and collects every problem, not just the first.

    Calling it with a column, the typed text and the field's label key gives the value (or
    ``None`` after a problem); each problem names the field by its label, for one notice
    under a :class:`~spark_kit.apps.widgets.RecordForm` (:meth:`raise_if`, then
    :func:`problems_text`).
    """

    bare_percent = True

    def __init__(self, lang: str):
        self.lang = lang
        self.problems: list[InputProblem] = []

    @property
    def ok(self) -> bool:
        return not self.problems

    def parse(self, column: Column, text: Any, where: str) -> Any:
        """The value, or ``None`` with a problem whose ``column`` is ``where``."""
        try:
            return parse_typed(column, text, where, self.bare_percent)
        except SparkInputError as error:
            self.problems += error.problems
            return None

    def __call__(self, column: Column, text: Any, label_key: str) -> Any:
        return self.parse(column, text, t(label_key, self.lang))

    def add(self, code: str, label_key: str, value: Any = None, **params: Any) -> None:
        self.problems.append(
            InputProblem(code, column=t(label_key, self.lang), value=value, params=params)
        )

    def raise_if(self) -> None:
        if self.problems:
            raise SparkInputError(self.problems)


class Reader(FieldParser):
    """Reads the text of an :class:`InlineForm`'s fields by name; a bad value gives a
    problem named by its field (one message per field, in ``lang``) instead of an
    exception. Check :attr:`ok`, then :meth:`report` puts each message under its field.

    A share must carry its per cent sign or be a fraction: "25" is refused, as in the
    workbook (``bare_percent`` of :func:`parse_typed` is False).
    """

    bare_percent = False

    def __init__(self, form: InlineForm, lang: str):
        super().__init__(lang)
        self.form = form

    def fail(self, name: str, code: str, value: Any = None, **params: Any) -> None:
        self.problems.append(InputProblem(code, column=name, value=value, params=params))

    def fail_with(self, name: str, error: SparkInputError) -> None:
        """Put the problems of ``error`` (raised by a package function) under field ``name``."""
        self.problems += [
            InputProblem(p.code, column=name, value=p.value, params=p.params)
            for p in error.problems
        ]

    @property
    def errors(self) -> dict[str, str]:
        """Field name → its first message."""
        found: dict[str, str] = {}
        for problem in self.problems:
            found.setdefault(problem.column, problem.message(self.lang, with_location=False))
        return found

    def text(self, name: str) -> str:
        return str(self.form.widgets[name].value or "").strip()

    def _read(self, name: str, column: Column, required: bool, default: Any) -> Any:
        text = self.text(name)
        if not text:
            if required:
                self.fail(name, "value.required")
            return default
        return self.parse(column, text, name)

    def number(self, name: str, required: bool = True, default: float | None = None):
        """A number as typed ("1 234,5", "1234.5")."""
        return self._read(name, Column(name, "", "", Kind.NUMBER), required, default)

    def integer(self, name: str, required: bool = True, default: int | None = None):
        """A whole number; negative ones are let through for the model to judge (no lower
        bound of the field's own)."""
        column = Column(name, "", "", Kind.INTEGER, minimum=-math.inf)
        return self._read(name, column, required, default)

    def share(self, name: str, required: bool = True, default: float | None = None):
        """A share as a fraction: "25 %", "25%", "0,25"; "250 %" and "250" are refused."""
        return self._read(name, Column(name, "", "", Kind.PERCENT), required, default)

    def report(self) -> None:
        """Show every message under its field (the form's old messages are cleared first)."""
        self.form.clear_errors()
        for name, message in self.errors.items():
            self.form.error(name, message)


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


# --- numbers as shown and as put back into a field -----------------------------------------


def format_share(fraction: float, lang: str) -> str:
    """A share as a percentage with the decimals it needs: 0.25 → "25 %", 0.035 → "3,5 %"."""
    return format_percent(fraction, lang, share_decimals(fraction))


def field_number(value: float | int | None, lang: str | None = None) -> str:
    """A number as text to put back in a field, so that it reads back unchanged in both
    languages: no thousands separators, a whole number without decimals, at most six
    decimals. The decimal sign is a comma for ``lang="sv"`` and a point otherwise (also
    without a language: "1234.5", as the financing forms show it)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "sv" else text


def refill_share(form: InlineForm, name: str, fraction: float, lang: str) -> None:
    """Show ``fraction`` (an example's or a default share) in field ``name`` as a percentage
    in ``lang``, unless the person has typed something else: an empty field, or one still
    showing it in either language, is filled, so a language switch rewrites "5,5 %" as
    "5.5%"."""
    current = form.widgets[name].value
    if current and current not in {format_share(fraction, other) for other in LANGUAGES}:
        return
    form.fill({name: format_share(fraction, lang)})


def kr(value: float, lang: str) -> str:
    """Whole kronor through Babel: ``270 000 kr``."""
    return format_money(round(value), lang, decimals=0)


# --- tabs and panels ---------------------------------------------------------------------------


class TabBar:
    """Tab buttons that wrap onto several rows on a narrow screen; one is selected."""

    def __init__(self, count: int, on_select: Callable[[int], None]):
        self.buttons = [w.Button(layout=AUTO) for _ in range(count)]
        self.selected = 0
        self.on_select = on_select
        for index, button in enumerate(self.buttons):
            button.on_click(lambda _b, index=index: self.select(index))
        self.box = w.Box(self.buttons, layout=ROW)
        self.box.add_class("spark-tabs")
        self._style()

    def select(self, index: int) -> None:
        """Select tab ``index`` and tell ``on_select`` (as a click does)."""
        self.mark(index)
        self.on_select(index)

    def mark(self, index: int) -> None:
        """Show tab ``index`` as selected without calling ``on_select``."""
        self.selected = index
        self._style()

    def _style(self) -> None:
        for index, button in enumerate(self.buttons):
            button.button_style = "info" if index == self.selected else ""

    def relabel(self, titles: list[str]) -> None:
        for button, title in zip(self.buttons, titles, strict=True):
            button.description = title
            button.tooltip = title


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


class LazyPanel(Panel):
    """A panel whose widgets are built when it is first shown (:meth:`_build`) and
    relabelled only when the language changed (:meth:`_relabel`); :meth:`update` then
    brings what is shown up to date with the assessment. ``timings`` holds the seconds
    from an edit to the redrawn result, for information."""

    def __init__(self) -> None:
        super().__init__()
        self._built = False
        self._lang_drawn: str | None = None
        self.timings: list[float] = []

    def render(self) -> None:
        if not self._built:
            self._build()
            self._built = True
        relabelled = self._lang_drawn != self.lang
        if relabelled:
            self._lang_drawn = self.lang
            self._relabel()
        self.update(relabelled)

    def _build(self) -> None:
        raise NotImplementedError

    def _relabel(self) -> None:
        raise NotImplementedError

    def update(self, relabelled: bool) -> None:
        """Redraw from ``self.assessment`` (``relabelled``: the language changed just now)."""
        raise NotImplementedError
