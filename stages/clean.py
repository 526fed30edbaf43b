"""DVC stage `clean@NAME`: clean one source with the Beam pipeline.

Reads `clean` and `sources.NAME` from the parameter file and runs `pipeline.run.clean_source`:
kept and rejected Parquet directories and the statistics JSON.
"""

from __future__ import annotations

import argparse
import logging
import sys

from common.config import ConfigError
from pipeline.run import clean_source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--params", default="params.yaml")
    parser.add_argument("--kept", required=True)
    parser.add_argument("--rejected", required=True)
    parser.add_argument("--stats", required=True)
    parser.add_argument("--work", help="per-file results kept between runs (resume, incremental)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        stats = clean_source(
            args.source, args.params, args.kept, args.rejected, args.stats, work=args.work
        )
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
