"""`dataclass` without its start-up cost: the model's classes, made cheaply at import time.

The standard `dataclasses.dataclass` writes and compiles Python source for every class it
decorates (about half a millisecond each, and it imports `inspect`, which costs as much again).
footspine declares about sixty such classes, and every run imports most of them: the standard
decorator alone made a question cost twice the bare interpreter. This module gives the same
declarations (`@dataclass(frozen=True, slots=True)`, `field(default=..., default_factory=...,
metadata=...)`, `fields()`, `is_dataclass()`, `MISSING`) built from closures instead of compiled
source, so a class costs microseconds.

Type checkers see the standard library's own definitions (the `TYPE_CHECKING` branch), so mypy
checks every constructor call exactly as for a real dataclass; `tests/test_record.py` pins that
the runtime behaves the same (defaults, factories, frozen, slots, equality, hashing, repr).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from dataclasses import MISSING as MISSING
    from dataclasses import Field as Field
    from dataclasses import FrozenInstanceError as FrozenInstanceError
    from dataclasses import dataclass as dataclass
    from dataclasses import field as field
    from dataclasses import fields as fields
    from dataclasses import is_dataclass as is_dataclass
else:

    class _Missing:
        __slots__ = ()

        def __repr__(self) -> str:
            return "MISSING"

    MISSING = _Missing()

    class FrozenInstanceError(AttributeError):
        """Assigning to a field of a frozen record (the standard library's name)."""

    class Field:
        """One declared field: its name, annotation (a string), default or factory, metadata."""

        __slots__ = ("default", "default_factory", "metadata", "name", "type")

        def __init__(self, default, default_factory, metadata) -> None:
            self.name = ""
            self.type = ""
            self.default = default
            self.default_factory = default_factory
            self.metadata = metadata if metadata is not None else {}

        def __repr__(self) -> str:
            return f"Field(name={self.name!r}, type={self.type!r})"

    def field(*, default=MISSING, default_factory=MISSING, metadata=None):
        return Field(default, default_factory, metadata)

    def fields(class_or_instance):
        cls = class_or_instance if isinstance(class_or_instance, type) else type(class_or_instance)
        try:
            return cls.__record_fields__
        except AttributeError:
            raise TypeError(f"{cls.__name__} is not a record class") from None

    def is_dataclass(obj) -> bool:
        cls = obj if isinstance(obj, type) else type(obj)
        return hasattr(cls, "__record_fields__")

    def dataclass(cls=None, /, *, frozen=False, slots=False):
        def wrap(cls):
            return _make(cls, frozen, slots)

        return wrap if cls is None else wrap(cls)

    def _make(cls, frozen, slots):
        inherited = [f for base in reversed(cls.__mro__[1:]) for f in getattr(base, "__record_fields__", ())]
        own = []
        namespace = dict(cls.__dict__)
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063 - no inspect
            if "ClassVar" in str(annotation):
                continue
            value = namespace.pop(name, MISSING)
            declared = value if isinstance(value, Field) else Field(value, MISSING, None)
            declared.name, declared.type = name, annotation
            own.append(declared)
        merged = {f.name: f for f in (*inherited, *own)}
        every = tuple(merged.values())
        names = tuple(merged)
        plan = tuple((f.name, f.default, f.default_factory) for f in every)
        count = len(plan)
        setters = []  # the slots' own setters, once the class exists: a third faster than setattr

        def __init__(self, *args, **kwargs):
            if len(args) == count and not kwargs:  # every field given in order: an index row
                if setters:
                    for setter, value in zip(setters, args):  # noqa: B905 - lengths checked above
                        setter(self, value)
                    return
                put = object.__setattr__
                for name, value in zip(names, args):  # noqa: B905 - lengths checked above
                    put(self, name, value)
                return
            if len(args) > count:
                raise TypeError(f"{cls.__name__}() takes {count} positional arguments but {len(args)} were given")
            put = object.__setattr__
            for (name, _, _), value in zip(plan, args):  # noqa: B905 - args may be fewer
                put(self, name, value)
            unused = len(kwargs)
            for name, default, factory in plan[len(args) :]:
                if name in kwargs:
                    put(self, name, kwargs[name])
                    unused -= 1
                elif default is not MISSING:
                    put(self, name, default)
                elif factory is not MISSING:
                    put(self, name, factory())
                else:
                    raise TypeError(f"{cls.__name__}() missing required argument: {name!r}")
            if unused:
                extra = sorted(set(kwargs) - set(names[len(args) :]))
                raise TypeError(f"{cls.__name__}() got unexpected arguments: {', '.join(extra)}")

        def __repr__(self):
            inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
            return f"{cls.__qualname__}({inner})"

        def __eq__(self, other):
            if other.__class__ is not self.__class__:
                return NotImplemented
            return all(getattr(self, name) == getattr(other, name) for name in names)

        namespace.update(
            __init__=__init__,
            __repr__=__repr__,
            __eq__=__eq__,
            __record_fields__=every,
            __match_args__=names,
        )
        if frozen:

            def __setattr__(self, name, value):
                raise FrozenInstanceError(f"cannot assign to field {name!r}")

            def __delattr__(self, name):
                raise FrozenInstanceError(f"cannot delete field {name!r}")

            def __hash__(self):
                return hash(tuple(getattr(self, name) for name in names))

            namespace.update(__setattr__=__setattr__, __delattr__=__delattr__, __hash__=__hash__)
        else:
            namespace["__hash__"] = None
        if slots:
            namespace.pop("__dict__", None)
            namespace.pop("__weakref__", None)
            namespace["__slots__"] = tuple(f.name for f in own)
        made = type(cls)(cls.__name__, cls.__bases__, namespace)
        made.__qualname__ = cls.__qualname__
        slots_found = [getattr(made, name, None) for name in names]
        if all(type(found) is _SLOT for found in slots_found):
            setters.extend(found.__set__ for found in slots_found)
        return made

    class _Probe:
        __slots__ = ("probe",)

    _SLOT = type(_Probe.probe)  # the type of a slot on its class (types.MemberDescriptorType)


def nested_records(cls: type) -> dict[str, tuple[type, bool]]:
    """Fields that hold records: name -> (record class, whether it is a list of them).

    Read from the annotation strings (`list[Cause]`, `Icd10 | None`) against the class's own
    module, so rebuilding an entry from the index needs neither `typing` nor `eval`.
    """
    found = _NESTED.get(cls)
    if found is None:
        module = sys.modules[cls.__module__].__dict__
        found = {}
        for f in fields(cls):
            text = str(f.type).replace(" | None", "").replace("None | ", "").strip()
            many = text.startswith("list[") and text.endswith("]")
            inner = module.get(text[5:-1] if many else text)
            if isinstance(inner, type) and is_dataclass(inner):
                found[f.name] = (inner, many)
        _NESTED[cls] = found
    return found


_NESTED: dict[type, dict[str, tuple[type, bool]]] = {}
