"""Large files are composed a piece at a time (one entry of a top-level list, or one top-level
key), so memory follows the model rather than PyYAML's nodes. Whatever the file, the result and
every problem's line and column must be exactly what composing it whole gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from footspine.knowledge import files, loader
from footspine.knowledge.problems import KnowledgeError
from footspine.knowledge.reading import SHIPPED

from .conftest import FIXTURES, MINIMAL


def _outcome(text: str, pieces: bool, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setattr(loader, "_force_pieces", pieces)
    try:
        knowledge, _ = files.load([("k.yaml", text.encode("utf-8"))])
    except KnowledgeError as error:
        return [(p.line, p.column, p.code, p.message) for p in error.problems]
    return knowledge


def _in_pieces_used(text: str) -> bool:
    builder = loader._Builder("k.yaml", loader.Locations())
    try:
        return loader._in_pieces(text, "k.yaml", builder) is not None
    except loader._Unsplittable:
        return False


FILES = [Path(SHIPPED), MINIMAL, *sorted((FIXTURES / "invalid").glob("*.yaml"))]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_pieces_and_whole_agree_on_every_fixture(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before composing")
    assert _outcome(text, True, monkeypatch) == _outcome(text, False, monkeypatch)


def test_the_shipped_file_is_really_cut_into_pieces() -> None:
    assert _in_pieces_used(Path(SHIPPED).read_text(encoding="utf-8"))


MISTAKES = {
    "unknown key": ("    kind: spinal\n", "    kind: spinal\n    colour: blue\n"),
    "duplicate key": ("    kind: spinal\n", "    kind: spinal\n    kind: mimic\n"),
    "wrong type": ("    roots: [l5]\n", "    roots: {l5: yes}\n"),
    "bad date": ("    reviewed: 2026-11-21\n", "    reviewed: 2026-13-45\n"),
    "quote spanning entries": ("    kind: spinal\n", '    kind: "spinal\n  - id: x\n    tail"\n'),
    "flow list spanning lines": ("    roots: [l5]\n", "    roots: [l5,\n  - l4]\n"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_mistakes_deep_in_the_shipped_file_are_placed_the_same(mistake: str, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = MISTAKES[mistake]
    text = Path(SHIPPED).read_text(encoding="utf-8")
    at = text.index("conditions:\n")
    at = text.index(old, text.index("  - id:", text.index("  - id:", at) + 1))  # in the second condition
    mutated = text[:at] + new + text[at + len(old) :]
    whole = _outcome(mutated, False, monkeypatch)
    assert isinstance(whole, list), "the mistake was not noticed"
    assert _outcome(mutated, True, monkeypatch) == whole


def _big(entries: int, extra: str = "") -> str:
    text = MINIMAL.read_text(encoding="utf-8")
    many = "".join(
        f"  - id: extra-{n}\n    title: Extra source {n}\n    publisher: NICE\n"
        f'    url: https://www.nice.org.uk/guidance/ng{n}\n    checked: "2026-11-22"\n'
        for n in range(entries)
    )
    return text.replace("sources:\n", "sources:\n" + many + extra, 1)


def test_a_large_file_is_composed_in_pieces_with_true_line_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _big(40_000, '  - id: broken\n    title: "never closed\n')
    assert len(text) > loader.PIECE_LIMIT
    line = text[: text.index('"never closed')].count("\n") + 1
    composed: list[int] = []
    original = loader._compose_piece

    def spy(piece: str, label: str, offset: int) -> object:
        composed.append(len(piece))
        return original(piece, label, offset)

    monkeypatch.setattr(loader, "_compose_piece", spy)
    outcome = _outcome(text, False, monkeypatch)
    assert isinstance(outcome, list)
    assert outcome[0][0] >= line and outcome[0][2] == "FS001", outcome
    assert max(composed) < 10_000  # never the whole file at once


def test_one_entry_larger_than_a_piece_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    symptoms = "".join(f"      - Symptom number {n}\n" for n in range(200_000))
    text = text.replace("    symptoms: [Pain down the back of the leg]\n", "    symptoms:\n" + symptoms)
    outcome = _outcome(text, False, monkeypatch)
    assert isinstance(outcome, list)
    assert [p[2] for p in outcome] == ["FS102"], outcome[:3]
    assert "MiB" in str(outcome[0][3])


def test_a_large_file_in_flow_style_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "schema_version: 2\nsources: [" + ", ".join(["{id: a}"] * 800_000) + "]\n"
    outcome = _outcome(text, False, monkeypatch)
    assert isinstance(outcome, list)
    assert [p[2] for p in outcome] == ["FS102"], outcome[:3]


def test_a_large_file_whose_top_level_is_a_list_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 60 MiB list of `- x` lines was reported as one piece over 4 MiB (FS102), which told the
    reader to do what the file already did; the problem is its top level (FS106)."""
    text = "# a list\n" + "- x\n" * 1_500_000
    outcome = _outcome(text, False, monkeypatch)
    assert isinstance(outcome, list)
    assert [(p[0], p[2]) for p in outcome] == [(2, "FS106")], outcome[:3]


def test_problems_stop_at_a_thousand(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "schema_version: 2\nsources:\n" + "- 1\n" * 1_500_000
    outcome = _outcome(text, False, monkeypatch)
    assert isinstance(outcome, list) and len(outcome) == loader.MAX_PROBLEMS
