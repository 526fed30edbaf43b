"""Duplicate detection, pure Python: exact keys, word shingles, MinHash with LSH banding and
C4's three-sentence spans. No Beam here; `pipeline.dedup.rules` builds the dedup rules on
them and `pipeline.dedup.transform` wires those into a pipeline.

Everything that becomes a key is computed with XXH3 (`xxhash`, a dependency of `datasets`),
whose output is fixed by its specification: keys, signatures and band keys are the same in
every process, on every machine and in every run (Python's `hash()` is salted per process and
is never used). The shingle hashes are 64 bits, so the exact Jaccard of two documents is
computed on hashes: two distinct shingles collide with probability 2^-64.

The near-duplicate rule follows the MinHash-LSH recipe of Broder (1997) and Leskovec, Rajaraman
and Ullman, *Mining of Massive Datasets*, ch. 3, as used for FineWeb (datatrove: 5-gram word
shingles, 14 bands of 8 rows). A pair of documents with Jaccard similarity `s` becomes a
candidate with probability `1 - (1 - s**rows) ** bands` (the S-curve, `candidate_probability`);
every candidate is then checked on its true Jaccard, so LSH only decides what is compared and
never drops a document by itself.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import xxhash

from filters.sentences import split_sentences

# Anything that is not a letter or a digit (Unicode-aware: `\w` covers every script's letters
# and digits) is a separator; `_` counts as punctuation. A run of separators becomes one space.
_SEPARATORS = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """The text as exact deduplication compares it: NFKC, case folded, punctuation and symbols
    replaced by spaces, whitespace collapsed.

    NFKC first, so that a decomposed `é` (e + combining accent) and a ligature `ﬁ` compare
    equal to their composed forms and the accent stays part of its word. Replacing punctuation
    by a space rather than deleting it makes "Hallo,wereld" and "Hallo, wereld" one text.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SEPARATORS.sub(" ", folded).strip()


def words(text: str) -> list[str]:
    """The normalised words of `text`."""
    return normalise(text).split()


def exact_key(text: str) -> str:
    """A stable 128-bit key (32 hex digits) of the normalised text: equal for exact copies up
    to case, whitespace and punctuation."""
    return key_of_normalised(normalise(text).encode("utf-8"))


def key_of_normalised(normalised: bytes) -> str:
    """`exact_key` of a text already normalised and encoded (the dedup job normalises once)."""
    return xxhash.xxh3_128_hexdigest(normalised)


def shingles(text: str, n: int = 5) -> list[str]:
    """The word n-grams of the normalised text, in order, joined by single spaces.

    A text shorter than `n` words gives one shingle of all its words; an empty one gives none.
    """
    ws = words(text)
    if not ws:
        return []
    if len(ws) < n:
        return [" ".join(ws)]
    return [" ".join(ws[i : i + n]) for i in range(len(ws) - n + 1)]


# Shingle hashes: XXH3-64 of each word, combined over the n words of a shingle by Horner's rule
# (mod 2^64) and mixed by the splitmix64 finaliser. One hash per word instead of one per
# shingle string, with the combination vectorised, makes this twice as fast as hashing each
# joined shingle, and it is as stable: both are fixed functions of the words.
_HORNER = np.uint64(0x9E3779B97F4A7C15)
_MIX1, _MIX2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S27, _S30, _S31 = np.uint64(27), np.uint64(30), np.uint64(31)


def _mix(z: np.ndarray) -> np.ndarray:
    z = (z ^ (z >> _S30)) * _MIX1
    z = (z ^ (z >> _S27)) * _MIX2
    return z ^ (z >> _S31)


def _hashes_of_words(ws: list[bytes], n: int) -> np.ndarray:
    if not ws:
        return np.empty(0, dtype=np.uint64)
    n = min(n, len(ws))  # a text shorter than n words is one shingle
    word_hashes = np.fromiter(map(xxhash.xxh3_64_intdigest, ws), dtype=np.uint64, count=len(ws))
    count = len(ws) - n + 1
    acc = word_hashes[:count].copy()
    for j in range(1, n):
        acc = acc * _HORNER + word_hashes[j : j + count]  # wraps mod 2^64
    return np.unique(_mix(acc))


def shingle_hashes(text: str, n: int = 5) -> np.ndarray:
    """The distinct 64-bit hashes of the text's shingles, sorted (`uint64`): the hashes
    (`shingle_hash`) of `shingles(text, n)`, computed without building the strings."""
    return shingle_hashes_of_normalised(normalise(text).encode("utf-8"), n)


def shingle_hashes_of_normalised(normalised: bytes, n: int = 5) -> np.ndarray:
    """`shingle_hashes` of a text already normalised and encoded."""
    return _hashes_of_words(normalised.split(), n)


def shingle_hash(shingle: str) -> int:
    """The 64-bit hash of one shingle (its words joined by spaces), as `shingle_hashes` has it."""
    ws = shingle.encode("utf-8").split()
    return int(_hashes_of_words(ws, len(ws))[0])


def jaccard(a, b) -> float:
    """The exact Jaccard similarity |a ∩ b| / |a ∪ b| of two shingle sets.

    `a` and `b` are two sorted, duplicate-free `uint64` arrays (`shingle_hashes`) or any two
    iterables of hashable shingles. Two empty sets give 0.0: there is nothing to compare, and
    identical empty texts are exact duplicates anyway.
    """
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        common = len(np.intersect1d(a, b, assume_unique=True))
        union = len(a) + len(b) - common
    else:
        a, b = set(a), set(b)
        common, union = len(a & b), len(a | b)
    return common / union if union else 0.0


class MinHasher:
    """MinHash signatures of shingle hash sets: `num_perm` values, each the minimum of one
    hash function over the set.

    The functions are Dietzfelbinger's multiply-shift family, h(x) = ((a*x + b) mod 2^64) >>
    32 on the top 32 bits of the shingle hash, with 64-bit `a` and `b` drawn from XXH3 of the
    seed (not from a random generator, whose stream may change between NumPy versions). The
    family is 2-universal, like datasketch's (a*x + b) mod p; two sets agree in one position
    with probability equal to their Jaccard similarity.
    """

    def __init__(self, num_perm: int = 128, seed: int = 42):
        self.num_perm, self.seed = num_perm, seed
        self.a = np.array(
            [
                xxhash.xxh3_64_intdigest(f"minhash:{seed}:a:{i}".encode()) | 1
                for i in range(num_perm)
            ],
            dtype=np.uint64,
        )
        self.b = np.array(
            [xxhash.xxh3_64_intdigest(f"minhash:{seed}:b:{i}".encode()) for i in range(num_perm)],
            dtype=np.uint64,
        )

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """The signature (`uint32`, length `num_perm`) of a non-empty shingle hash array."""
        if len(hashes) == 0:
            raise ValueError("an empty shingle set has no MinHash signature")
        x = (np.asarray(hashes, dtype=np.uint64) >> np.uint64(32))[:, None]
        values = (x * self.a[None, :] + self.b[None, :]) >> np.uint64(32)  # wraps mod 2^64
        return values.min(axis=0).astype("<u4")


def band_keys(signature: np.ndarray, bands: int, rows: int) -> list[bytes]:
    """One key per band: the band's number (2 bytes) and XXH3-64 of its `rows` values.

    Two documents that share a key agree on every value of that band and become a candidate
    pair. The keys are 10 bytes whatever `rows` is, which keeps the shuffle small.
    """
    sig = np.asarray(signature, dtype="<u4")
    if len(sig) < bands * rows:
        raise ValueError(f"a signature of {len(sig)} values has no {bands} bands of {rows} rows")
    return [
        band.to_bytes(2, "big")
        + xxhash.xxh3_64_digest(sig[band * rows : (band + 1) * rows].tobytes())
        for band in range(bands)
    ]


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """The S-curve: how likely a pair with this Jaccard similarity shares at least one band."""
    return 1.0 - (1.0 - similarity**rows) ** bands


def lsh_threshold(bands: int, rows: int) -> float:
    """The similarity (1/bands)^(1/rows) where the S-curve is steepest (about half chance)."""
    return (1.0 / bands) ** (1.0 / rows)


# C4's span rule. The C4 paper (Raffel et al. 2020, section 2.2) says: "we discarded all but one
# of any three-sentence span occurring more than once in the data set". (TFDS's c4_utils.py in
# fact removes repeated *lines*; the paper's rule is what is implemented here.)


def document_sentences(text: str) -> list[tuple[int, str]]:
    """The document's sentences in order, each with the number of its line.

    Lines are split on newlines and each line into sentences by `filters.sentences`.
    """
    return [
        (number, sentence)
        for number, line in enumerate(text.split("\n"))
        for sentence in split_sentences(line)
    ]


def span_keys(text: str, k: int = 3) -> list[str | None]:
    """The keys of the document's `k`-sentence spans: span i covers sentences i .. i+k-1 of
    `document_sentences` (across line ends). The key is `exact_key` of the span's sentences,
    so case, whitespace and punctuation do not matter. A document with fewer than `k`
    sentences has no spans (a whole-document copy is exact deduplication's job). A span with a
    sentence of no words (". . . ." marking a gap in a song) has the key None: it matches
    nothing, or every such line would be a "copy" of every other."""
    sentences = [normalise(s) for _, s in document_sentences(text)]
    return [
        xxhash.xxh3_128_hexdigest(" ".join(sentences[i : i + k]).encode("utf-8"))
        if all(sentences[i : i + k])
        else None
        for i in range(len(sentences) - k + 1)
    ]


def remove_sentences(text: str, removed: set[int]) -> str:
    """The text without the sentences numbered in `removed` (numbers of `document_sentences`).

    A line that lost nothing stays as it was; a line that lost some sentences is rebuilt from
    the rest joined by one space; a line that lost all is dropped. Empty lines stay, but the runs
    of them that dropped lines leave behind shrink to one, and none is left at either end.
    """
    if not removed:
        return text
    out: list[str] = []
    index = 0
    for line in text.split("\n"):
        sentences = split_sentences(line)
        numbers = range(index, index + len(sentences))
        index += len(sentences)
        if not any(i in removed for i in numbers):
            out.append(line)
            continue
        kept = [s for i, s in zip(numbers, sentences, strict=True) if i not in removed]
        if kept:
            out.append(" ".join(kept))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
