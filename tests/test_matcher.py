"""The matcher: legal form decides what is open (Almi does not lend to ideella föreningar,
financing.md §0 and §1.1, confirmed on almi.se/faq/lan), purposes, amount ranges, thresholds,
regions, warnings with their sources, deterministic ranking, and clear errors in Swedish and
English for bad input.
"""

from __future__ import annotations

import pytest

from spark_kit.errors import SparkInputError
from spark_kit.finance.matcher import POINTS, Enterprise, match


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


def profile(**changes) -> Enterprise:
    values = {
        "legal_form": "ekonomisk förening",
        "age_years": 7,
        "employees": 2,
        "turnover_sek": 6_000_000,
        "purpose": "investering",
        "amount_sek": 300_000,
        "region": "Västerbottens län",
    }
    values.update(changes)
    return Enterprise(**values)


def ids(result) -> list[str]:
    return [s.source_id for s in result.suggestions]


def excluded(result) -> dict[str, str]:
    return {e.source_id: e.reason_code for e in result.excluded}


# --- legal forms --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling, form",
    [
        ("ideell förening", "ideell_forening"),
        ("Ideell Förening", "ideell_forening"),
        ("ideell_forening", "ideell_forening"),
        ("ekonomisk förening", "ekonomisk_forening"),
        ("Ek. för.", "ekonomisk_forening"),
        ("kooperativ", "ekonomisk_forening"),
        ("aktiebolag", "aktiebolag"),
        ("AB", "aktiebolag"),
        ("AB (SVB)", "aktiebolag_svb"),
        ("aktiebolag med särskild vinstutdelningsbegränsning", "aktiebolag_svb"),
        ("stiftelse", "stiftelse"),
        ("foundation", "stiftelse"),
    ],
)
def test_accepted_spellings_of_legal_forms(spelling, form):
    assert profile(legal_form=spelling).legal_form == form


def test_almi_is_not_suggested_to_an_ideell_forening_and_says_why():
    result = match(profile(legal_form="ideell förening", employees=0, turnover_sek=150_000))
    assert "almi" not in ids(result)
    exclusion = next(e for e in result.excluded if e.source_id == "almi")
    assert exclusion.reason_code == "legal_form"
    assert "Almi lånar inte ut till ideella föreningar" in exclusion.reason
    assert exclusion.line.citation.endswith("https://www.almi.se/faq/lan/")
    english = match(profile(legal_form="ideell förening"), lang="en")
    reason = next(e.reason for e in english.excluded if e.source_id == "almi")
    assert "does not lend to non-profit associations" in reason


@pytest.mark.parametrize("form", ["ekonomisk förening", "aktiebolag", "AB SVB"])
def test_almi_is_suggested_to_the_forms_it_lends_to(form):
    result = match(profile(legal_form=form))
    almi = result.suggestion("almi")
    assert any("Öppen för" in r for r in almi.reasons)
    # open 3 + purpose 2 + no amount stated 1 + at most 250 employees met 1
    assert almi.score == 3 + 2 + 1 + 1


def test_member_capital_is_only_for_cooperatives():
    assert "medlemskapital" in ids(match(profile()))
    for form in ("ideell förening", "aktiebolag", "AB SVB", "stiftelse"):
        assert excluded(match(profile(legal_form=form)))["medlemskapital"] == "legal_form"


def test_postkodstiftelsen_is_for_ideella_foreningar_and_stiftelser():
    for form in ("ideell förening", "stiftelse"):
        result = match(profile(legal_form=form, purpose="utveckling", amount_sek=600_000))
        assert "postkodstiftelsen" in ids(result)
    for form in ("ekonomisk förening", "aktiebolag", "AB SVB"):
        result = match(profile(legal_form=form, purpose="utveckling"))
        assert excluded(result)["postkodstiftelsen"] == "legal_form"


def test_conditional_form_gives_a_warning_and_no_form_points():
    # Arvsfonden lokalstöd: an ekonomisk förening only if its statutes return the surplus
    coop = match(profile()).suggestion("arvsfonden_lokalstod")
    assert any("stadgarna" in w.text for w in coop.warnings)
    ideell = match(profile(legal_form="ideell förening")).suggestion("arvsfonden_lokalstod")
    assert ideell.score - coop.score == POINTS["form_open"] - POINTS["form_conditional"]


def test_iop_is_closed_to_an_ordinary_aktiebolag_but_conditional_for_svb():
    dev = {"purpose": "utveckling"}
    assert excluded(match(profile(legal_form="aktiebolag", **dev)))["iop"] == "legal_form"
    svb = match(profile(legal_form="AB SVB", **dev)).suggestion("iop")
    assert any("idéburen" in w.text for w in svb.warnings)


# --- purposes, amounts, thresholds, regions ------------------------------------------------


def test_bridging_finds_lenders_and_guarantees_not_grants():
    result = match(profile(purpose="bryggfinansiering"))
    assert {"ekobanken", "mikrofonden", "medlemslan", "coompanion"} <= set(ids(result))
    assert excluded(result)["leader"] == "purpose"
    assert excluded(result)["esf_plus"] == "purpose"


@pytest.mark.parametrize(
    "spelling, purpose",
    [("investering", "investment"), ("rörelsekapital", "working_capital"),
     ("bryggfinansiering", "bridging"), ("utveckling", "development"),
     ("Working capital", "working_capital"), ("bridging", "bridging")],
)  # fmt: skip
def test_accepted_spellings_of_purposes(spelling, purpose):
    assert profile(purpose=spelling).purpose == purpose


def test_amount_below_minimum_warns_and_costs_a_point():
    # Postkodstiftelsen: at least 500,000 kr (financing.md §1.1)
    base = {"legal_form": "ideell förening", "purpose": "utveckling"}
    small = match(profile(amount_sek=300_000, **base)).suggestion("postkodstiftelsen")
    large = match(profile(amount_sek=600_000, **base)).suggestion("postkodstiftelsen")
    assert large.score - small.score == POINTS["amount_within"] - POINTS["amount_below_min"]
    assert any("minst 500\u00a0000\u00a0kr" in w.text for w in small.warnings)
    assert any("ryms inom minst 500\u00a0000\u00a0kr" in r for r in large.reasons)


def test_amount_above_maximum_warns_to_combine_sources():
    # Arvsfonden lokalstöd: up to 6 MSEK (financing.md §1.1)
    over = match(profile(amount_sek=7_000_000)).suggestion("arvsfonden_lokalstod")
    assert any("högst 6\u00a0000\u00a0000\u00a0kr" in w.text for w in over.warnings)
    edge = match(profile(amount_sek=6_000_000)).suggestion("arvsfonden_lokalstod")
    assert edge.score - over.score == POINTS["amount_within"]


def test_tillvaxtverket_thresholds_are_inclusive_and_exclude_below():
    # ≥ 1 year trading, ≥ 1 employee, turnover ≥ 400,000 kr (financing.md §1.1)
    edge = {"purpose": "utveckling", "age_years": 1, "employees": 1, "turnover_sek": 400_000}
    assert "tillvaxtverket_checkar" in ids(match(profile(**edge)))
    for change in ({"age_years": 0.5}, {"employees": 0}, {"turnover_sek": 399_999}):
        result = match(profile(**{**edge, **change}))
        assert excluded(result)["tillvaxtverket_checkar"] == "eligibility"


def test_almi_employee_limit():
    assert "almi" in ids(match(profile(employees=250)))
    result = match(profile(employees=251))
    assert excluded(result)["almi"] == "eligibility"
    reason = next(e.reason for e in result.excluded if e.source_id == "almi")
    assert "250" in reason and "251" in reason


def test_lokalstod_needs_two_years():
    assert excluded(match(profile(age_years=1.5)))["arvsfonden_lokalstod"] == "eligibility"
    assert "arvsfonden_lokalstod" in ids(match(profile(age_years=2)))


def test_regional_source_only_in_its_counties():
    dev = {"purpose": "utveckling"}
    assert "crowdculture" in ids(match(profile(region="Gävleborgs län", **dev)))
    assert "crowdculture" in ids(match(profile(region="kronoberg", **dev)))
    result = match(profile(region="Västerbotten", **dev))
    assert excluded(result)["crowdculture"] == "region"


# --- warnings ------------------------------------------------------------------------------


@pytest.mark.parametrize("source_id", ["medlemslan", "crowdfunding_ecsp"])
def test_repayable_money_from_the_public_is_warned_about_with_its_source(source_id):
    result = match(profile(purpose="rörelsekapital"))
    warnings = result.suggestion(source_id).warnings
    assert any("2004:299" in w.text and "Finansinspektionen" in w.citation for w in warnings)
    assert any("1 000 medlemmar" in w.text for w in warnings)
    assert any("2020/1503" in w.text for w in warnings)


@pytest.mark.parametrize("source_id", ["ekobanken", "bygdebolag", "almi"])
def test_no_public_money_warning_where_it_does_not_apply(source_id):
    warnings = match(profile()).suggestion(source_id).warnings
    assert not any("2004:299" in w.text for w in warnings)


def test_de_minimis_aid_carries_the_ceiling_warning():
    result = match(profile())
    warning = next(
        w for w in result.suggestion("kommersiell_service").warnings if "de minimis" in w.text
    )
    assert "300\u00a0000\u00a0€" in warning.text
    assert "upphandlingsmyndigheten" in warning.citation


@pytest.mark.parametrize("lang, marker", [("sv", "ej verifierad"), ("en", "unverified")])
def test_unverified_facts_are_shown_as_unverified(lang, marker):
    jak = match(profile(), lang=lang).suggestion("jak")
    rate = next(line for line in jak.conditions if line.fact_id == "jak_rates")
    assert marker in rate.text and not rate.verified
    assert jak.unverified == 1
    assert any(marker in w.text or not w.verified for w in jak.warnings)


def test_every_line_has_its_source():
    for result in (match(profile()), match(profile(legal_form="ideell förening"))):
        for suggestion in result.suggestions:
            for line in suggestion.conditions + suggestion.notes:
                assert "https://" in line.citation
            assert all("https://" in c for c in suggestion.sources)


# --- ranking ---------------------------------------------------------------------------------


def test_ranking_is_sorted_and_deterministic():
    first = match(profile())
    second = match(profile())
    assert ids(first) == ids(second)
    keys = [(-s.score, s.unverified, s.name.casefold()) for s in first.suggestions]
    assert keys == sorted(keys)


def test_suggested_and_excluded_together_are_the_whole_catalogue():
    result = match(profile())
    assert len(result.suggestions) + len(result.excluded) == 23
    assert not set(ids(result)) & set(excluded(result))


def test_table_has_headings_in_the_chosen_language():
    assert "poäng" in match(profile()).table()[0]
    assert "score" in match(profile(), lang="en").table()[0]


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, column, sv, en",
    [
        ({"legal_form": "handelsbolag"}, "legal_form",
         "”handelsbolag” är ingen juridisk form som kitet känner till. Välj bland: ideell förening",
         "“handelsbolag” is not a legal form the kit knows. Choose from: ideell förening"),
        ({"amount_sek": -5000}, "amount_sek", "får inte vara negativt", "must not be negative"),
        ({"amount_sek": 0}, "amount_sek", "större än noll", "greater than zero"),
        ({"age_years": "tre år"}, "age_years", "”tre år” är inte ett tal", "is not a number"),
        ({"employees": 2.5}, "employees", "inte ett heltal", "not a whole number"),
        ({"turnover_sek": -1}, "turnover_sek", "negativt", "negative"),
        ({"purpose": "semester"}, "purpose",
         "”semester” är inget syfte som kitet känner till. Välj bland: investering",
         "“semester” is not a purpose the kit knows"),
        ({"region": "Atlantis"}, "region",
         "”Atlantis” är inget län som kitet känner till. Välj bland: Stockholms län",
         "“Atlantis” is not a county the kit knows"),
        ({"legal_form": None}, "legal_form", "juridisk form", "legal form"),
    ],
)  # fmt: skip
def test_bad_input_gives_a_clear_message_in_swedish_and_english(change, column, sv, en):
    with pytest.raises(SparkInputError) as caught:
        profile(**change)
    assert caught.value.problems[0].column == column
    assert sv in caught.value.message("sv")
    assert f"kolumnen ”{column}”" in caught.value.message("sv")
    assert en in caught.value.message("en")


def test_unknown_legal_form_lists_all_accepted_forms():
    with pytest.raises(SparkInputError) as caught:
        profile(legal_form="enskild firma")
    text = caught.value.message("sv")
    for name in ("ideell förening", "ekonomisk förening", "aktiebolag", "stiftelse",
                 "särskild vinstutdelningsbegränsning"):  # fmt: skip
        assert name in text


def test_every_problem_is_reported_at_once():
    with pytest.raises(SparkInputError) as caught:
        profile(legal_form="xyz", age_years="gammal", amount_sek=-1, region="Mars")
    columns = {p.column for p in caught.value.problems}
    assert columns == {"legal_form", "age_years", "amount_sek", "region"}
    assert caught.value.message("sv").startswith("4 problem hittades")


def test_numbers_as_text_are_accepted():
    entered = profile(age_years="7 år", turnover_sek="6 000 000", amount_sek="300\u00a0000 kr")
    assert (entered.age_years, entered.turnover_sek, entered.amount_sek) == (7, 6e6, 3e5)


def test_match_needs_an_enterprise():
    with pytest.raises(SparkInputError, match="Enterprise"):
        match({"legal_form": "ideell förening"})
