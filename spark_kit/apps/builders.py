"""The gallery's apps: each a frame around its panels, started on a fitting example.

Every Voilà notebook in notebooks/apps/ calls one of these and shows what it returns.
"""

from __future__ import annotations

from functools import partial

from spark_kit.apps.cohort_panel import build_app as cohort_build_app
from spark_kit.apps.effektlogik import LogicModelPanel
from spark_kit.apps.financing_panel import FinancingPanel
from spark_kit.apps.follow_up_panel import FollowUpPanel
from spark_kit.apps.frame import AppFrame
from spark_kit.apps.ledger_panel import LedgerPanel
from spark_kit.apps.profile_panel import ProfilePanel
from spark_kit.apps.readiness_panel import ReadinessPanel
from spark_kit.apps.report_panel import ReportPanel
from spark_kit.apps.sroi_panel import SroiPanel
from spark_kit.assessment import Assessment, blank_assessment, load_example

WISE_EXAMPLE = "myrbacka_arbetskooperativ"  # its value map is the SROI guide's Case 3


def sroi_app(assessment: Assessment | None = None, lang: str | None = None) -> AppFrame:
    """SROI-kalkylatorn, on the fictional work-integration example Myrbacka."""
    example = partial(load_example, WISE_EXAMPLE)
    return AppFrame(
        "gallery.sroi.title", [SroiPanel()], assessment=assessment, lang=lang, example=example
    )


def ledger_app(assessment: Assessment | None = None, lang: str | None = None) -> AppFrame:
    """Samhällsekonomisk kalkyl (the socioeconomic ledger per actor), on Myrbacka."""
    example = partial(load_example, WISE_EXAMPLE)
    return AppFrame(
        "gallery.samhallsekonomi.title",
        [LedgerPanel()],
        assessment=assessment,
        lang=lang,
        example=example,
    )


def financing_app(assessment: Assessment | None = None, lang: str | None = None) -> AppFrame:
    """Finansieringsguiden, on the fictional village cooperative Granbacka."""
    return AppFrame(
        "gallery.finansiering.title", [FinancingPanel()], assessment=assessment, lang=lang
    )


def readiness_app(assessment: Assessment | None = None, lang: str | None = None) -> AppFrame:
    """Investeringsberedskap: the self-assessment and its radar chart."""
    return AppFrame("gallery.beredskap.title", [ReadinessPanel()], assessment=assessment, lang=lang)


def my_report_app(assessment: Assessment | None = None, lang: str | None = None) -> AppFrame:
    """Min effektrapport: the whole assessment step by step, ending in the report. Starts
    blank (an enterprise's own assessment); the example is one button away."""
    steps = [
        ProfilePanel(),
        LogicModelPanel(),
        FollowUpPanel(),
        SroiPanel(),
        LedgerPanel(),
        FinancingPanel(),
        ReadinessPanel(),
        ReportPanel(),
    ]
    return AppFrame(
        "gallery.min_effektrapport.title",
        steps,
        assessment=assessment or blank_assessment(),
        lang=lang,
    )


def cohort_app(lang: str | None = None) -> AppFrame:
    """SPARK-kohorten: the program dashboard over the synthetic cohort (or uploads)."""
    return cohort_build_app(lang)
