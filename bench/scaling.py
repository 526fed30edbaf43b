"""The cleaning job on every local runner and worker count, against the in-process path.

For one corpus directory each configuration runs in its own fresh interpreter, one after the
other, and the parent samples the resident memory of that interpreter's whole process tree
(driver, job service, SDK workers, Dask nanny and worker processes) every 0.2 s in a thread.
The configurations (`CONFIGS`):

- `check`: the in-process reference, `schoon check`'s path (`readers_for` + `FilterChain.apply`,
  through `cleaning.run_check`), timed once the chain is built: the steady per-document cost.
- `direct-1`, `direct-2`: `run_clean` on the FnApiRunner, `in_memory` for one worker and
  `multi_processing` for two.
- `portable-1`, `portable-2`: the PortableRunner, embedded job service, SDK worker processes.
- `dask-1`, `dask-2`: the DaskRunner on a local dask.distributed cluster of 1 or 2 processes.
- also by name, not run by default: `flink-N`, `spark-N`, `prism-N` (after `make jobservers`
  and `make prism`): the job server or Prism started by schoon, N SDK workers from its pool.

Runner configurations are timed whole around `run_clean` (content hashing of the input, the
cluster's start and stop, the job, the assembly of the outputs): everything a user waits for
apart from the interpreter's start. Each is reported as wall time, documents/s, documents/s per
core given (`workers`), the CPU seconds of all its processes, peak memory of all processes, and
the overhead per document against `check`: (runner wall x workers / docs) / (check s/doc) - 1.

`--resume` kills a run (its whole process group, SIGKILL) once half of the input files have a
committed result (`WORK/*/counts.json`), runs it again on the same work directory, and compares
the time to finish with a full run from scratch; the outputs of both are compared by digest.

    python benchmarks/scaling.py --input benchmarks/data/100k --filters nolid,cld2 --rounds 2
    python benchmarks/scaling.py --input benchmarks/data/100k-16 --resume direct-1,direct-2
    python benchmarks/scaling.py --input benchmarks/data/1M --configs check,direct-1,direct-2
    python benchmarks/scaling.py --plot --plot-tags 100k-b,100k-16-b   # docs/figures/scaling*.png

Results are printed as markdown tables and saved as JSON under `benchmarks/data/scaling/`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # run by path: `benchmarks` is also a module name inside pysbd

from cleaning import CLD2, NO_LID, _clock, _files, _source, machine, run_check  # noqa: E402

RESULTS = HERE / "data" / "scaling"
FILTERS = {"nolid": NO_LID, "cld2": CLD2}
RUNNERS = ("direct", "portable", "dask", "flink", "spark", "prism")  # RUNNER-N by name
CONFIGS = ["check", "direct-1", "direct-2", "portable-1", "portable-2", "dask-1", "dask-2"]
SAMPLE_EVERY = 0.2  # seconds between samples of the process tree


# Beam flags tried beside the defaults: the DaskRunner puts up to 128 elements in one
# `dask.Bag` partition, so a few files land in one partition, on one worker; one per partition:
VARIANTS = {"p1": ["--dask_partition_size=1"]}


def split(config: str) -> tuple[str, int]:
    """`dask-2` -> ("dask", 2); `dask-2-p1` -> ("dask", 2); `check` -> ("check", 1)."""
    runner, _, rest = config.partition("-")
    return runner, int(rest.split("-")[0] or 1)


def flags(config: str) -> list[str]:
    """The extra Beam flags of a variant: `dask-2-p1` -> VARIANTS["p1"]."""
    parts = config.split("-")
    return VARIANTS[parts[2]] if len(parts) > 2 else []


# -- inside the subprocess: one configuration, one JSON line ----------------------------------


def job(input_dir: Path, config: str, filters: str, work: str | None, digest: bool) -> dict:
    runner, workers = split(config)
    started = time.perf_counter()
    if runner == "check":
        result = run_check(input_dir, FILTERS[filters])  # restarts the clock once set up
        wall = time.perf_counter() - _clock["wall"]
        return {**result, "wall_s": wall, "setup_s": _clock["wall"] - started}

    from pipeline.clean import CleanConfig, Outputs, run_clean

    out = Path(tempfile.mkdtemp(prefix="schoon-scaling-"))
    try:
        outputs = Outputs(str(out / "kept"), str(out / "rejected"), str(out / "stats.json"))
        clean = CleanConfig(runner=runner, workers=workers, pipeline_options=flags(config))
        work = work or str(out / "work")  # kept until the commit times are read
        epoch = time.time() - (time.perf_counter() - started)
        stats = run_clean("bench", _source(input_dir, FILTERS[filters]), clean, outputs, work=work)
        wall = time.perf_counter() - started
        result = {"docs": stats["docs_in"], "kept": stats["docs_out"], "wall_s": wall}
        # When each file's result was committed, in seconds from the start: two workers that
        # really run side by side commit in pairs.
        commits = [p.stat().st_mtime - epoch for p in Path(work).glob("*/counts.json")]
        result["commits_s"] = sorted(round(t, 1) for t in commits)
        if digest:
            result["digest"] = _digest(out)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return result


def _digest(out: Path) -> str:
    """sha256 of the statistics and the rows of the kept and rejected outputs."""
    import pyarrow.parquet as pq

    h = hashlib.sha256((out / "stats.json").read_bytes())
    for part in ("kept", "rejected"):
        for path in sorted((out / part).glob("*.parquet")):
            table = pq.read_table(path)
            for batch in table.to_batches(max_chunksize=10_000):
                h.update(json.dumps(batch.to_pylist(), sort_keys=True).encode())
    return h.hexdigest()


def worker(args) -> None:
    import pipeline

    result = job(args.input, args.worker, args.filters, args.work, args.digest)
    result["code"] = str(Path(pipeline.__file__).parent.parent)  # which checkout really ran
    result["driver_max_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))


# -- the parent: one subprocess per run, its process tree sampled ------------------------------


class TreeSampler(threading.Thread):
    """Every `SAMPLE_EVERY` s: the sum of the resident memory of a process and all its
    descendants (peak kept), how many there are, and the CPU time each was last seen with."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        import psutil

        self.root = psutil.Process(pid)
        self.peak_rss = 0
        self.max_procs = 0
        self.cpu: dict[tuple[int, float], float] = {}  # (pid, create_time) -> user + system
        self.kind_of: dict[tuple[int, float], str] = {}
        self.pids: set[int] = set()
        self.kinds: dict[str, int] = {}  # most processes of each kind seen at once
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(SAMPLE_EVERY)

    def sample(self) -> None:
        import psutil

        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        rss = 0
        kinds: dict[str, int] = {}
        for p in procs:
            with contextlib.suppress(psutil.Error):  # a worker may exit between the calls
                rss += p.memory_info().rss
                t = p.cpu_times()
                key = (p.pid, p.create_time())
                self.cpu[key] = t.user + t.system
                self.pids.add(p.pid)
                if key not in self.kind_of:
                    self.kind_of[key] = "driver" if p.pid == self.root.pid else _kind(p.cmdline())
                kind = self.kind_of[key]
                kinds[kind] = kinds.get(kind, 0) + 1
        self.peak_rss = max(self.peak_rss, rss)
        self.max_procs = max(self.max_procs, len(procs))
        for kind, n in kinds.items():
            self.kinds[kind] = max(self.kinds.get(kind, 0), n)

    def cpu_by_process(self) -> list[tuple[str, float]]:
        """(kind, CPU seconds) of every process seen, busiest first."""
        return sorted(((self.kind_of.get(k, "?"), round(c, 1)) for k, c in self.cpu.items()),
                      key=lambda kc: -kc[1])  # fmt: skip

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _kind(cmdline: list[str]) -> str:
    line = " ".join(cmdline)
    for marker, kind in (
        ("sdk_worker_main", "sdk_worker"),
        ("resource_tracker", "mp_tracker"),
        ("forkserver", "mp_forkserver"),
        ("multiprocessing", "mp_child"),
    ):
        if marker in line:
            return kind
    return Path(cmdline[0]).name if cmdline else "?"


def committed(work: Path) -> int:
    return len(list(work.glob("*/counts.json")))


def measure(
    config: str,
    input_dir: Path,
    filters: str,
    root: Path,
    timeout: float,
    work: Path | None = None,
    kill_at: int = 0,
    digest: bool = False,
) -> dict:
    """Run one configuration in a fresh interpreter, in a process group of its own; with
    `kill_at`, SIGKILL the group once `work` holds that many committed files."""
    import psutil

    load = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before = _busy(psutil.cpu_times())
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", config, "--filters"]
    cmd += [filters, "--input", str(input_dir.resolve()), "--root", str(root)]
    if work:
        cmd += ["--work", str(work)]
    if digest:
        cmd.append("--digest")
    with tempfile.TemporaryFile(mode="w+") as stdout:  # a pipe could fill and block the run
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdout=stdout, text=True, start_new_session=True
        )
        sampler = TreeSampler(proc.pid)
        sampler.start()
        record = {"config": config, "filters": filters, "input": str(input_dir), "load_1m": load[0]}
        killed = None
        try:
            while proc.poll() is None:
                elapsed = time.perf_counter() - started
                if elapsed > timeout:
                    killed = f"over the {timeout:.0f} s limit"
                    break
                if kill_at and committed(work) >= kill_at:
                    killed = "kill_at"
                    record.update(killed_after_s=elapsed, committed_at_kill=committed(work))
                    break
                time.sleep(0.05)
            if killed:
                _kill_group(proc, sampler)
                record["committed_after_kill"] = committed(work) if work else None
        finally:
            sampler.stop()
        process_wall = time.perf_counter() - started
        busy = _busy(psutil.cpu_times()) - busy_before
        stdout.seek(0)
        out = stdout.read()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = max(
        (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        sum(sampler.cpu.values()),
    )
    record.update(
        process_wall_s=process_wall,
        peak_rss_mb=sampler.peak_rss / 2**20,
        max_processes=sampler.max_procs,
        process_kinds=sampler.kinds,
        cpu_by_process=sampler.cpu_by_process(),
        cpu_s=cpu,
        # The machine is shared: cores that other people's processes kept busy meanwhile.
        others_cores=max(0.0, busy - cpu) / process_wall,
        load_1m_after=os.getloadavg()[0],
    )
    if killed == "kill_at":
        return record
    if killed:
        return {**record, "error": killed}
    if proc.returncode != 0:
        return {**record, "error": f"exit {proc.returncode}"}
    record.update(json.loads(out.strip().splitlines()[-1]))
    # The driver's own high-water mark, which 0.2 s samples can miss on a short peak.
    record["peak_rss_mb"] = max(record["peak_rss_mb"], record.pop("driver_max_rss_kb") / 1024)
    runner, workers = split(config)
    record.update(
        runner=runner,
        workers=workers,
        files=len(_files(input_dir)),
        docs_per_s=record["docs"] / record["wall_s"],
        docs_per_s_per_core=record["docs"] / record["wall_s"] / workers,
        cores_busy=record["cpu_s"] / record["process_wall_s"],
    )
    return record


def _busy(times) -> float:
    """CPU seconds the whole machine spent on anything but idling and waiting."""
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def wait_quiet(max_wait: float, threshold: float = 20.0) -> float:
    """Wait (at most `max_wait` s) until the machine's CPU use over 2 s is below `threshold`
    percent; the seconds waited."""
    import psutil

    started = time.perf_counter()
    while time.perf_counter() - started < max_wait:
        if psutil.cpu_percent(interval=2.0) < threshold:
            break
    return time.perf_counter() - started


def _kill_group(proc, sampler: TreeSampler) -> None:
    """SIGKILL the run's process group, then any descendant that left it, by pid."""
    import psutil

    sampler.sample()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    for pid in sampler.pids - {proc.pid}:
        with contextlib.suppress(psutil.Error):
            p = psutil.Process(pid)
            p.kill()
            p.wait(10)


# -- tables ------------------------------------------------------------------------------------


def best(runs: list[dict]) -> dict[tuple[str, str], dict]:
    """The fastest round of each (filters, config), with the spread of its rounds."""
    out: dict[tuple[str, str], dict] = {}
    for r in runs:
        if "error" in r:
            continue
        key = (r["filters"], r["config"])
        same = [x for x in runs if "error" not in x and (x["filters"], x["config"]) == key]
        walls = [x["wall_s"] for x in same]
        if key not in out or r["wall_s"] < out[key]["wall_s"]:
            out[key] = {**r, "rounds": len(walls), "spread": max(walls) / min(walls)}
    return out


def overhead(r: dict, ref: dict) -> float:
    """Extra core-seconds per document against the in-process path."""
    return (r["wall_s"] * r["workers"] / r["docs"]) / (ref["wall_s"] / ref["docs"]) - 1


def cpu_overhead(r: dict, ref: dict) -> float:
    """Extra CPU-seconds (all processes, start-up included) per document against the
    in-process path: steadier than wall time on a shared machine."""
    return (r["cpu_s"] / r["docs"]) / (ref["cpu_s"] / ref["docs"]) - 1


def table(runs: list[dict]) -> str:
    by = best(runs)
    lines = [
        "| filters | path | workers | wall s | docs/s | docs/s per core | x one worker | "
        "CPU s (all) | peak RSS MB (all) | processes | overhead/doc (wall x cores) | "
        "overhead/doc (CPU) | spread | load | others' cores |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    for (filters, config), r in by.items():
        runner, workers = split(config)
        ref = by.get((filters, "check"))
        variant = config.split("-")[2:]  # the same flags with one worker, else the plain run
        one = by.get((filters, "-".join([runner, "1", *variant]))) or by.get(
            (filters, f"{runner}-1")
        )
        speedup = f"{r['docs_per_s'] / one['docs_per_s']:.2f}x" if workers > 1 and one else ""
        over = f"{overhead(r, ref):+.0%}" if ref and config != "check" else ""
        cpu = f"{cpu_overhead(r, ref):+.0%}" if ref and config != "check" else ""
        lines.append(
            f"| {filters} | `{config}` | {workers} | {r['wall_s']:.1f} | {r['docs_per_s']:,.0f} | "
            f"{r['docs_per_s_per_core']:,.0f} | {speedup} | {r['cpu_s']:.1f} | "
            f"{r['peak_rss_mb']:,.0f} | {r['max_processes']} | {over} | {cpu} | "
            f"{r['spread']:.2f} | {r['load_1m']:.1f} | {r.get('others_cores', float('nan')):.2f} |"
        )
    failed = [r for r in runs if "error" in r]
    lines += [f"\n`{r['config']}` ({r['filters']}): {r['error']}" for r in failed]
    return "\n".join(lines)


def resume_table(resumes: list[dict]) -> str:
    lines = [
        "| filters | path | files | full run s | killed after s (files committed) | "
        "re-run s | files re-cleaned | re-run / full | same outputs |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in resumes:
        full, kill, again = r["full"], r["killed"], r["rerun"]
        if any("error" in x for x in (full, again)):
            lines.append(f"| {r['filters']} | `{r['config']}` | failed: "
                         f"{full.get('error') or again.get('error')} | | | | | | |")  # fmt: skip
            continue
        redo = r["files"] - kill["committed_after_kill"]
        lines.append(
            f"| {r['filters']} | `{r['config']}` | {r['files']} | {full['wall_s']:.1f} | "
            f"{kill['killed_after_s']:.1f} ({kill['committed_after_kill']}) | "
            f"{again['wall_s']:.1f} | {redo} | {again['wall_s'] / full['wall_s']:.2f} | "
            f"{'yes' if full.get('digest') == again.get('digest') else 'NO'} |"
        )
    return "\n".join(lines)


# -- the experiments ---------------------------------------------------------------------------


def resume(config: str, input_dir: Path, filters: str, root: Path, timeout: float) -> dict:
    """A full run, then a run killed at half the files and its re-run, each on a new work
    directory."""
    files = len(_files(input_dir))
    scratch = Path(tempfile.mkdtemp(prefix="schoon-resume-"))
    try:
        full = measure(config, input_dir, filters, root, timeout, scratch / "a", digest=True)
        half = math.ceil(files / 2)
        killed = measure(config, input_dir, filters, root, timeout, scratch / "b", kill_at=half)
        rerun = measure(config, input_dir, filters, root, timeout, scratch / "b", digest=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {"config": config, "filters": filters, "files": files, "full": full,
            "killed": killed, "rerun": rerun}  # fmt: skip


def plot(results: Path, out: Path, tags: list[str], timeline: str) -> None:
    """Three figures under `out`: scaling_throughput.png (documents/s of each configuration
    for each result in `tags`), scaling_memory.png (peak memory of all processes) and
    scaling_timeline.png (files committed over time in result `timeline`: two workers that
    really work side by side commit two files at a time)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    corpora = {}
    for tag in tags:
        data = json.loads((results / f"scaling-{tag}.json").read_text(encoding="utf-8"))
        corpora[f"{tag} ({data['files']} files)"] = best(data["runs"])
    series = [(tag, f) for tag, by in corpora.items() for f in FILTERS if (f, "check") in by]
    seen = {config for by in corpora.values() for _, config in by}
    order = CONFIGS + sorted(seen - set(CONFIGS))
    out.mkdir(parents=True, exist_ok=True)
    for what, key, label in (
        ("throughput", "docs_per_s", "documents/s (wall clock, 2-core machine, shared)"),
        ("memory", "peak_rss_mb", "peak resident memory of all processes, MB"),
    ):
        fig, ax = plt.subplots(figsize=(8, 1.2 + 0.3 * len(order) * max(1, len(series)) / 1.5))
        height = 0.8 / max(1, len(series))
        for i, (tag, filters) in enumerate(series):
            by = corpora[tag]
            ys = [j + i * height for j in range(len(order))]
            xs = [by[(filters, c)][key] if (filters, c) in by else 0 for c in order]
            ax.barh(ys, xs, height=height, label=f"{tag}, {filters}")
        ax.set_yticks([j + 0.4 - height / 2 for j in range(len(order))], order)
        ax.invert_yaxis()
        ax.set_xlabel(label)
        ax.legend(fontsize=8, loc="lower right")
        ax.grid(axis="x", alpha=0.3)
        fig.tight_layout()
        fig.savefig(out / f"scaling_{what}.png", dpi=110)
        plt.close(fig)
        print(f"wrote {out / f'scaling_{what}.png'}")

    data = json.loads((results / f"scaling-{timeline}.json").read_text(encoding="utf-8"))
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for (filters, config), r in best(data["runs"]).items():
        if r.get("commits_s"):
            steps = [0, *r["commits_s"]]
            ax.step(steps, range(len(steps)), where="post", label=f"{config} ({filters})")
    ax.set_xlabel("seconds from the start of run_clean")
    ax.set_ylabel(f"files committed (of {data['files']})")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(out / "scaling_timeline.png", dpi=110)
    plt.close(fig)
    print(f"wrote {out / 'scaling_timeline.png'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=HERE / "data" / "100k")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated; '' none")
    parser.add_argument("--filters", default="nolid", help="nolid and/or cld2, comma-separated")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved repetitions")
    parser.add_argument("--resume", default="", help="configurations for the resume experiment")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--wait-quiet", type=float, default=0, help="before each run, wait up "
                        "to this many s for the machine's CPU use to fall below 20%%")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per run")
    parser.add_argument("--tag", default="", help="results name (default: the input's name)")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--plot", action="store_true", help="draw the figures and stop")
    parser.add_argument("--plot-tags", default="100k-b,100k-16-b", help="results to draw")
    parser.add_argument("--timeline", default="100k-16-b", help="result for the timeline")
    parser.add_argument("--table", type=Path, help="print the tables of a saved result and stop")
    parser.add_argument("--figures", type=Path, default=ROOT / "docs" / "figures")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--digest", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root.resolve()

    if args.worker:
        sys.path.insert(0, str(root))
        from pipeline.runner import quiet_beam

        quiet_beam()
        worker(args)
        return 0
    if args.plot:
        plot(args.results, args.figures, args.plot_tags.split(","), args.timeline)
        return 0
    if args.table:
        saved = json.loads(args.table.read_text(encoding="utf-8"))
        print(table(saved["runs"]) if saved["runs"] else "")
        print(resume_table(saved["resume"]) if saved["resume"] else "")
        return 0

    configs = [c for c in args.configs.split(",") if c]
    resumes = [c for c in args.resume.split(",") if c]
    filters = [f for f in args.filters.split(",") if f]
    for name in configs + resumes:
        try:
            known = name in CONFIGS or split(name)[0] in RUNNERS
            flags(name)
        except (ValueError, KeyError):
            known = False
        if not known:
            parser.error(f"unknown configuration {name} (known: {', '.join(CONFIGS)}, "
                         f"RUNNER-N, RUNNER-N-{'|'.join(VARIANTS)})")  # fmt: skip
    if any(f not in FILTERS for f in filters):
        parser.error(f"--filters: one of {', '.join(FILTERS)}")
    if not _files(args.input):
        parser.error(f"no c4-nl-*.json.gz in {args.input} (make_corpus.py builds one)")

    report = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M"), "root": str(root),
              "input": str(args.input), "files": len(_files(args.input)),
              "command": " ".join(sys.argv), "runs": [], "resume": []}  # fmt: skip
    print(f"{args.input}: {report['files']} files; load {os.getloadavg()[0]:.2f}", flush=True)
    for round_ in range(args.rounds):
        for f in filters:
            for config in configs:
                waited = wait_quiet(args.wait_quiet) if args.wait_quiet else 0.0
                r = measure(config, args.input, f, root, args.timeout)
                r.update(round=round_, waited_s=waited)
                report["runs"].append(r)
                brief = r.get("error") or f"{r['wall_s']:.1f} s, {r['peak_rss_mb']:.0f} MB"
                print(f"  round {round_} {f} {config}: {brief} (load {r['load_1m']:.2f}, "
                      f"others {r['others_cores']:.2f} cores)",
                      flush=True)  # fmt: skip
    for config in resumes:
        r = resume(config, args.input, filters[0], root, args.timeout)
        report["resume"].append(r)
        print(f"  resume {config}: full {r['full'].get('wall_s', 0):.1f} s, "
              f"re-run {r['rerun'].get('wall_s', 0):.1f} s", flush=True)  # fmt: skip
    report["load_after"] = os.getloadavg()

    if report["runs"]:
        print(f"\n{table(report['runs'])}")
    if report["resume"]:
        print(f"\n{resume_table(report['resume'])}")
    args.results.mkdir(parents=True, exist_ok=True)
    tag = args.tag or args.input.name
    suffix = "-resume" if not report["runs"] else ""
    out = args.results / f"scaling-{tag}{suffix}.json"
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
