"""Precision, recall and speed of deduplication (`pipeline/dedup.py`) on planted duplicates of
real Dutch text, and the same input through datatrove's MinHash deduplication for comparison.

The input is built here from `../shared/corpora` (nothing of it is stored in the repository):

- originals: distinct real documents, the UD Dutch treebanks' articles (LassySmall Wikipedia,
  Alpino news; a paragraph a line, cut into pieces of at most 12 sentences) and *Max
  Havelaar*'s paragraphs grouped into documents of 600-1,500 characters;
- one planted copy for a share of them, of one of five kinds: `case` (upper or lower case),
  `whitespace` (lines re-wrapped, spaces doubled), `punctuation` (commas and periods removed
  or doubled) -- exact copies once normalised -- and `words` (k words replaced by other words
  of the corpus, k drawn so that the true Jaccard spreads from about 0.4 to 1.0) and `menu`
  (a web boilerplate line added at the top or bottom). The true Jaccard of every copy with its
  original is computed (`minhash.jaccard` on the 5-gram shingles).

Originals come first in the input, copies after, so a correct run keeps every original and
drops exactly the copies (the exact ones, and the others with Jaccard >= the threshold).

    python benchmarks/dedup.py                      # quality + throughput at 10,000 documents
    python benchmarks/dedup.py --datatrove          # and datatrove's MinHash on the same input
    python benchmarks/dedup.py --docs 2000 --skip-quality

The throughput input is `--docs` documents of 4-10 real sentences drawn at random from the
pool of all sentences (distinct documents), plus 10% planted copies.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from filters.sentences import split_sentences  # noqa: E402
from pipeline.dedup import dedup_report  # noqa: E402
from pipeline.minhash import (  # noqa: E402
    DedupParams,
    MinHasher,
    band_keys,
    candidate_probability,
    exact_key,
    jaccard,
    shingle_hashes,
    span_keys,
)

CORPORA = ROOT.parent / "shared" / "corpora"
HAVELAAR = "gutenberg/11024-8_Max-Havelaar_Multatuli.txt"
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


# The input.


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
            paragraph = rest.split(".s.")[0]
            articles[article][paragraph].append(line[len("# text = ") :].strip())
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


def _gutenberg_paragraphs(path: Path) -> list[str]:
    text = path.read_bytes().decode("latin-1").replace("\r\n", "\n")
    start, end = text.find("*** START"), text.find("*** END")
    text = text[text.find("\n", start) + 1 : end]
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def originals(corpora: Path) -> list[str]:
    """Distinct real documents of at least 20 words, in a fixed order."""
    docs: list[str] = []
    for path in sorted(corpora.glob("ud_dutch_*/*.conllu")):
        docs += _ud_documents(path)
    current: list[str] = []
    for para in _gutenberg_paragraphs(corpora / HAVELAAR):
        current.append(para)
        if sum(len(p) for p in current) >= 600:
            doc = "\n".join(current)
            docs.append(doc if len(doc) <= 1500 else doc[: doc.rfind(" ", 0, 1500)])
            current = []
    seen, out = set(), []
    for doc in docs:
        key = exact_key(doc)
        if len(doc.split()) >= 20 and key not in seen:
            seen.add(key)
            out.append(doc)
    return out


def plant(doc: str, kind: str, rng: random.Random, vocabulary: list[str]) -> str:
    """A copy of `doc` of one kind (see the module docstring)."""
    if kind == "case":
        return doc.upper() if rng.random() < 0.5 else doc.lower()
    if kind == "whitespace":
        words = doc.split()
        out, width = [], 0
        for w in words:  # re-wrap at about 60 characters, with doubled spaces here and there
            sep = "\n" if width > 60 else ("  " if rng.random() < 0.1 else " ")
            width = 0 if sep == "\n" else width + len(w) + 1
            out.append(sep + w)
        return "".join(out).strip() + "\n"
    if kind == "punctuation":
        return (
            doc.replace(",", "").replace(".", "") if rng.random() < 0.5 else doc.replace(".", "..")
        )
    if kind == "menu":
        menu = rng.choice(MENUS)
        return f"{menu}\n{doc}" if rng.random() < 0.5 else f"{doc}\n{menu}"
    if kind == "words":
        words = doc.split(" ")
        share = rng.uniform(0.0, 0.1)
        k = max(1, round(len(words) * share))
        for i in rng.sample(range(len(words)), min(k, len(words))):
            words[i] = rng.choice(vocabulary)
        return " ".join(words)
    raise ValueError(kind)


def quality_set(docs: list[str], seed: int, share: float = 0.5) -> tuple[list[dict], dict]:
    """Records and the truth: for each copy its original, kind and true Jaccard."""
    rng = random.Random(seed)
    vocabulary = sorted({w for d in docs for w in d.split() if w.isalpha() and len(w) > 3})
    records = [{"id": f"o{i:05d}", "source": "orig", "text": d} for i, d in enumerate(docs)]
    truth = {}
    kinds = EXACT_KINDS + NEAR_KINDS
    weights = (1, 1, 1, 6, 2)  # mostly word changes: they spread the Jaccard values
    for i, doc in enumerate(docs):
        if rng.random() >= share:
            continue
        kind = rng.choices(kinds, weights)[0]
        copy = plant(doc, kind, rng, vocabulary)
        cid = f"c{i:05d}"
        records.append({"id": cid, "source": "copy", "text": copy})
        truth[cid] = {
            "original": f"o{i:05d}",
            "kind": kind,
            # What the copy is, whatever was planted: removing the comma of "2,5" makes a
            # different word, and a word may be replaced by itself.
            "exact": exact_key(copy) == exact_key(doc),
            "jaccard": jaccard(shingle_hashes(doc), shingle_hashes(copy)),
        }
    return records, truth


def _ordered(records: list[dict]) -> list[dict]:
    """Originals before copies: `dedup_records` keeps the first in list order."""
    return sorted(records, key=lambda r: (r["source"] != "orig", r["id"]))


# Scoring.


def score(dropped: dict[str, dict], truth: dict, n_originals: int, params: DedupParams) -> dict:
    """Precision and recall against the planted truth.

    `dropped` maps the id of each dropped document to {"kind", "duplicate_of"} (duplicate_of
    None when the tool does not say). A drop is right when it is a copy that should go: an
    exact copy, or one with true Jaccard >= the threshold with its original.
    """
    exact_planted = [c for c, t in truth.items() if t["exact"]]
    near_planted = {c: t for c, t in truth.items() if not t["exact"]}
    positives = [c for c, t in near_planted.items() if t["jaccard"] >= params.threshold]
    should_go = set(exact_planted) | set(positives)
    right = [d for d in dropped if d in should_go]
    named = [d for d in right if dropped[d]["duplicate_of"] == truth[d]["original"]]
    by_bin = []
    for lo, hi in BINS:
        members = [c for c, t in near_planted.items() if lo <= t["jaccard"] < hi]
        expected = sum(
            candidate_probability(near_planted[c]["jaccard"], params.bands, params.rows)
            for c in members
        )
        by_bin.append(
            {
                "jaccard": f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}",
                "planted": len(members),
                "dropped": sum(1 for c in members if c in dropped),
                "lsh_candidates_expected": round(expected, 1),
            }
        )
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for c, t in truth.items():
        by_kind[t["kind"]][dropped[c]["kind"] if c in dropped else "kept"] += 1
    return {
        "dropped": len(dropped),
        "precision": _ratio(len(right), len(dropped)),
        "duplicate_of_is_the_original": _ratio(len(named), len(right)),
        "originals_dropped": sum(1 for d in dropped if d.startswith("o")),
        "exact_planted": len(exact_planted),
        "exact_recall": _ratio(sum(1 for c in exact_planted if c in dropped), len(exact_planted)),
        "exact_dropped_as_exact": sum(
            1 for c in exact_planted if dropped.get(c, {}).get("kind") == "exact"
        ),
        "near_planted": len(near_planted),
        "near_at_or_above_threshold": len(positives),
        "near_recall": _ratio(sum(1 for c in positives if c in dropped), len(positives)),
        "near_below_threshold_dropped": sum(
            1 for c, t in near_planted.items() if t["jaccard"] < params.threshold and c in dropped
        ),
        "near_by_jaccard": by_bin,
        "by_planted_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
    }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


# Runs.


def run_schoon(records: list[dict], params: DedupParams) -> tuple[dict, float, dict]:
    start = time.perf_counter()
    ordered = _ordered(records)
    verdicts, stats = dedup_report(ordered, params)
    seconds = time.perf_counter() - start
    dropped = {
        r["id"]: {"kind": v["kind"], "duplicate_of": v["duplicate_of"]}
        for r, v in zip(ordered, verdicts, strict=True)
        if not v["kept"]
    }
    return dropped, seconds, stats


def run_datatrove(records: list[dict], params: DedupParams) -> tuple[dict, float] | None:
    """datatrove's four MinHash steps (signatures, buckets, clusters, filter), one local worker,
    with its defaults but our n-gram size, bands and rows; words split on whitespace (its Dutch
    tokenizer needs spaCy) and SHA-1 shingle hashes. It verifies nothing and keeps one
    document per cluster of LSH candidates."""
    try:
        from datatrove.data import Document
        from datatrove.executor import LocalPipelineExecutor
        from datatrove.pipeline.dedup.minhash import (
            MinhashConfig,
            MinhashDedupBuckets,
            MinhashDedupCluster,
            MinhashDedupFilter,
            MinhashDedupSignature,
        )
        from datatrove.pipeline.writers import JsonlWriter
        from datatrove.utils.hashing import HashConfig
        from datatrove.utils.word_tokenizers import WordTokenizer
    except ImportError as e:
        print(f"datatrove: not run ({e})")
        return None

    class Whitespace(WordTokenizer):
        def word_tokenize(self, text: str) -> list[str]:
            return text.split()

        def sent_tokenize(self, text: str) -> list[str]:
            return [text]

        def span_tokenize(self, text: str) -> list[tuple[int, int]]:
            return [(0, len(text))]

    ordered = _ordered(records)
    documents = [Document(text=r["text"], id=r["id"]) for r in ordered]
    # hash_fc="sha1": datatrove 0.10.1 hands str to xxhash, which xxhash 4 refuses.
    config = MinhashConfig(
        n_grams=params.ngram,
        num_buckets=params.bands,
        hashes_per_bucket=params.rows,
        hash_config=HashConfig(hash_fc="sha1"),
    )
    with tempfile.TemporaryDirectory(prefix="dt-minhash-") as tmp:
        sigs, buckets, clusters = (os.path.join(tmp, x) for x in ("sigs", "buckets", "clusters"))
        removed = os.path.join(tmp, "removed")
        steps = [
            [documents, MinhashDedupSignature(sigs, config=config, language=Whitespace())],
            [MinhashDedupBuckets(sigs, buckets, config=config)],
            [MinhashDedupCluster(buckets, clusters, config=config)],
            [
                documents,
                MinhashDedupFilter(
                    clusters, exclusion_writer=JsonlWriter(removed, compression=None)
                ),
                JsonlWriter(os.path.join(tmp, "kept"), compression=None),
            ],
        ]
        start = time.perf_counter()
        for i, pipeline in enumerate(steps):
            LocalPipelineExecutor(
                pipeline,
                tasks=params.bands if i == 1 else 1,  # the bucket step: one task per band
                workers=1,
                logging_dir=os.path.join(tmp, f"logs{i}"),
                skip_completed=False,
            ).run()
        seconds = time.perf_counter() - start
        dropped = {}
        for path in Path(removed).glob("*.jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                dropped[json.loads(line)["id"]] = {"kind": "near", "duplicate_of": None}
    return dropped, seconds


def throughput_set(docs: list[str], n: int, seed: int) -> list[dict]:
    """`n` distinct documents of 4-10 real sentences drawn at random, plus 10% planted copies."""
    rng = random.Random(seed)
    pool = [s for d in docs for line in d.split("\n") for s in split_sentences(line)]
    vocabulary = sorted({w for s in pool for w in s.split() if w.isalpha() and len(w) > 3})
    records = []
    for i in range(n):
        text = " ".join(rng.sample(pool, rng.randint(4, 10)))
        records.append({"id": f"t{i:06d}", "source": "orig", "text": text})
    for i in range(n // 10):
        kind = rng.choice(EXACT_KINDS + NEAR_KINDS)
        text = plant(records[rng.randrange(n)]["text"], kind, rng, vocabulary)
        records.append({"id": f"u{i:06d}", "source": "copy", "text": text})
    return records


def pure_throughput(texts: list[str], params: DedupParams) -> dict[str, float]:
    """Documents per second of each pure function, one after the other on the same texts."""
    hasher = MinHasher(params.num_perm, params.seed)
    out = {}
    start = time.perf_counter()
    for t in texts:
        exact_key(t)
    out["exact_key"] = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    hashes = [shingle_hashes(t, params.ngram) for t in texts]
    out["shingle_hashes"] = len(texts) / (time.perf_counter() - start)
    hashes = [h for h in hashes if len(h)]
    start = time.perf_counter()
    sigs = [hasher.signature(h) for h in hashes]
    out["signature"] = len(hashes) / (time.perf_counter() - start)
    start = time.perf_counter()
    for s in sigs:
        band_keys(s, params.bands, params.rows)
    out["band_keys"] = len(sigs) / (time.perf_counter() - start)
    start = time.perf_counter()
    for t in texts:
        span_keys(t, params.span_sentences)
    out["span_keys"] = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    for h in hashes:
        jaccard(h, hashes[0])
    out["jaccard"] = len(hashes) / (time.perf_counter() - start)
    out["all_near_features"] = 1 / sum(
        1 / out[k] for k in ("shingle_hashes", "signature", "band_keys")
    )
    return {k: round(v) for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--docs", type=int, default=10_000, help="throughput input size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--datatrove", action="store_true", help="also run datatrove's MinHash")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--spans", action="store_true", help="time the Beam run with spans on too")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()
    if not args.corpora.is_dir():
        print(f"dedup benchmark skipped: {args.corpora} is not there (the shared corpora)")
        return
    params = DedupParams()
    report: dict = {
        "command": "python benchmarks/dedup.py " + " ".join(sys.argv[1:]),
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "params": params.__dict__,
    }
    docs = originals(args.corpora)
    print(f"{len(docs)} original documents", flush=True)

    if not args.skip_quality:
        records, truth = quality_set(docs, args.seed)
        kinds = Counter(t["kind"] for t in truth.values())
        print(f"quality input: {len(records)} documents, planted {dict(kinds)}", flush=True)
        dropped, seconds, stats = run_schoon(records, params)
        report["quality"] = {
            "documents": len(records),
            "planted": dict(kinds),
            "schoon": {**score(dropped, truth, len(docs), params), "seconds": round(seconds, 1)},
            "stats_cluster_sizes": stats["cluster_sizes"],
        }
        print(json.dumps(report["quality"]["schoon"], indent=1), flush=True)
        if args.datatrove:
            result = run_datatrove(records, params)
            if result is not None:
                dt_dropped, dt_seconds = result
                dt = score(dt_dropped, truth, len(docs), params)
                report["quality"]["datatrove"] = {**dt, "seconds": round(dt_seconds, 1)}
                print(json.dumps(report["quality"]["datatrove"], indent=1), flush=True)

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
        runs = [("beam", params)] + (
            [("beam_spans", DedupParams(spans=True))] if args.spans else []
        )
        for name, p in runs:
            dropped, seconds, stats = run_schoon(records, p)
            report["throughput"][name] = {
                "seconds": round(seconds, 1),
                "docs_per_s": round(len(records) / seconds),
                "dropped": dict(Counter(v["kind"] for v in dropped.values())),
            }
            print(name, json.dumps(report["throughput"][name]), flush=True)
        if args.datatrove:
            result = run_datatrove(records, params)
            if result is not None:
                dt_dropped, dt_seconds = result
                report["throughput"]["datatrove"] = {
                    "seconds": round(dt_seconds, 1),
                    "docs_per_s": round(len(records) / dt_seconds),
                    "dropped": len(dt_dropped),
                }
                print("datatrove", json.dumps(report["throughput"]["datatrove"]), flush=True)

    report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
