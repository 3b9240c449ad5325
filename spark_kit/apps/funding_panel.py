"""Two small what-if calculators (not stored): a crowdfunding campaign and member capital.

- :class:`CrowdfundingPanel` plans an all-or-nothing campaign with
  :func:`spark_kit.finance.crowdfunding.plan_campaign` (fees, backers, the list, the chance
  of reaching the goal, an optional Crowdculture-style match) and draws
  :func:`spark_kit.viz.crowdfunding_charts.funnel_chart`. It starts from the FICTIONAL
  Granbacka campaign (``data/examples/granbacka_crowdfunding.yaml``) and says so.
- :class:`MemberCapitalPanel` counts the new members whose insatser cover a capital need
  with :func:`spark_kit.finance.member_capital.member_capital_plan`; the need starts as the
  funding gap of the assessment's cash-flow budget, the insats as the common grundinsats of
  1 000 kr (:data:`spark_kit.finance.member_capital.COMMON_INSATS`).

Every typed value goes to the package as text or through
:class:`~spark_kit.apps.form_widgets.Reader`; each problem is shown under its field.
"""

from __future__ import annotations

import time
from functools import cache

import ipywidgets as w
import yaml

from spark_kit.apps.form_widgets import (
    Field,
    InlineForm,
    LazyPanel,
    Reader,
    field_number,
    format_share,
    kr,
    refill_share,
    set_headings,
)
from spark_kit.apps.html_parts import chart_html, esc, html_table, paragraph
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.crowdfunding import (
    BACKERKIT_CONVERSION,
    LAUNCH_SHARE_48H,
    NO_FEES,
    CampaignPlan,
    FeeSchedule,
    MatchedFunding,
    plan_campaign,
)
from spark_kit.finance.member_capital import (
    COMMON_INSATS,
    MemberCapitalPlan,
    member_capital_plan,
)
from spark_kit.i18n import format_number, format_percent, t
from spark_kit.paths import EXAMPLES_DIR
from spark_kit.viz.crowdfunding_charts import funnel_chart

CROWDFUNDING_EXAMPLE = EXAMPLES_DIR / "granbacka_crowdfunding.yaml"
C = "app.financing.crowdfunding"
M = "app.financing.member_capital"
#: The matching fields and the names MatchedFunding gives them in its problems.
MATCH_FIELDS = {
    "rate": "match_rate",
    "cap": "match_cap",
    "min_supporters": "min_supporters",
    "share_paid_at_goal": "share_paid_at_goal",
}
MATCH_ONLY = tuple(MATCH_FIELDS.values())


def _people(value: float, lang: str) -> str:
    return format_number(round(value), lang)


@cache
def example_campaign() -> dict:
    """The FICTIONAL Granbacka campaign (the ``campaign`` mapping of the example file)."""
    data = yaml.safe_load(CROWDFUNDING_EXAMPLE.read_text(encoding="utf-8"))
    return data["campaign"]


class CrowdfundingPanel(LazyPanel):
    """Plan a crowdfunding campaign (what-if inputs, not stored).

    Public parts: ``form`` (fields ``net_need``, ``average_pledge``, ``platform_fee``,
    ``payment_fee``, ``payment_fixed_fee``, ``dropped_pledges``, ``conversion_rate``,
    ``list_size``, ``use_matching`` and, with matching, ``match_rate``, ``match_cap``,
    ``min_supporters``, ``share_paid_at_goal``), ``plan`` (the last valid
    :class:`CampaignPlan` or None), and the HTML widgets ``figures`` and ``chart``. Every
    change recomputes; ``timings`` holds the seconds from a change to the redrawn chart.
    """

    title_key = f"{C}.title"

    def __init__(self) -> None:
        super().__init__()
        self.plan: CampaignPlan | None = None

    def _build(self) -> None:
        self.intro = w.HTML()
        fields = [
            Field("net_need", f"{C}.field.net_need"),
            Field("average_pledge", f"{C}.field.average_pledge"),
            Field("platform_fee", f"{C}.field.platform_fee", hint_key=f"{C}.hint.share"),
            Field("payment_fee", f"{C}.field.payment_fee", hint_key=f"{C}.hint.share"),
            Field("payment_fixed_fee", f"{C}.field.payment_fixed_fee"),
            Field("dropped_pledges", f"{C}.field.dropped_pledges", hint_key=f"{C}.hint.share"),
            Field("conversion_rate", f"{C}.field.conversion_rate", hint_key=f"{C}.hint.share"),
            Field("list_size", f"{C}.field.list_size", hint_key=f"{C}.hint.list_size"),
            Field("use_matching", f"{C}.field.use_matching", "check"),
            Field("match_rate", f"{C}.field.match_rate"),
            Field("match_cap", f"{C}.field.match_cap", hint_key=f"{C}.hint.no_cap"),
            Field("min_supporters", f"{C}.field.min_supporters"),
            Field("share_paid_at_goal", f"{C}.field.share_paid_at_goal"),
        ]
        self.form = InlineForm(fields, self.lang, on_change=self.recompute)
        self.headings = {k: w.HTML() for k in ("result", "inputs")}
        self.figures = w.HTML()
        self.chart = w.HTML()
        self.chart.add_class("spark-diagram")
        self.widget.children = [
            self.intro,
            self.headings["result"],
            self.figures,
            self.chart,
            self.headings["inputs"],
            self.form.box,
        ]
        self._fill_example()

    def _fill_example(self) -> None:
        campaign = example_campaign()
        fees = campaign.get("fees") or {}
        matching = campaign.get("matching")
        values = {
            "net_need": field_number(campaign["net_need"]),
            "average_pledge": field_number(campaign["average_pledge"]),
            "payment_fixed_fee": field_number(fees.get("payment_fixed_fee", 0)),
            "list_size": field_number(campaign.get("contact_list")),
            "use_matching": matching is not None,
            "match_rate": field_number((matching or {}).get("rate")),
            "match_cap": field_number((matching or {}).get("cap")),
            "min_supporters": field_number((matching or {}).get("min_supporters", 0)),
        }
        self.form.fill(values)
        self._example_shares = {
            "platform_fee": fees.get("platform_fee", 0.0),
            "payment_fee": fees.get("payment_fee", 0.0),
            "dropped_pledges": fees.get("dropped_pledges", 0.0),
            "conversion_rate": campaign.get("conversion_rate", 0.05),
            "share_paid_at_goal": (matching or {}).get("share_paid_at_goal", 1.0),
        }

    def update(self, relabelled: bool) -> None:
        self.recompute()

    def _relabel(self) -> None:
        lang = self.lang
        self.intro.value = (
            paragraph(t(f"{C}.intro", lang))
            + paragraph(t(f"{C}.what_if", lang), "spark-muted")
            + paragraph(self._example_note(), "spark-muted")
        )
        set_headings(self.headings, f"{C}.heading", lang)
        self.form.relabel(lang)
        for name, value in self._example_shares.items():  # the example's, until edited
            refill_share(self.form, name, value, lang)

    def _example_note(self) -> str:
        fees = example_campaign().get("fees") or {}
        return t(
            f"{C}.example_note",
            self.lang,
            platform=format_share(fees.get("platform_fee", 0.0), self.lang),
            payment=format_share(fees.get("payment_fee", 0.0), self.lang),
            fixed=kr(fees.get("payment_fixed_fee", 0.0), self.lang),
        )

    def _show_matching(self) -> None:
        on = bool(self.form.widgets["use_matching"].value)
        for name in MATCH_ONLY:
            self.form.set_visible(name, on)

    def _matching(self, values: dict, problems: list[InputProblem]) -> MatchedFunding | None:
        if not values["use_matching"]:
            return None
        cap = values["match_cap"].strip()
        try:
            return MatchedFunding(
                rate=values["match_rate"],
                cap=cap or None,
                min_supporters=values["min_supporters"].strip() or 0,
                share_paid_at_goal=values["share_paid_at_goal"],
                name=t(f"{C}.matching_name", self.lang),
            )
        except SparkInputError as error:
            problems += [
                InputProblem(p.code, None, None, MATCH_FIELDS.get(p.column, p.column), p.value,
                             p.params)
                for p in error.problems
            ]  # fmt: skip
            return None

    def recompute(self) -> None:
        """Plan the campaign from the form; each problem is shown under its field."""
        started = time.perf_counter()
        lang, form = self.lang, self.form
        self._show_matching()
        form.clear_errors()
        values = form.values()
        problems: list[InputProblem] = []
        try:
            fees = FeeSchedule(
                platform_fee=values["platform_fee"],
                payment_fee=values["payment_fee"],
                payment_fixed_fee=values["payment_fixed_fee"],
                dropped_pledges=values["dropped_pledges"],
            )
        except SparkInputError as error:
            problems += error.problems
            fees = None
        matching = self._matching(values, problems)
        try:
            plan = plan_campaign(
                values["net_need"],
                values["average_pledge"],
                fees=fees or NO_FEES,
                conversion_rate=values["conversion_rate"],
                list_size=values["list_size"].strip() or None,
                matching=matching,
            )
        except SparkInputError as error:
            problems += error.problems
            plan = None
        if problems or fees is None:
            form.show_error(problems, lang)
            self.plan = None
            self.figures.value = ""
            self.chart.value = ""
            return
        assert plan is not None
        self.plan = plan
        self.figures.value = self._figures_html(plan)
        self.chart.value = chart_html(funnel_chart(plan, lang))
        self.timings.append(time.perf_counter() - started)

    def _figures_html(self, plan: CampaignPlan) -> str:
        lang = self.lang
        low, high = plan.backerkit_list_range
        rows = [
            [t(f"{C}.fig.pledged_goal", lang), kr(plan.pledged_goal, lang)],
        ]
        if plan.matching is not None:
            rows += [
                [t(f"{C}.fig.matched", lang), kr(plan.matched, lang)],
                [t(f"{C}.fig.campaign_goal", lang), kr(plan.campaign_goal, lang)],
            ]
        rows += [
            [t(f"{C}.fig.costs", lang), kr(plan.total_costs, lang)],
            [t(f"{C}.fig.net", lang), kr(plan.net, lang)],
            [t(f"{C}.fig.backers", lang), _people(plan.backers_needed, lang)],
            [
                t(
                    f"{C}.fig.list_needed",
                    lang,
                    conversion=format_share(plan.conversion_rate, lang),
                ),
                _people(plan.list_size_needed, lang),
            ],
            [
                t(
                    f"{C}.fig.backerkit",
                    lang,
                    low=format_share(BACKERKIT_CONVERSION[0], lang),
                    high=format_share(BACKERKIT_CONVERSION[1], lang),
                ),
                t(f"{C}.fig.people_range", lang, low=_people(low, lang), high=_people(high, lang)),
            ],
            [
                t(f"{C}.fig.probability", lang, list=_people(plan.list_size, lang)),
                format_percent(plan.probability, lang),
            ],
            [
                t(f"{C}.fig.list_for_90", lang, share=format_share(0.9, lang)),
                _people(plan.list_size_for_90, lang),
            ],
            [
                t(f"{C}.fig.first_48h", lang, share=format_share(LAUNCH_SHARE_48H, lang)),
                kr(plan.first_48h_target, lang),
            ],
        ]
        headers = [t(f"{C}.col.what", lang), t(f"{C}.col.value", lang)]
        notes = "".join(paragraph(t(f"{C}.note.{note}", lang)) for note in plan.notes)
        return (
            html_table(headers, rows, {1})
            + notes
            + f'<p class="spark-warn">{esc(plan.if_goal_missed(lang))}</p>'
            + paragraph(t(f"{C}.model_note", lang), "spark-muted")
        )


class MemberCapitalPanel(LazyPanel):
    """How many new members cover a capital need (what-if inputs, not stored).

    Public parts: ``form`` (fields ``capital_need``, ``insats``, ``existing_capital``,
    ``paid_share``), ``plan`` (the last valid :class:`MemberCapitalPlan` or None) and the
    HTML widget ``figures``. Every change recomputes.
    """

    title_key = f"{M}.title"

    def __init__(self) -> None:
        super().__init__()
        self._prefilled: str | None = None
        self.plan: MemberCapitalPlan | None = None

    def _build(self) -> None:
        self.intro = w.HTML()
        self.form = InlineForm(
            [
                Field("capital_need", f"{M}.field.capital_need"),
                Field("insats", f"{M}.field.insats"),
                Field("existing_capital", f"{M}.field.existing_capital"),
                Field("paid_share", f"{M}.field.paid_share", hint_key=f"{C}.hint.share"),
            ],
            self.lang,
            on_change=self.recompute,
        )
        self.form.fill({"insats": field_number(COMMON_INSATS), "existing_capital": "0"})
        self.prefill_note = w.HTML()
        self.figures = w.HTML()
        self.widget.children = [self.intro, self.form.box, self.prefill_note, self.figures]

    def _relabel(self) -> None:
        lang = self.lang
        self.intro.value = (
            paragraph(t(f"{M}.intro", lang))
            + paragraph(t(f"{M}.what_if", lang), "spark-muted")
            + paragraph(t(f"{M}.insats_note", lang, insats=kr(COMMON_INSATS, lang)), "spark-muted")
        )
        self.form.relabel(lang)
        refill_share(self.form, "paid_share", 1.0, lang)  # all paid at once, until edited

    def update(self, relabelled: bool) -> None:
        self._prefill()
        self.recompute()

    def _prefill(self) -> None:
        """The capital need starts as the cash flow's funding gap, until the person edits it."""
        assert self.assessment is not None
        try:
            gap = self.assessment.cashflow.compute().funding_gap
        except SparkInputError:
            gap = 0.0
        current = self.form.widgets["capital_need"].value.strip()
        if not current or current == self._prefilled:
            text = str(round(gap))
            self.form.fill({"capital_need": text})
            self._prefilled = text
        prefilled = self.form.widgets["capital_need"].value == self._prefilled
        self.prefill_note.value = (
            paragraph(t(f"{M}.prefilled", self.lang, amount=kr(gap, self.lang)), "spark-muted")
            if prefilled
            else ""
        )

    def recompute(self) -> None:
        started = time.perf_counter()
        lang, form = self.lang, self.form
        reader = Reader(form, lang)
        need = reader.number("capital_need")
        insats = reader.number("insats")
        existing = reader.number("existing_capital", required=False, default=0.0)
        share = reader.share("paid_share", required=False, default=1.0)
        if not reader.ok:
            reader.report()
            self.plan = None
            self.figures.value = ""
            return
        form.clear_errors()
        try:
            plan = member_capital_plan(need, insats, existing_capital=existing, paid_share=share)
        except SparkInputError as error:
            form.show_error(error, lang)
            self.plan = None
            self.figures.value = ""
            return
        self.plan = plan
        self._prefill_note_refresh()
        rows = [
            [t(f"{M}.fig.remaining", lang), kr(plan.remaining_need, lang)],
            [t(f"{M}.fig.new_members", lang), format_number(plan.new_members, lang)],
            [t(f"{M}.fig.raised", lang), kr(plan.raised, lang)],
            [t(f"{M}.fig.surplus", lang), kr(plan.surplus, lang)],
        ]
        sentence = t(
            f"{M}.summary",
            lang,
            members=format_number(plan.new_members, lang),
            insats=kr(plan.insats, lang),
            raised=kr(plan.raised, lang),
            need=kr(plan.remaining_need, lang),
        )
        headers = [t(f"{C}.col.what", lang), t(f"{C}.col.value", lang)]
        self.figures.value = (
            f'<p class="spark-summary" role="status">{esc(sentence)}</p>'
            + html_table(headers, rows, {1})
        )
        self.timings.append(time.perf_counter() - started)

    def _prefill_note_refresh(self) -> None:
        if self.form.widgets["capital_need"].value != self._prefilled:
            self.prefill_note.value = ""
