"""`repair`: broken text fixed before the rules, clean text never rewritten."""

from __future__ import annotations

import random

import pytest

from filters.base import Refused
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


# -- the detector: ftfy sees only what it could change -----------------------------------------


def _fuzz_strings(seed: int, n: int) -> list[str]:
    """Short strings drawn from every character the encodings ftfy tries can produce, with
    the ASCII that its rules look at (`?`, space, `&`, `;`) and a few far-away scripts."""
    import ftfy.bad_codecs  # noqa: F401
    from ftfy import chardata

    pool = set("abeAZ ?&;#1\n") | {"é", "ë", "\ufffd", "\u0301", "탩", "\x1b", "&amp;", "\xa0"}
    for encoding in chardata.CHARMAP_ENCODINGS:
        pool |= {bytes([b]).decode(encoding, errors="ignore") for b in range(0x80, 0x100)}
    pool = sorted(pool - {""})
    rng = random.Random(seed)
    return ["".join(rng.choices(pool, k=rng.randint(1, 6))) for _ in range(n)]


def _fuzz_mojibake(seed: int, n: int) -> list[str]:
    """Real mojibake, damaged: random text in many scripts as UTF-8, read in one of the
    encodings ftfy tries, then a character dropped, replaced (by a space, `?`, U+FFFD) or
    added, as copy-and-paste and lossy converters do."""
    import ftfy.bad_codecs  # noqa: F401
    from ftfy import chardata

    source = list("abcdefgh éëïöüàçñ€“”‘’—–…«»©°ßÅΩπжщ탩ツ😀\xa0?")
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = "".join(rng.choices(source, k=rng.randint(1, 10)))
        chars = list(text.encode("utf-8").decode(rng.choice(chardata.CHARMAP_ENCODINGS), "replace"))
        for _ in range(rng.randint(0, 2)):
            i = rng.randrange(len(chars))
            op = rng.randrange(3)
            if op == 0:
                del chars[i]
            elif op == 1:
                chars[i] = rng.choice([" ", "?", "\ufffd", *source])
            else:
                chars.insert(i, rng.choice(source))
            if not chars:
                break
        out.append("".join(chars))
    return out


def _fuzz_sequences(seed: int, n: int) -> list[str]:
    """Broken UTF-8 as ftfy restores it: in one of its encodings, a lead character, then
    continuations or what its repairs accept in their place (space, `?`, U+FFFD)."""
    import ftfy.bad_codecs  # noqa: F401
    from ftfy import chardata

    def decoded(encoding: str, lo: int, hi: int) -> list[str]:
        chars = {bytes([b]).decode(encoding, errors="ignore") for b in range(lo, hi + 1)}
        return sorted(chars - {""})

    tables = [(decoded(e, 0xC0, 0xF4), decoded(e, 0x80, 0xBF)) for e in chardata.CHARMAP_ENCODINGS]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        leads, continuations = rng.choice(tables)
        tail = [rng.choice([" ", "?", "\ufffd", *rng.choices(continuations, k=4)])]
        tail += rng.choices(continuations, k=rng.randint(0, 2))
        out.append(rng.choice(["", "l", "a "]) + rng.choice(leads) + "".join(tail))
    return out


@pytest.mark.parametrize("strings", [_fuzz_strings, _fuzz_mojibake, _fuzz_sequences])
def test_what_the_detector_passes_over_ftfy_would_leave_alone(repair, strings):
    """The detector is sound: of 100,000 strings made to look like mojibake, every one it does
    not flag is one that ftfy, as `Repair` configures it, returns unchanged."""
    import ftfy

    missed = [
        s
        for s in strings(seed=13, n=100_000)
        if not repair.suspect(s) and ftfy.fix_text(s, repair._config) != s
    ]
    assert missed == []


@pytest.mark.parametrize(
    "clean",
    [
        "Wat is een café? Eén reünie, drie ideeën en een geüpdatete privé-app.",
        "Hij las ‘De Avonden’ van Gerard Reve — een roman uit 1947.",
        "Prijs € 12,50 per persoon; kinderen tot 12 jaar gratis.",
        "Tom & Jerry en R&D op één regel.",
    ],
)
def test_clean_dutch_does_not_reach_ftfy(repair, clean):
    assert not repair.suspect(clean)


def _garble(text: str, encoding: str, times: int) -> str:
    """UTF-8 read as `encoding`, `times` times over: what a wrong charset header does."""
    import ftfy.bad_codecs  # noqa: F401

    for _ in range(times):
        text = text.encode("utf-8").decode(encoding)
    return text


def _ud_sentences(corpora, limit: int = 600) -> list[str]:
    """UD Dutch sentences (Alpino and LassySmall) with a character outside ASCII."""
    out = []
    for path in sorted(corpora.glob("ud_dutch_*/*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = ") and not line.isascii():
                out.append(line[len("# text = ") :])
    return out[:limit]


@pytest.mark.parametrize("encoding", ["sloppy-windows-1252", "latin-1"])
@pytest.mark.parametrize("times", [1, 2])
def test_garbled_ud_sentences_are_all_detected_and_repaired(repair, corpora, encoding, times):
    """Every garbled sentence reaches ftfy, and comes out as ftfy alone makes it: the
    original in all but a few cases ftfy cannot tell (`KÃ¥fjord`)."""
    import ftfy

    sentences = _ud_sentences(corpora)
    assert len(sentences) == 600
    garbled = [_garble(s, encoding, times) for s in sentences]
    assert all(repair.suspect(g) for g in garbled)
    repaired = [repair.modify(g) for g in garbled]
    assert repaired == [ftfy.fix_text(g, repair._config) for g in garbled]
    assert sum(r == s for r, s in zip(repaired, sentences, strict=True)) >= 0.99 * len(sentences)


def test_clean_ud_sentences_are_never_rewritten(repair, corpora):
    sentences = _ud_sentences(corpora, limit=10_000)
    assert [s for s in sentences if repair.modify(s) != s] == []


# -- a repair that makes text worse is refused --------------------------------------------------

# An odd mangling of é seen on real lyrics: ftfy reads `íƒ©` as the UTF-8 of a Hangul syllable.
ODD_E = "íƒ©"


def test_a_fix_into_another_script_is_refused(repair):
    text = f"Ik wil {ODD_E}{ODD_E}n soort geluk"
    refused = repair.modify(text)
    assert isinstance(refused, Refused)
    assert refused.text == "Ik wil 탩탩n soort geluk"
    assert "HANGUL" in refused.evidence


def test_a_refused_fix_keeps_the_text_and_is_recorded_by_the_chain():
    chain = FilterChain([Repair(), ShortLine(ShortLineParams(min_words=3))])
    text = f"Er is maar {ODD_E}{ODD_E}n soort geluk\nen dat is het hier."
    result = chain.apply(text)
    assert result.kept and result.text == text
    (change,) = result.modified
    assert change.name == "repair_refused" and change.refused
    assert "HANGUL" in change.evidence and "탩" in change.examples[0][1]


def test_the_scripts_of_the_language_decide_what_a_fix_may_introduce():
    text = f"{ODD_E}{ODD_E}n keer"
    assert Repair(RepairParams(scripts=["Latin", "Hangul"])).modify(text) == "탩탩n keer"


def test_refusals_on_ud_sentences_with_the_odd_mangling(repair, corpora):
    """Every UD sentence with an é, that é mangled as on the lyrics: each fix is refused and
    the sentence comes through as it was."""
    sentences = [s for s in _ud_sentences(corpora, limit=10_000) if "é" in s]
    assert len(sentences) > 20
    for sentence in sentences:
        mangled = sentence.replace("é", ODD_E)
        result = FilterChain([Repair()]).apply(mangled)
        assert result.text == mangled
        assert [m.name for m in result.modified] == ["repair_refused"]


def test_a_foreign_letter_standing_alone_is_repaired(repair):
    """π in Dutch prose, garbled: the word is π alone, no mixed script, so the fix is kept."""
    text = "de waarde van π is geen breuk"
    assert repair.modify(_garble(text, "sloppy-windows-1252", 1)) == text


def test_a_script_already_on_the_page_is_no_licence_to_mix_it_into_words(repair):
    """The page quotes Hangul; the fix still puts Hangul into a Dutch word: refused."""
    refused = repair.modify(f"탩 is Koreaans; ik wil {ODD_E}{ODD_E}n soort geluk")
    assert isinstance(refused, Refused) and "'탩탩n' mixes" in refused.evidence


def test_a_foreign_word_already_there_does_not_block_another_fix(repair):
    assert repair.modify("Ωmega en waanideeÃ«n") == "Ωmega en waanideeën"


def test_only_the_encoding_is_fixed_quotes_ligatures_widths_and_line_breaks_stay():
    """ftfy's other fixes are off: curly quotes, the ﬁ ligature, a full-width letter and a
    Windows line break are the writer's, kept exactly while the mojibake beside them is fixed."""
    text = "Het was een “waanideeÃ«n” ﬁets Ａ\r\nklaar"
    assert Repair().modify(text) == "Het was een “waanideeën” ﬁets Ａ\r\nklaar"


def test_html_entities_are_unescaped_by_default():
    assert Repair().modify("A &amp; B &eacute;&eacute;n") == "A & B één"


def test_nfc_composes_a_decomposed_letter_and_none_keeps_it():
    decomposed = "cafe\u0301 en ide\u0301e"
    assert Repair().modify(decomposed) == "café en idée"
    assert Repair(RepairParams(normalization="none")).modify(decomposed) == decomposed
    # With "none", mojibake is still fixed, and the decomposed letter beside it kept.
    kept = Repair(RepairParams(normalization="none")).modify("waanideeÃ«n cafe\u0301")
    assert kept == "waanideeën cafe\u0301"


def test_with_entities_left_alone_the_mojibake_beside_one_is_still_fixed():
    # ftfy's own default ("auto") would unescape the entity of a text without tags.
    assert Repair(RepairParams(html_entities=False)).modify("IdeeÃ«n &amp; plannen") == (
        "Ideeën &amp; plannen"
    )


def test_a_refused_letter_without_a_unicode_name_is_named_by_its_code_point(repair):
    # Python's tables give Tangut ideographs no name; here one is read as latin-1 (with C1
    # controls) and glued to a Dutch word.
    garbled = "Het logo" + "\U00017000".encode().decode("latin-1") + "x is vreemd."
    refused = repair.modify(garbled)
    assert refused == Refused(
        "Het logo\U00017000x is vreemd.",
        "'logo\U00017000x' mixes \U00017000 (U+17000) with ['Latin']",
    )


def test_a_detector_built_afresh_flags_mojibake_and_passes_clean_dutch(repair):
    """`_detector` is built once per process (cached): only the first test that makes a
    `Repair` runs its construction, and a mutation tool that runs each change with the tests
    that reached it would run it with that test alone. Built again here and checked."""
    import ftfy

    from filters.repair import _detector

    fresh = _detector.__wrapped__(True)
    garbled = [s for s in _fuzz_sequences(seed=7, n=3000) if ftfy.fix_text(s, repair._config) != s]
    assert len(garbled) > 500
    assert [s for s in garbled if not fresh(s)] == []
    assert fresh("Het was een waanideeÃ«n van de gemeente.")
    clean = "Wat is een café? Eén reünie, drie ideeën en een geüpdatete privé-app."
    assert not fresh(clean)
    assert not fresh("Hij las ‘De Avonden’ van Gerard Reve — een roman uit 1947.")
