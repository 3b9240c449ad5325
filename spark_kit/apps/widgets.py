"""Widgets shared by the apps: labelled forms, notices, upload reading and download links.

Every label comes from the message catalogue, so :meth:`RecordForm.relabel` switches a
form's language without touching what the user has typed.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w

from spark_kit.i18n import t

FIELD_LAYOUT = {"width": "100%", "max_width": "34em"}
STYLE = {"description_width": "initial"}
STYLESHEET = Path(__file__).with_name("style.css")


def stylesheet() -> w.HTML:
    """The apps' CSS (phone and projector layouts) as a widget to put first in an app."""
    return w.HTML(f"<style>{STYLESHEET.read_text(encoding='utf-8')}</style>")


@dataclass
class FieldSpec:
    """One form field. ``kind`` is text, number, textarea or choice (``options`` gives
    the ``(label, value)`` pairs, called anew on every refresh and language switch)."""

    name: str
    label_key: str
    kind: str = "text"
    options: Callable[[str], list[tuple[str, Any]]] | None = None


class RecordForm:
    """A small form: one widget per field, laid out to wrap on narrow screens."""

    def __init__(self, fields: list[FieldSpec], lang: str):
        self.fields = fields
        self.lang = lang
        self.widgets: dict[str, w.Widget] = {f.name: self._make(f) for f in fields}
        self.box = w.Box(list(self.widgets.values()), layout={"flex_flow": "row wrap"})
        self.box.add_class("spark-form")
        self.relabel(lang)

    def _make(self, spec: FieldSpec) -> w.Widget:
        if spec.kind == "choice":
            return w.Dropdown(options=[], layout=FIELD_LAYOUT, style=STYLE)
        if spec.kind == "textarea":
            return w.Textarea(layout=FIELD_LAYOUT, style=STYLE, rows=2)
        return w.Text(layout=FIELD_LAYOUT, style=STYLE)

    def relabel(self, lang: str) -> None:
        self.lang = lang
        for spec in self.fields:
            self.widgets[spec.name].description = t(spec.label_key, lang)
        self.refresh_options()

    def refresh_options(self) -> None:
        """Recompute choice lists, keeping each current choice where it still exists and
        otherwise choosing the first; lists that did not change are not resent."""
        for spec in self.fields:
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
        for name, widget in self.widgets.items():
            if name not in values:
                continue
            value = values[name]
            if isinstance(widget, w.Dropdown):
                if value in [v for _, v in widget.options]:
                    widget.value = value
            else:
                widget.value = "" if value is None else _text(value)

    def clear(self, *names: str) -> None:
        for name in names or self.widgets:
            widget = self.widgets[name]
            if not isinstance(widget, w.Dropdown):
                widget.value = ""


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value.value if hasattr(value, "value") else value)


def parse_optional_number(text: str) -> float | None:
    """A number typed by a person ("1 234,5" or "1234.5"), or None for an empty field."""
    from spark_kit.workbook.cells import CellError, to_number

    if not str(text).strip():
        return None
    try:
        return to_number(text)
    except CellError as error:
        raise ValueError(text) from error


class Notice:
    """A message area next to a control: success, or an error announced to screen readers."""

    def __init__(self):
        self.widget = w.HTML("")
        self.widget.add_class("spark-notice")

    def ok(self, text: str) -> None:
        self.widget.value = f'<div class="spark-ok" role="status">{html.escape(text)}</div>'

    def error(self, text: str) -> None:
        lines = html.escape(text).replace("\n", "<br>")
        self.widget.value = f'<div class="spark-error" role="alert">{lines}</div>'

    def clear(self) -> None:
        self.widget.value = ""


def uploaded_file(upload: w.FileUpload) -> tuple[str, bytes] | None:
    """The name and bytes of the file in an ipywidgets 8 FileUpload, if any."""
    if not upload.value:
        return None
    item = upload.value[0]
    return item["name"], bytes(item["content"])


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """An ``<a download>`` link with the file embedded: works offline, no server round trip."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="spark-download" download="{html.escape(filename)}" '
        f'href="data:{mime};base64,{encoded}">{html.escape(label)}</a>'
    )


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
