"""What each field of a model class holds, read once from its type hints and metadata.

The loader (what to build from YAML), the validator (what to follow and check), the plain
converter (how to rebuild objects from the index) and the generated field reference in
`data/README.md` all ask the same questions of a field: is it text, a choice, a list, a nested
record; is it required; what does it name. They ask this module, so the four cannot disagree
about the schema that `model.py` declares.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal

from footspine import record as dataclasses
from footspine.record import dataclass

Kind = Literal["text", "integer", "number", "choice", "texts", "record", "records"]


@dataclass(frozen=True, slots=True)
class FieldShape:
    """One field of a model class, in the terms its readers need."""

    name: str
    kind: Kind
    required: bool
    """No default: a file must give it."""
    nullable: bool
    """`X | None`: an explicit YAML null is allowed."""
    choices: tuple[str, ...]
    """The allowed values of a `choice` field."""
    record: type | None
    """The dataclass of a `record` or `records` field."""
    check: str | None
    ref: str | None
    doc: str
    patient: bool


_SHAPES: dict[type, dict[str, FieldShape]] = {}


def fields_of(cls: type) -> dict[str, FieldShape]:
    """The fields of a model dataclass by name, in declaration order (computed once per class)."""
    shapes = _SHAPES.get(cls)
    if shapes is None:
        from footspine.knowledge.model import type_aliases

        hints = typing.get_type_hints(cls, localns=type_aliases())
        shapes = _SHAPES[cls] = {f.name: _shape(f, hints[f.name]) for f in dataclasses.fields(cls)}
    return shapes


def _shape(f: dataclasses.Field[Any], hint: Any) -> FieldShape:
    args = typing.get_args(hint)
    nullable = typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args
    if nullable:
        hint = next(a for a in args if a is not type(None))
        args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    kind: Kind
    record: type | None = None
    choices: tuple[str, ...] = ()
    if hint is str:
        kind = "text"
    elif hint is int:
        kind = "integer"
    elif hint is float:
        kind = "number"
    elif origin is Literal:
        kind, choices = "choice", tuple(str(a) for a in args)
    elif origin is list and args[0] is str:
        kind = "texts"
    elif origin is list and isinstance(args[0], type) and dataclasses.is_dataclass(args[0]):
        kind, record = "records", args[0]
    elif dataclasses.is_dataclass(hint) and isinstance(hint, type):
        kind, record = "record", hint
    else:
        raise TypeError(f"the model uses a type footspine cannot read or write: {hint!r} ({f.name})")
    return FieldShape(
        name=f.name,
        kind=kind,
        required=f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        nullable=nullable,
        choices=choices,
        record=record,
        check=f.metadata.get("check"),
        ref=f.metadata.get("ref"),
        doc=f.metadata.get("doc", ""),
        patient=bool(f.metadata.get("patient")),
    )
