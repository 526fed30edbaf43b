import json
import os
import subprocess
import sys

import numpy as np
import pytest
import xxhash

from pipeline.dedup.minhash import (
    MinHasher,
    band_keys,
    candidate_probability,
    document_sentences,
    exact_key,
    jaccard,
    lsh_threshold,
    normalise,
    remove_sentences,
    shingle_hash,
    shingle_hashes,
    shingles,
    span_keys,
    words,
)
from tests.conftest import ROOT

PARK = (
    "De gemeente Utrecht heeft dinsdag bekendgemaakt dat het nieuwe park in het voorjaar "
    "opengaat. Wethouder De Vries zei dat de bewoners een speeltuin, een vijver en een grote "
    "grasweide krijgen."
)


def test_normalise_folds_case_whitespace_and_punctuation():
    assert normalise("  Hallo,\tWERELD!\n\nHoe   gaat   het?  ") == "hallo wereld hoe gaat het"
    assert normalise("«Ça va?» — ‘ja’, zei ze…") == "ça va ja zei ze"
    assert normalise("Hallo,wereld") == normalise("Hallo, wereld")
    assert normalise("snake_case") == "snake case"


def test_normalise_is_unicode_aware():
    composed, decomposed = "café één", "cafe\u0301 e\u0301e\u0301n"
    assert normalise(composed) == normalise(decomposed) == "café één"
    assert normalise("ﬁets ＩＪS") == "fiets ijs"  # ligature and full-width letters
    assert normalise("STRAẞE") == "strasse"  # case folding, not lower()
    assert words("Één, twee; DRIE.") == ["één", "twee", "drie"]


def test_exact_key_equal_for_trivial_changes_and_different_otherwise():
    variant = "  de GEMEENTE utrecht heeft dinsdag bekendgemaakt, dat het nieuwe park in het voorjaar\n\nopengaat! Wethouder De Vries zei: dat de bewoners een speeltuin een vijver en een grote grasweide krijgen"
    assert exact_key(PARK) == exact_key(variant)
    assert exact_key(PARK) != exact_key(PARK.replace("dinsdag", "woensdag"))
    assert len(exact_key(PARK)) == 32


def test_shingles_are_word_ngrams_of_the_normalised_text():
    assert shingles("Een twee, drie vier VIJF zes.", n=5) == [
        "een twee drie vier vijf",
        "twee drie vier vijf zes",
    ]
    assert shingles("Kort bericht.", n=5) == ["kort bericht"]  # shorter than n: one shingle
    assert shingles(" ... ", n=5) == []


def test_shingle_hashes_are_the_hashes_of_the_shingles():
    expected = np.unique(np.array([shingle_hash(s) for s in shingles(PARK)], dtype=np.uint64))
    assert np.array_equal(shingle_hashes(PARK), expected)
    assert len(shingle_hashes("Kort bericht.")) == 1
    assert len(shingle_hashes("")) == 0
    assert shingle_hashes(PARK).dtype == np.uint64


def test_jaccard_on_sets_and_hash_arrays_agree():
    a = PARK
    b = PARK.replace("dinsdag", "woensdag")
    expected = jaccard(set(shingles(a)), set(shingles(b)))
    # 30 words: 26 shingles each; the changed word is in 5 of them, so 21 of 31 are shared.
    assert expected == pytest.approx(21 / 31)
    assert jaccard(shingle_hashes(a), shingle_hashes(b)) == pytest.approx(expected)
    assert jaccard(shingle_hashes(a), shingle_hashes(a)) == 1.0
    assert jaccard([], []) == 0.0
    assert jaccard({"x"}, {"y"}) == 0.0


def test_minhash_estimates_jaccard():
    hasher = MinHasher(num_perm=256, seed=1)
    base = " ".join(f"woord{i}" for i in range(200))
    for changed in (0, 10, 40, 100):
        other = " ".join(f"woord{i}" if i >= changed else f"ander{i}" for i in range(200))
        a, b = shingle_hashes(base), shingle_hashes(other)
        estimate = float(np.mean(hasher.signature(a) == hasher.signature(b)))
        assert estimate == pytest.approx(jaccard(a, b), abs=0.1)


def test_signature_shape_and_seed():
    hashes = shingle_hashes(PARK)
    sig = MinHasher(128, seed=42).signature(hashes)
    assert sig.shape == (128,) and sig.dtype == np.dtype("<u4")
    assert np.array_equal(sig, MinHasher(128, seed=42).signature(hashes))
    assert not np.array_equal(sig, MinHasher(128, seed=43).signature(hashes))
    with pytest.raises(ValueError, match="empty"):
        MinHasher().signature(shingle_hashes(""))


_IN_CHILD = """
import json, sys
from pipeline.dedup.minhash import MinHasher, band_keys, exact_key, shingle_hashes, span_keys
text = sys.argv[1]
sig = MinHasher(128, seed=42).signature(shingle_hashes(text))
print(json.dumps({
    "exact": exact_key(text),
    "signature": sig.tolist(),
    "bands": [k.hex() for k in band_keys(sig, 16, 8)],
    "spans": span_keys(text),
}))
"""


def _in_child(text: str, hash_seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run(
        [sys.executable, "-c", _IN_CHILD, text],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_keys_and_signatures_are_the_same_in_other_processes():
    text = PARK + "\nEr komen ook bankjes. De kosten zijn hoog. Iedereen is blij."
    sig = MinHasher(128, seed=42).signature(shingle_hashes(text))
    here = {
        "exact": exact_key(text),
        "signature": sig.tolist(),
        "bands": [k.hex() for k in band_keys(sig, 16, 8)],
        "spans": span_keys(text),
    }
    # Two children with different str hash salts: nothing may depend on Python's hash().
    assert _in_child(text, "1") == here
    assert _in_child(text, "2") == here


def test_keys_are_pinned():
    # A change of hash function or normalisation changes every key a stored corpus was
    # deduplicated with: these values must only change on purpose.
    assert exact_key("Hallo, wereld!") == xxhash.xxh3_128_hexdigest(b"hallo wereld")
    assert exact_key("Hallo wereld") == "d760c31f0dfd17fa50d90fb1511ef724"
    assert shingle_hash("hallo wereld") == 16863512162889708037
    pair = np.array([1 << 40, 7 << 50], dtype=np.uint64)
    assert MinHasher(4, seed=42).signature(pair).tolist() == [
        711896124,
        2053491563,
        440125043,
        1740087227,
    ]


def test_hashes_follow_their_definition_in_plain_integers():
    m = 2**64

    def mix(z):
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % m
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % m
        return z ^ (z >> 31)

    ws = [xxhash.xxh3_64_intdigest(w.encode()) for w in ["een", "twee", "drie", "vier", "vijf"]]
    horner = 0
    for h in ws:
        horner = (horner * 0x9E3779B97F4A7C15 + h) % m
    assert shingle_hash("een twee drie vier vijf") == mix(horner)

    hashes = shingle_hashes(PARK)
    sig = MinHasher(8, seed=7).signature(hashes)
    for i in range(8):
        a = xxhash.xxh3_64_intdigest(f"minhash:7:a:{i}".encode()) | 1
        b = xxhash.xxh3_64_intdigest(f"minhash:7:b:{i}".encode())
        assert sig[i] == min(((a * (int(x) >> 32) + b) % m) >> 32 for x in hashes)


def test_band_keys_match_per_band():
    sig = MinHasher(128, seed=42).signature(shingle_hashes(PARK))
    keys = band_keys(sig, 16, 8)
    assert len(keys) == 16 and len(set(keys)) == 16 and all(len(k) == 10 for k in keys)
    other = sig.copy()
    other[9] += 1  # inside band 1 (values 8-15)
    other_keys = band_keys(other, 16, 8)
    assert [a == b for a, b in zip(keys, other_keys, strict=True)] == [i != 1 for i in range(16)]
    # Equal values in different bands do not make a candidate: the band number is in the key.
    assert not set(keys) & set(band_keys(np.roll(sig, 8), 16, 8))
    with pytest.raises(ValueError):
        band_keys(sig[:100], 16, 8)


def test_s_curve():
    assert candidate_probability(0.8, 16, 8) == pytest.approx(0.947, abs=0.001)
    assert candidate_probability(0.8, 14, 8) == pytest.approx(0.924, abs=0.001)
    assert candidate_probability(0.9, 16, 8) > 0.999
    assert candidate_probability(0.3, 16, 8) < 0.002
    assert lsh_threshold(16, 8) == pytest.approx(0.707, abs=0.001)
    curve = [candidate_probability(s / 10, 16, 8) for s in range(11)]
    assert curve == sorted(curve) and curve[0] == 0.0 and curve[-1] == 1.0


DOC = "Het regent. Het waait hard.\nDe trein rijdt niet! Iedereen wacht.\n\nKoffie helpt."


def test_sentences_and_spans_cross_lines():
    assert document_sentences(DOC) == [
        (0, "Het regent."),
        (0, "Het waait hard."),
        (1, "De trein rijdt niet!"),
        (1, "Iedereen wacht."),
        (3, "Koffie helpt."),
    ]
    keys = span_keys(DOC, 3)
    assert len(keys) == 3
    # The second span: "Het waait hard. De trein rijdt niet! Iedereen wacht." in any case.
    assert span_keys("het waait HARD\nde trein rijdt niet. iedereen wacht", 3) == []  # 2 sentences
    assert span_keys("Het waait HARD. De trein rijdt niet. Iedereen wacht...", 3) == [keys[1]]


def test_spans_of_sentences_without_words_match_nothing():
    gaps = ". . . . .\n. . .\nHet waait hard. De trein rijdt niet. Iedereen wacht."
    keys = span_keys(gaps, 3)
    assert keys[:-1] == [None] * 8 and keys[-1] is not None
    assert span_keys(". . .\n. . .", 3) == [None] * 4  # two gap lines are no copy
    assert span_keys("Kort. Twee zinnen.", 3) == []


def test_remove_sentences_keeps_untouched_lines():
    assert remove_sentences(DOC, set()) == DOC
    assert remove_sentences(DOC, {1, 2}) == "Het regent.\nIedereen wacht.\n\nKoffie helpt."
    assert remove_sentences(DOC, {0, 1, 2, 3}) == "Koffie helpt."
    assert (
        remove_sentences(DOC, {4})
        == "Het regent. Het waait hard.\nDe trein rijdt niet! Iedereen wacht."
    )
