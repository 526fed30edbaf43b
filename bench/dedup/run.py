"""Inside a measured process of `bench.dedup.scale`: one run of one tool; one JSON line.

python -m bench.dedup.run --tool schoon --workers 1 --input /tmp/dedup_scale/input-...
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from bench.dedup.datatrove import datatrove_minhash
from bench.dedup.inputs import SOURCE, parquet_rows, run_dedup
from bench.harness import Clock

TOOLS = (
    *("schoon", "schoon-flink", "schoon-spark", "schoon-prism", "datatrove"),
    *("schoon-flink-cluster", "schoon-spark-cluster"),
)
WORK = Path(tempfile.gettempdir()) / "dedup_scale"


def score_scale(dropped: dict[str, tuple], truth: dict) -> dict:
    """Drops (id -> (kind, similarity)) against the planted truth. A planted pair is `resolved`
    when either document went (datatrove keeps the first in its own reading order, which need
    not be the original); `copy_dropped` counts the copies themselves. Drops among the
    unplanted documents (the make_corpus pages' own near copies of each other) are apart."""
    near = {c: t["jaccard"] for c, t in truth.items() if not t["exact"]}
    groups = {
        "exact": ("exact_copies", [c for c, t in truth.items() if t["exact"]]),
        "near_at_or_above_0.8": (None, [c for c, j in near.items() if j >= 0.8]),
        "near_below_0.8": (None, [c for c, j in near.items() if j < 0.8]),
    }
    out: dict = {
        "dropped": len(dropped),
        "dropped_by_kind": dict(Counter(k for k, _ in dropped.values())),
    }
    for name, (count, copies) in groups.items():
        out[count or name] = len(copies)
        out[f"{name}_copy_dropped"] = sum(c in dropped for c in copies)
        out[f"{name}_resolved"] = sum(
            c in dropped or truth[c]["original"] in dropped for c in copies
        )
    planted_originals = {t["original"] for t in truth.values()}
    unplanted = [d for d in dropped if d.startswith("d")]
    sims = sorted(dropped[d][1] for d in unplanted if dropped[d][1])
    out.update(
        unplanted_dropped=len(unplanted),
        unplanted_dropped_not_a_planted_original=sum(d not in planted_originals for d in unplanted),
        unplanted_dropped_similarity_median=sims[len(sims) // 2] if sims else None,
    )
    return out


def _schoon(args, clean: Path, work: Path) -> dict:
    """The dedup job for `args.tool`: `schoon` (direct), `schoon-RUNNER`, or
    `schoon-RUNNER-cluster`: a real Flink session cluster or Spark standalone cluster on
    127.0.0.1, started here as the tests start it (tests/clusters.py: its memory sized there, a
    3 GiB TaskManager or worker; `--cluster-memory`, e.g. 4096m, sizes the Flink TaskManager
    instead, with a tenth of its memory managed and a quarter its tasks' direct memory), so that
    its JVMs are in the measured tree."""
    runner, _, cluster = args.tool.removeprefix("schoon").removeprefix("-").partition("-")
    parts = {"partitions": args.partitions} if args.partitions else {}
    if args.heap:  # the job server's JVM heap, as a user gives it
        parts["pipeline_options"] = [f"--job_server_jvm_properties=-Xmx{args.heap}"]
    if not cluster:
        return run_dedup(clean, work, args.workers, runner or "direct", **parts)
    from tests import clusters

    sized = {"memory": args.cluster_memory} if args.cluster_memory else {}
    if sized and runner == "flink":  # a tenth managed, a quarter direct memory for the tasks
        megabytes = int(args.cluster_memory.removesuffix("m"))
        sized.update(managed_fraction=0.1, task_off_heap=f"{megabytes // 4}m")
    with clusters.running(clusters.for_runner(runner, work / "cluster", **sized)) as running:
        return run_dedup(clean, work, args.workers, runner, **running.settings, **parts)


def run(args) -> None:
    """Inside the measured process: one run of one tool; prints one JSON line."""
    work = Path(tempfile.mkdtemp(prefix=f"dedup-scale-{args.tool}-", dir=args.work))
    clean = args.input / "clean"
    try:
        clock, result = Clock(), {}
        if args.tool == "datatrove":
            from datatrove.pipeline.readers import ParquetReader

            from pipeline.dedup.params import DedupParams

            def reader():
                return ParquetReader(str(clean / SOURCE), text_key="text", id_key="id")

            files = len(list((clean / SOURCE).glob("*.parquet")))
            removed = datatrove_minhash(reader, work, DedupParams(), files, args.workers)
            dropped = dict.fromkeys(removed, ("near", None))
        else:  # schoon, schoon-flink, schoon-spark, schoon-prism: the runner after the dash
            stats = _schoon(args, clean, work)
            result["cluster_sizes"] = stats["cluster_sizes"]
            rejected = parquet_rows(work / "rejected", ["id", "kind", "similarity"])
            dropped = {r["id"]: (r["kind"], r["similarity"]) for r in rejected}
            assert len(dropped) == sum(stats["docs_dropped"].values())
        result.update(clock.read())
        truth = json.loads((args.input / "truth.json").read_text(encoding="utf-8"))["truth"]
        result["score"] = score_scale(dropped, truth)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tool", choices=TOOLS, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--input", type=Path, required=True, help="a scale input directory")
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--cluster-memory", default="", help="the *-cluster TaskManager size")
    parser.add_argument("--partitions", type=int, default=0, help="beam.partitions (0: the job's)")
    parser.add_argument("--heap", default="", help="the job server's -Xmx, e.g. 3g")
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
