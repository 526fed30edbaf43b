"""The presets end to end on small Dutch documents, and building chains from overrides."""

from __future__ import annotations

import pytest

from common.config import ConfigError
from filters.presets import FILTERS, PRESETS, UnknownPresetError, preset_steps
from pipeline.clean.chains import build_chain


def removed(result):
    return [(r.line, r.reason) for r in result.removed_lines]


def outcome(result):
    return (result.kept, result.reason, result.evidence)


def test_the_presets():
    assert set(PRESETS) == {"mc4nl", "c4nlpreproc", "lyrics"}
    for steps in PRESETS.values():
        keys = [key for key, _, _ in steps]
        assert len(keys) == len(set(keys))
        assert all(name in FILTERS for _, name, _ in steps)


# --- mc4nl -------------------------------------------------------------------------------


def test_mc4nl_order_is_the_cards_with_language_last(mc4nl):
    # Repair first: not on the card, but every rule after it must see the real characters.
    assert [f.name for f in mc4nl.filters] == [
        "repair",
        "bad_words",
        "boilerplate",
        "long_word",
        "short_line",
        "short_document",
        "language",
    ]


def test_mc4nl_keeps_a_clean_dutch_news_paragraph_unchanged(mc4nl, news):
    result = mc4nl.apply(news)
    assert outcome(result) == (True, None, None)
    assert result.text == news
    assert result.removed_lines == []


def test_mc4nl_keeps_a_one_line_paragraph_of_five_sentences(mc4nl):
    text = (
        "Dhr. Jansen opende zaterdag o.a. de nieuwe bibliotheek in Zwolle. "
        "Er kwamen ca. 300 bezoekers. De kinderen kregen een gratis boek. "
        "Het gebouw heeft drie verdiepingen. De gemeente betaalde het grootste deel."
    )
    assert mc4nl.apply(text).text == text


def test_mc4nl_bad_words(mc4nl, news):
    result = mc4nl.apply(news + "\nDie klootzak van de overkant deed het weer.")
    assert outcome(result) == (False, "bad_words", "klootzak")


def test_mc4nl_bad_words_look_at_lines_that_would_be_dropped(mc4nl, news):
    assert mc4nl.apply("Kut!\n" + news).reason == "bad_words"


def test_mc4nl_everyday_words_do_not_drop_a_document(mc4nl, news):
    text = news + "\nMijn schatje zet een pot thee en gaat daarna het gras maaien."
    assert mc4nl.apply(text).kept


def test_mc4nl_boilerplate_on_the_whole_document(mc4nl, news):
    # The phrase is on a line short_line would remove: the card checks the whole page.
    result = mc4nl.apply("Cookie Policy\n" + news)
    assert outcome(result) == (False, "boilerplate", "cookie policy")
    result = mc4nl.apply(news + "\nSommige elementen ontbreken in deze versie.")
    assert outcome(result) == (False, "boilerplate", "elementen ontbreken")


def test_mc4nl_long_word_drops_the_line(mc4nl, news):
    line = "Download via " + "x" * 1001 + " vandaag nog."
    result = mc4nl.apply(line + "\n" + news)
    assert result.kept
    assert removed(result) == [(1, "long_word")]
    assert result.text == news


def test_mc4nl_keeps_a_word_of_1000_characters(mc4nl, news):
    line = "Download via " + "woningnood" * 100 + " vandaag nog."  # Dutch enough for langdetect
    result = mc4nl.apply(news + "\n" + line)
    assert result.kept
    assert result.removed_lines == []


def test_mc4nl_short_lines_are_dropped_and_the_rest_kept(mc4nl, news):
    text = "Home\nNieuws Sport\n\n" + news + "\n\nDeel dit\n"
    result = mc4nl.apply(text)
    assert result.kept
    assert removed(result) == [(n, "short_line") for n in (1, 2, 3, 11, 12, 13)]
    assert result.text == news


def test_mc4nl_lines_without_end_marks_are_kept(mc4nl, news):
    result = mc4nl.apply(news + "\nLees hier meer over dit onderwerp")
    assert result.kept
    assert result.text.endswith("Lees hier meer over dit onderwerp")


def test_mc4nl_short_document(mc4nl, news):
    four = "\n".join(news.split("\n")[:4])
    assert outcome(mc4nl.apply(four)) == (False, "short_document", "4 sentences < 5")


def test_mc4nl_short_document_counts_only_remaining_lines(mc4nl, news):
    four = "\n".join(news.split("\n")[:4])
    assert mc4nl.apply(four + "\nJa. Nee.").reason == "short_document"  # two-word line dropped


def test_mc4nl_language_drops_english(mc4nl, english):
    result = mc4nl.apply(english)
    assert result.kept is False
    assert result.reason == "language"
    assert result.evidence.startswith("en:")


# --- c4nlpreproc ------------------------------------------------------------------------


def test_c4nlpreproc_does_not_repair(c4nlpreproc):
    """It stays exactly the reference code, which had no repair step."""
    text = "Het was een mooie dag in Utrecht, zei de wethouder. " * 12 + "\nWaanideeÃ«n."
    assert "repair" not in [f.name for f in c4nlpreproc.filters]
    assert c4nlpreproc.apply(text).modified == []


def test_c4nlpreproc_order(c4nlpreproc):
    assert [key for key, _, _ in preset_steps("c4nlpreproc")] == [
        "bad_words",
        "long_word",
        "citations",
        "no_end_mark",
        "short_line",
        "boilerplate",
        "javascript",
        "curly_brace",
        "boilerplate_line",
        "short_document",
        "doc_length",
    ]
    assert "language" not in [f.name for f in c4nlpreproc.filters]


def test_c4nlpreproc_keeps_clean_news(c4nlpreproc, news):
    assert len(news) >= 500
    result = c4nlpreproc.apply(news)
    assert outcome(result) == (True, None, None)
    assert result.text == news


def test_c4nlpreproc_bad_words_on_the_raw_document_first(c4nlpreproc, news):
    # The term sits on a line that the line rules would remove (no end mark, one word).
    result = c4nlpreproc.apply("Klootzak\n" + news)
    assert outcome(result) == (False, "bad_words", "klootzak")


def test_c4nlpreproc_long_word_over_250_drops_the_line(c4nlpreproc, news):
    long_line = "Zie " + "y" * 251 + " voor alles."
    ok_line = "Zie " + "y" * 250 + " voor alles."
    result = c4nlpreproc.apply(long_line + "\n" + ok_line + "\n" + news)
    assert result.kept
    assert removed(result) == [(1, "long_word")]
    assert result.text == ok_line + "\n" + news


@pytest.mark.parametrize("mark", ["[12]", "[edit]", "[citation needed]", "[]"])
def test_c4nlpreproc_deletes_citations_before_the_end_mark_check(c4nlpreproc, news, mark):
    line = f"De stad telt ruim honderdduizend inwoners.{mark}"
    result = c4nlpreproc.apply(line + "\n" + news)
    assert result.kept
    assert result.removed_lines == []
    assert result.text.split("\n")[0] == "De stad telt ruim honderdduizend inwoners."


@pytest.mark.parametrize(
    "line",
    [
        "Lees verder op onze website",
        "Meer nieuws uit de regio:",
        "Het verhaal gaat nog verder...",
        "Prijs vanaf 12 euro (incl. btw)",
    ],
)
def test_c4nlpreproc_drops_lines_without_an_end_mark(c4nlpreproc, news, line):
    result = c4nlpreproc.apply(news + "\n" + line)
    assert result.kept
    assert removed(result) == [(8, "no_end_mark")]
    assert result.text == news


@pytest.mark.parametrize(
    "line",
    ["Waarom duurt dit zo lang?", "Wat een prachtige dag!", 'De minister zei: "Wij gaan door."'],
)
def test_c4nlpreproc_keeps_lines_ending_in_question_exclamation_or_quote(c4nlpreproc, news, line):
    result = c4nlpreproc.apply(news + "\n" + line)
    assert result.kept
    assert result.text == news + "\n" + line


def test_c4nlpreproc_drops_lines_of_fewer_than_three_words(c4nlpreproc, news):
    result = c4nlpreproc.apply("Goed nieuws!\n" + news + "\nEen twee drie.")
    assert removed(result) == [(1, "short_line")]
    assert result.text == news + "\nEen twee drie."


def test_c4nlpreproc_lorem_ipsum_in_a_kept_line_drops_the_document(c4nlpreproc, news):
    result = c4nlpreproc.apply(news + "\nLorem ipsum dolor sit amet, consectetur adipiscing elit.")
    assert outcome(result) == (False, "boilerplate", "lorem ipsum")


def test_c4nlpreproc_lorem_ipsum_in_a_dropped_line_does_not(c4nlpreproc, news):
    result = c4nlpreproc.apply(news + "\nLorem ipsum dolor sit amet")  # no end mark
    assert result.kept
    assert removed(result) == [(8, "no_end_mark")]
    result = c4nlpreproc.apply("Lorem ipsum.\n" + news)  # two words
    assert result.kept
    assert removed(result) == [(1, "short_line")]


def test_c4nlpreproc_only_lorem_ipsum_drops_the_document(c4nlpreproc, news):
    # The code checks "lorem ipsum" only; the card's other phrases are line rules or absent.
    result = c4nlpreproc.apply(news + "\nDe tekst lorum ipsum is een bekende vultekst.")
    assert result.kept
    result = c4nlpreproc.apply(
        news + "\nTwee elementen ontbreken nog in de collectie van het museum."
    )
    assert result.kept
    assert result.removed_lines == []


def test_c4nlpreproc_javascript_drops_the_line(c4nlpreproc, news):
    result = c4nlpreproc.apply("Schakel JavaScript in om deze pagina te bekijken.\n" + news)
    assert result.kept
    assert [(r.line, r.reason, r.evidence) for r in result.removed_lines] == [
        (1, "boilerplate_line", "javascript")
    ]
    assert result.text == news


def test_c4nlpreproc_curly_brace_in_a_kept_line_drops_the_document(c4nlpreproc, news):
    result = c4nlpreproc.apply(news + "\nVul je naam in op de plek van {naam} in het formulier.")
    assert outcome(result) == (False, "curly_brace", "{")


def test_c4nlpreproc_javascript_line_with_a_brace_is_dropped_as_a_line_first(c4nlpreproc, news):
    result = c4nlpreproc.apply(news + "\nDeze javascript code doet function() { return 1; }.")
    assert result.kept
    assert removed(result) == [(8, "boilerplate_line")]


def test_c4nlpreproc_brace_in_a_dropped_line_does_not_drop_the_document(c4nlpreproc, news):
    result = c4nlpreproc.apply(news + "\nvar instellingen = {")
    assert result.kept
    assert removed(result) == [(8, "no_end_mark")]


@pytest.mark.parametrize(
    "phrase",
    [
        "terms of use",
        "privacy policy",
        "cookie policy",
        "uses cookies",
        "use of cookies",
        "use cookies",
        "elementen ontbreken aan deze printversie",
    ],
)
def test_c4nlpreproc_policy_phrases_drop_the_line(c4nlpreproc, news, phrase):
    line = f"Let op: {phrase.capitalize()} geldt voor deze pagina."
    result = c4nlpreproc.apply(news + "\n" + line)
    assert result.kept
    assert [(r.line, r.reason, r.evidence) for r in result.removed_lines] == [
        (8, "boilerplate_line", phrase)
    ]
    assert result.text == news


def test_c4nlpreproc_short_document(c4nlpreproc, news):
    lines = news.split("\n")
    four = "\n".join(lines[:4])
    assert outcome(c4nlpreproc.apply(four)) == (False, "short_document", "4 sentences < 5")
    # Dropped lines count for nothing: five sentences, but the fifth lacks an end mark.
    assert c4nlpreproc.apply(four + "\n" + lines[4][:-1]).reason == "short_document"


def test_c4nlpreproc_counts_sentences_within_a_line(c4nlpreproc):
    text = (
        "Het kabinet presenteerde dinsdag een plan tegen de woningnood in het hele land. "
        "Gemeenten krijgen extra geld. Zij moeten wel sneller vergunningen verlenen aan bouwers. "
        "Woningcorporaties zijn voorzichtig positief over de plannen van het kabinet. "
        "De bouwkosten zijn de afgelopen jaren flink gestegen door dure materialen en personeel. "
        "De Tweede Kamer debatteert volgende week over het voorstel van de minister van Wonen. "
        "Een besluit over de financiering van de plannen wordt nog voor de zomer verwacht."
    )
    assert len(text) >= 500
    assert c4nlpreproc.apply(text).kept


def test_c4nlpreproc_doc_length_too_short(c4nlpreproc):
    text = "Het regent weer.\nHet waait erg hard.\nDe bus is laat.\nIk wacht al lang.\nIk ga lopen."
    assert len(text) < 500
    result = c4nlpreproc.apply(text)
    assert result.kept is False
    assert result.reason == "doc_length"
    assert result.evidence == f"{len(text)} < 500 chars"


def test_c4nlpreproc_doc_length_counts_the_joined_kept_lines(c4nlpreproc, news):
    # 540-odd characters of input, but after dropping a line fewer than 500 remain.
    lines = news.split("\n")
    text = (
        "\n".join(lines[:5])
        + "\nDeze laatste regel heeft geen punt aan het einde en gaat dus helemaal nergens heen"
    )
    assert len(text) >= 500
    assert c4nlpreproc.apply(text).reason == "doc_length"


def test_c4nlpreproc_doc_length_too_long(c4nlpreproc, news):
    text = "\n".join([news] * 100)
    assert len(text) > 50_000
    result = c4nlpreproc.apply(text)
    assert result.reason == "doc_length"
    assert result.evidence.endswith("> 50000 chars")


# --- lyrics ------------------------------------------------------------------------------


def test_lyrics_needs_no_end_marks_and_counts_lines(lyrics):
    assert [f.name for f in lyrics.filters] == [
        "repair",
        "bad_words",
        "boilerplate",
        "long_word",
        "short_line",
        "short_document",
        "language",
    ]
    song = "Ik loop alleen door de stille straat\nEn denk aan jou mijn lieve schat\n"
    result = lyrics.apply(song)
    assert (result.reason, result.evidence) == ("short_document", "2 lines < 4")


# --- building chains ---------------------------------------------------------------------


def test_an_unknown_preset_lists_the_known_ones():
    with pytest.raises(UnknownPresetError, match="'mc5'.*c4nlpreproc, lyrics, mc4nl"):
        build_chain("mc5")


def test_an_unknown_override_lists_the_presets_filters():
    with pytest.raises(ConfigError) as e:
        build_chain("c4nlpreproc", {"taal": {"min_probability": 0.5}})
    message = str(e.value)
    assert "'taal'" in message
    assert "bad_words, long_word, citations, no_end_mark, short_line" in message
    assert "javascript" in message


def test_an_unknown_parameter_names_the_key():
    with pytest.raises(ConfigError, match=r"short_document.*'min_zinnen'.*min_sentences"):
        build_chain("c4nlpreproc", {"short_document": {"min_zinnen": 3}})


@pytest.mark.parametrize(
    ("override", "key"),
    [
        ({"short_document": {"min_sentences": "vijf"}}, "short_document.min_sentences"),
        ({"short_line": {"min_words": 2.5}}, "short_line.min_words"),
        ({"boilerplate": {"phrases": "lorem ipsum"}}, "boilerplate.phrases"),
        ({"boilerplate": {"scope": "pagina"}}, "boilerplate.scope"),
        ({"long_word": {"enabled": "nee"}}, "long_word.enabled"),
    ],
)
def test_a_wrong_type_names_the_key(override, key):
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        build_chain("c4nlpreproc", override, where="params.yaml: sources.web.filters")


def test_overrides_replace_preset_defaults(news):
    chain = build_chain("c4nlpreproc", {"short_document": {"min_sentences": 8}, "doc_length": None})
    assert chain.apply(news).reason == "short_document"
    assert build_chain("c4nlpreproc", {"doc_length": {"min_chars": 600}}).apply(news).reason == (
        "doc_length"
    )


def test_a_step_key_overrides_only_its_step(news):
    # c4nlpreproc uses boilerplate_line twice; "javascript" is the first one's key.
    chain = build_chain("c4nlpreproc", {"javascript": {"enabled": False}})
    result = chain.apply(news + "\nSchakel JavaScript in om deze pagina te bekijken.")
    assert result.kept
    assert result.removed_lines == []
    result = chain.apply(news + "\nLees onze privacy policy voor meer informatie.")
    assert removed(result) == [(8, "boilerplate_line")]


def test_c4nlpreproc_lorem_ipsum_wins_over_javascript_on_the_same_line(c4nlpreproc, news):
    # C4 checks "lorem ipsum" (drop the page) before "javascript" (drop the line).
    result = c4nlpreproc.apply(news + "\nLorem ipsum en javascript staan in deze zin.")
    assert outcome(result) == (False, "boilerplate", "lorem ipsum")


def test_c4nlpreproc_a_brace_wins_over_a_policy_phrase_on_the_same_line(c4nlpreproc, news):
    # `{` (drop the page) is checked before the policy phrases (drop the line).
    result = c4nlpreproc.apply(news + "\nOnze privacy policy staat in {dit} document.")
    assert outcome(result) == (False, "curly_brace", "{")
