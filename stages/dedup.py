"""DVC stage `dedup`: exact and near duplicates removed across every cleaned source.

Reads `dedup`, `clean` (the runner) and the order of `sources` from the parameter file and
runs `pipeline.dedup_job.run_dedup`.
"""

from __future__ import annotations

import argparse
import logging
import sys

from common.config import ConfigError, build, load_yaml, section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--params", default="params.yaml")
    parser.add_argument("--clean", required=True, help="cleaned sources, NAME/*.parquet")
    parser.add_argument("--kept", required=True, help="output: NAME/*.parquet per source")
    parser.add_argument("--rejected", required=True, help="output: the dropped duplicates")
    parser.add_argument("--stats", required=True, help="statistics JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from pipeline.dedup_params import dedup_params
    from pipeline.runner import CleanConfig, quiet_beam

    try:
        params = load_yaml(args.params)
        config = dedup_params(section(params, "dedup", args.params), args.params)
        clean = build(CleanConfig, section(params, "clean", args.params), f"{args.params}: clean")
        sources = list(section(params, "sources", args.params))
        quiet_beam(clean.verbose)
        from pipeline.dedup_job import run_dedup

        stats = run_dedup(sources, args.clean, config, clean, args.kept, args.rejected, args.stats)
    except (ConfigError, FileNotFoundError) as e:
        print(f"dedup: {e}", file=sys.stderr)
        return 2
    print(
        f"dedup: {stats['docs_in']} in, {stats['docs_out']} kept, dropped {stats['docs_dropped']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
