"""Throughput and peak memory of the cleaning, against the read limit and against datatrove.

Each configuration of `CONFIGS` runs in its own subprocess (`harness.measure`) on the same
input, one after the other: documents and gzip MB per CPU-second (= per core: steadier than
wall time on a shared machine, which is reported too) and the peak RSS of its process tree.
In-process configurations are timed once set up; Beam and datatrove runs whole. What each
configuration is, and the figures: docs/benchmarks.md, "Throughput against the read limit".

    python -m bench.cleaning.throughput --input bench/data/10k
    python -m bench.cleaning.throughput --input bench/data/100k --configs parse,check_nolid
    python -m bench.cleaning.throughput --scaling bench/data/10k,bench/data/100k \\
        --configs check_nolid,beam_nolid          # peak memory as the input grows
    python -m bench.cleaning.throughput --plot                   # docs/figures/bench_throughput.png

Results are printed as markdown tables and saved as JSON under `bench/results/`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import ROOT, Clock, header, load, measure, write_json

HERE = ROOT / "bench"
PATTERN = "c4-nl-*.json.gz"
NO_LID = {"language": {"enabled": False}}
CLD2 = {"language": {"backend": "cld2"}}

CONFIGS = {
    # name: (what it measures, the worker function's name, its keyword arguments)
    "parse_raw": ("gzip + json.loads only", "run_parse_raw", {}),
    "parse": ("read + decompress + parse (jsonl reader)", "run_parse", {}),
    "check_nolid": ("mc4nl without language ID, in process", "run_check", {"filters": NO_LID}),
    "beam_nolid": ("mc4nl without language ID, Beam DirectRunner", "run_beam", {"filters": NO_LID}),
    "check_cld2": ("mc4nl with CLD2, in process", "run_check", {"filters": CLD2}),
    "beam_cld2": ("mc4nl with CLD2, Beam DirectRunner", "run_beam", {"filters": CLD2}),
    "check_langdetect": ("mc4nl with langdetect, in process", "run_check", {"filters": {}}),
    "check_langdetect_first": (
        "langdetect on every document, then the rest",
        "run_check",
        {"filters": {}, "language_first": True},
    ),
    "datatrove": ("datatrove C4 bad words + C4 quality", "run_datatrove", {}),
    "beam_mp1": (
        "mc4nl with langdetect, Beam multi_processing, 1 worker",
        "run_beam",
        {"filters": {}, "workers": 1},
    ),  # fmt: skip
    "beam_mp2": (
        "mc4nl with langdetect, Beam multi_processing, 2 workers",
        "run_beam",
        {"filters": {}, "workers": 2},
    ),  # fmt: skip
}
DEFAULT = [name for name in CONFIGS if not name.startswith("beam_mp")]  # in this order


def files(input_dir: Path) -> list[Path]:
    return sorted(input_dir.glob(PATTERN))


def source(input_dir: Path, filters: dict):
    from pipeline.sources import SourceConfig

    return SourceConfig(
        format="jsonl", path=str(input_dir), pattern=PATTERN, preset="mc4nl", filters=filters
    )


def run_parse_raw(input_dir: Path, clock: Clock) -> dict:
    docs = chars = 0
    for path in files(input_dir):
        with gzip.open(path, "rb") as f:
            for line in f:
                chars += len(json.loads(line)["text"])
                docs += 1
    return {"docs": docs, "chars": chars}


def run_parse(input_dir: Path, clock: Clock) -> dict:
    from pipeline.sources import reader_for

    reader = reader_for("bench", source(input_dir, {}))
    texts = [len(r.text) for path in reader.files() for r in reader.read(path)]
    return {"docs": len(texts), "chars": sum(texts)}


def run_check(input_dir: Path, clock: Clock, filters: dict, language_first: bool = False) -> dict:
    """`schoon check`'s path: the jsonl reader and `FilterChain.apply`, timed once built."""
    from filters.chain import FilterChain
    from pipeline.clean.chains import build_chain
    from pipeline.sources import reader_for

    chain = build_chain("mc4nl", filters)
    if language_first:
        language = [f for f in chain.filters if f.name == "language"]
        chain = FilterChain(language + [f for f in chain.filters if f.name != "language"])
    reader = reader_for("bench", source(input_dir, {}))
    clock.restart()
    docs = kept = 0
    for path in reader.files():
        for record in reader.read(path):
            kept += chain.apply(record.text).kept
            docs += 1
    return {"docs": docs, "kept": kept}


def run_beam(input_dir: Path, clock: Clock, filters: dict, workers: int = 0) -> dict:
    from pipeline.beam.runner import BeamConfig, quiet_beam

    quiet_beam()  # before Beam is imported: its import warns on the root logger
    from pipeline.clean.job import Outputs, run_clean

    out = Path(tempfile.mkdtemp(prefix="schoon-bench-"))
    try:
        clean = BeamConfig(runner="direct", workers=workers or 1)
        outputs = Outputs(str(out / "kept"), str(out / "rejected"), str(out / "stats.json"))
        stats = run_clean("bench", source(input_dir, filters), clean, outputs)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"docs": stats["docs_in"], "kept": stats["docs_out"]}


def run_datatrove(input_dir: Path, clock: Clock) -> dict:
    """datatrove's filters with the mc4nl settings and our word list, fully offline:
    `C4BadWordsFilter` downloads LDNOOBW on first use, so `_get_badwords` is given the active
    list of `filters.bad_words` (compiled by datatrove's own expression); `C4QualityFilter`
    counts sentences with spaCy's rule-based `nl` sentencizer, which needs no download."""
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

    quality = C4QualityFilter(
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
    )
    reader = JsonlReader(str(input_dir), glob_pattern=PATTERN, compression="gzip")
    logs = Path(tempfile.mkdtemp(prefix="schoon-datatrove-"))
    try:
        pipeline = [reader, OfflineBadWords(default_language="nl"), quality]
        executor = LocalPipelineExecutor(
            pipeline, tasks=1, workers=1, logging_dir=str(logs), skip_completed=False
        )
        stats = {s.name: s.stats for s in executor.run().stats}
    finally:
        shutil.rmtree(logs, ignore_errors=True)
    read = next(v for k, v in stats.items() if "Jsonl" in k)
    kept = next(v for k, v in stats.items() if "Quality" in k)
    return {"docs": read["documents"].total, "kept": kept["forwarded"].total}


def worker(name: str, input_dir: Path) -> None:
    """Inside the subprocess: run the configuration and print one JSON line."""
    _, function, kwargs = CONFIGS[name]
    clock = Clock()
    result = globals()[function](input_dir, clock, **kwargs)
    print(json.dumps({**result, **clock.read()}))


def run_config(name: str, input_dir: Path, timeout: float = 3600) -> dict:
    """One configuration in a fresh interpreter."""
    cmd = [sys.executable, "-m", "bench.cleaning.throughput", "--worker", name]
    r = measure([*cmd, "--input", str(input_dir.resolve())], timeout=timeout, every=0.02)
    if "error" in r:
        return {"config": name, "error": r["error"]}
    result = r["result"]
    gz = sum(p.stat().st_size for p in files(input_dir))
    return {
        "config": name,
        "what": CONFIGS[name][0],
        **result,
        "wall_s": r["wall_s"],
        "cpu_s": r["cpu_s"],
        "work_s": result["work_cpu_s"],
        "docs_per_cpu_s": result["docs"] / result["work_cpu_s"],
        "docs_per_wall_s": result["docs"] / result["work_wall_s"],
        "gzip_mb_per_cpu_s": gz / 1e6 / result["work_cpu_s"],
        "peak_rss_mb": r["peak_rss_mb"],
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


def plot(results: Path, out: Path, tags: list[str]) -> None:
    """docs/figures/bench_throughput.png: documents per CPU-second of each configuration, log
    scale, one bar per input measured, with the throughput goals marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = {}
    for tag in tags:
        path = results / f"cleaning-{tag}.json"
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            runs[tag] = {r["config"]: r for r in data["runs"] if "error" not in r}
    if not runs:
        raise SystemExit(
            f"cleaning: no results in {results}; run python -m bench.cleaning.throughput first"
        )
    names = [n for n in DEFAULT if any(n in r for r in runs.values())]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(names) * len(runs) + 1.5))
    height = 0.8 / len(runs)
    for k, (tag, by) in enumerate(runs.items()):
        rates = [by.get(n, {}).get("docs_per_cpu_s", 0) for n in names]
        bars = ax.barh([i + k * height for i in range(len(names))], rates, height=height,
                       label=f"{tag} documents")  # fmt: skip
        for bar, rate in zip(bars, rates, strict=True):
            if rate:
                ax.text(rate * 1.05, bar.get_y() + height / 2, f"{rate:,.0f}", va="center", size=7)
    ax.set_yticks([i + height * (len(runs) - 1) / 2 for i in range(len(names))], names)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("documents per second per core (CPU time, log scale)")
    for x, label in ((20_000, "goal: Beam without LID"), (2_000, "goal: full mc4nl")):
        ax.axvline(x, color="grey", linestyle="--", linewidth=0.8)
        ax.text(x * 1.03, 0.995, label, transform=ax.get_xaxis_transform(), rotation=90,
                size=7, ha="left", va="top", color="grey")  # fmt: skip
    ax.set_title("schoon cleaning throughput on the benchmark corpus (mc4nl rules)", size=10)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    out.mkdir(parents=True, exist_ok=True)
    fig.savefig(out / "bench_throughput.png", dpi=120)
    print(f"wrote {out / 'bench_throughput.png'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=HERE / "data" / "10k")
    parser.add_argument("--configs", default=",".join(DEFAULT), help="comma-separated names")
    parser.add_argument("--scaling", help="comma-separated input directories: memory vs size")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per configuration")
    parser.add_argument("--tag", default="", help="name of the results file")
    parser.add_argument("--plot", action="store_true", help="draw bench_throughput.png and stop")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.input)
        return 0
    if args.plot:
        plot(HERE / "results", ROOT / "docs" / "figures", ["10k", "100k"])
        return 0
    names = [n for n in args.configs.split(",") if n]
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        parser.error(f"unknown configuration {unknown[0]} (known: {', '.join(CONFIGS)})")
    inputs = [Path(p) for p in args.scaling.split(",")] if args.scaling else [args.input]
    for input_dir in inputs:
        if not files(input_dir):
            raise SystemExit(f"cleaning: no {PATTERN} in {input_dir}; build it first, e.g. "
                             f"make {input_dir}/.done")  # fmt: skip
    report = {**header("bench.cleaning.throughput"), "runs": []}
    for input_dir in inputs:
        results = []
        for name in names:
            print(f"[{time.strftime('%H:%M:%S')}] {name} on {input_dir} ...", file=sys.stderr)
            results.append({**run_config(name, input_dir, args.timeout), "input": str(input_dir)})
        report["runs"] += results
        print(f"\n### {input_dir} ({results[0].get('docs', '?'):,} documents)\n")
        print(table(results))
    report["load_at_end"] = load()
    print(f"\nmachine: {report['machine']}, load {report['load_at_start']} -> {load()}")
    out = HERE / "results" / f"cleaning{'-' + args.tag if args.tag else ''}.json"
    write_json(out, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
