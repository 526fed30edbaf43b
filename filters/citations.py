"""`citations`: delete Wikipedia-style citation marks such as `[12]`, `[edit]` from a line.

A rewrite, never a drop: C4's `clean_page` removes these before checking the line's end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from filters.base import LineFilter, Params


@dataclass(frozen=True)
class CitationsParams(Params):
    # C4's _CITATION_REGEX: `[]`, `[12]`, `[edit]`, `[citation needed]`.
    pattern: str = r"\[\d*\]|\[edit\]|\[citation needed\]"


class Citations(LineFilter):
    name = "citations"
    reasons = ()
    Params = CitationsParams

    def __init__(self, params: CitationsParams | None = None):
        super().__init__(params)
        self._regex = re.compile(self.params.pattern)
        # Fast path: the default pattern only matches at a "[", so lines without one are skipped.
        # Any other pattern is always applied ("" is in every line).
        self._needle = "[" if self.params.pattern == CitationsParams.pattern else ""

    def check_line(self, line: str) -> str:
        return self._regex.sub("", line) if self._needle in line else line
