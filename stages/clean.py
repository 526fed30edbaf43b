"""DVC stage `clean@NAME`: clean one source with the Beam pipeline.

Reads `clean` and `sources.NAME` from the parameter file, runs `pipeline.clean.run_clean`,
writes kept and rejected Parquet directories and the statistics JSON.
"""

from __future__ import annotations

import argparse
import logging
import sys

from pipeline.config import ConfigError, build, load_yaml, section


def clean_source(
    name: str,
    params_file: str = "params.yaml",
    kept: str | None = None,
    rejected: str | None = None,
    stats: str | None = None,
) -> dict:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--params", default="params.yaml")
    parser.add_argument("--kept", required=True)
    parser.add_argument("--rejected", required=True)
    parser.add_argument("--stats", required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        stats = clean_source(args.source, args.params, args.kept, args.rejected, args.stats)
    except ConfigError as e:
        print(f"clean: {e}", file=sys.stderr)
        return 2
    print(
        f"{args.source}: {stats['docs_in']} in, {stats['docs_out']} kept, "
        f"dropped {stats['docs_dropped']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
