"""`bad_words`: whole-word, case-insensitive matching of a reviewed selection of LDNOOBW nl + en."""

from __future__ import annotations

import pytest

from filters.bad_words import BadWords, BadWordsParams, active_terms, exclusions, ldnoobw
from filters.base import Drop
from pipeline.clean.chains import build_chain

# Everyday Dutch words in LDNOOBW nl that the dataset card's "selection" leaves out.
EVERYDAY = [
    "pot",
    "gat",
    "hol",
    "beurt",
    "nicht",
    "muts",
    "paal",
    "schatje",
    "asbak",
    "gras maaien",
    "de hond uitlaten",
]


@pytest.fixture(scope="module")
def default() -> BadWords:
    return BadWords()


@pytest.fixture(scope="module")
def full() -> BadWords:
    return BadWords(BadWordsParams(selection="full"))


def test_clean_dutch_is_kept(default, news):
    assert default.check_document(news) is None


def test_a_bad_word_drops_the_document_with_the_term_as_evidence(default):
    assert default.check_document("Wat een klootzak is die man.") == Drop("bad_words", "klootzak")


@pytest.mark.parametrize(
    "text", ["Een analyse van de cijfers.", "Pak een potlood.", "Hoera, we winnen!", "Scunthorpe"]
)
def test_words_that_merely_contain_a_term_never_match(default, full, text):
    assert default.find(text) is None
    assert full.find(text) is None


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Fuck!", "fuck"),
        ("KUT, zei ze.", "kut"),
        ("(klootzak)", "klootzak"),
        ("«Hoer»", "hoer"),
        ("Dat is gewoon kut", "kut"),
    ],
)
def test_case_and_punctuation_around_a_term_do_not_hide_it(default, text, term):
    assert default.find(text) == term


@pytest.mark.parametrize("text", ["kutzooi", "fucké", "éfuck", "_kut_", "kut3"])
def test_boundaries_are_unicode_word_boundaries(default, text):
    # Letters (accented too), digits and underscores continue a word.
    assert default.find(text) is None


@pytest.mark.parametrize(
    "text", ["slik mijn zaad", "Slik  mijn\nzaad!", "SLIK\tMIJN  ZAAD", "zei: slik mijn\r\nzaad."]
)
def test_phrases_match_across_any_whitespace(default, text):
    assert default.find(text) == "slik mijn zaad"


def test_phrases_need_their_whole_words(default):
    assert default.find("slik mijn zaadje") is None
    assert default.find("slikmijn zaad") is None


def test_the_evidence_is_the_first_term_in_the_text(default):
    assert default.find("Die klootzak zei fuck en kut.") == "klootzak"
    assert default.find("Kut, zei die klootzak, fuck.") == "kut"
    assert default.find("Hij zei fuck tegen die klootzak.") == "fuck"


def test_of_terms_at_one_position_the_longest_is_the_evidence(default):
    assert default.find("fuck buttons, zei hij") == "fuck buttons"
    assert default.find("Fuck, buttons") == "fuck"  # the phrase needs its whitespace
    own = BadWords(BadWordsParams(terms_file="", add=["zorp blat", "zorp"], lists=["nl"]))
    assert own.find("de zorp blat en zorp") == "zorp blat"
    assert own.find("de zorp en zorp blat") == "zorp"  # position first, then length


def test_the_evidence_does_not_depend_on_the_hash_seed():
    """Two terms at one position: the answer was the one a set's iteration met first, which
    changes with PYTHONHASHSEED (`fuck` or `fuck buttons`)."""
    import os
    import subprocess
    import sys

    code = "from filters.bad_words import BadWords; print(BadWords().find('fuck buttons'))"
    seen = set()
    for seed in range(6):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        seen.add(run.stdout.strip())
    assert seen == {"fuck buttons"}


@pytest.mark.parametrize(
    "params",
    [{"lists": []}, {"lists": [], "exclude": ["x"]}, {"terms_file": "COMMENTS_ONLY"}],
)
def test_no_terms_at_all_is_a_clear_error(tmp_path, params):
    comments = tmp_path / "alleen_commentaar.txt"
    comments.write_text("# nog leeg\n\n", encoding="utf-8")
    if params.get("terms_file"):
        params = {"terms_file": str(comments)}
    with pytest.raises(ValueError, match="bad_words: no terms to match") as caught:
        BadWords(BadWordsParams(**params))
    assert "\n" not in str(caught.value)
    assert BadWords(BadWordsParams(lists=[], add=["spruitjes"])).find("Spruitjes!") == "spruitjes"


@pytest.mark.parametrize("word", EVERYDAY)
def test_the_default_selection_leaves_everyday_words_alone(default, full, word):
    text = f"Vandaag ging het over {word} en verder niets."
    assert default.find(text) is None
    assert full.find(text) == word


@pytest.mark.parametrize(
    "term", ["kut", "neuken", "klootzak", "hoer", "slet", "flikker", "mof", "fuck", "cunt"]
)
def test_the_default_selection_keeps_explicit_terms_insults_and_slurs(term):
    assert term in active_terms(BadWordsParams())


def test_default_uses_both_nl_and_en(default):
    assert default.find("Een klootzak.") == "klootzak"
    assert default.find("What the fuck.") == "fuck"
    only_nl = BadWords(BadWordsParams(lists=["nl"]))
    assert only_nl.find("What the fuck.") is None
    assert only_nl.find("Een klootzak.") == "klootzak"


def test_an_unknown_ldnoobw_language_is_a_clear_error():
    with pytest.raises(ValueError, match="no LDNOOBW list for language 'xx'"):
        BadWords(BadWordsParams(lists=["xx"]))


def test_exclusions_are_reviewed_ldnoobw_terms_with_a_meaning():
    table = exclusions()
    assert set(table) == {"nl", "en"}
    for language, entries in table.items():
        listed = set(ldnoobw(language))
        assert entries, language
        for term, meaning in entries.items():
            assert term in listed, f"{language}: '{term}' is not in LDNOOBW {language}"
            assert isinstance(meaning, str) and meaning.strip(), f"{language}: '{term}'"


def test_the_default_is_the_full_list_less_the_exclusions():
    full = set(active_terms(BadWordsParams(selection="full")))
    default = set(active_terms(BadWordsParams()))
    excluded = set(exclusions()["nl"]) | set(exclusions()["en"])
    assert full == set(ldnoobw("nl")) | set(ldnoobw("en"))
    assert default == full - excluded


def test_a_terms_file_replaces_the_lists(tmp_path):
    path = tmp_path / "mijn_woorden.txt"
    path.write_text("# eigen lijst\n\nSpruitjes\nlelijke   eend\n", encoding="utf-8")
    f = BadWords(BadWordsParams(terms_file=str(path)))
    assert len(f.terms) == 2  # comments and blank lines are skipped
    assert f.check_document("Ik lust geen SPRUITJES.") == Drop("bad_words", "spruitjes")
    assert f.find("Het lelijke\neend was een zwaan.") is not None
    assert f.find("Wat een klootzak, fuck.") is None  # the LDNOOBW lists are gone


def test_a_missing_terms_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "bestaat_niet.txt"
    with pytest.raises((ValueError, FileNotFoundError), match=r"terms_file.*bestaat_niet\.txt"):
        BadWords(BadWordsParams(terms_file=str(missing)))
    with pytest.raises((ValueError, FileNotFoundError), match=r"terms_file.*bestaat_niet\.txt"):
        build_chain("c4nlpreproc", {"bad_words": {"terms_file": str(missing)}})


def test_add_and_exclude():
    f = BadWords(BadWordsParams(add=["Spruitjes"], exclude=["KUT"]))
    assert f.find("Ik lust geen spruitjes.") == "spruitjes"
    assert f.find("KUT, zei ze.") is None
    assert f.find("Klootzak!") == "klootzak"


def test_add_and_exclude_through_a_preset_override():
    chain = build_chain(
        "c4nlpreproc",
        {"bad_words": {"selection": "full", "exclude": ["pot"], "add": ["spruitjes"]}},
    )
    f = chain.filters[0]
    assert isinstance(f, BadWords)
    assert f.find("Een pot.") is None
    assert f.find("Een gat.") == "gat"
    assert f.find("Spruitjes.") == "spruitjes"


@pytest.mark.parametrize("text", ["Wat een kut\ud83d", "\ude95kut, zeg", "klootzak \ud83d!"])
def test_a_lone_surrogate_beside_a_term_neither_breaks_nor_hides_it(default, text):
    """json.loads gives a lone surrogate for a `\\ud83d` escape cut off from its pair (a
    truncated emoji in a scraped page). It is no word character, so the term is a word."""
    import json

    assert json.loads('"\\ud83d"') == "\ud83d"
    term = default.find(text)
    assert term in ("kut", "klootzak")
    assert term in default.index_words(text.lower())  # without its UTF-8 made beforehand


def test_no_terms_messages_say_where_the_terms_were_to_come_from(tmp_path):
    with pytest.raises(ValueError) as caught:
        BadWordsParams(lists=[])
    assert str(caught.value) == (
        "bad_words: no terms to match (lists give none, and add is empty); "
        "leave the filter out of the chain to match nothing"
    )
    empty = tmp_path / "leeg.txt"
    empty.write_text("# nog niets\n", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        BadWordsParams(terms_file=str(empty))
    assert str(caught.value).startswith(
        f"bad_words: no terms to match (terms_file {empty} holds none, and add is empty); "
    )


def test_with_a_terms_file_the_lists_are_not_read(tmp_path):
    path = tmp_path / "mijn_woorden.txt"
    path.write_text("spruitjes\n", encoding="utf-8")
    f = BadWords(BadWordsParams(terms_file=str(path), lists=["xx"]))  # no LDNOOBW list 'xx'
    assert f.terms == ["spruitjes"]


def test_a_terms_file_removed_after_the_parameters_were_checked_is_named(tmp_path):
    path = tmp_path / "mijn_woorden.txt"
    path.write_text("spruitjes\n", encoding="utf-8")
    params = BadWordsParams(terms_file=str(path))
    path.unlink()
    with pytest.raises(FileNotFoundError) as caught:
        BadWords(params)
    assert str(caught.value) == f"bad_words.terms_file: no such file {path}"


def test_a_list_without_reviewed_exclusions_is_used_whole():
    assert "de" not in exclusions()
    german = BadWords(BadWordsParams(lists=["de"]))
    assert set(german.terms) == set(ldnoobw("de"))
    assert german.find("Du Arschloch!") == "arschloch"


def test_of_two_spellings_at_one_position_the_longer_wins_even_when_it_sorts_first():
    # A user's list with a phrase typed twice, once with two spaces: both match the text;
    # the longer is the evidence, though it sorts (and is tried) first.
    own = BadWords(BadWordsParams(lists=[], add=["zorp  blat", "zorp blat"]))
    assert own.terms == ["zorp  blat", "zorp blat"]
    assert own.find("de zorp blat") == "zorp  blat"


def test_a_term_of_symbols_matches_across_any_whitespace_as_a_word_term_does():
    """Each part of a phrase is its own needle: a term with no word characters whose parts a
    line break or two spaces separate in the text is found, as its pattern allows."""
    f = BadWords(BadWordsParams(lists=[], add=[": - ("]))
    for text in ("zo boos : - ( echt", "zo boos :  - ( echt", "zo boos :\n- ( echt"):
        assert f.find(text) == ": - (", text
    assert f.find("zo boos :-( echt") is None
