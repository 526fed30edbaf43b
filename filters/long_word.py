"""`long_word`: drop a line holding a word longer than a limit (URLs, base64 blobs, junk)."""

from __future__ import annotations

from dataclasses import dataclass

from filters.base import Drop, LineFilter, Params


@dataclass(frozen=True)
class LongWordParams(Params):
    # mC4-nl card: 1000 characters; the c4nlpreproc code and C4 itself use 1000 and 250.
    max_chars: int = 1000


class LongWord(LineFilter):
    name = "long_word"
    reasons = ("long_word",)
    Params = LongWordParams

    @property
    def keeps_lines_up_to(self) -> int:
        return self.params.max_chars  # no word can be longer than its line

    def check_line(self, line: str) -> str | Drop:
        limit = self.params.max_chars
        if len(line) <= limit:  # no word can be longer than its line
            return line
        for word in line.split():
            if len(word) > limit:
                return Drop("long_word", f"{word[:60]}… ({len(word)} chars)", document=False)
        return line
