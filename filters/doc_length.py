"""`doc_length`: drop a cleaned document shorter or longer than the given number of characters.

The c4nlpreproc code keeps documents of 500 to 50,000 characters after line cleaning.
"""

from __future__ import annotations

from dataclasses import dataclass

from filters.base import DocumentFilter, Drop, Params


@dataclass(frozen=True)
class DocLengthParams(Params):
    min_chars: int = 500
    max_chars: int = 50_000


class DocLength(DocumentFilter):
    name = "doc_length"
    reasons = ("doc_length",)
    Params = DocLengthParams

    def check_document(self, text: str) -> Drop | None:
        n = len(text)
        if n < self.params.min_chars:
            return Drop("doc_length", f"{n} < {self.params.min_chars} chars")
        if n > self.params.max_chars:
            return Drop("doc_length", f"{n} > {self.params.max_chars} chars")
        return None
