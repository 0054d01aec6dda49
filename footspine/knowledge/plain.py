"""Model objects to plain dicts and back: the JSON output and the compiled index both use this.

`dataclasses.asdict` deep-copies every value and is several times slower than this walk; the
reverse direction trusts its input, because only footspine's own index feeds it (after the
loader validated the data that went in).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar

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
    hints = typing.get_type_hints(cls)
    nested: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        convert = _value_builder(hints[f.name])
        if convert is not None:
            nested[f.name] = convert

    def build(data: dict[str, Any]) -> Any:
        values = dict(data)
        for name, convert in nested.items():
            if name in values and values[name] is not None:
                values[name] = convert(values[name])
        return cls(**values)

    return build


def _value_builder(hint: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if dataclasses.is_dataclass(hint):
        return lambda value: from_plain(hint, value)  # type: ignore[arg-type]
    if origin is list and dataclasses.is_dataclass(args[0]):
        item = args[0]
        return lambda values: [from_plain(item, v) for v in values]  # type: ignore[arg-type]
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if dataclasses.is_dataclass(arg):
                return lambda value: from_plain(arg, value)  # type: ignore[arg-type]
    return None
