"""Train/validation leakage: pairs of a training and a validation document that are near
copies, found as deduplication finds them (MinHash + LSH, verified on the true Jaccard).

The corpus stage reports the count, so a user sees what deduplication prevents: with `dedup`
on it should be 0; with it off, every pair is validation loss measured on training text.
"""

from __future__ import annotations

from collections import defaultdict

from pipeline.minhash import DedupParams, MinHasher, band_keys, jaccard, shingle_hashes


def near_pairs_across(train: list[str], validation: list[str], params: DedupParams) -> int:
    """How many (train, validation) pairs have a true Jaccard of at least `params.threshold`."""
    hasher = MinHasher(params.num_perm, params.seed)
    shingles = {}
    buckets: dict[bytes, list[tuple[int, int]]] = defaultdict(list)
    for side, texts in enumerate((train, validation)):
        for i, text in enumerate(texts):
            hashes = shingle_hashes(text, params.ngram)
            if len(hashes) == 0:
                continue
            shingles[side, i] = hashes
            for key in band_keys(hasher.signature(hashes), params.bands, params.rows):
                buckets[key].append((side, i))
    candidates = set()
    for members in buckets.values():
        left = [m for m in members if m[0] == 0]
        right = [m for m in members if m[0] == 1]
        candidates.update((a, b) for a in left for b in right)
    return sum(jaccard(shingles[a], shingles[b]) >= params.threshold for a, b in candidates)
