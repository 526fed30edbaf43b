"""The dedup job (`run_dedup`) against datatrove's MinHash as the input grows.

Each run is a process of its own (`bench.dedup.run`, measured by `harness.measure`: wall, CPU
and peak RSS of the whole tree); the input is built once per size and seed (bench/dedup/
inputs.py). The figures: `python -m bench.dedup.plot`.

    python -m bench.dedup.scale --docs 10000,30000,100000 --cap-gb 12 \\
        --runs schoon:1,schoon:2,datatrove:1,datatrove:2 --out bench/results/dedup_scale_pages.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.dedup.inputs import build_input
from bench.dedup.run import WORK
from bench.harness import ROOT, header, load, measure, write_json

BASES = {
    "pages": "make_corpus pages (near copies of each other) + 5% exact + 5% near",
    "sentences": "distinct random-sentence documents + 5% exact + 5% near",
}


def scale(args) -> dict:
    report = {**header("bench.dedup.scale"), "share": args.share, "inputs": []}
    if args.append and args.out and args.out.exists():
        report["inputs"] = json.loads(args.out.read_text(encoding="utf-8"))["inputs"]
    args.work.mkdir(parents=True, exist_ok=True)
    source = None if args.base == "sentences" else args.source
    for docs in [int(d) for d in args.docs.split(",")]:
        input_dir = args.work / f"input-{args.base}-{docs}"
        summary = build_input(source, docs, input_dir, args.seed, args.share, args.files)
        print(f"input {docs}: {summary}", flush=True)
        entry = {
            "docs": docs,
            "base": args.base,
            "command": report["command"],
            "date": report["date"],
            "input": summary,
            "runs": [],
        }
        report["inputs"].append(entry)
        for tool, workers in (r.split(":") for r in args.runs.split(",")):
            cmd = [sys.executable, "-m", "bench.dedup.run", "--tool", tool, "--workers", workers]
            cmd += ["--input", str(input_dir), "--work", str(args.work)]
            cmd += ["--cluster-memory", args.cluster_memory, "--partitions", str(args.partitions)]
            cmd += ["--heap", args.heap]
            r = measure(cmd, timeout=args.timeout, cap_gb=args.cap_gb)
            result = {"tool": tool, "workers": int(workers), **(r.pop("result") or {}), **r}
            if "error" not in result:
                result["docs_per_s"] = round(docs / result["work_wall_s"])
                result["docs_per_cpu_s"] = round(docs / result["cpu_s"])
            print(
                json.dumps({k: v for k, v in result.items() if k != "rss_mb_over_time"}), flush=True
            )
            entry["runs"].append(result)
            if args.out:  # after every run: a killed benchmark keeps what it measured
                write_json(args.out, {**report, "load_at_end": load()})
    return {**report, "load_at_end": load()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=ROOT / "bench" / "data" / "1M",
        help="a make_corpus output with at least the largest --docs",
    )
    parser.add_argument("--base", choices=tuple(BASES), default="pages")
    parser.add_argument("--docs", default="10000,100000")
    parser.add_argument("--runs", default="schoon:1,schoon:2,datatrove:1", help="tool:workers,...")
    parser.add_argument("--share", type=float, default=0.05, help="exact copies, and near copies")
    parser.add_argument("--files", type=int, default=4, help="Parquet files of the input")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--cap-gb", type=float, default=14.0, help="stop a run whose tree uses more"
    )
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per run")
    parser.add_argument("--append", action="store_true", help="add to the inputs already in --out")
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--cluster-memory", default="", help="the *-cluster TaskManager size")
    parser.add_argument("--partitions", type=int, default=0, help="beam.partitions (0: the job's)")
    parser.add_argument("--heap", default="", help="the job server's -Xmx, e.g. 3g")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    result = scale(args)
    if args.out:
        write_json(args.out, result)


if __name__ == "__main__":
    main()
