"""The `lyrics` preset's language filter: the function-word vote and CLD2's second opinion keep
the short Dutch lines langdetect takes for Afrikaans, and drop Afrikaans, Low Saxon, German and
English songs with every verdict as evidence. The song lines here are written for the tests."""

from __future__ import annotations

import pytest

from filters.language import Language, LanguageParams
from filters.presets import PRESETS

PRESET = next(p for key, _, p in PRESETS["lyrics"] if key == "language")
ALONE = Language(LanguageParams(min_probability=PRESET["min_probability"]))
LYRICS = Language(LanguageParams(**PRESET))

# Dutch that langdetect alone calls Afrikaans (af:0.86, af:0.71, af:1.00 when written).
DUTCH_AS_AFRIKAANS = [
    "O kom terug\nIk mis je zo\nWant wat ik doe\nDoe ik voor jou",
    "Kom hier\nIk wil je\nPas op\nWant ik ben hier",
    "Mooi is die wereld\nMooi is die maan\nMooi is die liefde\nAls ik je zie staan",
]
AFRIKAANS = "Ek is so bly\nJy is by my\nOns gaan huis toe\nEn hy sing saam"
GERMAN = "Ich bin so froh\nDu bist bei mir\nWir gehen nach Hause\nUnd er singt mit"


@pytest.mark.parametrize("song", DUTCH_AS_AFRIKAANS)
def test_dutch_lines_langdetect_takes_for_afrikaans_are_kept(song):
    assert ALONE.check_document(song).evidence.startswith("af:")
    assert LYRICS.check_document(song) is None


def test_afrikaans_is_dropped_with_the_vote_as_evidence():
    drop = LYRICS.check_document(AFRIKAANS)
    assert drop.reason == "language"
    assert drop.evidence.startswith("af:") and "; words af:+" in drop.evidence


def test_afrikaans_without_marker_words_is_dropped_by_cld2_with_both_verdicts():
    plain = "Die son skyn oor die veld\nDie wind waai deur die bome\nDie see is blou en stil"
    drop = LYRICS.check_document(plain)
    assert drop.evidence.startswith("af:") and "; cld2 af:" in drop.evidence


def test_a_distant_language_is_decided_by_langdetect_alone():
    drop = LYRICS.check_document(GERMAN)
    assert drop.evidence == ALONE.check_document(GERMAN).evidence  # no second look


def test_low_saxon_that_langdetect_keeps_as_dutch_is_dropped_by_the_vote():
    song = "Een Land an de See\nDe Lüüd maakt dat Land\nOrrer se gaht na de Stadt\nUn daar blievt se nich lang"
    assert ALONE.check_document(song) is None  # langdetect has no Low Saxon
    assert "; words nds:+" in LYRICS.check_document(song).evidence


def test_the_mc4nl_preset_keeps_the_cards_langdetect_rule():
    (params,) = [p for key, _, p in PRESETS["mc4nl"] if key == "language"]
    assert params == {}
    assert LanguageParams(**params).second_opinion == "" and not LanguageParams().function_words


def test_settings_that_cannot_work_are_refused():
    with pytest.raises(ValueError, match="must differ from backend"):
        LanguageParams(backend="cld2", second_opinion="cld2")
    with pytest.raises(ValueError, match="for Dutch"):
        LanguageParams(language="de", function_words=True)


def test_on_the_shared_corpora_udhr_laid_out_as_lyrics(corpora):
    """The measurement of docs/filters.md, on its UDHR sets: every Afrikaans, Low Saxon,
    German and English song dropped, every Dutch one kept."""
    from bench.filters.lyrics_language import as_lyrics, udhr_words

    for code, dutch in (("nld", True), ("afr", False), ("nds", False), ("deu", False)):
        songs = as_lyrics(udhr_words(code), (2, 3), seed=0)
        kept = sum(LYRICS.check_document(s) is None for s in songs)
        assert kept == (len(songs) if dutch else 0), code
