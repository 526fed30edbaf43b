"""The cleaning's entry point: check one source's parameters, then run the Beam job.

`schoon clean` and the `clean@NAME` stage both call `clean_source`. Beam is imported only
once the parameters and the input files have been checked, so a typo fails in a fraction of
a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from common.config import ConfigError, build, load_yaml, section
from filters.presets import UnknownPresetError
from pipeline.chains import resolve
from pipeline.sources import SourceConfig, reader_for


def load_sources(
    params: dict[str, Any], where: str = "params.yaml", check_files: Sequence[str] = ()
) -> dict[str, SourceConfig]:
    """All sources of a params mapping, checked: format, preset, overrides and, for the
    sources named in `check_files`, that their input files exist."""
    raw = params.get("sources")
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(f"{where}: 'sources' must map source names to their settings")
    sources = {}
    for name, entry in raw.items():
        config = build(SourceConfig, entry, f"{where}: sources.{name}")
        reader = reader_for(name, config)  # checks format and options
        try:
            resolve(config.preset, config.filters, where=f"{where}: sources.{name}.filters")
        except UnknownPresetError as e:
            raise ConfigError(f"{where}: sources.{name}: {e}") from e
        if name in check_files:
            reader.files()
        sources[name] = config
    return sources


def clean_source(
    name: str,
    params_file: str = "params.yaml",
    kept: str | None = None,
    rejected: str | None = None,
    stats: str | None = None,
    runner: str | None = None,
    work: str | None = None,
    verbose: bool | None = None,
    progress: bool = True,
) -> dict:
    """Clean source `name` of `params_file`; outputs default to the paths dvc.yaml uses.

    `runner` and `verbose` override the `clean` section; `work` keeps each input file's result
    between runs (resume, incremental)."""
    params = load_yaml(params_file)
    sources = load_sources(params, where=params_file, check_files=[name])
    if name not in sources:
        raise ConfigError(
            f"{params_file}: no source '{name}' (sources: {', '.join(sorted(sources))})"
        )
    settings = dict(section(params, "clean", params_file))
    if runner is not None:
        settings["runner"] = runner
    if verbose is not None:
        settings["verbose"] = verbose
    from pipeline.runner import CleanConfig, quiet_beam

    clean = build(CleanConfig, settings, f"{params_file}: clean")
    quiet_beam(clean.verbose)  # before Beam is imported: its import warns on the root logger
    from pipeline.clean import Outputs, run_clean  # Beam: only once the input is known

    outputs = Outputs(
        kept or f"data/clean/{name}",
        rejected or f"data/rejected/{name}",
        stats or f"metrics/clean/{name}.json",
    )
    return run_clean(name, sources[name], clean, outputs, work=work, progress=progress)
