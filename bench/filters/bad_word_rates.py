"""Bad words: how much clean Dutch the full LDNOOBW lists remove, against the default selection,
and whether explicit terms inserted into clean text are still caught (docs/filters.md, §4).

    .venv/bin/python -m bench.filters.bad_word_rates
"""

from __future__ import annotations

import gzip
import json
from collections import Counter

from bench.filters import corpora
from bench.filters.md_tables import count_share, most_common, report, section, table
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
    """A document counts under the term the filter reports: its first match."""
    rows = []
    for name, texts in docs.items():
        row: list[object] = [name, len(texts)]
        for words in (full, default):
            by_term = Counter(t for t in map(words.find, texts) if t)
            row += [count_share(by_term.total(), len(texts), 2), most_common(by_term, 8) or "–"]
        rows.append(row)
    headers = (
        "clean documents | n | dropped, full lists | terms (documents)"
        " | dropped, default selection | terms (documents)"
    )
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
    return table("term | documents | why it is excluded", rows)


def _insert(text: str, word: str) -> str:
    """`text` with `word` put between two words near the middle."""
    words = text.split(" ")
    middle = len(words) // 2
    return " ".join([*words[:middle], word, *words[middle:]])


def insertion_table(docs: dict[str, list[str]], default: BadWords) -> str:
    """Explicit terms put into kept documents must drop them with that term as the evidence;
    innocent words must not drop them."""
    terms = set(active_terms(BadWordsParams()))
    for word in EXPLICIT:
        if word.strip(",.!").lower() not in terms:
            raise SystemExit(f"bad_word_rates: '{word.strip(',.!').lower()}' is not selected")
    rows = []
    for name, texts in docs.items():
        clean = corpora.sample([t for t in texts if default.find(t) is None], 100)
        caught = false_alarms = 0
        for i, text in enumerate(clean):
            explicit = EXPLICIT[i % len(EXPLICIT)]
            caught += default.find(_insert(text, explicit)) == explicit.strip(",.!").lower()
            false_alarms += default.find(_insert(text, INNOCENT[i % len(INNOCENT)])) is not None
        rows.append([name, len(clean), f"{caught}/{len(clean)}", f"{false_alarms}/{len(clean)}"])
    headers = (
        "clean documents (default selection keeps them) | n"
        " | explicit term inserted: dropped with that term | innocent word inserted: dropped"
    )
    return table(headers, rows)


def real_web_records(full: BadWords, default: BadWords) -> str:
    """The real mC4 `af` and OSCAR `nl` records in ../shared/corpora (text not shown)."""
    path = corpora.corpus_path("mc4_af_sample", "c4-af.tfrecord-00000-of-00064.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        records = [(f"mC4 af record {i}", json.loads(line)["text"]) for i, line in enumerate(f, 1)]
    path = corpora.corpus_path("oscar_nl_sample", "nl_part_1.txt.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        documents = [d for d in f.read().split("\n\n") if d.strip()]
    records += [(f"OSCAR nl document {i}", text) for i, text in enumerate(documents, 1)]
    rows = [[name, full.find(text) or "–", default.find(text) or "–"] for name, text in records]
    return table("record | full lists: term | default selection: term", rows)


def main() -> None:
    full = BadWords(BadWordsParams(selection="full"))
    default = BadWords(BadWordsParams())
    docs = clean_documents()
    words = ", ".join(f"`{w}`" for w in EXPLICIT), ", ".join(f"`{w}`" for w in INNOCENT)
    report(
        f"Terms: full lists {len(full.terms)}, default selection {len(default.terms)}.",
        section("Clean Dutch removed", rates_table(docs, full, default)),
        section(
            "Excluded terms that matched, and why they are excluded",
            exclusion_reasons(docs, full, default),
        ),
        section(
            "Explicit terms still remove documents",
            f"Explicit: {words[0]}; innocent: {words[1]}.",
            insertion_table(docs, default),
        ),
        section("Real web records", real_web_records(full, default)),
    )


if __name__ == "__main__":
    main()
