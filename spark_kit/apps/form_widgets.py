"""Forms whose every field has its own error line, reading what a person typed, a tab bar
that wraps on a phone, and small HTML helpers for tables and folded sections.

These are generic (nothing here knows about finance) and are candidates for
:mod:`spark_kit.apps.widgets`:

- :class:`InlineForm`: fields laid out in wrapping rows, each with a
  :class:`~spark_kit.apps.widgets.Notice` under it, so an error stands next to the field it
  is about; :meth:`InlineForm.show_error` places each problem of a
  :class:`~spark_kit.errors.SparkInputError` under its field.
- :class:`Reader`: reads typed text as numbers, whole numbers and shares (``"25 %"``) with
  :mod:`spark_kit.workbook.cells`, collecting one message per field instead of raising.
- :class:`TabBar`: buttons that wrap onto several rows at 390 px, one of them selected.
- :func:`html_table`, :func:`folded`, :func:`esc`: tables in a sideways-scrolling box,
  ``<details>`` sections.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from spark_kit.apps.widgets import STYLE, Notice
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import t
from spark_kit.workbook.cells import CellError, to_fraction, to_integer, to_number

AUTO = {"width": "auto"}
CELL_LAYOUT = {"flex": "1 1 17em", "min_width": "0", "max_width": "34em", "margin": "0 0.8em 0 0"}
WIDGET_LAYOUT = {"width": "100%"}
TABLE_STYLE = "border-collapse:collapse;margin:0.3em 0 0.6em"
CELL_STYLE = "padding:0.25em 0.6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top"
NUMBER_STYLE = CELL_STYLE.replace("text-align:left", "text-align:right") + ";white-space:nowrap"


def esc(text: object) -> str:
    return html.escape(str(text))


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
        self._quiet = 0
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
        self.rows = w.Box(list(self.cells.values()), layout={"flex_flow": "row wrap"})
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

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Changes made inside do not call ``on_change``."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

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
                if spec.kind != "choice" or spec.options is None:
                    continue
                widget = self.widgets[spec.name]
                options = spec.options(self.lang)
                if list(widget.options) == options:
                    continue
                keep = widget.value
                widget.options = options
                values = [value for _, value in options]
                if keep in values:
                    widget.value = keep
                elif values:
                    widget.value = values[0]

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


class Reader:
    """Reads the text of an :class:`InlineForm`'s fields; a bad value gives a message for
    that field (in ``lang``) instead of an exception. Check :attr:`ok`, then :meth:`report`."""

    def __init__(self, form: InlineForm, lang: str):
        self.form = form
        self.lang = lang
        self.errors: dict[str, str] = {}

    @property
    def ok(self) -> bool:
        return not self.errors

    def fail(self, name: str, code: str, value: Any = None, **params: Any) -> None:
        problem = InputProblem(code, value=value, params=params)
        self.errors.setdefault(name, problem.message(self.lang, with_location=False))

    def text(self, name: str) -> str:
        return str(self.form.widgets[name].value or "").strip()

    def _read(self, name: str, convert: Callable[[str], Any], required: bool, default: Any):
        text = self.text(name)
        if not text:
            if required:
                self.fail(name, "value.required")
            return default
        try:
            return convert(text)
        except CellError as error:
            shown = text if error.shown is None else error.shown
            self.fail(name, error.code, shown, **error.params)
            return None

    def number(self, name: str, required: bool = True, default: float | None = None):
        """A number as typed ("1 234,5", "1234.5")."""
        return self._read(name, to_number, required, default)

    def integer(self, name: str, required: bool = True, default: int | None = None):
        """A whole number; negative ones are let through for the model to judge."""
        return self._read(name, lambda s: to_integer(s, negative_ok=True), required, default)

    def share(self, name: str, required: bool = True, default: float | None = None):
        """A share as a fraction: "25 %", "25%", "0,25"; "250 %" and "250" are refused."""
        return self._read(name, to_fraction, required, default)

    def report(self) -> None:
        """Show every message under its field (the form's old messages are cleared first)."""
        self.form.clear_errors()
        for name, message in self.errors.items():
            self.form.error(name, message)


class TabBar:
    """Tab buttons that wrap onto several rows on a narrow screen; one is selected."""

    def __init__(self, count: int, on_select: Callable[[int], None]):
        self.buttons = [w.Button(layout=AUTO) for _ in range(count)]
        self.selected = 0
        self.on_select = on_select
        for index, button in enumerate(self.buttons):
            button.on_click(lambda _b, index=index: self.select(index))
        self.box = w.Box(self.buttons, layout={"flex_flow": "row wrap"})
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


def html_table(
    headers: list[str],
    rows: list[list[str]],
    numeric: set[int] | None = None,
    caption: str = "",
    escape: bool = True,
) -> str:
    """A table in a box that scrolls sideways on a phone; columns in ``numeric`` align right.
    Cells are escaped unless ``escape`` is False (then they must be safe HTML)."""
    numeric = numeric or set()
    cell = esc if escape else str

    def style(index: int) -> str:
        return NUMBER_STYLE if index in numeric else CELL_STYLE

    head = "".join(
        f'<th scope="col" style="{style(i)}">{esc(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(f'<td style="{style(i)}">{cell(v)}</td>' for i, v in enumerate(r))
        + "</tr>"
        for r in rows
    )
    cap = f"<caption style='text-align:left;font-weight:600'>{esc(caption)}</caption>"
    return (
        f'<div class="spark-scroll"><table class="spark-table" style="{TABLE_STYLE}">'
        f"{cap if caption else ''}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def folded(summary: str, body: str, open_: bool = False) -> str:
    """A ``<details>`` section: ``summary`` (plain text) shown, ``body`` (HTML) folded."""
    opened = " open" if open_ else ""
    return (
        f'<details class="spark-details"{opened}><summary style="cursor:pointer;font-weight:600">'
        f"{esc(summary)}</summary>{body}</details>"
    )


def heading(text: str, level: int = 3) -> str:
    return f'<h{level} class="spark-h{level}">{esc(text)}</h{level}>'


def paragraph(text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{esc(text)}</p>"
