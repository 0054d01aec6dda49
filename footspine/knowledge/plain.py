"""Model objects to plain dicts and back: the JSON output and the compiled index both use this.

`dataclasses.asdict` deep-copies every value and is several times slower than this walk; the
reverse direction trusts its input, because only footspine's own index feeds it (after the
loader validated the data that went in).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from footspine.knowledge.shape import fields_of

T = TypeVar("T")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def to_plain(obj: Any) -> Any:
    """Dataclasses to dicts, recursively; lists of text are shared, not copied (JSON only reads)."""
    cls = obj.__class__
    if cls is str or obj is None or cls is int or cls is float or cls is bool:
        return obj
    if cls is list:
        if not obj or obj[0].__class__ is str:
            return obj
        return [to_plain(item) for item in obj]
    if cls is dict:
        return {key: to_plain(value) for key, value in obj.items()}
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(obj):
            return obj
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(obj))
    return {name: to_plain(getattr(obj, name)) for name in names}


_BUILDERS: dict[type, Any] = {}


def from_plain(cls: type[T], data: dict[str, Any]) -> T:
    builder = _BUILDERS.get(cls)
    if builder is None:
        builder = _BUILDERS[cls] = _builder_for(cls)
    result: T = builder(data)
    return result


def _builder_for(cls: type) -> Any:
    nested: dict[str, Any] = {}
    for shape in fields_of(cls).values():
        if shape.kind == "record":
            nested[shape.name] = _record_builder(shape.record)  # type: ignore[arg-type]
        elif shape.kind == "records":
            nested[shape.name] = _records_builder(shape.record)  # type: ignore[arg-type]

    def build(data: dict[str, Any]) -> Any:
        values = dict(data)
        for name, convert in nested.items():
            if name in values and values[name] is not None:
                values[name] = convert(values[name])
        return cls(**values)

    return build


def _record_builder(item: type) -> Any:
    return lambda value: from_plain(item, value)


def _records_builder(item: type) -> Any:
    return lambda values: [from_plain(item, v) for v in values]
