"""Bad words: how much clean Dutch the full LDNOOBW lists remove, against the default selection.

Clean Dutch documents: UD Dutch Alpino and LassySmall sentences in groups of ten (news and
Wikipedia), Max Havelaar's paragraphs (1860 prose), Heije's 150 children's songs (1861) and,
as older song text, Fallersleben's 204 (Middle) Dutch songs. Each is checked with
`BadWords(BadWordsParams(selection=...))` for the full LDNOOBW `nl` + `en` lists and for the
default selection (the lists less `filters/resources/bad_words_exclusions.yaml`). A document
is counted under the term the filter reports: the first match in the text.

Then the other direction: explicit terms of the default selection, written as they occur
(capitalised, with punctuation), are put into the middle of clean documents that the default
selection keeps, and those documents must now be dropped, with that term as the evidence;
innocent words that contain a listed term (`analyse`, `Scunthorpe`) must not drop them.

Run from the project root:

    .venv/bin/python -m bench.filter_quality.bad_word_rates
"""

from __future__ import annotations

import gzip
import json
from collections import Counter

from bench.filter_quality import corpora
from bench.filter_quality.md_tables import pct, table
from filters.bad_words import BadWords, BadWordsParams, active_terms, exclusions

# Explicit terms of the default selection, in the forms a page would use them.
EXPLICIT = ["Neuken", "KUT,", "klootzak!", "fuck", "Hoer.", "motherfucker", "teringlijer", "Slet"]
# Words that contain a listed term but are innocent: they must never match.
INNOCENT = ["analyse", "hoera", "Scunthorpe", "pikken", "Matsushita", "assistent"]


def clean_documents() -> dict[str, list[str]]:
    heije = [s.text for s in corpora.heije_songs() if s.kind == "song"]
    fallersleben = [s.text for s in corpora.fallersleben_records() if s.kind == "song"]
    return {
        "UD Dutch, 10 sentences a document": [text for _, text in corpora.ud_groups(10)],
        "Max Havelaar paragraphs": corpora.havelaar_paragraphs(),
        "Heije songs": heije,
        "Fallersleben songs (Middle Dutch)": fallersleben,
    }


def rates_table(docs: dict[str, list[str]], full: BadWords, default: BadWords) -> str:
    rows = []
    for name, texts in docs.items():
        by_full = Counter(t for t in map(full.find, texts) if t)
        by_default = Counter(t for t in map(default.find, texts) if t)
        rows.append(
            [
                name,
                len(texts),
                f"{sum(by_full.values())} ({pct(sum(by_full.values()), len(texts), 2)})",
                ", ".join(f"`{t}` {n}" for t, n in by_full.most_common(8)),
                f"{sum(by_default.values())} ({pct(sum(by_default.values()), len(texts), 2)})",
                ", ".join(f"`{t}` {n}" for t, n in by_default.most_common(8)) or "–",
            ]
        )
    headers = [
        "clean documents",
        "n",
        "dropped, full lists",
        "terms (documents)",
        "dropped, default selection",
        "terms (documents)",
    ]
    return table(headers, rows)


def exclusion_reasons(docs: dict[str, list[str]], full: BadWords, default: BadWords) -> str:
    """The excluded terms that matched, with the innocent meaning the exclusion list gives."""
    matched = Counter(
        term
        for texts in docs.values()
        for text in texts
        if (term := full.find(text)) and default.find(text) != term
    )
    reasons = {term: why for lang in exclusions().values() for term, why in lang.items()}
    rows = [[f"`{t}`", n, reasons.get(t, "")] for t, n in matched.most_common()]
    return table(["term", "documents", "why it is excluded"], rows)


def _insert(text: str, word: str) -> str:
    """`text` with `word` put between two words near the middle."""
    words = text.split(" ")
    middle = len(words) // 2
    return " ".join([*words[:middle], word, *words[middle:]])


def insertion_table(docs: dict[str, list[str]], default: BadWords) -> str:
    terms = set(active_terms(BadWordsParams()))
    for word in EXPLICIT:
        term = word.strip(",.!").lower()
        if term not in terms:
            raise SystemExit(f"bad_word_rates: '{term}' is not in the default selection")
    rows = []
    for name, texts in docs.items():
        clean = corpora.sample([t for t in texts if default.find(t) is None], 100)
        explicit = [(_insert(t, EXPLICIT[i % len(EXPLICIT)]), i) for i, t in enumerate(clean)]
        caught = sum(
            1
            for text, i in explicit
            if default.find(text) == EXPLICIT[i % len(EXPLICIT)].strip(",.!").lower()
        )
        innocent = [_insert(t, INNOCENT[i % len(INNOCENT)]) for i, t in enumerate(clean)]
        false_alarms = sum(1 for text in innocent if default.find(text) is not None)
        rows.append([name, len(clean), f"{caught}/{len(clean)}", f"{false_alarms}/{len(clean)}"])
    headers = [
        "clean documents (default selection keeps them)",
        "n",
        "explicit term inserted: dropped with that term",
        "innocent word inserted: dropped",
    ]
    return table(headers, rows)


def real_web_records(full: BadWords, default: BadWords) -> str:
    """The real mC4 `af` and OSCAR `nl` records in ../shared/corpora (text not shown)."""
    rows = []
    path = corpora.corpus_path("mc4_af_sample", "c4-af.tfrecord-00000-of-00064.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f, start=1):
            text = json.loads(line)["text"]
            rows.append([f"mC4 af record {i}", full.find(text) or "–", default.find(text) or "–"])
    path = corpora.corpus_path("oscar_nl_sample", "nl_part_1.txt.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        documents = [d for d in f.read().split("\n\n") if d.strip()]
    for i, text in enumerate(documents, start=1):
        rows.append([f"OSCAR nl document {i}", full.find(text) or "–", default.find(text) or "–"])
    return table(["record", "full lists: term", "default selection: term"], rows)


def main() -> None:
    full = BadWords(BadWordsParams(selection="full"))
    default = BadWords(BadWordsParams())
    docs = clean_documents()
    print(f"Terms: full lists {len(full.terms)}, default selection {len(default.terms)}.\n")
    print("### Clean Dutch removed\n")
    print(rates_table(docs, full, default), end="\n\n")
    print("### Excluded terms that matched, and why they are excluded\n")
    print(exclusion_reasons(docs, full, default), end="\n\n")
    print("### Explicit terms still remove documents\n")
    print(f"Explicit: {', '.join(f'`{w}`' for w in EXPLICIT)}; ", end="")
    print(f"innocent: {', '.join(f'`{w}`' for w in INNOCENT)}.\n")
    print(insertion_table(docs, default), end="\n\n")
    print("### Real web records\n")
    print(real_web_records(full, default))


if __name__ == "__main__":
    main()
