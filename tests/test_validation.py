"""The validator: one failing fixture per code, and only that code fires; valid files stay valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from footspine.knowledge import files
from footspine.knowledge.problems import CODES, KnowledgeError
from footspine.knowledge.reading import MAX_FILE_BYTES, SHIPPED, read_all

from .conftest import FIXTURES, MINIMAL, CliRunner, app

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>FS\d{3}) (?P<message>.+)$")


def problems_of(*paths: Path) -> list[str]:
    try:
        files.load(read_all(list(paths)))
    except KnowledgeError as error:
        return [p.code for p in error.problems]
    return []


def test_every_code_has_a_fixture_or_a_test() -> None:
    with_fixture = {p.name[:5] for p in INVALID}
    tested_here = {"FS101", "FS102"}  # a missing path, a directory, an oversized file: made by the tests
    assert set(CODES) == with_fixture | tested_here


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_fixture_raises_exactly_its_code(path: Path) -> None:
    expected = path.name[:5]
    codes = problems_of(path)
    assert codes, f"{path.name} was accepted"
    assert set(codes) == {expected}, codes


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_validate_command_reports_file_line_col_code(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        match = LINE.match(line)
        assert match, line
        assert match["file"] == str(path)
        assert match["code"] == path.name[:5]
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1
    assert "not valid" in result.stderr


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = MINIMAL.read_text()
    text = text.replace("    tier: self-care\n", "    tier: home\n", 1)
    text = text.replace("    mechanisms: [root-compression]\n", "    mechanisms: [nothing]\n")
    text = text.replace("    reviewed: 2026-11-21\n", "    reviewed: 21/11/2026\n", 1)
    text = text.replace("    name: Sciatica\n", "    name: Sciatica\n    colour: red\n")
    path = tmp_path / "many.yaml"
    path.write_text(text)
    assert sorted(problems_of(path)) == ["FS003", "FS009", "FS011", "FS013"]


@pytest.mark.parametrize("path", sorted((FIXTURES / "valid").glob("*.yaml")))
def test_valid_fixtures_stay_valid(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("valid: ")


def test_missing_file_is_fs101(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "absent.yaml") == ["FS101"]


def test_directory_is_fs101(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == ["FS101"]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(KnowledgeError) as raised:
        read_all([path])
    [problem] = raised.value.problems
    assert problem.code == "FS102"
    assert "512 MiB" in problem.message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.read_bytes())
    assert problems_of(path) == []


def test_duplicate_keys_are_found_at_any_depth(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace(
        "      - level: L4-L5 disc\n", "      - level: L4-L5 disc\n        level: L5-S1 disc\n"
    )
    path = tmp_path / "deep-dup.yaml"
    path.write_text(text)
    assert problems_of(path) == ["FS002"]


def test_shipped_file_is_valid(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(SHIPPED)])
    assert result.exit_code == 0, result.stdout
    assert "valid:" in result.stdout


def test_validate_json_lists_problems(runner: CliRunner) -> None:
    import json

    path = FIXTURES / "invalid" / "FS009-unknown-reference.yaml"
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 3
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    assert payload["problems"][0]["code"] == "FS009"
    assert set(payload["problems"][0]) == {"file", "line", "column", "code", "message"}


def test_every_model_field_has_a_shape_and_odd_types_are_refused() -> None:
    """The loader, validator, converter and docs read fields through shape.fields_of."""
    from footspine import record as dataclasses
    from footspine.knowledge import model
    from footspine.knowledge.schema_doc import DOCUMENTED
    from footspine.knowledge.shape import fields_of

    for cls in DOCUMENTED:
        shapes = fields_of(cls)
        assert list(shapes) == [f.name for f in dataclasses.fields(cls)]
    condition = fields_of(model.Condition)
    assert condition["kind"].kind == "choice" and condition["kind"].choices == model.KINDS
    assert condition["mechanisms"].ref == "mechanisms" and condition["mechanisms"].kind == "texts"
    assert condition["treatments"].kind == "records" and condition["treatments"].record is model.TreatmentLink
    assert condition["id"].required and not condition["aliases"].required

    @dataclasses.dataclass
    class Odd:
        weight: complex

    with pytest.raises(TypeError, match="weight"):
        fields_of(Odd)
