"""Readers that turn the third-party text in `../shared/corpora` (beside the project, never
inside it) into measurement documents: deterministic, and a clear exit when it is absent. How
the song books are cut: docs/filters.md, §3.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path

from bench.harness import CORPORA
from bench.make_corpus import ud_texts

PROJECT_ROOT = Path(__file__).resolve().parents[2]

UDHR_LANGUAGES = ("nld", "afr", "nds", "deu", "eng")
UD_TREEBANKS = {"Alpino": "ud_dutch_alpino", "LassySmall": "ud_dutch_lassysmall"}
GUTENBERG = {
    "havelaar": "11024-8_Max-Havelaar_Multatuli.txt",
    "heije": "29856-8_Al-de-Kinderliederen_Heije.txt",
    "listal": "23309-8_Klokje-Bim-Bam_Listal.txt",
    "fallersleben": "35806-8_Niederlaendische-Volkslieder_Hoffmann-von-Fallersleben.txt",
}


def corpus_path(*parts: str) -> Path:
    """A path inside `../shared/corpora`; exits with a message when the corpora are absent."""
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        sys.exit(
            f"bench.filters: {path} not found. These measurements read the third-party corpora "
            f"in ../shared/corpora beside the project root ({PROJECT_ROOT}); they are not part "
            "of the repository. Put them there and run again."
        )
    return path


def sample(items: list, n: int) -> list:
    """At most `n` items, evenly spaced over the list (deterministic, keeps the order)."""
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


# --- UDHR -----------------------------------------------------------------------------------


def udhr_lines(language: str) -> list[str]:
    """The non-empty lines of one UDHR translation (title, preamble, headings, articles)."""
    text = corpus_path("udhr", f"{language}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def udhr_chunks(language: str, lines_per_chunk: int = 5) -> list[str]:
    """Web-page-sized documents: consecutive runs of `lines_per_chunk` lines, joined by `\\n`.

    A last run shorter than 3 lines is left out.
    """
    lines = udhr_lines(language)
    chunks = [lines[i : i + lines_per_chunk] for i in range(0, len(lines), lines_per_chunk)]
    return ["\n".join(chunk) for chunk in chunks if len(chunk) >= 3]


# --- UD Dutch treebanks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    treebank: str
    document: str  # the document prefix of sent_id: "wiki-1181", "WR-P-P-H-0000000105"
    text: str


@cache
def ud_sentences() -> tuple[Sentence, ...]:
    """Every `# text =` line of UD Dutch Alpino and LassySmall (dev, then test), in file order."""
    sentences = []
    for name, folder in UD_TREEBANKS.items():
        for split in ("dev", "test"):
            stem = folder.removeprefix("ud_dutch_")
            path = corpus_path(folder, f"nl_{stem}-ud-{split}.conllu")
            for sent_id, text in ud_texts(path):
                # Alpino ids repeat the document: "DOC\DOC.p.5.s.4"; LassySmall: "DOC.p.5.s.4".
                document = sent_id.split("\\")[-1].split(".p.")[0]
                sentences.append(Sentence(name, document, text))
    return tuple(sentences)


def ud_documents() -> list[list[Sentence]]:
    """Runs of consecutive sentences that share a document prefix (the treebanks' own documents)."""
    return [list(run) for _, run in groupby(ud_sentences(), lambda s: (s.treebank, s.document))]


def ud_groups(size: int = 10) -> list[tuple[str, str]]:
    """(treebank, text): consecutive sentences of one treebank in groups of `size`, one a line."""
    groups = []
    for name in UD_TREEBANKS:
        texts = [s.text for s in ud_sentences() if s.treebank == name]
        for i in range(0, len(texts), size):
            groups.append((name, "\n".join(texts[i : i + size])))
    return groups


# --- Project Gutenberg ------------------------------------------------------------------------


@cache
def gutenberg_lines(book: str) -> tuple[str, ...]:
    """The right-stripped lines of a book without the PG header, footer and "Produced by" credit."""
    raw = corpus_path("gutenberg", GUTENBERG[book]).read_bytes().decode("iso-8859-1")
    lines = [line.rstrip() for line in raw.replace("\r\n", "\n").split("\n")]
    start = next(i for i, line in enumerate(lines) if line.startswith("*** START OF")) + 1
    end = next(
        i
        for i, line in enumerate(lines)
        if i > start and (line.startswith("*** END OF") or line.startswith("End of the Project"))
    )
    body = lines[start:end]
    credit = next((i for i, line in enumerate(body) if line.startswith("Produced by")), None)
    if credit is not None:
        stop = credit
        while stop < len(body) and body[stop]:
            stop += 1
        body = body[:credit] + body[stop:]
    return tuple(body)


def paragraphs(lines: list[str] | tuple[str, ...]) -> list[str]:
    """Blank-line-separated paragraphs, their wrapped lines joined with single spaces."""
    result, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            result.append(" ".join(current))
            current = []
    return result


def havelaar_paragraphs(min_chars: int = 0) -> list[str]:
    """Max Havelaar's paragraphs (19th-century spelling: `zyn`, `hy`), at least `min_chars` long."""
    return [p for p in paragraphs(gutenberg_lines("havelaar")) if len(p) >= min_chars]


# --- Songs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Song:
    """One record of a lyrics source: a song, a translation, a proverb or a block of notes."""

    book: str
    title: str
    kind: str  # song | spreuk | translation | notes | section (song and its notes together)
    language: str  # what the text is: nl, fr, de, en
    text: str

    @property
    def lyric_lines(self) -> int:
        return sum(1 for line in self.text.split("\n") if line.strip())


_NUMBER_TITLE = re.compile(r"[0-9IVXLC]+\.")


def _is_title(block: list[str]) -> bool:
    """A heading: one line in capitals ("DAGERAAD.", "LE PRINTEMPS.") or a numeral ("IV.", "3.")."""
    lines = [line.strip() for line in block if line.strip()]
    if len(lines) != 1:
        return False
    line = lines[0]
    letters = [c for c in line if c.isalpha()]
    return bool(_NUMBER_TITLE.fullmatch(line)) or (
        bool(letters) and not any(c.islower() for c in letters)
    )


def _blocks(lines: list[str] | tuple[str, ...], gap: int) -> list[list[str]]:
    """Split at runs of at least `gap` blank lines; shorter runs stay inside a block."""
    blocks: list[list[str]] = []
    current: list[str] = []
    blank = 0
    for line in [*lines, *[""] * gap]:
        if not line.strip():
            blank += 1
            continue
        if current and blank >= gap:
            blocks.append(current)
            current = []
        elif current and blank:
            current.extend([""] * blank)
        current.append(line)
        blank = 0
    if current:
        blocks.append(current)
    return blocks


def _titled_items(lines: tuple[str, ...]) -> list[tuple[str, list[list[str]]]]:
    """(title, text blocks) for each heading followed by text; text before the first heading and
    headings followed directly by another heading (section numbers, translator names) get none."""
    items: list[tuple[str, list[list[str]]]] = []
    title = None
    for block in _blocks(lines, gap=2):
        # Headings may also stand one blank line apart ("I.", "", "LE PRINTEMPS.", "", text).
        paragraphs = _blocks(block, gap=1)
        while paragraphs and _is_title(paragraphs[0]):
            title = paragraphs.pop(0)[0].strip()
            items.append((title, []))
        if paragraphs and title is not None:
            rest = [line for p in paragraphs for line in [*p, ""]][:-1]
            items[-1][1].append(rest)
    return items


# Heije's book: front and back matter that has a heading but is not a song.
_HEIJE_NOT_SONGS = {"AAN DE KINDEREN!", "INHOUD.[1]", "AANTEEKENINGEN"}
# Part IV holds translations; each translator's name heads his part.
_HEIJE_TRANSLATORS = {"A. CLAVAREAU.": "fr", "K. ARENZ.": "de", "F. J. MILLARD.": "en"}
# A translation starts with a reference to the original: "Zonsopgang, I, blz. 6."
_HEIJE_REFERENCE = re.compile(r".+ [IVX]+, blz\. \d+\.")


def heije_songs() -> list[Song]:
    """J. P. Heije, Al de Kinderliederen (1861): songs (parts I-III), translations into French,
    German and English (part IV), and a hundred short proverbs in verse (part V)."""
    songs = []
    language, in_translations = "nl", False
    for title, blocks in _titled_items(gutenberg_lines("heije")):
        if title in _HEIJE_TRANSLATORS:
            language, in_translations = _HEIJE_TRANSLATORS[title], True
        if title in _HEIJE_NOT_SONGS or not blocks:
            continue
        lines = [line for block in blocks for line in [*block, ""]][:-1]
        if _HEIJE_REFERENCE.fullmatch(lines[0].strip()):
            text = "\n".join(lines[1:]).strip("\n")
            songs.append(Song("Heije", title, "translation", language, text))
            continue
        kind = "spreuk" if in_translations else "song"  # the proverbs follow the translations
        songs.append(Song("Heije", title, kind, "nl", "\n".join(lines).strip("\n")))
    return songs


def listal_songs() -> list[Song]:
    """Alfred Listal, Klokje Bim-Bam: five numbered nursery rhymes (same layout as Heije)."""
    songs = []
    for title, blocks in _titled_items(gutenberg_lines("listal")):
        text = "\n".join(line for block in blocks for line in [*block, ""]).strip("\n")
        songs.append(Song("Listal", title, "song", "nl", text))
    return songs


_SECTION = re.compile(r"¶ Nr\. \d+\.")
_STANZA_NUMBER = re.compile(r"^(\d+)\s{2,}(?=\S)")


def _is_verse(block: list[str]) -> bool:
    """Most lines indented or starting with a stanza number ("1   'Ic wil te lande riden,'")."""
    lines = [line for line in block if line.strip()]
    verse = sum(1 for line in lines if line[0].isspace() or _STANZA_NUMBER.match(line))
    return verse * 2 > len(lines)


def _song_text(blocks: list[list[str]]) -> str:
    """The song's lines with stanza numbers removed and a blank line before each stanza."""
    out: list[str] = []
    for block in blocks:
        for line in block:
            if _STANZA_NUMBER.match(line):
                if out and out[-1]:
                    out.append("")
                line = _STANZA_NUMBER.sub("", line)
            out.append(line.strip())
        out.append("")
    return "\n".join(out).strip("\n")


def fallersleben_records() -> list[Song]:
    """Hoffmann von Fallersleben, Niederländische Volkslieder (1856): records `song` (nl),
    `notes` (de) and `section` (the song and its notes as one record, nl+de)."""
    lines = gutenberg_lines("fallersleben")
    starts = [i for i, line in enumerate(lines) if _SECTION.fullmatch(line)]
    end = next(i for i in range(starts[-1], len(lines)) if lines[i] == "LIEDERANFÄNGE.")
    records = []
    for block in _blocks(lines[: starts[0]], gap=3):
        text = "\n".join(block).strip()
        if len(text) >= 200:
            records.append(Song("Fallersleben", "Einleitung", "notes", "de", text))
    for start, stop in zip(starts, [*starts[1:], end], strict=True):
        body = list(lines[start + 1 : stop])
        while body and not body[0].strip():
            body.pop(0)
        title = []
        while body and body[0].strip() and not any(c.islower() for c in body[0]):
            title.append(body.pop(0).strip())
        blocks = _blocks(body, gap=2)
        n_verse = next((i for i, b in enumerate(blocks) if not _is_verse(b)), len(blocks))
        song = _song_text(blocks[:n_verse])
        notes = "\n\n".join("\n".join(b) for b in blocks[n_verse:]).strip("\n")
        name = f"{lines[start]} {' '.join(title)}"
        if song:
            records.append(Song("Fallersleben", name, "song", "nl", song))
        if notes:
            records.append(Song("Fallersleben", name, "notes", "de", notes))
        if song and notes:
            records.append(Song("Fallersleben", name, "section", "nl+de", f"{song}\n\n{notes}"))
    return records
