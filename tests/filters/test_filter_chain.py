"""`FilterChain.apply`: routing, line numbers, what the kept text looks like."""

from __future__ import annotations

from typing import ClassVar

import pytest

from filters.base import DocumentFilter, Drop, LineFilter
from filters.chain import FilterChain, RemovedLine
from filters.curly_brace import CurlyBrace
from filters.long_word import LongWord, LongWordParams
from filters.no_end_mark import NoEndMark
from filters.short_document import ShortDocument, ShortDocumentParams
from filters.short_line import ShortLine, ShortLineParams
from pipeline.clean.chains import build_chain


class SeenLines(LineFilter):
    """Keeps every line and remembers which lines it was shown."""

    name = "seen_lines"
    reasons: ClassVar[tuple[str, ...]] = ()

    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def check_line(self, line: str) -> str:
        self.seen.append(line)
        return line


class SeenDocument(DocumentFilter):
    name = "seen_document"
    reasons: ClassVar[tuple[str, ...]] = ()

    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def check_document(self, text: str) -> None:
        self.seen.append(text)
        return None


DOC = (
    "  Nieuws  \n"  # 1: one word
    "De   gemeente bouwt  een nieuwe brug over de rivier.\t\n"  # 2: kept, inner spaces stay
    "\n"  # 3: empty
    "Lees meer\n"  # 4: two words
    "   Het werk begint volgend jaar in maart.\n"  # 5: kept
    "Delen"  # 6: one word
)


def test_removed_lines_carry_1_based_original_line_numbers():
    result = FilterChain([ShortLine()]).apply(DOC)
    assert result.kept
    assert result.removed_lines == [
        RemovedLine(1, "short_line", "1 word", "Nieuws"),
        RemovedLine(3, "short_line", "", ""),
        RemovedLine(4, "short_line", "2 words", "Lees meer"),
        RemovedLine(6, "short_line", "1 word", "Delen"),
    ]


def test_kept_text_is_the_stripped_remaining_lines_joined_and_unchanged_inside():
    result = FilterChain([ShortLine()]).apply(DOC)
    assert result.text == (
        "De   gemeente bouwt  een nieuwe brug over de rivier.\n"
        "Het werk begint volgend jaar in maart."
    )
    assert (result.reason, result.evidence) == (None, None)


def test_a_chain_without_line_filters_still_strips_lines():
    assert FilterChain([]).apply(" Een \n\tTwee ").text == "Een\nTwee"
    assert (
        FilterChain([ShortDocument(ShortDocumentParams(min_sentences=1))])
        .apply("  Een zin.  ")
        .text
        == "Een zin."
    )


def test_windows_line_ends_are_stripped():
    result = FilterChain([ShortLine()]).apply("Een twee drie.\r\nVier vijf zes.\r\n")
    assert result.text == "Een twee drie.\nVier vijf zes."
    assert [r.line for r in result.removed_lines] == [3]


def test_a_line_dropped_by_an_earlier_filter_is_not_seen_by_a_later_one():
    seen = SeenLines()
    chain = FilterChain([LongWord(LongWordParams(max_chars=10)), ShortLine(), seen])
    result = chain.apply("Kijk op eenheelerglangwoord hier.\nKort\nDit blijft gewoon staan.")
    assert [(r.line, r.reason) for r in result.removed_lines] == [
        (1, "long_word"),
        (2, "short_line"),
    ]
    assert seen.seen == ["Dit blijft gewoon staan."]


def test_each_line_meets_the_line_filters_in_chain_order():
    # "Lees meer" lacks an end mark and has two words: the first filter in the chain decides.
    a = FilterChain([NoEndMark(), ShortLine()]).apply("Lees meer")
    b = FilterChain([ShortLine(), NoEndMark()]).apply("Lees meer")
    assert a.removed_lines[0].reason == "no_end_mark"
    assert b.removed_lines[0].reason == "short_line"


def test_document_filters_see_the_remaining_lines_joined():
    seen = SeenDocument()
    FilterChain([ShortLine(), seen]).apply(DOC)
    assert seen.seen == [
        "De   gemeente bouwt  een nieuwe brug over de rivier.\nHet werk begint volgend jaar in maart."
    ]


def test_a_document_filter_before_line_filters_sees_the_raw_text():
    seen = SeenDocument()
    FilterChain([seen, ShortLine()]).apply(DOC)
    assert seen.seen == [DOC]


def test_a_dropped_document_has_no_text_and_keeps_the_lines_removed_so_far():
    chain = FilterChain([ShortLine(), CurlyBrace()])
    result = chain.apply("Menu\nEen regel met {code} erin.\nDeze regel komt niet meer aan bod")
    assert (result.kept, result.text, result.reason, result.evidence) == (
        False,
        None,
        "curly_brace",
        "{",
    )
    assert [(r.line, r.reason) for r in result.removed_lines] == [(1, "short_line")]


def test_disabled_filters_are_left_out():
    chain = FilterChain([ShortLine(ShortLineParams(enabled=False)), SeenLines()])
    assert [f.name for f in chain.filters] == ["seen_lines"]
    assert chain.apply("Kort").kept
    assert chain.apply("Kort").removed_lines == []


def test_enabled_false_override_skips_a_preset_filter(english):
    chain = build_chain("mc4nl", {"language": {"enabled": False}})
    assert "language" not in [f.name for f in chain.filters]
    assert "language" not in chain.reasons
    result = chain.apply(english)
    assert result.kept
    assert result.text == english


def test_chain_reasons_are_the_filters_reasons():
    chain = FilterChain([ShortLine(), NoEndMark(), CurlyBrace()])
    assert chain.reasons == ("short_line", "no_end_mark", "curly_brace")


def test_a_line_filter_may_rewrite_the_line():
    class Upper(LineFilter):
        name = "upper"
        reasons: ClassVar[tuple[str, ...]] = ()

        def check_line(self, line: str) -> str | Drop:
            return line.upper()

    seen = SeenLines()
    result = FilterChain([Upper(), seen]).apply("een twee")
    assert seen.seen == ["EEN TWEE"]
    assert result.text == "EEN TWEE"


def test_blank_lines_are_kept_as_single_stanza_breaks():
    chain = FilterChain([ShortLine(ShortLineParams(min_words=2, keep_blank_lines=True))])
    song = (
        "\n\n"
        "Ik loop alleen door de straat\n"
        "En denk aan jou\n"
        "\n\n\n"
        "Refrein:\n"  # one word: dropped
        "\n"
        "De maan schijnt zacht\n"
        "  \n"
        "Tot morgen schat\n"
        "\n\n"
    )
    result = chain.apply(song)
    assert result.text == (
        "Ik loop alleen door de straat\nEn denk aan jou\n\nDe maan schijnt zacht\n\nTot morgen schat"
    )
    assert [(r.line, r.reason) for r in result.removed_lines] == [(8, "short_line")]


def test_lyrics_preset_keeps_stanza_breaks(lyrics):
    song = (
        "\n"
        "Ik loop alleen door de stille straat\n"
        "En denk aan jou, mijn lieve schat\n"
        "\n\n\n"
        "Refrein:\n"
        "De maan schijnt zacht over het water\n"
        "Ik kom terug, vandaag of later\n"
        "\n"
        "Zij zong een lied voor mij alleen\n"
        "En samen liepen wij naar huis\n"
        "\n\n"
    )
    result = lyrics.apply(song)
    assert result.kept, result
    assert result.text == (
        "Ik loop alleen door de stille straat\n"
        "En denk aan jou, mijn lieve schat\n"
        "\n"
        "De maan schijnt zacht over het water\n"
        "Ik kom terug, vandaag of later\n"
        "\n"
        "Zij zong een lied voor mij alleen\n"
        "En samen liepen wij naar huis"
    )
    assert [(r.line, r.reason, r.text) for r in result.removed_lines] == [
        (7, "short_line", "Refrein:")
    ]


def test_modification_counts_every_change_and_shows_the_first_three_in_context():
    from filters.chain import modification

    before = "aaaaaaaaaaaaaaaaaaaa X bbbbbbbbbbbbbbbbbbbb Y cccccccccccccccccccc Z dddddddddddddddddddd W e"
    after = before.replace("X", "x1").replace("Y", "").replace("Z", "z").replace("W", "w")
    m = modification("repair", before, after)
    # X -> x1 (2), Y deleted (1), Z -> z (1), W -> w (1): every change counted ...
    assert (m.name, m.chars, m.refused) == ("repair", 5, False)
    # ... the first three shown with 15 characters either side, from the start of each text.
    assert m.examples == (
        ("aaaaaaaaaaaaaa X bbbbbbbbbbbbbb", "aaaaaaaaaaaaaa x1 bbbbbbbbbbbbbb"),
        ("bbbbbbbbbbbbbb Y cccccccccccccc", "bbbbbbbbbbbbbb  cccccccccccccc"),
        ("cccccccccccccc Z dddddddddddddd", "cccccccccccccc z dddddddddddddd"),
    )
    short = modification("repair", "A Zin", "B Zin")
    assert short.examples == (("A Zin", "B Zin"),)  # no context before the start


def test_a_dropped_document_keeps_the_lines_removed_and_the_rewrites_before_the_drop():
    """The audit shows why: the result of a dropped document still lists what the chain did
    to it first, line numbers counted from 1 in the original text."""
    from filters.bad_words import BadWords
    from filters.repair import Repair

    text = "Menu\nHet was een waanideeÃ«n van de kut gemeente, zei hij gisteren."
    result = FilterChain([Repair(), ShortLine(ShortLineParams(min_words=3)), BadWords()]).apply(
        text
    )
    assert (result.kept, result.text, result.reason) == (False, None, "bad_words")
    assert [(r.line, r.reason, r.text) for r in result.removed_lines] == [(1, "short_line", "Menu")]
    assert [m.name for m in result.modified] == ["repair"]


def test_a_modification_as_written_to_the_outputs_and_a_filter_as_printed():
    from filters.chain import Modification

    done = Modification("repair", 2, (("Ã«n", "ën"),))
    assert done.as_dict() == {"name": "repair", "chars": 2, "examples": [["Ã«n", "ën"]]}
    refused = Modification("repair_refused", 1, (("a", "б"),), True, "'aб' mixes б")
    assert refused.as_dict() == {"name": "repair_refused", "chars": 1, "examples": [["a", "б"]],
                                 "refused": True, "evidence": "'aб' mixes б"}  # fmt: skip
    shown = "ShortLine({'enabled': True, 'min_words': 4, 'keep_blank_lines': False})"
    assert repr(ShortLine(ShortLineParams(min_words=4))) == shown


def test_a_long_page_counts_only_the_characters_repaired():
    """difflib's autojunk treats characters that fill 1% of a text of 200 or more (spaces, e)
    as junk and then reports long stretches as changed; the count is of the repair alone."""
    from filters.repair import Repair

    page = (
        "De gemeente opent volgende week een nieuwe fietsenstalling bij het station. "
        "Op zaterdag is de markt open van negen tot vijf uur. "
        "Het museum toont deze zomer schilderijen uit de Gouden Eeuw. "
    ) * 2 + "Ook in de weekÃ«nden zijn we open."
    assert len(page) > 200
    (m,) = FilterChain([Repair()]).apply(page).modified
    assert (m.name, m.chars) == ("repair", 2)
    assert m.examples == ((" Ook in de weekÃ«nden zijn we op", " Ook in de weekënden zijn we op"),)


def test_a_refused_rewrite_counts_the_characters_it_would_have_changed():
    from filters.base import Refused
    from filters.chain import modification

    refused = Refused("Een aбc.", "'aбc' mixes б")
    m = modification("repair_refused", "Een aÐ±c.", refused.text, refused=refused)
    assert (m.name, m.chars, m.refused, m.evidence) == ("repair_refused", 2, True, "'aбc' mixes б")


def test_the_chain_names_its_modifiers_for_the_statistics():
    from filters.repair import Repair

    assert FilterChain([Repair(), ShortLine(), NoEndMark()]).modifiers == ("repair",)
    assert FilterChain([ShortLine()]).modifiers == ()


def test_a_modifier_after_a_line_filter_is_refused_with_the_reason():
    from filters.repair import Repair

    with pytest.raises(ValueError) as caught:
        FilterChain([ShortLine(), Repair()])
    assert str(caught.value) == (
        "modifier 'repair' must come before every line filter of the chain "
        "(removed-line numbers refer to the text it returns)"
    )


def test_a_line_filter_that_drops_the_document_keeps_the_rewrites_before_it():
    from filters.repair import Repair

    text = "De weekÃ«nden zijn druk.\nfunction() { return 1; }"
    result = FilterChain([Repair(), CurlyBrace()]).apply(text)
    assert (result.kept, result.reason, result.evidence) == (False, "curly_brace", "{")
    assert [(m.name, m.chars) for m in result.modified] == [("repair", 2)]
