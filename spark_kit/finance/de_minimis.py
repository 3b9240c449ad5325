"""A de minimis tracker: aid received over a rolling three years against the ceiling.

The rule, as the catalogue states it with its sources (``de_minimis`` in
``data/reference/finansieringskallor.yaml``, the kit's reference §1.2):

- the ceiling is **EUR 300,000** per single undertaking (EUR 750,000 for compensation for
  services of general economic interest, SGEI), from 1 January 2024
  (Upphandlingsmyndigheten 2024-01-17; Regulation (EU) 2023/2831);
- the period is **rolling**: for each new grant, all de minimis aid granted in the previous
  three years counts (recital 11 of Regulation 2023/2831);
- aid counts from the date the legal right to it is granted, not the date it is paid — so an
  :class:`AidEntry` is dated by its decision (``granted``).

**Window.** For a date ``on`` the window runs from the same calendar day three years earlier
to ``on`` itself, both included: aid granted on 17 January 2024 counts aid granted from
17 January 2021 (the worked example cited in the catalogue). Whether the start day counts is
the named convention ``count_start_day`` (default ``True``); with ``False`` the window starts
the day after. A start day that does not exist (29 February three years earlier) becomes
28 February.

**Currency.** The reference gives no conversion rule, so no exchange rate is built in. Aid in
kronor needs a rate in kronor per euro that the user supplies: on the entry
(``AidEntry.sek_per_eur``, for example the rate in the grantor's decision) or for the whole
call (``sek_per_eur=``); the entry's own rate wins. Aid in euro needs none.

>>> import datetime as dt
>>> aid = [AidEntry(dt.date(2024, 5, 6), "Region X", 100_000, "EUR")]
>>> status(aid, dt.date(2026, 1, 1)).headroom_eur
200000.0
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.sources import DeMinimisRule, load_catalogue
from spark_kit.i18n import format_date, format_money, t

CURRENCIES = ("EUR", "SEK")


def _problem(code: str, column: str, value: Any = None, **params: Any) -> InputProblem:
    return InputProblem(code, None, None, column, value, params)


def _as_date(raw: Any, column: str, problems: list[InputProblem]) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    problems.append(_problem("deminimis.date.invalid", column, raw))
    return None


def _positive(raw: Any, column: str, problems: list[InputProblem]) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        problems.append(_problem("value.not_number", column, raw))
        return None
    if raw <= 0:
        problems.append(_problem("deminimis.amount.not_positive", column, raw))
        return None
    return float(raw)


@dataclass(frozen=True)
class AidEntry:
    """One de minimis aid: the date the right to it was granted, who granted it, how much.

    ``currency`` is ``"SEK"`` or ``"EUR"``; ``sek_per_eur`` is an optional exchange rate for
    this entry (kronor per euro), such as the rate stated in the grantor's decision.
    """

    granted: dt.date
    grantor: str
    amount: float
    currency: str = "SEK"
    sek_per_eur: float | None = None
    description: str = ""

    def __post_init__(self) -> None:
        problems: list[InputProblem] = []
        granted = _as_date(self.granted, "granted", problems)
        amount = _positive(self.amount, "amount", problems)
        currency = str(self.currency).strip().upper() if isinstance(self.currency, str) else None
        if currency == "KR":
            currency = "SEK"
        if currency not in CURRENCIES:
            problems.append(
                _problem("value.choice", "currency", self.currency, choices=", ".join(CURRENCIES))
            )
        rate = None
        if self.sek_per_eur is not None:
            rate = _positive(self.sek_per_eur, "sek_per_eur", problems)
        if not str(self.grantor or "").strip():
            problems.append(_problem("value.required", "grantor"))
        if problems:
            raise SparkInputError(problems)
        object.__setattr__(self, "granted", granted)
        object.__setattr__(self, "amount", amount)
        object.__setattr__(self, "currency", currency)
        object.__setattr__(self, "sek_per_eur", rate)

    def amount_eur(self, sek_per_eur: float | None = None) -> float:
        """The amount in euro: as is for euro; kronor divided by the entry's rate, else by
        ``sek_per_eur``; without either rate a :class:`SparkInputError` says so."""
        if self.currency == "EUR":
            return self.amount
        rate = self.sek_per_eur if self.sek_per_eur is not None else sek_per_eur
        if rate is None:
            raise SparkInputError(
                _problem(
                    "deminimis.rate.missing", "sek_per_eur", None,
                    grantor=self.grantor, date=self.granted.isoformat(),
                )
            )  # fmt: skip
        return self.amount / rate


def _rule(rule: DeMinimisRule | None) -> DeMinimisRule:
    return rule if rule is not None else load_catalogue().de_minimis


def _check_rate(sek_per_eur: float | None) -> float | None:
    if sek_per_eur is None:
        return None
    problems: list[InputProblem] = []
    value = _positive(sek_per_eur, "sek_per_eur", problems)
    if problems:
        raise SparkInputError(problems)
    return value


def _years_earlier(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def window(
    on: dt.date, years: int | None = None, *, count_start_day: bool = True, rule=None
) -> tuple[dt.date, dt.date]:
    """The first and last day (both included) whose aid counts on ``on``.

    >>> window(dt.date(2024, 1, 17))
    (datetime.date(2021, 1, 17), datetime.date(2024, 1, 17))
    >>> window(dt.date(2024, 1, 17), count_start_day=False)
    (datetime.date(2021, 1, 18), datetime.date(2024, 1, 17))
    """
    problems: list[InputProblem] = []
    on = _as_date(on, "on", problems)
    if problems:
        raise SparkInputError(problems)
    years = years if years is not None else _rule(rule).period_years
    start = _years_earlier(on, years)
    if not count_start_day:
        start += dt.timedelta(days=1)
    return start, on


@dataclass(frozen=True)
class DeMinimisStatus:
    """The de minimis aid counted on one date, against the ceiling (all amounts in euro)."""

    on: dt.date
    window_start: dt.date
    window_end: dt.date
    ceiling_eur: float
    used_eur: float
    counted: tuple[AidEntry, ...]
    sgei: bool = False

    @property
    def headroom_eur(self) -> float:
        """What is left under the ceiling; negative when the aid counted is already above it."""
        return self.ceiling_eur - self.used_eur

    @property
    def share_used(self) -> float:
        return self.used_eur / self.ceiling_eur

    def message(self, lang: str | None = None) -> str:
        return t(
            "deminimis.status", lang,
            start=format_date(self.window_start, lang), end=format_date(self.window_end, lang),
            used=_eur(self.used_eur, lang), ceiling=_eur(self.ceiling_eur, lang),
            headroom=_eur(self.headroom_eur, lang),
        )  # fmt: skip


def _eur(value: float, lang: str | None) -> str:
    return format_money(value, lang, "EUR", decimals=2)


def _entries(entries) -> list[AidEntry]:
    items = list(entries)
    for number, item in enumerate(items, start=1):
        if not isinstance(item, AidEntry):
            raise SparkInputError(
                _problem("deminimis.entry.wrong_type", f"entries[{number}]", type(item).__name__)
            )
    return items


def status(
    entries,
    on: dt.date,
    *,
    sek_per_eur: float | None = None,
    count_start_day: bool = True,
    sgei: bool = False,
    rule: DeMinimisRule | None = None,
) -> DeMinimisStatus:
    """The aid that counts on ``on`` (granted within :func:`window`) and what is left.

    ``sgei=True`` uses the ceiling for services of general economic interest.
    """
    rule = _rule(rule)
    rate = _check_rate(sek_per_eur)
    start, end = window(on, rule.period_years, count_start_day=count_start_day)
    counted = tuple(
        sorted(
            (e for e in _entries(entries) if start <= e.granted <= end),
            key=lambda e: (e.granted, e.grantor),
        )
    )
    used = sum(e.amount_eur(rate) for e in counted)
    ceiling = rule.sgei_ceiling_eur if sgei else rule.ceiling_eur
    return DeMinimisStatus(end, start, end, ceiling, used, counted, sgei)


@dataclass(frozen=True)
class GrantCheck:
    """Whether a new grant fits under the ceiling on its own date."""

    before: DeMinimisStatus
    new: AidEntry
    new_eur: float

    @property
    def total_eur(self) -> float:
        return self.before.used_eur + self.new_eur

    @property
    def exceeds(self) -> bool:
        """True when the aid counted plus the new grant is above the ceiling (equal is allowed:
        the total "shall not exceed" the ceiling)."""
        return self.total_eur > self.before.ceiling_eur

    @property
    def headroom_after_eur(self) -> float:
        return self.before.ceiling_eur - self.total_eur

    def message(self, lang: str | None = None) -> str:
        """A warning when the grant would exceed the ceiling, else a confirmation."""
        key = "deminimis.check.exceeds" if self.exceeds else "deminimis.check.fits"
        return t(
            key, lang,
            new=_eur(self.new_eur, lang), total=_eur(self.total_eur, lang),
            ceiling=_eur(self.before.ceiling_eur, lang),
            headroom=_eur(self.before.headroom_eur, lang),
            after=_eur(self.headroom_after_eur, lang),
            start=format_date(self.before.window_start, lang),
            end=format_date(self.before.window_end, lang),
        )  # fmt: skip


def check_new_grant(
    entries,
    new: AidEntry,
    *,
    sek_per_eur: float | None = None,
    count_start_day: bool = True,
    sgei: bool = False,
    rule: DeMinimisRule | None = None,
) -> GrantCheck:
    """Would ``new`` take the aid counted on its date above the ceiling?"""
    if not isinstance(new, AidEntry):
        raise SparkInputError(_problem("deminimis.entry.wrong_type", "new", type(new).__name__))
    before = status(
        entries, new.granted, sek_per_eur=sek_per_eur, count_start_day=count_start_day,
        sgei=sgei, rule=rule,
    )  # fmt: skip
    return GrantCheck(before, new, new.amount_eur(_check_rate(sek_per_eur)))


def usage_over_time(
    entries,
    start: dt.date,
    end: dt.date,
    *,
    sek_per_eur: float | None = None,
    count_start_day: bool = True,
    rule: DeMinimisRule | None = None,
) -> list[tuple[dt.date, float]]:
    """The aid counted (euro) on each day it changes between ``start`` and ``end``.

    The points are ``start``, ``end``, each grant date and each day a grant leaves the
    window; between two points the amount is constant (draw it as steps).
    """
    rule = _rule(rule)
    items = _entries(entries)
    problems: list[InputProblem] = []
    start = _as_date(start, "start", problems)
    end = _as_date(end, "end", problems)
    if problems:
        raise SparkInputError(problems)
    if end < start:
        raise SparkInputError(_problem("deminimis.period.reversed", "end", end.isoformat()))
    days = {start, end}
    for item in items:
        days.add(item.granted)
        last = item.granted
        # the last day it counts: the day whose window starts on (or after) the grant date
        probe = dt.date(last.year + rule.period_years, last.month, 1)
        while window(probe, rule.period_years, count_start_day=count_start_day)[0] <= last:
            probe += dt.timedelta(days=1)
        days.add(probe)
    points = sorted(d for d in days if start <= d <= end)
    kwargs = {"sek_per_eur": sek_per_eur, "count_start_day": count_start_day, "rule": rule}
    return [(day, status(items, day, **kwargs).used_eur) for day in points]
