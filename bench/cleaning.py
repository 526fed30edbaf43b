"""Throughput and peak memory of the cleaning, against the read limit and against datatrove.

Every configuration runs in its own subprocess on the same input, one after the other, in one
invocation, and reports documents per CPU-second (= per core: the machine is shared, so CPU
time is steadier than wall time, which is reported too), gzip megabytes per CPU-second, and
the peak resident memory of its whole process tree (sampled every 20 ms with psutil, workers
included). The configurations (`CONFIGS`):

- `parse_raw`: gzip + `json.loads`, nothing else: the floor.
- `parse`: the project's `jsonl` reader (records with ids and meta): the limit of (b) and (c).
- `check_nolid`: (b) reader + `build_chain("mc4nl")` without `language`: `schoon check`'s path.
- `beam_nolid`: (b) the same rules through `pipeline.clean.run_clean` on the DirectRunner,
  writing the kept and rejected Parquet and the statistics, as `schoon clean` does.
- `check_langdetect`, `check_cld2`: (c) the full mc4nl preset, langdetect or CLD2.
- `check_langdetect_first`: langdetect moved to the front, so it sees every document: what
  the preset's order (language ID on survivors only) saves.
- `beam_cld2`: the full preset with CLD2 through Beam.
- `datatrove`: (d) datatrove's `C4BadWordsFilter` and `C4QualityFilter` with the mc4nl
  thresholds and the same word list, behind datatrove's own `JsonlReader`.
- `beam_mp1`, `beam_mp2`: langdetect-bound Beam runs, `multi_processing` with 1 and 2 workers
  and a reshuffle after the read.

    python benchmarks/cleaning.py --input benchmarks/data/10k
    python benchmarks/cleaning.py --input benchmarks/data/100k --configs parse,check_nolid
    python benchmarks/cleaning.py --scaling benchmarks/data/10k,benchmarks/data/100k \\
        --configs check_nolid,beam_nolid          # peak memory as the input grows
    python benchmarks/cleaning.py --root /tmp/before ...   # the same on another checkout

Results are printed as markdown tables and saved as JSON under `benchmarks/results/` for
`benchmarks/plot.py`.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PATTERN = "c4-nl-*.json.gz"
NO_LID = {"language": {"enabled": False}}
CLD2 = {"language": {"backend": "cld2"}}

CONFIGS = {
    # name: (what it measures, the worker function's name, its keyword arguments)
    "parse_raw": ("gzip + json.loads only", "run_parse_raw", {}),
    "parse": ("read + decompress + parse (jsonl reader)", "run_parse", {}),
    "check_nolid": ("mc4nl without language ID, in process", "run_check", {"filters": NO_LID}),
    "beam_nolid": ("mc4nl without language ID, Beam DirectRunner", "run_beam", {"filters": NO_LID}),
    "check_langdetect": ("mc4nl with langdetect, in process", "run_check", {"filters": {}}),
    "check_cld2": ("mc4nl with CLD2, in process", "run_check", {"filters": CLD2}),
    "check_langdetect_first": (
        "langdetect on every document, then the rest",
        "run_check",
        {"filters": {}, "language_first": True},
    ),
    "beam_cld2": ("mc4nl with CLD2, Beam DirectRunner", "run_beam", {"filters": CLD2}),
    "datatrove": ("datatrove C4 bad words + C4 quality", "run_datatrove", {}),
    "beam_mp1": (
        "mc4nl with langdetect, Beam multi_processing, 1 worker",
        "run_beam",
        {"filters": {}, "workers": 1},
    ),
    "beam_mp2": (
        "mc4nl with langdetect, Beam multi_processing, 2 workers",
        "run_beam",
        {"filters": {}, "workers": 2},
    ),
}
DEFAULT = [
    "parse_raw",
    "parse",
    "check_nolid",
    "beam_nolid",
    "check_cld2",
    "beam_cld2",
    "check_langdetect",
    "check_langdetect_first",
    "datatrove",
]


# -- the workers: each runs in its own process and returns what it counted ---------------------

_clock: dict[str, float] = {}


def start_clock() -> None:
    """(Re)start the timing: in-process workers call it again once set up (word lists,
    detector profiles loaded), so the figure is the steady rate; Beam and datatrove runs are
    timed whole, set-up included (use inputs large enough for it not to matter)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    _clock.update(
        wall=time.perf_counter(),
        cpu=time.process_time(),
        children=children.ru_utime + children.ru_stime,
    )


def _files(input_dir: Path) -> list[Path]:
    return sorted(input_dir.glob(PATTERN))


def _source(input_dir: Path, filters: dict):
    from pipeline.sources import SourceConfig

    return SourceConfig(
        format="jsonl", path=str(input_dir), pattern=PATTERN, preset="mc4nl", filters=filters
    )


def run_parse_raw(input_dir: Path) -> dict:
    docs = chars = 0
    for path in _files(input_dir):
        with gzip.open(path, "rb") as f:
            for line in f:
                chars += len(json.loads(line)["text"])
                docs += 1
    return {"docs": docs, "chars": chars}


def run_parse(input_dir: Path) -> dict:
    from pipeline.sources import reader_for

    reader = reader_for("bench", _source(input_dir, {}))
    docs = chars = 0
    for path in reader.files():
        for record in reader.read(path):
            chars += len(record.text)
            docs += 1
    return {"docs": docs, "chars": chars}


def run_check(input_dir: Path, filters: dict, language_first: bool = False) -> dict:
    from filters.chain import FilterChain
    from pipeline.chains import build_chain
    from pipeline.sources import reader_for

    chain = build_chain("mc4nl", filters)
    if language_first:
        language = [f for f in chain.filters if f.name == "language"]
        chain = FilterChain(language + [f for f in chain.filters if f.name != "language"])
    reader = reader_for("bench", _source(input_dir, {}))
    start_clock()
    docs = kept = 0
    for path in reader.files():
        for record in reader.read(path):
            kept += chain.apply(record.text).kept
            docs += 1
    return {"docs": docs, "kept": kept}


def run_beam(input_dir: Path, filters: dict, workers: int = 0) -> dict:
    from pipeline.clean import CleanConfig, Outputs, run_clean

    out = Path(tempfile.mkdtemp(prefix="schoon-bench-"))
    try:
        clean = CleanConfig(runner="direct", workers=workers or 1)
        outputs = Outputs(str(out / "kept"), str(out / "rejected"), str(out / "stats.json"))
        stats = run_clean("bench", _source(input_dir, filters), clean, outputs)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"docs": stats["docs_in"], "kept": stats["docs_out"]}


def run_datatrove(input_dir: Path) -> dict:
    """datatrove's filters with the mc4nl settings and our word list, fully offline.

    Offline, two things need help, both through datatrove's own extension points:
    `C4BadWordsFilter` downloads LDNOOBW from GitHub on first use, so `_get_badwords` is given
    the same active list as `filters.bad_words` (compiled by datatrove's own expression); and
    `C4QualityFilter` counts sentences with the tokenizer datatrove assigns to Dutch
    (spaCy's rule-based `nl` sentencizer), which needs no download.
    """
    import re

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.filters import C4BadWordsFilter, C4QualityFilter
    from datatrove.pipeline.readers import JsonlReader

    from filters.bad_words import BadWordsParams, active_terms

    class OfflineBadWords(C4BadWordsFilter):
        def _get_badwords(self, lang: str):
            if lang not in self._badwords_regex:
                words = "|".join(re.escape(w) for w in active_terms(BadWordsParams()))
                self._badwords_regex[lang] = re.compile(rf"(?:\W|^)({words})(?:\W|$)")
            return self._badwords_regex[lang]

    logs = Path(tempfile.mkdtemp(prefix="schoon-datatrove-"))
    try:
        executor = LocalPipelineExecutor(
            pipeline=[
                JsonlReader(str(input_dir), glob_pattern=PATTERN, compression="gzip"),
                OfflineBadWords(default_language="nl"),
                C4QualityFilter(
                    split_paragraph=True,
                    remove_citations=False,
                    filter_no_terminal_punct=False,  # mc4nl does not ask for end marks
                    min_num_sentences=5,
                    min_words_per_line=3,
                    max_word_length=1000,
                    filter_lorem_ipsum=True,
                    filter_javascript=True,
                    filter_curly_bracket=False,  # a c4nlpreproc rule, not an mc4nl one
                    filter_policy=True,
                    language="nl",
                ),
            ],
            tasks=1,
            workers=1,
            logging_dir=str(logs),
            skip_completed=False,
        )
        stats = executor.run()
    finally:
        shutil.rmtree(logs, ignore_errors=True)
    by_name = {s.name: s.stats for s in stats.stats}
    reader = next(v for k, v in by_name.items() if "Jsonl" in k)
    quality = next(v for k, v in by_name.items() if "Quality" in k)
    return {"docs": reader["documents"].total, "kept": quality["forwarded"].total}


# -- the parent: one subprocess per configuration ---------------------------------------------


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    with contextlib.suppress(psutil.Error):
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):  # a worker may exit between the two calls
                total += p.memory_info().rss
    return total


def measure(name: str, input_dir: Path, root: Path, timeout: float) -> dict:
    """Run one configuration in a fresh interpreter; wall, CPU and peak tree memory."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--input"]
    cmd += [str(input_dir.resolve()), "--root", str(root)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(watched))
        if time.perf_counter() - started > timeout:
            proc.kill()
            proc.wait()
            return {"config": name, "error": f"over the {timeout:.0f} s limit"}
        time.sleep(0.02)
    wall = time.perf_counter() - started
    out = proc.stdout.read()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        return {"config": name, "error": f"exit {proc.returncode}"}
    result = json.loads(out.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    gz = sum(p.stat().st_size for p in _files(input_dir))
    return {
        "config": name,
        "what": CONFIGS[name][0],
        **result,
        "wall_s": wall,
        "cpu_s": cpu,
        "work_s": result["work_cpu_s"],
        "docs_per_cpu_s": result["docs"] / result["work_cpu_s"],
        "docs_per_wall_s": result["docs"] / result["work_wall_s"],
        "gzip_mb_per_cpu_s": gz / 1e6 / result["work_cpu_s"],
        "peak_rss_mb": max(peak, result["max_rss_kb"] * 1024) / 2**20,
    }


def worker(name: str, input_dir: Path) -> None:
    """Inside the subprocess: run the configuration and print one JSON line."""
    _, function, kwargs = CONFIGS[name]
    start_clock()
    result = globals()[function](input_dir, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = after.ru_utime + after.ru_stime - _clock["children"]
    result["work_wall_s"] = time.perf_counter() - _clock["wall"]
    # CPU of this process and of any worker processes it started and waited for.
    result["work_cpu_s"] = time.process_time() - _clock["cpu"] + child_cpu
    result["max_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))


def machine() -> dict:
    import psutil

    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "load_before": os.getloadavg(),
    }


def table(results: list[dict], reference: str = "parse", baseline: str = "datatrove") -> str:
    by = {r["config"]: r for r in results if "error" not in r}
    ref = by.get(reference, {}).get("docs_per_cpu_s")
    base = by.get(baseline, {}).get("docs_per_cpu_s")
    lines = [
        f"| configuration | docs | docs/s per core | docs/s wall | gzip MB/s per core | "
        f"peak RSS MB | vs {reference} | vs {baseline} |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        if "error" in r:
            lines.append(f"| `{r['config']}` | {r['error']} | | | | | | |")
            continue
        rate = r["docs_per_cpu_s"]
        lines.append(
            f"| `{r['config']}` ({r['what']}) | {r['docs']:,} | {rate:,.0f} | "
            f"{r['docs_per_wall_s']:,.0f} | {r['gzip_mb_per_cpu_s']:.2f} | "
            f"{r['peak_rss_mb']:,.0f} | {rate / ref if ref else float('nan'):.3f} | "
            f"{rate / base if base else float('nan'):.2f}x |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=HERE / "data" / "10k")
    parser.add_argument("--configs", default=",".join(DEFAULT), help="comma-separated names")
    parser.add_argument("--scaling", help="comma-separated input directories: memory vs size")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per configuration")
    parser.add_argument("--tag", default="", help="name of the results file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root.resolve()

    if args.worker:
        sys.path.insert(0, str(root))
        worker(args.worker, args.input)
        return 0

    names = [n for n in args.configs.split(",") if n]
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        parser.error(f"unknown configuration {unknown[0]} (known: {', '.join(CONFIGS)})")
    inputs = [Path(p) for p in args.scaling.split(",")] if args.scaling else [args.input]
    for input_dir in inputs:
        if not _files(input_dir):
            raise SystemExit(
                f"cleaning: no {PATTERN} in {input_dir}; build it first, e.g. "
                f"python benchmarks/make_corpus.py --docs 10000 --out {input_dir}"
            )
    report = {"machine": machine(), "root": str(root), "argv": sys.argv[1:], "runs": []}
    for input_dir in inputs:
        results = []
        for name in names:
            print(f"[{time.strftime('%H:%M:%S')}] {name} on {input_dir} ...", file=sys.stderr)
            r = measure(name, input_dir, root, args.timeout)
            r["input"] = str(input_dir)
            results.append(r)
            report["runs"].append(r)
        print(f"\n### {input_dir} ({results[0].get('docs', '?'):,} documents)\n")
        print(table(results))
    report["machine"]["load_after"] = os.getloadavg()
    print(f"\nmachine: {report['machine']}")
    out = HERE / "results" / f"cleaning{'-' + args.tag if args.tag else ''}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"results: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
