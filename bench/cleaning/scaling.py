"""The cleaning job on every local runner and worker count, against the in-process path.

Each configuration runs in a fresh interpreter, one after the other (`harness.measure`: wall,
CPU and peak RSS of its whole process tree, sampled every 0.2 s); docs/scaling.md says how the
figures are read. The configurations:

- `check`: the in-process reference, `schoon check`'s path (`cleaning.run_check`), timed once
  the chain is built: the steady per-document cost.
- `direct-1`, `direct-2`: `run_clean` on the FnApiRunner, `in_memory` for one worker and
  `multi_processing` for two.
- `portable-1`, `portable-2`: the PortableRunner, embedded job service, SDK worker processes.
- `dask-1`, `dask-2`: the DaskRunner on a local dask.distributed cluster of 1 or 2 processes;
  `dask-N-p1` with one element per bag partition (`--dask_partition_size=1`).
- also by name, not run by default: `flink-N`, `spark-N`, `prism-N` (after `make jobservers`
  and `make prism`): the job server or Prism started by schoon, N SDK workers from its pool;
  `flinkcluster-N`, `sparkcluster-N` (after `make clusters` too): a real Flink session cluster
  or Spark standalone cluster on 127.0.0.1, started inside the measured process as the tests
  start it (tests/clusters.py), so its JVMs count in the figures.

Runner configurations are timed whole around `run_clean`, cluster start and stop included. The
overhead per document against `check`: (wall x workers / docs) / (check s/doc) - 1.

    python -m bench.cleaning.scaling --input bench/data/100k --filters nolid,cld2 --rounds 2
    python -m bench.cleaning.scaling --input bench/data/100k --configs check,direct-1 --tag x

Results are printed as a markdown table and saved as JSON under `bench/data/scaling/`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

from bench.cleaning.throughput import CLD2, HERE, NO_LID, files, run_check, source
from bench.harness import Clock, header, load, measure, write_json

FILTERS = {"nolid": NO_LID, "cld2": CLD2}
RUNNERS = ("direct", "portable", "dask", "flink", "spark", "prism", "flinkcluster", "sparkcluster")
CONFIGS = ["check", "direct-1", "direct-2", "portable-1", "portable-2", "dask-1", "dask-2"]
# The DaskRunner puts up to 128 elements in one `dask.Bag` partition, so a few files land in
# one partition, on one worker; one per partition:
VARIANTS = {"p1": ["--dask_partition_size=1"]}


def split(config: str) -> tuple[str, int, list[str]]:
    """`dask-2-p1` -> ("dask", 2, VARIANTS["p1"]); `check` -> ("check", 1, [])."""
    runner, _, rest = config.partition("-")
    parts = rest.split("-")
    return runner, int(parts[0] or 1), VARIANTS[parts[1]] if len(parts) > 1 else []


def job(input_dir: Path, config: str, filters: str) -> dict:
    """Inside the measured process: one configuration."""
    runner, workers, flags = split(config)
    clock = Clock()
    if runner == "check":
        result = run_check(input_dir, clock, FILTERS[filters])  # restarts the clock once set up
        return {**result, "wall_s": clock.read()["work_wall_s"]}
    from pipeline.beam.runner import BeamConfig, quiet_beam
    from pipeline.clean.job import Outputs, run_clean

    quiet_beam()
    out = Path(tempfile.mkdtemp(prefix="schoon-scaling-"))
    try:
        outputs = Outputs(str(out / "kept"), str(out / "rejected"), str(out / "stats.json"))
        with contextlib.ExitStack() as stack:
            settings = {}
            if runner.endswith("cluster"):  # a real cluster on 127.0.0.1, as the tests start it
                from tests import clusters

                runner = runner.removesuffix("cluster")
                cluster = clusters.for_runner(runner, out / "cluster")
                settings = stack.enter_context(clusters.running(cluster)).settings
            clean = BeamConfig(runner=runner, workers=workers, pipeline_options=flags, **settings)
            stats = run_clean("bench", source(input_dir, FILTERS[filters]), clean, outputs)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {
        "docs": stats["docs_in"],
        "kept": stats["docs_out"],
        # The whole statistics, as a digest: every runner must write the same.
        "stats_sha256": hashlib.sha256(json.dumps(stats, sort_keys=True).encode()).hexdigest(),
        "wall_s": clock.read()["work_wall_s"],
    }


def run_config(config: str, input_dir: Path, filters: str, timeout: float) -> dict:
    cmd = [sys.executable, "-m", "bench.cleaning.scaling", "--worker", config, "--filters", filters]
    cmd += ["--input", str(input_dir.resolve())]
    r = measure(cmd, timeout=timeout, every=0.2)
    record = {"config": config, "filters": filters, "input": str(input_dir)}
    record.update({k: r[k] for k in ("peak_rss_mb", "max_processes", "cpu_s", "load_before")})
    record["process_wall_s"] = r["wall_s"]
    if "error" in r:
        return {**record, "error": r["error"]}
    record.update(r["result"])
    _, workers, _ = split(config)
    return {
        **record,
        "workers": workers,
        "docs_per_s": record["docs"] / record["wall_s"],
        "docs_per_s_per_core": record["docs"] / record["wall_s"] / workers,
    }


def best(runs: list[dict]) -> dict[tuple[str, str], dict]:
    """The fastest round of each (filters, config), with the spread of its rounds."""
    rounds: dict[tuple[str, str], list[dict]] = {}
    for r in runs:
        if "error" not in r:
            rounds.setdefault((r["filters"], r["config"]), []).append(r)
    out = {}
    for key, rs in rounds.items():
        walls = [r["wall_s"] for r in rs]
        fastest = min(rs, key=lambda r: r["wall_s"])
        out[key] = {**fastest, "rounds": len(rs), "spread": max(walls) / min(walls)}
    return out


def table(runs: list[dict]) -> str:
    by = best(runs)
    lines = [
        "| filters | path | workers | wall s | docs/s | docs/s per core | x one worker | "
        "CPU s (all) | peak RSS MB (all) | processes | overhead/doc (wall x cores) | "
        "overhead/doc (CPU) | spread | load |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for (filters, config), r in by.items():
        runner, workers, _ = split(config)
        ref = by.get((filters, "check"))
        one = by.get((filters, "-".join([runner, "1", *config.split("-")[2:]])))
        speedup = f"{r['docs_per_s'] / one['docs_per_s']:.2f}x" if workers > 1 and one else ""
        over = cpu = ""
        if ref and config != "check":  # extra core-seconds per document, wall and CPU
            over = f"{(r['wall_s'] * workers / r['docs']) / (ref['wall_s'] / ref['docs']) - 1:+.0%}"
            cpu = f"{(r['cpu_s'] / r['docs']) / (ref['cpu_s'] / ref['docs']) - 1:+.0%}"
        lines.append(
            f"| {filters} | `{config}` | {workers} | {r['wall_s']:.1f} | {r['docs_per_s']:,.0f} | "
            f"{r['docs_per_s_per_core']:,.0f} | {speedup} | {r['cpu_s']:.1f} | "
            f"{r['peak_rss_mb']:,.0f} | {r['max_processes']} | {over} | {cpu} | "
            f"{r['spread']:.2f} | {r['load_before'][0]:.1f} |"
        )
    lines += [f"\n`{r['config']}` ({r['filters']}): {r['error']}" for r in runs if "error" in r]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=HERE / "data" / "100k")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated")
    parser.add_argument("--filters", default="nolid", help="nolid and/or cld2, comma-separated")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved repetitions")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per run")
    parser.add_argument("--tag", default="", help="results name (default: the input's name)")
    parser.add_argument("--results", type=Path, default=HERE / "data" / "scaling")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(job(args.input, args.worker, args.filters)))
        return 0

    configs = [c for c in args.configs.split(",") if c]
    filters = [f for f in args.filters.split(",") if f]
    for name in configs:
        try:
            known = name == "check" or split(name)[0] in RUNNERS
        except (ValueError, KeyError):
            known = False
        if not known:
            parser.error(f"unknown configuration {name} (known: {', '.join(CONFIGS)}, "
                         f"RUNNER-N, RUNNER-N-{'|'.join(VARIANTS)})")  # fmt: skip
    if any(f not in FILTERS for f in filters):
        parser.error(f"--filters: one of {', '.join(FILTERS)}")
    if not files(args.input):
        parser.error(f"no c4-nl-*.json.gz in {args.input} (make {args.input}/.done builds one)")
    report = {**header("bench.cleaning.scaling"), "input": str(args.input),
              "files": len(files(args.input)), "runs": []}  # fmt: skip
    print(f"{args.input}: {report['files']} files; load {load()[0]:.2f}", flush=True)
    for round_ in range(args.rounds):
        for f in filters:
            for config in configs:
                r = {**run_config(config, args.input, f, args.timeout), "round": round_}
                report["runs"].append(r)
                brief = r.get("error") or f"{r['wall_s']:.1f} s, {r['peak_rss_mb']:.0f} MB"
                print(f"  round {round_} {f} {config}: {brief} (load {r['load_before'][0]:.2f})")
    report["load_at_end"] = load()
    print(f"\n{table(report['runs'])}")
    digests = {r["stats_sha256"] for r in report["runs"] if "stats_sha256" in r}
    if len(digests) > 1:
        print("\nthe runs' statistics differ: see stats_sha256 in the results")
    write_json(args.results / f"scaling-{args.tag or args.input.name}.json", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
