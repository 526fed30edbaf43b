"""Does the `lyrics` preset's language filter keep Dutch songs and drop foreign ones?

Songs from Heije's and Listal's books, and Dutch and foreign text from `../shared/corpora` laid
out as lyrics (`as_lyrics`), each through the `language` filter three ways: langdetect alone,
with CLD2's second opinion, and as the preset configures it (docs/filters.md, §1, "Lyrics").

    python -m bench.filters.lyrics_language [--json bench/results/lyrics_language.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import Counter
from pathlib import Path

from bench.harness import corpus_path
from bench.make_corpus import gutenberg_body, ud_texts
from common.jsonfile import write_json
from filters.language import Language, LanguageParams, cld2_probabilities
from filters.presets import PRESETS


def gutenberg_songs(name: str) -> list[str]:
    """Stanzas of short lines (2 to 12 lines, none over 60 characters), three to a song."""
    stanzas = []
    book = gutenberg_body(next(corpus_path("gutenberg").glob(f"{name}*.txt")))
    for block in re.split(r"\n\s*\n", book):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        short = all(len(line) <= 60 and len(line.split()) >= 2 for line in lines)
        if 2 <= len(lines) <= 12 and short:
            stanzas.append("\n".join(lines))
    return ["\n\n".join(stanzas[i : i + 3]) for i in range(0, len(stanzas) - 2, 3)]


def in_dutch(songs: list[str]) -> tuple[list[str], int]:
    """The songs not in French, German or English, and how many were: Heije's book holds
    translations of his songs. Told apart by the two detectors agreeing on one of those
    languages (langdetect at >= 0.9, CLD2's largest share), so those songs measure nothing
    and are left out."""
    detector = Language(LanguageParams())
    kept = []
    for song in songs:
        probs = detector.probabilities(song)
        cld2 = cld2_probabilities(song)
        foreign = probs and probs[0][0] in ("fr", "de", "en") and probs[0][1] >= 0.9
        if not (foreign and cld2 and cld2[0][0] == probs[0][0]):
            kept.append(song)
    return kept, len(songs) - len(kept)


def ud_words() -> list[str]:
    """The words of UD Dutch Alpino and LassySmall (dev, then test), in file order."""
    words = []
    for stem in ("alpino", "lassysmall"):
        for split in ("dev", "test"):
            path = corpus_path(f"ud_dutch_{stem}", f"nl_{stem}-ud-{split}.conllu")
            words += [word for _, text in ud_texts(path) for word in text.split()]
    return words


def udhr_words(code: str) -> list[str]:
    return corpus_path("udhr", f"{code}.txt").read_text(encoding="utf-8").split()


def mc4_af_words() -> list[str]:
    """The Afrikaans pages of the mC4 `af` sample (not the Dutch shop page)."""
    path = corpus_path("mc4_af_sample", "c4-af.tfrecord-00000-of-00064.json.gz")
    with gzip.open(path, "rt") as f:
        texts = [json.loads(line)["text"] for line in f]
    return [w for t in texts if "Netwerk24" in t or "Watkykjy" in t for w in t.split()]


def as_lyrics(words: list[str], stanzas: tuple[int, int], seed: int) -> list[str]:
    """`words` cut into songs: lines of 3-7 words, 4 lines a stanza, a number of stanzas in
    `stanzas` (inclusive) a song."""
    rng = random.Random(seed)
    songs, i = [], 0
    while True:
        song = []
        for _ in range(rng.randint(*stanzas)):
            stanza = []
            for _ in range(4):
                n = rng.randint(3, 7)
                stanza.append(" ".join(words[i : i + n]))
                i += n
            song.append("\n".join(stanza))
        if i > len(words):
            return songs
        songs.append("\n\n".join(song))


LAYOUTS = {"song": (2, 3), "short": (1, 1)}


def test_sets() -> dict[str, tuple[str, list[str]]]:
    """name -> (expected "nl" or "foreign", songs)."""
    sets = {}
    for name, number in (("Heije, Kinderliederen", "29856"), ("Klokje Bim-Bam", "23309")):
        songs, translations = in_dutch(gutenberg_songs(number))
        note = f", {translations} in French, German or English left out" if translations else ""
        sets[f"{name} (songs{note})"] = ("nl", songs)
    texts = {
        "UD Dutch sentences": ("nl", ud_words()),
        "UDHR Dutch": ("nl", udhr_words("nld")),
        "UDHR Afrikaans": ("foreign", udhr_words("afr")),
        "mC4 af pages": ("foreign", mc4_af_words()),
        "UDHR Low Saxon": ("foreign", udhr_words("nds")),
        "UDHR German": ("foreign", udhr_words("deu")),
        "UDHR English": ("foreign", udhr_words("eng")),
    }
    for name, (kind, words) in texts.items():
        for layout, stanzas in LAYOUTS.items():
            sets[f"{name} ({layout})"] = (kind, as_lyrics(words, stanzas, seed=len(sets)))
    return sets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    (preset,) = [params for key, _, params in PRESETS["lyrics"] if key == "language"]
    filters = {  # column -> the filter
        "langdetect alone": Language(LanguageParams(min_probability=preset["min_probability"])),
        "langdetect + CLD2": Language(LanguageParams(**{**preset, "function_words": False})),
        "the preset's filter": Language(LanguageParams(**preset)),
    }
    rows, totals = [], {"nl": Counter(), "foreign": Counter()}
    for name, (kind, songs) in test_sets().items():
        row = {"set": name, "expected": kind, "songs": len(songs)}
        for column, f in filters.items():
            row[column] = sum(f.check_document(s) is not None for s in songs)
        rows.append(row)
        totals[kind].update({k: v for k, v in row.items() if isinstance(v, int)})
    print(f"language filter of the lyrics preset: {preset}\n")
    print(f"| set | expected | songs | {' | '.join(f'dropped, {c}' for c in filters)} |")
    print("| --- | --- | ---: |" + " ---: |" * len(filters))
    for r in rows:
        print(f"| {r['set']} | {r['expected']} | {r['songs']} | "
              + " | ".join(str(r[c]) for c in filters) + " |")  # fmt: skip
    for kind, t in totals.items():
        word = "Dutch lost" if kind == "nl" else "foreign dropped"
        n = t["songs"]
        cells = " | ".join(f"{t[c]} ({t[c] / n:.2%})" for c in filters)
        print(f"| **all {kind}** | {word} | {n} | {cells} |")
    if args.json:
        write_json(args.json, {"preset": preset, "rows": rows, "totals": totals})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
