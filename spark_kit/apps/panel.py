"""A panel: the widgets over one part of an assessment, shown as one app or one step.

The frame (:mod:`spark_kit.apps.frame`) owns the assessment, the language, opening and
saving, and autosave. A panel only draws the part it is about and reports edits:

- :meth:`Panel.show` is called with the current assessment and language whenever the panel
  becomes visible, another panel changed the assessment, a file was opened, or the language
  was switched. It redraws everything, relabels every widget, and must not lose what a
  person is typing in a field that is not yet applied.
- When the person changes the part (a valid edit), the panel builds the new assessment with
  ``assessment.model_copy(update={...})`` and calls :meth:`Panel.commit`; the frame then
  autosaves it. An invalid edit is explained next to its field with a
  :class:`~spark_kit.apps.widgets.Notice` and nothing is committed.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from spark_kit.assessment import Assessment, load_example


class Panel:
    """Base class: subclasses set ``title_key`` and implement :meth:`render`."""

    title_key: str = ""

    def __init__(self) -> None:
        self.assessment: Assessment | None = None
        self.lang = "sv"
        self.on_change: Callable[[Assessment], None] = lambda assessment: None
        self.widget = w.VBox()
        self.widget.add_class("spark-panel")

    def show(self, assessment: Assessment, lang: str) -> None:
        self.assessment = assessment
        self.lang = lang
        self.render()

    def render(self) -> None:
        """Draw ``self.assessment`` in ``self.lang`` (labels, tables, charts)."""
        raise NotImplementedError

    def commit(self, assessment: Assessment) -> None:
        """Accept an edited assessment: keep it, redraw, and tell the frame."""
        self.assessment = assessment
        self.render()
        self.on_change(assessment)

    def downloads(self) -> list:
        """Files this panel offers beside the workbook and the report
        (:class:`~spark_kit.apps.frame.Download`); none by default."""
        return []

    def preview(self, lang: str = "sv", assessment: Assessment | None = None) -> w.Widget:
        """The panel alone over the example (for notebooks and tests)."""
        self.show(assessment or load_example(), lang)
        return self.widget
