"""What deduplication removes from real inputs, and what the `dedup` job costs as it grows.

The measurements of docs/dedup.md (issue 9); nothing of `../shared/corpora` is written into
the repository (inputs and results go where `--out`/`--work` say: /tmp or the git-ignored
`benchmarks/data/` and `benchmarks/results/`).

    # the dedup stage's output on the bundled samples, summarised (run the stage first)
    python benchmarks/dedup_scale.py sample --clean data/clean --rejected /tmp/x/rej

    # the Gutenberg songs (Heije, Listal, Hoffmann von Fallersleben), cut into songs as
    # benchmarks/filter_quality/corpora.py does, through `dedup_report`
    python benchmarks/dedup_scale.py songs

    # the dedup job (`run_dedup`, direct runner, 1 and 2 workers) against datatrove's MinHash
    # deduplication on the same input, each run in a process of its own: wall and CPU time of
    # the whole process tree, and its peak resident memory (psutil, every 0.1 s)
    python benchmarks/dedup_scale.py scale --docs 10000,30000,100000 --cap-gb 12 \\
        --runs schoon:1,schoon:2,datatrove:1,datatrove:2 \\
        --out benchmarks/results/dedup_scale_pages.json
    python benchmarks/dedup_scale.py scale --base sentences ... --out .../dedup_scale_sentences.json

    # the candidate pairs of those inputs (no Beam), and the job's verdicts with 1 and 2 workers
    python benchmarks/dedup_scale.py pairs /tmp/dedup_scale/input-*
    python benchmarks/dedup_scale.py compare --input /tmp/dedup_scale/input-pages-30000 --repeat 2

    # docs/figures/dedup_scale.png and dedup_memory.png
    python benchmarks/dedup_scale.py plot --results benchmarks/results/dedup_scale_pages.json \\
        benchmarks/results/dedup_scale_sentences.json

The scale inputs: `N` documents, 90% base documents, 5% exact copies of others of them
(upper/lower case, whitespace re-wrapped: `case`, `whitespace` of benchmarks/dedup.py) and 5%
near copies (1 to 5 words replaced), shuffled into the Parquet layout the `dedup` stage reads
(`CLEAN/bench/part-*.parquet`: id, source, text, meta). The true Jaccard of every near copy
with its original is computed, so the drops can be scored. The base is either (`--base`)

- `pages`: the first documents of a `benchmarks/make_corpus.py` corpus (`--from`; document i
  is the same in every corpus of that seed). These pages are not distinct: their bodies are
  runs of paragraphs from pools of ~1,200 paragraphs, so they hold near copies of each other,
  counted apart, and more of them the larger the input; or
- `sentences`: distinct documents of 8 to 16 sentences drawn at random from the same pools,
  so that the planted copies are the only ones.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import gzip
import itertools
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

SOURCE = "bench"  # the one source name of the scale input
EXACT_KINDS = ("case", "whitespace")
FEW_WORDS = 5  # a near copy has 1 to this many words replaced


def replace_words(text: str, k: int, rng: random.Random, vocabulary: list[str]) -> str:
    """`text` with `k` of its words (split on spaces, as benchmarks/dedup.py's `words` copies)
    replaced by words of the vocabulary."""
    words = text.split(" ")
    for i in rng.sample(range(len(words)), min(k, len(words))):
        words[i] = rng.choice(vocabulary)
    return " ".join(words)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict:
    import psutil

    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
    }


def _header(argv: list[str]) -> dict:
    return {
        "command": "python benchmarks/dedup_scale.py " + " ".join(argv),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_at_start": _load(),
    }


# 1. The dedup stage's output on the bundled samples.


def _read_parquet_dir(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    rows: list[dict] = []
    for f in sorted(path.glob("*.parquet")):
        rows += pq.read_table(f).to_pylist()
    return rows


def cmd_sample(args) -> dict:
    """Counts per kind and source of the stage's rejected output, and every dropped document
    beside the one it copies: their similarity and the lines that differ."""
    rejected = _read_parquet_dir(args.rejected)
    kept_by_key = {}
    for source_dir in sorted(p for p in args.clean.iterdir() if p.is_dir()):
        for row in _read_parquet_dir(source_dir):
            kept_by_key[row["source"], row["id"]] = row
    counts = Counter((r["kind"], r["source"], r["duplicate_of_source"]) for r in rejected)
    print(f"{len(rejected)} dropped of {len(kept_by_key)} cleaned documents")
    for (kind, source, of), n in sorted(counts.items()):
        print(f"  {kind}: {n} of source {source}, copies of source {of}")
    examples = []
    for r in sorted(rejected, key=lambda r: r["similarity"]):
        original = kept_by_key[r["duplicate_of_source"], r["duplicate_of"]]
        a, b = original["text"].split("\n"), r["text"].split("\n")
        changed = [
            line
            for line in difflib.unified_diff(a, b, lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        examples.append(
            {
                "id": r["id"],
                "duplicate_of": r["duplicate_of"],
                "kind": r["kind"],
                "similarity": round(r["similarity"], 3),
                "lines": [len(a), len(b)],
                "lines_in_common": len(set(a) & set(b)),
                "changed": [line[:100] for line in changed],
            }
        )
        print(
            f"\n{r['kind']} {r['similarity']:.3f}: {r['id']} copies {r['duplicate_of']} "
            f"({len(b)} and {len(a)} lines, {len(set(a) & set(b))} identical)"
        )
        for line in changed:
            print("   ", line[:100])
    return {
        "dropped": len(rejected),
        "counts": [[*k, n] for k, n in counts.items()],
        "examples": examples,
    }


# 2. The Gutenberg songs.


def song_records() -> list[dict]:
    """The Dutch songs and verses of the three song books, as `lyrics_preset.py` cuts them."""
    sys.path.insert(0, str(HERE / "filter_quality"))
    import corpora

    books = corpora.heije_songs() + corpora.listal_songs() + corpora.fallersleben_records()
    return [
        {"id": f"{s.book}: {s.title}", "source": s.book, "text": s.text, "kind": s.kind}
        for s in books
    ]


def _most_similar(
    records: list[dict], top: int = 8, across: bool = False
) -> list[tuple[float, str, str]]:
    """The most similar pairs by true Jaccard of 5-gram shingles, every pair compared (only
    pairs of different sources when `across`)."""
    from pipeline.minhash import jaccard, shingle_hashes

    hashes = [shingle_hashes(r["text"]) for r in records]
    pairs = [
        (jaccard(hashes[i], hashes[j]), records[i]["id"], records[j]["id"])
        for i, j in itertools.combinations(range(len(records)), 2)
        if len(hashes[i])
        and len(hashes[j])
        and not (across and records[i]["source"] == records[j]["source"])
    ]
    return sorted(pairs, reverse=True)[:top]


def cmd_songs(args) -> dict:
    from pipeline.dedup import dedup_report
    from pipeline.minhash import DedupParams, normalise

    everything = song_records()
    songs = [r for r in everything if r["kind"] in ("song", "spreuk")]
    print(f"{len(songs)} records: {dict(Counter((r['source'], r['kind']) for r in songs))}")
    out: dict = {"records": dict(Counter(f"{r['source']} {r['kind']}" for r in songs))}
    for name, params in (("default", DedupParams()), ("spans", DedupParams(spans=True))):
        started = time.perf_counter()
        verdicts, stats = dedup_report(songs, params)
        seconds = time.perf_counter() - started
        dropped = [v for v in verdicts if not v["kept"]]
        trimmed = [v for v in verdicts if v["sentences_removed"]]
        print(f"{name}: dropped {stats['docs_dropped']}, trimmed {len(trimmed)}, {seconds:.1f} s")
        for v in dropped + trimmed:
            print("  ", v)
        out[name] = {
            "docs_dropped": stats["docs_dropped"],
            "dropped": dropped,
            "span_trimmed": trimmed,
            "seconds": round(seconds, 1),
        }
    # Which spans the span step removed, and from where.
    if out["spans"]["span_trimmed"]:
        from pipeline.minhash import span_keys

        keys = {r["id"]: span_keys(r["text"]) for r in songs}
        for v in out["spans"]["span_trimmed"]:
            mine = set(keys[v["id"]])
            v["shares_spans_with"] = [i for i, k in keys.items() if i != v["id"] and mine & set(k)]
            print("  ", v["id"], "shares spans with", v["shares_spans_with"])
    top = _most_similar(songs)
    cross = _most_similar(songs, top=5, across=True)
    print("most similar pairs:", *(f"  {s:.3f} {a} | {b}" for s, a, b in top), sep="\n")
    print("most similar across books:", *(f"  {s:.3f} {a} | {b}" for s, a, b in cross), sep="\n")
    out["most_similar"] = [[round(s, 3), a, b] for s, a, b in top]
    out["most_similar_across_books"] = [[round(s, 3), a, b] for s, a, b in cross]
    # Lines (of 3 words or more) that occur in more than one song: refrains, formulas.
    where = defaultdict(set)
    for r in songs:
        for line in r["text"].split("\n"):
            if len(normalise(line).split()) >= 3:
                where[normalise(line)].add(r["id"])
    shared = {line: sorted(ids) for line, ids in where.items() if len(ids) > 1}
    across = {line: ids for line, ids in shared.items() if len({i.split(":")[0] for i in ids}) > 1}
    print(f"lines in more than one song: {len(shared)}, in more than one book: {len(across)}")
    out["lines_in_several_songs"] = len(shared)
    out["lines_in_several_books"] = len(across)
    out["lines_most_shared"] = sorted(shared.items(), key=lambda kv: -len(kv[1]))[:5]
    # A scraper that delivers a Fallersleben song twice, bare and with its German notes.
    from pipeline.minhash import jaccard, shingle_hashes

    bare = {r["id"]: r for r in everything if r["kind"] == "song" and r["source"] == "Fallersleben"}
    sections = [r for r in everything if r["kind"] == "section"]
    sims = sorted(
        jaccard(shingle_hashes(bare[s["id"]]["text"]), shingle_hashes(s["text"])) for s in sections
    )
    out["song_vs_song_with_notes"] = {
        "pairs": len(sims),
        "at_or_above_0.8": sum(s >= 0.8 for s in sims),
        "median": round(sims[len(sims) // 2], 3),
        "max": round(sims[-1], 3),
    }
    print("song vs song + notes:", out["song_vs_song_with_notes"])
    return out


# 3. Scale: the input.


def _make_corpus_docs(source: Path):
    """The documents of a make_corpus output, in document order."""
    shards = sorted(source.glob("c4-nl-*.json.gz"))
    if not shards:
        raise SystemExit(
            f"dedup_scale: no c4-nl-*.json.gz in {source}; build it first, e.g. "
            f"make {source}/.done (benchmarks/make_corpus.py)"
        )
    for shard in shards:
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def _sentence_docs(seed: int):
    """Distinct documents: 8 to 16 sentences drawn at random from every sentence of
    make_corpus's Dutch pools (UD paragraphs and sentences, Max Havelaar), in 1 to 4 lines.
    Two of them share a 5-gram only inside a sentence both drew, so their Jaccard is near 0
    and the only copies are the planted ones."""
    from make_corpus import load_pools

    from filters.sentences import split_sentences

    pools = load_pools()
    sentences = {s for p in pools.modern + pools.havelaar for s in split_sentences(p)}
    pool = sorted(sentences | set(pools.sentences))
    i = 0
    while True:
        rng = random.Random(seed * 1_000_003 + i)
        chosen = rng.sample(pool, rng.randint(8, 16))
        cuts = sorted(rng.sample(range(1, len(chosen)), rng.randint(0, 3)))
        bounds = zip([0, *cuts], [*cuts, len(chosen)], strict=True)
        text = "\n".join(" ".join(chosen[a:b]) for a, b in bounds)
        yield {
            "text": text,
            "url": f"https://www.example.nl/{i}",
            "timestamp": "2019-01-01T00:00:00Z",
        }
        i += 1


def build_input(
    source: Path | None, docs: int, out: Path, seed: int, share: float, files: int
) -> dict:
    """`docs` documents: (1 - 2 * share) of them the first of `source` (a make_corpus output;
    None: distinct documents of random sentences), `share` exact and `share` near copies of
    others of those; shuffled into `files` Parquet files."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from dedup import plant

    from pipeline.minhash import exact_key, jaccard, shingle_hashes

    done = out / "truth.json"
    if done.exists():
        return json.loads(done.read_text(encoding="utf-8"))["summary"]
    n_copies = round(docs * share)
    n_base = docs - 2 * n_copies
    base = []
    documents = _make_corpus_docs(source) if source else _sentence_docs(seed)
    for i, record in enumerate(documents):
        if i == n_base:
            break
        meta = json.dumps({"url": record["url"], "timestamp": record["timestamp"]})
        base.append({"id": f"d{i:07d}", "source": SOURCE, "text": record["text"], "meta": meta})
    if len(base) < n_base:
        raise SystemExit(f"dedup_scale: {source} has {len(base)} documents, {n_base} needed")
    rng = random.Random(seed)
    vocabulary = sorted(
        {w for r in base[:10_000] for w in r["text"].split() if w.isalpha() and len(w) > 3}
    )
    originals = rng.sample(range(n_base), 2 * n_copies)
    rows, truth = list(base), {}
    for k, i in enumerate(originals):
        kind = rng.choice(EXACT_KINDS) if k < n_copies else "words"
        if kind == "words":
            text = replace_words(base[i]["text"], rng.randint(1, FEW_WORDS), rng, vocabulary)
        else:
            text = plant(base[i]["text"], kind, rng, vocabulary)
        cid = f"p{k:07d}"  # after every "d" id: the original comes first by order
        rows.append({"id": cid, "source": SOURCE, "text": text, "meta": base[i]["meta"]})
        same = exact_key(text) == exact_key(base[i]["text"])
        truth[cid] = {
            "original": base[i]["id"],
            "kind": kind,
            "exact": same,
            "jaccard": jaccard(shingle_hashes(base[i]["text"]), shingle_hashes(text)),
        }
    rng.shuffle(rows)
    target = out / "clean" / SOURCE
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    schema = pa.schema([(c, pa.string()) for c in ("id", "source", "text", "meta")])
    for k in range(files):
        part = rows[k * len(rows) // files : (k + 1) * len(rows) // files]
        pq.write_table(
            pa.Table.from_pylist(part, schema=schema),
            target / f"part-{k:05d}.parquet",
            row_group_size=5000,
        )
    words = sum(len(r["text"].split()) for r in rows)
    summary = {
        "documents": len(rows),
        "from": str(source) if source else "random sentences",
        "base": n_base,
        "exact_copies": sum(t["exact"] for t in truth.values()),
        "near_copies": sum(not t["exact"] for t in truth.values()),
        "near_at_or_above_0.8": sum(not t["exact"] and t["jaccard"] >= 0.8 for t in truth.values()),
        "mean_words": round(words / len(rows)),
        "mean_chars": round(sum(len(r["text"]) for r in rows) / len(rows)),
        "parquet_mb": round(sum(p.stat().st_size for p in target.glob("*.parquet")) / 1e6, 1),
        "files": files,
    }
    done.write_text(json.dumps({"summary": summary, "truth": truth}), encoding="utf-8")
    return summary


# 3. Scale: the runs, each in a process of its own.


def run_schoon(clean: Path, work: Path, workers: int, runner: str = "direct") -> dict[str, dict]:
    from pipeline.dedup_job import run_dedup
    from pipeline.minhash import DedupParams
    from pipeline.runner import CleanConfig, quiet_beam

    quiet_beam()
    config = CleanConfig(runner=runner, workers=workers)
    stats = run_dedup(
        [SOURCE],
        str(clean),
        DedupParams(),
        config,
        str(work / "kept"),
        str(work / "rejected"),
        str(work / "stats.json"),
    )
    dropped = {
        r["id"]: {"kind": r["kind"], "similarity": r["similarity"]}
        for r in _read_parquet_dir(work / "rejected")
    }
    assert len(dropped) == sum(stats["docs_dropped"].values())
    return dropped, stats["cluster_sizes"]


def _datatrove_tokenizer():
    from datatrove.utils.word_tokenizers import WordTokenizer

    class Whitespace(WordTokenizer):
        """Words split on whitespace, as benchmarks/dedup.py runs datatrove (its Dutch word
        tokenizer needs spaCy)."""

        def word_tokenize(self, text: str) -> list[str]:
            return text.split()

        def sent_tokenize(self, text: str) -> list[str]:
            return [text]

        def span_tokenize(self, text: str) -> list[tuple[int, int]]:
            return [(0, len(text))]

    return Whitespace()


def run_datatrove(clean: Path, work: Path, workers: int) -> dict[str, dict]:
    """datatrove's four MinHash steps as benchmarks/dedup.py runs them (SHA-1 shingle hashes,
    whitespace words, our n-gram size, bands and rows), reading the same Parquet files with
    its own reader: one task per file, `workers` processes."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.pipeline.readers import ParquetReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.hashing import HashConfig

    from pipeline.minhash import DedupParams

    params = DedupParams()
    config = MinhashConfig(
        n_grams=params.ngram,
        num_buckets=params.bands,
        hashes_per_bucket=params.rows,
        hash_config=HashConfig(hash_fc="sha1"),
    )
    files = len(list((clean / SOURCE).glob("*.parquet")))
    sigs, buckets, clusters, removed = (
        str(work / x) for x in ("sigs", "buckets", "clusters", "removed")
    )

    def reader():
        return ParquetReader(str(clean / SOURCE), text_key="text", id_key="id")

    steps = [
        (
            [reader(), MinhashDedupSignature(sigs, config=config, language=_datatrove_tokenizer())],
            files,
        ),
        ([MinhashDedupBuckets(sigs, buckets, config=config)], params.bands),
        ([MinhashDedupCluster(buckets, clusters, config=config)], 1),
        (
            [
                reader(),
                MinhashDedupFilter(
                    clusters, exclusion_writer=JsonlWriter(removed, compression=None)
                ),
                JsonlWriter(str(work / "kept"), compression=None),
            ],
            files,
        ),
    ]
    for i, (pipeline, tasks) in enumerate(steps):
        LocalPipelineExecutor(
            pipeline,
            tasks=tasks,
            workers=min(workers, tasks),
            logging_dir=str(work / f"logs{i}"),
            skip_completed=False,
        ).run()
    dropped = {}
    for path in Path(removed).glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            dropped[json.loads(line)["id"]] = {"kind": "near", "similarity": None}
    return dropped, None


def score(dropped: dict[str, dict], truth: dict) -> dict:
    """Drops against the planted truth. A planted pair is `resolved` when either of its two
    documents went (datatrove keeps the first in its own reading order, which need not be the
    original); `copy_dropped` counts the copies themselves. Drops among the unplanted
    documents (the make_corpus pages' own near copies of each other) are counted apart."""
    exact = [c for c, t in truth.items() if t["exact"]]
    near = {c: t for c, t in truth.items() if not t["exact"]}
    above = [c for c, t in near.items() if t["jaccard"] >= 0.8]
    below = [c for c, t in near.items() if t["jaccard"] < 0.8]

    def resolved(copies):
        return sum(c in dropped or truth[c]["original"] in dropped for c in copies)

    planted_originals = {t["original"] for t in truth.values()}
    base_dropped = [d for d in dropped if d.startswith("d")]
    sims = sorted(dropped[d]["similarity"] for d in base_dropped if dropped[d]["similarity"])
    return {
        "dropped": len(dropped),
        "dropped_by_kind": dict(Counter(v["kind"] for v in dropped.values())),
        "exact_copies": len(exact),
        "exact_copy_dropped": sum(c in dropped for c in exact),
        "exact_resolved": resolved(exact),
        "near_at_or_above_0.8": len(above),
        "near_at_or_above_0.8_copy_dropped": sum(c in dropped for c in above),
        "near_at_or_above_0.8_resolved": resolved(above),
        "near_below_0.8": len(below),
        "near_below_0.8_copy_dropped": sum(c in dropped for c in below),
        "near_below_0.8_resolved": resolved(below),
        "unplanted_dropped": len(base_dropped),
        "unplanted_dropped_not_a_planted_original": sum(
            d not in planted_originals for d in base_dropped
        ),
        "unplanted_dropped_similarity_median": sims[len(sims) // 2] if sims else None,
    }


def cmd_run(args) -> None:
    """Inside the measured subprocess: one run; prints one JSON line."""
    work = Path(tempfile.mkdtemp(prefix=f"dedup-scale-{args.tool}-", dir=args.work))
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, cpu = time.perf_counter(), time.process_time()
        if args.tool == "datatrove":
            dropped, clusters = run_datatrove(args.input / "clean", work, args.workers)
        else:  # schoon, schoon-flink, schoon-spark, schoon-prism: the runner after the dash
            runner = args.tool.partition("-")[2] or "direct"
            dropped, clusters = run_schoon(args.input / "clean", work, args.workers, runner)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = {
            "work_wall_s": time.perf_counter() - wall,
            "work_cpu_s": time.process_time()
            - cpu
            + (after.ru_utime - before.ru_utime)
            + (after.ru_stime - before.ru_stime),
            "max_rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
        truth = json.loads((args.input / "truth.json").read_text(encoding="utf-8"))["truth"]
        result["score"] = score(dropped, truth)
        if clusters:
            result["cluster_sizes"] = clusters
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))


def _tree(proc) -> list:
    import psutil

    with contextlib.suppress(psutil.Error):
        return [proc, *proc.children(recursive=True)]
    return []


def peak_rss_mb(run: dict) -> int:
    """The peak memory of a run: the tree's sampled peak, or the main process's own
    high-water mark (`ru_maxrss`) where a peak fell between two samples."""
    return round(max(run["peak_tree_rss_mb"], run.get("max_rss_self_mb", 0)))


def measure(
    tool: str, workers: int, input_dir: Path, work: Path, cap_gb: float, timeout: float
) -> dict:
    """One run in a fresh interpreter: wall and CPU time, peak RSS of the process tree (the sum
    over its processes, sampled every 0.1 s, or the main process's own high-water mark if
    higher) and the RSS over time (every second)."""
    import psutil

    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "_run",
        "--tool",
        tool,
        "--workers",
        str(workers),
        "--input",
        str(input_dir),
        "--work",
        str(work),
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}
    load_before = _load()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak, series, last, cpu_seen, processes = 0, [], -1.0, {}, 0
    error = None
    while proc.poll() is None:
        total = 0
        members = _tree(root)
        processes = max(processes, len(members))
        for p in members:
            with contextlib.suppress(psutil.Error):  # a worker may exit between the calls
                total += p.memory_info().rss
                t = p.cpu_times()
                cpu_seen[p.pid] = t.user + t.system
        peak = max(peak, total)
        now = time.perf_counter() - started
        if now - last >= 1.0:
            series.append([round(now, 1), round(total / 2**20)])
            last = now
        if total > cap_gb * 2**30 or now > timeout:
            error = (
                f"stopped at {total / 2**30:.1f} GiB after {now:.0f} s"
                f" (cap {cap_gb} GiB, limit {timeout:.0f} s)"
            )
            for p in reversed(members):  # only the processes this run started
                with contextlib.suppress(psutil.Error):
                    p.kill()
            proc.wait()
            break
        time.sleep(0.1)
    wall = time.perf_counter() - started
    out = proc.stdout.read()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "tool": tool,
        "workers": workers,
        "load_before": load_before,
        "load_after": _load(),
        "wall_s": round(wall, 1),
        "peak_tree_rss_mb": round(peak / 2**20),
        "max_processes": processes,
        "rss_mb_over_time": series,
    }
    if error or proc.returncode != 0:
        result["error"] = error or f"exit {proc.returncode}"
        return result
    child = json.loads(out.strip().splitlines()[-1])
    reaped = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result.update(child)
    result["peak_rss_mb"] = peak_rss_mb(result)
    result["cpu_s_tree"] = round(max(reaped, sum(cpu_seen.values())), 1)
    return result


def cmd_scale(args) -> dict:
    report = _header(sys.argv[1:])
    report["share"] = args.share
    report["inputs"] = []
    if args.append and args.out and args.out.exists():
        report["inputs"] = json.loads(args.out.read_text(encoding="utf-8"))["inputs"]
    runs = [(r.split(":")[0], int(r.split(":")[1])) for r in args.runs.split(",")]
    source = None if args.base == "sentences" else args.source
    for docs in [int(d) for d in args.docs.split(",")]:
        input_dir = args.work / f"input-{args.base}-{docs}"
        started = time.perf_counter()
        summary = build_input(source, docs, input_dir, args.seed, args.share, args.files)
        print(f"input {docs}: {summary} ({time.perf_counter() - started:.0f} s)", flush=True)
        entry = {
            "docs": docs,
            "base": args.base,
            "command": report["command"],
            "date": report["date"],
            "input": summary,
            "runs": [],
        }
        for tool, workers in runs:
            result = measure(tool, workers, input_dir, args.work, args.cap_gb, args.timeout)
            if "work_wall_s" in result:
                result["docs_per_s"] = round(docs / result["work_wall_s"])
                result["docs_per_cpu_s"] = round(docs / result["cpu_s_tree"])
            brief = {k: v for k, v in result.items() if k != "rss_mb_over_time"}
            print(json.dumps(brief), flush=True)
            entry["runs"].append(result)
            if args.out:  # after every run: a killed benchmark keeps what it measured
                report["load_at_end"] = _load()
                _write(args.out, report, entry)
        report["inputs"].append(entry)
    report["load_at_end"] = _load()
    return report


def _write(path: Path, report: dict, current: dict) -> None:
    data = {**report, "inputs": [*report["inputs"], current]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def cmd_pairs(args) -> dict:
    """How many candidate pairs the near step meets on a scale input: the exact survivors'
    band buckets, pairs counted per bucket (what `CandidatePairs` emits) and distinct (what
    `Distinct` leaves to verify). Pure functions, the job's parameters; no Beam."""
    import pyarrow.parquet as pq

    from pipeline.minhash import DedupParams, MinHasher, band_keys, exact_key, shingle_hashes

    params = DedupParams()
    hasher = MinHasher(params.num_perm, params.seed)
    out = []
    for input_dir in args.inputs:
        texts: list[str] = []
        for f in sorted((input_dir / "clean" / SOURCE).glob("*.parquet")):
            texts += pq.read_table(f, columns=["text"]).column("text").to_pylist()
        seen: set[str] = set()
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for i, text in enumerate(texts):
            key = exact_key(text)
            if key in seen:
                continue
            seen.add(key)
            hashes = shingle_hashes(text, params.ngram)
            if len(hashes):
                for band in band_keys(hasher.signature(hashes), params.bands, params.rows):
                    buckets[band].append(i)
        per_bucket = sum(len(m) * (len(m) - 1) // 2 for m in buckets.values())
        distinct = {
            (a, b) for m in buckets.values() if len(m) > 1 for a, b in itertools.combinations(m, 2)
        }
        row = {
            "input": str(input_dir),
            "documents": len(texts),
            "exact_survivors": len(seen),
            "pairs_per_bucket": per_bucket,
            "pairs_distinct": len(distinct),
            "largest_buckets": sorted((len(m) for m in buckets.values()), reverse=True)[:3],
        }
        out.append(row)
        print(json.dumps(row), flush=True)
    return {"inputs": out}


def cmd_compare(args) -> dict:
    """The dedup job on one input with each worker count, `--repeat` times: are the verdicts
    the same? (They should be: the first copy by `order` is kept whatever the runner.)"""
    from pipeline.dedup_job import run_dedup
    from pipeline.minhash import DedupParams
    from pipeline.runner import CleanConfig, quiet_beam

    quiet_beam()
    out: dict = {"input": str(args.input), "runs": []}
    verdicts = {}
    for workers in [int(w) for w in args.workers.split(",")]:
        for k in range(args.repeat):
            work = Path(tempfile.mkdtemp(prefix="dedup-compare-", dir=args.work))
            try:
                stats = run_dedup(
                    [SOURCE],
                    str(args.input / "clean"),
                    DedupParams(),
                    CleanConfig(runner="direct", workers=workers),
                    str(work / "kept"),
                    str(work / "rejected"),
                    str(work / "stats.json"),
                )
                rejected = {r["id"]: r for r in _read_parquet_dir(work / "rejected")}
            finally:
                shutil.rmtree(work, ignore_errors=True)
            name = f"workers={workers} #{k + 1}"
            verdicts[name] = rejected
            run = {
                "run": name,
                "docs_in": stats["docs_in"],
                "docs_out": stats["docs_out"],
                "docs_dropped": stats["docs_dropped"],
                "near_clusters": sum(stats["cluster_sizes"]["near"].values()),
            }
            out["runs"].append(run)
            print(json.dumps(run), flush=True)
    first, *others = verdicts
    for name in others:
        a, b = verdicts[first], verdicts[name]
        only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        changed = [i for i in set(a) & set(b) if a[i]["duplicate_of"] != b[i]["duplicate_of"]]
        diff = {
            "against": first,
            "run": name,
            "dropped_only_in_first": len(only_a),
            "dropped_only_in_this": len(only_b),
            "other_duplicate_of": len(changed),
            "examples_only_in_first": [
                [i, a[i]["kind"], a[i]["duplicate_of"], round(a[i]["similarity"], 3)]
                for i in only_a[:5]
            ],
        }
        out.setdefault("differences", []).append(diff)
        print(json.dumps(diff), flush=True)
    return out


# 4. The figures.


LABELS = {
    ("schoon", 1): "schoon run_dedup, direct, 1 worker",
    ("schoon", 2): "schoon run_dedup, direct, 2 workers",
    ("datatrove", 1): "datatrove MinHash, 1 worker",
    ("datatrove", 2): "datatrove MinHash, 2 workers",
}
COLOURS = {("schoon", 1): "C0", ("schoon", 2): "C1", ("datatrove", 1): "C2", ("datatrove", 2): "C3"}
BASES = {
    "pages": "make_corpus pages (near copies of each other) + 5% exact + 5% near",
    "sentences": "distinct random-sentence documents + 5% exact + 5% near",
}


def cmd_plot(args) -> dict:
    """dedup_scale.png: peak memory and documents per CPU-second against the input size, one
    row per results file; dedup_memory.png: the tree's RSS over time at each largest input."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = [json.loads(p.read_text(encoding="utf-8")) for p in args.results]
    fig, axes = plt.subplots(len(results), 2, figsize=(11, 3.9 * len(results)), squeeze=False)
    for (ax_mem, ax_rate), data in zip(axes, results, strict=True):
        by_run = defaultdict(list)
        for entry in data["inputs"]:
            for r in entry["runs"]:
                by_run[r["tool"], r["workers"]].append((entry["docs"], r))
        base = data["inputs"][0].get("base", "pages")
        for key, points in by_run.items():
            ok = [(d, r) for d, r in points if "error" not in r]
            style = dict(
                color=COLOURS[key],
                marker="o",
                label=LABELS[key],
                linestyle="-" if key[0] == "schoon" else "--",
            )
            ax_mem.plot([d for d, _ in ok], [peak_rss_mb(r) / 1024 for _, r in ok], **style)
            ax_rate.plot([d for d, _ in ok], [r["docs_per_cpu_s"] for _, r in ok], **style)
            for d, r in points:  # stopped (the memory cap, the time limit, by hand): x
                if "error" in r:
                    ax_mem.plot([d], [r["peak_tree_rss_mb"] / 1024], "x", color=COLOURS[key], ms=10)
        m = data["machine"]
        dates = sorted({e.get("date", data["date"]) for e in data["inputs"]})
        times = " and ".join(d[11:16] for d in dates)
        loads = [
            x[0]
            for e in data["inputs"]
            for r in e["runs"]
            for x in (r["load_before"], r["load_after"])
        ]
        title = f"{BASES[base]}\n{dates[0][:10]} {times} UTC, {m['cores']} cores, "
        title += f"{m['memory_gb']} GiB, shared: load {min(loads)}-{max(loads)}"
        for ax in (ax_mem, ax_rate):
            ax.set_xscale("log")
            ax.set_xlabel("documents in the input")
            ax.grid(alpha=0.3, which="both")
            ax.set_title(title, size=8)
        ax_mem.set_yscale("log")
        ax_mem.set_ylabel("peak RSS, all processes (GiB, log)")
        ax_rate.set_ylabel("documents per CPU-second, all processes")
        ax_rate.set_ylim(bottom=0)
        if any("error" in r for e in data["inputs"] for r in e["runs"]):
            ax_mem.plot([], [], "x", color="grey", label="x: stopped (12 GiB cap, or by hand)")
        ax_mem.legend(fontsize=7)
    fig.tight_layout()
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "dedup_scale.png"
    fig.savefig(path, dpi=110)
    print(f"wrote {path}")
    fig, axes = plt.subplots(1, len(results), figsize=(6 * len(results), 3.8), squeeze=False)
    for ax, data in zip(axes[0], results, strict=True):
        largest = max(data["inputs"], key=lambda e: e["docs"])
        for r in largest["runs"]:
            key = (r["tool"], r["workers"])
            t = [p[0] for p in r["rss_mb_over_time"]]
            gib = [p[1] / 1024 for p in r["rss_mb_over_time"]]
            label = LABELS[key] + (" (stopped)" if "error" in r else "")
            ax.plot(t, gib, "-" if key[0] == "schoon" else "--", color=COLOURS[key], label=label)
        base = largest.get("base", "pages")
        ax.set_title(f"{largest['docs']:,} documents, {base}: RSS of the process tree", size=9)
        ax.set_xlabel("seconds since the run started")
        ax.set_ylabel("GiB")
        ax.legend(fontsize=7)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    path = args.out / "dedup_memory.png"
    fig.savefig(path, dpi=110)
    print(f"wrote {path}")
    return {}


COMMANDS = {
    "sample": cmd_sample,
    "songs": cmd_songs,
    "pairs": cmd_pairs,
    "compare": cmd_compare,
    "plot": cmd_plot,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample", help="summarise the dedup stage's rejected output")
    p.add_argument("--clean", type=Path, default=ROOT / "data" / "clean")
    p.add_argument("--rejected", type=Path, required=True)
    p.add_argument("--out", type=Path)
    p = sub.add_parser("songs", help="the Gutenberg songs through dedup_report")
    p.add_argument("--out", type=Path)
    p = sub.add_parser("scale", help="the dedup job against datatrove as the input grows")
    p.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=HERE / "data" / "1M",
        help="a make_corpus.py output with at least the largest --docs",
    )
    p.add_argument(
        "--base",
        choices=("pages", "sentences"),
        default="pages",
        help="pages: make_corpus pages (--from); sentences: distinct random-sentence documents",
    )
    p.add_argument("--docs", default="10000,100000")
    p.add_argument("--runs", default="schoon:1,schoon:2,datatrove:1", help="tool:workers,...")
    p.add_argument("--share", type=float, default=0.05, help="exact copies, and near copies")
    p.add_argument("--files", type=int, default=4, help="Parquet files of the input")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dedup_scale")
    p.add_argument("--cap-gb", type=float, default=14.0, help="stop a run whose tree uses more")
    p.add_argument("--timeout", type=float, default=3600.0, help="seconds per run")
    p.add_argument("--append", action="store_true", help="add to the inputs already in --out")
    p.add_argument("--out", type=Path)
    p = sub.add_parser("pairs", help="candidate pairs of scale inputs (no Beam)")
    p.add_argument("inputs", type=Path, nargs="+", help="scale input directories")
    p.add_argument("--out", type=Path)
    p = sub.add_parser("compare", help="the dedup job's verdicts with 1 and 2 workers")
    p.add_argument("--input", type=Path, required=True, help="a scale input directory")
    p.add_argument("--workers", default="1,2")
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dedup_scale")
    p.add_argument("--out", type=Path)
    p = sub.add_parser("_run")  # the measured subprocess
    tools = ("schoon", "schoon-flink", "schoon-spark", "schoon-prism", "datatrove")
    p.add_argument("--tool", choices=tools)
    p.add_argument("--workers", type=int)
    p.add_argument("--input", type=Path)
    p.add_argument("--work", type=Path)
    p = sub.add_parser("plot", help="docs/figures/dedup_scale.png and dedup_memory.png")
    p.add_argument(
        "--results", type=Path, nargs="+", default=[HERE / "results" / "dedup_scale.json"]
    )
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "figures")
    args = parser.parse_args(argv)
    if args.command == "_run":
        cmd_run(args)
        return 0
    sys.path.insert(0, str(HERE))  # benchmarks/dedup.py's helpers
    if args.command == "scale":
        args.work.mkdir(parents=True, exist_ok=True)
        result = cmd_scale(args)
    else:
        header = _header(sys.argv[1:])
        result = {
            **header,
            **COMMANDS[args.command](args),
            "load_at_end": _load(),
        }
    if getattr(args, "out", None) and args.command != "plot":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
