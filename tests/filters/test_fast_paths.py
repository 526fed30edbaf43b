"""The speed-ups in the filters decide exactly as the plain code they replace.

Each fast path is compared with a straightforward reference written here (the code as it was
before it was optimised), on strings chosen to hit the corners: Unicode case folding that
`re.IGNORECASE` and `str.lower` treat differently, underscores, digits, emoji, punctuation
glued to words, abbreviations and initials.
"""

from __future__ import annotations

import re

import pytest

from filters.bad_words import BadWords, BadWordsParams
from filters.sentences import _BOUNDARY, _ends_sentence, count_sentences, split_sentences

TRICKY = [
    "Fuck! dat is KUT, zeg.",
    "s&m club, S&M en ſ&m",
    "analyse potlood Scunthorpe hoera",
    "a_kut kut_ _kut_ kut2 2kut",
    "🖕 jij, en nog eens🖕",
    "'s avonds laat, z'n s",
    "een WIP maken, een\twip\u00a0maken, eenwip maken",
    "de hoer  spelen op het İnternet",
    "\u212aUT (a Kelvin sign), KUT, Kut, kUt, \u212aut",
    "Σ σ ς ΣΙΣΥΦΟΣ",
    "ékut",  # glued to non-ASCII word characters, one a string: not the word "kut"
    "kuté",
    "日本kut",
    "kut日本",
    "😀kut",  # beside non-ASCII non-word characters (a 4-byte one): the word
    "kut😀",
    "«kut»",
    "kuté.",  # a 2-byte letter after the word, then more text
    "kutक",  # a 3-byte letter whose lead byte is 0xE0
    "कkut",
    "kut𠀀.",  # a 4-byte letter (CJK extension B), then more text
    "het cafékut",  # a 2-byte letter before the word, other words before it
    "kut\ud83d",  # a lone surrogate, as json.loads gives for a cut-off "\ud83d" escape
    "\ude95kut",
    "hand job handjob hand-job HAND JOB",
    "",
    "   ",
    "x",
]
WORD = re.compile(r"\w+")


def reference_pattern(term: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in term.split()]
    before = r"(?<!\w)" if re.match(r"\w", term) else ""
    after = r"(?!\w)" if re.search(r"\w$", term) else ""
    return re.compile(before + r"\s+".join(parts) + after, re.IGNORECASE)


@pytest.mark.parametrize("selection", ["default", "full"])
def test_bad_words_index_and_patterns_match_the_plain_code(selection):
    bad = BadWords(BadWordsParams(selection=selection, add=["s&m", "ab", "x y"]))
    texts = TRICKY + [t.upper() for t in TRICKY] + [" ".join(bad.terms[::7])]
    for text in texts:
        lowered = text.lower()
        # The same set, in the same iteration order, as intersecting with every word, but for
        # the short words ("s") whose terms ("s&m") are not in the text at all.
        every = bad._tokens.intersection(WORD.findall(lowered))
        skipped = [t for t in every if t not in bad.index_words(lowered)]
        assert list(bad.index_words(lowered)) == [t for t in every if t not in skipped]
        for token in skipped:
            assert len(token) <= 2
            assert not any(reference_pattern(term).search(text) for term, _ in bad._by_token[token])
        # And the first term found is where the plain patterns find the first term.
        starts = [m.start() for m in (reference_pattern(t).search(text) for t in bad.terms) if m]
        found = bad.find(text)
        assert (found and reference_pattern(found).search(text).start()) == min(
            starts, default=None
        )
    for term, pattern in [
        e for entries in bad._by_token.values() for e in entries
    ] + bad._unindexed:
        ref = reference_pattern(term)
        for text in texts + [term, term.upper(), f"x{term}", f"{term}_", f"({term})"]:
            got, want = pattern.search(text), ref.search(text)
            assert (got and got.span()) == (want and want.span()), (term, text)


def reference_count(line: str) -> int:
    line = line.strip()
    return 0 if not line else 1 + sum(_ends_sentence(line, m) for m in _BOUNDARY.finditer(line))


@pytest.mark.parametrize(
    "line",
    [
        "Neem bijv. Amsterdam. Dat is mooi! Of niet? Ja… Nee.",
        "J. P. Heije schreef. M.C. Escher tekende. Dhr. Jansen kwam.",
        "Het is 3 p.m. Nu gaan we. (Zie blz. 4.) \"Echt.\" 'Zo.' Klaar",
        "Wat?! Nee... Ja. a.  B. ² . X",
        "Hij zei: 'Ga.' En hij ging.\tDaarna\u00a0niets. Einde.",
        "",
        "Eén zin zonder punt",
        "Nou… misschien wel.",
    ],
)
def test_sentence_count_matches_the_plain_code(line):
    assert count_sentences(line) == reference_count(line) == len(split_sentences(line))
    # Counting up to `enough` stops there, and is the full count when that is lower.
    for enough in range(1, 8):
        assert count_sentences(line, enough) == min(enough, reference_count(line))


def test_bad_words_word_characters_are_what_w_matches():
    """The boundary checks of the automaton's hits read a table for ASCII and
    `_is_word_char` beyond it; both must agree with `\\w` in a `str` pattern."""
    from filters.bad_words import _ASCII_WORD, _is_word_char

    chars = [chr(c) for c in range(0x3000)] + ["\U00017000", "\U00020000", "😀", "\ud83d"]
    want = [bool(WORD.fullmatch(c)) for c in chars]
    assert [_is_word_char(c) for c in chars] == want
    assert list(_ASCII_WORD) == want[:128]
