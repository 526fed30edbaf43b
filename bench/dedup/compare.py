"""The dedup job's verdicts on one scale input with each worker count: are they the same?

python -m bench.dedup.compare --input /tmp/dedup_scale/input-pages-30000 --repeat 2
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from bench.dedup.inputs import parquet_rows, run_dedup
from bench.dedup.run import WORK
from bench.harness import report


def compare(args) -> dict:
    """The dedup job on one input with each worker count, `--repeat` times: are the verdicts
    the same? (They should be: the first copy by `order` is kept whatever the runner.)"""
    out: dict = {"input": str(args.input), "runs": [], "differences": []}
    verdicts = {}
    for workers in map(int, args.workers.split(",")):
        for k in range(args.repeat):
            work = Path(tempfile.mkdtemp(prefix="dedup-compare-", dir=args.work))
            try:
                stats = run_dedup(args.input / "clean", work, workers)
                rejected = {r["id"]: r for r in parquet_rows(work / "rejected")}
            finally:
                shutil.rmtree(work, ignore_errors=True)
            name = f"workers={workers} #{k + 1}"
            verdicts[name] = rejected
            run = {
                "run": name,
                "docs_in": stats["docs_in"],
                "docs_out": stats["docs_out"],
                "docs_dropped": stats["docs_dropped"],
                "near_clusters": sum(stats["cluster_sizes"]["near"].values()),
            }
            out["runs"].append(run)
            print(json.dumps(run), flush=True)
    first, *others = verdicts
    a = verdicts[first]
    for name in others:
        b = verdicts[name]
        only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        diff = {
            "against": first,
            "run": name,
            "dropped_only_in_first": len(only_a),
            "dropped_only_in_this": len(only_b),
            "other_duplicate_of": sum(
                a[i]["duplicate_of"] != b[i]["duplicate_of"] for i in set(a) & set(b)
            ),
            "examples_only_in_first": [
                [i, a[i]["kind"], a[i]["duplicate_of"], round(a[i]["similarity"], 3)]
                for i in only_a[:5]
            ],
        }
        out["differences"].append(diff)
        print(json.dumps(diff), flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, required=True, help="a scale input directory")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    report("bench.dedup.compare", compare(args), args.out)


if __name__ == "__main__":
    main()
