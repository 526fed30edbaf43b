"""Near copies between documents, found as deduplication finds them (MinHash + LSH, verified
on the true Jaccard), for the corpus stage:

- `similar_pairs`: every pair at or above a threshold, for the split by cluster (documents
  connected at `corpus.split_threshold` fall on one side of train/validation);
- `near_pairs_across`: the (train, validation) pairs at or above a threshold, the leakage the
  corpus stage reports, so a user sees what deduplication and the split prevent.

Both use the dedup stage's shingles, signatures and banding (`pipeline.dedup.minhash`) and its
candidate pairs and verification (`pipeline.dedup.rules`). For a
threshold below the dedup one the bands are re-cut (`bands_for`): more bands of fewer rows, so
that pairs at the threshold still become candidates.
"""

from __future__ import annotations

from collections import defaultdict

from pipeline.dedup.minhash import MinHasher, band_keys, candidate_probability, shingle_hashes
from pipeline.dedup.params import DedupParams
from pipeline.dedup.rules import bucket_pairs, verify


def bands_for(threshold: float, num_perm: int, recall: float = 0.99) -> tuple[int, int]:
    """(bands, rows) from `num_perm` values with the most rows that still makes a pair at
    `threshold` a candidate with probability >= `recall` (fewer rows: more candidates)."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if candidate_probability(threshold, bands, rows) >= recall:
            return bands, rows
    return num_perm, 1


def similar_pairs(
    texts: list[str], params: DedupParams, threshold: float, groups: list[int] | None = None
) -> list[tuple[int, int, float]]:
    """(i, j, Jaccard) for i < j with a true Jaccard >= `threshold`. With `groups`, only pairs
    of different groups (e.g. 0 for train and 1 for validation)."""
    hasher = MinHasher(params.num_perm, params.seed)
    if threshold >= params.threshold:
        bands, rows = params.bands, params.rows
    else:
        bands, rows = bands_for(threshold, params.num_perm)
    shingles = {}
    buckets: dict[bytes, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        hashes = shingle_hashes(text, params.ngram)
        if len(hashes) == 0:
            continue
        shingles[i] = hashes
        for key in band_keys(hasher.signature(hashes), bands, rows):
            buckets[key].append(i)
    candidates = {
        (i, j)
        for key, members in buckets.items()
        for i, j in bucket_pairs(key, members, params.bucket_limit)
        if groups is None or groups[i] != groups[j]
    }
    pairs = []
    for i, j in sorted(candidates):
        similarity = verify(shingles[i], shingles[j], threshold)
        if similarity is not None:
            pairs.append((i, j, similarity))
    return pairs


def near_pairs_across(
    train: list[str], validation: list[str], params: DedupParams, threshold: float | None = None
) -> int:
    """How many (train, validation) pairs have a true Jaccard of at least `threshold`
    (default: the dedup threshold)."""
    groups = [0] * len(train) + [1] * len(validation)
    at = params.threshold if threshold is None else threshold
    return len(similar_pairs(train + validation, params, at, groups))
