"""`boilerplate` (drops the document) and `boilerplate_line` (drops the line)."""

from __future__ import annotations

import pytest

from filters.base import Drop
from filters.boilerplate import Boilerplate, BoilerplateParams
from filters.boilerplate_line import BoilerplateLine, BoilerplateLineParams
from filters.chain import FilterChain
from filters.short_line import ShortLine

# The mC4-nl dataset card's phrases, as the issue lists them.
MC4NL = [
    "javascript",
    "lorem ipsum",
    "lorum ipsum",
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
    "elementen ontbreken",
    "deze printversie",
]
C4_POLICY = [
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
]

CLEAN = "De bakker op de hoek verkoopt het lekkerste brood van de stad.\nIk koop er elke dag."


def test_default_phrases_are_the_cards():
    assert sorted(Boilerplate().params.phrases) == sorted(MC4NL)
    assert Boilerplate().params.scope == "document"


def test_clean_text_is_kept():
    assert Boilerplate().check_document(CLEAN) is None
    assert BoilerplateLine().check_line("De bakker verkoopt brood.") == "De bakker verkoopt brood."


@pytest.mark.parametrize("phrase", MC4NL)
@pytest.mark.parametrize("case", [str.lower, str.upper, str.title])
def test_each_card_phrase_drops_the_document_in_any_case(phrase, case):
    text = f"Welkom op onze site.\nHier staat {case(phrase)} in de tekst.\nTot ziens."
    assert Boilerplate().check_document(text) == Drop("boilerplate", phrase)


def test_phrases_are_substrings_not_words():
    # The card's rule is a plain substring test on the lower-cased document.
    assert Boilerplate().find("Zet JavaScript-ondersteuning aan.") == "javascript"


def test_document_scope_sees_the_whole_text_line_scope_only_kept_lines():
    text = "Privacy policy\n" + CLEAN  # the phrase sits on a two-word line
    document_scope = FilterChain([Boilerplate(), ShortLine()])
    line_scope = FilterChain([ShortLine(), Boilerplate(BoilerplateParams(scope="line"))])
    assert document_scope.apply(text).reason == "boilerplate"
    result = line_scope.apply(text)
    assert result.kept
    assert [(r.line, r.reason) for r in result.removed_lines] == [(1, "short_line")]
    assert result.text == CLEAN


def test_line_scope_drops_the_document_from_a_kept_line():
    f = Boilerplate(BoilerplateParams(scope="line", phrases=["lorem ipsum"]))
    assert f.on_lines
    assert f.check_line("Lorem ipsum dolor sit amet.") == Drop("boilerplate", "lorem ipsum")
    assert f.check_line("Lorum ipsum dolor sit amet.") == "Lorum ipsum dolor sit amet."
    result = FilterChain([f]).apply(CLEAN + "\nLorem ipsum dolor sit amet.")
    assert (result.kept, result.reason, result.evidence) == (False, "boilerplate", "lorem ipsum")


def test_boilerplate_line_defaults_are_cs_policy_phrases():
    assert BoilerplateLine().params.phrases == C4_POLICY


@pytest.mark.parametrize("phrase", C4_POLICY)
def test_boilerplate_line_drops_only_the_line(phrase):
    line = f"Lees onze {phrase.upper()} voordat u verdergaat."
    assert BoilerplateLine().check_line(line) == Drop("boilerplate_line", phrase, document=False)


def test_boilerplate_line_phrases_are_a_parameter():
    f = BoilerplateLine(BoilerplateLineParams(phrases=["Elementen ontbreken aan deze printversie"]))
    assert f.check_line("Sommige elementen ontbreken aan deze printversie.") == Drop(
        "boilerplate_line", "elementen ontbreken aan deze printversie", document=False
    )
    assert f.check_line("Lees onze privacy policy.") == "Lees onze privacy policy."


def test_the_first_phrase_in_list_order_is_the_evidence_and_non_ascii_phrases_match():
    from filters.boilerplate import PhraseFinder

    find = PhraseFinder(["één keer", "privacy policy", "policy"])
    assert find("Lees onze Privacy Policy, ÉÉN KEER.") == "één keer"  # listed first, found later
    assert find("our policy and privacy policy") == "privacy policy"
    assert find("Geen van alle, ook niet eén keer.") is None
    assert PhraseFinder(["policy", ""])("x") == ""  # an empty phrase is in every text
    assert PhraseFinder(["policy", ""])("a POLICY") == "policy"
    # Phrases inside phrases: every occurrence is seen, so list order still decides.
    assert PhraseFinder(["lorem ipsum", "rem"])("Lorem ipsum dolor") == "lorem ipsum"
