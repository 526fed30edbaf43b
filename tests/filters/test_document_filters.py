"""Document filters: `doc_length` and `short_document`."""

from __future__ import annotations

import pytest

from filters.base import Drop
from filters.doc_length import DocLength, DocLengthParams
from filters.short_document import ShortDocument, ShortDocumentParams

# --- doc_length --------------------------------------------------------------------------


@pytest.mark.parametrize("n", [500, 501, 50_000])
def test_doc_length_keeps_500_to_50000_characters(n):
    assert DocLength().check_document("a" * n) is None


def test_doc_length_drops_a_short_document():
    assert DocLength().check_document("a" * 499) == Drop("doc_length", "499 < 500 chars")


def test_doc_length_drops_a_long_document():
    assert DocLength().check_document("a" * 50_001) == Drop("doc_length", "50001 > 50000 chars")


def test_doc_length_counts_characters_not_bytes():
    assert DocLength(DocLengthParams(min_chars=5, max_chars=5)).check_document("één€") is not None
    assert DocLength(DocLengthParams(min_chars=5, max_chars=5)).check_document("ééné€") is None


# --- short_document ----------------------------------------------------------------------

FIVE = "Het regent. Het waait hard. De bus is laat.\nIk wacht al een uur. Morgen neem ik de fiets."


def test_short_document_keeps_five_sentences():
    assert ShortDocument().count(FIVE) == 5
    assert ShortDocument().check_document(FIVE) is None


def test_short_document_drops_four_sentences():
    four = "Het regent. Het waait hard.\nDe bus is laat.\nIk wacht al een uur."
    assert ShortDocument().check_document(four) == Drop("short_document", "4 sentences < 5")
    assert ShortDocument().check_document("Een zin.") == Drop("short_document", "1 sentence < 5")


def test_short_document_sums_sentences_per_line():
    # A line break ends a sentence even without punctuation: each line is counted on its own.
    assert ShortDocument().count("Een regel zonder punt\nNog een\nEn nog een. En deze.") == 4


def test_short_document_does_not_count_abbreviations_as_sentence_ends():
    text = "Dhr. Jansen woont o.a. in Delft. Hij werkt bijv. bij nr. 12 in de straat."
    assert ShortDocument().count(text) == 2


def test_short_document_can_count_lines():
    f = ShortDocument(ShortDocumentParams(min_sentences=4, unit="lines"))
    song = "Ik loop alleen\nDoor de straat\n\nEn denk aan jou"
    assert f.count(song) == 3
    assert f.check_document(song) == Drop("short_document", "3 lines < 4")
    assert f.check_document(song + "\nMijn lieve schat") is None


def test_counting_lines_counts_a_line_of_several_sentences_once():
    f = ShortDocument(ShortDocumentParams(min_sentences=3, unit="lines"))
    text = "Ja. Nee. Misschien.\nDat is alles."
    assert f.count(text) == 2
    assert f.check_document(text) == Drop("short_document", "2 lines < 3")
