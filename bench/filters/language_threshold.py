"""Language filter: Dutch kept (recall) against Afrikaans, Low Saxon, German, English and
French kept (false accepts) for each `language.min_probability`, on web-page-sized documents,
single lines and songs (docs/filters.md, §1). Precision is for a one-to-one mix of modern Dutch
and the other language: recall / (recall + false accepts). langdetect averages seven trials,
so a threshold only matters by how many of them must say Dutch (column "trials").

    .venv/bin/python -m bench.filters.language_threshold [--figure PNG]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import statistics
from dataclasses import dataclass

from bench.filters import corpora
from bench.filters.md_tables import pct, quote, ratio, report, section, table
from filters.language import Language, LanguageParams

THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.99)
OTHERS = {"afr": "Afrikaans", "nds": "Low Saxon", "deu": "German", "eng": "English"}


@dataclass(frozen=True)
class Doc:
    source: str  # where it comes from: "UD Alpino", "UDHR afr", ...
    language: str  # nld (modern Dutch), nld-1860 (Max Havelaar), afr, nds, deu, eng, fra
    text: str
    p_nl: float  # langdetect's probability for Dutch (0 when Dutch is not among its answers)
    top: str  # langdetect's most probable language and its probability, e.g. "de:0.57"


def detect(detector: Language, source: str, language: str, texts: list[str]) -> list[Doc]:
    docs = []
    for text in texts:
        probs = detector.probabilities(text)
        top = f"{probs[0][0]}:{probs[0][1]:.2f}" if probs else "undetermined"
        docs.append(Doc(source, language, text, dict(probs).get("nl", 0.0), top))
    return docs


def long_documents(detector: Language) -> list[Doc]:
    docs = []
    for language in corpora.UDHR_LANGUAGES:
        docs += detect(detector, f"UDHR {language}", language, corpora.udhr_chunks(language))
    for treebank in corpora.UD_TREEBANKS:
        groups = [text for name, text in corpora.ud_groups(10) if name == treebank]
        docs += detect(detector, f"UD {treebank}", "nld", groups)
    paragraphs = corpora.havelaar_paragraphs(min_chars=200)
    docs += detect(detector, "Max Havelaar", "nld-1860", paragraphs)
    return docs


def single_lines(detector: Language) -> list[Doc]:
    sentences = [s.text for s in corpora.ud_sentences()]
    docs = detect(detector, "UD sentences (every 6th)", "nld", sentences[::6])
    for language in corpora.UDHR_LANGUAGES:
        lines = [line for line in corpora.udhr_lines(language) if len(line.split()) >= 3]
        docs += detect(detector, f"UDHR {language} lines", language, lines)
    return docs


def songs(detector: Language) -> list[Doc]:
    heije = corpora.heije_songs()
    codes = {"nl": "nld", "de": "deu", "en": "eng", "fr": "fra"}
    docs = detect(detector, "Heije songs", "nld", [s.text for s in heije if s.kind == "song"])
    docs += detect(detector, "Heije proverbs", "nld", [s.text for s in heije if s.kind == "spreuk"])
    docs += detect(detector, "Listal rhymes", "nld", [s.text for s in corpora.listal_songs()])
    for lang in ("de", "en", "fr"):
        texts = [s.text for s in heije if s.kind == "translation" and s.language == lang]
        docs += detect(detector, f"Heije translations {lang}", codes[lang], texts)
    return docs


def kept(docs: list[Doc], threshold: float) -> int:
    return sum(1 for d in docs if d.p_nl >= threshold)


def threshold_table(docs: list[Doc], others: list[str]) -> str:
    dutch = [d for d in docs if d.language == "nld"]
    old = [d for d in docs if d.language == "nld-1860"]
    headers = ["min_probability", "trials", f"Dutch kept (recall, n={len(dutch)})"]
    if old:
        headers.append(f"Max Havelaar kept (n={len(old)})")
    for lang in others:
        n = sum(1 for d in docs if d.language == lang)
        headers += [f"{lang} kept (n={n})", f"precision vs {lang}"]
    rows = []
    for t in THRESHOLDS:
        recall = kept(dutch, t) / len(dutch)
        row = [t, f"{math.ceil(t * 7 - 1e-9)}/7", pct(kept(dutch, t), len(dutch))]
        if old:
            row.append(pct(kept(old, t), len(old)))
        for lang in others:
            other = [d for d in docs if d.language == lang]
            false_accepts = kept(other, t) / len(other)
            precision = recall / (recall + false_accepts) if recall + false_accepts else None
            row += [pct(kept(other, t), len(other)), ratio(precision)]
        rows.append(row)
    return table(headers, rows)


def recall_by_source(docs: list[Doc]) -> str:
    sources = list(dict.fromkeys(d.source for d in docs if d.language.startswith("nld")))
    rows = []
    for t in THRESHOLDS:
        row: list[object] = [t]
        for source in sources:
            group = [d for d in docs if d.source == source]
            row.append(pct(kept(group, t), len(group)))
        rows.append(row)
    counts = {s: sum(1 for d in docs if d.source == s) for s in sources}
    return table(["min_probability", *(f"{s} (n={counts[s]})" for s in sources)], rows)


def distribution(docs: list[Doc]) -> str:
    """Where each source's Dutch probabilities lie: what a threshold can and cannot separate."""
    rows = []
    for source in dict.fromkeys(d.source for d in docs):
        ps = sorted(d.p_nl for d in docs if d.source == source)
        tops = [d.top.split(":")[0] for d in docs if d.source == source]
        top = max(dict.fromkeys(tops), key=tops.count)
        quantiles = [ps[0], ps[len(ps) // 20], statistics.median(ps), ps[-1]]
        unsure = pct(sum(1 for p in ps if 0.1 <= p < 0.99), len(ps))
        rows.append([source, len(ps), *map(ratio, quantiles), unsure, top])
    return table(
        "source | n | min p(nl) | 5th pct | median | max | 0.1 ≤ p < 0.99 | top lang", rows
    )


def dutch_rejects(docs: list[Doc], threshold: float) -> str:
    """The Dutch documents dropped at `threshold`, by source and langdetect's answer, with
    examples (text shown for the public-domain sources only)."""
    groups: dict[tuple[str, str], list[Doc]] = {}
    for d in docs:
        if d.language.startswith("nld") and d.p_nl < threshold:
            top = d.top.split(":")[0]
            groups.setdefault((d.source, "nl (too unsure)" if top == "nl" else top), []).append(d)
    rows = []
    for (source, top), group in groups.items():
        if source.startswith("UD "):
            examples = "(UD text not shown)"
        else:
            examples = " ".join(quote(d.text, 45) for d in group[:2])
        rows.append([source, top, len(group), examples])
    return table("source | langdetect's top | dropped | examples", rows)


def mc4_af_sample(detector: Language) -> str:
    """The three real mC4 `af` records: the shop page mislabelled as Afrikaans should be Dutch."""
    path = corpora.corpus_path("mc4_af_sample", "c4-af.tfrecord-00000-of-00064.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    rows = []
    for i, record in enumerate(records, start=1):
        (doc,) = detect(detector, "mC4 af", "?", [record["text"]])
        verdicts = " ".join("kept" if doc.p_nl >= t else "–" for t in THRESHOLDS)
        rows.append([i, len(record["text"]), ratio(doc.p_nl), doc.top, verdicts])
    kept_at = "kept at " + "/".join(map(str, THRESHOLDS))
    return table(f"record | chars | p(nl) | langdetect's top | {kept_at}", rows)


CURVES = (  # language, label, line style
    ("nld", "Dutch (recall)", "k-"),
    ("nld-1860", "Max Havelaar, 1860 spelling (recall)", "k:"),
    ("afr", "Afrikaans (false accepts)", "g--"),
    ("nds", "Low Saxon (false accepts)", "m-."),
    ("deu", "German (false accepts)", "r:"),
    ("eng", "English (false accepts)", "b--"),
    ("fra", "French (false accepts)", "c-"),
)


def figure(panels: list[tuple[str, list[Doc]]], path: str) -> None:
    """Share of documents kept against the threshold, one panel per kind of input, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    grid = [i / 200 for i in range(10, 200)]
    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 4.2), sharey=True)
    for ax, (title, docs) in zip(axes, panels, strict=True):
        for k in range(1, 7):  # langdetect's probabilities sit at k/7
            ax.axvline(k / 7, color="0.85", linewidth=0.8)
        for language, label, style in CURVES:
            group = [d for d in docs if d.language == language]
            if group:
                shares = [kept(group, t) / len(group) for t in grid]
                ax.plot(grid, shares, style, label=f"{label}, n={len(group)}")
        ax.set_title(title)
        ax.set_xlabel("language.min_probability (grey: k/7)")
        ax.set_ylim(-0.03, 1.03)
        ax.legend(loc="center right", fontsize=7)
    axes[0].set_ylabel("share of documents kept")
    fig.suptitle("Afrikaans, German, English and French stay at 0 (lines overlap)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100, metadata={"Software": None})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figure", help="also draw the threshold curves into this PNG file")
    figure_path = parser.parse_args().figure

    detector = Language(LanguageParams(seed=0))
    long_docs, lines, song_docs = long_documents(detector), single_lines(detector), songs(detector)
    at = 0.9  # the threshold whose Dutch rejects are listed
    parts = [
        section(
            "Web-page-sized documents (preset mc4nl)",
            threshold_table(long_docs, list(OTHERS)),
            "Dutch recall by source:",
            recall_by_source(long_docs),
        ),
        section("Single lines", threshold_table(lines, list(OTHERS)), recall_by_source(lines)),
        section(
            "Songs (preset lyrics)",
            threshold_table(song_docs, ["deu", "eng", "fra"]),
            recall_by_source(song_docs),
        ),
        section("Where the probabilities lie", distribution(long_docs + lines + song_docs)),
        section(f"Dutch web-page-sized documents dropped at {at}", dutch_rejects(long_docs, at)),
        section(f"Dutch songs dropped at {at}", dutch_rejects(song_docs, at)),
        section("The real mC4 `af` records", mc4_af_sample(detector)),
    ]
    if figure_path:
        panels = [
            ("web-page-sized documents", long_docs),
            ("single lines", lines),
            ("songs (Heije, Listal)", song_docs),
        ]
        figure(panels, figure_path)
        parts.append(f"(figure written to {figure_path})")
    report(*parts)


if __name__ == "__main__":
    main()
