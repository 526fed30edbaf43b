"""The language filter's backends: langdetect (the reference) and CLD2 (the fast one)."""

from __future__ import annotations

import pytest

from common.config import ConfigError
from filters.language import DEFAULT_MIN_PROBABILITY, Language, LanguageParams, cld2_probabilities
from pipeline.clean.chains import build_chain

GERMAN = (
    "Die Regierung hat am Dienstag einen neuen Plan vorgestellt, um die Wohnungsnot zu "
    "bekämpfen. Die Gemeinden bekommen zusätzliches Geld, müssen aber schneller Genehmigungen "
    "erteilen. Der Bundestag berät nächste Woche über den Vorschlag."
)
AFRIKAANS = (
    "Die regering het Dinsdag 'n nuwe plan voorgestel om die behuisingstekort aan te pak. "
    "Munisipaliteite sal ekstra geld kry, maar hulle moet permitte vinniger toestaan. "
    "Die parlement sal volgende week oor die voorstel debatteer."
)
# A small fixed set on which the backends must agree with langdetect (Dutch or not).
FIXED = {
    "Het regent al de hele dag in Amsterdam, en de grachten staan vol water. "
    "De gemeente vraagt bewoners hun fiets binnen te zetten.": True,
    "In de bibliotheek van Utrecht ligt sinds vorige week een oude kaart van de stad. "
    "Onderzoekers denken dat hij uit de zeventiende eeuw stamt.": True,
    "Mijn oma bakte elke zondag appeltaart. Het recept heeft ze nooit opgeschreven, "
    "maar mijn moeder weet het nog precies.": True,
    "The museum reopened on Monday after two years of renovation. Visitors queued "
    "outside the entrance long before the doors opened.": False,
    GERMAN: False,
    AFRIKAANS: False,
}


@pytest.fixture(scope="module")
def cld2() -> Language:
    return Language(LanguageParams(backend="cld2"))


def test_dutch_is_kept(cld2, news):
    assert cld2.check_document(news) is None
    assert cld2.probabilities(news)[0][0] == "nl"


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (AFRIKAANS, "af")])
def test_german_and_afrikaans_are_dropped_and_named(cld2, text, code):
    drop = cld2.check_document(text)
    assert drop is not None
    assert drop.reason == "language"
    assert drop.evidence.startswith(f"{code}:")
    assert "nl:0.00" in drop.evidence


def test_english_is_dropped(cld2, english):
    drop = cld2.check_document(english)
    assert drop is not None and drop.evidence.startswith("en:")


def test_the_verdict_is_deterministic(cld2, news):
    texts = [news, GERMAN, AFRIKAANS, "Hallo wereld", "Dit is een test"]
    first = [cld2.probabilities(t) for t in texts]
    again = Language(LanguageParams(backend="cld2"))
    assert [again.probabilities(t) for t in texts] == first
    assert [cld2.probabilities(t) for t in texts] == first


def test_the_backends_agree_on_a_fixed_set(cld2, language):
    for text, dutch in FIXED.items():
        assert (language.check_document(text) is None) is dutch, text
        assert (cld2.check_document(text) is None) is dutch, text


def test_undecidable_and_invalid_text(cld2):
    assert cld2.check_document("1234 5678 !!! ???").evidence == "undetermined"
    # CLD2 refuses control characters and lone surrogates; they are blanked out first.
    dutch = next(t for t, d in FIXED.items() if d)
    assert cld2.check_document(dutch.replace(" ", "\x00 ", 3) + "\ud800") is None
    assert cld2_probabilities(dutch)[0][0] == "nl"


def test_threshold_defaults_per_backend_and_can_be_set():
    assert LanguageParams().threshold == DEFAULT_MIN_PROBABILITY["langdetect"] == 0.9
    assert LanguageParams(backend="cld2").threshold == DEFAULT_MIN_PROBABILITY["cld2"]
    strict = Language(LanguageParams(backend="cld2", min_probability=1.01))
    assert strict.check_document(next(iter(FIXED))).evidence.startswith("nl:")


def test_the_backend_is_a_preset_parameter(news):
    chain = build_chain("mc4nl", {"language": {"backend": "cld2"}})
    assert chain.filters[-1].params.backend == "cld2"
    assert chain.apply(news + "\n" + news).kept
    with pytest.raises(ConfigError, match="backend"):
        build_chain("mc4nl", {"language": {"backend": "fasttext"}})


def test_agreement_with_langdetect_on_real_dutch(corpora, language, cld2):
    """On whole UD Dutch paragraphs and the UDHR in Dutch, English, German and Afrikaans."""
    docs = []
    for path in sorted(corpora.glob("ud_dutch_*/*test.conllu")):
        sents = [
            line[len("# text = ") :]
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# text = ")
        ]
        docs += [" ".join(sents[i : i + 8]) for i in range(0, len(sents), 8)]
    for code in ("nld", "eng", "deu", "afr"):
        lines = (corpora / "udhr" / f"{code}.txt").read_text(encoding="utf-8").splitlines()
        docs += [" ".join(lines[i : i + 6]) for i in range(0, len(lines), 6)]
    agree = sum(
        (language.check_document(d) is None) == (cld2.check_document(d) is None) for d in docs
    )
    assert agree / len(docs) >= 0.99


def test_cld2_shares_are_its_percentages_as_fractions():
    page = (
        "De gemeente opent volgende week een nieuwe fietsenstalling bij het station. "
        "Op zaterdag is de markt open van negen tot vijf uur."
    )
    assert cld2_probabilities(page) == [("nl", 0.99)]


def test_control_characters_are_blanked_not_replaced_by_letters():
    # A run of control bytes (a binary header pasted before the text) becomes spaces: the
    # short Dutch line after it still decides.
    assert [code for code, _ in cld2_probabilities("\x01" * 30 + "Het regent in Utrecht.")] == [
        "nl"
    ]
