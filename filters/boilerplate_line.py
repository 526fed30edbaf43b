"""`boilerplate_line`: drop a line that contains a boilerplate phrase, keeping the document.

The c4nlpreproc code (like C4) removes only the offending line for policy and javascript notices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from filters.base import Drop, LineFilter, Params
from filters.boilerplate import C4_POLICY_PHRASES, PhraseFinder


@dataclass(frozen=True)
class BoilerplateLineParams(Params):
    phrases: list[str] = field(default_factory=lambda: list(C4_POLICY_PHRASES))


class BoilerplateLine(LineFilter):
    name = "boilerplate_line"
    reasons = ("boilerplate_line",)
    Params = BoilerplateLineParams

    def __init__(self, params: BoilerplateLineParams | None = None):
        super().__init__(params)
        self._find = PhraseFinder(self.params.phrases)

    def check_line(self, line: str) -> str | Drop:
        phrase = self._find(line)
        return line if phrase is None else Drop("boilerplate_line", phrase, document=False)
