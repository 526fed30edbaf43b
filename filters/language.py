"""`language`: keep a document only if it is in the wanted language with enough probability.

The mC4-nl card uses `langdetect`, a port of Google's language-detection library (Shuyo 2010).
It is randomised, so the detector is seeded: the same text always gets the same verdict.
The default threshold is chosen by measurement on Dutch against Afrikaans, Low Saxon, German
and English (`docs/filters.md`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from filters.base import DocumentFilter, Drop, Params


@dataclass(frozen=True)
class LanguageParams(Params):
    language: str = "nl"
    min_probability: float = 0.9
    backend: Literal["langdetect"] = "langdetect"
    seed: int = 0


class Language(DocumentFilter):
    name = "language"
    reasons = ("language",)
    Params = LanguageParams

    def __init__(self, params: LanguageParams | None = None):
        super().__init__(params)
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        # Our own factory (not langdetect's global one): profiles load once, here.
        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.set_seed(self.params.seed)

    def probabilities(self, text: str) -> list[tuple[str, float]]:
        """Languages and their probabilities, most probable first; empty if undecidable."""
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()
        detector.append(text)
        try:
            return [(p.lang, p.prob) for p in detector.get_probabilities()]
        except LangDetectException:
            return []

    def check_document(self, text: str) -> Drop | None:
        probs = self.probabilities(text)
        if not probs:
            return Drop("language", "undetermined")
        wanted = dict(probs).get(self.params.language, 0.0)
        if wanted >= self.params.min_probability:
            return None
        top, p = probs[0]
        return Drop(
            "language",
            f"{top}:{p:.2f}"
            + ("" if top == self.params.language else f" {self.params.language}:{wanted:.2f}"),
        )
