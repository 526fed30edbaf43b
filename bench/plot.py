"""Draw docs/figures/bench_throughput.png from the results of `benchmarks/cleaning.py`.

One horizontal bar per configuration: documents per CPU-second (one core), log scale, for
each input measured (`benchmarks/results/cleaning-10k.json`, `cleaning-100k.json`), with the
goals of issue 5 marked.

    python benchmarks/plot.py [--results benchmarks/results] [--out docs/figures]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run by path: `benchmarks` is also a module name inside pysbd

from cleaning import DEFAULT as ORDER  # noqa: E402  (the configurations, in measuring order)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--out", type=Path, default=HERE.parent / "docs" / "figures")
    parser.add_argument("--inputs", default="10k,100k", help="result tags to draw")
    args = parser.parse_args(argv)

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = {}
    for tag in args.inputs.split(","):
        path = args.results / f"cleaning-{tag}.json"
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            runs[tag] = {r["config"]: r for r in data["runs"] if "error" not in r}
    if not runs:
        raise SystemExit(f"plot: no results in {args.results}; run benchmarks/cleaning.py first")
    names = [n for n in ORDER if any(n in r for r in runs.values())]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(names) * len(runs) + 1.5))
    height = 0.8 / len(runs)
    for k, (tag, results) in enumerate(runs.items()):
        ys = [i + k * height for i in range(len(names))]
        rates = [results.get(n, {}).get("docs_per_cpu_s", 0) for n in names]
        bars = ax.barh(ys, rates, height=height, label=f"{tag} documents")
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
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "bench_throughput.png"
    fig.savefig(out, dpi=120)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
