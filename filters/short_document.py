"""`short_document`: drop a document with fewer than `min_sentences` sentences (or lines).

Sentences are counted per remaining line and summed, as C4's `clean_page` does. Songs have
no sentence punctuation to speak of, so the lyrics preset counts lyric lines instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from filters.base import DocumentFilter, Drop, Params
from filters.sentences import count_sentences


@dataclass(frozen=True)
class ShortDocumentParams(Params):
    min_sentences: int = 5
    unit: Literal["sentences", "lines"] = "sentences"


class ShortDocument(DocumentFilter):
    name = "short_document"
    reasons = ("short_document",)
    Params = ShortDocumentParams

    def count(self, text: str) -> int:
        lines = text.split("\n")
        if self.params.unit == "lines":
            return sum(1 for line in lines if line.strip())
        return sum(count_sentences(line) for line in lines)

    def check_document(self, text: str) -> Drop | None:
        n = self.count(text)
        if n < self.params.min_sentences:
            return Drop("short_document", f"{n} {self.params.unit} < {self.params.min_sentences}")
        return None
