"""The socioeconomic ledger (socioekonomiskt bokslut): per-actor and society-wide nets,
transfers that cancel for society, probability weighting, discounting and payback.

Worked examples come from the published Swedish figures in
/work/shared/reference/impact-methods.md §5.2, as stored (with their sources) in
data/reference/socioekonomi_schabloner.csv:

- Jönköping: Ingvar Nilsson/OFUS, "Socioekonomisk investeringskalkyl kring en vidgad
  arbetsmarknad i Jönköpings län" (Regionförbundet i Jönköpings län, ESF "Arbete åt alla"),
  http://docplayer.se/3053442-...;
- Värmdö: Mitt i, "Dyrt när invånare hamnar utanför",
  https://mitti.se/nyheter/dyrt-nar-invanare-hamnar-utanfor/?omrade=varmdo;
- Beatebergs Hunddagis: SKOOPI, "Socioekonomiska bokslut",
  http://www.skoopi.coop/socioekonomiska-bokslut/;
- yearly amounts: Socialstyrelsen, riksnormen 2019; Försäkringskassan, Aktuella belopp 2022.
"""

from __future__ import annotations

import copy
import math
import random

import pytest
import yaml

from spark_kit.errors import SparkInputError
from spark_kit.i18n import format_money
from spark_kit.impact.ledger import (
    ACTORS,
    Actor,
    Ledger,
    ParticipantGroup,
    RealCost,
    Scenario,
    Transfer,
    actor_costs_table,
    beateberg_example,
    items_table,
    jonkoping_example,
    ledger_from_dict,
    load_ledger,
    load_ledger_example,
    parse_actor,
    payback_time,
    result_table,
)
from spark_kit.impact.ledger_data import (
    COLUMNS,
    default_figures,
    figure,
    published_figures,
    ratio,
    read_reference_table,
    reference_table,
)
from spark_kit.paths import EXAMPLES_DIR
from spark_kit.viz.ledger_charts import draw_actor_net, draw_cumulative

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


@pytest.fixture(scope="module")
def myrbacka() -> Ledger:
    return load_ledger_example()


def value(figure_id: str) -> float:
    return figure(figure_id).value


def one_group_ledger(**group_fields) -> Ledger:
    fields = {"name": "Grupp", "participants": 1, **group_fields}
    horizon = fields.pop("horizon_years", 1)
    rate = fields.pop("discount_rate", 0.0)
    first = fields.pop("discount_first_year", True)
    return Ledger(
        horizon_years=horizon,
        discount_rate=rate,
        discount_first_year=first,
        groups=[ParticipantGroup(**fields)],
    )


# --- the reference table ------------------------------------------------------------------


def test_every_row_names_its_source_publisher_and_address():
    table = reference_table()
    assert len(table) >= 30
    for row in table.values():
        assert row.source and row.publisher and row.address.startswith("http"), row.id


def test_defaults_are_yearly_dated_transfers_with_payer_and_receiver():
    defaults = default_figures()
    assert "riksnorm_2019_ensamstaende_ar" in defaults
    for row in defaults.values():
        assert row.unit == "kr/år"
        assert row.as_of and row.year
        assert row.kind == "financial"
        assert parse_actor(row.actor) in ACTORS and parse_actor(row.receiver) in ACTORS


def test_riksnorm_2019_yearly_amount_is_twelve_months_of_the_two_parts():
    # Socialstyrelsen, Riksnormen för 2019: ensamstående 3 090 kr + hushåll 1 person 990 kr.
    monthly = value("riksnorm_2019_personliga_ensamstaende") + value(
        "riksnorm_2019_gemensamma_1_person"
    )
    assert monthly == 4080
    assert value("riksnorm_2019_ensamstaende_ar") == 12 * monthly == 48_960


@pytest.mark.parametrize(
    ("key", "factor", "yearly"),
    [
        ("under_21", 2.48, 119_784),
        ("21_23", 2.53, 122_199),
        ("23_25", 2.58, 124_614),
        ("25_27", 2.63, 127_029),
        ("27_29", 2.68, 129_444),
        ("29_30", 2.73, 131_859),
        ("fran_30", 2.78, 134_274),
    ],
)
def test_garantiersattning_2022_is_its_factor_times_the_prisbasbelopp(key, factor, yearly):
    # Försäkringskassan, Aktuella belopp 2022: garantinivå in prisbasbelopp (PBB 2022 48 300 kr).
    assert value(f"fk_2022_garantiersattning_{key}") == yearly
    assert round(factor * value("pbb_2022")) == yearly


def test_a_broken_reference_table_is_refused_with_row_and_column(tmp_path):
    path = tmp_path / "t.csv"
    header = ",".join(COLUMNS)
    path.write_text(
        header + "\n"
        "a,defaults,x,mycket,kr/år,kommun,individen,financial,s,p,2020,http://x,2020-01-01,\n"
        "b,defaults,x,12,kr/månad,kommun,individen,financial,s,p,2020,http://x,,\n"
        "b,published_figures,x,1,kr,,,,,p,,http://x,,\n",
        encoding="utf-8",
    )
    with pytest.raises(SparkInputError) as caught:
        read_reference_table(path)
    sv = caught.value.message("sv")
    assert "rad 2" in sv and "”mycket” är inte ett tal" in sv
    assert "årsbelopp" in sv and "rad 3" in sv
    assert "rad 4" in sv and "”b” finns redan" in sv
    assert "kolumnen ”source”" in sv
    en = caught.value.message("en")
    assert "yearly amount" in en and "is not a number" in en


# --- published Swedish figures as worked examples -----------------------------------------


def test_jonkoping_per_person_figures():
    # Nilsson/OFUS, Jönköping: 160 participants, exclusion ≈ 70 MSEK/yr, project 9 MSEK/yr.
    people = value("jonkoping_deltagare")
    assert value("jonkoping_utanforskap") / people == 437_500
    assert value("jonkoping_projektkostnad") / people == 56_250


def test_jonkoping_first_year_gain_at_25_percent_success_is_8_5_msek():
    # Computable from the summary: 0.25 × 70 MSEK − 9 MSEK = 8.5 MSEK.
    result = jonkoping_example().evaluate()
    assert result.society_net[0] == pytest.approx(8_500_000)
    assert result.net[Actor.UNALLOCATED][0] == pytest.approx(8_500_000)


def test_jonkoping_summary_claim_of_more_than_12_msek_is_not_reproduced():
    # The summary says "en vinst på mer än 12 Mk[r]" after one year. Its own arithmetic is not
    # given; the simplest reading gives 8.5 MSEK (documented in README_socioekonomi.md). For
    # the claim to hold, each of the 40 who succeed would have to bring at least
    # (12 + 9) MSEK / 40 = 525 000 SEK in the first year, above the average 437 500 SEK.
    computed = jonkoping_example().evaluate().society_net[0]
    claimed = value("jonkoping_vinst_1ar")
    assert computed < claimed
    succeeding = value("jonkoping_deltagare") * value("jonkoping_framgang")
    assert succeeding == 40
    required = (claimed + value("jonkoping_projektkostnad")) / succeeding
    assert required == 525_000
    assert required > value("jonkoping_utanforskap") / value("jonkoping_deltagare")


def test_varmdo_cost_per_person_and_share_of_the_cohort():
    # Mitt i Värmdö: 75 of 585 six-year-olds; 1 181 250 000 SEK to age 65; > 400 MSEK kommunen.
    per_person = value("varmdo_kostnad_till_65") / value("varmdo_utanfor")
    assert per_person == 15_750_000 == ratio("varmdo_kostnad_till_65", "varmdo_utanfor")
    assert value("varmdo_utanfor") / value("varmdo_sexaringar") == pytest.approx(0.128, abs=5e-4)
    share = value("varmdo_kommunen") / value("varmdo_kostnad_till_65")
    assert share == pytest.approx(0.3386, abs=1e-4)  # "drygt 400 Mkr": at least about 34 %


def test_beatebergs_hunddagis_gain_of_52_000_a_year():
    # SKOOPI: external actors' cost 2 541 000 SEK/yr without the cooperative, 2 489 000 with.
    result = beateberg_example().evaluate()
    assert result.society_cost_without[0] == 2_541_000 == value("beateberg_utan")
    assert result.society_cost_with[0] == 2_489_000 == value("beateberg_med")
    assert result.society_net[0] == 52_000 == value("beateberg_vinst")


def test_jonkoping_per_person_amounts_in_the_ledger():
    group = jonkoping_example().groups[0]
    assert group.participants == 160
    assert group.exclusion.society_cost() == 437_500
    assert group.activity_cost[0].amount == 56_250
    assert "Regionförbundet i Jönköpings län" in group.exclusion.items[0].source
    per_person = jonkoping_example().evaluate(per_participant=True).society_net[0]
    assert per_person == pytest.approx(0.25 * 437_500 - 56_250) == 53_125


def test_skoopi_range_per_person_and_per_group():
    assert value("skoopi_per_person_min") == 175_000
    assert value("skoopi_per_person_max") == 460_000
    assert value("skoopi_grupp_min") < value("skoopi_grupp_max") == 4_100_000


def test_published_figures_are_not_offered_as_defaults():
    assert not set(published_figures()) & set(default_figures())


# --- transfers cancel for society, not per actor ------------------------------------------


def test_a_transfer_is_a_cost_for_the_payer_and_an_income_for_the_receiver():
    transfer = Transfer(label="Försörjningsstöd", payer="kommun", receiver="individen", amount=100)
    scenario = Scenario(items=[transfer])
    costs = scenario.cost_by_actor()
    assert costs[Actor.KOMMUN] == 100
    assert costs[Actor.INDIVIDEN] == -100
    assert sum(costs.values()) == 0
    assert scenario.society_cost() == 0


def test_ending_a_transfer_moves_money_between_actors_but_nothing_for_society():
    ledger = one_group_ledger(
        exclusion=Scenario(
            items=[Transfer(label="Stöd", payer="kommun", receiver="individen", amount=1000)]
        ),
        success_rate=1.0,
    )
    result = ledger.evaluate()
    assert result.net[Actor.KOMMUN] == (1000.0,)
    assert result.net[Actor.INDIVIDEN] == (-1000.0,)
    assert result.society_net == (0.0,)


def test_transfers_cancel_in_the_example(myrbacka):
    result = myrbacka.evaluate()
    assert result.transfers_cancel()
    for i in range(len(result.years)):
        assert sum(result.net[a][i] for a in Actor) == pytest.approx(result.society_net[i])


def random_items(rng: random.Random, count: int) -> list:
    items = []
    for n in range(count):
        amount = rng.randrange(0, 200_000)
        if rng.random() < 0.5:
            payer, receiver = rng.sample(list(ACTORS), 2)
            items.append(Transfer(label=f"T{n}", payer=payer, receiver=receiver, amount=amount))
        else:
            items.append(RealCost(label=f"R{n}", actor=rng.choice(list(Actor)), amount=amount))
    return items


@pytest.mark.parametrize("seed", range(20))
def test_transfers_cancel_for_any_ledger(seed):
    rng = random.Random(seed)
    ledger = one_group_ledger(
        participants=rng.randrange(1, 20),
        horizon_years=rng.randrange(1, 8),
        exclusion=Scenario(items=random_items(rng, 8)),
        activity=Scenario(items=random_items(rng, 8)),
        activity_cost=[RealCost(label="Insats", actor=rng.choice(ACTORS), amount=90_000)],
        success_rate=rng.random(),
        persistence=rng.random(),
        discount_rate=rng.choice([0.0, 0.035]),
    )
    result = ledger.evaluate()
    assert result.transfers_cancel()
    # Society is computed from the real costs alone, not as the sum of the actors.
    group = ledger.groups[0]
    real_gain = group.exclusion.society_cost() - group.activity.society_cost()
    q = group.probabilities(ledger.horizon_years)
    expected = [
        ledger.groups[0].participants * (q[i] * real_gain - (90_000 if i == 0 else 0)) * f
        for i, f in enumerate(ledger.discount_factors())
    ]
    assert list(result.society_net) == pytest.approx(expected)


# --- the fictional example: per actor and society, by hand ----------------------------------


def test_example_is_fictional_and_every_amount_is_sourced_or_marked(myrbacka):
    assert myrbacka.fictional
    assert "påhittat" in myrbacka.name
    text = (EXAMPLES_DIR / "myrbacka_bokslut.yaml").read_text(encoding="utf-8")
    assert text.startswith("# FICTIONAL")
    for group in myrbacka.groups:
        for item in [*group.exclusion.items, *group.activity.items, *group.activity_cost]:
            assert item.fictional or item.default_id or item.source, item.label


def test_example_amounts_from_the_reference_table(myrbacka):
    group = myrbacka.groups[0]
    riksnorm = group.exclusion.items[0]
    assert riksnorm.default_id == "riksnorm_2019_ensamstaende_ar"
    assert riksnorm.amount == 48_960
    assert "Socialstyrelsen (2019)" in riksnorm.source
    assert (riksnorm.payer, riksnorm.receiver) == (Actor.KOMMUN, Actor.INDIVIDEN)
    sick = myrbacka.groups[1].exclusion.items[0]
    assert sick.amount == 134_274 and "Försäkringskassan (2022)" in sick.source


def test_example_yearly_costs_per_actor_for_one_participant(myrbacka):
    group = myrbacka.groups[0]
    exclusion = group.exclusion.cost_by_actor()
    assert exclusion[Actor.KOMMUN] == 48_960 + 66_000 + 20_000 == 134_960
    assert exclusion[Actor.INDIVIDEN] == 220_000 - 48_960 - 66_000
    assert group.exclusion.society_cost() == 280_000
    assert group.activity.society_cost() == 120_000
    gains = group.gain_if_success()
    assert gains[Actor.KOMMUN] == 177_960
    assert gains[Actor.ARBETSFORMEDLINGEN] == -105_000  # lönebidrag: a cost for AF
    assert sum(gains.values()) == 160_000 == 280_000 - 120_000


def test_example_results_year_by_year(myrbacka):
    result = myrbacka.evaluate()
    # Kommunen, year 1: 12 × (0.4 × 177 960 − 45 000) + 8 × (0.4 × 20 000 − 45 000).
    assert result.net[Actor.KOMMUN][0] == pytest.approx(18_208)
    assert result.net[Actor.KOMMUN][1] == pytest.approx(12 * 0.32 * 177_960 + 8 * 0.36 * 20_000)
    # Society: real gains 160 000 and 82 000 per success; the activity's real cost 75 000.
    assert result.society_net[0] == pytest.approx(12 * (64_000 - 75_000) + 8 * (32_800 - 75_000))
    kommun_q = [0.4 * 0.8**k for k in range(5)], [0.4 * 0.9**k for k in range(5)]
    expected = 12 * 177_960 * sum(kommun_q[0]) + 8 * 20_000 * sum(kommun_q[1]) - 900_000
    assert result.total(Actor.KOMMUN) == pytest.approx(expected)
    assert result.payer is Actor.KOMMUN


def test_example_activity_cost_matches_the_value_map_inputs(myrbacka):
    # myrbacka_arbetskooperativ.yaml: 900 000 (kommunen) + 200 000 (regionen) + 400 000
    # (members' time and premises) in year 1, for 20 participants.
    result = myrbacka.evaluate()
    assert result.activity_cost[Actor.KOMMUN][0] == pytest.approx(900_000)
    assert result.activity_cost[Actor.REGION][0] == pytest.approx(200_000)
    assert result.activity_cost[Actor.UNALLOCATED][0] == pytest.approx(400_000)
    assert sum(result.activity_cost[a][1] for a in Actor) == 0


def test_per_participant_results_are_the_totals_divided_by_the_participants(myrbacka):
    total, average = myrbacka.evaluate(), myrbacka.evaluate(per_participant=True)
    assert myrbacka.participants == 20
    for actor in Actor:
        assert list(average.net[actor]) == pytest.approx([v / 20 for v in total.net[actor]])


# --- probability: how it weights the yearly gain -------------------------------------------


def test_probability_is_success_rate_times_persistence_to_the_power_of_years_after_the_first():
    group = ParticipantGroup(name="G", success_rate=0.5, persistence=0.8)
    assert group.probabilities(4) == pytest.approx([0.5, 0.4, 0.32, 0.256])


def test_a_list_of_probabilities_overrides_success_rate_and_persistence():
    ledger = one_group_ledger(horizon_years=3, success_rate=0.9, effect_probability=[0.3, 0.2, 0.1])
    assert ledger.evaluate().probabilities["Grupp"] == (0.3, 0.2, 0.1)


def test_probability_weights_the_gain_but_not_the_activity_cost():
    ledger = one_group_ledger(
        horizon_years=3,
        exclusion=Scenario(items=[RealCost(label="Vård", actor="region", amount=100_000)]),
        activity=Scenario(items=[RealCost(label="Vård", actor="region", amount=20_000)]),
        activity_cost=[RealCost(label="Insats", actor="region", amount=30_000)],
        activity_years=2,
        success_rate=0.5,
        persistence=0.5,
    )
    result = ledger.evaluate()
    # net_t = q_t × (100 000 − 20 000) − cost_t with q = 0.5, 0.25, 0.125.
    assert result.net[Actor.REGION] == pytest.approx((10_000, -10_000, 10_000))
    assert result.cost_with[Actor.REGION][0] == pytest.approx(0.5 * 20_000 + 0.5 * 100_000 + 30_000)


# --- discounting -----------------------------------------------------------------------------


def test_no_discounting_by_default():
    ledger = one_group_ledger(horizon_years=3)
    assert ledger.discount_rate == 0
    assert ledger.discount_factors() == [1.0, 1.0, 1.0]


@pytest.mark.parametrize(("first_year", "exponents"), [(True, [1, 2]), (False, [0, 1])])
def test_discounting_first_year_or_not(first_year, exponents):
    ledger = one_group_ledger(
        horizon_years=2,
        discount_rate=0.035,
        discount_first_year=first_year,
        exclusion=Scenario(items=[RealCost(label="Vård", actor="region", amount=1000)]),
    )
    result = ledger.evaluate()
    assert list(result.net[Actor.REGION]) == pytest.approx([1000 / 1.035**e for e in exponents])
    assert list(result.society_net) == pytest.approx([1000 / 1.035**e for e in exponents])


# --- payback ---------------------------------------------------------------------------------


def test_payback_of_the_example_for_the_paying_municipality(myrbacka):
    result = myrbacka.evaluate()
    # The municipality pays 900 000 at the start of year 1 and gains, on average over the
    # year, 12 × 0.4 × 177 960 + 8 × 0.4 × 20 000 = 918 208: back at zero after 0.98 years.
    gains_year_1 = 12 * 0.4 * 177_960 + 8 * 0.4 * 20_000
    assert result.payback() == pytest.approx(900_000 / gains_year_1)
    assert result.payback(Actor.KOMMUN, within_year="whole") == 1
    # Society gets its money back later: the municipality's gain is partly transfers.
    society = result.cumulative(None)
    assert society[0] < 0 <= society[1]
    assert result.society_payback() == pytest.approx(1 + (-society[0]) / result.society_net[1])
    assert result.society_payback("whole") == 2


@pytest.mark.parametrize(
    ("gains", "costs", "linear", "whole"),
    [
        ([60, 60, 60], [100, 0, 0], 100 / 60, 2),
        ([100, 0], [100, 0], 1.0, 1),
        ([50, 50], [0, 0], 0.0, 0),
        ([10, 10], [100, 0], None, None),
        ([80, 80, -100], [100, 0, 0], None, None),
        ([80, 80, 10], [100, 50, 0], 1.875, 2),
    ],
)
def test_payback_time_conventions(gains, costs, linear, whole):
    got = payback_time(gains, costs)
    assert got == (None if linear is None else pytest.approx(linear))
    assert payback_time(gains, costs, "whole") == whole


def test_payback_is_none_when_the_payer_never_gains_within_the_horizon():
    ledger = one_group_ledger(
        horizon_years=3,
        exclusion=Scenario(items=[RealCost(label="Vård", actor="region", amount=100_000)]),
        activity_cost=[RealCost(label="Insats", actor="kommun", amount=50_000)],
    )
    result = ledger.evaluate()
    assert result.payer is Actor.KOMMUN
    assert result.payback() is None
    assert result.society_payback() == pytest.approx(0.5)


def test_payback_convention_name_is_checked():
    with pytest.raises(ValueError, match="linear"):
        payback_time([1], [0], "monthly")


# --- overrides -------------------------------------------------------------------------------


def test_every_figure_can_be_overridden(myrbacka):
    changed = myrbacka.with_amount(
        "Försörjningsstöd enligt riksnormen (ensamstående, 2019)", 60_000, section="exclusion"
    )
    item = changed.groups[0].exclusion.items[0]
    assert item.amount == 60_000 and item.default_id == "riksnorm_2019_ensamstaende_ar"
    assert changed.groups[0].gain_if_success()[Actor.KOMMUN] == 177_960 + 60_000 - 48_960
    assert myrbacka.groups[0].exclusion.items[0].amount == 48_960  # the original is unchanged
    longer = myrbacka.with_changes(horizon_years=10, discount_rate=0.035)
    assert len(longer.evaluate().years) == 10
    better = myrbacka.with_group_changes("Sjukersättning", success_rate=0.8)
    assert better.evaluate().probabilities["Sjukersättning"][0] == 0.8


def test_an_amount_given_with_a_default_id_overrides_the_table():
    item = RealCost(label="x", actor="kommun", amount=5, default_id=None)
    assert item.amount == 5
    transfer = Transfer.model_validate({"default_id": "riksnorm_2019_ensamstaende_ar", "amount": 1})
    assert transfer.amount == 1 and transfer.payer is Actor.KOMMUN


@pytest.mark.parametrize(
    ("call", "sv", "en"),
    [
        (
            lambda L: L.with_group_changes("Okänd", success_rate=0.1),
            "Gruppen ”Okänd” finns inte",
            "There is no group “Okänd”",
        ),
        (
            lambda L: L.with_amount("Okänd post", 1),
            "ingen post som heter ”Okänd post”",
            "no item called “Okänd post”",
        ),
        (
            lambda L: L.evaluate().payback("kyrkan"),
            "”kyrkan” är ingen aktör",
            "“kyrkan” is not an actor",
        ),
    ],
)
def test_unknown_names_are_refused_in_swedish_and_english(myrbacka, call, sv, en):
    with pytest.raises(SparkInputError) as caught:
        call(myrbacka)
    assert sv in caught.value.message("sv")
    assert en in caught.value.message("en")


# --- bad input -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data() -> dict:
    return yaml.safe_load((EXAMPLES_DIR / "myrbacka_bokslut.yaml").read_text(encoding="utf-8"))


def set_item(group: int, section: str, index: int, **fields):
    def change(d):
        items = d["groups"][group][section]
        items = items["items"] if isinstance(items, dict) else items
        items[index].update(fields)

    return change


BAD_INPUT = [
    (
        set_item(0, "exclusion", 1, amount=-5),
        "rad 2, kolumnen ”belopp”: ”-5” får inte vara negativt",
        "row 2, column “amount”: “-5” must not be negative",
    ),
    (
        set_item(0, "exclusion", 1, amount="mycket"),
        "”mycket” är inte ett tal",
        "“mycket” is not a number",
    ),
    (
        set_item(0, "exclusion", 1, receiver="kommun"),
        "betalaren och mottagaren samma (”Kommunen”)",
        "the payer and the receiver are the same (“Municipality”)",
    ),
    (
        set_item(0, "exclusion", 2, actor="kyrkan"),
        "kolumnen ”aktör”: ”kyrkan” är inget giltigt värde; välj bland kommun, region",
        "column “actor”: “kyrkan” is not a valid value; choose from kommun, region",
    ),
    (
        set_item(1, "exclusion", 0, default_id="okänd"),
        "Schablonen ”okänd” finns inte",
        "The default “okänd” is not among the defaults",
    ),
    (
        set_item(1, "exclusion", 0, kind="bidrag"),
        "kolumnen ”slag”: ”bidrag” är inget giltigt värde; välj bland real, financial",
        "column “kind”: “bidrag” is not a valid value; choose from real, financial",
    ),
    (
        set_item(1, "activity_cost", 0, amount=None),
        "insatsens kostnad (Sjukersättning)”, rad 1, kolumnen ”belopp”: Värde saknas",
        "cost of the activity (Sjukersättning)”, row 1, column “amount”: A value is required",
    ),
    (
        set_item(1, "activity", 0, payer="ofördelat"),
        "”ofördelat” kan bara bära reala kostnader",
        "“unallocated” can only bear real costs",
    ),
    (
        lambda d: d["groups"][0].update(success_rate=25),
        "kolumnen ”andel som lyckas”: ”25” är ingen sannolikhet",
        "column “success rate”: “25” is not a probability",
    ),
    (
        lambda d: d["groups"][0].update(effect_probability=[0.5, 0.4]),
        "har 2 sannolikheter men bokslutet gäller 5 år",
        "has 2 probabilities but the ledger covers 5 years",
    ),
    (
        lambda d: d["groups"][0].update(effect_probability=[0.5, 0.4, 2, 0.1, 0.1]),
        "kolumnen ”sannolikhet år 3”: ”2” är ingen sannolikhet",
        "column “probability in year 3”: “2” is not a probability",
    ),
    (
        lambda d: d.update(discount_rate=-0.1),
        "kolumnen ”diskonteringsränta”: ”-0.1” får inte vara negativt",
        "column “discount rate”: “-0.1” must not be negative",
    ),
    (
        lambda d: d.update(horizon_years=0),
        "kolumnen ”antal år”: ”0” ligger utanför det tillåtna",
        "column “number of years”: “0” is outside the allowed range",
    ),
    (
        lambda d: d["groups"][1].update(colour="röd"),
        "Okänt fält ”colour”",
        "Unknown field “colour”",
    ),
    (
        lambda d: d.update(groups=[]),
        "Bokslutet behöver minst en grupp",
        "The ledger needs at least one group",
    ),
    (
        lambda d: d["groups"][1].update(name=d["groups"][0]["name"]),
        "finns två gånger",
        "appears twice",
    ),
]


@pytest.mark.parametrize(("change", "sv", "en"), BAD_INPUT)
def test_bad_input_is_refused_with_a_located_message_in_swedish_and_english(data, change, sv, en):
    broken = copy.deepcopy(data)
    change(broken)
    with pytest.raises(SparkInputError) as in_sv:
        ledger_from_dict(broken, "sv")
    assert sv in in_sv.value.message("sv")
    with pytest.raises(SparkInputError) as in_en:
        ledger_from_dict(broken, "en")
    assert en in in_en.value.message("en")


def test_every_problem_is_reported_at_once(data):
    broken = copy.deepcopy(data)
    set_item(0, "exclusion", 1, amount=-5)(broken)
    set_item(0, "activity", 0, actor="kyrkan")(broken)
    with pytest.raises(SparkInputError) as caught:
        ledger_from_dict(broken)
    assert len(caught.value.problems) == 2
    assert caught.value.message("sv").startswith("2 problem hittades")


def test_missing_file_and_non_mapping(tmp_path):
    with pytest.raises(SparkInputError, match="does not exist"):
        load_ledger(tmp_path / "finns_inte.yaml")
    with pytest.raises(SparkInputError) as caught:
        ledger_from_dict(["inte", "en", "ordbok"])  # type: ignore[arg-type]
    assert "inte en list" in caught.value.message("sv")


@pytest.mark.parametrize(
    ("given", "actor"),
    [
        ("Kommunen", Actor.KOMMUN),
        ("arbetsformedlingen", Actor.ARBETSFORMEDLINGEN),
        ("AF", Actor.ARBETSFORMEDLINGEN),
        ("Försäkringskassan", Actor.FORSAKRINGSKASSAN),
        ("landstinget", Actor.REGION),
        ("individual", Actor.INDIVIDEN),
    ],
)
def test_actor_names_in_swedish_english_and_short_forms(given, actor):
    assert parse_actor(given) is actor


def test_kind_may_be_written_in_swedish_or_left_out():
    scenario = Scenario.model_validate(
        {
            "items": [
                {"label": "Stöd", "payer": "kommun", "receiver": "individen", "amount": 1},
                {"label": "Vård", "actor": "region", "amount": 2},
                {
                    "kind": "finansiell",
                    "label": "Skatt",
                    "payer": "individen",
                    "receiver": "kommun",
                    "amount": 3,
                },
            ]
        }
    )
    assert [type(i).__name__ for i in scenario.items] == ["Transfer", "RealCost", "Transfer"]


# --- tables and charts -----------------------------------------------------------------------


def test_tables_label_actors_and_society(myrbacka):
    costs = actor_costs_table(myrbacka.groups[0], "sv")
    assert costs.loc["Kommunen", "Utanförskap"] == 134_960
    assert costs.loc["Samhället", "Vinst om insatsen lyckas"] == 160_000
    table = result_table(myrbacka.evaluate(), "en")
    assert list(table.columns) == ["Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Total"]
    assert table.loc["Society", "Total"] == pytest.approx(myrbacka.evaluate().total())
    cumulative = result_table(myrbacka.evaluate(), "sv", cumulative=True)
    assert cumulative.loc["Kommunen", "År 5"] == pytest.approx(myrbacka.evaluate().total("kommun"))
    assert cumulative.loc["Ej fördelat på aktör", "År 1"] == pytest.approx(-400_000)
    items = items_table(myrbacka.groups[0].exclusion, "sv")
    assert items["Källa"].tolist()[1] == "Påhittat antagande för undervisning"
    assert items["Tas emot av"].tolist()[0] == "Individen"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_actor_chart_has_one_bar_per_actor_and_society_and_says_every_value(myrbacka, lang):
    result = myrbacka.evaluate()
    chart = draw_actor_net(result, lang, fictional=True)
    ax = chart.figure.axes[0]
    assert len(ax.patches) == len(result.actors()) + 1
    for actor in result.actors():
        assert actor.label(lang) in chart.alt_text
        assert format_money(round(result.total(actor)), lang, decimals=0) in chart.alt_text
    assert ("påhittat exempel" if lang == "sv" else "fictional example") in chart.title
    tick = ax.xaxis.get_major_formatter()(200_000, 0)
    assert tick == (f"200{NBSP}000{NBSP}kr" if lang == "sv" else f"200,000{NBSP}SEK")


def test_cumulative_chart_draws_each_actor_and_society_and_describes_each_year(myrbacka):
    result = myrbacka.evaluate()
    chart = draw_cumulative(result, "sv")
    assert len(chart.figure.axes[0].get_lines()) == len(result.actors()) + 2  # + zero line
    assert "Samhället" in chart.alt_text and "år 5" in chart.alt_text
    assert (
        format_money(round(result.cumulative(Actor.KOMMUN)[2]), "sv", decimals=0) in chart.alt_text
    )
    assert chart.to_bytes("png")[:4] == b"\x89PNG"
    assert not math.isnan(result.total())
