"""`language`: keep a document only if it is in the wanted language with enough probability.

The mC4-nl card uses `langdetect`, a port of Google's language-detection library (Shuyo 2010).
It is randomised, so the detector is seeded: the same text always gets the same verdict.
The default threshold is chosen by measurement on Dutch against Afrikaans, Low Saxon, German
and English (`docs/filters.md`).

`langdetect` is the reference and the default, and it is slow (a few hundred 1 KB documents a
second). `backend: cld2` runs Google's Compact Language Detector 2 (the `pycld2` wheel ships
its tables, so it works offline), tens of times faster. Its probability is the share of the
text CLD2 assigns to the language; the threshold was chosen by agreement with langdetect's
verdicts (`bench/filters/language_id.py`, figures in `docs/benchmarks.md`).

Short, colloquial lyric lines fool langdetect's character n-grams into Afrikaans, and it has
no profile for Low Saxon or Frisian at all. Two further opinions (both on in the `lyrics`
preset) are taken only when the first detector's top language is the wanted one or one of its
close `neighbours` (Afrikaans, West Frisian, Low Saxon, Limburgish for Dutch); a document it
puts in a distant language (German, English) is decided by it alone:

- `function_words` (Dutch only): a vote of the words that tell Dutch from each neighbour
  (`filters.function_words`). Where a neighbour's words outnumber the Dutch ones the document
  goes; where the Dutch ones lead against every neighbour it stays; otherwise the detectors
  decide.
- `second_opinion: cld2`: when the first detector would drop the document, CLD2 is asked,
  and the document stays if CLD2 finds the wanted language at its own threshold.

A dropped document's evidence holds every verdict that was taken. Measured on songs and
song-shaped text from the shared corpora in docs/filters.md (`bench/filters/lyrics_language.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from filters.base import DocumentFilter, Drop, Params
from filters.function_words import margins

# The threshold each backend uses when `min_probability` is not set. langdetect's 0.9 is the
# reference; CLD2's 0.4 (of the text in Dutch) agrees best with langdetect's Dutch-vs-not on
# the shared corpora and the benchmark corpus (bench/filters/language_id.py, docs/benchmarks.md).
DEFAULT_MIN_PROBABILITY = {"langdetect": 0.9, "cld2": 0.4}


Backend = Literal["langdetect", "cld2"]


@dataclass(frozen=True)
class LanguageParams(Params):
    language: str = "nl"
    min_probability: float | None = None  # None: the backend's default (see above)
    backend: Backend = "langdetect"
    seed: int = 0  # langdetect only (CLD2 is deterministic)
    second_opinion: Literal["", "langdetect", "cld2"] = ""  # "": none
    second_min_probability: float | None = None  # None: the second backend's default
    function_words: bool = False  # Dutch only: the vote of filters.function_words
    neighbours: tuple[str, ...] = ("af", "fy", "nds", "li")  # whose verdict gets a second look

    def __post_init__(self):
        if self.second_opinion == self.backend:
            raise ValueError(f"second_opinion must differ from backend ({self.backend})")
        if self.function_words and self.language != "nl":
            raise ValueError("function_words: the word lists are for Dutch (language: nl)")

    @property
    def threshold(self) -> float:
        if self.min_probability is not None:
            return self.min_probability
        return DEFAULT_MIN_PROBABILITY[self.backend]


# What CLD2 refuses as "invalid UTF-8": control characters, surrogates, non-characters.
_CLD2_INVALID = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def cld2_probabilities(text: str) -> list[tuple[str, float]]:
    """CLD2's languages and the share of the text in each, largest first; empty if unknown."""
    import pycld2

    try:
        _, _, details = pycld2.detect(text)
    except (pycld2.error, UnicodeEncodeError):
        try:
            _, _, details = pycld2.detect(_CLD2_INVALID.sub(" ", text))
        except (pycld2.error, UnicodeEncodeError):
            return []
    return [(code, percent / 100) for _, code, percent, _ in details if code != "un"]


class Language(DocumentFilter):
    name = "language"
    reasons = ("language",)
    Params = LanguageParams

    def __init__(self, params: LanguageParams | None = None):
        super().__init__(params)
        self._second = None
        if self.params.second_opinion:
            self._second = Language(
                LanguageParams(
                    language=self.params.language,
                    backend=self.params.second_opinion,
                    min_probability=self.params.second_min_probability,
                    seed=self.params.seed,
                )
            )
        if self.params.backend == "cld2":
            import pycld2  # noqa: F401  (fail here, at set-up, if it is missing)

            return
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        # Our own factory (not langdetect's global one): profiles load once, here.
        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.set_seed(self.params.seed)

    def probabilities(self, text: str) -> list[tuple[str, float]]:
        """Languages and their probabilities, most probable first; empty if undecidable."""
        if self.params.backend == "cld2":
            return cld2_probabilities(text)
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
        keep = wanted >= self.params.threshold
        top = probs[0][0]
        near = top == self.params.language or top in self.params.neighbours
        if keep and not (near and self.params.function_words):
            return None
        evidence = self._evidence(probs, wanted)
        if not near:
            return Drop("language", evidence)
        if self.params.function_words:
            m = margins(text)
            worst = min(m, key=m.get)
            if m[worst] < 0:
                return Drop("language", f"{evidence}; words {worst}:{-m[worst]:+d}")
            if m[worst] > 0 or keep:
                return None
        if self._second is None:
            return Drop("language", evidence)
        second = self._second.check_document(text)
        if second is None:
            return None
        return Drop("language", f"{evidence}; {self.params.second_opinion} {second.evidence}")

    def _evidence(self, probs: list[tuple[str, float]], wanted: float) -> str:
        top, p = probs[0]
        if top == self.params.language:
            return f"{top}:{p:.2f}"
        return f"{top}:{p:.2f} {self.params.language}:{wanted:.2f}"
