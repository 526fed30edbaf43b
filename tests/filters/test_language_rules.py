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


def test_one_marker_word_more_for_dutch_than_for_every_neighbour_keeps_the_document():
    text = "Zeven dagen lang regende het niet boven Utrecht."  # "niet": Dutch only
    assert margins(text) == {"af": 1, "nds": 1, "fy": 1}
    params = LanguageParams(function_words=True)
    assert detector(params, [("nl", 0.6)]).check_document(text) is None


def test_a_document_the_second_opinion_also_drops_has_the_filters_reason(monkeypatch):
    from filters.base import Drop

    monkeypatch.setattr(language_module, "cld2_probabilities", lambda text: [("af", 0.8)])
    params = LanguageParams(second_opinion="cld2")
    assert detector(params, [("af", 0.95)]).check_document(NO_MARKERS) == Drop(
        "language", "af:0.95 nl:0.00; cld2 af:0.80 nl:0.00"
    )


def test_the_second_opinion_is_asked_for_the_same_language_with_the_same_seed():
    f = Language(LanguageParams(language="de", backend="cld2", second_opinion="langdetect", seed=7))
    assert f._second.params == LanguageParams(language="de", backend="langdetect", seed=7)


def test_function_words_for_another_language_is_refused_with_the_reason():
    with pytest.raises(ValueError) as caught:
        LanguageParams(language="de", function_words=True)
    assert str(caught.value) == "function_words: the word lists are for Dutch (language: nl)"
