"""The speed guard: the cleaning's throughput against the parse limit, beside the committed ratios.

The parse limit and the `GUARDED` configurations (`throughput.run_config`: each in a fresh
interpreter) on the 10k bench corpus, in interleaved rounds of which the best counts; each
one's documents per CPU-second is divided by the parse limit's from the same run, so a slower
or busier machine moves both. Exit status 1 when a ratio falls more than `TOLERANCE` below
`bench/baseline.json` (docs/benchmarks.md, "The guard").

    make bench-quick                           # builds the 10k corpus first
    python -m bench.cleaning.quick [--input bench/data/10k] [--update]

Not part of `make test`. `--update` writes this run's ratios as the new baseline: only for a
change that is meant to move them, said in its commit.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.cleaning.throughput import HERE, run_config
from bench.harness import load, write_json
from common.jsonfile import read_json

BASELINE = HERE / "baseline.json"
LIMIT = "parse"
GUARDED = ["check_nolid", "check_cld2", "beam_cld2"]
TOLERANCE = 0.25  # a ratio may fall this far below its baseline before the guard fails


def compare(ratios: dict[str, float], baseline: dict[str, float]) -> tuple[list[str], bool]:
    """The table rows and whether every ratio is within `TOLERANCE` of its baseline."""
    rows = [
        "| configuration | docs/s per core | ratio to parse | baseline | change | verdict |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    ok = True
    for name, (rate, ratio) in ratios.items():
        base = baseline.get(name)
        if base is None:
            rows.append(f"| `{name}` | {rate:,.0f} | {ratio:.3f} | – | – | no baseline |")
            continue
        change = ratio / base - 1
        passed = change >= -TOLERANCE
        ok &= passed
        verdict = "ok" if passed else f"SLOWER by more than {TOLERANCE:.0%}"
        rows.append(
            f"| `{name}` | {rate:,.0f} | {ratio:.3f} | {base:.3f} | {change:+.0%} | {verdict} |"
        )
    return rows, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=HERE / "data" / "10k")
    parser.add_argument("--update", action="store_true", help="write this run as the baseline")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per configuration")
    args = parser.parse_args(argv)
    if not any(args.input.glob("c4-nl-*.json.gz")):
        raise SystemExit(f"bench-quick: no corpus in {args.input}; run `make bench-quick`")

    started, load_before = time.perf_counter(), load()[0]
    results: dict[str, dict] = {}
    for round_ in range(args.rounds):  # rounds interleaved, so a burst of load hits them all
        for name in [LIMIT, *GUARDED]:
            print(f"[{time.strftime('%H:%M:%S')}] {name}, round {round_ + 1}", file=sys.stderr)
            r = run_config(name, args.input, args.timeout)
            if "error" in r:
                raise SystemExit(f"bench-quick: {name} failed: {r['error']}")
            if name not in results or r["docs_per_cpu_s"] > results[name]["docs_per_cpu_s"]:
                results[name] = r
    limit = results[LIMIT]["docs_per_cpu_s"]
    ratios = {
        n: (results[n]["docs_per_cpu_s"], results[n]["docs_per_cpu_s"] / limit) for n in GUARDED
    }
    baseline = read_json(BASELINE)["ratios"] if BASELINE.exists() else {}
    rows, ok = compare(ratios, baseline)
    took = time.perf_counter() - started
    print(
        f"\n`make bench-quick` on {args.input} ({results[LIMIT]['docs']:,} documents, best of "
        f"{args.rounds}), {time.strftime('%Y-%m-%d')}, load {load_before:.2f} -> "
        f"{load()[0]:.2f}, {took:.0f} s in all; parse {limit:,.0f} docs/s per core\n"
    )
    print("\n".join(rows))
    if args.update:
        write_json(
            BASELINE,
            {
                "measured": time.strftime("%Y-%m-%d"),
                "input": str(args.input),
                "how": f"one `bench_quick.py --update` run, best of {args.rounds} rounds",
                "parse_docs_per_cpu_s": round(limit),
                "ratios": {n: round(r, 4) for n, (_, r) in ratios.items()},
            },
        )
        return 0
    if not ok:
        print(f"\nbench-quick: a ratio fell more than {TOLERANCE:.0%} below {BASELINE.name}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
