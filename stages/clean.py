"""DVC stage `clean@NAME`: clean one source with the Beam pipeline.

Reads `clean` and `sources.NAME` from the parameter file and runs
`pipeline.clean.source.clean_source`: kept and rejected Parquet directories, the statistics JSON
and its headline numbers.
"""

from __future__ import annotations

import argparse
import sys

from common.jsonfile import write_json
from pipeline.clean.source import clean_source
from stages import headline
from stages.stage import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--params", default="params.yaml")
    parser.add_argument("--kept", required=True)
    parser.add_argument("--rejected", required=True)
    parser.add_argument("--stats", required=True, help="the whole statistics JSON")
    parser.add_argument("--metrics", help="the headline numbers for DVC (stages/headline.py)")
    parser.add_argument("--work", help="per-file results kept between runs (resume, incremental)")
    args = parser.parse_args(argv)

    def work() -> str:
        s = clean_source(
            args.source, args.params, args.kept, args.rejected, args.stats, work=args.work
        )
        if args.metrics:
            write_json(args.metrics, headline.clean(s))
        return (
            f"{args.source}: {s['docs_in']} in, {s['docs_out']} kept, dropped {s['docs_dropped']}"
        )

    return run("clean", work)


if __name__ == "__main__":
    sys.exit(main())
