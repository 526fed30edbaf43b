"""`repair`: broken text fixed before the rules, clean text never rewritten."""

from __future__ import annotations

import pytest

from filters.chain import FilterChain
from filters.repair import Repair, RepairParams
from filters.short_line import ShortLine, ShortLineParams


@pytest.fixture(scope="module")
def repair() -> Repair:
    return Repair()


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("waanideeÃ«n", "waanideeën"),  # UTF-8 read as cp1252
        ("spÃ¼r vÃ¶llig", "spür völlig"),
        ("HÃ\xadÂ©!", "Hí©!"),  # latin-1 bytes, a soft hyphen among them
        ("cafÃƒÂ©", "café"),  # the same mistake made twice
        ("Tom &amp; Jerry, &eacute;&eacute;n keer", "Tom & Jerry, één keer"),  # HTML entities
        ("e\u0301e\u0301n", "één"),  # decomposed accents composed (NFC)
    ],
)
def test_broken_text_is_repaired(repair, broken, fixed):
    assert repair.modify(broken) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "Hij zei: “kom je morgen?” en ‘ja’ zei ik.",  # curly quotes stay curly
        "De ﬁets en de ﬂuit.",  # ligatures stay
        "Prijs: １２ euro",  # full-width digits stay
        "Één café, drie ideeën en een reünie in Curaçao.",
        "Regel een\r\nregel twee\n\nregel drie",  # line breaks untouched
        "x < y & y > z",  # a real ampersand beside markup-like text
    ],
)
def test_clean_text_is_never_rewritten(repair, clean):
    if "&" in clean:
        # With entity repair off nothing may change; with it on, a bare `&` is no entity.
        assert Repair(RepairParams(html_entities=False)).modify(clean) == clean
    assert repair.modify(clean) == clean


def test_entities_can_be_left_alone():
    assert Repair(RepairParams(html_entities=False)).modify("A &amp; B") == "A &amp; B"


def test_the_chain_records_what_changed_and_lines_keep_their_numbers():
    chain = FilterChain([Repair(), ShortLine(ShortLineParams(min_words=3))])
    result = chain.apply("Menu\nDit zijn waanideeÃ«n van de wethouder.")
    assert result.kept and result.text == "Dit zijn waanideeën van de wethouder."
    (change,) = result.modified
    assert change.name == "repair" and change.chars == 2
    before, after = change.examples[0]
    assert "Ã«" in before and "ë" in after
    assert [(r.line, r.text) for r in result.removed_lines] == [(1, "Menu")]


def test_an_unchanged_document_records_nothing():
    assert FilterChain([Repair()]).apply("Gewone tekst met een ë.").modified == []


def test_a_modifier_after_a_line_filter_is_refused():
    with pytest.raises(ValueError, match="must come before every line filter"):
        FilterChain([ShortLine(), Repair()])
