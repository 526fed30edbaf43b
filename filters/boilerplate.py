"""`boilerplate`: drop a document that contains a boilerplate phrase (cookie and privacy notices,
javascript warnings, placeholder text, print-version notices), case-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from filters.base import ScopedFilter, ScopedParams

# The mC4-nl dataset card's list, with "lorum ipsum" as the card spells it beside the usual form.
MC4NL_PHRASES = [
    "javascript",
    "lorem ipsum",
    "lorum ipsum",
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
    "elementen ontbreken",
    "deze printversie",
]


@dataclass(frozen=True)
class BoilerplateParams(ScopedParams):
    phrases: list[str] = field(default_factory=lambda: list(MC4NL_PHRASES))


class Boilerplate(ScopedFilter):
    name = "boilerplate"
    reasons = ("boilerplate",)
    Params = BoilerplateParams

    def __init__(self, params: BoilerplateParams | None = None):
        super().__init__(params)
        self._phrases = tuple(p.lower() for p in self.params.phrases)

    def find(self, text: str) -> str | None:
        lowered = text.lower()
        for phrase in self._phrases:
            if phrase in lowered:
                return phrase
        return None
