"""`language`'s decision rules, each on its edge, with the detectors' answers fixed: the
threshold is inclusive, a tied function-word vote leaves a confident first detector's verdict
standing, the second opinion uses its own threshold, and curly apostrophes count in the vote."""

from __future__ import annotations

import pytest

import filters.language as language_module
from filters.function_words import margins
from filters.language import Language, LanguageParams

NO_MARKERS = "Zeven dagen lang regende het boven Utrecht."  # no marker word of any list


def detector(params: LanguageParams, answer: list[tuple[str, float]]) -> Language:
    """A `language` filter whose first detector answers `answer` for every text."""
    f = Language(params)
    f.probabilities = lambda text: answer
    return f


@pytest.mark.parametrize("backend", ["langdetect", "cld2"])
def test_the_threshold_itself_is_enough(backend):
    params = LanguageParams(backend=backend)
    at = params.threshold
    assert detector(params, [("nl", at)]).check_document(NO_MARKERS) is None
    drop = detector(params, [("nl", at - 0.01)]).check_document(NO_MARKERS)
    assert drop is not None and drop.evidence == f"nl:{at - 0.01:.2f}"


def test_a_tied_vote_leaves_a_confident_verdict_standing():
    assert margins(NO_MARKERS) == {"af": 0, "nds": 0, "fy": 0}
    params = LanguageParams(function_words=True)
    assert detector(params, [("nl", 0.95)]).check_document(NO_MARKERS) is None
    # ... and an unconfident one falls, with no second opinion to ask.
    drop = detector(params, [("nl", 0.6)]).check_document(NO_MARKERS)
    assert drop is not None and drop.evidence == "nl:0.60"


def test_the_second_opinion_uses_its_own_threshold(monkeypatch):
    monkeypatch.setattr(language_module, "cld2_probabilities", lambda text: [("nl", 0.6)])
    first = [("af", 0.95)]
    lenient = LanguageParams(second_opinion="cld2", second_min_probability=0.5)
    strict = LanguageParams(second_opinion="cld2", second_min_probability=0.7)
    assert detector(lenient, first).check_document(NO_MARKERS) is None
    drop = detector(strict, first).check_document(NO_MARKERS)
    assert drop is not None and drop.evidence == "af:0.95 nl:0.00; cld2 nl:0.60"
    # Unset, CLD2's own default (0.4) applies, not the first detector's (0.9).
    unset = LanguageParams(second_opinion="cld2")
    assert detector(unset, first).check_document(NO_MARKERS) is None


def test_a_curly_apostrophe_counts_as_a_straight_one():
    straight, curly = "Dit is 'n hond.", "Dit is \u2019n hond."
    assert margins(straight)["af"] == -1
    assert margins(curly) == margins(straight)
