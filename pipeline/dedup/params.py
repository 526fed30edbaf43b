"""The `dedup` section of params.yaml, as a typed, checked dataclass.

Beam-free and light: the dedup and corpus stages, the `schoon dedup` command and the leakage
count all read their settings through `DedupParams`, built by `common.config.load_section`
(unknown keys and wrong types fail with the key and the file) and checked for ranges here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DedupParams:
    """Every knob of deduplication.

    The defaults: 128 permutations in 16 bands of 8 rows put the S-curve's steepest point at
    Jaccard 0.71, so a pair at 0.8 becomes a candidate with probability 0.947 and one at 0.9
    with 0.9998; candidates are then verified, and a document is dropped only when its true
    Jaccard with a kept document is at least `threshold`. FineWeb used 14 x 8 (0.924 at 0.8).
    """

    exact: bool = True  # drop copies equal after `minhash.normalise`
    near: bool = True  # drop MinHash-LSH candidates verified at Jaccard >= threshold
    ngram: int = 5  # words per shingle
    num_perm: int = 128  # MinHash values per signature
    bands: int = 16  # LSH bands ...
    rows: int = 8  # ... of this many values each; bands * rows <= num_perm
    threshold: float = 0.8  # true Jaccard at or above which a candidate is a duplicate
    bucket_limit: int = 100  # a larger band bucket compares each with its first this many
    cluster_rounds: int = 12  # large-star/small-star rounds that find the near-copy clusters
    spans: bool = False  # C4's rule: remove sentence spans seen in an earlier document
    span_sentences: int = 3  # sentences per span
    seed: int = 42  # of the MinHash functions

    def __post_init__(self) -> None:
        for name in (
            "ngram",
            "num_perm",
            "bands",
            "rows",
            "bucket_limit",
            "cluster_rounds",
            "span_sentences",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.bands * self.rows > self.num_perm:
            raise ValueError(
                f"bands: {self.bands} bands x {self.rows} rows need "
                f"{self.bands * self.rows} values but num_perm is {self.num_perm}"
            )
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.seed < 0:
            raise ValueError(f"seed must be non-negative, got {self.seed}")
