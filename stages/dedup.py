"""DVC stage `dedup`: exact and near duplicates removed across every cleaned source.

Reads `dedup`, `beam` (how the job runs) and the order of `sources` from the parameter file and
runs `pipeline.dedup.job.run_dedup`.
"""

from __future__ import annotations

import argparse
import sys

from common.config import load_section, load_yaml, section
from common.jsonfile import write_json
from stages import headline
from stages.stage import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--params", default="params.yaml")
    parser.add_argument("--clean", required=True, help="cleaned sources, NAME/*.parquet")
    parser.add_argument("--kept", required=True, help="output: NAME/*.parquet per source")
    parser.add_argument("--rejected", required=True, help="output: the dropped duplicates")
    parser.add_argument("--stats", required=True, help="the whole statistics JSON")
    parser.add_argument("--metrics", help="the headline numbers for DVC (stages/headline.py)")
    args = parser.parse_args(argv)

    def work() -> str:
        from pipeline.beam.runner import beam_config, quiet_beam
        from pipeline.dedup.params import DedupParams

        config = load_section(DedupParams, args.params, "dedup")
        params = load_yaml(args.params)
        how = beam_config(params, args.params)  # how the job runs
        sources = list(section(params, "sources", args.params))
        quiet_beam(how.verbose)  # before Beam is imported: its import warns on the root logger
        from pipeline.dedup.job import input_documents, run_dedup, runner_advice

        advice = runner_advice(input_documents(sources, args.clean), how)
        if advice:
            print(f"dedup: {advice}", file=sys.stderr, flush=True)
        s = run_dedup(sources, args.clean, config, how, args.kept, args.rejected, args.stats)
        if args.metrics:
            write_json(args.metrics, headline.dedup(s))
        return f"dedup: {s['docs_in']} in, {s['docs_out']} kept, dropped {s['docs_dropped']}"

    return run("dedup", work, after_stop="nothing was written; a rerun runs the job again")


if __name__ == "__main__":
    sys.exit(main())
