"""How well `repair`'s detector picks the texts ftfy should see, and what the refusal rule does
(docs/filters.md, §5): recall on UD Dutch garbled as a wrong charset header does it, false
alarms on clean real Dutch (and the 10k bench corpus when built), and CPU µs per text.

    python -m bench.filters.repair_detector
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

from bench.filters import corpora
from bench.filters.md_tables import pct, report, section, table
from filters.base import Refused
from filters.repair import Repair

GARBLINGS = [("cp1252", "sloppy-windows-1252"), ("latin-1", "latin-1")]
BENCH_10K = Path(__file__).resolve().parents[1] / "data" / "10k"  # make bench/data/10k/.done


def garble(text: str, encoding: str, times: int) -> str:
    for _ in range(times):
        text = text.encode("utf-8").decode(encoding)
    return text


def strict_refusal(repair: Repair, before: str) -> bool:
    """The rule as first proposed: refuse any fix that introduces a letter of another script."""
    after = ftfy.fix_text(before, repair._config)
    return any(repair._foreign(c) for c in set(after) - set(before))


def recall_table(repair: Repair) -> str:
    sentences = [s.text for s in corpora.ud_sentences() if not s.text.isascii()]
    rows = []
    for label, encoding in GARBLINGS:
        for times, how in ((1, "once"), (2, "twice")):
            garbled = [garble(s, encoding, times) for s in sentences]
            results = [repair.modify(g) for g in garbled]
            restored = sum(r == s for r, s in zip(results, sentences, strict=True))
            rows.append([f"UD sentences as {label}, {how}", f"{len(garbled):,}"])
            rows[-1] += [pct(sum(map(repair.suspect, garbled)), len(garbled), 2)]
            rows[-1] += [pct(restored, len(garbled), 2)]
            rows[-1] += [sum(isinstance(r, Refused) for r in results)]
            rows[-1] += [sum(strict_refusal(repair, g) for g in garbled)]
    mangled = [s.replace("é", "íƒ©") for s in sentences if "é" in s]
    results = [repair.modify(m) for m in mangled]
    as_was = sum(isinstance(r, Refused) or r == m for r, m in zip(results, mangled, strict=True))
    rows.append(["UD sentences, é mangled as `íƒ©` (reads as Hangul)", f"{len(mangled):,}"])
    rows[-1] += [pct(sum(map(repair.suspect, mangled)), len(mangled), 2)]
    rows[-1] += [f"– (kept as it was: {pct(as_was, len(mangled), 2)})"]
    rows[-1] += [sum(isinstance(r, Refused) for r in results)]
    rows[-1] += [sum(strict_refusal(repair, m) for m in mangled)]
    headers = (
        "input | texts | flagged | repaired to the original | refused (mixed-script word)"
        " | refused by the strict rule"
    )
    return table(headers, rows)


def clean_sets() -> dict[str, list[str]]:
    sets = {
        "UD sentences": [s.text for s in corpora.ud_sentences()],
        "UD groups of 10 sentences": [text for _, text in corpora.ud_groups(10)],
        "Max Havelaar paragraphs": corpora.havelaar_paragraphs(min_chars=1),
        "Gutenberg song books, lines": [
            line for book in corpora.GUTENBERG if book != "havelaar"
            for line in corpora.gutenberg_lines(book)
        ],
    }  # fmt: skip
    if paths := sorted(BENCH_10K.glob("c4-nl-*.json.gz")):
        texts = []
        for path in paths:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                texts += [json.loads(line)["text"] for line in f]
        sets["bench corpus 10k (bench/data/10k)"] = texts
    return sets


def false_alarm_table(repair: Repair, sets: dict[str, list[str]]) -> str:
    """The last two columns are CPU timings."""
    rows = []
    for name, texts in sets.items():
        started = time.process_time()
        flags = [repair.suspect(t) for t in texts]
        detect = time.process_time() - started
        started = time.process_time()
        fixed = [ftfy.fix_text(t, repair._config) for t in texts]
        fix = time.process_time() - started
        changed = [f != t for f, t in zip(fixed, texts, strict=True)]
        rows.append([name, f"{len(texts):,}", pct(sum(not t.isascii() for t in texts), len(texts))])
        rows[-1] += [f"{sum(flags):,} ({pct(sum(flags), len(texts), 2)})"]
        rows[-1] += [sum(c for c, f in zip(changed, flags, strict=True) if f), sum(changed)]
        rows[-1] += [f"{detect / len(texts) * 1e6:.1f}", f"{fix / len(texts) * 1e6:.1f}"]
    headers = (
        "input | texts | not ASCII (the old gate) | flagged | of those ftfy changed"
        " | ftfy changes on all | detector µs/text | ftfy µs/text"
    )
    return table(headers, rows)


def main() -> None:
    repair = Repair()
    sets = clean_sets()
    examples = [t for t in sets["UD sentences"] if repair.suspect(t)][:5]
    report(
        section("Recall on garbled real Dutch", recall_table(repair)),
        section("False alarms on clean real Dutch", false_alarm_table(repair, sets)),
        "Flagged clean UD sentences (first 5):" + "".join(f"\n- {t[:100]!r}" for t in examples),
    )


if __name__ == "__main__":
    main()
