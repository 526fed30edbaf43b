"""Deduplication across sources: exact and near copies (and C4's spans) removed after cleaning.

One module per step, NeMo Curator's fuzzy-dedup layout in spirit:
- `params`: the `dedup` section of params.yaml;
- `minhash`: normalisation, exact keys, shingles, MinHash signatures, LSH bands, sentence
  spans (pure);
- `rules`: which copy stays, the candidate pairs of a bucket, the statistics (pure);
- `components`: connected components by large-star and small-star rounds (pure);
- `schema`: the kept and dropped rows;
- `counting`: counters summed by one combine;
- `transform`: `DedupTransform`, the Beam transform that wires the rules into keyed
  shuffles and combines whose memory per worker does not grow with the corpus;
- `job`: the `dedup` stage's job (read the cleaned sources, write kept, rejected, statistics);
- `local`: the same transform in-process on a list of records, for `schoon dedup FILE`;
- `leakage`: near copies across the train/validation split, for the corpus stage.
"""
