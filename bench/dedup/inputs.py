"""The scale input: `N` documents in the Parquet layout the `dedup` stage reads, and the job.

The base documents and the planted copies: docs/dedup.md, "Measured: the dedup job as the input
grows".
"""

from __future__ import annotations

import gzip
import itertools
import json
import random
import shutil
from pathlib import Path

from bench.dedup.planted import EXACT_KINDS, describe_copy, plant, words_of

SOURCE = "bench"  # the one source name of the scale input


def parquet_rows(path: Path, columns: list[str] | None = None) -> list[dict]:
    import pyarrow.parquet as pq

    return [
        row
        for f in sorted(path.glob("*.parquet"))
        for row in pq.read_table(f, columns=columns).to_pylist()
    ]


def base_docs(source: Path | None, seed: int):
    """The documents of a make_corpus output in order; or (None) distinct documents of 8 to
    16 sentences of make_corpus's Dutch pools, in 1 to 4 lines (docs/dedup.md)."""
    if source:
        shards = sorted(source.glob("c4-nl-*.json.gz"))
        if not shards:
            raise SystemExit(
                f"dedup: no c4-nl-*.json.gz in {source}; build it first: make {source}/.done"
            )
        for shard in shards:
            with gzip.open(shard, "rt", encoding="utf-8") as f:
                yield from map(json.loads, f)
        return
    from bench.make_corpus import load_pools
    from filters.sentences import split_sentences

    pools = load_pools()
    pool = sorted(
        {s for p in pools.modern + pools.havelaar for s in split_sentences(p)}
        | set(pools.sentences)
    )
    for i in itertools.count():
        rng = random.Random(seed * 1_000_003 + i)
        chosen = rng.sample(pool, rng.randint(8, 16))
        cuts = sorted(rng.sample(range(1, len(chosen)), rng.randint(0, 3)))
        text = "\n".join(
            " ".join(chosen[a:b]) for a, b in zip([0, *cuts], [*cuts, len(chosen)], strict=True)
        )
        yield {
            "text": text,
            "url": f"https://www.example.nl/{i}",
            "timestamp": "2019-01-01T00:00:00Z",
        }


def build_input(
    source: Path | None, docs: int, out: Path, seed: int, share: float, files: int
) -> dict:
    """The scale input under `out` (kept there: built once per size and seed) and its summary."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    done = out / "truth.json"
    if done.exists():
        return json.loads(done.read_text(encoding="utf-8"))["summary"]
    n_copies = round(docs * share)
    n_base = docs - 2 * n_copies
    base = []
    for i, record in zip(range(n_base), base_docs(source, seed), strict=False):
        meta = json.dumps({"url": record["url"], "timestamp": record["timestamp"]})
        base.append({"id": f"d{i:07d}", "source": SOURCE, "text": record["text"], "meta": meta})
    if len(base) < n_base:
        raise SystemExit(f"dedup: {source} has {len(base)} documents, {n_base} needed")
    rng = random.Random(seed)
    vocabulary = words_of(r["text"] for r in base[:10_000])
    rows, truth = list(base), {}
    for k, i in enumerate(rng.sample(range(n_base), 2 * n_copies)):
        kind = rng.choice(EXACT_KINDS[:2]) if k < n_copies else "words"
        few = rng.randint(1, 5) if kind == "words" else 0
        text = plant(base[i]["text"], kind, rng, vocabulary, few)
        cid = f"p{k:07d}"  # after every "d" id: the original comes first by order
        rows.append({"id": cid, "source": SOURCE, "text": text, "meta": base[i]["meta"]})
        truth[cid] = describe_copy(base[i]["id"], kind, base[i]["text"], text)
    rng.shuffle(rows)
    target = out / "clean" / SOURCE
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    schema = pa.schema([(c, pa.string()) for c in ("id", "source", "text", "meta")])
    for k in range(files):
        part = rows[k * len(rows) // files : (k + 1) * len(rows) // files]
        pq.write_table(
            pa.Table.from_pylist(part, schema=schema),
            target / f"part-{k:05d}.parquet",
            row_group_size=5000,
        )
    near = [t for t in truth.values() if not t["exact"]]
    summary = {
        "documents": len(rows),
        "from": str(source) if source else "random sentences",
        "base": n_base,
        "exact_copies": len(truth) - len(near),
        "near_copies": len(near),
        "near_at_or_above_0.8": sum(t["jaccard"] >= 0.8 for t in near),
        "mean_words": round(sum(len(r["text"].split()) for r in rows) / len(rows)),
        "mean_chars": round(sum(len(r["text"]) for r in rows) / len(rows)),
        "parquet_mb": round(sum(p.stat().st_size for p in target.glob("*.parquet")) / 1e6, 1),
        "files": files,
    }
    done.write_text(json.dumps({"summary": summary, "truth": truth}), encoding="utf-8")
    return summary


def run_dedup(
    clean: Path, work: Path, workers: int, runner: str = "direct", **settings: str
) -> dict:
    from pipeline.beam.runner import BeamConfig, quiet_beam
    from pipeline.dedup.job import run_dedup
    from pipeline.dedup.params import DedupParams

    quiet_beam()
    return run_dedup(
        [SOURCE],
        str(clean),
        DedupParams(),
        BeamConfig(runner=runner, workers=workers, **settings),
        str(work / "kept"),
        str(work / "rejected"),
        str(work / "stats.json"),
    )
