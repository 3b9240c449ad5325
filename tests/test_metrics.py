"""The IRIS+ / SDG reference table and tagging indicators with it.

The table's rows were checked against the pages in their ``address`` column (IRIS+: the
GIIN's metric pages; SDG: UN bodies' and statistics offices' target lists, Swedish texts from
SCB). These tests check the table's form and sources, not the live pages.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from spark_kit.assessment import load_example
from spark_kit.errors import SparkInputError
from spark_kit.impact.metrics import (
    IRIS_ID,
    METRICS_PATH,
    SDG_ID,
    SOURCE_COLUMNS,
    framework_of,
    load_metrics,
    normalise_metric_id,
    tag_indicators,
    tag_table,
)


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


@pytest.fixture(scope="module")
def metrics() -> pd.DataFrame:
    return load_metrics()


@pytest.fixture(scope="module")
def indicators():
    return load_example().logic_model.indicators


# --- the reference table ---------------------------------------------------------------------


def test_table_has_both_frameworks(metrics):
    counts = metrics["framework"].value_counts().to_dict()
    assert counts["IRIS+"] >= 10 and counts["SDG"] >= 5


def test_every_row_has_its_source_filled(metrics):
    for column in ("name", *SOURCE_COLUMNS):
        empty = metrics[metrics[column].str.strip() == ""]
        assert empty.empty, f"{column} empty for {list(empty.index)}"


def test_ids_match_their_framework(metrics):
    for metric_id, framework in metrics["framework"].items():
        pattern = IRIS_ID if framework == "IRIS+" else SDG_ID
        assert pattern.match(metric_id), metric_id
        assert framework_of(metric_id) == framework
    assert metrics.index.is_unique


def test_addresses_dates_and_publishers(metrics):
    for record in metrics.to_dict("records"):
        assert record["address"].startswith("https://"), record["id"]
        if record["address_sv"]:
            assert "scb.se" in record["address_sv"]
        assert dt.date.fromisoformat(record["as_of"]) <= dt.date(2026, 11, 27)
        if record["framework"] == "IRIS+":
            assert "thegiin.org" in record["address"]
            assert record["publisher"] == "Global Impact Investing Network (GIIN)"
            assert record["year"] in {"2016", "2020", "2021", "2022"}
        else:
            assert record["publisher"] == "United Nations"
            assert record["year"] == "2015"
            assert "resolution 70/1" in record["source"]


def test_known_rows(metrics):
    # Source: https://irisdev.thegiin.org/metric/5.3/pi4060/ ("Number of unique individuals
    # who were clients of the organization during the reporting period").
    assert metrics.loc["PI4060", "name"] == "Client Individuals: Total"
    assert metrics.loc["OI1166", "name"] == "Volunteer Hours Worked"
    # Source: UN-Habitat, https://unhabitat.org/11-2-transport-system ; SCB delmål 11.2.
    assert metrics.loc["SDG 11.2", "name"].startswith("By 2030, provide access to safe")
    assert metrics.loc["SDG 11.2", "name_sv"].startswith("Senast 2030 tillhandahålla tillgång")
    assert metrics.loc["SDG 8.5", "name"].endswith("equal pay for work of equal value")


def test_no_licensed_values_or_scales_are_shipped():
    text = METRICS_PATH.read_text(encoding="utf-8").casefold()
    for banned in ("hact", "social value bank", "outcomes star", "wellby"):
        assert banned not in text


# --- ids -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("PI4060", "PI4060"),
        (" pi4060 ", "PI4060"),
        ("8.5", "SDG 8.5"),
        ("SDG8.5", "SDG 8.5"),
        ("sdg 8.5", "SDG 8.5"),
        ("Mål 11.a", "SDG 11.a"),
        ("goal 11.A", "SDG 11.a"),
        ("SDG 18.1", None),
        ("SDG 8", None),
        ("PI406", None),
        ("XX4060", None),
        ("jobb", None),
    ],
)
def test_normalise_metric_id(given, canonical):
    assert normalise_metric_id(given) == canonical


# --- tagging ---------------------------------------------------------------------------------


def test_tagging_the_example(indicators):
    tagged = tag_indicators(indicators, {"M4": ["PI4060", "SDG 1.4"], "M7": ["8.5", "sdg 10.2"]})
    assert list(tagged["metric"]) == ["PI4060", "SDG 1.4", "SDG 8.5", "SDG 10.2"]
    assert list(tagged["framework"]) == ["IRIS+", "SDG", "SDG", "SDG"]
    assert tagged.iloc[0]["indicator_name"] == "Äldre som får varor hemkörda"
    assert (tagged[list(SOURCE_COLUMNS)] != "").all().all()


def test_a_single_id_may_be_given_as_text(indicators):
    assert list(tag_indicators(indicators, {"M2": "PI4060"})["metric"]) == ["PI4060"]


def test_unknown_id_is_rejected_with_a_suggestion(indicators):
    with pytest.raises(SparkInputError) as caught:
        tag_indicators(indicators, {"M4": ["PI4061"]})
    (problem,) = caught.value.problems
    assert problem.code == "metric.unknown_suggest"
    assert caught.value.message("sv") == (
        "Indikatorn M4: ”PI4061” finns inte i kitets referenstabell "
        "(data/reference/metrics_iris_sdg.csv) – menade du ”PI4060”?"
    )
    assert "did you mean “PI4060”?" in caught.value.message("en")


def test_unknown_id_without_a_close_one(indicators):
    with pytest.raises(SparkInputError) as caught:
        tag_indicators(indicators, {"M3": ["SDG 14.1"]})
    assert caught.value.problems[0].code == "metric.unknown"
    assert "Bara id som har kontrollerats mot en källa" in caught.value.message("sv")
    assert "Only ids checked against a source" in caught.value.message("en")


def test_malformed_id_and_unknown_indicator_are_reported_together(indicators):
    with pytest.raises(SparkInputError) as caught:
        tag_indicators(indicators, {"M9": ["PI4060"], "M1": ["jobb", "PI9999"]})
    codes = [p.code for p in caught.value.problems]
    assert codes == ["metric.unknown_indicator", "metric.bad_format", "metric.unknown"]
    message = caught.value.message("sv")
    assert "3 problem hittades" in message
    assert "”M9” är ingen av indikatorerna" in message
    assert "”jobb” är varken ett IRIS+-id" in message
    assert "“jobb” is neither an IRIS+ id" in caught.value.message("en")


def test_tag_table_shows_swedish_target_texts(indicators):
    tagged = tag_indicators(indicators, {"M7": ["SDG 8.5", "OI9028"]})
    sv = tag_table(tagged, "sv")
    assert list(sv.columns) == ["Indikator", "Id", "Mått eller delmål", "Källa"]
    assert sv.iloc[0]["Mått eller delmål"].startswith("Senast 2030 uppnå full och produktiv")
    assert sv.iloc[1]["Mått eller delmål"] == "Temporary Employees"  # IRIS+ is not translated
    assert sv.iloc[1]["Källa"] == "Global Impact Investing Network (GIIN) (2022)"
    en = tag_table(tagged, "en")
    assert en.iloc[0]["Metric or target"].startswith("By 2030, achieve full and productive")


# --- a broken table --------------------------------------------------------------------------


def test_a_broken_table_is_refused(tmp_path):
    path = tmp_path / "metrics.csv"
    path.write_text(
        "id,framework,name,name_sv,source,publisher,year,address,address_sv,as_of\n"
        "PI4060,IRIS+,Client Individuals: Total,,IRIS+,GIIN,2022,https://x,,2026-11-27\n"
        "PI4060,IRIS+,Again,,IRIS+,GIIN,2022,https://x,,2026-11-27\n"
        "SDG 8.5,IRIS+,Wrong framework,,UN,UN,2015,https://x,,2026-11-27\n"
        "PI1807,IRIS+,No source,,,GIIN,2021,https://x,,2026-11-27\n"
        "PI5184,Other,Framework,,IRIS+,GIIN,2022,https://x,,2026-11-27\n",
        encoding="utf-8",
    )
    with pytest.raises(SparkInputError) as caught:
        load_metrics(path)
    found = [(p.code, p.row, p.column) for p in caught.value.problems]
    assert found == [
        ("id.duplicate", 3, "id"),
        ("metric.table_bad_id", 4, "id"),
        ("value.required", 5, "source"),
        ("value.choice", 6, "framework"),
    ]


def test_a_table_without_source_columns_is_refused(tmp_path):
    path = tmp_path / "metrics.csv"
    path.write_text("id,framework,name\nPI4060,IRIS+,Client Individuals: Total\n", encoding="utf-8")
    with pytest.raises(SparkInputError) as caught:
        load_metrics(path)
    assert {p.column for p in caught.value.problems} == set(SOURCE_COLUMNS)
