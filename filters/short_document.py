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

    def count(self, text: str, enough: int | None = None) -> int:
        """Sentences (or lyric lines) in `text`; stops once `enough` are counted."""
        n = 0
        for line in text.split("\n"):
            if self.params.unit == "lines":
                n += 1 if line.strip() else 0
            else:
                n += count_sentences(line, enough - n if enough is not None else 0)
            if enough is not None and n >= enough:
                break
        return n

    def check_document(self, text: str) -> Drop | None:
        # A document only has to reach the threshold: most pages do within their first lines.
        n = self.count(text, enough=self.params.min_sentences)
        if n < self.params.min_sentences:
            unit = self.params.unit.removesuffix("s") if n == 1 else self.params.unit
            return Drop("short_document", f"{n} {unit} < {self.params.min_sentences}")
        return None
