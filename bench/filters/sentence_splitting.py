"""Sentence splitting: `filters.sentences` against pysbd and blingfire on UD Dutch boundaries,
speed and Dutch abbreviations (docs/filters.md, §2).

A boundary is where a sentence starts, counted in letters and digits only (a closing quote on
either side does not count as an error). "filters.sentences + initials" is a proposed rule on
top of the splitter: a sentence ending in a run of initials (`M.C.`) is joined to the next.
pysbd and blingfire are benchmark-only: `pip install pysbd blingfire`.

    .venv/bin/python -m bench.filters.sentence_splitting
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Callable

from bench.filters import corpora
from bench.filters.md_tables import most_common, ratio, report, section, table
from filters.language import Language
from filters.sentences import count_sentences, split_sentences

Splitter = Callable[[str], list[str]]

# Hand-written cases (not corpus text): each is the text and the sentences it should split into.
ABBREVIATION_CASES: list[tuple[str, list[str]]] = [
    ("bijv.", ["Neem bijv. een appel mee.", "Daarna vertrekken we."]),
    ("o.a.", ["Er kwamen o.a. drie ministers.", "De zaal was vol."]),
    ("dhr.", ["Vandaag sprak dhr. Jansen de raad toe.", "Hij hield het kort."]),
    ("nr.", ["Zij woont op nr. 12 in de straat.", "Het huis is groot."]),
    ("mevr.", ["Het woord is aan mevr. De Vries.", "Zij opent de vergadering."]),
    ("ca.", ["De brug is ca. 200 meter lang.", "Hij is oud."]),
    ("blz.", ["Zie blz. 14 voor de tabel.", "Daar staan de cijfers."]),
    ("d.w.z.", ["Het is een liedboek, d.w.z. een bundel liederen.", "Hij kocht het."]),
    ("i.p.v.", ["Hij nam de trein i.p.v. de auto.", "Dat ging sneller."]),
    ("t.a.v.", ["Stuur de brief t.a.v. de directie.", "Zij beslist."]),
    ("m.b.t.", ["Er is nieuws m.b.t. de verbouwing.", "De school blijft open."]),
    ("J. P. Heije", ["Het boek is van J. P. Heije.", "Het verscheen in 1861."]),
    ("Dr.", ["Het voorwoord is van Dr. Heije.", "Hij schreef liederen."]),
    ("enz. at the end", ["Ze kochten appels, peren enz.", "Daarna gingen ze naar huis."]),
    ("year at the end", ["Het boek verscheen in 1861.", "Het werd veel gelezen."]),
    ("? and !", ["Wat zeg je?", "Dat is mooi!", "Ik kom morgen."]),
    ("…", ["Hij wachtte…", "Toen ging de deur open."]),
]

_END_MARK = re.compile(r"[.!?…][\"'”’)\]]*$")
_INITIALS = re.compile(r"(?:[^\W\d_]\.){2,}")


def with_initials_rule(split: Splitter) -> Splitter:
    """`split`, but a sentence ending in initials (`M.C.`) runs on into the next one."""

    def wrapped(text: str) -> list[str]:
        sentences: list[str] = []
        for sentence in split(text):
            if sentences and _INITIALS.fullmatch(_last_word(sentences[-1]).lstrip("([\"'")):
                sentences[-1] = f"{sentences[-1]} {sentence}"
            else:
                sentences.append(sentence)
        return sentences

    return wrapped


def splitters() -> dict[str, Splitter]:
    try:
        import blingfire
        import pysbd
    except ImportError:
        sys.exit("sentence_splitting: needs pysbd and blingfire (pip install pysbd blingfire)")
    segmenter = pysbd.Segmenter(language="nl", clean=False)
    return {
        "filters.sentences": split_sentences,
        "filters.sentences + initials": with_initials_rule(split_sentences),
        "pysbd (nl)": segmenter.segment,
        "blingfire": lambda text: blingfire.text_to_sentences(text).split("\n"),
    }


def _alnum(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def boundaries(sentences: list[str]) -> list[int]:
    """Where each sentence after the first starts, in letters and digits from the start."""
    positions, n = [], 0
    for sentence in sentences[:-1]:
        n += _alnum(sentence)
        positions.append(n)
    return positions


def _last_word(sentence: str) -> str:
    words = sentence.split()
    return words[-1] if words else ""


def evaluate(split: Splitter, documents: list[list[str]]) -> dict:
    """Boundary precision/recall against UD, and the words before wrong and missed boundaries."""
    tp = n_pred = n_gold = n_marked = tp_marked = 0
    false_splits: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    altered = 0
    for gold_sentences in documents:
        text = " ".join(gold_sentences)
        predicted = [s for s in split(text) if s.strip()]
        if sum(map(_alnum, predicted)) != _alnum(text):
            altered += 1  # the splitter changed the text; its boundaries would not line up
        gold = boundaries(gold_sentences)
        pred = set(boundaries(predicted))
        marked = {b for b, s in zip(gold, gold_sentences, strict=False) if _END_MARK.search(s)}
        tp += len(pred & set(gold))
        tp_marked += len(pred & marked)
        n_pred, n_gold, n_marked = n_pred + len(pred), n_gold + len(gold), n_marked + len(marked)
        for b, sentence in zip(boundaries(predicted), predicted, strict=False):
            if b not in gold:
                false_splits[_last_word(sentence)] += 1
        for b, sentence in zip(gold, gold_sentences, strict=False):
            if b in marked and b not in pred:
                misses[_last_word(sentence)] += 1
    precision, recall = (tp / n_pred if n_pred else 0.0), tp / n_gold
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return dict(
        precision=precision, recall=recall, f1=f1, recall_marked=tp_marked / n_marked,
        n_gold=n_gold, n_marked=n_marked, false_splits=false_splits, misses=misses,
        altered=altered,
    )  # fmt: skip


def boundary_tables(names: dict[str, Splitter]) -> str:
    by_treebank: dict[str, list[list[str]]] = {"Alpino (news)": [], "LassySmall (Wikipedia)": []}
    for document in corpora.ud_documents():
        treebank = next(t for t in by_treebank if t.startswith(document[0].treebank))
        texts = [s.text for s in document]
        by_treebank[treebank] += [texts[i : i + 10] for i in range(0, len(texts), 10)]
    rows, errors = [], []
    for treebank, docs in by_treebank.items():
        for name, split in names.items():
            r = evaluate(split, docs)
            marked = f"{ratio(r['recall_marked'])} (n={r['n_marked']})"
            scores = [ratio(r[k]) for k in ("precision", "recall", "f1")]
            rows.append([treebank, name, len(docs), r["n_gold"], *scores, marked, r["altered"]])
            false_splits, misses = r["false_splits"], r["misses"]
            errors.append([treebank, name, false_splits.total(), most_common(false_splits, 8)])
            errors[-1] += [misses.total(), most_common(misses, 6)]
    headers = (
        "treebank | splitter | documents | UD boundaries | precision | recall | F1"
        " | recall after an end mark | texts altered"
    )
    error_headers = (
        "treebank | splitter | false splits | most frequent word before a false split"
        " | missed (after an end mark) | most frequent word before a missed boundary"
    )
    return table(headers, rows) + "\n\n" + table(error_headers, errors)


def kilobyte_documents() -> list[str]:
    """Consecutive UD sentences joined with spaces until each text reaches 1,000 characters."""
    documents, current = [], ""
    for sentence in corpora.ud_sentences():
        current = f"{current} {sentence.text}" if current else sentence.text
        if len(current) >= 1000:
            documents.append(current)
            current = ""
    return documents


def speed_table(names: dict[str, Splitter]) -> str:
    """Documents per second on ~1 KB documents, each tool given at least one second."""
    documents = kilobyte_documents()[::4]
    detector = Language()
    tools: dict[str, Callable[[str], object]] = {
        "filters.sentences.count_sentences": count_sentences,
        **names,
        "langdetect (for scale)": detector.probabilities,
    }
    rows = []
    for name, tool in tools.items():
        if name.endswith("+ initials"):
            continue
        done, start, elapsed = 0, time.perf_counter(), 0.0
        while elapsed < 1.0:
            for document in documents:
                tool(document)
            done += len(documents)
            elapsed = time.perf_counter() - start
        rows.append([name, f"{done / elapsed:,.0f}"])
    mean = sum(map(len, documents)) / len(documents)
    caption = f"{len(documents)} documents, mean {mean:,.0f} characters"
    return caption + "\n\n" + table(["tool", "documents/s"], rows)


def abbreviation_table(names: dict[str, Splitter]) -> str:
    rows = []
    names = {k: v for k, v in names.items() if not k.endswith("+ initials")}
    for case, expected in ABBREVIATION_CASES:
        text = " ".join(expected)
        gold = set(boundaries(expected))
        row = [case, f"`{text}`"]
        for split in names.values():
            predicted = [s for s in split(text) if s.strip()]
            pred = boundaries(predicted)
            wrong = [_last_word(s) for b, s in zip(pred, predicted, strict=False) if b not in gold]
            expected_at = zip(boundaries(expected), expected, strict=False)
            missed = [_last_word(s) for b, s in expected_at if b not in pred]
            verdict = "ok" if not wrong and not missed else ""
            verdict += "".join(f"splits after `{w}` " for w in wrong)
            verdict += "".join(f"no split after `{w}` " for w in missed)
            row.append(verdict.strip())
        rows.append(row)
    return table(["case", "text (written for this table)", *names], rows)


def main() -> None:
    names = splitters()
    report(
        section("Boundaries against UD Dutch", boundary_tables(names)),
        section("Speed on ~1 KB documents", speed_table(names)),
        section("Dutch abbreviations", abbreviation_table(names)),
    )


if __name__ == "__main__":
    main()
