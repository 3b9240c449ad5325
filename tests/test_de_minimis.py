"""The de minimis tracker: the ceiling (EUR 300,000; EUR 750,000 for SGEI) over a rolling
three years, as financing.md §1.2 states it (source: upphandlingsmyndigheten.se 2024-01-17);
window edges; kronor converted only at a rate the user gives; warnings when a new grant would
exceed the ceiling; the chart's alt text.

Window example from the catalogue (unistudio.it, a secondary source on Regulation 2023/2831):
aid granted on 17 January 2024 counts aid granted from 17 January 2021.
"""

from __future__ import annotations

import datetime as dt

import pytest

from spark_kit.errors import SparkInputError
from spark_kit.finance.de_minimis import (
    AidEntry,
    check_new_grant,
    status,
    usage_over_time,
    window,
)
from spark_kit.viz.sources_chart import de_minimis_chart

D = dt.date


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


def eur(day, amount, grantor="Region X"):
    return AidEntry(day, grantor, amount, "EUR")


def test_ceiling_is_the_reference_figure():
    assert status([], D(2026, 1, 1)).ceiling_eur == 300_000
    assert status([], D(2026, 1, 1), sgei=True).ceiling_eur == 750_000


# --- the window -------------------------------------------------------------------------------


def test_window_of_the_worked_example():
    assert window(D(2024, 1, 17)) == (D(2021, 1, 17), D(2024, 1, 17))


def test_the_start_day_counts_by_default_and_not_with_the_other_convention():
    on = D(2024, 1, 17)
    aid = [eur(D(2021, 1, 17), 100_000)]
    assert status(aid, on).used_eur == 100_000
    assert status(aid, on, count_start_day=False).used_eur == 0
    assert window(on, count_start_day=False)[0] == D(2021, 1, 18)


def test_the_day_before_the_window_never_counts_and_the_day_itself_always_does():
    on = D(2024, 1, 17)
    aid = [eur(D(2021, 1, 16), 50_000), eur(on, 20_000), eur(D(2024, 1, 18), 70_000)]
    for convention in (True, False):
        result = status(aid, on, count_start_day=convention)
        assert result.used_eur == 20_000
        assert [e.granted for e in result.counted] == [on]


def test_leap_days():
    assert window(D(2028, 2, 29))[0] == D(2025, 2, 28)
    assert window(D(2027, 2, 28))[0] == D(2024, 2, 28)
    aid = [eur(D(2024, 2, 29), 10_000)]
    assert status(aid, D(2027, 2, 28)).used_eur == 10_000
    assert status(aid, D(2027, 3, 1)).used_eur == 0


def test_headroom():
    aid = [eur(D(2024, 5, 6), 100_000), eur(D(2025, 1, 1), 50_000)]
    result = status(aid, D(2026, 1, 1))
    assert result.used_eur == 150_000 and result.headroom_eur == 150_000
    assert result.share_used == 0.5
    assert "150\u00a0000,00\u00a0€" in result.message("sv")


# --- currency ---------------------------------------------------------------------------------


def test_kronor_need_a_rate_the_user_gives():
    aid = [AidEntry(D(2025, 1, 1), "Länsstyrelsen", 110_000, "SEK")]
    with pytest.raises(SparkInputError) as caught:
        status(aid, D(2026, 1, 1))
    assert caught.value.problems[0].column == "sek_per_eur"
    assert "ingen inbyggd kurs" in caught.value.message("sv")
    assert "no built-in rate" in caught.value.message("en")
    assert status(aid, D(2026, 1, 1), sek_per_eur=11).used_eur == pytest.approx(10_000)


def test_the_entry_rate_wins_over_the_call_rate():
    aid = [AidEntry(D(2025, 1, 1), "Länsstyrelsen", 115_000, "SEK", sek_per_eur=11.5)]
    assert status(aid, D(2026, 1, 1), sek_per_eur=10).used_eur == pytest.approx(10_000)
    assert AidEntry(D(2025, 1, 1), "X", 100, "kr").currency == "SEK"


# --- a new grant ------------------------------------------------------------------------------


def test_a_grant_up_to_the_ceiling_fits_one_euro_more_does_not():
    aid = [eur(D(2024, 6, 1), 250_000)]
    fits = check_new_grant(aid, eur(D(2026, 6, 1), 50_000))
    assert not fits.exceeds and fits.headroom_after_eur == 0
    assert fits.message("sv").startswith("Det nya stödet")
    over = check_new_grant(aid, eur(D(2026, 6, 1), 50_001))
    assert over.exceeds and over.total_eur == 300_001
    assert over.message("sv").startswith("Varning")
    assert over.message("en").startswith("Warning")
    assert "50\u00a0000,00\u00a0€" in over.message("sv")  # the headroom before the grant


def test_a_grant_after_old_aid_has_left_the_window_fits():
    aid = [eur(D(2023, 6, 1), 250_000)]
    assert check_new_grant(aid, eur(D(2026, 6, 1), 100_000)).exceeds
    assert not check_new_grant(aid, eur(D(2026, 6, 2), 100_000)).exceeds


def test_sgei_ceiling_is_used_when_asked():
    aid = [eur(D(2025, 1, 1), 500_000)]
    assert not check_new_grant(aid, eur(D(2026, 1, 1), 250_000), sgei=True).exceeds
    assert check_new_grant(aid, eur(D(2026, 1, 1), 250_000)).exceeds


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, column, sv",
    [
        ((D(2025, 1, 1), "X", -5, "EUR"), "amount", "större än noll"),
        ((D(2025, 1, 1), "X", "mycket", "EUR"), "amount", "inte ett tal"),
        (("2024-13-01", "X", 5, "EUR"), "granted", "inget datum"),
        ((D(2025, 1, 1), "X", 5, "USD"), "currency", "USD"),
        ((D(2025, 1, 1), "", 5, "EUR"), "grantor", "Värde saknas"),
        ((D(2025, 1, 1), "X", 5, "SEK", 0), "sek_per_eur", "större än noll"),
    ],
)
def test_bad_aid_entries(args, column, sv):
    with pytest.raises(SparkInputError) as caught:
        AidEntry(*args)
    assert caught.value.problems[0].column == column
    assert sv in caught.value.message("sv")


def test_dates_may_be_iso_text():
    assert AidEntry("2025-01-01", "X", 5, "EUR").granted == D(2025, 1, 1)


def test_entries_must_be_aid_entries():
    with pytest.raises(SparkInputError, match="AidEntry"):
        status([{"amount": 5}], D(2026, 1, 1))


# --- over time, and the chart ------------------------------------------------------------------


def test_usage_over_time_steps_when_aid_enters_and_leaves():
    aid = [eur(D(2023, 3, 10), 80_000), eur(D(2024, 5, 6), 20_000)]
    points = dict(usage_over_time(aid, D(2023, 1, 1), D(2027, 12, 31)))
    assert points[D(2023, 1, 1)] == 0
    assert points[D(2023, 3, 10)] == 80_000
    assert points[D(2024, 5, 6)] == 100_000
    assert points[D(2026, 3, 11)] == 20_000  # the day after 10 March 2026 (start day counts)
    assert points[D(2027, 5, 7)] == 0


def test_chart_has_alt_text_with_the_ceiling_and_peak():
    aid = [eur(D(2023, 3, 10), 80_000), eur(D(2024, 5, 6), 20_000)]
    chart = de_minimis_chart(aid, D(2023, 1, 1), D(2026, 12, 31), lang="sv", fictional=True)
    assert "300\u00a0000\u00a0€" in chart.alt_text
    assert "100\u00a0000\u00a0€ den 6 maj 2024" in chart.alt_text
    assert "påhittat exempel" in chart.title
    english = de_minimis_chart(aid, D(2023, 1, 1), D(2026, 12, 31), lang="en")
    assert "ceiling" in english.alt_text
    assert chart.to_bytes("png")[:4] == b"\x89PNG"
