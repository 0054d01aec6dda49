"""Warning signs in people's own words: `check --describe` must catch an emergency however it
is worded, and must not send a look-alike to A&E.

The phrase lists alone caught 24 of 121 emergencies in the first outside set, and none of the
21 about numbness around the bottom; the `together` word pairs are what reads them now.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from footspine import query, triage
from footspine.knowledge.access import open_store
from footspine.knowledge.model import Finding, WordsTogether
from footspine.knowledge.reading import SHIPPED

from .conftest import CliRunner, app

SETS = sorted((Path(__file__).parent / "eval" / "warning_signs").glob("*.yaml"))


def urgency_of(text: str) -> str:
    store = open_store([SHIPPED], None)
    return query.check(store, describe=text, answers=[]).urgency


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_emergencies_in_own_words_are_caught_and_look_alikes_are_not_sent_to_ae(path: Path) -> None:
    store = open_store([SHIPPED], None)
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text())
    missed = [i["text"] for i in items if i["expect"] == "emergency"]
    missed = [t for t in missed if query.check(store, describe=t, answers=[]).urgency != "emergency"]
    controls = [i["text"] for i in items if i["expect"] != "emergency"]
    sent = [t for t in controls if query.check(store, describe=t, answers=[]).urgency == "emergency"]
    emergencies = len(items) - len(controls)
    assert emergencies >= 60 and len(controls) >= 35  # every set is big enough for 5% to mean something
    # Measured at the last change: first 116/121, second 72/75, third 70/71, fourth 68/70,
    # fifth 59/60, sixth 60/60 caught; 1, 0, 0, 1, 1, 2 look-alikes sent to A&E.
    # Each set's first measurement, before it was used, is in tests/eval/SOURCES.md.
    assert len(missed) <= 0.05 * emergencies, missed
    assert len(sent) <= 0.05 * len(controls), sent


@pytest.mark.parametrize(
    "text",
    [
        "numbness in my saddle area since this morning, and low back pain",  # place after feeling
        "my privates have gone numb and my back is killing me",  # feeling after place
        "I can hardly feel it when I wipe",
        "weird tingling around my back passage",
        "cant get my wee started and my back has gone",
        "lost control of my bowels last night, sciatica for a week",
        "pain shooting down both my legs since yesterday",
        "both legs just gave way on the stairs",
        "since my disc went I cant get an erection",
        "I dont seem to get the urge to pee any more",  # "dont seem to get": a loss, not a denial
        "bladder not emptying properly",  # "not" inside the words is not a denial of them
        # found by a review of the first version: an `unless` word or a missing pair hid them
        "weakness in both my legs getting worse over the last few minutes",
        "both my legs went numb 20 minutes ago",
        "my back passage has felt numb for 30 minutes",
        "both my legs are numb and the pain eases when I lie down",
        "sciatica in both my legs since I went to the gym yesterday",
        "both legs are slowly going weak over two days",
        "my bum is numb and it doesnt feel right",
        "numbness around my bottom and down my right leg",
        "I was fine yesterday but now I cant start peeing",
        "I have to strain to pee which is not normal for me",
        "burning pain in my back and I cant start peeing",
        "I cant start peeing and I am worried about infection",
        "I am 40 years old and suddenly have trouble getting erections",
        "my right leg and now my left leg have gone numb",
    ],
)
def test_a_warning_sign_in_other_words_is_an_emergency(text: str) -> None:
    assert urgency_of(text) == "emergency", text


@pytest.mark.parametrize(
    "text",
    [
        "my bum is sore and my big toe is numb",  # "bum" and "numb": too far apart
        "numb from the bum down when I walk, fine when I sit",  # stenosis: unless "down"
        "pain in my left bum cheek, numb on that side of my foot",
        "no numbness down below and my bladder is fine",  # denied
        "numb down there after a long bike ride, it went away",  # passed
        "both legs ache after the gym",  # ordinary aches
        "I leak a little when I sneeze, ever since having the kids",
        "erection problems for years on blood pressure tablets, now sciatica",
        "diabetic, both feet numb for years",
        # found by a review of the first version: denials read as signs, common words as pairs
        "no erection problems",
        "my bladder hasnt changed",
        "my waterworks havent changed",
        "I dont know if my bladder is involved",
        "I dont feel numb down there",
        "my leg hurts but I dont feel any pain in my bum",
        "I havent lost control of my bowels",
        "I dont seem to feel any numbness down below",
        "I dont really ever get tingling in my bum",
        "I dont get numbness in either leg",
        "the pain came down my leg and my foot is numb",
        "I came home from work and my foot was numb",
        "I picked it up and lost my balance",
        "I cant get it up the stairs, my leg is weak",
        "it hurts less during sex",
        "poor blood flow in my feet",
        "I have blood flow problems in my legs",
        "I have a wee bit of trouble walking",
        "I have trouble sleeping and get up to pee at night",
        "I have kidney problems and pee a lot",
        "I dribble a bit after I pee",
        "I've had trouble sleeping and my bum hurts",
        "my bum is dead sore after sitting",
        "I have a frozen shoulder and my bum hurts",
        "sitting on a pillow helps my bum pain",
        "tingling in my inner thigh and knee",
        "my privates go numb on long bike rides",
        "my groin goes numb when I cycle",
        "I had a car accident and landed on my bum",
        "I didnt know sciatica could make your bum hurt",
        "I sleep on my other side now",
        "I turned to the left too quickly and hurt my back",
        "back pain on both sides and I'm going to see the GP",
        "both feet ache when sleeping",
    ],
)
def test_a_look_alike_is_not_an_emergency(text: str) -> None:
    assert urgency_of(text) != "emergency", text


def _finding(*pairs: WordsTogether) -> Finding:
    return Finding(id="x", section="warning", question="?", said="x", together=list(pairs))


def test_a_pair_reads_in_either_order_within_one_clause_only() -> None:
    finding = _finding(WordsTogether(any_of=["numb"], with_any_of=["back passage"]))
    for text in ("numb back passage", "my back passage is numb", "numb all round my back passage"):
        assert [u.present for u in triage.read(text, [finding])] == [True], text
    assert triage.read("my foot is numb, my back passage is sore", [finding]) == []  # two clauses


def test_within_and_unless_limit_a_pair() -> None:
    near = WordsTogether(any_of=["numb"], with_any_of=["bum"], within=2, unless=["down"])
    finding = _finding(near)
    assert [u.present for u in triage.read("my bum is numb", [finding])] == [True]
    assert triage.read("my bum hurts and my big toe is numb", [finding]) == []  # 6 words apart
    assert triage.read("numb from the bum down", [finding]) == []  # unless


def test_a_pair_is_denied_by_a_cue_before_it_but_not_by_its_own_words() -> None:
    finding = _finding(WordsTogether(any_of=["bladder"], with_any_of=["not emptying"]))
    assert [u.present for u in triage.read("my bladder is not emptying", [finding])] == [True]
    denied = _finding(WordsTogether(any_of=["numbness"], with_any_of=["down below"]))
    assert [u.present for u in triage.read("no numbness down below", [denied])] == [False]
    assert [
        u.present
        for u in triage.read(
            "no feeling down below", [_finding(WordsTogether(any_of=["feeling"], with_any_of=["down below"]))]
        )
    ] == [True]  # a loss, not a denial


def test_the_pairs_are_in_the_json_list_of_findings(runner: CliRunner) -> None:
    done = runner.invoke(app, ["check", "--findings", "-f", "json"])
    assert done.exit_code == 0, done.stderr
    result = json.loads(done.stdout)["result"]
    findings = result["findings"] if isinstance(result, dict) else result
    saddle = next(f for f in findings if f["id"] == "saddle-numbness")
    assert set(saddle["together"][0]) == {"any_of", "with_any_of", "within", "unless"}
    assert "back passage" in saddle["together"][0]["with_any_of"]
