"""The Dutch sentence splitter: common abbreviations and initials do not end a sentence."""

from __future__ import annotations

import pytest

from filters.sentences import count_sentences, split_sentences


@pytest.mark.parametrize(
    "text",
    [
        "Neem bijv. Amsterdam als voorbeeld.",
        "Er kwamen o.a. Jan en Piet langs.",
        "Wij spraken met dhr. Pietersen over de zaak.",
        "Hij woont op nr. 12 in de Dorpsstraat.",
        "Het pakket is voor mevr. De Vries bestemd.",
        "Er waren ca. 300 bezoekers in de zaal.",
        "Dat staat op blz. 45 van het rapport.",
        "Het is een grote stad, d.w.z. Rotterdam of Amsterdam.",
        "Wij gaan met de trein i.p.v. De auto te nemen.",
        "Zie ook Prof. Jansen en Dr. Bakker op het congres.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text):
    assert count_sentences(text) == 1
    assert split_sentences(text) == [text]


def test_initials_do_not_end_a_sentence():
    text = "Het liedje is geschreven door J. P. Heije. Hij leefde in de negentiende eeuw."
    assert split_sentences(text) == [
        "Het liedje is geschreven door J. P. Heije.",
        "Hij leefde in de negentiende eeuw.",
    ]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Het regent. Het waait.", 2),
        ("Kom je morgen? Ja! Dat is fijn.", 3),
        ("Hij wachtte... En toen ging hij weg.", 2),
        ("Hij wachtte… Toen ging hij weg.", 2),
        ("Wat?! Nee toch. Echt waar?", 3),
        ('Ze zei: "Ik kom." Daarna vertrok ze.', 2),
        ("Het kost 12.50 euro. Dat is duur.", 2),
        ("Hoeveel is 3.5 keer 2?", 1),
        ("Een zin zonder punt", 1),
        ("Eén zin met een punt aan het eind.", 1),
        # "!", "?", "…" and repeated marks end a sentence even before a lower-case word.
        ("Stop! nu meteen.", 2),
        ("Echt? ja hoor.", 2),
        ("Wacht… nee.", 2),
        ("Hij wachtte.. en toen ging hij.", 2),
        # A period after a space closes a sentence; initials in brackets, or with dots, do not.
        ("Het was zo . Daarna ging hij.", 2),
        ("Een lied van (J. Heije) uit 1850.", 1),
        ("Het werk van M.C. Escher is bekend.", 1),
    ],
)
def test_end_marks(text, n):
    assert count_sentences(text) == n
    assert len(split_sentences(text)) == n


def test_a_lower_case_word_after_a_period_continues_the_sentence():
    assert count_sentences("Het was 5 uur. ongeveer dan.") == 1


@pytest.mark.parametrize("line", ["", "   ", "\t"])
def test_an_empty_line_has_no_sentences(line):
    assert count_sentences(line) == 0
    assert split_sentences(line) == []


def test_split_keeps_every_character_but_the_spaces_between_sentences():
    text = "Dhr. Jansen kwam. Hij bleef lang! Was het gezellig? Ja."
    parts = split_sentences(text)
    assert len(parts) == 4
    assert " ".join(parts) == text


def test_a_capital_x_is_an_initial_like_any_other_letter():
    assert split_sentences("Het boek is van X. Y. de Vries. Lees het.") == [
        "Het boek is van X. Y. de Vries.",
        "Lees het.",
    ]


def test_a_number_before_a_period_is_no_initial():
    assert split_sentences("Het antwoord is 3. Dat klopt.") == ["Het antwoord is 3.", "Dat klopt."]
    assert count_sentences("Het antwoord is 3. Dat klopt.") == 2
