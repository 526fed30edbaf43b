"""Typed, strict parameters: dataclasses built from sections of `params.yaml`.

An unknown key or a value of the wrong type fails before any work is done, with a message
that names the key, the file and what is allowed (nanoGPT's "Unknown config key", made strict).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")

_YAML11_FLOAT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+")

PARAMS_FILE = "params.yaml"


class InputError(Exception):
    """Something the user can fix before running again: a parameter, a missing or unreadable
    input. Every stage reports it as `STAGE: message` and exits with 2 (`stages.stage`)."""


class JobError(Exception):
    """A job that failed where it ran, not for its input: a cluster that lost a worker, a job
    server that died. Reported as `STAGE: message` with exit status 1; the outputs of the run
    are not written, and running again finishes the work."""


class ConfigError(InputError, ValueError):
    """A parameter file or section that cannot be used as it is."""


def load_yaml(path: str | Path = PARAMS_FILE) -> dict[str, Any]:
    """Read a YAML mapping, failing with the file's name when it is missing or not a mapping."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"{path}: no such parameter file")
    with path.open(encoding="utf-8") as f:
        try:
            data = yaml.safe_load(f)
        except yaml.YAMLError as e:
            raise ConfigError(f"{path}: not valid YAML: {e}") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level, got {type(data).__name__}")
    return data


def section(params: dict[str, Any], name: str, where: str = PARAMS_FILE) -> dict[str, Any]:
    """Return one top-level section of the parameters, which must be a mapping."""
    if name not in params:
        raise ConfigError(f"{where}: missing section '{name}'")
    value = params[name]
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: section '{name}' must be a mapping")
    return value


def load_section(cls: type[T], path: str | Path, name: str) -> T:
    """Section `name` of parameter file `path`, built as dataclass `cls`."""
    return build(cls, section(load_yaml(path), name, str(path)), f"{path}: {name}")


def build(cls: type[T], data: dict[str, Any] | None, where: str) -> T:
    """Build dataclass `cls` from `data`, checking every key and value type.

    `where` names the place in the file, e.g. "params.yaml: train", and starts every message.
    Nested dataclass fields are built recursively from nested mappings. A dataclass may name
    the keys that moved to another section (`MOVED`: key -> "section.key"); such a key is
    reported with where it went instead of as unknown.
    """
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping, got {_describe(data)}")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(data) - set(fields))
    moved = getattr(cls, "MOVED", {})  # key -> where it lives now ("section.key")
    if unknown and unknown[0] in moved:
        key, now = unknown[0], moved[unknown[0]]
        raise ConfigError(f"{where}.{key}: moved to {now} (write it as `{now.split('.')[0]}: "
                          f"{{{now.split('.', 1)[1]}: ...}}`)")  # fmt: skip
    if unknown:
        raise ConfigError(
            f"{where}: unknown key '{unknown[0]}' (allowed: {', '.join(sorted(fields))})"
        )
    hints = typing.get_type_hints(cls)
    values = {}
    for name, value in data.items():
        values[name] = _coerce(hints[name], value, f"{where}.{name}")
    missing = [
        n
        for n, f in fields.items()
        if n not in values
        and f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise ConfigError(f"{where}: missing required key '{missing[0]}'")
    try:
        return cls(**values)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"{where}: {e}") from e


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"


def _coerce(tp: Any, value: Any, where: str) -> Any:
    """Check `value` against type `tp`; return it (ints are accepted where floats are asked)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        return _coerce_union(args, value, where)
    if origin is typing.Literal:
        if value not in args:
            allowed = ", ".join(repr(a) for a in args)
            raise ConfigError(f"{where}: {value!r} is not one of {allowed}")
        return value
    if dataclasses.is_dataclass(tp):
        return build(tp, value, where)
    if origin in (list, tuple):
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{where}: expected a list, got {_describe(value)}")
        item = args[0] if args else Any
        items = [_coerce(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a mapping, got {_describe(value)}")
        vt = args[1] if args else Any
        return {k: _coerce(vt, v, f"{where}.{k}") for k, v in value.items()}
    return _coerce_scalar(tp, value, where)


def _coerce_union(args: tuple, value: Any, where: str) -> Any:
    """The first member of `X | Y | None` that accepts `value`."""
    if value is None and type(None) in args:
        return None
    errors = []
    for arg in args:
        if arg is type(None):
            continue
        try:
            return _coerce(arg, value, where)
        except ConfigError as e:
            errors.append(str(e))
    raise ConfigError(errors[0] if len(errors) == 1 else f"{where}: unexpected {_describe(value)}")


def _coerce_scalar(tp: Any, value: Any, where: str) -> Any:
    if tp is float:
        if isinstance(value, str) and _YAML11_FLOAT.fullmatch(value.strip()):
            return float(value)  # PyYAML (YAML 1.1) reads 5e-5, without a dot, as a string
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: expected a number, got {_describe(value)}")
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected an integer, got {_describe(value)}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {_describe(value)}")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {_describe(value)}")
        return value
    if isinstance(tp, type) and not isinstance(value, tp):
        raise ConfigError(f"{where}: expected {tp.__name__}, got {_describe(value)}")
    return value
