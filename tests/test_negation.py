"""What a person denies ("no back pain", "bladder is fine") is not searched for, and a loss
("no feeling down below", "dont know when my bladder is full") is never read as a denial."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footspine.knowledge.negation import affirmed, words

from .conftest import CliRunner, app


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("numb top of foot and outer shin no back pain", "numb top of foot and outer shin"),
        ("no back pain but my heel hurts", "but my heel hurts"),
        ("no numbness or weakness, sore heel", "sore heel"),
        ("bladder and bowels are fine, sore bum", "sore bum"),
        ("peeing is normal", ""),
        ("never had cancer", ""),
        ("Didn't have a fever", ""),
    ],
)
def test_denied_words_are_left_out(said: str, kept: str) -> None:
    assert affirmed(said) == kept


@pytest.mark.parametrize(
    "loss",
    [
        "no feeling down below",
        "not able to pee",
        "didnt feel the toilet paper",
        "no control of my bladder",
        "dont know when my bladder is full",
        "cant feel my foot",
        "I can't pee",
    ],
)
def test_a_loss_is_never_read_as_a_denial(loss: str) -> None:
    assert not any(w.denied for w in words(loss) if w.text in {"feeling", "pee", "paper", "bladder", "full", "foot"})


@given(st.text(max_size=200))
def test_affirmed_only_keeps_words_that_were_said(text: str) -> None:
    said = {w.text for w in words(text)}
    assert set(affirmed(text).split()) <= said


def test_search_does_not_count_a_denied_symptom() -> None:
    def ranked(said: str) -> list[str]:
        result = CliRunner().invoke(app, ["search", said, "--format", "json"], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        return [h["id"] for h in json.loads(result.stdout)["result"]["hits"] if h["kind"] == "condition"]

    plain = ranked("numb top of foot and outer shin")
    assert ranked("numb top of foot and outer shin, no back pain") == plain
    assert "peroneal-neuropathy" in plain[:3]


def test_search_still_warns_when_the_words_deny_a_warning_sign() -> None:
    """A false alarm on "bladder fine" is better than a misread denial hiding a real one."""
    runner = CliRunner()
    result = runner.invoke(app, ["search", "cant pee", "--format", "json"], catch_exceptions=False)
    assert [w["id"] for w in json.loads(result.stdout)["result"]["warning_signs"]] == ["bladder-problems"]
