"""Patient-facing text reads at grade 8 or lower (Flesch-Kincaid), field by field.

Which fields are patient-facing is declared in the model (`patient=True`), so a new field is
checked as soon as it exists. `python -m tests.test_readability` prints the grades.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator

import pytest

from footspine import record as dataclasses
from footspine.knowledge import files
from footspine.knowledge.model import Knowledge
from footspine.knowledge.reading import SHIPPED, read_all

textstat = pytest.importorskip("textstat")

CEILING = 8.0


def patient_fields(knowledge: Knowledge) -> Iterator[tuple[str, str]]:
    def walk(where: str, obj: object) -> Iterator[tuple[str, str]]:
        for f in dataclasses.fields(obj):  # type: ignore[arg-type]
            value = getattr(obj, f.name)
            if f.metadata.get("patient") and value:
                items = value if isinstance(value, list) else [value]
                if f.name == "aliases":
                    items = [_new_words(item, getattr(obj, "name", "")) for item in items]
                    items = [item for item in items if item]
                text = " ".join(item if item.rstrip().endswith((".", "!", "?")) else f"{item}." for item in items)
                yield f"{where}.{f.name}", text
            elif dataclasses.is_dataclass(value):
                yield from walk(f"{where}.{f.name}", value)
            elif isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
                for index, item in enumerate(value):
                    yield from walk(f"{where}.{f.name}[{index}]", item)

    for f in dataclasses.fields(knowledge):
        entries = getattr(knowledge, f.name)
        for item in entries if isinstance(entries, list) else []:
            yield from walk(
                f"{f.name}.{getattr(item, 'id', getattr(item, 'term', getattr(item, 'region', '?')))}", item
            )


def _new_words(alias: str, name: str) -> str:
    """An "also called" name, less the words of the page's own title.

    The title is the condition's name as its sources give it ("Degenerative spondylolisthesis");
    the reader has already met those words, so the list is graded on the words it adds.
    """
    known = {w.casefold() for w in name.replace("-", " ").split()}
    known |= {w.replace("disc", "disk") for w in known} | {w.replace("disk", "disc") for w in known}
    return " ".join(w for w in alias.replace("-", " ").split() if w.casefold() not in known)


def grades() -> dict[str, float]:
    knowledge, _ = files.load(read_all([SHIPPED]))
    return {where: float(textstat.flesch_kincaid_grade(text)) for where, text in patient_fields(knowledge)}


def test_every_patient_field_is_at_or_below_the_ceiling() -> None:
    found = grades()
    assert len(found) > 300, "patient-facing fields were not found"
    over = {where: grade for where, grade in found.items() if grade > CEILING}
    assert not over, f"{len(over)} fields read above grade {CEILING}: {sorted(over.items(), key=lambda x: -x[1])[:15]}"


if __name__ == "__main__":
    found = grades()
    values = sorted(found.values())
    print(
        f"{len(values)} patient-facing fields: min {values[0]:.1f}, median {statistics.median(values):.1f}, "
        f"mean {statistics.mean(values):.1f}, max {values[-1]:.1f}"
    )
    for where, grade in sorted(found.items(), key=lambda x: -x[1])[:10]:
        print(f"  {grade:5.1f}  {where}")
