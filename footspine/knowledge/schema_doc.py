"""The field reference in data/README.md, generated from the model so the two cannot drift.

python -m footspine.knowledge.schema_doc     # prints the section; tests compare it with the README
"""

from __future__ import annotations

from footspine.knowledge import model
from footspine.knowledge.shape import FieldShape, fields_of

DOCUMENTED: tuple[type, ...] = (
    model.Knowledge,
    model.Condition,
    model.PathwayStep,
    model.Cause,
    model.TreatmentLink,
    model.Icd10,
    model.Icd10Code,
    model.Clinical,
    model.CheckProfile,
    model.Weight,
    model.Finding,
    model.WordsTogether,
    model.FindingSet,
    model.Mechanism,
    model.NerveRoot,
    model.Treatment,
    model.GuidelinePosition,
    model.RedFlag,
    model.EmergencyNumber,
    model.AmbiguousTerm,
    model.Source,
)
_CHECKS = {
    "slug": "lowercase slug",
    "date": "YYYY-MM-DD",
    "url": "http(s) URL at the publisher's own site",
    "foot-region": "each one of the foot regions listed",
}


def _type_name(shape: FieldShape) -> str:
    name = {
        "text": "text",
        "integer": "integer",
        "number": "positive number",
        "choice": " \\| ".join(shape.choices),
        "texts": "list of text",
        "record": shape.record.__name__ if shape.record else "",
        "records": f"list of {shape.record.__name__}" if shape.record else "",
    }[shape.kind]
    return f"{name} (optional)" if shape.nullable else name


def field_reference() -> str:
    out: list[str] = []
    for cls in DOCUMENTED:
        out += [f"### {cls.__name__}", "", "| field | type | required | meaning |", "|---|---|---|---|"]
        for shape in fields_of(cls).values():
            notes = []
            if shape.patient:
                notes.append("patient-facing: reading grade checked")
            if shape.ref:
                notes.append(f"must name an entry of `{shape.ref}`")
            if shape.check:
                notes.append(_CHECKS[shape.check])
            extra = f" ({'; '.join(notes)})" if notes else ""
            required = "yes" if shape.required else "no"
            out.append(f"| `{shape.name}` | {_type_name(shape)} | {required} | {shape.doc}{extra} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(field_reference(), end="")
