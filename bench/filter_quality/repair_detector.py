"""How well `repair`'s detector picks the texts ftfy should see, and what the refusal rule does.

Recall: UD Dutch sentences with a character outside ASCII, garbled as a wrong charset header
does it (UTF-8 read as cp1252 or latin-1, once or twice): the share the detector flags, the
share repaired back to the original, and the fixes refused. False alarms: clean real Dutch
(UD sentences and ten-sentence groups, Max Havelaar paragraphs, the Gutenberg song books):
(and the 10k bench corpus, when built): the share flagged, and of those the share ftfy
then changed (a change is a repair, not a
false alarm). Cost: microseconds per text for the detector and for ftfy.

    python -m bench.filter_quality.repair_detector
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

from bench.filter_quality.corpora import (
    GUTENBERG,
    gutenberg_lines,
    havelaar_paragraphs,
    ud_groups,
    ud_sentences,
)
from bench.filter_quality.md_tables import pct, table

GARBLINGS = [("cp1252", "sloppy-windows-1252"), ("latin-1", "latin-1")]


def garble(text: str, encoding: str, times: int) -> str:
    for _ in range(times):
        text = text.encode("utf-8").decode(encoding)
    return text


def _texts(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def strict_refusal(repair, before: str, after: str) -> bool:
    """The rule as first proposed: refuse any fix that introduces a letter of another script."""
    return any(repair._foreign(c) for c in set(after) - set(before))


def main() -> int:
    import ftfy
    import ftfy.bad_codecs  # noqa: F401

    from filters.base import Refused
    from filters.repair import Repair

    repair = Repair()
    sentences = [s.text for s in ud_sentences() if not s.text.isascii()]

    rows = []
    for label, encoding in GARBLINGS:
        for times in (1, 2):
            garbled = [garble(s, encoding, times) for s in sentences]
            flagged = sum(repair.suspect(g) for g in garbled)
            results = [repair.modify(g) for g in garbled]
            restored = sum(r == s for r, s in zip(results, sentences, strict=True))
            refused = [r for r in results if isinstance(r, Refused)]
            strict = sum(
                strict_refusal(repair, g, ftfy.fix_text(g, repair._config)) for g in garbled
            )
            rows.append(
                [
                    f"UD sentences as {label}, {'once' if times == 1 else 'twice'}",
                    f"{len(garbled):,}",
                    pct(flagged, len(garbled), 2),
                    pct(restored, len(garbled), 2),
                    len(refused),
                    strict,
                ]
            )
    mangled = [s.replace("é", "íƒ©") for s in sentences if "é" in s]
    results = [repair.modify(m) for m in mangled]
    rows.append(
        [
            "UD sentences, é mangled as `íƒ©` (reads as Hangul)",
            f"{len(mangled):,}",
            pct(sum(repair.suspect(m) for m in mangled), len(mangled), 2),
            "– (kept as it was: "
            + pct(
                sum(
                    isinstance(r, Refused) or r == m for r, m in zip(results, mangled, strict=True)
                ),
                len(mangled),
                2,
            )
            + ")",
            sum(isinstance(r, Refused) for r in results),
            sum(strict_refusal(repair, m, ftfy.fix_text(m, repair._config)) for m in mangled),
        ]
    )
    print("### Recall on garbled real Dutch\n")
    print(
        table(
            [
                "input",
                "texts",
                "flagged",
                "repaired to the original",
                "refused (mixed-script word)",
                "refused by the strict rule",
            ],
            rows,
        )
    )

    clean_sets = {
        "UD sentences": [s.text for s in ud_sentences()],
        "UD groups of 10 sentences": [text for _, text in ud_groups(10)],
        "Max Havelaar paragraphs": havelaar_paragraphs(min_chars=1),
        "Gutenberg song books, lines": [
            line for book in GUTENBERG if book != "havelaar" for line in gutenberg_lines(book)
        ],
    }
    bench = Path(__file__).resolve().parents[1] / "data" / "10k"
    if any(bench.glob("c4-nl-*.json.gz")):  # `make bench/data/10k/.done` builds it
        clean_sets["bench corpus 10k (bench/data/10k)"] = [
            text for path in sorted(bench.glob("c4-nl-*.json.gz")) for text in _texts(path)
        ]
    rows = []
    for name, texts in clean_sets.items():
        started = time.process_time()
        flags = [repair.suspect(t) for t in texts]
        detect = time.process_time() - started
        flagged = [t for t, f in zip(texts, flags, strict=True) if f]
        started = time.process_time()
        fixed = [ftfy.fix_text(t, repair._config) for t in texts]
        fix = time.process_time() - started
        changed = sum(f != t for f, t in zip(fixed, texts, strict=True))
        changed_flagged = sum(ftfy.fix_text(t, repair._config) != t for t in flagged)
        rows.append(
            [
                name,
                f"{len(texts):,}",
                pct(sum(not t.isascii() for t in texts), len(texts)),
                f"{len(flagged):,} ({pct(len(flagged), len(texts), 2)})",
                changed_flagged,
                changed,
                f"{detect / len(texts) * 1e6:.1f}",
                f"{fix / len(texts) * 1e6:.1f}",
            ]
        )
    print("\n### False alarms on clean real Dutch\n")
    print(
        table(
            [
                "input",
                "texts",
                "not ASCII (the old gate)",
                "flagged",
                "of those ftfy changed",
                "ftfy changes on all",
                "detector µs/text",
                "ftfy µs/text",
            ],
            rows,
        )
    )
    examples = [t for t in clean_sets["UD sentences"] if repair.suspect(t)][:5]
    print("\nFlagged clean UD sentences (first 5):")
    for t in examples:
        print(f"- {t[:100]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
