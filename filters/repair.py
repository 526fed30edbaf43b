"""`repair`: fix broken text before any rule looks at it: mojibake, HTML entities, NFC.

Scraped text is often UTF-8 that was decoded as cp1252 or latin-1 once or twice on its way
(`waanideeÃ«n` for `waanideeën`), carries HTML entities (`&amp;`, `&eacute;`), or mixes
composed and decomposed accents. `ftfy` (Speer, 2015; what datatrove's, data-juicer's and NeMo
Curator's repair steps build on) undoes these. It is configured so that clean text is never
rewritten: curly quotes stay curly, ligatures and full-width characters stay as written, and
line breaks are left alone so that removed-line numbers still point into the original.

ftfy is slow (~140 µs on a 1,000-character page, docs/filters.md §5) and nearly every Dutch
page has an accent, so a cheap detector decides which documents it sees: `suspect` is true for
every text that ftfy, as configured here, could change (the proof is in `_detector`
and the differential test beside it), and false for ~99% of clean Dutch text.

A fix is refused when it puts a letter of a script the source's language does not use
(`scripts`: Latin for Dutch; punctuation, digits and symbols are always allowed) into a word
of that language's letters. ftfy occasionally reads an odd mangling as UTF-8 of a far-away
script (`íƒ©íƒ©n` became `탩탩n`, Hangul, on real Dutch lyrics); such a word mixes scripts,
which no Dutch word does (Unicode's UTS #39 treats mixed-script words as suspect for the same
reason). The text is then kept as it was and the refusal recorded as `repair_refused`. A
foreign letter standing as a word of its own is let through: `waarde van Ï€` in a UD
sentence is rightly repaired to `waarde van π` (docs/filters.md has both counts).

A modifier, not a rule: it never drops a document; the statistics count the documents and
characters it changed and the fixes it refused, and `schoon audit --reason repair` shows them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from filters.base import Modifier, Params, Refused


@dataclass(frozen=True)
class RepairParams(Params):
    html_entities: bool = True  # `&amp;` -> `&`, `&eacute;` -> `é`
    normalization: Literal["NFC", "none"] = "NFC"  # Unicode normal form of the result
    # Unicode scripts a fix may introduce letters of (Common and Inherited always allowed).
    scripts: list[str] = field(default_factory=lambda: ["Latin"])


def _chars(encodings: list[str], lo: int, hi: int) -> str:
    """The characters that bytes lo..hi decode to in any of `encodings`, sorted."""
    found = set()
    for encoding in encodings:
        for byte in range(lo, hi + 1):
            found.add(bytes([byte]).decode(encoding, errors="ignore"))
    found.discard("")
    return "".join(sorted(found))


def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


@dataclass(frozen=True)
class _Detector:
    """`starts` finds the characters where a suspect sequence can begin (one character class:
    Python's `re` scans that fast, an alternation of the patterns several times slower); at
    each, the sequence is confirmed as a `pairs` member or by matching `sequences` there."""

    starts: re.Pattern[str]
    pairs: frozenset[str]  # (lead, continuation) of one and the same encoding
    sequences: re.Pattern[str]  # everything else ftfy acts on

    def __call__(self, text: str) -> bool:
        pairs, match = self.pairs, self.sequences.match
        for hit in self.starts.finditer(text):
            i = hit.start()
            if text[i : i + 2] in pairs or match(text, i) is not None:
                return True
        return False


@cache
def _detector(html_entities: bool) -> _Detector:
    """What every text that ftfy's fixes (as `Repair` configures them) could change contains.

    Read off ftfy 6.3's `fix_and_explain` (it returns the text unchanged when one round of
    its fixes changes nothing), fix by fix:

    - `fix_encoding` re-encodes the text in one of `chardata.CHARMAP_ENCODINGS` and decodes
      the bytes as UTF-8. That changes non-ASCII text only if the bytes hold a UTF-8 sequence:
      a lead byte (0xC0-0xF4; C0 and ED for its CESU/Java variants) followed by a continuation
      byte (0x80-0xBF). One character is one byte in these encodings, so the text holds a
      *lead character followed by a continuation character of the same encoding* (`pairs`:
      `éé` in `één` is no such pair, though é is a lead in latin-1 and a continuation in
      macroman). Before decoding it may first
      - turn a space after the lead bytes of `ALTERED_UTF8_RE` into 0xA0: C2 C3 C5 CE D0 D9
        followed by a space, E2 E3 F0 by a space and a continuation;
      - in the sloppy encodings replace `LOSSY_UTF8_RE`'s sequences: a C2/C3 lead followed by
        `?`, an E0-F4 lead followed by `?` and a continuation, or the byte 0x1A, which is
        what U+FFFD encodes to there;
      its other branches (`decode_inconsistent_utf8`: lead + continuation again; latin-1 read
      as windows-1252, `fix_c1_controls`) need the same pairs or a C1 control character.
    - `unescape_html`: an entity as `chardata.HTML_ENTITY_RE` spells it.
    - `fix_surrogates`, `remove_terminal_escapes`, `remove_control_chars`: a surrogate, ESC
      or one of `chardata.CONTROL_CHARS`.
    - NFC is checked apart, by `unicodedata.is_normalized`.

    The space and `?` cases are matched over the union of the encodings, a superset.
    """
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-* codecs)
    from ftfy import chardata

    sequences, starts = _sequences(chardata, html_entities)
    return _Detector(
        re.compile(_cls("".join(sorted(set(starts))))),
        _lead_pairs(chardata.CHARMAP_ENCODINGS),
        re.compile("|".join(sequences)),
    )


def _sequences(chardata, html_entities: bool) -> tuple[list[str], str]:
    """The patterns of `_detector`'s docstring but the pairs, and every character they start
    with."""
    every = chardata.CHARMAP_ENCODINGS
    sloppy = [e for e in every if e.startswith("sloppy")]
    not_macroman = [e for e in every if e != "macroman"]
    before_space = "".join(
        _chars(not_macroman, byte, byte) for byte in (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9)
    )
    before_space_3 = _chars(not_macroman, 0xE2, 0xE3) + _chars(not_macroman, 0xF0, 0xF0)
    continuation = _cls(_chars(every, 0x80, 0xBF))
    single = "".join(
        [chr(c) for c in range(0x80, 0xA0)]  # C1 controls
        + [chr(c) for c in chardata.CONTROL_CHARS]
        + ["\x1b", "\ufffd"]
    )
    surrogates = "".join(chr(c) for c in range(0xD800, 0xE000))
    before_question = _chars(sloppy, 0xC2, 0xC3)
    before_question_3 = _chars(sloppy, 0xE0, 0xF4)
    sequences = [
        _cls(before_space) + " ",
        _cls(before_space_3) + " " + continuation,
        _cls(before_question) + r"\?",
        _cls(before_question_3) + r"\?" + _cls(_chars(sloppy, 0x80, 0xBF)),
        _cls(single + surrogates),
    ]
    starts = _chars(every, 0xC0, 0xF4) + before_space + before_space_3
    starts += before_question + before_question_3
    starts += single + surrogates
    if html_entities:
        sequences.append(chardata.HTML_ENTITY_RE.pattern)
        starts += "&"
    return sequences, starts


def _lead_pairs(encodings: list[str]) -> frozenset[str]:
    """Every lead character followed by a continuation character of the same encoding."""
    return frozenset(
        a + b
        for encoding in encodings
        for a in _chars([encoding], 0xC0, 0xF4)
        for b in _chars([encoding], 0x80, 0xBF)
    )


_WORD = re.compile(r"\w+")


class Repair(Modifier):
    name = "repair"
    refusal = "repair_refused"
    Params = RepairParams

    def __init__(self, params: RepairParams | None = None):
        super().__init__(params)
        import ftfy
        import regex

        self._fix = ftfy.fix_text
        self._config = ftfy.TextFixerConfig(
            unescape_html=self.params.html_entities,
            fix_encoding=True,
            uncurl_quotes=False,
            fix_latin_ligatures=False,
            fix_character_width=False,
            fix_line_breaks=False,
            normalization=None if self.params.normalization == "none" else "NFC",
            explain=False,
        )
        self._detector = _detector(self.params.html_entities)
        self._nfc = self.params.normalization == "NFC"
        allowed = "".join(
            rf"\p{{Script={s}}}" for s in ("Common", "Inherited", *self.params.scripts)
        )
        self._foreign = regex.compile(rf"[^{allowed}]").search
        own = "".join(rf"\p{{Script={s}}}" for s in self.params.scripts)
        self._own_letter = regex.compile(rf"[{own}]").search

    def suspect(self, text: str) -> bool:
        """True when ftfy could change `text`; false for ~99% of clean Dutch text."""
        if self._detector(text):
            return True
        return self._nfc and not text.isascii() and not unicodedata.is_normalized("NFC", text)

    def modify(self, text: str) -> str | Refused:
        if not self.suspect(text):
            return text
        fixed = self._fix(text, self._config)
        if fixed == text:
            return text
        # Letters the fix adds (more of them than before: the page may quote that script).
        before, after = Counter(text), Counter(fixed)
        foreign = {c for c, n in after.items() if n > before[c] and self._foreign(c)}
        if not foreign:
            return fixed
        for word in _WORD.finditer(fixed):
            mixed = foreign.intersection(word.group())
            if mixed and self._own_letter(word.group()):
                char = min(mixed)
                name = unicodedata.name(char, f"U+{ord(char):04X}")
                return Refused(
                    fixed, f"'{word.group()}' mixes {char} ({name}) with {self.params.scripts}"
                )
        return fixed
