"""`boilerplate`: drop a document that contains a boilerplate phrase (cookie and privacy notices,
javascript warnings, placeholder text, print-version notices), case-insensitively.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from filters.base import ScopedFilter, ScopedParams

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
    """Finds the first of a list of phrases contained in a text, ignoring case."""

    def __init__(self, phrases: Sequence[str]):
        self.phrases = tuple(p.lower() for p in phrases)

    def __call__(self, text: str) -> str | None:
        lowered = text.lower()
        for phrase in self.phrases:
            if phrase in lowered:
                return phrase
        return None


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
