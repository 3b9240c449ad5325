"""The program view (spark_kit.cohort): loading a folder of workbooks, the program figures,
the program's own logic model, the synthetic cohort's generator, the charts, the Excel
export and ``spark-kit cohort``.

The figures are checked on a small cohort of three hand-made assessments (fictional, built
here), whose every figure is computed by hand below. The SROI figures follow the formulas
of the reference (impact-methods.md §1.4): PV = Σ_t V_t / (1 + r)^t with r = 3,5 %.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import math
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from matplotlib.figure import Figure

from spark_kit.assessment import Assessment, Profile, load_example, workbook_bytes, write_workbook
from spark_kit.assessment_parts import FollowUp, Measurement
from spark_kit.cohort import cli as cohort_cli
from spark_kit.cohort.aggregate import (
    counts_by,
    enterprise_table,
    financing_by,
    indicator_progress,
    status_summary,
    summarise,
)
from spark_kit.cohort.export import cohort_workbook_bytes
from spark_kit.cohort.load import SYNTHETIC_DIR, Cohort, load_files, load_folder
from spark_kit.cohort.program_logic import (
    PROGRAM_FILE,
    ProgramSettings,
    load_program,
    program_indicator_values,
    program_indicators,
    program_logic_model,
)
from spark_kit.errors import SparkInputError
from spark_kit.finance.cashflow import CashFlowBudget, CashFlowLine
from spark_kit.impact.indicators import track
from spark_kit.impact.logic_model import Element, Indicator, Link, LogicModel
from spark_kit.impact.red_thread import check_red_thread
from spark_kit.impact.sroi.model import Input, OutcomeRow, ValueMap
from spark_kit.paths import DATA_DIR
from spark_kit.viz.cohort_charts import (
    counts_chart,
    financing_chart,
    sroi_sector_chart,
    status_chart,
)

R = 1.035  # the default discount rate, 3.5 % (impact-methods.md §1.5)
GENERATOR = DATA_DIR / "cohort" / "generate.py"


@pytest.fixture(autouse=True)
def _swedish_by_default(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- a hand-made cohort of three (fictional) enterprises ------------------------------------


def _model(indicators: list[Indicator]) -> LogicModel:
    return LogicModel(
        elements=[
            Element(id="A1", level="aktiviteter", text="Driva butiken"),
            Element(id="P1", level="prestationer", text="Öppet varje dag"),
            Element(id="R1", level="resultat", text="Byborna handlar i byn"),
        ],
        links=[Link(source="A1", target="P1"), Link(source="P1", target="R1")],
        indicators=indicators,
    )


def _outcome(quantity: float, proxy: float, duration: int, drop_off: float) -> OutcomeRow:
    return OutcomeRow(
        stakeholder="Bybor",
        outcome="Byborna handlar i byn",
        quantity=quantity,
        financial_proxy=proxy,
        duration_years=duration,
        deadweight=0.0,
        displacement=0.0,
        attribution=0.0,
        drop_off=drop_off,
    )


def enterprise_a() -> Assessment:
    """Two indicators followed from 2024 to 2028, measured in 2026: M1 16 of 10 → 20
    (progress 0,6 against the plan's 0,5: på väg), M2 1 of 0 → 4 (0,25: efter plan).
    Value map: 10 × 1 000 kr for one year, no filters → PV 10 000 / 1,035; inputs 5 000 kr.
    Budget: a grant of 100 000, a loan of 50 000 and member capital of 20 000."""
    return Assessment(
        profile=Profile(
            name="Fiktiva Lanthandeln",
            legal_form="ekonomisk förening",
            municipality="Storuman",
            sector="lanthandel",
            fictional=True,
        ),
        logic_model=_model(
            [
                Indicator(id="M1", element="P1", name="Öppna dagar", baseline=10, target=20),
                Indicator(id="M2", element="R1", name="Hushåll", baseline=0, target=4),
            ]
        ),
        follow_up=FollowUp(
            baseline_year=2024,
            target_year=2028,
            measurements=[
                Measurement(indicator="M1", year=2024, value=10),
                Measurement(indicator="M2", year=2024, value=0),
                Measurement(indicator="M1", year=2026, value=16),
                Measurement(indicator="M2", year=2026, value=1),
            ],
        ),
        value_map=ValueMap(
            outcomes=[_outcome(10, 1000, 1, 0.0)],
            inputs=[Input(stakeholder="Bybor", amount=5000)],
        ),
        cashflow=CashFlowBudget(
            lines=[
                CashFlowLine(kind="intäkt", amount=10_000),
                CashFlowLine(kind="kostnad", amount=9_000),
                CashFlowLine(kind="bidrag", amount=100_000, payment="förskott", month=1),
                CashFlowLine(kind="lån in", amount=50_000, pattern="en gång", month=2),
                CashFlowLine(kind="amortering", amount=1_000, month=3),
                CashFlowLine(kind="insatskapital", amount=20_000, pattern="en gång", month=4),
            ]
        ),
    )


def enterprise_b() -> Assessment:
    """One indicator without a target (saknar målvärde), no follow-up. Value map: 20 × 500
    kr for two years with 50 % drop-off → PV 10 000/1,035 + 5 000/1,035²; inputs 10 000 kr.
    Budget: a grant of 60 000 paid three months after the final report (month 6 + 3)."""
    return Assessment(
        profile=Profile(
            name="Fiktiva Bygdegården",
            legal_form="ideell förening",
            municipality="Storuman",
            sector="kultur",
            fictional=True,
        ),
        logic_model=_model([Indicator(id="M1", element="R1", name="Besökare", baseline=100)]),
        value_map=ValueMap(
            outcomes=[_outcome(20, 500, 2, 0.5)],
            inputs=[Input(stakeholder="Bybor", amount=10_000)],
        ),
        cashflow=CashFlowBudget(
            lines=[
                CashFlowLine(
                    kind="bidrag",
                    amount=60_000,
                    payment="efter slutrapport",
                    month=1,
                    end_month=6,
                    delay=3,
                )
            ]
        ),
    )


def enterprise_c() -> Assessment:
    """Nothing but a profile, and no municipality: every part is missing."""
    return Assessment(
        profile=Profile(name="Fiktiva AB", legal_form="aktiebolag", sector="lanthandel")
    )


PV_A = 10_000 / R
PV_B = 10_000 / R + 5_000 / R**2


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    return Cohort.from_assessments(
        [enterprise_a(), enterprise_b(), enterprise_c()], ["a.xlsx", "b.xlsx", "c.xlsx"]
    )


@pytest.fixture(scope="module")
def figures(cohort):
    return summarise(cohort)


def test_enterprises_are_counted_by_municipality_legal_form_and_sector(figures):
    municipality = figures.counts["municipality"]
    assert municipality["municipality"].tolist() == ["Storuman", ""]  # "" = not given
    assert municipality["enterprises"].tolist() == [2, 1]
    assert municipality["share"].tolist() == pytest.approx([2 / 3, 1 / 3])
    legal = figures.counts["legal_form"]
    assert legal["legal_form"].tolist() == ["aktiebolag", "ekonomisk förening", "ideell förening"]
    assert legal["enterprises"].tolist() == [1, 1, 1]
    sector = figures.counts["sector"]
    assert dict(zip(sector["sector"], sector["enterprises"], strict=True)) == {
        "lanthandel": 2,
        "kultur": 1,
    }


def test_the_enterprise_table_says_which_parts_each_has(figures):
    table = figures.enterprises.set_index("file")
    assert table["indicators"].tolist() == [2, 1, 0]
    assert table["follow_up"].tolist() == [True, False, False]
    assert table["value_map"].tolist() == [True, True, False]
    assert table["cashflow"].tolist() == [True, True, False]
    assert table.loc["a.xlsx", "present_value"] == pytest.approx(PV_A)
    assert table.loc["a.xlsx", "sroi_ratio"] == pytest.approx(PV_A / 5_000)
    assert math.isnan(table.loc["c.xlsx", "present_value"])


def test_indicator_progress_and_status_in_the_latest_follow_up_year(figures):
    rows = figures.progress.set_index(["file", "indicator"])
    a1, a2 = rows.loc[("a.xlsx", "M1")], rows.loc[("a.xlsx", "M2")]
    assert (a1["year"], a1["actual"], a1["progress"]) == (2026, 16, pytest.approx(0.6))
    assert a1["expected"] == pytest.approx(0.5)  # (2026 − 2024) / (2028 − 2024)
    assert a1["status"] == "på väg"  # 0,6 ≥ 0,5 − 0,10
    assert a2["progress"] == pytest.approx(0.25)
    assert a2["status"] == "efter plan"  # 0,25 < 0,5 − 0,10
    assert rows.loc[("b.xlsx", "M1"), "status"] == "saknar målvärde"
    assert pd.isna(rows.loc[("b.xlsx", "M1"), "year"])
    status = figures.status.set_index("status")
    assert status["indicators"].to_dict() == {
        "uppnått": 0,
        "på väg": 1,
        "efter plan": 1,
        "saknar mätning": 0,
        "saknar målvärde": 1,
    }
    assert status.loc["på väg", "share"] == pytest.approx(1 / 3)


def test_the_tolerance_is_a_named_convention_tested_both_ways(cohort):
    default = indicator_progress(cohort).set_index(["file", "indicator"])
    wider = indicator_progress(cohort, tolerance=0.3).set_index(["file", "indicator"])
    assert default.loc[("a.xlsx", "M2"), "status"] == "efter plan"
    assert wider.loc[("a.xlsx", "M2"), "status"] == "på väg"  # 0,25 ≥ 0,5 − 0,3


def test_progress_agrees_with_indicator_tracking_on_the_granbacka_example():
    """The cohort's per-indicator status is what spark_kit.impact.indicators.track gives
    for the same enterprise in its latest year (the fictional Granbacka example)."""
    example = load_example()
    tracking = track(
        example.logic_model.indicators,
        example.follow_up.table(),
        example.follow_up.baseline_year,
        example.follow_up.target_year,
    )
    year = tracking.latest_year
    rows = indicator_progress(Cohort.from_assessments([example]))
    assert set(rows["year"]) == {year}
    for _, row in rows.iterrows():
        assert row["status"] == tracking.status(row["indicator"], year).value
        expected = tracking.progress(row["indicator"], year)
        assert (pd.isna(row["progress"]) and expected is None) or row["progress"] == pytest.approx(
            expected
        )


def test_sroi_is_added_up_as_a_ratio_of_sums(figures):
    sroi = figures.sroi.iloc[0]
    assert sroi["enterprises"] == 2
    assert sroi["present_value"] == pytest.approx(PV_A + PV_B)
    assert sroi["total_inputs"] == pytest.approx(15_000)
    assert sroi["npv"] == pytest.approx(PV_A + PV_B - 15_000)
    assert sroi["sroi_ratio"] == pytest.approx((PV_A + PV_B) / 15_000)
    assert sroi["median_ratio"] == pytest.approx((PV_A / 5_000 + PV_B / 10_000) / 2)
    by_sector = figures.sroi_by_sector.set_index("sector")
    assert by_sector.loc["kultur", "present_value"] == pytest.approx(PV_B)
    assert by_sector.loc["lanthandel", "enterprises"] == 1


def test_financing_mobilised_is_grants_loans_and_member_capital(figures):
    financing = figures.financing.set_index("kind")
    assert financing["amount"].to_dict() == {
        "grants": 160_000.0,
        "loans": 50_000.0,
        "member_capital": 20_000.0,
        "total": 230_000.0,
    }
    assert financing["enterprises"].to_dict() == {
        "grants": 2,
        "loans": 1,
        "member_capital": 1,
        "total": 2,
    }
    by_sector = financing_by(figures.enterprises, "sector").set_index("sector")
    assert by_sector.loc["lanthandel", "financing"] == 170_000
    assert by_sector.loc["kultur", "grants"] == 60_000


def test_an_empty_cohort_gives_empty_tables():
    empty = summarise(Cohort())
    assert len(empty.enterprises) == 0
    assert empty.status["indicators"].sum() == 0
    assert empty.sroi.iloc[0]["enterprises"] == 0
    assert empty.financing.set_index("kind").loc["total", "amount"] == 0
    assert counts_by(enterprise_table(Cohort()), "sector").empty
    assert status_summary(indicator_progress(Cohort()))["share"].sum() == 0


# --- the program's own logic model ------------------------------------------------------------


def test_program_logic_model_is_sound_and_its_red_thread_holds_with_targets():
    settings = load_program()
    assert settings.synthetic is True  # the program file is made up, and says so
    model = program_logic_model("sv", settings, enterprises=100)
    assert {e.level.value for e in model.elements} == {
        "behov", "resurser", "aktiviteter", "prestationer", "resultat", "effekter",
    }  # fmt: skip
    assert check_red_thread(model) == []
    assert [i.id for i in model.indicators] == [f"M{n}" for n in range(1, 9)]
    english = program_logic_model("en", settings)
    assert english.element("A1").text == "Hold SPARK meetups in the villages"


def test_program_indicators_are_computed_from_the_cohort(figures):
    settings = ProgramSettings(meetups_held=4, targets={"M2": 6, "M7": 460_000})
    values = program_indicator_values(figures, settings)
    assert values == {
        "M1": 4.0,  # from the settings: no workbook records meetups
        "M2": 3.0,  # three workbooks read
        "M3": 2.0,  # A and B have indicators
        "M4": 1.0,  # A follows up its indicators
        "M5": 2.0,  # A and B have value maps
        "M6": 0.5,  # of A's two followed indicators, one is på väg
        "M7": 230_000.0,
        "M8": 2.0,  # A (grant, loan) and B (grant)
    }
    table = program_indicators(figures, settings, "en").set_index("id")
    assert table.loc["M2", "progress"] == pytest.approx(0.5)  # 3 of a target of 6 from 0
    assert table.loc["M7", "progress"] == pytest.approx(0.5)
    assert math.isnan(table.loc["M3", "progress"])  # no target
    assert table.loc["M1", "name"] == "SPARK meetups held"


def test_without_settings_meetups_are_unknown(figures):
    assert program_indicator_values(figures)["M1"] is None


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("meetups_held: many\n", "meetups_held"),
        ("targets: {M9: 1}\n", "M9"),
        ("meetups: 3\n", "meetups"),
        ("targets: [\n", "program.yaml"),
    ],
)
def test_a_bad_program_file_is_an_input_error(tmp_path, text, named):
    bad = tmp_path / "program.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(SparkInputError) as caught:
        load_program(bad)
    message = caught.value.message("sv")
    assert message.startswith("Programfilen program.yaml går inte att läsa")
    assert named in message


def test_a_missing_program_file_is_an_input_error(tmp_path):
    with pytest.raises(SparkInputError):
        load_program(tmp_path / "missing.yaml")


# --- loading a folder ---------------------------------------------------------------------------


def _broken_workbook() -> bytes:
    """A real workbook whose organisation has no name (a required value)."""
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(enterprise_a())))
    ws = wb["organisation"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "namn":
            row[1].value = None
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kohort")
    write_workbook(enterprise_a(), path / "a.xlsx")
    write_workbook(enterprise_b(), path / "b.xlsx")
    (path / "c_trasig.xlsx").write_bytes(_broken_workbook())
    (path / "d_inte_excel.xlsx").write_bytes(b"just text, not a workbook")
    (path / "anteckningar.txt").write_text("not a workbook", encoding="utf-8")
    (path / "~$a.xlsx").write_bytes(b"lock")
    (path / ".DS_Store").write_bytes(b"hidden")
    (path / "undermapp").mkdir()
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_a_folder_loads_the_good_files_and_names_the_bad_ones(folder, workers):
    cohort = load_folder(folder, workers=workers)
    assert cohort.files == ("a.xlsx", "b.xlsx")
    assert [a.profile.name for a in cohort.assessments] == [
        "Fiktiva Lanthandeln",
        "Fiktiva Bygdegården",
    ]
    issues = {issue.name: issue for issue in cohort.issues}
    assert set(issues) == {"c_trasig.xlsx", "d_inte_excel.xlsx", "anteckningar.txt", "~$a.xlsx"}
    assert not issues["c_trasig.xlsx"].skipped
    assert not issues["d_inte_excel.xlsx"].skipped
    assert issues["anteckningar.txt"].skipped and issues["~$a.xlsx"].skipped
    broken = issues["c_trasig.xlsx"]
    message = broken.message("sv")
    assert message.startswith("c_trasig.xlsx: kunde inte läsas.")
    assert broken.error().message("sv") in message  # the SparkInputError's own message
    assert "organisation" in message
    assert issues["anteckningar.txt"].message("en").startswith("anteckningar.txt: skipped.")


def test_files_over_the_size_limit_are_skipped_with_a_note(folder, monkeypatch):
    from spark_kit.workbook import safety

    size = (folder / "a.xlsx").stat().st_size
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", size - 1)
    cohort = load_folder(folder, workers=1)
    issue = next(i for i in cohort.issues if i.name == "a.xlsx")
    assert issue.skipped
    assert issue.problems[0].code == "file.too_large"
    assert "a.xlsx" not in cohort.files


def test_a_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(SparkInputError) as caught:
        load_folder(tmp_path / "finns_inte")
    assert "finns_inte" in caught.value.message("sv")


def test_uploads_are_read_from_bytes(folder):
    files = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.xlsx"))]
    cohort = load_files(files)
    assert cohort.files == ("a.xlsx", "b.xlsx")
    assert {i.name for i in cohort.issues} == {"c_trasig.xlsx", "d_inte_excel.xlsx", "~$a.xlsx"}
    assert not cohort.synthetic


# --- the synthetic cohort -------------------------------------------------------------------


def _generator():
    spec = importlib.util.spec_from_file_location("spark_cohort_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_generator_is_deterministic_and_matches_the_committed_files(tmp_path):
    """The first five workbooks, generated again, are byte for byte the committed ones (the
    draws of workbook n do not depend on how many follow, so five suffice)."""
    generator = _generator()
    written = generator.write_cohort(tmp_path, count=5)
    for path in written:
        assert _sha(path) == _sha(SYNTHETIC_DIR / path.name), path.name


def test_the_committed_cohort_is_a_hundred_synthetic_workbooks():
    files = sorted(SYNTHETIC_DIR.glob("*.xlsx"))
    assert len(files) == 100
    assert [f.name for f in files][:2] == ["syntetisk_001.xlsx", "syntetisk_002.xlsx"]
    cohort = _generator().build_cohort()
    assert len(cohort) == 100
    for assessment in cohort:
        assert assessment.profile.fictional is True
        assert "SYNTETISKT" in assessment.profile.name
        assert "SYNTETISKT" in assessment.profile.description
    legal_forms = {a.profile.legal_form for a in cohort}
    assert "aktiebolag med särskild vinstutdelningsbegränsning (SVB)" in legal_forms
    assert len({a.profile.municipality for a in cohort}) > 10
    assert sum(bool(a.follow_up.measurements) for a in cohort) > 50
    assert sum(not a.value_map.outcomes for a in cohort) > 10  # some lack a value map
    assert sum(a.cashflow.is_empty() for a in cohort) > 5  # some lack a budget


def test_only_the_synthetic_folder_is_marked_synthetic(folder, monkeypatch):
    from spark_kit.cohort import load

    assert not load_folder(folder, workers=1).synthetic
    monkeypatch.setattr(load, "SYNTHETIC_DIR", folder)
    assert load_folder(folder, workers=1).synthetic


# --- charts --------------------------------------------------------------------------------------


def test_charts_are_figures_with_alt_text_naming_the_figures(figures):
    counts = counts_chart(figures.counts["municipality"], "municipality", "sv", synthetic=True)
    assert isinstance(counts.figure, Figure)
    assert "syntetiska data" in counts.title
    assert "Storuman: 2 (67\u00a0%)" in counts.alt_text
    assert "(ej angivet): 1" in counts.alt_text
    status = status_chart(figures.status, "en")
    assert "on track: 1" in status.alt_text
    assert "3 indicators" in status.alt_text
    financing = financing_chart(figures.financing, "sv")
    assert "230\u00a0000\u00a0kr" in financing.title
    assert "Bidrag: 160\u00a0000\u00a0kr från 2 företag" in financing.alt_text
    sroi = sroi_sector_chart(figures.sroi_by_sector, "sv")
    assert f"kvot {PV_B / 10_000:.2f}".replace(".", ",") in sroi.alt_text
    for chart in (counts, status, financing, sroi):
        assert chart.to_bytes("svg").startswith(b"<?xml")


def test_charts_of_an_empty_cohort_say_there_is_nothing_to_show():
    empty = summarise(Cohort())
    chart = counts_chart(empty.counts["sector"], "sector", "sv")
    assert "Inga uppgifter att visa." in chart.alt_text
    assert "Inga uppgifter" in sroi_sector_chart(empty.sroi_by_sector, "sv").alt_text


# --- export and command -----------------------------------------------------------------------


def test_the_excel_export_keeps_numbers_and_never_makes_formulas(figures):
    hostile = enterprise_c().model_copy(
        update={"profile": Profile(name='=HYPERLINK("x")', sector="=1+1")}
    )
    cohort = Cohort.from_assessments([enterprise_a(), hostile], ["a.xlsx", "=b.xlsx"])
    figures = summarise(cohort)
    data = cohort_workbook_bytes(figures, program_indicators(figures), "sv")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert "om siffrorna" in wb.sheetnames and "Kommun" in wb.sheetnames
    sheet = wb["företag"]
    names = [c.value for c in sheet["B"]]
    assert '=HYPERLINK("x")' in names
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    financing = wb["finansiering"]
    assert [c.value for c in financing["B"]][1:] == [100_000, 50_000, 20_000, 170_000]


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    cohort_cli.add_parser(commands, "sv")
    return parser.parse_args(["cohort", *argv])


def test_the_command_prints_the_figures_and_lists_the_bad_files(folder, tmp_path, capsys):
    out = tmp_path / "kohort.xlsx"
    assert cohort_cli.run(_args(str(folder), "-o", str(out)), "sv") == 0
    captured = capsys.readouterr()
    assert "Nådda företag per kommun" in captured.out
    assert "Storuman" in captured.out
    assert "230\u00a0000\u00a0kr" in captured.out
    assert "c_trasig.xlsx: kunde inte läsas." in captured.err
    assert "anteckningar.txt: hoppades över." in captured.err
    assert out.exists()
    assert "programindikatorer" in openpyxl.load_workbook(out).sheetnames


def test_the_command_in_english(folder, capsys):
    assert cohort_cli.run(_args(str(folder), "--lang", "en"), "sv") == 0
    out = capsys.readouterr().out
    assert "Enterprises reached by municipality" in out
    assert "SEK230,000" in out


@pytest.mark.parametrize("case", ["missing", "empty", "bad_program", "unwritable"])
def test_the_command_exits_2_on_bad_input(case, folder, tmp_path, capsys):
    argv = {
        "missing": [str(tmp_path / "finns_inte")],
        "empty": [str(tmp_path)],
        "bad_program": [str(folder), "--program", str(tmp_path / "saknas.yaml")],
        "unwritable": [str(folder), "-o", str(tmp_path / "saknas" / "ut.xlsx")],
    }[case]
    assert cohort_cli.run(_args(*argv), "sv") == 2
    assert capsys.readouterr().err.strip()


def test_the_synthetic_cohort_uses_the_synthetic_program_file():
    assert PROGRAM_FILE.exists()
    assert load_program(PROGRAM_FILE).meetups_held is not None
