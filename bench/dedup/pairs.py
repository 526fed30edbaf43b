"""The candidate pairs of scale inputs: what the near step meets (no Beam).

python -m bench.dedup.pairs /tmp/dedup_scale/input-* --out bench/results/dedup_pairs.json
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import defaultdict
from pathlib import Path

from bench.dedup.inputs import SOURCE, parquet_rows
from bench.harness import report


def pairs(inputs: list[Path]) -> dict:
    """How many candidate pairs the near step meets on a scale input: the exact survivors'
    band buckets, pairs counted per bucket (what `CandidatePairs` emits) and distinct (what
    `Distinct` leaves to verify). Pure functions, the job's parameters; no Beam."""
    from pipeline.dedup.minhash import MinHasher, band_keys, exact_key, shingle_hashes
    from pipeline.dedup.params import DedupParams

    params = DedupParams()
    hasher = MinHasher(params.num_perm, params.seed)
    out = []
    for input_dir in inputs:
        texts = [r["text"] for r in parquet_rows(input_dir / "clean" / SOURCE, ["text"])]
        seen: set[str] = set()
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for i, text in enumerate(texts):
            if exact_key(text) in seen:
                continue
            seen.add(exact_key(text))
            hashes = shingle_hashes(text, params.ngram)
            for band in (
                band_keys(hasher.signature(hashes), params.bands, params.rows)
                if len(hashes)
                else ()
            ):
                buckets[band].append(i)
        distinct = {pair for m in buckets.values() for pair in itertools.combinations(m, 2)}
        row = {
            "input": str(input_dir),
            "documents": len(texts),
            "exact_survivors": len(seen),
            "pairs_per_bucket": sum(len(m) * (len(m) - 1) // 2 for m in buckets.values()),
            "pairs_distinct": len(distinct),
            "largest_buckets": sorted(map(len, buckets.values()), reverse=True)[:3],
        }
        out.append(row)
        print(json.dumps(row), flush=True)
    return {"inputs": out}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", type=Path, nargs="+", help="scale input directories")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    report("bench.dedup.pairs", pairs(args.inputs), args.out)


if __name__ == "__main__":
    main()
