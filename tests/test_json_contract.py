"""The JSON output is a contract: these keys are promised (README), built from the model."""

from __future__ import annotations

import json
from typing import Any

from footspine import __version__
from footspine import record as dataclasses
from footspine.knowledge import model
from footspine.knowledge.model import SCHEMA_VERSION

from .conftest import MINIMAL, CliRunner, app

DATA = ["--data", str(MINIMAL)]
ENVELOPE = {"schema_version", "footspine_version", "command", "result"}


def field_names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def payload(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*DATA, *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == ENVELOPE
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["footspine_version"] == __version__
    return data  # type: ignore[no-any-return]


def test_explain_contract(runner: CliRunner) -> None:
    result = payload(runner, "explain", "sciatica")["result"]
    assert isinstance(result, dict)
    assert set(result) == {
        "condition",
        "source_file",
        "mechanisms",
        "roots",
        "treatments",
        "red_flags",
        "emergency_signs",
        "emergency_numbers",
        "sources",
        "names",
        "corrected_from",
        "look_alikes",
    }
    assert set(result["condition"]) == field_names(model.Condition)
    assert set(result["condition"]) >= {"id", "name", "kind", "summary", "reviewed", "sources", "aliases", "pathways"}
    assert set(result["mechanisms"][0]) == field_names(model.Mechanism)
    assert set(result["roots"][0]) == field_names(model.NerveRoot)
    assert set(result["treatments"][0]) == {"treatment", "note", "stance", "reason"}
    assert set(result["treatments"][0]["treatment"]) == field_names(model.Treatment)
    assert set(result["emergency_signs"][0]) == field_names(model.RedFlag)
    assert set(result["emergency_numbers"][0]) == {"region", "number", "place"}
    assert set(result["sources"][0]) == {"id", "title", "publisher", "url", "checked", "year"}
    assert result["source_file"] == str(MINIMAL)
    stances = {t["treatment"]["id"]: (t["stance"], t["reason"]) for t in result["treatments"]}
    assert stances["bed-rest"] == ("not-recommended", "It does not help and you may get stiff and weak.")


def test_group_contract(runner: CliRunner) -> None:
    result = payload(runner, "explain", "pinched", "nerve")["result"]
    assert set(result) == {"term", "note", "members", "shared_treatments", "emergency_signs", "emergency_numbers"}
    assert set(result["members"][0]) == {"id", "name", "kind", "tell"}


def test_model_field_names_are_pinned() -> None:
    """Renaming a field breaks every script that reads the JSON: it needs a schema_version bump."""
    assert field_names(model.Condition) == {
        "id", "name", "kind", "summary", "sources", "reviewed", "to_check", "aliases", "clinical_names",
        "from_the_spine", "do_now",
        "how_it_reaches_the_foot",
        "pathways", "causes", "mechanisms", "roots", "symptoms", "better", "worse", "outlook",
        "diagnosis", "telling_apart", "when_to_get_help", "red_flags", "treatments", "related",
        "icd10cm", "clinical", "lay_terms", "prior", "check",
    }  # fmt: skip
    assert field_names(model.Treatment) == {
        "id", "name", "tier", "what_it_is", "what_it_does", "evidence", "stance",
        "not_recommended_reason", "guidelines", "cautions", "sources",
    }  # fmt: skip
    assert field_names(model.RedFlag) == {
        "id", "urgency", "sign", "action", "short", "lay_terms", "possible_cause", "raised_by", "sources",
    }  # fmt: skip
    assert field_names(model.PathwayStep) == {"level", "root", "foot_area", "note"}


def test_treatments_list_mechanisms_roots_red_flags_search_contracts(runner: CliRunner) -> None:
    result = payload(runner, "treatments", "sciatica")["result"]
    assert set(result) == {"condition", "treatments"}
    rows = payload(runner, "list")["result"]
    assert set(rows[0]) == {"id", "name", "kind", "mechanisms", "roots", "source_file"}
    assert set(payload(runner, "mechanisms")["result"][0]) == field_names(model.Mechanism)
    mechanism_keys = {"mechanism", "conditions", "sources", "emergency_signs", "emergency_numbers"}
    assert set(payload(runner, "mechanisms", "root-compression")["result"]) == mechanism_keys
    root_keys = {"root", "conditions", "sources", "red_flags", "emergency_numbers", "look_alikes"}
    assert set(payload(runner, "roots", "L5")["result"]) == root_keys
    assert set(payload(runner, "red-flags")["result"]) == {"red_flags", "emergency_numbers", "sources"}
    found = payload(runner, "search", "heel")["result"]
    assert set(found) == {"urgency", "warning_signs", "hits", "emergency_numbers", "condition_kinds"}
    assert set(found["hits"][0]) == {"kind", "id", "title", "snippet", "score", "urgency"}


def test_check_findings_contract(runner: CliRunner) -> None:
    """`check --findings -f json` (it crashed with exit 70 before it had a JSON form)."""
    done = runner.invoke(app, ["check", "--findings", "--format", "json"])  # the shipped findings
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert set(data) == ENVELOPE and data["command"] == "check --findings"  # its own shape, its own name
    result = data["result"]
    assert isinstance(result, dict) and set(result) == {"findings"}
    assert set(result["findings"][0]) == field_names(model.Finding)
    pairs = [p for f in result["findings"] for p in f["together"]]
    assert pairs and set(pairs[0]) == field_names(model.WordsTogether)
