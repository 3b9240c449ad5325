"""The financing-source catalogue (data/reference/finansieringskallor.yaml): every fact has a
source, publisher, address and as_of date; unverified facts are flagged and shown as such;
a catalogue with an unsourced fact is refused with a clear message.

Figures checked against /work/shared/reference/financing.md §1.1 (summary table) and §1.2
(de minimis: EUR 300,000 per rolling three years from 1 January 2024, EUR 750,000 for SGEI;
Upphandlingsmyndigheten 2024-01-17).
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from spark_kit.errors import SparkInputError
from spark_kit.finance.sources import (
    CATALOGUE_FILE,
    COUNTIES,
    LEGAL_FORMS,
    Fact,
    load_catalogue,
    read_catalogue,
)


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


CATALOGUE = load_catalogue()
ALL_FACTS = CATALOGUE.all_facts()


@pytest.mark.parametrize("fact", ALL_FACTS, ids=[f.id for f in ALL_FACTS])
def test_every_fact_has_a_source_and_an_as_of_date(fact: Fact):
    assert fact.source.strip() and fact.publisher.strip() and fact.address.strip()
    assert fact.address.startswith("https://")
    assert isinstance(fact.as_of, dt.date)
    assert fact.as_of <= dt.date(2026, 11, 27)
    assert fact.as_of_basis in ("source", "compiled", "checked")
    assert isinstance(fact.verified, bool)
    assert fact.sv.strip() and fact.en.strip()
    if fact.as_of_basis == "checked":
        assert "2026-11-27" in fact.checked
    assert fact.publisher in fact.citation() and fact.address in fact.citation()


def test_fact_ids_are_unique():
    ids = [f.id for f in ALL_FACTS]
    assert len(ids) == len(set(ids))


def test_counts():
    counts = CATALOGUE.counts()
    assert counts == {"sources": 23, "facts": 63, "verified": 60, "unverified": 3}


def test_unverified_facts_are_the_ones_the_reference_leaves_open():
    unverified = {f.id for f in ALL_FACTS if not f.verified}
    # förlagsinsats: "pre-2018 law; check against EFL 2018:672"; JAK: "(source; date unknown)";
    # ESF+ co-financing for civil society: §7 open question.
    assert unverified == {"mk_forlagsinsats", "jak_rates", "esf_cofinancing_open"}


@pytest.mark.parametrize("lang, marker", [("sv", "(ej verifierad)"), ("en", "(unverified)")])
def test_unverified_facts_are_always_shown_as_unverified(lang, marker):
    for fact in ALL_FACTS:
        shown = fact.display(lang)
        assert shown.endswith(marker) != fact.verified
        assert shown.startswith(fact.text(lang))


def test_the_catalogue_covers_the_kinds_of_source_in_the_issue():
    types = {s.type for s in CATALOGUE.sources}
    assert {
        "grant", "member_capital", "ethical_bank_loan", "guarantee", "almi_loan",
        "crowdfunding", "outcome_contract", "iop", "reserved_procurement", "eu_instrument",
    } <= types  # fmt: skip


def test_every_source_has_facts_and_known_ids():
    for source in CATALOGUE.sources:
        assert source.facts
        assert set(source.open_forms + source.conditional_forms + source.closed_forms) <= set(
            LEGAL_FORMS
        )
        assert not set(source.open_forms) & set(source.closed_forms)
        assert set(source.regions or ()) <= set(COUNTIES)
        assert CATALOGUE.label("types", source.type, "sv")


def test_almi_is_closed_to_ideella_foreningar_with_almis_own_page():
    # financing.md §0 and §1.1: "No loans to ideella föreningar or private persons"
    almi = CATALOGUE.source("almi")
    assert almi.form_status("ideell_forening") == "closed"
    assert almi.form_status("ekonomisk_forening") == "open"
    fact = almi.fact(almi.forms_fact)
    assert fact.verified and fact.address == "https://www.almi.se/faq/lan/"
    assert "ideella föreningar" in fact.sv
    assert almi.max_employees.value == 250


def test_reference_figures_in_the_catalogue():
    # financing.md §1.1
    assert CATALOGUE.source("postkodstiftelsen").min_amount_sek == 500_000
    assert CATALOGUE.source("postkodstiftelsen").open_forms == ("ideell_forening", "stiftelse")
    assert CATALOGUE.source("arvsfonden_lokalstod").max_amount_sek == 6_000_000
    assert CATALOGUE.source("arvsfonden_lokalstod").min_age_years.value == 2
    checks = CATALOGUE.source("tillvaxtverket_checkar")
    assert (checks.min_age_years.value, checks.min_employees.value) == (1, 1)
    assert checks.min_turnover_sek.value == 400_000
    assert "90 %" in CATALOGUE.source("mikrofonden").fact("mf_guarantee").sv
    assert "30 %" in CATALOGUE.source("reserverad_upphandling").fact("rp_share").sv
    assert CATALOGUE.source("crowdculture").regions == ("gavleborg", "kronoberg")


def test_de_minimis_rule_as_the_reference_states_it():
    rule = CATALOGUE.de_minimis
    assert rule.ceiling_eur == 300_000 and rule.ceiling.unit == "EUR"
    assert rule.sgei_ceiling_eur == 750_000
    assert rule.period_years == 3
    assert rule.ceiling.as_of == dt.date(2024, 1, 1)
    assert "upphandlingsmyndigheten.se/nyheter/2024" in rule.ceiling.address
    assert "2023/2831" in rule.period.source
    assert "kurs" in rule.currency_note("sv") and "rate" in rule.currency_note("en")


def test_public_money_rules_cite_finansinspektionen_and_eur_lex():
    publishers = {f.publisher for f in CATALOGUE.public_money_rules}
    assert "Finansinspektionen" in publishers
    assert any("EUR-Lex" in p for p in publishers)
    deposit = next(f for f in CATALOGUE.public_money_rules if f.id == "pm_deposit_law")
    assert "2004:299" in deposit.sv and deposit.as_of == dt.date(2021, 1, 1)


# --- a bad catalogue is refused, naming each problem --------------------------------------


def _write(tmp_path, change):
    raw = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "katalog.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_the_real_file_reads():
    assert read_catalogue(CATALOGUE_FILE).counts()["sources"] == 23


@pytest.mark.parametrize("field", ["source", "publisher", "address", "as_of"])
def test_a_fact_without_source_or_as_of_is_refused(tmp_path, field):
    def change(raw):
        del raw["sources"][0]["facts"][1][field]

    with pytest.raises(SparkInputError) as caught:
        read_catalogue(_write(tmp_path, change))
    assert f"sources[0].facts[1].{field}" in caught.value.message("sv")
    assert "Värde saknas" in caught.value.message("sv")
    assert "A value is required" in caught.value.message("en")


def test_a_de_minimis_fact_without_as_of_is_refused(tmp_path):
    path = _write(tmp_path, lambda raw: raw["de_minimis"]["ceiling"].pop("as_of"))
    with pytest.raises(SparkInputError, match=r"de_minimis\.ceiling\.as_of"):
        read_catalogue(path)


def test_a_bad_date_and_a_missing_verified_flag_are_refused(tmp_path):
    def change(raw):
        raw["sources"][0]["facts"][0]["as_of"] = "igår"
        del raw["sources"][0]["facts"][0]["verified"]

    with pytest.raises(SparkInputError) as caught:
        read_catalogue(_write(tmp_path, change))
    text = caught.value.message("sv")
    assert "”igår” är inget datum" in text and "verified" in text


def test_a_checked_fact_must_say_what_was_checked(tmp_path):
    def change(raw):
        almi = next(s for s in raw["sources"] if s["id"] == "almi")
        del almi["facts"][0]["checked"]

    with pytest.raises(SparkInputError, match="checked"):
        read_catalogue(_write(tmp_path, change))


def test_a_rule_must_point_at_an_existing_fact(tmp_path):
    def change(raw):
        almi = next(s for s in raw["sources"] if s["id"] == "almi")
        almi["legal_forms"]["fact"] = "no_such_fact"

    with pytest.raises(SparkInputError) as caught:
        read_catalogue(_write(tmp_path, change))
    assert "no_such_fact" in caught.value.message("en")


def test_an_unknown_legal_form_in_the_catalogue_is_refused(tmp_path):
    def change(raw):
        raw["sources"][0]["legal_forms"]["open"].append("handelsbolag")

    with pytest.raises(SparkInputError) as caught:
        read_catalogue(_write(tmp_path, change))
    assert "handelsbolag" in caught.value.message("sv")
    assert "ideell_forening" in caught.value.message("sv")


def test_duplicate_fact_ids_are_refused(tmp_path):
    def change(raw):
        raw["sources"][1]["facts"][0]["id"] = raw["sources"][0]["facts"][0]["id"]

    with pytest.raises(SparkInputError, match="already used"):
        read_catalogue(_write(tmp_path, change))


def test_as_of_basis_is_explained_in_both_languages():
    almi = CATALOGUE.source("almi").fact("almi_no_ideella")
    assert "kontrollerades" in almi.as_of_label("sv")
    assert "checked" in almi.as_of_label("en")
