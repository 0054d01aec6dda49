"""The field reference in data/README.md, generated from the model so the two cannot drift.

python -m footspine.knowledge.schema_doc     # prints the section; tests compare it with the README
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from footspine.knowledge import model

DOCUMENTED: tuple[type, ...] = (
    model.Knowledge,
    model.Condition,
    model.PathwayStep,
    model.Cause,
    model.TreatmentLink,
    model.Icd10,
    model.Icd10Code,
    model.Clinical,
    model.Mechanism,
    model.NerveRoot,
    model.Treatment,
    model.GuidelinePosition,
    model.RedFlag,
    model.EmergencyNumber,
    model.AmbiguousTerm,
    model.Source,
)
_CHECKS = {"slug": "lowercase slug", "date": "YYYY-MM-DD", "url": "http(s) URL"}


def _type_name(hint: Any) -> str:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is str:
        return "text"
    if hint is int:
        return "integer"
    if origin is typing.Literal:
        return " \\| ".join(str(a) for a in args)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if dataclasses.is_dataclass(hint):
        return str(hint.__name__)  # type: ignore[union-attr]
    if type(None) in args:
        return _type_name(next(a for a in args if a is not type(None))) + " (optional)"
    return str(hint)


def field_reference() -> str:
    out: list[str] = []
    for cls in DOCUMENTED:
        hints = typing.get_type_hints(cls)
        out += [f"### {cls.__name__}", "", "| field | type | required | meaning |", "|---|---|---|---|"]
        for f in dataclasses.fields(cls):
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            notes = []
            if f.metadata.get("patient"):
                notes.append("patient-facing: reading grade checked")
            if f.metadata.get("ref"):
                notes.append(f"must name an entry of `{f.metadata['ref']}`")
            if f.metadata.get("check"):
                notes.append(_CHECKS[f.metadata["check"]])
            extra = f" ({'; '.join(notes)})" if notes else ""
            doc = f.metadata.get("doc", "")
            out.append(f"| `{f.name}` | {_type_name(hints[f.name])} | {'yes' if required else 'no'} | {doc}{extra} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(field_reference(), end="")
