"""Self-checking exercises for the five-dimensions module (notebooks/03_fem_dimensioner.ipynb).

Both checkers return :class:`~spark_kit.impact.exercises.Feedback` and take their key from
the package's own rules (:func:`~spark_kit.impact.five_dimensions.classify_outcome` and
:func:`~spark_kit.impact.five_dimensions.classify_enterprise`), so an exercise can never
disagree with what the notebook teaches. The profiles are the fictional Granbacka
byakooperativ's (:func:`~spark_kit.impact.five_dimensions.load_example_profiles`).

>>> check_exercise_1(exercise_1_solution(), "en").correct
True
"""

from __future__ import annotations

from spark_kit.i18n import format_number, t
from spark_kit.impact.exercises import Feedback, _feedback, _norm
from spark_kit.impact.five_dimensions import (
    AbcClass,
    ImpactProfile,
    classify_enterprise,
    classify_outcome,
    explain_outcome,
    load_example_profiles,
)

# --- Exercise 1: which ABC class does each outcome get? --------------------------------

#: Words accepted for each class besides the AbcClass values, lower-case (sv and en).
ABC_WORDS: dict[str, AbcClass] = {
    **{abc.value.casefold(): abc for abc in AbcClass},
    "a": AbcClass.A, "b": AbcClass.B, "c": AbcClass.C,
    "agera för att undvika skada": AbcClass.A, "act to avoid harm": AbcClass.A,
    "gynna intressenter": AbcClass.B, "benefit stakeholders": AbcClass.B,
    "bidra till lösningar": AbcClass.C, "contribute to solutions": AbcClass.C,
    "orsakar skada": AbcClass.DOES_CAUSE_HARM, "skada": AbcClass.DOES_CAUSE_HARM,
    "does cause harm": AbcClass.DOES_CAUSE_HARM, "harm": AbcClass.DOES_CAUSE_HARM,
    "ingen klass": AbcClass.NOT_CLASSIFIED, "ingen": AbcClass.NOT_CLASSIFIED,
    "ingen abc-klass": AbcClass.NOT_CLASSIFIED, "none": AbcClass.NOT_CLASSIFIED,
    "no class": AbcClass.NOT_CLASSIFIED, "no abc class": AbcClass.NOT_CLASSIFIED,
    "not classified": AbcClass.NOT_CLASSIFIED,
}  # fmt: skip


def parse_abc(value: AbcClass | str) -> AbcClass | None:
    """An :class:`AbcClass` from a class or a word in Swedish or English, else ``None``.

    >>> parse_abc("c"), parse_abc("Orsakar skada"), parse_abc("D")
    (<AbcClass.C: 'C'>, <AbcClass.DOES_CAUSE_HARM: 'orsakar skada'>, None)
    """
    if isinstance(value, AbcClass):
        return value
    if not isinstance(value, str):
        return None
    text = _norm(value)
    found = ABC_WORDS.get(text)
    if found is None and len(text) > 2 and text[1:2] in ("–", "-", " "):
        found = ABC_WORDS.get(text[:1])  # "C – Bidra till lösningar"
    return found


def exercise_1_profiles() -> list[ImpactProfile]:
    """The profiles to classify: Granbacka's outcomes R1–R5."""
    return load_example_profiles()


def exercise_1_solution() -> dict[str, AbcClass]:
    """The right answer to exercise 1, from :func:`classify_outcome`."""
    return {p.outcome_id: classify_outcome(p) for p in exercise_1_profiles()}


def check_exercise_1(answers: dict[str, AbcClass | str], lang: str | None = None) -> Feedback:
    """Check ``{outcome id: class}`` for R1–R5.

    A class may be an :class:`AbcClass` or a word: ``"A"``, ``"b"``, ``"orsakar skada"``,
    ``"ingen klass"``, ``"does cause harm"``, ``"none"`` … Every wrong answer is explained
    with the rule that decides the right class, and the outcome's own numbers.
    """
    profiles = {p.outcome_id: p for p in exercise_1_profiles()}
    key = {outcome_id: classify_outcome(p) for outcome_id, p in profiles.items()}
    ids = ", ".join(key)
    given: dict[str, AbcClass | str] = {}
    points = []
    for outcome_id, value in answers.items():
        known = str(outcome_id).strip().upper()
        if known not in key:
            points.append(t("fd.ex1.unknown_id", lang, id=outcome_id, ids=ids))
        else:
            given[known] = value
    right_count = 0
    for outcome_id, right in key.items():
        if outcome_id not in given:
            points.append(t("fd.ex1.missing", lang, id=outcome_id))
            continue
        chosen = parse_abc(given[outcome_id])
        if chosen is None:
            points.append(t("fd.ex1.not_a_class", lang, id=outcome_id, value=given[outcome_id]))
        elif chosen == right:
            right_count += 1
        else:
            why = explain_outcome(profiles[outcome_id], lang)
            points.append(
                t(
                    "fd.ex1.wrong",
                    lang,
                    id=outcome_id,
                    given=chosen.label(lang),
                    right=right.label(lang),
                    why=why,
                )
            )
    if not points:
        return _feedback(True, t("fd.ex1.correct", lang, total=len(key)), [])
    verdict = t("fd.ex1.incorrect", lang, right=right_count, total=len(key))
    return _feedback(False, verdict, points)


# --- Exercise 2: the harm that does not improve -----------------------------------------

#: The outcome that is broken in exercise 2, and the only field the answer may change.
EXERCISE_2_ID = "R3"
EXERCISE_2_FIELD = "what.level"

#: Changes that would make the harm disappear from the classification without reducing it.
HIDING_FIELDS = frozenset(
    {
        "what.significant",
        "what.threshold",
        "what.higher_is_better",
        "who.baseline",
        "contribution.counterfactual_level",
        "contribution.enterprise_caused_shortfall",
    }
)


def exercise_2_profiles() -> list[ImpactProfile]:
    """Granbacka's profiles, with R3's goal set to its baseline: the association trains no
    supervisor, so the shortfall it caused itself does not improve. R3 is then "orsakar
    skada" and so is the whole enterprise."""
    profiles = load_example_profiles()
    return [
        p.with_changes({EXERCISE_2_FIELD: p.who.baseline}) if p.outcome_id == EXERCISE_2_ID else p
        for p in profiles
    ]


def check_exercise_2(profiles: list[ImpactProfile], lang: str | None = None) -> Feedback:
    """Check a repaired exercise-2 list: R3 must become an A by a better goal
    (``what.level``), so that the enterprise is no longer "orsakar skada".

    Hiding the harm is refused by name: removing R3, marking it not significant, saying
    the enterprise did not cause the shortfall, or moving the baseline, threshold or
    counterfactual. The other outcomes must stay as they were.
    """
    if not isinstance(profiles, list | tuple) or not all(
        isinstance(p, ImpactProfile) for p in profiles
    ):
        return _feedback(False, t("fd.ex2.not_profiles", lang, kind=type(profiles).__name__), [])
    start = {p.outcome_id: p for p in exercise_2_profiles()}
    given = {p.outcome_id: p for p in profiles}
    points = []
    hidden = False
    for outcome_id, before in start.items():
        now = given.get(outcome_id)
        if now is None:
            points.append(t("fd.ex2.removed", lang, id=outcome_id))
            hidden = True
            continue
        if outcome_id != EXERCISE_2_ID:
            if now != before:
                points.append(t("fd.ex2.other_changed", lang, id=outcome_id))
            continue
        for field, old, new in _changed_fields(before, now, lang):
            if field == EXERCISE_2_FIELD:
                continue
            if field in HIDING_FIELDS:
                hidden = True
                key = "fd.ex2.hidden"
            else:
                key = "fd.ex2.only_level"
            points.append(t(key, lang, id=outcome_id, field=field, old=old, new=new))
    for outcome_id in given:
        if outcome_id not in start:
            points.append(t("fd.ex2.added", lang, id=outcome_id))
    if points:
        verdict = t("fd.ex2.verdict_hidden" if hidden else "fd.ex2.verdict_other", lang)
        return _feedback(False, verdict, points)
    r3 = given[EXERCISE_2_ID]
    if classify_outcome(r3) is not AbcClass.A:
        return _feedback(
            False,
            t("fd.ex2.still_harm", lang, id=EXERCISE_2_ID),
            [
                t(
                    "fd.ex2.hint",
                    lang,
                    level=format_number(r3.what.level, lang),
                    baseline=format_number(r3.who.baseline, lang),
                    counterfactual=format_number(r3.contribution.counterfactual_level, lang),
                )
            ],
        )
    enterprise = classify_enterprise(profiles)
    return _feedback(
        True, t("fd.ex2.correct", lang, id=EXERCISE_2_ID, abc=enterprise.label(lang)), []
    )


def _changed_fields(
    before: ImpactProfile, now: ImpactProfile, lang: str | None
) -> list[tuple[str, str, str]]:
    """(path, old, new) for every field that differs, paths as in the data (what.level)."""
    old, new = before.model_dump(mode="json"), now.model_dump(mode="json")
    changed = []
    for key, value in old.items():
        if isinstance(value, dict):
            for field, inner in value.items():
                if new[key][field] != inner:
                    shown = (_show(inner, lang), _show(new[key][field], lang))
                    changed.append((f"{key}.{field}", *shown))
        elif new[key] != value:
            changed.append((key, _show(value, lang), _show(new[key], lang)))
    return changed


def _show(value: object, lang: str | None) -> str:
    if isinstance(value, bool):
        return t("fd.yes" if value else "fd.no", lang)
    if isinstance(value, int | float):
        return format_number(value, lang)
    return str(value)


__all__ = [
    "Feedback",
    "check_exercise_1",
    "check_exercise_2",
    "exercise_1_profiles",
    "exercise_1_solution",
    "exercise_2_profiles",
    "parse_abc",
]
