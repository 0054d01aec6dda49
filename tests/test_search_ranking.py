"""Search finds the condition a person means from the words they use for their symptoms."""

from __future__ import annotations

import json

import pytest

from .conftest import CliRunner, app

PHRASINGS = [
    ("heel pain first steps in the morning", "plantar-fasciitis"),
    ("burning sole", "tarsal-tunnel-syndrome"),
    ("tingling sole inner ankle", "tarsal-tunnel-syndrome"),
    ("red hot swollen big toe", "gout"),
    ("pebble in my shoe", "mortons-neuroma"),
    ("both feet numb and tingling", "peripheral-neuropathy"),
    ("calf pain walking eases standing still", "peripheral-arterial-disease"),
    ("rolled my ankle swelling", "ankle-sprain"),
    ("numb saddle bladder", "cauda-equina-syndrome"),
    ("leg pain when walking eases when sitting or bending forward", "spinal-stenosis"),
    ("pain down the leg worse when sitting coughing", "sciatica"),
    ("foot drop knee crossing legs", "peroneal-neuropathy"),
]


@pytest.mark.parametrize(("words", "expected"), PHRASINGS)
def test_expected_condition_comes_first(runner: CliRunner, words: str, expected: str) -> None:
    result = runner.invoke(app, ["search", *words.split(), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)["result"]["hits"]
    conditions = [h["id"] for h in hits if h["kind"] == "condition"]
    assert conditions[0] == expected, conditions[:4]
    assert hits[0]["kind"] == "condition", [(h["kind"], h["id"]) for h in hits[:3]]


def test_stemming_numb_toes_finds_numbness_in_the_big_toe(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "numb", "toes", "-f", "json"])
    snippets = " ".join(h["snippet"] for h in json.loads(result.stdout)["result"]["hits"])
    assert "\ue000numbness\ue001" in snippets.lower() or "\ue000numb\ue001" in snippets.lower()
    assert "\ue000toe\ue001" in snippets.lower()


def test_results_say_their_kind(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "nerve", "root", "-f", "json"])
    kinds = {h["kind"] for h in json.loads(result.stdout)["result"]["hits"]}
    assert kinds <= {"condition", "mechanism", "treatment", "root"}
    assert len(kinds) >= 2
