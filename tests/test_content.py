"""The shipped knowledge, held to the clinical reference (shared/reference/clinical-facts.md).

These tests encode the facts that are easy to get wrong (its sections 0 and 9): sciatica is
a pattern with causes; facet arthritis and disc degeneration reach the foot only through root
compression or narrowing; cauda equina syndrome is an emergency; guideline advice against a
treatment always carries its reason; and names that lay people mix up resolve apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from footspine.knowledge import files
from footspine.knowledge.model import Condition, Knowledge
from footspine.knowledge.reading import SHIPPED, read_all

from .conftest import CliRunner, app

SPINAL = [
    "herniated-disc",
    "sciatica",
    "degenerative-spondylolisthesis",
    "isthmic-spondylolisthesis",
    "spinal-stenosis",
    "facet-arthritis",
    "degenerative-disc-disease",
    "cauda-equina-syndrome",
]
MIMICS = [
    "plantar-fasciitis",
    "tarsal-tunnel-syndrome",
    "peripheral-neuropathy",
    "mortons-neuroma",
    "peroneal-neuropathy",
    "peripheral-arterial-disease",
    "gout",
    "ankle-sprain",
]
MECHANISMS = [
    "root-compression",
    "chemical-radiculitis",
    "herniation-regression",
    "vertebral-slip",
    "bony-narrowing",
    "disc-height-loss",
    "posture-dependence",
]
EMERGENCY_FLAGS = {"saddle-numbness", "bladder-problems", "bowel-problems", "both-legs-sciatica", "sexual-dysfunction"}
ADVISED_AGAINST = ["bed-rest", "gabapentinoids", "oral-corticosteroids", "benzodiazepines", "opioids"]


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    loaded, _ = files.load(read_all([SHIPPED]))
    return loaded


def condition(knowledge: Knowledge, condition_id: str) -> Condition:
    return next(c for c in knowledge.conditions if c.id == condition_id)


def test_scope_is_complete(knowledge: Knowledge) -> None:
    ids = {c.id for c in knowledge.conditions}
    assert set(SPINAL + MIMICS) <= ids
    assert set(MECHANISMS) <= {m.id for m in knowledge.mechanisms}
    assert {"l4", "l5", "s1", "s2-s4"} <= {r.id for r in knowledge.roots}
    assert {"emergency", "urgent", "soon"} == {f.urgency for f in knowledge.red_flags}
    assert {"999", "911", "112"} <= {n.number for n in knowledge.emergency_numbers}
    tiers = {t.tier for t in knowledge.treatments}
    assert tiers == {"self-care", "conservative", "medicines", "injections", "surgery"}


@pytest.mark.parametrize("condition_id", SPINAL)
def test_every_spinal_condition_has_mechanism_root_and_emergency_flags(knowledge: Knowledge, condition_id: str) -> None:
    c = condition(knowledge, condition_id)
    assert c.kind in ("spinal", "emergency")
    assert c.mechanisms, condition_id
    assert c.roots, condition_id
    assert set(c.red_flags) >= EMERGENCY_FLAGS, condition_id
    assert c.pathways, condition_id
    assert c.icd10cm is not None and c.icd10cm.codes and c.icd10cm.code_set.startswith("FY")


@pytest.mark.parametrize("condition_id", ["facet-arthritis", "degenerative-disc-disease"])
def test_facets_and_disc_wear_reach_the_foot_only_through_the_root(knowledge: Knowledge, condition_id: str) -> None:
    c = condition(knowledge, condition_id)
    assert set(c.mechanisms) <= {"root-compression", "bony-narrowing", "disc-height-loss", "posture-dependence"}
    assert "chemical-radiculitis" not in c.mechanisms
    text = f"{c.summary} {c.how_it_reaches_the_foot}".lower()
    assert re.search(r"(on (its|their) own|by itself|not directly|does not)", text), text


def test_sciatica_is_a_pattern_with_causes(knowledge: Knowledge) -> None:
    c = condition(knowledge, "sciatica")
    causes = {cause.condition: cause for cause in c.causes}
    assert {"herniated-disc", "spinal-stenosis"} <= set(causes)
    assert {"degenerative-spondylolisthesis", "isthmic-spondylolisthesis"} & set(causes)
    assert re.search(r"85.{1,8}90", causes["herniated-disc"].share)


def test_cauda_equina_is_an_emergency_without_self_care(knowledge: Knowledge, runner: CliRunner) -> None:
    c = condition(knowledge, "cauda-equina-syndrome")
    assert c.kind == "emergency"
    tiers = {t.id: t.tier for t in knowledge.treatments}
    assert {tiers[link.treatment] for link in c.treatments} <= {"surgery"}
    result = runner.invoke(app, ["explain", "cauda-equina-syndrome"])
    assert 0 <= result.stdout.index("EMERGENCY") < result.stdout.index("What it is")


def test_advice_against_is_marked_with_a_reason(knowledge: Knowledge) -> None:
    treatments = {t.id: t for t in knowledge.treatments}
    for treatment_id in ADVISED_AGAINST:
        t = treatments[treatment_id]
        assert t.stance == "not-recommended", treatment_id
        assert len(t.not_recommended_reason) > 20, treatment_id
    for c in knowledge.conditions:
        for link in c.treatments:
            stance = link.stance or treatments[link.treatment].stance
            if stance == "not-recommended":
                assert link.reason or treatments[link.treatment].not_recommended_reason, (c.id, link.treatment)


def test_epidurals_are_advised_against_for_central_stenosis(knowledge: Knowledge) -> None:
    c = condition(knowledge, "spinal-stenosis")
    link = next(link for link in c.treatments if link.treatment == "epidural-steroid-injection")
    assert link.stance == "not-recommended"
    assert link.reason


def test_sciatica_shows_the_drugs_nice_advises_against(runner: CliRunner) -> None:
    result = runner.invoke(app, ["treatments", "sciatica"])
    against = result.stdout.split("Advised against by guidelines")[1]
    for name in ("Gabapentinoids", "corticosteroids", "Benzodiazepines", "Bed rest"):
        assert name.lower() in against.lower(), name


def test_every_condition_is_sourced_and_reviewed(knowledge: Knowledge) -> None:
    sources = {s.id: s for s in knowledge.sources}
    for c in knowledge.conditions:
        assert c.sources, c.id
        assert all(sources[s].url.startswith("http") for s in c.sources)
        # Reviewed on a date, or honest that some facts are still being checked (never both).
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.reviewed) or c.to_check, c.id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("slipped disc", "herniated-disc"),
        ("slipped disk", "herniated-disc"),
        ("herniated disc", "herniated-disc"),
        ("bulging disc", "herniated-disc"),
        ("spinal stenosis", "spinal-stenosis"),
        ("spinal bone spurs", "facet-arthritis"),
        ("lumbar spondylosis", "facet-arthritis"),
        ("CES", "cauda-equina-syndrome"),
        ("foot drop", None),
    ],
)
def test_names_people_type_resolve(runner: CliRunner, name: str, expected: str | None) -> None:
    result = runner.invoke(app, ["explain", *name.split(), "-f", "json"])
    if expected is None:
        assert result.exit_code in (0, 1)
        return
    assert result.exit_code == 0, result.stderr
    import json

    assert json.loads(result.stdout)["result"]["condition"]["id"] == expected


def test_slipped_disc_and_slipped_vertebra_resolve_apart(runner: CliRunner) -> None:
    disc = runner.invoke(app, ["explain", "slipped", "disc", "-f", "json"])
    vertebra = runner.invoke(app, ["explain", "slipped", "vertebra", "-f", "json"])
    import json

    assert json.loads(disc.stdout)["result"]["condition"]["id"] == "herniated-disc"
    assert vertebra.exit_code == 0
    members = [m["id"] for m in json.loads(vertebra.stdout)["result"]["members"]]
    assert members and all("spondylolisthesis" in m for m in members)


def test_pinched_nerve_does_not_silently_pick_one(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "pinched", "nerve"], catch_exceptions=False)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "footspine explain sciatica" in text and "footspine explain herniated-disc" in text


@pytest.mark.parametrize("condition_id", MIMICS)
def test_mimics_say_they_are_not_from_the_spine(knowledge: Knowledge, runner: CliRunner, condition_id: str) -> None:
    c = condition(knowledge, condition_id)
    assert c.kind == "mimic"
    assert len(c.telling_apart) > 60
    assert not c.mechanisms and not c.roots
    assert c.from_the_spine.startswith("No."), c.id
    result = runner.invoke(app, ["explain", condition_id], catch_exceptions=False)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert re.search(r"Does it come from your back\? -+ No\.", text), text[:600]


DOSE = re.compile(
    r"\b\d+(\.\d+)?\s?(mg|mcg|µg|micrograms?|milligrams?|units?)\b|\b(once|twice|three times) (a|per) day\b"
    r"|\bevery \d+ hours\b|\bdaily dose\b",
    re.IGNORECASE,
)


def test_no_doses_anywhere(knowledge: Knowledge) -> None:
    text = Path(SHIPPED).read_text()
    found = DOSE.findall(text)
    assert not found, found


def test_icd10_codes_are_current(knowledge: Knowledge) -> None:
    codes = {code.code for c in knowledge.conditions if c.icd10cm for code in c.icd10cm.codes}
    assert "M48.06" not in codes  # split in FY2018 into M48.061 / M48.062
    assert "M54.5" not in codes  # deleted in FY2022
    assert not {"M51.36", "M51.37"} & codes  # split in FY2025
    assert {"M51.16", "M48.062", "G83.4", "M43.16"} <= codes


def test_roots_follow_the_reference(knowledge: Knowledge) -> None:
    roots = {r.id: r for r in knowledge.roots}
    assert "ankle" in roots["s1"].reflex.lower() or "achilles" in roots["s1"].reflex.lower()
    assert "knee" in roots["l4"].reflex.lower()
    assert re.search(r"no (reliable|standard)|not reliabl|none", roots["l5"].reflex.lower())
    assert "big toe" in roots["l5"].skin_area.lower()
    assert set(roots["s2-s4"].foot_regions) == {"saddle"}
