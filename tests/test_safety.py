"""Safety rules, each pinned once: emergency advice reaches the person on every path that can
lead to an emergency, nothing falsely reassures, and the validator refuses files that would
weaken either. The tests check rules, not sentences, so the wording can improve freely.

Every CLI call propagates exceptions (`catch_exceptions=False`), so a crash fails the test
instead of passing as an exit code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import Result

from footspine.knowledge import files
from footspine.knowledge.model import Knowledge
from footspine.knowledge.problems import KnowledgeError
from footspine.knowledge.reading import SHIPPED, read_all
from footspine.knowledge.source_policy import copy_site

from .conftest import CliRunner, app

CES_SIGNS = {"saddle-numbness", "bladder-problems", "bowel-problems", "both-legs-sciatica", "sexual-dysfunction"}
BANNER = "EMERGENCY SIGNS:"
FIRST_SCREEN = 25


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    loaded, _ = files.load(read_all([SHIPPED]))
    return loaded


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def spinal_ids(knowledge: Knowledge) -> list[str]:
    return [c.id for c in knowledge.conditions if c.kind == "spinal"]


def all_condition_ids() -> list[str]:
    loaded, _ = files.load(read_all([SHIPPED]))
    return [c.id for c in loaded.conditions]


# --- emergency advice on every path ---------------------------------------------------------


@pytest.mark.parametrize("command", ["explain", "treatments"])
@pytest.mark.parametrize("condition_id", all_condition_ids())
def test_every_condition_page_shows_emergency_advice_on_its_first_screen(
    runner: CliRunner, knowledge: Knowledge, command: str, condition_id: str
) -> None:
    result = run(runner, command, condition_id)
    assert result.exit_code == 0, result.output
    first = "\n".join(result.stdout.splitlines()[:FIRST_SCREEN])
    kind = next(c.kind for c in knowledge.conditions if c.id == condition_id)
    if kind == "emergency":
        assert "EMERGENCY" in first and "999" in first
    elif kind == "red-flag":
        assert re.search(r"EMERGENCY|Urgent", first), first
    else:
        assert BANNER in first, first
        assert "999" in first and "911" in first


@pytest.mark.parametrize("color", ["never", "always"])
def test_the_banner_reaches_the_first_screen_in_the_terminal_view_too(runner: CliRunner, color: str) -> None:
    result = run(runner, "explain", "herniated-disc", "--color", color)
    lines = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).splitlines()
    assert any("EMERGENCY SIGNS" in line for line in lines[:FIRST_SCREEN])


def test_every_condition_page_lists_the_cauda_equina_signs_in_full(runner: CliRunner, knowledge: Knowledge) -> None:
    flags = {f.id: f for f in knowledge.red_flags}
    for condition in knowledge.conditions:
        out = run(runner, "explain", condition.id, "--format", "json").stdout
        for sign in CES_SIGNS:
            assert flags[sign].sign.split(".")[0][:40] in " ".join(out.split()), (condition.id, sign)


def test_the_saddle_root_opens_with_the_emergency_box(runner: CliRunner) -> None:
    result = run(runner, "roots", "S2-S4")
    assert result.exit_code == 0
    first = "\n".join(result.stdout.splitlines()[:8])
    assert "EMERGENCY" in first
    assert "999" in result.stdout


@pytest.mark.parametrize("mechanism", ["root-compression", "bony-narrowing"])
def test_mechanisms_that_can_cause_cauda_equina_show_the_emergency_banner(runner: CliRunner, mechanism: str) -> None:
    result = run(runner, "mechanisms", mechanism)
    assert result.exit_code == 0
    assert BANNER in "\n".join(result.stdout.splitlines()[:12])


@pytest.mark.parametrize("words", [["cant", "pee"], ["numb", "bum"], ["back", "pain", "and", "wet", "myself"]])
def test_search_for_cauda_equina_words_leads_with_an_emergency_line(runner: CliRunner, words: list[str]) -> None:
    result = run(runner, "search", *words)
    assert result.exit_code == 0
    head = "\n".join(result.stdout.splitlines()[:6])
    assert "emergenc" in head.lower() and "999" in head


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("fever", "infection-signs"),
        ("cancer", "cancer-signs"),
        ("cancer and numb legs", "cancer-with-nerve-symptoms"),
        ("weight loss", "cancer-signs"),
        ("epidural abscess", "infection-signs"),
    ],
)
def test_red_flags_are_searchable_and_rank_first(runner: CliRunner, words: str, expected: str) -> None:
    import json

    result = run(runner, "search", *words.split(), "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)["result"]
    assert found["warning_signs"], words
    assert expected in [f["id"] for f in found["warning_signs"]]


def test_cold_foot_reaches_the_limb_ischaemia_page_or_sign(runner: CliRunner) -> None:
    import json

    found = json.loads(run(runner, "search", "cold", "pale", "foot", "--format", "json").stdout)["result"]
    ids = [f["id"] for f in found["warning_signs"]] + [h["id"] for h in found["hits"][:3]]
    assert any("ischaemia" in i for i in ids), ids


def test_plain_symptom_words_do_not_raise_a_false_alarm(runner: CliRunner) -> None:
    import json

    found = json.loads(run(runner, "search", "numb", "big", "toe", "--format", "json").stdout)["result"]
    assert not [f for f in found["warning_signs"] if f["urgency"] == "emergency"]


@pytest.mark.parametrize("name", ["saddle numbness", "cant pee", "numb bum"])
def test_a_miss_on_red_flag_words_leads_with_the_emergency_advice(runner: CliRunner, name: str) -> None:
    result = run(runner, "explain", *name.split())
    assert result.exit_code in (0, 1)
    text = result.stdout if result.exit_code == 0 else result.stderr
    assert "EMERGENCY" in text.splitlines()[0].upper() or "EMERGENCY" in "\n".join(text.splitlines()[:6])
    assert "999" in text


# --- urgency is right -------------------------------------------------------------------------


def test_cancer_with_nerve_symptoms_is_an_emergency_and_without_them_urgent_within_a_day(
    knowledge: Knowledge,
) -> None:
    flags = {f.id: f for f in knowledge.red_flags}
    assert flags["cancer-with-nerve-symptoms"].urgency == "emergency"
    assert "ng234" in " ".join(flags["cancer-with-nerve-symptoms"].sources)
    assert flags["cancer-signs"].urgency == "urgent"
    assert "24 hours" in flags["cancer-signs"].action


def test_every_spinal_condition_lists_the_cancer_emergency(knowledge: Knowledge) -> None:
    for condition in knowledge.conditions:
        if condition.kind == "spinal":
            assert "cancer-with-nerve-symptoms" in condition.red_flags, condition.id


def test_nothing_says_a_bladder_scan_or_single_test_makes_cauda_equina_unlikely(knowledge: Knowledge) -> None:
    text = " ".join(Path(SHIPPED).read_text().split())
    for sentence in re.split(r"(?<=[.;])\s", text):
        if re.search(r"residual|bladder scan|single test", sentence, re.IGNORECASE):
            reassures = re.search(r"\bunlikely\b|rules? (it )?out|excludes?\b", sentence, re.IGNORECASE)
            negated = re.search(r"\b(not|no)\b", sentence, re.IGNORECASE)
            assert not reassures or negated, sentence


def test_both_leg_walking_pattern_is_told_apart_from_the_emergency(runner: CliRunner) -> None:
    for condition_id in ("spinal-stenosis", "degenerative-spondylolisthesis"):
        out = " ".join(run(runner, "explain", condition_id).stdout.split())
        assert "usual pattern" in out
        assert re.search(r"new way|quickly worse", out), condition_id


# --- accuracy ---------------------------------------------------------------------------------


def _link(knowledge: Knowledge, condition_id: str, treatment_id: str) -> str:
    condition = next(c for c in knowledge.conditions if c.id == condition_id)
    treatments = {t.id: t for t in knowledge.treatments}
    link = next(link for link in condition.treatments if link.treatment == treatment_id)
    return link.stance or treatments[treatment_id].stance


def test_antidepressants_are_not_advised_against_for_sciatica(knowledge: Knowledge) -> None:
    for condition_id in ("sciatica", "herniated-disc"):
        assert _link(knowledge, condition_id, "antidepressants") == "uncertain"


def test_paracetamol_alone_is_marked_as_not_helping(knowledge: Knowledge) -> None:
    for condition_id in ("sciatica", "herniated-disc", "spinal-stenosis"):
        assert _link(knowledge, condition_id, "paracetamol") == "not-recommended"


def test_no_benzodiazepine_is_named_as_an_example_of_a_treatment_to_consider(knowledge: Knowledge) -> None:
    for treatment in knowledge.treatments:
        if treatment.stance in ("recommended", "consider"):
            text = f"{treatment.name} {treatment.what_it_is} {treatment.what_it_does}".lower()
            assert "diazepam" not in text, treatment.id


def test_hot_water_bottles_are_only_mentioned_as_a_warning(knowledge: Knowledge) -> None:
    text = " ".join(Path(SHIPPED).read_text().split())
    for sentence in re.split(r"(?<=[.])\s", text):
        if "hot-water bottle" in sentence.lower():
            assert re.search(r"\bnot\b|against|scald", sentence, re.IGNORECASE), sentence


def test_shown_text_carries_no_internal_working_notes(runner: CliRunner, knowledge: Knowledge) -> None:
    notes = re.compile(
        r"not confirmed|confirm (it|them) in|\[K\]|\[U\]|still to (check|confirm)|to be checked|TODO", re.IGNORECASE
    )
    for condition in knowledge.conditions:
        for command in (["explain", condition.id, "--clinical"], ["treatments", condition.id]):
            out = run(runner, *command).stdout
            assert not notes.search(out), (command, notes.search(out))


def test_the_l4_area_on_the_map_reaches_the_inner_foot(runner: CliRunner, knowledge: Knowledge) -> None:
    l4 = next(r for r in knowledge.roots if r.id == "l4")
    assert "inner edge of the foot" in l4.skin_area
    assert "foot-inner" in l4.foot_regions
    art = run(runner, "roots", "L4").stdout
    lines = art.splitlines()
    header = next(number for number, line in enumerate(lines) if "TOP OF FOOT" in line)
    column = lines[header].index("TOP OF FOOT")
    top_of_foot = [line[column : column + 12] for line in lines[header + 1 : header + 9]]
    assert any("░" in cells for cells in top_of_foot), art


# --- sources ----------------------------------------------------------------------------------


def test_every_source_is_at_its_publishers_address_and_has_been_checked(knowledge: Knowledge) -> None:
    for source in knowledge.sources:
        assert copy_site(source.url) is None, source.id
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source.checked), source.id


def test_entries_with_open_checks_carry_no_review_date(knowledge: Knowledge) -> None:
    for condition in knowledge.conditions:
        assert bool(condition.to_check) != bool(condition.reviewed), condition.id


# --- the validator refuses files that weaken the emergency advice ------------------------------


def _overlay(tmp_path: Path, text: str) -> list[str]:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text("schema_version: 2\n" + text)
    try:
        files.load(read_all([SHIPPED, overlay]))
    except KnowledgeError as error:
        return [p.code for p in error.problems]
    return []


def test_an_overlay_cannot_soften_a_cauda_equina_sign(tmp_path: Path) -> None:
    codes = _overlay(
        tmp_path,
        "red_flags:\n  - id: saddle-numbness\n    urgency: soon\n    sign: Odd feeling.\n    action: Wait and see.\n",
    )
    assert "FS024" in codes


def test_an_overlay_cannot_make_cauda_equina_a_routine_condition(tmp_path: Path, knowledge: Knowledge) -> None:
    codes = _overlay(
        tmp_path,
        "conditions:\n  - id: cauda-equina-syndrome\n    name: Cauda equina syndrome\n    kind: spinal\n"
        "    summary: Harmless.\n    reviewed: 2026-11-22\n    sources: [s1]\n",
    )
    assert "FS024" in codes


def test_the_validate_command_refuses_such_an_overlay(runner: CliRunner, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(
        "schema_version: 2\nred_flags:\n  - id: bladder-problems\n    urgency: urgent\n"
        "    sign: Trouble peeing.\n    action: See your GP.\n"
    )
    result = run(runner, "validate", str(SHIPPED), str(overlay))
    assert result.exit_code == 3
    assert "FS024" in result.stdout


def test_a_foot_region_typo_is_a_validation_error(tmp_path: Path) -> None:
    from .conftest import MINIMAL

    path = tmp_path / "typo.yaml"
    text = MINIMAL.read_text().replace("[shin-outer, foot-top, big-toe]", "[shin-outer, foot-tpo]")
    path.write_text(text)
    try:
        files.load(read_all([path]))
    except KnowledgeError as error:
        assert {p.code for p in error.problems} == {"FS013"}
    else:
        pytest.fail("a region typo was accepted")
