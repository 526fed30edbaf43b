"""Planted copies of real Dutch text: the originals, the five kinds of copy, the truth of each.

What the originals and the kinds of copy are: docs/dedup.md, "Measured: planted copies of real
Dutch text".
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path

from bench.make_corpus import gutenberg_body, ud_texts

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


def _ud_documents(path: Path, max_sentences: int = 12) -> list[str]:
    """Articles of a UD treebank (sentences grouped by the `sent_id` before `.p.`), a
    paragraph a line, cut into pieces of at most `max_sentences` sentences."""
    articles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for sent_id, text in ud_texts(path):
        article, _, rest = sent_id.partition(".p.")
        articles[article][rest.split(".s.")[0]].append(text)
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
    """A copy of `doc` of one kind (`EXACT_KINDS`, `NEAR_KINDS`); `words` with `k` words
    replaced, or a random share of up to 10% when `k` is 0."""
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


def describe_copy(original_id: str, kind: str, original: str, copy: str) -> dict:
    """What a copy is, whatever was planted: removing the comma of "2,5" makes a different
    word, and a word may be replaced by itself."""
    from pipeline.dedup.minhash import exact_key, jaccard, shingle_hashes

    return {
        "original": original_id,
        "kind": kind,
        "exact": exact_key(copy) == exact_key(original),
        "jaccard": jaccard(shingle_hashes(original), shingle_hashes(copy)),
    }


def words_of(texts) -> list[str]:
    return sorted({w for t in texts for w in t.split() if w.isalpha() and len(w) > 3})


def quality_set(docs: list[str], seed: int, share: float = 0.5) -> tuple[list[dict], dict]:
    """Records, originals before copies, and the truth of each copy."""
    rng = random.Random(seed)
    vocabulary = words_of(docs)
    records = [{"id": f"o{i:05d}", "source": "orig", "text": d} for i, d in enumerate(docs)]
    truth = {}
    for i, doc in enumerate(docs):
        if rng.random() >= share:
            continue
        # mostly word changes: they spread the Jaccard values
        kind = rng.choices(EXACT_KINDS + NEAR_KINDS, (1, 1, 1, 6, 2))[0]
        copy = plant(doc, kind, rng, vocabulary)
        records.append({"id": f"c{i:05d}", "source": "copy", "text": copy})
        truth[f"c{i:05d}"] = describe_copy(f"o{i:05d}", kind, doc, copy)
    return sorted(records, key=lambda r: (r["source"] != "orig", r["id"])), truth


def throughput_set(docs: list[str], n: int, seed: int) -> list[dict]:
    """`n` distinct documents of 4-10 real sentences drawn at random, plus 10% planted copies."""
    from filters.sentences import split_sentences

    rng = random.Random(seed)
    pool = [s for d in docs for line in d.split("\n") for s in split_sentences(line)]
    vocabulary = words_of(pool)
    records = []
    for i in range(n):
        text = " ".join(rng.sample(pool, rng.randint(4, 10)))
        records.append({"id": f"t{i:06d}", "source": "orig", "text": text})
    for i in range(n // 10):
        kind = rng.choice(EXACT_KINDS + NEAR_KINDS)
        text = plant(records[rng.randrange(n)]["text"], kind, rng, vocabulary)
        records.append({"id": f"u{i:06d}", "source": "copy", "text": text})
    return records
