"""The dedup stage's rejected output on the bundled samples, beside what each drop copies.

python -m bench.dedup.sample --clean data/clean --rejected /tmp/x/rej
"""

from __future__ import annotations

import argparse
import difflib
from collections import Counter
from pathlib import Path

from bench.dedup.inputs import parquet_rows
from bench.harness import ROOT, report


def sample(args) -> dict:
    """Counts per kind and source of the stage's rejected output, and every dropped document
    beside the one it copies: their similarity and the lines that differ."""
    rejected = parquet_rows(args.rejected)
    kept = {
        (r["source"], r["id"]): r
        for d in sorted(args.clean.iterdir())
        if d.is_dir()
        for r in parquet_rows(d)
    }
    counts = Counter((r["kind"], r["source"], r["duplicate_of_source"]) for r in rejected)
    print(f"{len(rejected)} dropped of {len(kept)} cleaned documents")
    for (kind, source, of), n in sorted(counts.items()):
        print(f"  {kind}: {n} of source {source}, copies of source {of}")
    examples = []
    for r in sorted(rejected, key=lambda r: r["similarity"]):
        a = kept[r["duplicate_of_source"], r["duplicate_of"]]["text"].split("\n")
        b = r["text"].split("\n")
        changed = [
            line[:100]
            for line in difflib.unified_diff(a, b, lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        common = len(set(a) & set(b))
        examples.append(
            {
                "id": r["id"],
                "duplicate_of": r["duplicate_of"],
                "kind": r["kind"],
                "similarity": round(r["similarity"], 3),
                "lines": [len(a), len(b)],
                "lines_in_common": common,
                "changed": changed,
            }
        )
        print(
            f"\n{r['kind']} {r['similarity']:.3f}: {r['id']} copies {r['duplicate_of']} "
            f"({len(b)} and {len(a)} lines, {common} identical)",
            *changed,
            sep="\n    ",
        )
    return {
        "dropped": len(rejected),
        "counts": [[*k, n] for k, n in counts.items()],
        "examples": examples,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", type=Path, default=ROOT / "data" / "clean")
    parser.add_argument("--rejected", type=Path, required=True)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    report("bench.dedup.sample", sample(args), args.out)


if __name__ == "__main__":
    main()
