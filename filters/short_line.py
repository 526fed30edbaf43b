"""`short_line`: drop a line with fewer than `min_words` whitespace-separated words.

Menus, buttons and dates are short lines; C4 and the mC4-nl card drop lines under 3 words.
Empty lines go with them, except where a source keeps them as stanza breaks (lyrics).
"""

from __future__ import annotations

from dataclasses import dataclass

from filters.base import Drop, LineFilter, Params


@dataclass(frozen=True)
class ShortLineParams(Params):
    min_words: int = 3
    keep_blank_lines: bool = False  # keep empty lines (stanza breaks) instead of dropping them


class ShortLine(LineFilter):
    name = "short_line"
    reasons = ("short_line",)
    Params = ShortLineParams

    def check_line(self, line: str) -> str | Drop:
        if not line:
            return line if self.params.keep_blank_lines else Drop("short_line", "", document=False)
        n = len(line.split(maxsplit=self.params.min_words))
        if n < self.params.min_words:
            return Drop("short_line", f"{n} word{'s' if n != 1 else ''}", document=False)
        return line
