"""Generate the SYNTHETIC SPARK cohort: 100 assessment workbooks of made-up enterprises.

SYNTHETIC DATA. Every enterprise, number and text written by this script is made up by a
seeded random generator for the program view (``spark_kit.cohort``): to show and test how a
program's figures are computed from a folder of workbooks. The municipality names are real
place names, chosen by the SPARK kit team; nothing else about the municipalities is claimed.
Every profile says ``fictional: true`` and its name and description say SYNTETISKT.

Run from the repository root::

    .venv/bin/python data/cohort/generate.py                 # data/cohort/workbooks/
    .venv/bin/python data/cohort/generate.py --out /tmp/x    # somewhere else

The same seed gives the same workbooks, byte for byte: each workbook is built as a
:class:`spark_kit.assessment.Assessment`, written with
:func:`spark_kit.assessment.write_workbook`, and then its timestamps (the workbook
properties' created/modified and the zip entries' dates) are set to a fixed date. Parts the
workbook format does not (yet) store are left out of the file by ``write_workbook`` and
appear when the script is run again after the format stores them.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from spark_kit.assessment import Assessment, Profile, write_workbook
from spark_kit.assessment_parts import FollowUp, Measurement, ReadinessAnswers
from spark_kit.finance.cashflow import CashFlowBudget, CashFlowLine
from spark_kit.finance.readiness import load_question_set
from spark_kit.impact.logic_model import Element, Indicator, Link, LogicModel, Stakeholder
from spark_kit.impact.sroi.calculate import calculate_sroi
from spark_kit.impact.sroi.model import Input, OutcomeRow, ValueMap

SEED = 2026
COUNT = 100
YEAR = 2026  # the year of the assessments and the last measured year
TARGET_YEAR = 2027
FIXED_TIME = "2026-11-27T00:00:00Z"  # the workbooks' created/modified date (not a fact)
ZIP_TIME = (2026, 11, 27, 0, 0, 0)
OUT_DIR = Path(__file__).resolve().parent / "workbooks"
MARK = "SYNTETISKT"
DESCRIPTION = (
    "SYNTETISKT: påhittat företag i SPARK-kitets syntetiska kohort (data/cohort/generate.py, "
    "frö {seed}). Beskriver ingen verklig organisation; kommunnamnet är ett verkligt ortnamn, "
    "allt annat är påhittat. Verksamhet: {what}."
)
PROXY_SOURCE = "SYNTETISKT värde (påhittat av generate.py, ingen verklig källa)"

#: Real municipality names (place names only: no classification of them is claimed).
MUNICIPALITIES = (
    "Arjeplog", "Arvidsjaur", "Jokkmokk", "Pajala", "Övertorneå", "Överkalix", "Sorsele",
    "Storuman", "Vilhelmina", "Dorotea", "Åsele", "Malå", "Lycksele", "Bjurholm", "Strömsund",
    "Ragunda", "Berg", "Härjedalen", "Bräcke", "Sollefteå", "Ånge", "Ljusdal", "Älvdalen",
    "Torsby",
)  # fmt: skip

#: Legal forms and their weights in the draw (made up).
LEGAL_FORMS = (
    ("ekonomisk förening", 40),
    ("ideell förening", 30),
    ("aktiebolag med särskild vinstutdelningsbegränsning (SVB)", 10),
    ("aktiebolag", 8),
    ("stiftelse", 7),
    ("kooperativ hyresrättsförening", 5),
)


@dataclass(frozen=True)
class Measure:
    """An element with its indicator: text, indicator name, unit, baseline range."""

    text: str
    indicator: str
    unit: str
    baseline: tuple[int, int]


@dataclass(frozen=True)
class Sector:
    name: str
    prefix: str  # the start of the enterprise's made-up name
    need: str
    target_group: str
    group_size: tuple[int, int]
    activities: tuple[str, str]
    outputs: tuple[Measure, Measure]
    outcomes: tuple[Measure, Measure]  # short term, medium term
    impact: str
    proxy: tuple[int, int]  # made-up value per person of the first outcome, kr
    revenue: tuple[int, int]  # monthly revenue, kr


SECTORS = (
    Sector(
        "lanthandel och service", "Lanthandeln i",
        "Närmaste butik ligger långt bort", "Hushåll i byn", (80, 600),
        ("Driva butiken med paketombud", "Köra ut varor till äldre"),
        (Measure("Butiken har öppet året runt", "Öppettimmar per vecka", "timmar", (30, 60)),
         Measure("Hemleveranser till äldre", "Hemleveranser per år", "leveranser", (100, 900))),
        (Measure("Byborna handlar i byn", "Hushåll som handlar varje vecka", "hushåll", (40, 300)),
         Measure("Färre bilresor för inköp", "Sparade bilresor per månad", "resor", (0, 40))),
        "En levande by där människor kan bo kvar", (800, 3000), (90_000, 400_000),
    ),
    Sector(
        "arbetsintegrering", "Arbetskooperativet i",
        "Få vägar till jobb för den som står långt från arbetsmarknaden",
        "Deltagare i arbetsträning", (5, 40),
        ("Arbetsträning med handledare", "Stöd till studier och jobbsökande"),
        (Measure("Platser i arbetsträning", "Arbetsträningsplatser", "platser", (3, 15)),
         Measure("Handledda timmar", "Handledda timmar per år", "timmar", (500, 4000))),
        (Measure("Deltagarna får arbetslivserfarenhet", "Deltagare som fullföljer", "personer",
                 (2, 12)),
         Measure("Deltagare går vidare till arbete eller studier",
                 "Deltagare i arbete eller studier", "personer", (1, 8))),
        "Fler i arbete i kommunen", (40_000, 120_000), (60_000, 300_000),
    ),
    Sector(
        "omsorg och hälsa", "Omsorgskooperativet i",
        "Äldre och personer med funktionsnedsättning saknar stöd nära hemmet",
        "Brukare och anhöriga", (10, 120),
        ("Ge hemtjänst och personlig assistans", "Ordna träffpunkt för äldre"),
        (Measure("Utförda besök", "Besök per år", "besök", (500, 6000)),
         Measure("Öppen träffpunkt", "Träffar per år", "träffar", (20, 100))),
        (Measure("Äldre kan bo kvar hemma", "Brukare som bor kvar hemma", "personer", (5, 80)),
         Measure("Minskad ensamhet", "Deltagare som känner sig mindre ensamma", "personer",
                 (5, 60))),
        "Trygg omsorg i hela kommunen", (5_000, 25_000), (150_000, 700_000),
    ),
    Sector(
        "kultur och besöksnäring", "Bygdegården i",
        "Få mötesplatser och besöksmål i bygden", "Besökare och bybor", (200, 3000),
        ("Arrangera evenemang", "Hyra ut lokaler och stugor"),
        (Measure("Evenemang", "Evenemang per år", "evenemang", (5, 40)),
         Measure("Gästnätter", "Gästnätter per år", "nätter", (100, 2500))),
        (Measure("Fler besökare i bygden", "Besökare per år", "besökare", (300, 5000)),
         Measure("Starkare gemenskap", "Föreningar som använder lokalen", "föreningar", (2, 15))),
        "En attraktiv bygd att bo i och besöka", (100, 600), (30_000, 200_000),
    ),
    Sector(
        "förnybar energi", "Bygdeenergi i",
        "Höga energikostnader och lite lokal nytta av energin", "Medlemshushåll", (30, 400),
        ("Bygga och driva solceller", "Ge energiråd till hushåll"),
        (Measure("Installerad effekt", "Installerad effekt", "kW", (20, 400)),
         Measure("Energiråd", "Hushåll som fått energiråd", "hushåll", (10, 150))),
        (Measure("Lägre energikostnader", "Producerad el", "MWh per år", (20, 400)),
         Measure("Lokal nytta av energin", "Medlemmar med andel", "medlemmar", (20, 300))),
        "En självförsörjande bygd", (500, 3000), (40_000, 250_000),
    ),
    Sector(
        "boende", "Bostadsföreningen i",
        "Brist på hyresbostäder för unga och äldre", "Hyresgäster", (6, 60),
        ("Bygga om hus till lägenheter", "Förvalta lägenheterna"),
        (Measure("Lägenheter", "Lägenheter att hyra", "lägenheter", (3, 30)),
         Measure("Renoverade hus", "Renoverade hus", "hus", (1, 6))),
        (Measure("Unga kan flytta hemifrån i byn", "Unga hyresgäster", "personer", (1, 20)),
         Measure("Äldre kan bo kvar i byn", "Äldre hyresgäster", "personer", (1, 20))),
        "Fler bor kvar i bygden", (10_000, 40_000), (40_000, 300_000),
    ),
    Sector(
        "transport och bygdeservice", "Bygdeservice i",
        "Glesa bussturer och långt till service", "Resenärer utan bil", (20, 300),
        ("Köra anropsstyrd bygdebil", "Sköta snöröjning och gräsklippning"),
        (Measure("Körda turer", "Turer per år", "turer", (100, 2000)),
         Measure("Serviceuppdrag", "Serviceuppdrag per år", "uppdrag", (20, 400))),
        (Measure("Resenärer når service", "Resenärer per år", "personer", (20, 300)),
         Measure("Äldre klarar vardagen", "Hushåll med service", "hushåll", (10, 150))),
        "Service och rörlighet i hela bygden", (1_000, 6_000), (40_000, 250_000),
    ),
    Sector(
        "livsmedel och lokal mat", "Matkooperativet i",
        "Lokala producenter når inte ut med sina varor", "Lokala producenter", (5, 60),
        ("Driva REKO-ring och gårdsbutik", "Samordna transporter av lokal mat"),
        (Measure("Utlämningar", "Utlämningar per år", "utlämningar", (12, 52)),
         Measure("Samordnade transporter", "Transporter per år", "transporter", (10, 150))),
        (Measure("Producenterna säljer mer lokalt", "Producenter som säljer lokalt",
                 "producenter", (5, 50)),
         Measure("Mer lokal mat i skola och omsorg", "Kök som köper lokalt", "kök", (0, 12))),
        "Ett levande lokalt jordbruk", (3_000, 20_000), (30_000, 200_000),
    ),
    Sector(
        "utbildning och ungdom", "Ungdomsföreningen i",
        "Unga saknar fritidsaktiviteter och förebilder", "Unga 13–25 år", (20, 250),
        ("Driva fritidsgård och läxhjälp", "Ordna sommarjobb"),
        (Measure("Öppna kvällar", "Öppna kvällar per år", "kvällar", (30, 150)),
         Measure("Sommarjobb", "Sommarjobb", "platser", (3, 40))),
        (Measure("Unga klarar skolan", "Unga med godkända betyg", "personer", (10, 120)),
         Measure("Unga får arbetslivserfarenhet", "Unga med arbetslivserfarenhet", "personer",
                 (3, 40))),
        "Unga vill och kan stanna i bygden", (2_000, 15_000), (20_000, 150_000),
    ),
)  # fmt: skip


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    names, weights = zip(*pairs, strict=True)
    return rng.choices(names, weights=weights)[0]


def _round(value: float, step: int) -> float:
    return float(max(step, round(value / step) * step))


def _logic_model(rng: random.Random, sector: Sector, size: int) -> LogicModel:
    """Need → resource → two activities → two outputs → two outcomes → one impact, with
    0–4 indicators on the outputs and outcomes (made up)."""
    stakeholders = [
        Stakeholder(id="S1", name=sector.target_group, kind="målgrupp", count=size),
        Stakeholder(id="S2", name="Kommunen", kind="intressent"),
    ]
    elements = [
        Element(id="B1", level="behov", text=sector.need, stakeholder="S1"),
        Element(id="I1", level="resurser", text="Lokaler, personal och ideella insatser"),
    ]
    links = [Link(source="B1", target="A1"), Link(source="I1", target="A1")]
    for number, text in enumerate(sector.activities, start=1):
        elements.append(Element(id=f"A{number}", level="aktiviteter", text=text))
    links.append(Link(source="I1", target="A2"))
    for number, measure in enumerate(sector.outputs, start=1):
        elements.append(Element(id=f"P{number}", level="prestationer", text=measure.text))
        links.append(Link(source=f"A{number}", target=f"P{number}"))
    for number, (measure, horizon) in enumerate(
        zip(sector.outcomes, ("kort", "medellång"), strict=True), start=1
    ):
        elements.append(
            Element(
                id=f"R{number}",
                level="resultat",
                horizon=horizon,
                text=measure.text,
                stakeholder="S1",
            )
        )
    links += [
        Link(source="P1", target="R1"),
        Link(source="P2", target="R1"),
        Link(source="R1", target="R2"),
        Link(source="R2", target="E1"),
    ]
    elements.append(Element(id="E1", level="effekter", text=sector.impact))
    measured = list(zip(("P1", "P2", "R1", "R2"), (*sector.outputs, *sector.outcomes), strict=True))
    kept = rng.choices((0, 1, 2, 3, 4), weights=(8, 10, 25, 30, 27))[0]
    chosen = sorted(rng.sample(range(4), kept))
    indicators = []
    for number, index in enumerate(chosen, start=1):
        element, measure = measured[index]
        baseline = float(rng.randint(*measure.baseline))
        target = baseline + max(1.0, round(baseline * rng.uniform(0.15, 0.6)))
        has_target = rng.random() > 0.06
        indicators.append(
            Indicator(
                id=f"M{number}",
                element=element,
                name=measure.indicator,
                unit=measure.unit,
                baseline=baseline,
                target=target if has_target else None,
                data_source="SYNTETISKT",
                frequency="årligen",
            )
        )
    return LogicModel(
        stakeholders=stakeholders, elements=elements, links=links, indicators=indicators
    )


def _follow_up(rng: random.Random, model: LogicModel) -> FollowUp:
    """Measured values from the baseline year to 2026: each indicator moves towards its
    target at its own made-up pace; a few years are not measured."""
    if not model.indicators or rng.random() < 0.2:
        return FollowUp()
    baseline_year = rng.choice((2023, 2024))
    pace = rng.uniform(0.4, 1.4)
    measurements = []
    for indicator in model.indicators:
        own_pace = pace * rng.uniform(0.6, 1.3)
        measurements.append(
            Measurement(indicator=indicator.id, year=baseline_year, value=indicator.baseline)
        )
        for year in range(baseline_year + 1, YEAR + 1):
            if rng.random() < 0.1:
                measurements.append(Measurement(indicator=indicator.id, year=year, value=None))
                continue
            share = own_pace * (year - baseline_year) / (TARGET_YEAR - baseline_year)
            goal = indicator.target if indicator.target is not None else indicator.baseline * 1.3
            value = indicator.baseline + (goal - indicator.baseline) * share
            measurements.append(
                Measurement(indicator=indicator.id, year=year, value=float(round(value)))
            )
    return FollowUp(baseline_year=baseline_year, target_year=TARGET_YEAR, measurements=measurements)


def _value_map(rng: random.Random, sector: Sector, model: LogicModel, size: int) -> ValueMap:
    """Two made-up outcome rows (the logic model's outcomes) and one or two inputs, the
    inputs chosen so that the SROI ratio falls between 0.8 and 4 (made up)."""
    if rng.random() < 0.3:
        return ValueMap()
    outcomes = []
    for number, share in ((1, rng.uniform(0.2, 0.8)), (2, rng.uniform(0.1, 0.5))):
        element = model.element(f"R{number}")
        proxy = _round(rng.uniform(*sector.proxy) * (1.0 if number == 1 else 0.6), 100)
        outcomes.append(
            OutcomeRow(
                stakeholder=sector.target_group,
                outcome=element.text,
                indicator=sector.outcomes[number - 1].indicator,
                evidence_source="SYNTETISKT",
                quantity=float(max(1, round(size * share))),
                financial_proxy=proxy,
                proxy_source=PROXY_SOURCE,
                proxy_year=YEAR,
                duration_years=rng.randint(1, 3),
                deadweight=round(rng.uniform(0.1, 0.4), 2),
                displacement=round(rng.uniform(0.0, 0.2), 2),
                attribution=round(rng.uniform(0.1, 0.3), 2),
                drop_off=round(rng.uniform(0.1, 0.5), 2),
                actor=rng.choice(("kommunen", "regionen", "staten", None)),
                stakeholder_voice="SYNTETISKT: intervjuer" if rng.random() < 0.6 else "",
            )
        )
    value_map = ValueMap(outcomes=outcomes)
    present_value = calculate_sroi(value_map).present_value
    total = _round(present_value / rng.uniform(0.8, 4.0), 1000)
    cash = _round(total * rng.uniform(0.5, 1.0), 1000)
    inputs = [Input(stakeholder="Finansiärer", description="Bidrag och egna medel", amount=cash)]
    if total - cash >= 1000:
        inputs.append(
            Input(
                stakeholder="Volontärer",
                description="Ideellt arbete",
                amount=total - cash,
                kind="i natura",
            )
        )
    return ValueMap(outcomes=outcomes, inputs=inputs)


def _cashflow(rng: random.Random, sector: Sector, legal_form: str) -> CashFlowBudget:
    """A 12-month budget for 2026 with made-up revenue and costs and, for many, a grant, a
    loan and member capital (the money that "financing mobilised" adds up)."""
    if rng.random() < 0.15:
        return CashFlowBudget()
    revenue = _round(rng.uniform(*sector.revenue), 1000)
    lines = [
        CashFlowLine(kind="intäkt", description="Försäljning och avgifter", amount=revenue),
        CashFlowLine(
            kind="kostnad",
            description="Löner, lokaler och övrigt",
            amount=_round(revenue * rng.uniform(0.95, 1.1), 1000),
        ),
    ]
    if rng.random() < 0.6:
        start = rng.randint(1, 3)
        end = rng.randint(start + 3, 9)
        rule = rng.choice(("förskott", "efterskott", "efter slutrapport"))
        grant = CashFlowLine(
            kind="bidrag",
            description=rng.choice(("Leaderstöd", "Projektstöd från regionen", "ESF+-stöd")),
            amount=_round(rng.uniform(100_000, 1_500_000), 10_000),
            payment=rule,
            month=start,
            end_month=end,
            delay=rng.randint(1, 3),
            every=3 if rule == "efterskott" else None,
            withheld=0.2 if rule == "efterskott" and rng.random() < 0.5 else None,
        )
        lines.append(grant)
    if rng.random() < 0.35:
        month = rng.randint(1, 6)
        loan = _round(rng.uniform(100_000, 2_000_000), 10_000)
        repayment = _round(loan / 120, 100)
        lines += [
            CashFlowLine(
                kind="lån in", description="Lån", amount=loan, pattern="en gång", month=month
            ),
            CashFlowLine(
                kind="amortering", description="Amortering", amount=repayment, month=month + 1
            ),
        ]
    capital_chance = 0.6 if legal_form.startswith(("ekonomisk", "kooperativ")) else 0.1
    if rng.random() < capital_chance:
        lines.append(
            CashFlowLine(
                kind="insatskapital",
                description="Nya medlemsinsatser",
                amount=_round(rng.uniform(10_000, 400_000), 1000),
                pattern="en gång",
                month=rng.randint(1, 12),
            )
        )
    return CashFlowBudget(
        horizon=12,
        start_month=1,
        start_year=YEAR,
        opening_balance=_round(rng.uniform(0, 500_000), 1000),
        buffer=_round(rng.uniform(0, 100_000), 1000),
        lines=lines,
    )


def _readiness(rng: random.Random, items: list[str]) -> ReadinessAnswers:
    if rng.random() < 0.5:
        return ReadinessAnswers()
    level = rng.uniform(0.5, 3.5)
    answers = {
        item: None if rng.random() < 0.05 else min(4, max(0, round(rng.gauss(level, 0.8))))
        for item in items
    }
    return ReadinessAnswers(year=YEAR, answers=answers)


def build_cohort(seed: int = SEED, count: int = COUNT) -> list[Assessment]:
    """The synthetic assessments, in order (the same for the same seed and count)."""
    rng = random.Random(seed)
    question_set = load_question_set()
    items = [item.id for dimension in question_set.dimensions for item in dimension.items]
    cohort = []
    for number in range(1, count + 1):
        sector = rng.choice(SECTORS)
        municipality = rng.choice(MUNICIPALITIES)
        legal_form = _weighted(rng, LEGAL_FORMS)
        size = rng.randint(*sector.group_size)
        model = _logic_model(rng, sector, size)
        profile = Profile(
            name=f"{MARK} {number:03d}: {sector.prefix} {municipality}",
            legal_form=legal_form,
            municipality=municipality,
            sector=sector.name,
            year=YEAR,
            description=DESCRIPTION.format(seed=seed, what=sector.activities[0].lower()),
            fictional=True,
        )
        cohort.append(
            Assessment(
                profile=profile,
                logic_model=model,
                follow_up=_follow_up(rng, model),
                value_map=_value_map(rng, sector, model, size),
                cashflow=_cashflow(rng, sector, legal_form),
                readiness=_readiness(rng, items),
            )
        )
    return cohort


def file_name(number: int) -> str:
    return f"syntetisk_{number:03d}.xlsx"


def fix_timestamps(path: Path) -> None:
    """Make the file's bytes depend on its content only: the workbook properties'
    created/modified dates and every zip entry's date are set to :data:`FIXED_TIME`."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info.filename)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("created", "modified"):
                    text = re.sub(
                        rf"(<dcterms:{tag}[^>]*>)[^<]*(</dcterms:{tag}>)",
                        rf"\g<1>{FIXED_TIME}\g<2>",
                        text,
                    )
                data = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            archive.writestr(fixed, data)
    path.write_bytes(buffer.getvalue())


def write_cohort(folder: str | Path = OUT_DIR, seed: int = SEED, count: int = COUNT) -> list[Path]:
    """Write the workbooks into ``folder`` (old ``syntetisk_*.xlsx`` files there are removed
    first, so a smaller ``count`` leaves no stale files)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("syntetisk_*.xlsx"):
        old.unlink()
    paths = []
    for number, assessment in enumerate(build_cohort(seed, count), start=1):
        path = write_workbook(assessment, folder / file_name(number))
        fix_timestamps(path)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder to write into")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--count", type=int, default=COUNT)
    args = parser.parse_args(argv)
    paths = write_cohort(args.out, args.seed, args.count)
    print(f"wrote {len(paths)} SYNTHETIC workbooks to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
