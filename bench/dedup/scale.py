"""Deduplication measured: planted copies of real Dutch text, real inputs, and the job at scale.

The measurements of docs/dedup.md. Inputs are built here from `../shared/corpora` (nothing of
it is written into the repository: inputs and results go to /tmp or the git-ignored
`bench/data/` and `bench/results/`). Each subcommand:

    # precision and recall on planted copies, and the pure functions' and the job's speed
    python -m bench.dedup.quality --datatrove --spans --out /tmp/dedup_bench.json
    # the dedup stage's rejected output on the bundled samples, beside what each drop copies
    python -m bench.dedup.sample --clean data/clean --rejected /tmp/x/rej
    # the Gutenberg songs (bench/filters/corpora.py) through `dedup_report`
    python -m bench.dedup.songs
    # the dedup job (`run_dedup`) against datatrove's MinHash as the input grows, each run in a
    # process of its own (`harness.measure`: wall, CPU and peak RSS of the whole tree)
    python -m bench.dedup.scale --docs 10000,30000,100000 --cap-gb 12 \\
        --runs schoon:1,schoon:2,datatrove:1,datatrove:2 --out bench/results/dedup_scale_pages.json
    # the candidate pairs of those inputs (no Beam); the job's verdicts with 1 and 2 workers
    python -m bench.dedup.pairs /tmp/dedup_scale/input-*
    python -m bench.dedup.compare --input /tmp/dedup_scale/input-pages-30000 --repeat 2
    # docs/figures/dedup_scale.png and dedup_memory.png
    python -m bench.dedup.plot --results bench/results/dedup_scale_pages.json ...

`quality`: 1,169 distinct real documents (UD Dutch articles, a paragraph a line, at most 12
sentences; *Max Havelaar* paragraphs grouped to 600-1,500 characters) and one planted copy for
about half of them, of one of five kinds: `case`, `whitespace` (re-wrapped, spaces doubled),
`punctuation` (commas and periods removed or doubled), `words` (up to 10% of the words
replaced) and `menu` (a web boilerplate line added). Originals come first, so a correct run
keeps every original and drops the exact copies and those at true Jaccard >= the threshold.
Its throughput input: `--docs` documents of 4-10 real sentences, plus 10% planted copies.

`scale`: `N` documents, 90% base, 5% exact copies (`case`, `whitespace`) and 5% near copies (1
to 5 words replaced), shuffled into the Parquet layout the `dedup` stage reads
(`CLEAN/bench/part-*.parquet`). The base (`--base`) is `pages`, the first documents of a
make_corpus corpus (`--from`; they hold near copies of each other, counted apart), or
`sentences`, distinct documents of 8 to 16 random sentences of the same pools.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import itertools
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.harness import CORPORA, ROOT, Clock, datatrove_minhash, header, load, measure

HERE = ROOT / "bench"
HAVELAAR = "gutenberg/11024-8_Max-Havelaar_Multatuli.txt"
SOURCE = "bench"  # the one source name of the scale input
MENUS = [
    "Home | Nieuws | Sport | Cultuur | Contact",
    "Deel dit artikel: Facebook Twitter WhatsApp E-mail",
    "Meld je aan voor onze nieuwsbrief en blijf op de hoogte",
    "Lees ook: de tien mooiste wandelingen van Nederland",
    "© 2019 Alle rechten voorbehouden. Privacy | Cookies | Disclaimer",
]
EXACT_KINDS = ("case", "whitespace", "punctuation")
NEAR_KINDS = ("words", "menu")
BINS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 0.95), (0.95, 1.01)]


# -- planted copies ---------------------------------------------------------------------------


def _ud_documents(path: Path, max_sentences: int = 12) -> list[str]:
    """Articles of a UD treebank (sentences grouped by the `sent_id` before `.p.`), a
    paragraph a line, cut into pieces of at most `max_sentences` sentences."""
    articles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    sent_id = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id = "):
            sent_id = line[len("# sent_id = ") :]
        elif line.startswith("# text = "):
            article, _, rest = sent_id.partition(".p.")
            articles[article][rest.split(".s.")[0]].append(line[len("# text = ") :].strip())
    docs = []
    for paragraphs in articles.values():
        lines: list[list[str]] = []
        count = 0
        for sentences in paragraphs.values():
            lines.append([])
            for sentence in sentences:
                lines[-1].append(sentence)
                count += 1
                if count == max_sentences:
                    docs.append("\n".join(" ".join(line) for line in lines if line))
                    lines, count = [[]], 0
        if count:
            docs.append("\n".join(" ".join(line) for line in lines if line))
    return docs


def originals(corpora: Path) -> list[str]:
    """Distinct real documents of at least 20 words, in a fixed order."""
    from pipeline.dedup.minhash import exact_key

    docs: list[str] = []
    for path in sorted(corpora.glob("ud_dutch_*/*.conllu")):
        docs += _ud_documents(path)
    from bench.make_corpus import gutenberg_body

    current: list[str] = []
    for block in re.split(r"\n\s*\n", gutenberg_body(corpora / HAVELAAR)):
        if block.strip():
            current.append(" ".join(block.split()))
        if current and sum(len(p) for p in current) >= 600:
            doc = "\n".join(current)
            docs.append(doc if len(doc) <= 1500 else doc[: doc.rfind(" ", 0, 1500)])
            current = []
    seen: set[str] = set()
    out = []
    for doc in docs:
        if len(doc.split()) >= 20 and exact_key(doc) not in seen:
            seen.add(exact_key(doc))
            out.append(doc)
    return out


def plant(doc: str, kind: str, rng: random.Random, vocabulary: list[str], k: int = 0) -> str:
    """A copy of `doc` of one kind (the module docstring); `words` with `k` words replaced,
    or a random share of up to 10% when `k` is 0."""
    if kind == "case":
        return doc.upper() if rng.random() < 0.5 else doc.lower()
    if kind == "whitespace":
        out, width = [], 0
        for w in doc.split():  # re-wrap at about 60 characters, with doubled spaces here and there
            sep = "\n" if width > 60 else ("  " if rng.random() < 0.1 else " ")
            width = 0 if sep == "\n" else width + len(w) + 1
            out.append(sep + w)
        return "".join(out).strip() + "\n"
    if kind == "punctuation":
        if rng.random() < 0.5:
            return doc.replace(",", "").replace(".", "")
        return doc.replace(".", "..")
    if kind == "menu":
        menu = rng.choice(MENUS)
        return f"{menu}\n{doc}" if rng.random() < 0.5 else f"{doc}\n{menu}"
    words = doc.split(" ")
    k = k or max(1, round(len(words) * rng.uniform(0.0, 0.1)))
    for i in rng.sample(range(len(words)), min(k, len(words))):
        words[i] = rng.choice(vocabulary)
    return " ".join(words)


def _truth(original_id: str, kind: str, original: str, copy: str) -> dict:
    """What a copy is, whatever was planted: removing the comma of "2,5" makes a different
    word, and a word may be replaced by itself."""
    from pipeline.dedup.minhash import exact_key, jaccard, shingle_hashes

    return {
        "original": original_id,
        "kind": kind,
        "exact": exact_key(copy) == exact_key(original),
        "jaccard": jaccard(shingle_hashes(original), shingle_hashes(copy)),
    }


def _vocabulary(texts) -> list[str]:
    return sorted({w for t in texts for w in t.split() if w.isalpha() and len(w) > 3})


def quality_set(docs: list[str], seed: int, share: float = 0.5) -> tuple[list[dict], dict]:
    """Records, originals before copies, and the truth of each copy."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(docs)
    records = [{"id": f"o{i:05d}", "source": "orig", "text": d} for i, d in enumerate(docs)]
    truth = {}
    for i, doc in enumerate(docs):
        if rng.random() >= share:
            continue
        # mostly word changes: they spread the Jaccard values
        kind = rng.choices(EXACT_KINDS + NEAR_KINDS, (1, 1, 1, 6, 2))[0]
        copy = plant(doc, kind, rng, vocabulary)
        records.append({"id": f"c{i:05d}", "source": "copy", "text": copy})
        truth[f"c{i:05d}"] = _truth(f"o{i:05d}", kind, doc, copy)
    return sorted(records, key=lambda r: (r["source"] != "orig", r["id"])), truth


def throughput_set(docs: list[str], n: int, seed: int) -> list[dict]:
    """`n` distinct documents of 4-10 real sentences drawn at random, plus 10% planted copies."""
    from filters.sentences import split_sentences

    rng = random.Random(seed)
    pool = [s for d in docs for line in d.split("\n") for s in split_sentences(line)]
    vocabulary = _vocabulary(pool)
    records = []
    for i in range(n):
        text = " ".join(rng.sample(pool, rng.randint(4, 10)))
        records.append({"id": f"t{i:06d}", "source": "orig", "text": text})
    for i in range(n // 10):
        kind = rng.choice(EXACT_KINDS + NEAR_KINDS)
        text = plant(records[rng.randrange(n)]["text"], kind, rng, vocabulary)
        records.append({"id": f"u{i:06d}", "source": "copy", "text": text})
    return records


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
    from pipeline.dedup.minhash import (
        MinHasher,
        band_keys,
        exact_key,
        jaccard,
        shingle_hashes,
        span_keys,
    )

    hasher = MinHasher(params.num_perm, params.seed)
    hashes = [shingle_hashes(t, params.ngram) for t in texts]
    nonempty = [h for h in hashes if len(h)]
    sigs = [hasher.signature(h) for h in nonempty]
    steps = {
        "exact_key": (exact_key, texts),
        "shingle_hashes": (lambda t: shingle_hashes(t, params.ngram), texts),
        "signature": (hasher.signature, nonempty),
        "band_keys": (lambda s: band_keys(s, params.bands, params.rows), sigs),
        "span_keys": (lambda t: span_keys(t, params.span_sentences), texts),
        "jaccard": (lambda h: jaccard(h, nonempty[0]), nonempty),
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


def cmd_quality(args) -> dict:
    from pipeline.dedup.params import DedupParams

    if not args.corpora.is_dir():
        raise SystemExit(f"dedup: {args.corpora} is not there (the shared corpora)")
    params = DedupParams()
    report: dict = {"params": params.__dict__}
    docs = originals(args.corpora)
    print(f"{len(docs)} original documents", flush=True)
    if not args.skip_quality:
        records, truth = quality_set(docs, args.seed)
        kinds = dict(Counter(t["kind"] for t in truth.values()))
        print(f"quality input: {len(records)} documents, planted {kinds}", flush=True)
        dropped, seconds, stats = run_schoon(records, params)
        report["quality"] = {
            "documents": len(records),
            "planted": kinds,
            "schoon": {**score_quality(dropped, truth, params), "seconds": round(seconds, 1)},
            "stats_cluster_sizes": stats["cluster_sizes"],
        }
        print(json.dumps(report["quality"]["schoon"], indent=1), flush=True)
        if args.datatrove:
            dropped, seconds = run_datatrove(records, params)
            dt = {**score_quality(dropped, truth, params), "seconds": round(seconds, 1)}
            report["quality"]["datatrove"] = dt
            print(json.dumps(dt, indent=1), flush=True)
    if not args.skip_throughput:
        records = throughput_set(docs, args.docs, args.seed)
        texts = [r["text"] for r in records]
        words = sum(len(t.split()) for t in texts)
        print(f"throughput input: {len(records)} documents, {words / len(texts):.0f} words each")
        report["throughput"] = {
            "documents": len(records),
            "mean_words": round(words / len(texts)),
            "pure_docs_per_s": pure_throughput(texts, params),
        }
        print(json.dumps(report["throughput"]["pure_docs_per_s"]), flush=True)
        runs = [("beam", params)] + ([("beam_spans", DedupParams(spans=True))] * args.spans)
        for name, p in runs:
            dropped, seconds, _ = run_schoon(records, p)
            report["throughput"][name] = {
                "seconds": round(seconds, 1),
                "docs_per_s": round(len(records) / seconds),
                "dropped": dict(Counter(v["kind"] for v in dropped.values())),
            }
            print(name, json.dumps(report["throughput"][name]), flush=True)
        if args.datatrove:
            dropped, seconds = run_datatrove(records, params)
            report["throughput"]["datatrove"] = {
                "seconds": round(seconds, 1),
                "docs_per_s": round(len(records) / seconds),
                "dropped": len(dropped),
            }
            print("datatrove", json.dumps(report["throughput"]["datatrove"]), flush=True)
    return report


# -- real inputs: the stage's output, the songs ------------------------------------------------


def _parquet_rows(path: Path, columns: list[str] | None = None) -> list[dict]:
    import pyarrow.parquet as pq

    return [
        row
        for f in sorted(path.glob("*.parquet"))
        for row in pq.read_table(f, columns=columns).to_pylist()
    ]


def cmd_sample(args) -> dict:
    """Counts per kind and source of the stage's rejected output, and every dropped document
    beside the one it copies: their similarity and the lines that differ."""
    rejected = _parquet_rows(args.rejected)
    kept = {
        (r["source"], r["id"]): r
        for d in sorted(args.clean.iterdir())
        if d.is_dir()
        for r in _parquet_rows(d)
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


def _most_similar(records: list[dict], top: int, across: bool = False) -> list:
    """The most similar pairs by true Jaccard of 5-gram shingles, every pair compared (only
    pairs of different sources when `across`)."""
    from pipeline.dedup.minhash import jaccard, shingle_hashes

    hashes = [shingle_hashes(r["text"]) for r in records]
    pairs = [
        (round(jaccard(hashes[i], hashes[j]), 3), records[i]["id"], records[j]["id"])
        for i, j in itertools.combinations(range(len(records)), 2)
        if len(hashes[i])
        and len(hashes[j])
        and not (across and records[i]["source"] == records[j]["source"])
    ]
    return sorted(pairs, reverse=True)[:top]


def cmd_songs(args) -> dict:
    """The songs and verses of the three Gutenberg song books, as `lyrics_preset.py` cuts them,
    through `dedup_report` with and without spans; shared lines and the most similar pairs."""
    from bench.filters import corpora
    from pipeline.dedup.local import dedup_report
    from pipeline.dedup.minhash import jaccard, normalise, shingle_hashes, span_keys
    from pipeline.dedup.params import DedupParams

    books = corpora.heije_songs() + corpora.listal_songs() + corpora.fallersleben_records()
    every = [
        {"id": f"{s.book}: {s.title}", "source": s.book, "text": s.text, "kind": s.kind}
        for s in books
    ]
    songs = [r for r in every if r["kind"] in ("song", "spreuk")]
    print(f"{len(songs)} records: {dict(Counter((r['source'], r['kind']) for r in songs))}")
    out: dict = {"records": dict(Counter(f"{r['source']} {r['kind']}" for r in songs))}
    keys = {r["id"]: set(span_keys(r["text"])) for r in songs}
    for name, params in (("default", DedupParams()), ("spans", DedupParams(spans=True))):
        started = time.perf_counter()
        verdicts, stats = dedup_report(songs, params)
        dropped = [v for v in verdicts if not v["kept"]]
        trimmed = [v for v in verdicts if v["sentences_removed"]]
        for v in trimmed:  # which songs the span step found the removed spans in
            v["shares_spans_with"] = [
                i for i, k in keys.items() if i != v["id"] and keys[v["id"]] & k
            ]
        seconds = round(time.perf_counter() - started, 1)
        print(
            f"{name}: dropped {stats['docs_dropped']}, trimmed {len(trimmed)}, {seconds} s",
            *dropped,
            *trimmed,
            sep="\n   ",
        )
        out[name] = {
            "docs_dropped": stats["docs_dropped"],
            "dropped": dropped,
            "span_trimmed": trimmed,
            "seconds": seconds,
        }
    out["most_similar"] = _most_similar(songs, 8)
    out["most_similar_across_books"] = _most_similar(songs, 5, across=True)
    print("most similar pairs:", *out["most_similar"], sep="\n  ")
    print("most similar across books:", *out["most_similar_across_books"], sep="\n  ")
    # Lines (of 3 words or more) that occur in more than one song: refrains, formulas.
    where = defaultdict(set)
    for r in songs:
        for line in map(normalise, r["text"].split("\n")):
            if len(line.split()) >= 3:
                where[line].add(r["id"])
    shared = {line: sorted(ids) for line, ids in where.items() if len(ids) > 1}
    across = [ids for ids in shared.values() if len({i.split(":")[0] for i in ids}) > 1]
    print(f"lines in more than one song: {len(shared)}, in more than one book: {len(across)}")
    out["lines_in_several_songs"], out["lines_in_several_books"] = len(shared), len(across)
    out["lines_most_shared"] = sorted(shared.items(), key=lambda kv: -len(kv[1]))[:5]
    # A scraper that delivers a Fallersleben song twice, bare and with its German notes.
    bare = {
        r["id"]: r["text"] for r in every if r["kind"] == "song" and r["source"] == "Fallersleben"
    }
    sims = sorted(
        jaccard(shingle_hashes(bare[r["id"]]), shingle_hashes(r["text"]))
        for r in every
        if r["kind"] == "section"
    )
    out["song_vs_song_with_notes"] = {
        "pairs": len(sims),
        "at_or_above_0.8": sum(s >= 0.8 for s in sims),
        "median": round(sims[len(sims) // 2], 3),
        "max": round(sims[-1], 3),
    }
    print("song vs song + notes:", out["song_vs_song_with_notes"])
    return out


# -- scale: the input, the runs in processes of their own --------------------------------------


def _base_docs(source: Path | None, seed: int):
    """The documents of a make_corpus output in order; or (None) distinct documents of 8 to
    16 sentences drawn from every sentence of make_corpus's Dutch pools, in 1 to 4 lines: two
    share a 5-gram only inside a sentence both drew, so the planted copies are the only ones."""
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
    for i, record in zip(range(n_base), _base_docs(source, seed), strict=False):
        meta = json.dumps({"url": record["url"], "timestamp": record["timestamp"]})
        base.append({"id": f"d{i:07d}", "source": SOURCE, "text": record["text"], "meta": meta})
    if len(base) < n_base:
        raise SystemExit(f"dedup: {source} has {len(base)} documents, {n_base} needed")
    rng = random.Random(seed)
    vocabulary = _vocabulary(r["text"] for r in base[:10_000])
    rows, truth = list(base), {}
    for k, i in enumerate(rng.sample(range(n_base), 2 * n_copies)):
        kind = rng.choice(EXACT_KINDS[:2]) if k < n_copies else "words"
        few = rng.randint(1, 5) if kind == "words" else 0
        text = plant(base[i]["text"], kind, rng, vocabulary, few)
        cid = f"p{k:07d}"  # after every "d" id: the original comes first by order
        rows.append({"id": cid, "source": SOURCE, "text": text, "meta": base[i]["meta"]})
        truth[cid] = _truth(base[i]["id"], kind, base[i]["text"], text)
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


def _run_dedup(
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


def score_scale(dropped: dict[str, tuple], truth: dict) -> dict:
    """Drops (id -> (kind, similarity)) against the planted truth. A planted pair is `resolved`
    when either document went (datatrove keeps the first in its own reading order, which need
    not be the original); `copy_dropped` counts the copies themselves. Drops among the
    unplanted documents (the make_corpus pages' own near copies of each other) are apart."""
    near = {c: t["jaccard"] for c, t in truth.items() if not t["exact"]}
    groups = {
        "exact": ("exact_copies", [c for c, t in truth.items() if t["exact"]]),
        "near_at_or_above_0.8": (None, [c for c, j in near.items() if j >= 0.8]),
        "near_below_0.8": (None, [c for c, j in near.items() if j < 0.8]),
    }
    out: dict = {
        "dropped": len(dropped),
        "dropped_by_kind": dict(Counter(k for k, _ in dropped.values())),
    }
    for name, (count, copies) in groups.items():
        out[count or name] = len(copies)
        out[f"{name}_copy_dropped"] = sum(c in dropped for c in copies)
        out[f"{name}_resolved"] = sum(
            c in dropped or truth[c]["original"] in dropped for c in copies
        )
    planted_originals = {t["original"] for t in truth.values()}
    unplanted = [d for d in dropped if d.startswith("d")]
    sims = sorted(dropped[d][1] for d in unplanted if dropped[d][1])
    out.update(
        unplanted_dropped=len(unplanted),
        unplanted_dropped_not_a_planted_original=sum(d not in planted_originals for d in unplanted),
        unplanted_dropped_similarity_median=sims[len(sims) // 2] if sims else None,
    )
    return out


def _schoon(tool: str, clean: Path, work: Path, workers: int, cluster_memory: str = "") -> dict:
    """The dedup job for `tool`: `schoon` (direct), `schoon-RUNNER`, or `schoon-RUNNER-cluster`:
    a real Flink session cluster or Spark standalone cluster on 127.0.0.1, started here as the
    tests start it (tests/clusters.py: its memory sized there, a 3 GiB TaskManager or worker;
    `cluster_memory`, e.g. 4096m, sizes the Flink TaskManager instead, with a tenth of its
    memory managed), so that its JVMs are in the measured tree."""
    runner, _, cluster = tool.removeprefix("schoon").removeprefix("-").partition("-")
    if not cluster:
        return _run_dedup(clean, work, workers, runner or "direct")
    from tests import clusters

    sized = {"memory": cluster_memory} if cluster_memory else {}
    if sized and runner == "flink":
        sized["managed_fraction"] = 0.1
    with clusters.running(clusters.for_runner(runner, work / "cluster", **sized)) as running:
        return _run_dedup(clean, work, workers, runner, **running.settings)


def cmd_run(args) -> None:
    """Inside the measured process: one run of one tool; prints one JSON line."""
    work = Path(tempfile.mkdtemp(prefix=f"dedup-scale-{args.tool}-", dir=args.work))
    clean = args.input / "clean"
    try:
        clock, result = Clock(), {}
        if args.tool == "datatrove":
            from datatrove.pipeline.readers import ParquetReader

            from pipeline.dedup.params import DedupParams

            def reader():
                return ParquetReader(str(clean / SOURCE), text_key="text", id_key="id")

            files = len(list((clean / SOURCE).glob("*.parquet")))
            removed = datatrove_minhash(reader, work, DedupParams(), files, args.workers)
            dropped = dict.fromkeys(removed, ("near", None))
        else:  # schoon, schoon-flink, schoon-spark, schoon-prism: the runner after the dash
            stats = _schoon(args.tool, clean, work, args.workers, args.cluster_memory)
            result["cluster_sizes"] = stats["cluster_sizes"]
            rejected = _parquet_rows(work / "rejected", ["id", "kind", "similarity"])
            dropped = {r["id"]: (r["kind"], r["similarity"]) for r in rejected}
            assert len(dropped) == sum(stats["docs_dropped"].values())
        result.update(clock.read())
        truth = json.loads((args.input / "truth.json").read_text(encoding="utf-8"))["truth"]
        result["score"] = score_scale(dropped, truth)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))


def cmd_scale(args) -> dict:
    report = {**header("bench.dedup"), "share": args.share, "inputs": []}
    if args.append and args.out and args.out.exists():
        report["inputs"] = json.loads(args.out.read_text(encoding="utf-8"))["inputs"]
    args.work.mkdir(parents=True, exist_ok=True)
    source = None if args.base == "sentences" else args.source
    for docs in [int(d) for d in args.docs.split(",")]:
        input_dir = args.work / f"input-{args.base}-{docs}"
        summary = build_input(source, docs, input_dir, args.seed, args.share, args.files)
        print(f"input {docs}: {summary}", flush=True)
        entry = {
            "docs": docs,
            "base": args.base,
            "command": report["command"],
            "date": report["date"],
            "input": summary,
            "runs": [],
        }
        report["inputs"].append(entry)
        for tool, workers in (r.split(":") for r in args.runs.split(",")):
            cmd = [
                sys.executable,
                "-m",
                "bench.dedup",
                "_run",
                "--tool",
                tool,
                "--workers",
                workers,
                "--input",
                str(input_dir),
                "--work",
                str(args.work),
                "--cluster-memory",
                args.cluster_memory,
            ]
            r = measure(cmd, timeout=args.timeout, cap_gb=args.cap_gb)
            result = {"tool": tool, "workers": int(workers), **(r.pop("result") or {}), **r}
            if "error" not in result:
                result["docs_per_s"] = round(docs / result["work_wall_s"])
                result["docs_per_cpu_s"] = round(docs / result["cpu_s"])
            print(
                json.dumps({k: v for k, v in result.items() if k != "rss_mb_over_time"}), flush=True
            )
            entry["runs"].append(result)
            if args.out:  # after every run: a killed benchmark keeps what it measured
                _write(args.out, {**report, "load_at_end": load()})
    return {**report, "load_at_end": load()}


def cmd_pairs(args) -> dict:
    """How many candidate pairs the near step meets on a scale input: the exact survivors'
    band buckets, pairs counted per bucket (what `CandidatePairs` emits) and distinct (what
    `Distinct` leaves to verify). Pure functions, the job's parameters; no Beam."""
    from pipeline.dedup.minhash import MinHasher, band_keys, exact_key, shingle_hashes
    from pipeline.dedup.params import DedupParams

    params = DedupParams()
    hasher = MinHasher(params.num_perm, params.seed)
    out = []
    for input_dir in args.inputs:
        texts = [r["text"] for r in _parquet_rows(input_dir / "clean" / SOURCE, ["text"])]
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


def cmd_compare(args) -> dict:
    """The dedup job on one input with each worker count, `--repeat` times: are the verdicts
    the same? (They should be: the first copy by `order` is kept whatever the runner.)"""
    out: dict = {"input": str(args.input), "runs": [], "differences": []}
    verdicts = {}
    for workers in map(int, args.workers.split(",")):
        for k in range(args.repeat):
            work = Path(tempfile.mkdtemp(prefix="dedup-compare-", dir=args.work))
            try:
                stats = _run_dedup(args.input / "clean", work, workers)
                rejected = {r["id"]: r for r in _parquet_rows(work / "rejected")}
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
    a = verdicts[first]
    for name in others:
        b = verdicts[name]
        only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        diff = {
            "against": first,
            "run": name,
            "dropped_only_in_first": len(only_a),
            "dropped_only_in_this": len(only_b),
            "other_duplicate_of": sum(
                a[i]["duplicate_of"] != b[i]["duplicate_of"] for i in set(a) & set(b)
            ),
            "examples_only_in_first": [
                [i, a[i]["kind"], a[i]["duplicate_of"], round(a[i]["similarity"], 3)]
                for i in only_a[:5]
            ],
        }
        out["differences"].append(diff)
        print(json.dumps(diff), flush=True)
    return out


# -- the figures -------------------------------------------------------------------------------


def _label(tool: str, workers: int) -> str:
    name = (
        "schoon run_dedup, direct"
        if tool == "schoon"
        else f"{tool} MinHash"
        if tool == "datatrove"
        else tool
    )
    return f"{name}, {workers} worker{'s' * (workers > 1)}"


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
    runs = {(r["tool"], r["workers"]) for d in results for e in d["inputs"] for r in e["runs"]}
    keys = sorted(runs, key=lambda k: (k[0] == "datatrove", k))  # the colours of the docs' figure
    colour = {key: f"C{i}" for i, key in enumerate(keys)}
    fig, axes = plt.subplots(len(results), 2, figsize=(11, 3.9 * len(results)), squeeze=False)
    for (ax_mem, ax_rate), data in zip(axes, results, strict=True):
        by_run = defaultdict(list)
        for entry in data["inputs"]:
            for r in entry["runs"]:
                by_run[r["tool"], r["workers"]].append((entry["docs"], r))
        for key, points in by_run.items():
            ok = [(d, r) for d, r in points if "error" not in r]
            style = dict(
                color=colour[key],
                marker="o",
                label=_label(*key),
                linestyle="-" if key[0] != "datatrove" else "--",
            )
            ax_mem.plot([d for d, _ in ok], [r["peak_rss_mb"] / 1024 for _, r in ok], **style)
            ax_rate.plot([d for d, _ in ok], [r["docs_per_cpu_s"] for _, r in ok], **style)
            for d, r in points:  # stopped (the memory cap, the time limit, by hand): x
                if "error" in r:
                    ax_mem.plot([d], [r["peak_rss_mb"] / 1024], "x", color=colour[key], ms=10)
        m, dates = data["machine"], sorted({e["date"] for e in data["inputs"]})
        loads = [
            x[0]
            for e in data["inputs"]
            for r in e["runs"]
            for x in (r["load_before"], r["load_after"])
        ]
        title = (
            f"{BASES[data['inputs'][0]['base']]}\n{dates[0][:10]} "
            f"{' and '.join(d[11:16] for d in dates)} UTC, {m['cores']} cores, "
            f"{m['memory_gb']} GiB, shared: load {min(loads)}-{max(loads)}"
        )
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
            ax_mem.plot([], [], "x", color="grey", label="x: stopped (memory cap, or by hand)")
        ax_mem.legend(fontsize=7)
    fig.tight_layout()
    args.out.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.out / "dedup_scale.png", dpi=110)
    fig, axes = plt.subplots(1, len(results), figsize=(6 * len(results), 3.8), squeeze=False)
    for ax, data in zip(axes[0], results, strict=True):
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
    fig.tight_layout()
    fig.savefig(args.out / "dedup_memory.png", dpi=110)
    print(f"wrote {args.out / 'dedup_scale.png'} and {args.out / 'dedup_memory.png'}")
    return {}


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("quality", help="planted copies: precision, recall, throughput")
    p.add_argument("--corpora", type=Path, default=CORPORA)
    p.add_argument("--docs", type=int, default=10_000, help="throughput input size")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--datatrove", action="store_true", help="also run datatrove's MinHash")
    p.add_argument("--skip-quality", action="store_true")
    p.add_argument("--skip-throughput", action="store_true")
    p.add_argument("--spans", action="store_true", help="time the Beam run with spans on too")
    p = sub.add_parser("sample", help="summarise the dedup stage's rejected output")
    p.add_argument("--clean", type=Path, default=ROOT / "data" / "clean")
    p.add_argument("--rejected", type=Path, required=True)
    sub.add_parser("songs", help="the Gutenberg songs through dedup_report")
    p = sub.add_parser("scale", help="the dedup job against datatrove as the input grows")
    p.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=HERE / "data" / "1M",
        help="a make_corpus output with at least the largest --docs",
    )
    p.add_argument("--base", choices=tuple(BASES), default="pages")
    p.add_argument("--docs", default="10000,100000")
    p.add_argument("--runs", default="schoon:1,schoon:2,datatrove:1", help="tool:workers,...")
    p.add_argument("--share", type=float, default=0.05, help="exact copies, and near copies")
    p.add_argument("--files", type=int, default=4, help="Parquet files of the input")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--cap-gb", type=float, default=14.0, help="stop a run whose tree uses more")
    p.add_argument("--timeout", type=float, default=3600.0, help="seconds per run")
    p.add_argument("--append", action="store_true", help="add to the inputs already in --out")
    p = sub.add_parser("pairs", help="candidate pairs of scale inputs (no Beam)")
    p.add_argument("inputs", type=Path, nargs="+", help="scale input directories")
    p = sub.add_parser("compare", help="the dedup job's verdicts with 1 and 2 workers")
    p.add_argument("--input", type=Path, required=True, help="a scale input directory")
    p.add_argument("--workers", default="1,2")
    p.add_argument("--repeat", type=int, default=1)
    p = sub.add_parser("_run")  # the measured process of `scale`
    p.add_argument(
        "--tool",
        choices=(
            *("schoon", "schoon-flink", "schoon-spark", "schoon-prism", "datatrove"),
            *("schoon-flink-cluster", "schoon-spark-cluster"),
        ),
    )
    p.add_argument("--workers", type=int)
    p.add_argument("--input", type=Path)
    p = sub.add_parser("plot", help="docs/figures/dedup_scale.png and dedup_memory.png")
    p.add_argument(
        "--results", type=Path, nargs="+", default=[HERE / "results" / "dedup_scale.json"]
    )
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "figures")
    for name in ("quality", "sample", "songs", "scale", "pairs", "compare"):
        sub.choices[name].add_argument("--out", type=Path, help="write the figures as JSON here")
    for name in ("scale", "compare", "_run"):
        sub.choices[name].add_argument(
            "--work", type=Path, default=Path(tempfile.gettempdir()) / "dedup_scale"
        )
    for name in ("scale", "_run"):
        sub.choices[name].add_argument(
            "--cluster-memory", default="", help="the *-cluster tools' TaskManager/worker size"
        )
    args = parser.parse_args(argv)
    if args.command == "_run":
        cmd_run(args)
        return 0
    if args.command == "scale":
        result = cmd_scale(args)
    else:
        function = globals()[f"cmd_{args.command}"]
        result = {**header("bench.dedup"), **function(args), "load_at_end": load()}
    if getattr(args, "out", None) and args.command != "plot":
        _write(args.out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
