"""Precision and recall of the dedup job on planted copies, and the speed of its parts.

    python -m bench.dedup.quality --datatrove --spans --out /tmp/dedup_bench.json

The input and what a correct run does: docs/dedup.md, "Measured: planted copies of real Dutch
text". The throughput input: `--docs` documents of 4-10 real sentences, plus 10% planted copies.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.dedup.datatrove import datatrove_minhash
from bench.dedup.planted import originals, quality_set, throughput_set
from bench.harness import CORPORA, corpus_path, report

BINS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 0.95), (0.95, 1.01)]


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score_quality(dropped: dict[str, dict], truth: dict, params) -> dict:
    """Precision and recall against the planted truth. `dropped`: id -> {"kind",
    "duplicate_of"} (None when the tool does not say). A drop is right when it is an exact
    copy, or a copy with true Jaccard >= the threshold with its original."""
    from pipeline.dedup.minhash import candidate_probability

    exact = [c for c, t in truth.items() if t["exact"]]
    near = {c: t for c, t in truth.items() if not t["exact"]}
    positives = [c for c, t in near.items() if t["jaccard"] >= params.threshold]
    right = [d for d in dropped if d in set(exact) | set(positives)]
    by_bin = []
    for lo, hi in BINS:
        members = [c for c, t in near.items() if lo <= t["jaccard"] < hi]
        p = (candidate_probability(near[c]["jaccard"], params.bands, params.rows) for c in members)
        by_bin.append(
            {
                "jaccard": f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}",
                "planted": len(members),
                "dropped": sum(1 for c in members if c in dropped),
                "lsh_candidates_expected": round(sum(p), 1),
            }
        )
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for c, t in truth.items():
        by_kind[t["kind"]][dropped[c]["kind"] if c in dropped else "kept"] += 1
    return {
        "dropped": len(dropped),
        "precision": _ratio(len(right), len(dropped)),
        "duplicate_of_is_the_original": _ratio(
            sum(dropped[d]["duplicate_of"] == truth[d]["original"] for d in right), len(right)
        ),
        "originals_dropped": sum(1 for d in dropped if d.startswith("o")),
        "exact_planted": len(exact),
        "exact_recall": _ratio(sum(c in dropped for c in exact), len(exact)),
        "exact_dropped_as_exact": sum(dropped.get(c, {}).get("kind") == "exact" for c in exact),
        "near_planted": len(near),
        "near_at_or_above_threshold": len(positives),
        "near_recall": _ratio(sum(c in dropped for c in positives), len(positives)),
        "near_below_threshold_dropped": sum(
            t["jaccard"] < params.threshold and c in dropped for c, t in near.items()
        ),
        "near_by_jaccard": by_bin,
        "by_planted_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
    }


def run_schoon(records: list[dict], params) -> tuple[dict, float, dict]:
    """`dedup_report` (the in-process Beam job of `schoon dedup`): drops, seconds, statistics."""
    from pipeline.dedup.local import dedup_report

    start = time.perf_counter()
    verdicts, stats = dedup_report(records, params)
    seconds = time.perf_counter() - start
    dropped = {
        r["id"]: {"kind": v["kind"], "duplicate_of": v["duplicate_of"]}
        for r, v in zip(records, verdicts, strict=True)
        if not v["kept"]
    }
    return dropped, seconds, stats


def run_datatrove(records: list[dict], params) -> tuple[dict, float]:
    from datatrove.data import Document

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dt-minhash-") as tmp:
        documents = [Document(text=r["text"], id=r["id"]) for r in records]
        removed = datatrove_minhash(documents, Path(tmp), params)
    return {i: {"kind": "near", "duplicate_of": None} for i in removed}, time.perf_counter() - start


def pure_throughput(texts: list[str], params) -> dict[str, float]:
    """Documents per second of each pure function, one after the other on the same texts."""
    from pipeline.dedup import minhash

    hasher = minhash.MinHasher(params.num_perm, params.seed)
    hashes = [minhash.shingle_hashes(t, params.ngram) for t in texts]
    nonempty = [h for h in hashes if len(h)]
    sigs = [hasher.signature(h) for h in nonempty]
    steps = {
        "exact_key": (minhash.exact_key, texts),
        "shingle_hashes": (lambda t: minhash.shingle_hashes(t, params.ngram), texts),
        "signature": (hasher.signature, nonempty),
        "band_keys": (lambda s: minhash.band_keys(s, params.bands, params.rows), sigs),
        "span_keys": (lambda t: minhash.span_keys(t, params.span_sentences), texts),
        "jaccard": (lambda h: minhash.jaccard(h, nonempty[0]), nonempty),
    }
    out = {}
    for name, (function, items) in steps.items():
        start = time.perf_counter()
        for item in items:
            function(item)
        out[name] = len(items) / (time.perf_counter() - start)
    near = ("shingle_hashes", "signature", "band_keys")
    out["all_near_features"] = 1 / sum(1 / out[k] for k in near)
    return {k: round(v) for k, v in out.items()}


def quality(docs: list[str], args, params) -> dict:
    """The planted set through the job (and datatrove): scores against the truth."""
    records, truth = quality_set(docs, args.seed)
    kinds = dict(Counter(t["kind"] for t in truth.values()))
    print(f"quality input: {len(records)} documents, planted {kinds}", flush=True)
    dropped, seconds, stats = run_schoon(records, params)
    out = {
        "documents": len(records),
        "planted": kinds,
        "schoon": {**score_quality(dropped, truth, params), "seconds": round(seconds, 1)},
        "stats_cluster_sizes": stats["cluster_sizes"],
    }
    print(json.dumps(out["schoon"], indent=1), flush=True)
    if args.datatrove:
        dropped, seconds = run_datatrove(records, params)
        out["datatrove"] = {**score_quality(dropped, truth, params), "seconds": round(seconds, 1)}
        print(json.dumps(out["datatrove"], indent=1), flush=True)
    return out


def throughput(docs: list[str], args, params) -> dict:
    """The pure functions' speed, then the job's (with spans too), then datatrove's."""
    from pipeline.dedup.params import DedupParams

    records = throughput_set(docs, args.docs, args.seed)
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    print(f"throughput input: {len(records)} documents, {words / len(texts):.0f} words each")
    out = {
        "documents": len(records),
        "mean_words": round(words / len(texts)),
        "pure_docs_per_s": pure_throughput(texts, params),
    }
    print(json.dumps(out["pure_docs_per_s"]), flush=True)
    runs = [("beam", params)] + ([("beam_spans", DedupParams(spans=True))] * args.spans)
    for name, p in runs:
        dropped, seconds, _ = run_schoon(records, p)
        out[name] = {
            "seconds": round(seconds, 1),
            "docs_per_s": round(len(records) / seconds),
            "dropped": dict(Counter(v["kind"] for v in dropped.values())),
        }
        print(name, json.dumps(out[name]), flush=True)
    if args.datatrove:
        dropped, seconds = run_datatrove(records, params)
        out["datatrove"] = {
            "seconds": round(seconds, 1),
            "docs_per_s": round(len(records) / seconds),
            "dropped": len(dropped),
        }
        print("datatrove", json.dumps(out["datatrove"]), flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    from pipeline.dedup.params import DedupParams

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="throughput input size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--datatrove", action="store_true", help="also run datatrove's MinHash")
    parser.add_argument("--spans", action="store_true", help="time the Beam run with spans too")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    corpus_path()
    params = DedupParams()
    body: dict = {"params": params.__dict__}
    docs = originals(CORPORA)
    print(f"{len(docs)} original documents", flush=True)
    body["quality"] = quality(docs, args, params)
    body["throughput"] = throughput(docs, args, params)
    report("bench.dedup.quality", body, args.out)


if __name__ == "__main__":
    main()
