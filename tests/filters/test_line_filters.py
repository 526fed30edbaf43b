"""Line filters: `long_word`, `short_line`, `no_end_mark`, `citations` and `curly_brace`."""

from __future__ import annotations

import pytest

from filters.base import Drop, LineFilter
from filters.chain import FilterChain
from filters.citations import Citations, CitationsParams
from filters.curly_brace import CurlyBrace, CurlyBraceParams
from filters.long_word import LongWord, LongWordParams
from filters.no_end_mark import NoEndMark
from filters.short_line import ShortLine, ShortLineParams

# --- long_word ---------------------------------------------------------------------------


def test_long_word_keeps_a_word_of_exactly_the_limit():
    line = "Het langste woord is " + "a" * 1000 + " lang."
    assert LongWord().check_line(line) == line


def test_long_word_drops_the_line_with_a_longer_word():
    line = "Kijk op " + "b" * 1001 + " voor meer."
    drop = LongWord().check_line(line)
    assert isinstance(drop, Drop)
    assert (drop.reason, drop.document) == ("long_word", False)
    assert "1001 chars" in drop.evidence


def test_long_word_limit_is_a_parameter():
    f = LongWord(LongWordParams(max_chars=16))
    assert f.check_line("Een hottentottententententoonstelling.").reason == "long_word"
    assert f.check_line("Een tentoonstelling.") == "Een tentoonstelling."


def test_long_word_counts_a_word_not_a_line():
    line = " ".join(["woord"] * 300) + "."  # 1800 characters of short words
    assert LongWord().check_line(line) == line


# --- short_line --------------------------------------------------------------------------


def test_short_line_keeps_three_words():
    assert ShortLine().check_line("Dit is goed") == "Dit is goed"
    assert ShortLine().check_line("een\ttwee  drie") == "een\ttwee  drie"


@pytest.mark.parametrize(("line", "evidence"), [("Lees meer", "2 words"), ("Menu", "1 word")])
def test_short_line_drops_fewer_than_three_words(line, evidence):
    assert ShortLine().check_line(line) == Drop("short_line", evidence, document=False)


def test_short_line_drops_an_empty_line_unless_blank_lines_are_kept():
    assert ShortLine().check_line("") == Drop("short_line", "", document=False)
    assert ShortLine(ShortLineParams(keep_blank_lines=True)).check_line("") == ""


def test_short_line_minimum_is_a_parameter():
    f = ShortLine(ShortLineParams(min_words=2))
    assert f.check_line("Lees meer") == "Lees meer"
    assert f.check_line("Menu").reason == "short_line"


# --- no_end_mark -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Het regent vandaag.",
        "Gaat het goed met je?",
        "Wat een mooie dag!",
        'Hij zei: "Ik kom morgen."',
        'Ze noemde het "gezellig"',
    ],
)
def test_no_end_mark_keeps_lines_ending_like_a_sentence(line):
    assert NoEndMark().check_line(line) == line


@pytest.mark.parametrize(
    "line",
    [
        "Lees verder op onze website",
        "Prijs: 12,50 euro",
        "Het verhaal gaat nog verder…",
        "Eind'",
        "",
    ],
)
def test_no_end_mark_drops_other_lines(line):
    drop = NoEndMark().check_line(line)
    assert isinstance(drop, Drop)
    assert (drop.reason, drop.document) == ("no_end_mark", False)


def test_no_end_mark_drops_an_ellipsis():
    assert NoEndMark().check_line("En toen gebeurde het...") == Drop(
        "no_end_mark", "...", document=False
    )


# --- citations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "cleaned"),
    [
        ("Amsterdam is de hoofdstad.[12]", "Amsterdam is de hoofdstad."),
        ("Geschiedenis[edit] van de stad.", "Geschiedenis van de stad."),
        ("Hij werd 104 jaar.[citation needed]", "Hij werd 104 jaar."),
        ("Leeg[] blok.", "Leeg blok."),
        ("Zie [1][2] en [3].", "Zie  en ."),
        ("Een [noot] blijft staan.", "Een [noot] blijft staan."),
        ("Geen haken hier.", "Geen haken hier."),
    ],
)
def test_citations_are_deleted_and_nothing_else_changes(line, cleaned):
    assert Citations().check_line(line) == cleaned


def test_citations_never_drop():
    assert Citations.reasons == ()
    assert isinstance(Citations().check_line(""), str)


def test_citations_pattern_is_a_parameter():
    # A pattern without "[" must still apply (the fast path only fits the default pattern).
    assert Citations(CitationsParams(pattern=r"\(\d+\)")).check_line("Zie (3).") == "Zie ."


# --- curly_brace -------------------------------------------------------------------------


def test_curly_brace_keeps_prose():
    assert CurlyBrace().check_line("Een zin (met haakjes) en [blokhaken].") == (
        "Een zin (met haakjes) en [blokhaken]."
    )


def test_curly_brace_in_a_line_drops_the_document():
    f = CurlyBrace()
    assert f.on_lines  # c4nlpreproc looks at the kept lines, so line scope is the default
    assert f.check_line("Gebruik de notatie {naam} hier.") == Drop("curly_brace", "{")


def test_curly_brace_document_scope():
    f = CurlyBrace(CurlyBraceParams(scope="document"))
    assert not f.on_lines
    assert f.check_document("Tekst.\nbody { color: red; }") == Drop("curly_brace", "{")
    assert f.check_document("Tekst zonder code.") is None
    assert f.check_document("Alleen een sluitende }.") is None


def test_long_word_through_the_chain_at_the_limit():
    """The chain skips `check_line` for lines no longer than `keeps_lines_up_to`: a line one
    character over the limit still reaches it."""
    chain = FilterChain([LongWord(LongWordParams(max_chars=5))])
    assert chain.apply("abcde").kept
    result = chain.apply("abcdef\nabcde")
    assert [(r.line, r.reason) for r in result.removed_lines] == [(1, "long_word")]


class _Spy(LineFilter):
    name = "spy"
    reasons = ()
    keeps_lines_up_to = 5

    def check_line(self, line):
        raise AssertionError(f"called for {line!r}")


def test_the_chain_calls_check_line_only_above_keeps_lines_up_to():
    chain = FilterChain([_Spy()])
    assert chain.apply("abcde\nabc").kept
    with pytest.raises(AssertionError, match="'abcdef'"):
        chain.apply("abcdef")


def test_no_end_mark_shows_the_last_character_and_takes_its_marks_from_params():
    from filters.no_end_mark import NoEndMark, NoEndMarkParams

    drop = NoEndMark().check_line("Lees verder op de site")
    assert (drop.reason, drop.evidence, drop.document) == ("no_end_mark", "e", False)
    assert NoEndMark().check_line("Het was laat...").evidence == "..."
    only_semicolon = NoEndMark(NoEndMarkParams(end_marks=[";"], ellipsis=""))
    assert only_semicolon.check_line("een regel;") == "een regel;"
    assert only_semicolon.check_line("Een zin.").evidence == "."


def test_long_word_evidence_shows_the_first_60_characters_and_the_length():
    url = "https://www.voorbeeld.nl/nieuws/2021/03/de-gemeente-opent-een-nieuwe-fietsenstalling"
    drop = LongWord(LongWordParams(max_chars=40)).check_line(f"Lees verder op {url} vandaag.")
    assert drop.evidence == f"{url[:60]}… ({len(url)} chars)"
