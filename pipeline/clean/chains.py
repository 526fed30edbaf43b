"""Filter chains with checked parameters: a preset plus a source's overrides from params.yaml.

The filters themselves import nothing of the project; the strict parameter checking
(`common.config.build`) is applied here, where the pipeline, `schoon check` and `schoon audit`
build their chains.
"""

from __future__ import annotations

from typing import Any

from common.config import ConfigError, build
from filters.base import Filter, Params
from filters.chain import FilterChain
from filters.presets import FILTERS, preset_steps


def resolve(
    preset: str,
    overrides: dict[str, dict[str, Any] | None] | None = None,
    where: str = "filters",
) -> list[tuple[type[Filter], Params]]:
    """The preset's enabled filters with `overrides` (step key -> parameters) applied and
    checked, not yet built: checking a configuration never loads a word list or a detector."""
    steps = preset_steps(preset)
    overrides = dict(overrides or {})
    keys = [key for key, _, _ in steps]
    for key in overrides:
        if key not in keys:
            raise ConfigError(
                f"{where}: unknown filter '{key}' for preset '{preset}' "
                f"(its filters: {', '.join(keys)})"
            )
    for key, value in overrides.items():
        if value is not None and not isinstance(value, dict):
            raise ConfigError(f"{where}.{key}: expected a mapping of parameters, got {value!r}")
    resolved = []
    for key, name, defaults in steps:
        cls = FILTERS[name]
        params = build(cls.Params, {**defaults, **(overrides.get(key) or {})}, f"{where}.{key}")
        if params.enabled:  # a disabled filter never loads its resources (langdetect: ~1 s)
            resolved.append((cls, params))
    return resolved


def build_chain(
    preset: str,
    overrides: dict[str, dict[str, Any] | None] | None = None,
    where: str = "filters",
) -> FilterChain:
    """The preset's chain with `overrides` (step key -> parameters) applied and checked."""
    return FilterChain([cls(params) for cls, params in resolve(preset, overrides, where)])
