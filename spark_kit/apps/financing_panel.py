"""Finansieringsguiden: the financing panels under one tab bar.

:class:`FinancingPanel` is one :class:`~spark_kit.apps.panel.Panel` holding five parts,
each a panel of its own that can also be used alone (or as steps of a frame):

1. :class:`~spark_kit.apps.matcher_panel.MatcherPanel` — financing sources that fit, and
   those that do not and why (what-if inputs, not stored);
2. :class:`~spark_kit.apps.cashflow_panel.CashFlowPanel` — the likviditetsbudget, its
   funding gap and bridging need (stored: ``assessment.cashflow``);
3. :class:`~spark_kit.apps.loans_panel.LoansPanel` — two or three loan offers compared
   (what-if);
4. :class:`~spark_kit.apps.funding_panel.CrowdfundingPanel` — a campaign plan (what-if);
5. :class:`~spark_kit.apps.funding_panel.MemberCapitalPanel` — members needed (what-if).

The tab bar wraps onto several rows on a phone. Only the part on screen is drawn; the
others are drawn when chosen, with the assessment as it is then.
"""

from __future__ import annotations

from typing import Any

from spark_kit.apps.cashflow_panel import CashFlowPanel
from spark_kit.apps.form_widgets import TabBar
from spark_kit.apps.funding_panel import CrowdfundingPanel, MemberCapitalPanel
from spark_kit.apps.loans_panel import LoansPanel
from spark_kit.apps.matcher_panel import MatcherPanel
from spark_kit.apps.panel import Panel
from spark_kit.assessment import Assessment
from spark_kit.i18n import t

CASHFLOW_TAB = 1


class FinancingPanel(Panel):
    """The financing guide: ``parts`` (matcher, cash flow, loans, crowdfunding, member
    capital) under ``tabs`` (:class:`~spark_kit.apps.form_widgets.TabBar`); ``select(i)``
    shows part ``i``. The cash-flow part commits the assessment; the others are what-if."""

    title_key = "app.financing.title"

    def __init__(self, start: int = 0) -> None:
        super().__init__()
        self.matcher = MatcherPanel()
        self.cashflow = CashFlowPanel()
        self.loans = LoansPanel()
        self.crowdfunding = CrowdfundingPanel()
        self.member_capital = MemberCapitalPanel()
        self.parts: list[Panel] = [
            self.matcher,
            self.cashflow,
            self.loans,
            self.crowdfunding,
            self.member_capital,
        ]
        for part in self.parts:
            part.on_change = self._part_changed
        self.tabs = TabBar(len(self.parts), self.select)
        self.tabs.mark(start)
        self.widget.children = [self.tabs.box, self.parts[start].widget]

    @property
    def part(self) -> Panel:
        return self.parts[self.tabs.selected]

    def select(self, index: int) -> None:
        """Show part ``index`` (0–4), drawn with the current assessment and language."""
        self.tabs.mark(index)
        self.widget.children = [self.tabs.box, self.part.widget]
        if self.assessment is not None:
            self.part.show(self.assessment, self.lang)

    def render(self) -> None:
        self.tabs.relabel([t(part.title_key, self.lang) for part in self.parts])
        assert self.assessment is not None
        self.part.show(self.assessment, self.lang)

    def _part_changed(self, assessment: Assessment) -> None:
        self.assessment = assessment
        self.on_change(assessment)

    def downloads(self) -> list[Any]:
        """What the parts offer for download (the cash-flow chart)."""
        if self.assessment is None:
            return []
        self.cashflow.assessment, self.cashflow.lang = self.assessment, self.lang
        return self.cashflow.downloads()
