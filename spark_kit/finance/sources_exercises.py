"""Examples and self-checking exercises for notebooks/06_finansieringskallor.ipynb.

The profiles and aid are **fictional**. :func:`granbacka_profile` takes Granbacka's legal
form and county from the fictional example enterprise
(``data/examples/granbacka_byakooperativ.yaml``: an ekonomisk förening in Västerbottens
län, running since 2019 with two employees); its turnover, the amount it needs and its
purpose are made up for the exercise.
:func:`bygdegard_profile` is a made-up ideell förening in the same village with the same need,
so that the two can be compared side by side. :func:`granbacka_aid` is made-up de minimis aid,
each entry in kronor carrying the exchange rate its (made-up) decision states.

The two checkers return :class:`~spark_kit.impact.exercises.Feedback`, computed with the
package's own functions:

1. :func:`check_exercise_1` — which sources are closed to the ideell förening because of its
   legal form (the matcher's exclusions);
2. :func:`check_exercise_2` — Granbacka's de minimis headroom on 20 March 2026, in euro.

>>> check_exercise_1(["almi", "medlemskapital"], "en").correct
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache

import yaml

from spark_kit.finance.de_minimis import AidEntry, status
from spark_kit.finance.matcher import Enterprise, match
from spark_kit.finance.sources import load_catalogue
from spark_kit.i18n import format_date, format_money, t
from spark_kit.impact.exercises import Feedback, _feedback, number_answer
from spark_kit.paths import EXAMPLES_DIR

GRANBACKA_FILE = EXAMPLES_DIR / "granbacka_byakooperativ.yaml"
#: The year of the example and the year Granbacka started (its description: "sedan 2019").
EXAMPLE_YEAR = 2026
GRANBACKA_STARTED = 2019

#: Exercise 2: the date of the new grant and the tolerance (euro).
EXERCISE_2_DATE = dt.date(2026, 3, 20)
EXERCISE_2_TOLERANCE = 1.0


@cache
def _granbacka_yaml() -> dict:
    return yaml.safe_load(GRANBACKA_FILE.read_text(encoding="utf-8"))["profile"]


def granbacka_profile() -> Enterprise:
    """Granbacka byakooperativ (fictional): an ekonomisk förening in Västerbottens län, 7 years
    old, 2 employees; made up for the exercise: turnover 4 800 000 kr a year (the sales level
    of the fictional cash-flow example, 400 000 kr a month) and a need of 300 000 kr to invest
    in new refrigerated counters."""
    profile = _granbacka_yaml()
    return Enterprise(
        legal_form=profile["legal_form"],
        age_years=EXAMPLE_YEAR - GRANBACKA_STARTED,
        employees=2,
        turnover_sek=4_800_000,
        purpose="investering",
        amount_sek=300_000,
        region=profile["county"],
        name=profile["name"],
        fictional=True,
    )


def bygdegard_profile() -> Enterprise:
    """A made-up ideell förening in the same village (the village hall association): 30 years
    old, no employees, turnover 150 000 kr, and the same need: 300 000 kr to invest."""
    return Enterprise(
        legal_form="ideell förening",
        age_years=30,
        employees=0,
        turnover_sek=150_000,
        purpose="investering",
        amount_sek=300_000,
        region=_granbacka_yaml()["county"],
        name="Granbacka bygdegårdsförening (påhittad)",
        fictional=True,
    )


def granbacka_aid() -> list[AidEntry]:
    """Granbacka's made-up de minimis aid: grantors, amounts and exchange rates are fictional."""
    return [
        AidEntry(
            dt.date(2023, 3, 10), "Länsstyrelsen i Västerbottens län", 900_000, "SEK", 11.5,
            "Investeringsstöd till kommersiell service (påhittat)",
        ),
        AidEntry(
            dt.date(2024, 5, 6), "Region Västerbotten", 250_000, "SEK", 11.6,
            "Servicebidrag (påhittat)",
        ),
        AidEntry(
            dt.date(2025, 11, 3), "Granbacka kommun (påhittad)", 15_000, "EUR", None,
            "Stöd till laddstolpe (påhittat)",
        ),
    ]  # fmt: skip


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).casefold()).strip()


def _parse_sources(answer: object) -> list[str] | None:
    if isinstance(answer, str):
        parts = re.split(r"[,;\n]", answer)
    elif isinstance(answer, Iterable):
        parts = [str(p) for p in answer]
    else:
        return None
    return [p.strip() for p in parts if p.strip()]


# --- Exercise 1: which doors are closed to an ideell förening? --------------------------------


def exercise_1_solution() -> set[str]:
    """The ids of the sources the matcher excludes for the ideell förening because of its
    legal form."""
    result = match(bygdegard_profile())
    return {e.source_id for e in result.excluded if e.reason_code == "legal_form"}


def check_exercise_1(answer: object, lang: str | None = None) -> Feedback:
    """Check a list of sources (ids such as ``"almi"`` or names, in a list or a comma-separated
    text) closed to the ideell förening because of its legal form."""
    catalogue = load_catalogue()
    parts = _parse_sources(answer)
    if not parts:
        return _feedback(False, t("sources.exercise1.empty", lang), [])
    lookup = {}
    for source in catalogue.sources:
        lookup[_norm(source.id)] = source.id
        lookup[_norm(source.name)] = source.id
    chosen, unknown = set(), []
    for part in parts:
        if _norm(part) in lookup:
            chosen.add(lookup[_norm(part)])
        else:
            unknown.append(part)
    if unknown:
        points = [t("sources.exercise1.unknown", lang, answer=u) for u in unknown]
        return _feedback(False, t("sources.exercise1.incorrect", lang), points)
    right = exercise_1_solution()
    result = match(bygdegard_profile(), lang=lang)
    reasons = {e.source_id: e.reason for e in result.excluded}

    def name(source_id: str) -> str:
        return catalogue.source(source_id).name

    if chosen == right:
        names = ", ".join(name(i) for i in sorted(right))
        points = [
            t("sources.exercise1.why", lang, name=name(i), reason=reasons[i]) for i in sorted(right)
        ]
        return _feedback(True, t("sources.exercise1.correct", lang, names=names), points)
    points = [t("sources.exercise1.missing", lang, name=name(i)) for i in sorted(right - chosen)]
    points += [t("sources.exercise1.extra", lang, name=name(i)) for i in sorted(chosen - right)]
    return _feedback(False, t("sources.exercise1.incorrect", lang), points)


# --- Exercise 2: de minimis headroom -----------------------------------------------------------


def _number(answer: object) -> float | None:
    return number_answer(answer, ("euro", "eur", "€"))


@cache
def _exercise_2_answers() -> dict[str, float]:
    aid = granbacka_aid()
    now = status(aid, EXERCISE_2_DATE)
    ceiling = now.ceiling_eur
    counted_sek = sum(e.amount for e in now.counted)  # as if kronor were euro
    return {
        "right": now.headroom_eur,
        "old_included": ceiling - sum(e.amount_eur() for e in aid),
        "not_converted": ceiling - counted_sek,
        "used_not_headroom": now.used_eur,
    }


def exercise_2_solution() -> float:
    """Granbacka's de minimis headroom on 20 March 2026, before the new grant (euro)."""
    return _exercise_2_answers()["right"]


def check_exercise_2(answer: float | str, lang: str | None = None) -> Feedback:
    """Check the headroom in euro (within 1 euro); common mistakes are named with why."""
    value = _number(answer)
    if value is None:
        return _feedback(False, t("sources.exercise2.not_a_number", lang, answer=answer), [])
    answers = _exercise_2_answers()
    now = status(granbacka_aid(), EXERCISE_2_DATE)
    old = min(granbacka_aid(), key=lambda e: e.granted)
    params = {
        "old": format_date(old.granted, lang),
        "start": format_date(now.window_start, lang),
    }
    shown = format_money(value, lang, "EUR")
    if abs(value - answers["right"]) <= EXERCISE_2_TOLERANCE:
        return _feedback(
            True,
            t("sources.exercise2.correct", lang, value=format_money(answers["right"], lang, "EUR")),
            [t("sources.exercise2.why", lang, **params)],
        )
    points = [
        t(f"sources.exercise2.mistake.{key}", lang, **params)
        for key, wrong in answers.items()
        if key != "right" and abs(value - wrong) <= EXERCISE_2_TOLERANCE
    ]
    points.append(t("sources.exercise2.how", lang))
    return _feedback(False, t("sources.exercise2.incorrect", lang, value=shown), points)
