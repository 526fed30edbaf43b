"""bench/dedup/: datatrove's MinHash as the benchmarks run it, and the planted copies."""

from __future__ import annotations

import random

import pytest

from bench.dedup.datatrove import datatrove_minhash
from bench.dedup.planted import describe_copy, plant


def test_datatrove_minhash_removes_a_copy(tmp_path):
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from pipeline.dedup.params import DedupParams

    text = " ".join(f"woord{i}" for i in range(80))
    other = " ".join(f"ander{i}" for i in range(80))
    docs = [Document(text=text, id="a"), Document(text=other, id="b"), Document(text=text, id="c")]
    removed = datatrove_minhash(docs, tmp_path, DedupParams())
    assert len(removed) == 1 and removed <= {"a", "c"}


def test_a_planted_copy_is_what_it_says():
    doc = "De kat zit op de mat, en de hond ligt in de mand. Het regent al de hele dag."
    rng = random.Random(0)
    for kind in ("case", "whitespace", "menu", "words"):
        copy = plant(doc, kind, rng, ["boom", "huis"], k=1)
        facts = describe_copy("o1", kind, doc, copy)
        assert facts["original"] == "o1" and facts["kind"] == kind
        assert facts["exact"] == (kind in ("case", "whitespace"))
        assert 0.0 < facts["jaccard"] <= 1.0
