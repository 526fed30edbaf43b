"""`boilerplate`: drop a document that contains a boilerplate phrase (cookie and privacy notices,
javascript warnings, placeholder text, print-version notices), case-insensitively.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ahocorasick_rs import BytesAhoCorasick, Implementation

from filters.base import ScopedFilter, ScopedParams, lowered, lowered_utf8

# C4's policy substrings (Raffel et al. 2020, c4_utils.py); c4nlpreproc drops lines with them.
C4_POLICY_PHRASES = [
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
]

# The mC4-nl dataset card's list, with "lorum ipsum" as the card spells it beside the usual form.
MC4NL_PHRASES = [
    "javascript",
    "lorem ipsum",
    "lorum ipsum",
    *C4_POLICY_PHRASES,
    "elementen ontbreken",
    "deze printversie",
]


class PhraseFinder:
    """Finds the first of a list of phrases (in list order) contained in a text, ignoring case.

    One Aho-Corasick pass over the lower-cased text (its UTF-8, as `bad_words` searches it)
    finds every phrase at once, where testing each phrase with `in` scans the text once a
    phrase.
    """

    def __init__(self, phrases: Sequence[str]):
        self.phrases = tuple(p.lower() for p in phrases)
        # An empty phrase is in every text: the phrases up to it decide, one `in` at a time.
        self._automaton = (
            None
            if "" in self.phrases
            else BytesAhoCorasick(
                [p.encode("utf-8", "surrogatepass") for p in self.phrases],
                implementation=Implementation.DFA,
            )
        )

    def __call__(self, text: str) -> str | None:
        if self._automaton is None:
            return next((p for p in self.phrases if p in lowered(text)), None)
        found = self._automaton.find_matches_as_indexes(lowered_utf8(text), overlapping=True)
        if not found:
            return None
        return self.phrases[min(i for i, _, _ in found)]


@dataclass(frozen=True)
class BoilerplateParams(ScopedParams):
    phrases: list[str] = field(default_factory=lambda: list(MC4NL_PHRASES))


class Boilerplate(ScopedFilter):
    name = "boilerplate"
    reasons = ("boilerplate",)
    evidence_in_text = True
    Params = BoilerplateParams

    def __init__(self, params: BoilerplateParams | None = None):
        super().__init__(params)
        self.find = PhraseFinder(self.params.phrases)
