"""Model objects to plain dicts and back: the JSON output and the compiled index both use this.

`dataclasses.asdict` deep-copies every value and is several times slower than this walk; the
reverse direction trusts its input, because only footspine's own index feeds it (after the
loader validated the data that went in). Both directions run on every question, so they use
`footspine.record` alone (no `typing`, no type-hint evaluation).
"""

from __future__ import annotations

from footspine.record import fields, is_dataclass, nested_records

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def to_plain(obj: Any) -> Any:
    """Dataclasses to dicts, recursively; lists of text are shared, not copied (JSON only reads)."""
    cls = obj.__class__
    if cls is str or obj is None or cls is int or cls is float or cls is bool:
        return obj
    if cls is list or cls is tuple:
        if not obj or obj[0].__class__ is str:
            return list(obj) if cls is tuple else obj
        return [to_plain(item) for item in obj]
    if cls is dict:
        return {key: to_plain(value) for key, value in obj.items()}
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not is_dataclass(obj):
            return obj
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(obj))
    return {name: to_plain(getattr(obj, name)) for name in names}


_BUILDERS: dict[type, Any] = {}


def from_plain(cls: type[T], data: dict[str, Any]) -> T:
    builder = _BUILDERS.get(cls)
    if builder is None:
        builder = _BUILDERS[cls] = _builder_for(cls)
    result: T = builder(data)
    return result


def _builder_for(cls: type) -> Any:
    nested = nested_records(cls)
    if not nested:
        return lambda data: cls(**data)

    def build(data: dict[str, Any]) -> Any:
        values = dict(data)
        for name, (record, many) in nested.items():
            value = values.get(name)
            if value is not None:
                values[name] = [from_plain(record, v) for v in value] if many else from_plain(record, value)
        return cls(**values)

    return build
