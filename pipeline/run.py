"""The cleaning's entry point: check one source's parameters, then run the Beam job.

`schoon clean` and the `clean@NAME` stage both call `clean_source`. Beam is imported only
once the parameters and the input files have been checked, so a typo fails in a fraction of
a second.
"""

from __future__ import annotations

from common.config import ConfigError, build, load_yaml, section


def clean_source(
    name: str,
    params_file: str = "params.yaml",
    kept: str | None = None,
    rejected: str | None = None,
    stats: str | None = None,
) -> dict:
    """Clean source `name` of `params_file`; outputs default to the paths dvc.yaml uses."""
    from pipeline.sources import load_sources

    params = load_yaml(params_file)
    sources = load_sources(params, where=params_file, check_files=[name])
    if name not in sources:
        raise ConfigError(
            f"{params_file}: no source '{name}' (sources: {', '.join(sorted(sources))})"
        )
    from pipeline.clean import CleanConfig, Outputs, run_clean  # Beam: only once the input is known

    clean = build(CleanConfig, section(params, "clean", params_file), f"{params_file}: clean")
    outputs = Outputs(
        kept or f"data/clean/{name}",
        rejected or f"data/rejected/{name}",
        stats or f"metrics/clean/{name}.json",
    )
    return run_clean(name, sources[name], clean, outputs)
