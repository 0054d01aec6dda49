"""From the words people use to the right page: group names, the names sources use, plurals,
spellings, ICD-10-CM codes, and a miss that points somewhere useful.

The lay-phrase set in tests/eval was written without reading the knowledge file; the floor
below guards against regressions, and `python -m tests.eval.measure` prints the figures.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

from .conftest import CliRunner, app

EVAL = Path(__file__).parent / "eval"


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def opened(runner: CliRunner, *words: str) -> dict[str, Any]:
    result = run(runner, "explain", *words, "--format", "json")
    assert result.exit_code == 0, (words, result.stderr)
    found: dict[str, Any] = json.loads(result.stdout)["result"]
    return found


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("disc herniation", "herniated-disc"),
        ("herniated disc", "herniated-disc"),
        ("slipped disc", "herniated-disc"),
        ("slipped disks", "herniated-disc"),
        ("protruding disc", "herniated-disc"),
        ("collapsed disc", "degenerative-disc-disease"),
        ("sciatica", "sciatica"),
        ("siatica", "sciatica"),
        ("sciatia", "sciatica"),
        ("degenerative spondylolisthesis", "degenerative-spondylolisthesis"),
        ("osteophytes", "facet-arthritis"),
        ("bone spurs", "facet-arthritis"),
        ("spinal stenosis", "spinal-stenosis"),
        ("degenerative disc disease", "degenerative-disc-disease"),
        ("M54.16", "sciatica"),
        ("M48.062", "spinal-stenosis"),
    ],
)
def test_names_the_sources_use_open_the_right_page(runner: CliRunner, name: str, expected: str) -> None:
    assert opened(runner, *name.split())["condition"]["id"] == expected


@pytest.mark.parametrize(
    ("name", "members"),
    [
        ("spondylolisthesis", {"degenerative-spondylolisthesis", "isthmic-spondylolisthesis"}),
        ("slipped vertebra", {"degenerative-spondylolisthesis", "isthmic-spondylolisthesis"}),
        ("arthritis", {"facet-arthritis"}),
        ("arthritis in my back", {"facet-arthritis"}),
        ("pinched nerve", {"sciatica", "herniated-disc"}),
        ("pinched nerves", {"sciatica", "herniated-disc"}),
        ("intervertebral disc", {"herniated-disc", "degenerative-disc-disease"}),
        ("intervertebral disk", {"herniated-disc", "degenerative-disc-disease"}),
    ],
)
def test_group_names_open_an_overview_page(runner: CliRunner, name: str, members: set[str]) -> None:
    page = opened(runner, *name.split())
    ids = {m["id"] for m in page["members"]}
    assert members <= ids
    assert all(m["tell"] for m in page["members"])
    text = " ".join(run(runner, "explain", *name.split()).stdout.split())
    for member in ids:
        assert f"footspine explain {member}" in text
    assert "EMERGENCY SIGNS" in text


def test_treatments_on_a_group_name_lists_what_they_share_and_points_to_each(runner: CliRunner) -> None:
    result = run(runner, "treatments", "spondylolisthesis")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Offered for all of them:" in text
    assert "footspine treatments degenerative-spondylolisthesis" in text
    assert "footspine treatments isthmic-spondylolisthesis" in text


def test_a_miss_lists_three_conditions_once_each_and_still_exits_1(runner: CliRunner) -> None:
    result = run(runner, "explain", "my", "foot", "feels", "dead")
    assert result.exit_code == 1
    commands = [line for line in result.stderr.splitlines() if "See: footspine explain " in line]
    ids = [line.rsplit(" ", 1)[-1] for line in commands]
    assert 1 <= len(ids) <= 3
    assert len(ids) == len(set(ids))


def test_a_far_spelling_is_not_suggested(runner: CliRunner) -> None:
    result = run(runner, "explain", "foot", "drop")
    assert "Did you mean" not in result.stderr


def test_spine_pages_show_their_look_alikes_and_look_alikes_their_spinal_causes(runner: CliRunner) -> None:
    spine = " ".join(run(runner, "explain", "spinal-stenosis").stdout.split())
    assert "Could it be something else?" in spine and "footspine explain peripheral-arterial-disease" in spine
    mimic = " ".join(run(runner, "explain", "peripheral-arterial-disease").stdout.split())
    assert "Spine problems it is mistaken for" in mimic and "footspine explain spinal-stenosis" in mimic


def _lay_phrases() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((EVAL / "lay_phrases.yaml").read_text())
    return loaded


def test_lay_phrases_reach_the_right_condition(runner: CliRunner) -> None:
    phrases = _lay_phrases()
    assert len(phrases) >= 60
    search_right = explain_right = 0
    for item in phrases:
        expected = set(item["expect"])
        found = json.loads(run(runner, "search", *item["phrase"].split(), "--format", "json").stdout)["result"]
        top3 = [h["id"] for h in found["hits"] if h["kind"] == "condition"][:3]
        search_right += bool(expected & set(top3))
        result = run(runner, "explain", *item["phrase"].split(), "--format", "json")
        if result.exit_code == 0:
            page = json.loads(result.stdout)["result"]
            ids = {page["condition"]["id"]} if "condition" in page else {m["id"] for m in page["members"]}
        else:
            ids = {
                e
                for e in expected
                if f"footspine explain {e}" in result.stderr or f"Did you mean: {e}" in result.stderr
            }
        explain_right += bool(expected & ids)
    assert search_right / len(phrases) >= 0.9, search_right
    assert explain_right / len(phrases) >= 0.9, explain_right


def test_the_s1_page_names_the_foot_causes_of_heel_and_sole_symptoms(runner: CliRunner) -> None:
    text = " ".join(run(runner, "roots", "S1").stdout.split())
    assert "Not from the spine" in text
    assert "footspine explain plantar-fasciitis" in text and "footspine explain tarsal-tunnel-syndrome" in text
