"""docs/figures/dedup_scale.png and dedup_memory.png from `bench.dedup.scale` results.

    python -m bench.dedup.plot --results bench/results/dedup_scale_pages.json ...

dedup_scale.png: peak memory and documents per CPU-second against the input size, one row per
results file; dedup_memory.png: the tree's RSS over time at each largest input.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from bench.dedup.scale import BASES
from bench.harness import ROOT


def _label(tool: str, workers: int) -> str:
    name = {"schoon": "schoon run_dedup, direct", "datatrove": "datatrove MinHash"}.get(tool, tool)
    return f"{name}, {workers} worker{'s' * (workers > 1)}"


def _title(data: dict) -> str:
    m, dates = data["machine"], sorted({e["date"] for e in data["inputs"]})
    loads = [
        x[0] for e in data["inputs"] for r in e["runs"] for x in (r["load_before"], r["load_after"])
    ]
    return (
        f"{BASES[data['inputs'][0]['base']]}\n{dates[0][:10]} "
        f"{' and '.join(d[11:16] for d in dates)} UTC, {m['cores']} cores, "
        f"{m['memory_gb']} GiB, shared: load {min(loads)}-{max(loads)}"
    )


def _scale_row(ax_mem, ax_rate, data: dict, colour: dict) -> None:
    """Peak memory and documents per CPU-second of each tool against the input size."""
    by_run = defaultdict(list)
    for entry in data["inputs"]:
        for r in entry["runs"]:
            by_run[r["tool"], r["workers"]].append((entry["docs"], r))
    for key, points in by_run.items():
        ok = [(d, r) for d, r in points if "error" not in r]
        line = "-" if key[0] != "datatrove" else "--"
        style = dict(color=colour[key], marker="o", label=_label(*key), linestyle=line)
        ax_mem.plot([d for d, _ in ok], [r["peak_rss_mb"] / 1024 for _, r in ok], **style)
        ax_rate.plot([d for d, _ in ok], [r["docs_per_cpu_s"] for _, r in ok], **style)
        for d, r in points:  # stopped (the memory cap, the time limit, by hand): x
            if "error" in r:
                ax_mem.plot([d], [r["peak_rss_mb"] / 1024], "x", color=colour[key], ms=10)
    for ax in (ax_mem, ax_rate):
        ax.set_xscale("log")
        ax.set_xlabel("documents in the input")
        ax.grid(alpha=0.3, which="both")
        ax.set_title(_title(data), size=8)
    ax_mem.set_yscale("log")
    ax_mem.set_ylabel("peak RSS, all processes (GiB, log)")
    ax_rate.set_ylabel("documents per CPU-second, all processes")
    ax_rate.set_ylim(bottom=0)
    if any("error" in r for e in data["inputs"] for r in e["runs"]):
        ax_mem.plot([], [], "x", color="grey", label="x: stopped (memory cap, or by hand)")
    ax_mem.legend(fontsize=7)


def _memory_panel(ax, data: dict, colour: dict) -> None:
    """The RSS of each run's process tree over time, at the largest input."""
    largest = max(data["inputs"], key=lambda e: e["docs"])
    for r in largest["runs"]:
        key = (r["tool"], r["workers"])
        t, mb = zip(*r["rss_mb_over_time"], strict=True) if r["rss_mb_over_time"] else ((), ())
        ax.plot(
            t,
            [x / 1024 for x in mb],
            "--" if key[0] == "datatrove" else "-",
            color=colour[key],
            label=_label(*key) + (" (stopped)" * ("error" in r)),
        )
    ax.set_title(
        f"{largest['docs']:,} documents, {largest['base']}: RSS of the process tree", size=9
    )
    ax.set_xlabel("seconds since the run started")
    ax.set_ylabel("GiB")
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3)


def plot(results: list[dict], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = {(r["tool"], r["workers"]) for d in results for e in d["inputs"] for r in e["runs"]}
    keys = sorted(runs, key=lambda k: (k[0] == "datatrove", k))  # the colours of the docs' figure
    colour = {key: f"C{i}" for i, key in enumerate(keys)}
    fig, axes = plt.subplots(len(results), 2, figsize=(11, 3.9 * len(results)), squeeze=False)
    for (ax_mem, ax_rate), data in zip(axes, results, strict=True):
        _scale_row(ax_mem, ax_rate, data, colour)
    fig.tight_layout()
    out.mkdir(parents=True, exist_ok=True)
    fig.savefig(out / "dedup_scale.png", dpi=110)
    fig, axes = plt.subplots(1, len(results), figsize=(6 * len(results), 3.8), squeeze=False)
    for ax, data in zip(axes[0], results, strict=True):
        _memory_panel(ax, data, colour)
    fig.tight_layout()
    fig.savefig(out / "dedup_memory.png", dpi=110)
    print(f"wrote {out / 'dedup_scale.png'} and {out / 'dedup_memory.png'}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = ROOT / "bench" / "results" / "dedup_scale.json"
    parser.add_argument("--results", type=Path, nargs="+", default=[default])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "figures")
    args = parser.parse_args(argv)
    plot([json.loads(p.read_text(encoding="utf-8")) for p in args.results], args.out)


if __name__ == "__main__":
    main()
