"""The documentation is checked: README's quick start, the data README, command help."""

from __future__ import annotations

import subprocess
import sys

from footspine.knowledge import model
from footspine.knowledge.problems import CODES

from .conftest import REPO

sys.path.insert(0, str(REPO / ".ci"))
from quickstart import quickstart_lines


def test_readme_quick_start_holds_exactly_two_command_lines() -> None:
    lines = quickstart_lines((REPO / "README.md").read_text())
    assert len(lines) == 2
    assert "pip install" in lines[0] and lines[0].endswith("footspine explain sciatica")
    assert "pip install" in lines[1] and "[test]" in lines[1] and "pytest" in lines[1]


def test_ci_runs_the_readme_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text()
    assert "quickstart.py 2" in script
    printed = subprocess.run([sys.executable, str(REPO / ".ci" / "quickstart.py"), "2"], capture_output=True, text=True)
    assert printed.stdout.strip() == quickstart_lines((REPO / "README.md").read_text())[1]


def test_data_readme_documents_every_field_and_code() -> None:
    text = (REPO / "data" / "README.md").read_text()
    for code in CODES:
        assert code in text, code
    from footspine import record as dataclasses

    for cls in (model.Condition, model.Treatment, model.Mechanism, model.NerveRoot, model.RedFlag, model.Source):
        for field in dataclasses.fields(cls):
            assert f"`{field.name}`" in text, f"{cls.__name__}.{field.name}"
    assert "footspine validate" in text


def test_data_readme_field_reference_is_generated_from_the_model() -> None:
    from footspine.knowledge.schema_doc import field_reference

    text = (REPO / "data" / "README.md").read_text()
    section = text.split("<!-- fields:start -->\n", 1)[1].split("<!-- fields:end -->", 1)[0]
    assert section == field_reference(), (
        "run: python -m footspine.knowledge.schema_doc, and paste it into data/README.md"
    )


def test_data_readme_real_entry_is_the_shipped_one() -> None:
    text = (REPO / "data" / "README.md").read_text()
    block = text.split("<!-- real-entry:start -->\n", 1)[1].split("<!-- real-entry:end -->", 1)[0]
    entry = block.strip().removeprefix("```yaml").removesuffix("```").strip("\n")
    assert entry, "the data README must show one real entry"
    assert entry in (REPO / "data" / "knowledge.yaml").read_text()
