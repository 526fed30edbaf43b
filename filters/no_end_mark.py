"""`no_end_mark`: drop a line that does not end like a sentence (C4's terminal punctuation rule).

C4 (Raffel et al. 2020, `c4_utils.py`) keeps only lines ending in `.`, `?`, `!` or `"`, and
drops lines ending in an ellipsis, which usually marks a truncated teaser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from filters.base import Drop, LineFilter, Params


@dataclass(frozen=True)
class NoEndMarkParams(Params):
    end_marks: list[str] = field(default_factory=lambda: [".", "?", "!", '"'])
    ellipsis: str = "..."


class NoEndMark(LineFilter):
    name = "no_end_mark"
    reasons = ("no_end_mark",)
    Params = NoEndMarkParams

    def __init__(self, params: NoEndMarkParams | None = None):
        super().__init__(params)
        self._marks = tuple(self.params.end_marks)

    def check_line(self, line: str) -> str | Drop:
        if not line.endswith(self._marks):
            return Drop("no_end_mark", line[-1:], document=False)
        if self.params.ellipsis and line.endswith(self.params.ellipsis):
            return Drop("no_end_mark", self.params.ellipsis, document=False)
        return line
