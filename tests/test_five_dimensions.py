"""The five dimensions of impact, the ABC classification and the profile chart.

Rules come from Impact Frontiers' ABC norms as quoted in
/work/shared/reference/impact-methods.md §3.3 ("ABC at outcome level" and "ABC at
enterprise level", impactfrontiers.org/norms/abc-of-enterprise-impact/…); the five
dimensions and their data from §3.1; the nine risk types from §3.2. Each rule is tested on
small constructed profiles (constructed examples) and on the fictional Granbacka
byakooperativ (data/examples/granbacka_fem_dimensioner.yaml). The gaps the rules leave are
the kit's documented choices (see spark_kit/impact/five_dimensions.py); they are tested
as such, and the two named conventions both ways.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import spark_kit
from spark_kit.assessment import load_example
from spark_kit.errors import SparkInputError
from spark_kit.i18n.messages import MESSAGES
from spark_kit.impact.five_dimensions import (
    AbcClass,
    Basis,
    ImpactProfile,
    Rating,
    RiskRatings,
    RiskType,
    What,
    classify_enterprise,
    classify_outcome,
    example_is_fictional,
    explain_enterprise,
    explain_outcome,
    load_example_profiles,
    parse_rating,
    profile_from_dict,
    profiles_from_data,
)
from spark_kit.impact.logic_model import Level
from spark_kit.paths import EXAMPLES_DIR
from spark_kit.viz.impact_profile_chart import (
    ABC_COLOURS,
    DIM_COLUMNS,
    RISK_COLOURS,
    draw_impact_profiles,
    impact_profiles_alt_text,
)

PACKAGE_DIR = Path(spark_kit.__file__).parent
ALL_LOW = {risk.value: "låg" for risk in RiskType}


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


@pytest.fixture(scope="module")
def granbacka() -> list[ImpactProfile]:
    return load_example_profiles()


def data(
    level: float,
    threshold: float,
    baseline: float,
    counterfactual: float,
    *,
    own_harm: bool = False,
    higher_is_better: bool = True,
    significant: bool = True,
    outcome_id: str = "X1",
    basis: str = "mål",
) -> dict:
    """A constructed profile as plain data (the shape of the YAML file)."""
    return {
        "outcome_id": outcome_id,
        "basis": basis,
        "what": {
            "outcome": f"Resultat {outcome_id}",
            "indicator": "Indikator",
            "unit": "procent",
            "level": level,
            "threshold": threshold,
            "higher_is_better": higher_is_better,
            "importance": "hög",
            "significant": significant,
        },
        "who": {"stakeholder": "S1", "baseline": baseline},
        "how_much": {"scale": 10, "duration_years": 2},
        "contribution": {
            "counterfactual_level": counterfactual,
            "enterprise_caused_shortfall": own_harm,
        },
        "risk": dict(ALL_LOW),
    }


def make(*args, **kwargs) -> ImpactProfile:
    return profile_from_dict(data(*args, **kwargs))


def mirrored(*args, **kwargs) -> ImpactProfile:
    """The same outcome measured the other way round (lower is better): every number
    negated. The classification must not change."""
    level, threshold, baseline, counterfactual = (-v for v in args)
    return make(level, threshold, baseline, counterfactual, higher_is_better=False, **kwargs)


# --- ABC at outcome level (Impact Frontiers; reference §3.3) ------------------------------

# (level, threshold, baseline, counterfactual, own_harm) → class, with the rule it shows.
OUTCOME_CASES = [
    # "Benefiting stakeholders" is an outcome classification: level above the threshold,
    # no causation needed – here nothing is caused (the counterfactual equals the level).
    pytest.param((90, 80, 85, 90, False), AbcClass.B, id="B: level above, no causation"),
    # B needs no causation: crossing that would have happened anyway is still B.
    pytest.param((85, 80, 70, 85, False), AbcClass.B, id="B: crossed but not caused"),
    # B when the enterprise's own harm is resolved without a change it caused.
    pytest.param((85, 80, 70, 90, True), AbcClass.B, id="B: own harm, level above, not caused"),
    # C: caused change over time, the original below-threshold outcome not caused by the
    # enterprise, crossing into the sustainable range.
    pytest.param((85, 80, 70, 72, False), AbcClass.C, id="C: caused crossing"),
    # A: caused change over time, the original below-threshold outcome caused by the
    # enterprise itself – improving is enough ("Until performance on that outcome improves
    # (becoming an 'A')").
    pytest.param((75, 80, 60, 60, True), AbcClass.A, id="A: own harm improving, still below"),
    # A before B/C when the enterprise's own harm is improved past the threshold.
    pytest.param((90, 80, 60, 60, True), AbcClass.A, id="A: own harm improved above"),
    # Does cause harm: significant negative caused by the enterprise, not improving.
    pytest.param((60, 80, 60, 60, True), AbcClass.DOES_CAUSE_HARM, id="harm: not improving"),
    pytest.param((50, 80, 60, 55, True), AbcClass.DOES_CAUSE_HARM, id="harm: getting worse"),
    # Improving since the baseline, but only as much as would have happened anyway: the
    # change is not caused by the enterprise, so its own harm is not an A.
    pytest.param((70, 80, 60, 75, True), AbcClass.DOES_CAUSE_HARM, id="harm: not caused"),
    # Not flagged, but the enterprise makes a below-threshold outcome worse than it would
    # otherwise be: treated as caused by the enterprise.
    pytest.param((50, 80, 60, 65, False), AbcClass.DOES_CAUSE_HARM, id="harm: made worse"),
    # The own-harm flag with nothing ever below the threshold describes no shortfall: B.
    pytest.param((95, 80, 85, 85, True), AbcClass.B, id="B: own-harm flag, never below"),
    # Gap: improving, not caused by the enterprise, still below the threshold → no class.
    pytest.param((75, 80, 60, 60, False), AbcClass.NOT_CLASSIFIED, id="gap: improving below"),
    pytest.param((60, 80, 60, 60, False), AbcClass.NOT_CLASSIFIED, id="gap: nothing caused"),
]


@pytest.mark.parametrize(("numbers", "expected"), OUTCOME_CASES)
def test_outcome_rules(numbers, expected):
    *values, own_harm = numbers
    assert classify_outcome(make(*values, own_harm=own_harm)) is expected


@pytest.mark.parametrize(("numbers", "expected"), OUTCOME_CASES)
def test_outcome_rules_hold_when_lower_is_better(numbers, expected):
    *values, own_harm = numbers
    assert classify_outcome(mirrored(*values, own_harm=own_harm)) is expected


@pytest.mark.parametrize(("numbers", "_expected"), OUTCOME_CASES)
def test_b_needs_no_causation_but_a_and_c_do(numbers, _expected):
    """Impact Frontiers: B "does not require causation"; A and C "require change over time
    that is caused by the enterprise"."""
    *values, own_harm = numbers
    profile = make(*values, own_harm=own_harm)
    abc = classify_outcome(profile)
    if abc in (AbcClass.A, AbcClass.C):
        assert profile.caused_change
    if abc is AbcClass.B:
        assert profile.is_positive


def test_a_and_c_differ_only_in_who_caused_the_shortfall():
    """ "They differ with regard to whether the original below-threshold outcome was
    originally caused by the enterprise itself ('Act to avoid harm') or not"."""
    assert classify_outcome(make(85, 80, 70, 72, own_harm=False)) is AbcClass.C
    assert classify_outcome(make(85, 80, 70, 72, own_harm=True)) is AbcClass.A


def test_threshold_equality_both_ways():
    """Convention ``inclusive_threshold``: at the threshold counts as reaching it (default)
    or must surpass it ("surpasses … threshold", Impact Frontiers' What page)."""
    at = make(80, 80, 70, 70)
    assert classify_outcome(at) is AbcClass.C
    assert classify_outcome(at, inclusive_threshold=True) is AbcClass.C
    assert classify_outcome(at, inclusive_threshold=False) is AbcClass.NOT_CLASSIFIED
    assert at.meets_threshold() and not at.meets_threshold(inclusive_threshold=False)


def test_prospective_and_retrospective_classify_alike_but_read_differently():
    """ "Outcomes can be classified prospectively based on goals, or retrospectively based on
    performance" – the rule is the same, the wording differs."""
    goal = make(85, 80, 70, 72, basis="mål")
    done = make(85, 80, 70, 72, basis="utfall")
    assert goal.basis is Basis.GOAL and done.basis is Basis.PERFORMANCE
    assert classify_outcome(goal) is classify_outcome(done) is AbcClass.C
    assert "förväntas nå" in explain_outcome(goal, "sv")
    assert "förväntas" not in explain_outcome(done, "sv") and " når " in explain_outcome(done, "sv")
    assert "is expected to reach" in explain_outcome(goal, "en")


# --- the computed dimensions -------------------------------------------------------------


def test_depth_contribution_and_underserved_are_computed_with_direction():
    up = make(85, 80, 70, 72)
    assert (up.depth, up.contribution_depth, up.underserved_gap) == (15, 13, 10)
    down = mirrored(85, 80, 70, 72)
    assert (down.depth, down.contribution_depth, down.underserved_gap) == (15, 13, 10)
    assert up.is_positive and down.is_positive


def test_anyway_share_is_the_deadweight_like_part_of_the_change():
    """(counterfactual − baseline) / (level − baseline): Granbacka's R2 goes from 85 to 95
    and would have reached 88 anyway, so 3 / 10 = 30 % would have happened anyway
    (computed from the fictional example's figures)."""
    r2 = next(p for p in load_example_profiles() if p.outcome_id == "R2")
    assert r2.anyway_share() == pytest.approx(0.3)
    assert make(85, 80, 70, 85).anyway_share() == 1.0  # all of it would have happened
    assert make(85, 80, 70, 60).anyway_share() == 0.0  # it would have got worse: clipped
    assert make(70, 80, 70, 60).anyway_share() is None  # no change to share


def test_ratings_accept_swedish_and_english_and_sum_to_a_score():
    assert parse_rating("Hög") is Rating.HIGH
    assert parse_rating(" low ") is Rating.LOW
    assert parse_rating("medium") is Rating.MEDIUM
    assert parse_rating("kanske") == "kanske"  # left for validation to report
    risks = RiskRatings(**{**ALL_LOW, "external": "high", "drop_off": "medel"})
    assert risks.get(RiskType.EXTERNAL) is Rating.HIGH
    assert risks.get("drop_off") is Rating.MEDIUM
    assert risks.score() == 7 * 1 + 2 + 3
    assert risks.highest() is Rating.HIGH
    assert (risks.count("låg"), risks.count(Rating.HIGH)) == (7, 1)
    assert [r for r, _ in risks.items()] == list(RiskType)


def test_nine_risk_types_and_endurance_is_marked_unverified():
    """§3.2: nine types; the ninth, endurance risk, is unverified in the reference."""
    assert len(RiskType) == 9
    assert [r for r in RiskType if not r.verified] == [RiskType.ENDURANCE]
    assert "Overifierad" in RiskType.ENDURANCE.definition("sv")
    assert "Unverified" in RiskType.ENDURANCE.definition("en")
    for risk in RiskType:
        assert risk.label("sv") != risk.label("en")
        if risk.verified:
            assert "erifi" not in risk.definition("sv")
    assert RiskType.DROP_OFF.label("sv") == "Risk för avtagande"
    assert RiskType.EVIDENCE.label("en") == "Evidence risk"


# --- the fictional example ---------------------------------------------------------------


def test_example_is_fictional_and_matches_the_logic_model(granbacka):
    assert example_is_fictional()
    text = (EXAMPLES_DIR / "granbacka_fem_dimensioner.yaml").read_text(encoding="utf-8")
    assert text.startswith("# FICTIONAL")
    model = load_example().logic_model
    outcomes = {e.id: e for e in model.by_level(Level.OUTCOME)}
    assert [p.outcome_id for p in granbacka] == sorted(outcomes) == ["R1", "R2", "R3", "R4", "R5"]
    stakeholders = {s.id for s in model.stakeholders}
    for profile in granbacka:
        element = outcomes[profile.outcome_id]
        assert profile.what.outcome == element.text
        assert profile.who.stakeholder == element.stakeholder
        assert profile.who.stakeholder in stakeholders
        assert profile.what.threshold_source.startswith("Fiktivt")


def test_granbacka_outcome_classes(granbacka):
    """The fictional example shows every kind of result: C, B, A, the gap, and C exactly
    at the threshold (R5: 50 against 50)."""
    classes = {p.outcome_id: classify_outcome(p) for p in granbacka}
    assert classes == {
        "R1": AbcClass.C,
        "R2": AbcClass.B,
        "R3": AbcClass.A,
        "R4": AbcClass.NOT_CLASSIFIED,
        "R5": AbcClass.C,
    }
    strict = {p.outcome_id: classify_outcome(p, inclusive_threshold=False) for p in granbacka}
    assert strict["R5"] is AbcClass.NOT_CLASSIFIED
    assert {k: v for k, v in strict.items() if k != "R5"} == {
        k: v for k, v in classes.items() if k != "R5"
    }


def test_granbacka_explanations_name_the_numbers(granbacka):
    r3 = next(p for p in granbacka if p.outcome_id == "R3")
    text = explain_outcome(r3, "sv")
    assert text.startswith("R3: A – Agera för att undvika skada.")
    assert "50" in text and "100" in text and "75" in text
    assert explain_outcome(r3, "en").startswith("R3: A – Act to avoid harm.")
    r4 = next(p for p in granbacka if p.outcome_id == "R4")
    assert "lucka" in explain_outcome(r4, "sv") and "gap" in explain_outcome(r4, "en")


# --- ABC at enterprise level (Impact Frontiers; reference §3.3) ----------------------------


def profiles_of(*specs) -> list[ImpactProfile]:
    return [make(*s[:4], own_harm=s[4], significant=s[5], outcome_id=f"X{i}")
            for i, s in enumerate(specs, start=1)]  # fmt: skip


B = (90, 80, 85, 90, False, True)
C = (85, 80, 70, 72, False, True)
A = (75, 80, 60, 60, True, True)
HARM = (60, 80, 60, 60, True, True)
HARM_MINOR = (60, 80, 60, 60, True, False)  # not significant
NONE = (75, 80, 60, 60, False, True)


def test_enterprise_harm_blocks_every_class():
    """ "Organizations causing significant negative impacts that are not improving are
    classified as Does cause harm … cannot be classified as A, B or C overall"."""
    assert classify_enterprise(profiles_of(HARM, C, B, A)) is AbcClass.DOES_CAUSE_HARM
    assert classify_enterprise(profiles_of(HARM)) is AbcClass.DOES_CAUSE_HARM


def test_enterprise_counts_only_significant_outcomes():
    """ "Classifying each of an organization's significant outcomes enables classification
    of the organization as a whole"."""
    assert classify_enterprise(profiles_of(HARM_MINOR, C)) is AbcClass.C


def test_enterprise_b_when_all_negatives_are_a():
    """ "at least one Benefit stakeholders impact … 'B' overall if all other significant
    negative impacts are 'A's'"."""
    assert classify_enterprise(profiles_of(B)) is AbcClass.B
    assert classify_enterprise(profiles_of(B, A, NONE)) is AbcClass.B


def test_enterprise_c_when_all_negatives_are_at_least_a():
    """ "at least one Contribute to solutions impact … 'C' overall if all other significant
    negative impacts are at least 'A's'"."""
    assert classify_enterprise(profiles_of(C)) is AbcClass.C
    assert classify_enterprise(profiles_of(C, A, NONE)) is AbcClass.C


def test_enterprise_with_both_b_and_c_both_ways():
    """Both rules apply; the source does not rank them. Convention ``when_b_and_c``:
    "C" (default, the higher step) or "B" (the cautious reading)."""
    both = profiles_of(B, C, A)
    assert classify_enterprise(both) is AbcClass.C
    assert classify_enterprise(both, when_b_and_c="C") is AbcClass.C
    assert classify_enterprise(both, when_b_and_c="B") is AbcClass.B
    assert 'when_b_and_c="C"' in explain_enterprise(both, "sv")
    assert 'when_b_and_c="B"' in explain_enterprise(both, "en", when_b_and_c="B")


def test_enterprise_only_a_and_nothing_classifiable():
    """Gaps: only A's → A (the first rule's "at a minimum be Acting to reduce harm" and the
    source's example of an "Act to avoid harm organization"); nothing → no class."""
    assert classify_enterprise(profiles_of(A, NONE)) is AbcClass.A
    assert classify_enterprise(profiles_of(NONE)) is AbcClass.NOT_CLASSIFIED
    assert classify_enterprise(profiles_of(HARM_MINOR)) is AbcClass.NOT_CLASSIFIED


def test_enterprise_threshold_convention_is_passed_on():
    at = [make(80, 80, 70, 70, outcome_id="X1")]
    assert classify_enterprise(at) is AbcClass.C
    assert classify_enterprise(at, inclusive_threshold=False) is AbcClass.NOT_CLASSIFIED


def test_granbacka_enterprise(granbacka):
    """B (R2) and C (R1, R5), the only negative (R3) an A: C by default, B cautiously."""
    assert classify_enterprise(granbacka) is AbcClass.C
    assert classify_enterprise(granbacka, when_b_and_c="B") is AbcClass.B
    text = explain_enterprise(granbacka, "sv")
    assert "B-resultat (R2)" in text and "C-resultat (R1, R5)" in text and "(R3)" in text


# --- bad input: one SparkInputError, messages in Swedish and English ------------------------


def problem_for(error: SparkInputError, column: str):
    found = [p for p in error.problems if p.column == column]
    assert found, [p.column for p in error.problems]
    return found[0]


def test_bad_rating_names_the_risk_and_the_choices():
    bad = data(85, 80, 70, 72)
    bad["risk"]["endurance"] = "kanske"
    with pytest.raises(SparkInputError) as caught:
        profile_from_dict(bad, row=4)
    problem = problem_for(caught.value, "risk.endurance")
    assert problem.code == "value.choice" and problem.row == 4
    sv, en = problem.message("sv"), problem.message("en")
    assert sv == (
        "bladet ”effektprofiler”, rad 4, kolumnen ”risk.endurance”: ”kanske” är inget giltigt "
        "värde; välj bland låg, medel, hög."
    )
    assert en == (
        "sheet “effektprofiler”, row 4, column “risk.endurance”: “kanske” is not a valid "
        "value; choose from låg, medel, hög."
    )


def test_missing_risk_type_is_reported():
    bad = data(85, 80, 70, 72)
    del bad["risk"]["alignment"]
    with pytest.raises(SparkInputError) as caught:
        profile_from_dict(bad)
    problem = problem_for(caught.value, "risk.alignment")
    assert problem.code == "value.required"
    assert problem.message("sv").endswith("Värde saknas.")
    assert problem.message("en").endswith("A value is required.")


@pytest.mark.parametrize(
    ("path", "value", "code", "sv", "en"),
    [
        ("what.sdg", 18, "fd.sdg", "ange ett nummer från 1 till 17", "from 1 to 17"),
        ("how_much.duration_years", 0, "fd.too_small", "större än 0", "greater than 0"),
        ("how_much.scale", -5, "value.negative", "får inte vara negativt", "must not be negative"),
        ("what.level", "sjuttio", "value.not_number", "är inte ett tal", "is not a number"),
        ("what.level", float("nan"), "fd.not_finite", "inget ändligt tal", "not a finite number"),
        ("what.importance", "enorm", "value.choice", "välj bland låg, medel, hög", "choose from"),
        ("basis", "kanske", "value.choice", "välj bland mål, utfall", "choose from mål, utfall"),
        ("how_much.scale", 2.5, "value.not_integer", "inte ett heltal", "not a whole number"),
    ],
)
def test_bad_values_get_clear_messages(path, value, code, sv, en):
    bad = data(85, 80, 70, 72)
    *parents, leaf = path.split(".")
    target = bad
    for part in parents:
        target = target[part]
    target[leaf] = value
    with pytest.raises(SparkInputError) as caught:
        profile_from_dict(bad)
    problem = problem_for(caught.value, path)
    assert problem.code == code
    assert sv in problem.message("sv")
    assert en in problem.message("en")


def test_unknown_field_and_not_a_record():
    bad = data(85, 80, 70, 72)
    bad["who"]["antal"] = 3
    with pytest.raises(SparkInputError) as caught:
        profile_from_dict(bad)
    problem = problem_for(caught.value, "who.antal")
    assert "Fältet ”antal” finns inte" in problem.message("sv")
    assert "The field “antal” does not exist" in problem.message("en")
    with pytest.raises(SparkInputError) as caught:
        profile_from_dict("R1")
    assert caught.value.problems[0].code == "fd.not_a_record"


def test_every_problem_is_reported_at_once_with_rows():
    first = data(85, 80, 70, 72, outcome_id="R1")
    second = data(85, 80, 70, 72, outcome_id="R2")
    second["risk"]["evidence"] = "?"
    second["how_much"]["scale"] = -1
    third = data(85, 80, 70, 72, outcome_id="R1")
    with pytest.raises(SparkInputError) as caught:
        profiles_from_data([first, second, third])
    found = {(p.row, p.column, p.code) for p in caught.value.problems}
    assert found == {
        (3, "risk.evidence", "value.choice"),
        (3, "how_much.scale", "value.negative"),
        (4, "outcome_id", "id.duplicate"),
    }
    assert caught.value.message("sv").startswith("3 problem hittades:")
    assert "(även på rad 2)" in caught.value.message("sv")
    assert "(also on row 2)" in caught.value.message("en")


def test_direct_construction_raises_spark_input_error_too():
    with pytest.raises(SparkInputError) as caught:
        What(outcome="x", indicator="y", level=1, threshold=2, importance="jättehög")
    assert caught.value.problems[0].column == "importance"


def test_with_changes_returns_a_new_valid_profile_or_a_clear_error(granbacka):
    r1 = granbacka[0]
    changed = r1.with_changes({"what.level": 58, "risk.execution": "hög"})
    assert changed.what.level == 58 and changed.risk.execution is Rating.HIGH
    assert r1.what.level == 70  # the original is untouched
    assert classify_outcome(changed) is AbcClass.NOT_CLASSIFIED  # 58 is below 60
    with pytest.raises(SparkInputError) as caught:
        r1.with_changes({"what.nivå": 80, "risk.execution": "jätte"})
    codes = {(p.column, p.code) for p in caught.value.problems}
    assert codes == {("what.nivå", "fd.unknown_field"), ("risk.execution", "value.choice")}


def test_enterprise_input_errors():
    with pytest.raises(SparkInputError) as caught:
        classify_enterprise([])
    assert (
        caught.value.message("sv")
        == "bladet ”effektprofiler”: Det finns inga effektprofiler att klassa."
    )
    assert "There are no impact profiles" in caught.value.message("en")
    with pytest.raises(SparkInputError) as caught:
        classify_enterprise([make(85, 80, 70, 72), {"outcome_id": "R2"}])
    assert caught.value.problems[0].row == 3
    assert "dict är ingen effektprofil" in caught.value.message("sv")
    with pytest.raises(SparkInputError) as caught:
        classify_enterprise([make(85, 80, 70, 72)], when_b_and_c="A")
    assert "välj bland C, B" in caught.value.message("sv")


# --- the profile chart ---------------------------------------------------------------------


def chart_texts(chart) -> list[str]:
    return [text.get_text() for text in chart.figure.axes[0].texts]


def test_chart_has_a_cell_with_text_for_every_dimension_and_risk(granbacka):
    chart = draw_impact_profiles(granbacka, "sv", "Granbacka (påhittat exempel)")
    texts = chart_texts(chart)
    for profile in granbacka:
        assert any(t.startswith(f"{profile.outcome_id}: ") for t in texts)
    # every risk rating is written out: 5 outcomes × 9 risks
    assert sum(t in ("låg", "medel", "hög") for t in texts) == len(granbacka) * 9
    assert "C – Bidra till\nlösningar" in texts and "Ingen ABC-klass" in texts
    assert "55 → 70" in texts  # depth of R1
    assert any(t == "Uthållighets-\nrisk*" for t in texts)  # unverified, starred


def test_chart_colours_are_never_the_only_cue():
    assert len({fill for fill, _ in RISK_COLOURS.values()}) == 3
    assert len(set(ABC_COLOURS.values())) == len(AbcClass)
    assert set(RISK_COLOURS) == set(Rating)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", ["Diagram: Granbacka", "nio effektriskerna", "Uthållighetsrisk medel", "R4"]),
        ("en", ["Chart: Granbacka", "nine impact risks", "Endurance risk medium", "No ABC class"]),
    ],
)
def test_alt_text_describes_every_outcome(granbacka, lang, words):
    alt = impact_profiles_alt_text(granbacka, lang, "Granbacka")
    for word in words:
        assert word in alt
    for profile in granbacka:
        assert profile.what.outcome in alt
        assert classify_outcome(profile).label(lang) in alt


def test_chart_exports_with_alt_text_and_draws_a_single_outcome(granbacka):
    chart = draw_impact_profiles(granbacka[:1], "en")
    assert chart.alt_text.startswith("Chart: Impact profiles.")
    assert chart.to_bytes("png")[:8] == b"\x89PNG\r\n\x1a\n"
    svg = chart.to_bytes("svg").decode()
    assert "Evidence risk" in svg  # text kept as text
    assert f'alt="{chart.alt_text[:20]}' in chart.html()
    assert 'role="img"' in chart.svg_html()


# --- every message key these modules use exists in both languages ---------------------------

_SOURCES = [
    "impact/five_dimensions.py",
    "impact/five_dimensions_exercises.py",
    "viz/impact_profile_chart.py",
]
_KEY = re.compile(r'"((?:fd|value|id)\.[a-z_.]+)"')


def test_every_key_used_exists():
    used = set()
    for name in _SOURCES:
        used |= set(_KEY.findall((PACKAGE_DIR / name).read_text(encoding="utf-8")))
    # keys built with f-strings
    used |= {f"fd.rating.{r.value}" for r in Rating}
    used |= {f"fd.risk.{r.value}" for r in RiskType} | {f"fd.risk_def.{r.value}" for r in RiskType}
    used |= {f"fd.abc.{k}" for k in ("a", "b", "c", "harm", "none")}
    used |= {f"fd.basis_verb.{b.value}" for b in Basis}
    used |= {f"fd.chart.col.{c}" for c in DIM_COLUMNS}
    assert len(used) > 60
    assert sorted(k for k in used if k not in MESSAGES and not k.endswith(".")) == []


def test_every_reason_key_exists():
    source = (PACKAGE_DIR / "impact/five_dimensions.py").read_text(encoding="utf-8")
    reasons = set(re.findall(r'return AbcClass\.[A-Z_]+, "([a-z_]+)"$', source, re.M))
    assert len(reasons) == 8
    for reason in reasons:
        assert f"fd.reason.{reason}" in MESSAGES
    for reason in ("harm", "b_and_c_c", "b_and_c_b", "c", "b", "a", "none"):
        assert f"fd.enterprise.{reason}" in MESSAGES


def test_yaml_example_loads_as_plain_yaml():
    raw = yaml.safe_load((EXAMPLES_DIR / "granbacka_fem_dimensioner.yaml").read_text("utf-8"))
    assert raw["fictional"] is True
    assert len(raw["profiles"]) == 5
