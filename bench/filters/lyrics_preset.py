"""Lyrics preset: what it keeps of real public-domain songs (Heije, Listal, Fallersleben; cut
into records by `corpora.py`), and what moving one threshold at a time changes (docs/filters.md,
§3). The last table tries a rule the preset does not have: langdetect on each stanza or block of
notes, before the chain.

    .venv/bin/python -m bench.filters.lyrics_preset
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bench.filters import corpora
from bench.filters.md_tables import count_share, pct, quote, report, section, table
from filters.chain import FilterChain, Result
from filters.language import Language
from filters.presets import PRESETS
from pipeline.clean.chains import build_chain

GROUPS = {  # name: (book, kind), the Dutch ones first
    "Heije songs (nl)": ("Heije", "song"),
    "Heije proverbs (nl)": ("Heije", "spreuk"),
    "Listal rhymes (nl)": ("Listal", "song"),
    "Fallersleben songs (nl)": ("Fallersleben", "song"),
    "Heije translations (fr, de, en)": ("Heije", "translation"),
    "Fallersleben notes (de)": ("Fallersleben", "notes"),
    "Fallersleben song + notes": ("Fallersleben", "section"),
}
DUTCH_SONGS = ("Heije songs (nl)", "Listal rhymes (nl)", "Fallersleben songs (nl)")
SECTIONS = "Fallersleben song + notes"
PRESET = {key: dict(params) for key, _, params in PRESETS["lyrics"]}
VARIANTS = [
    ("short_line", "min_words", (1, 2, 3)),
    ("short_document", "min_sentences", (2, 4, 6)),
    ("language", "min_probability", (0.5, 0.7, 0.8, 0.9)),
]


@dataclass(frozen=True)
class Record:
    group: str
    song: corpora.Song
    first_note_line: int  # song + notes records: the 1-based line where the notes start


@dataclass(frozen=True)
class Outcome:
    record: Record
    result: Result

    @property
    def group(self) -> str:
        return self.record.group

    @property
    def lines_in(self) -> int:
        return self.record.song.lyric_lines

    @property
    def lines_out(self) -> int:
        if not self.result.kept:
            return 0
        return sum(1 for line in (self.result.text or "").split("\n") if line.strip())

    def note_lines_kept(self) -> int:
        """For a song + notes record: how many lines of the (German) notes survive."""
        if not self.result.kept or not self.record.first_note_line:
            return 0
        removed = {r.line for r in self.result.removed_lines}
        start = self.record.first_note_line
        lines = self.record.song.text.split("\n")[start - 1 :]
        return sum(
            1 for n, line in enumerate(lines, start=start) if line.strip() and n not in removed
        )


def records() -> list[Record]:
    everything = corpora.heije_songs() + corpora.listal_songs() + corpora.fallersleben_records()
    # A song + notes record is the song, a blank line, then the notes.
    song_lines = {
        s.title: s.text.count("\n") + 1
        for s in everything
        if s.book == "Fallersleben" and s.kind == "song"
    }
    out = []
    for group, (book, kind) in GROUPS.items():
        for s in everything:
            if s.book == book and s.kind == kind:
                out.append(Record(group, s, song_lines[s.title] + 2 if kind == "section" else 0))
    return out


_DETECTED: dict[str, list[tuple[str, float]]] = {}


def lyrics_chain(overrides: dict | None = None) -> FilterChain:
    """The lyrics chain with these overrides; its language filter shares one langdetect cache."""
    chain = build_chain("lyrics", overrides)
    for f in chain.filters:
        if isinstance(f, Language):
            detect = f.probabilities

            def cached(text: str, detect=detect) -> list[tuple[str, float]]:
                if text not in _DETECTED:
                    _DETECTED[text] = detect(text)
                return _DETECTED[text]

            f.probabilities = cached  # type: ignore[method-assign]
    return chain


def run(chain: FilterChain, data: list[Record]) -> list[Outcome]:
    return [Outcome(record, chain.apply(record.song.text)) for record in data]


def summary_table(outcomes: list[Outcome]) -> str:
    reasons = ["bad_words", "short_document", "language"]
    rows = []
    for group in GROUPS:
        mine = [o for o in outcomes if o.group == group]
        dropped = Counter(o.result.reason for o in mine if not o.result.kept)
        line_reasons = Counter(r.reason for o in mine for r in o.result.removed_lines if r.text)
        lines_in = sum(o.lines_in for o in mine)
        kept = sum(o.result.kept for o in mine)
        other = sum(n for r, n in dropped.items() if r not in reasons)
        rows.append([group, len(mine), count_share(kept, len(mine))])
        rows[-1] += [*(dropped.get(r, 0) for r in reasons), other, lines_in]
        rows[-1] += [count_share(sum(o.lines_out for o in mine), lines_in)]
        rows[-1] += [line_reasons.get("short_line", 0), line_reasons.get("long_word", 0)]
    headers = [
        "records | n | kept",
        *(f"dropped: {r}" for r in reasons),
        "dropped: other | lyric lines | lines kept | lines removed: short_line | long_word",
    ]
    return table(" | ".join(headers), rows)


def variant_table(data: list[Record], preset_outcomes: list[Outcome]) -> str:
    rows = []
    for key, name, values in VARIANTS:
        for value in values:
            is_preset = PRESET[key].get(name) == value
            outcomes = (
                preset_outcomes if is_preset else run(lyrics_chain({key: {name: value}}), data)
            )
            by_group = {g: [o for o in outcomes if o.group == g] for g in GROUPS}
            songs = [o for g in DUTCH_SONGS for o in by_group[g]]
            proverbs = by_group["Heije proverbs (nl)"]
            translations = by_group["Heije translations (fr, de, en)"]
            notes = by_group["Fallersleben notes (de)"]
            sections = by_group[SECTIONS]
            kept = [pct(sum(o.result.kept for o in g), len(g)) for g in (songs, proverbs)]
            dropped = [
                pct(sum(not o.result.kept for o in g), len(g)) for g in (translations, notes)
            ]
            rows.append([f"{key}.{name} = {value}{' (preset)' if is_preset else ''}", kept[0]])
            rows[-1] += [pct(sum(o.lines_out for o in songs), sum(o.lines_in for o in songs))]
            rows[-1] += [
                kept[1],
                *dropped,
                pct(sum(o.result.kept for o in sections), len(sections)),
            ]
            rows[-1] += [sum(o.note_lines_kept() for o in sections)]
    n = Counter(r.group for r in data)
    headers = (
        "setting (the others as in the preset)"
        f" | Dutch songs kept (n={sum(n[g] for g in DUTCH_SONGS)}) | their lines kept"
        f" | Heije proverbs kept (n={n['Heije proverbs (nl)']})"
        f" | translations dropped (n={n['Heije translations (fr, de, en)']})"
        f" | German notes dropped (n={n['Fallersleben notes (de)']})"
        f" | song + notes kept (n={n[SECTIONS]}) | German note lines kept inside them"
    )
    return table(headers, rows)


def removed_lines_in_songs(outcomes: list[Outcome]) -> str:
    """Every line the preset removes from the Dutch songs, with how often."""
    removed = Counter(
        (r.reason, r.text)
        for o in outcomes
        if o.group in DUTCH_SONGS
        for r in o.result.removed_lines
        if r.text
    )
    rows = [[reason, quote(text), n] for (reason, text), n in removed.most_common()]
    return table("reason | removed line | times", rows)


def dropped_record_examples(outcomes: list[Outcome], per_reason: int = 3) -> str:
    rows = []
    for group in GROUPS:
        if group == SECTIONS:
            continue
        seen: Counter[str] = Counter()
        for o in outcomes:
            if o.group == group and not o.result.kept and seen[o.result.reason] < per_reason:
                seen[o.result.reason] += 1
                first = next(line for line in o.record.song.text.split("\n") if line.strip())
                title = o.record.song.title
                rows.append([group, title, o.result.reason, o.result.evidence, quote(first, 45)])
    return table("records | title | reason | evidence | first line", rows)


def bad_word_terms(outcomes: list[Outcome]) -> str:
    terms = Counter(
        (o.group, o.result.evidence)
        for o in outcomes
        if not o.result.kept and o.result.reason == "bad_words"
    )
    rows = [[group, f"`{term}`", n] for (group, term), n in terms.most_common()]
    return table("records | matched term | records dropped", rows)


def kept_notes(outcomes: list[Outcome]) -> str:
    """German notes the preset keeps, and how much of them is quoted (indented) verse."""
    rows = []
    for o in outcomes:
        if o.group == "Fallersleben notes (de)" and o.result.kept:
            lines = [line for line in o.record.song.text.split("\n") if line.strip()]
            verse = sum(1 for line in lines if line[:1].isspace())
            first = quote(lines[0], 45)
            rows.append([o.record.song.title, len(lines), pct(verse, len(lines), 0), first])
    return table("section | lines | of which indented (quoted verse) | first line", rows)


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line-separated blocks as (0-based index of their first line, their lines)."""
    blocks: list[tuple[int, list[str]]] = []
    for i, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        if blocks and blocks[-1][0] + len(blocks[-1][1]) == i:
            blocks[-1][1].append(line)
        else:
            blocks.append((i, [line]))
    return blocks


def per_block_language(data: list[Record], preset_outcomes: list[Outcome]) -> str:
    """Song + notes records: the preset as it is against a language check on every block."""
    sections = [r for r in data if r.group == SECTIONS]
    song_lines = sum(r.first_note_line - 2 for r in sections) - sum(
        r.song.text.split("\n")[: r.first_note_line - 2].count("") for r in sections
    )
    note_lines = sum(r.song.lyric_lines for r in sections) - song_lines
    rows = []

    as_is = [o for o in preset_outcomes if o.group == SECTIONS]
    notes_kept = sum(o.note_lines_kept() for o in as_is)
    rows.append(["lyrics preset (language decided on the whole record)"])
    rows[-1] += [pct(sum(o.result.kept for o in as_is), len(as_is))]
    rows[-1] += [pct(sum(o.lines_out for o in as_is) - notes_kept, song_lines)]
    rows[-1] += [pct(notes_kept, note_lines)]

    chain = lyrics_chain()
    detector = next(f for f in chain.filters if isinstance(f, Language))
    threshold = PRESET["language"]["min_probability"]
    kept_records = kept_song = kept_notes_ = 0
    for r in sections:
        kept_blocks = [
            (start, lines)
            for start, lines in _blocks(r.song.text)
            if dict(detector.probabilities("\n".join(lines))).get("nl", 0.0) >= threshold
        ]
        if chain.apply("\n\n".join("\n".join(lines) for _, lines in kept_blocks)).kept:
            kept_records += 1
            kept_song += sum(len(lines) for s, lines in kept_blocks if s + 1 < r.first_note_line)
            kept_notes_ += sum(len(lines) for s, lines in kept_blocks if s + 1 >= r.first_note_line)
    label = f"plus langdetect per block, blocks under {threshold} dropped first (proposed)"
    rows.append([label, pct(kept_records, len(sections))])
    rows[-1] += [pct(kept_song, song_lines), pct(kept_notes_, note_lines)]
    headers = (
        f"song + notes records (n={len(sections)}) | records kept"
        f" | song lines kept (of {song_lines}) | German note lines kept (of {note_lines})"
    )
    return table(headers, rows)


def main() -> None:
    data = records()
    outcomes = run(lyrics_chain(), data)
    report(
        section("The lyrics preset as it is", f"Preset steps: `{PRESET}`", summary_table(outcomes)),
        section("One threshold moved at a time", variant_table(data, outcomes)),
        section("Lines removed from the Dutch songs", removed_lines_in_songs(outcomes)),
        section(
            "Dropped records (first examples per record group and reason)",
            dropped_record_examples(outcomes),
        ),
        section("Bad words that dropped records", bad_word_terms(outcomes)),
        section("Fallersleben's German notes that the preset keeps", kept_notes(outcomes)),
        section("German notes inside a song's record", per_block_language(data, outcomes)),
    )


if __name__ == "__main__":
    main()
