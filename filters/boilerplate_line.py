"""`boilerplate_line`: drop a line that contains a boilerplate phrase, keeping the document.

The c4nlpreproc code (like C4) removes only the offending line for policy and javascript notices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from filters.base import Drop, LineFilter, Params

C4_POLICY_PHRASES = [
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
]


@dataclass(frozen=True)
class BoilerplateLineParams(Params):
    phrases: list[str] = field(default_factory=lambda: list(C4_POLICY_PHRASES))


class BoilerplateLine(LineFilter):
    name = "boilerplate_line"
    reasons = ("boilerplate_line",)
    Params = BoilerplateLineParams

    def __init__(self, params: BoilerplateLineParams | None = None):
        super().__init__(params)
        self._phrases = tuple(p.lower() for p in self.params.phrases)

    def check_line(self, line: str) -> str | Drop:
        lowered = line.lower()
        for phrase in self._phrases:
            if phrase in lowered:
                return Drop("boilerplate_line", phrase, document=False)
        return line
