"""The corpus stage splits by cluster: near variants (J 0.5-0.8, which dedup keeps by design)
land on one side of train/validation, and stats/corpus.json counts 0 pairs across the split
at `corpus.split_threshold`. Without the clusters the same corpus has such pairs."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from pipeline.dedup.leakage import near_pairs_across
from pipeline.dedup.minhash import jaccard, shingle_hashes
from pipeline.dedup.params import DedupParams
from stages import corpus as corpus_stage
from tests.conftest import ROOT

# Words for songs made up here, drawn at random: variants share most of their word runs.
_SPACED = (
    "ik jij wij de het een en maar als dan nu nooit altijd weer hier daar nacht dag zon maan "
    "regen wind zee strand straat stad huis hart liefde vriend meisje jongen moeder vader kind "
    "lied dans feest kermis bloem roos tranen lachen huilen zingen dromen wachten lopen "
    "blijven gaan komen zien horen voelen weten denken oud jong mooi stil koud warm"
)
WORDS = _SPACED.split()


def song(rng: random.Random, n: int = 120) -> list[str]:
    return [rng.choice(WORDS) for _ in range(n)]


def variant(words: list[str], rng: random.Random, changes: int) -> list[str]:
    """`words` with `changes` words replaced at random places."""
    out = list(words)
    for i in rng.sample(range(len(out)), changes):
        out[i] = rng.choice(WORDS) + "je"  # a word no base song has
    return out


def planted(base: list[str], rng: random.Random) -> list[str]:
    """A variant of `base` at a Jaccard between 0.5 and 0.8: kept by dedup (0.8)."""
    while True:
        words = variant(base, rng, rng.randint(4, 8))
        if 0.5 <= jaccard(shingle_hashes(text(base)), shingle_hashes(text(words))) < 0.8:
            return words


def text(words: list[str]) -> str:
    return "\n".join(" ".join(words[i : i + 6]) for i in range(0, len(words), 6))


def write(root: Path, name: str, docs: list[tuple[str, str]]) -> None:
    (root / name).mkdir(parents=True)
    table = pa.table({"id": [d[0] for d in docs], "source": [name] * len(docs),
                      "text": [d[1] for d in docs], "meta": ["{}"] * len(docs)})  # fmt: skip
    pq.write_table(table, root / name / "part-0.parquet")


def run_corpus(tmp_path: Path, clean: Path, **corpus) -> dict:
    params = yaml.safe_load((ROOT / "params.yaml").read_text())
    params["sources"] = {"lyrics": {**params["sources"]["lyrics"], "role": "finetune"}}
    params["corpus"].update(corpus)
    tmp_path.mkdir(parents=True, exist_ok=True)
    tag = "-".join(f"{k}{v}" for k, v in corpus.items())
    path = tmp_path / f"params-{tag}.yaml"
    path.write_text(yaml.safe_dump(params))
    out, metrics = tmp_path / f"corpus-{tag}", tmp_path / f"m-{tag}.json"
    corpus_stage.main(["--params", str(path), "--clean", str(clean), "--out", str(out),
                       "--stats", str(metrics)])  # fmt: skip
    sides = {}
    for split in ("train", "validation"):
        for i in pq.read_table(out / "finetune" / f"{split}.parquet")["id"].to_pylist():
            sides[i] = split
    return {"metrics": json.loads(metrics.read_text()), "sides": sides}


def test_planted_variants_fall_on_one_side(tmp_path):
    rng = random.Random(7)
    docs, families, similarities = [], [], []
    for f in range(30):
        base = song(rng)
        members = [f"lyrics/{f}-0"]
        docs.append((members[0], text(base)))
        for v in range(1, 3):
            words = planted(base, rng)
            similarities.append(jaccard(shingle_hashes(text(base)), shingle_hashes(text(words))))
            members.append(f"lyrics/{f}-{v}")
            docs.append((members[-1], text(words)))
        families.append(members)
    docs += [(f"lyrics/alone-{i}", text(song(rng))) for i in range(30)]
    assert min(similarities) >= 0.5 and max(similarities) < 0.8  # what dedup keeps
    clean = tmp_path / "clean"
    write(clean, "lyrics", docs)

    got = run_corpus(tmp_path, clean, validation_share=0.2, split_threshold=0.5)
    finetune = got["metrics"]["finetune"]
    assert finetune["pairs_across_splits_at_split_threshold"] == 0
    assert finetune["split_clusters"]["clusters"] == 30
    assert finetune["split_clusters"]["documents"] == 90
    for members in families:
        assert len({got["sides"][m] for m in members}) == 1, members
    assert 0 < sum(s == "validation" for s in got["sides"].values()) < len(docs)

    # The same corpus split by id alone (a threshold no variant reaches) has such pairs.
    alone = run_corpus(tmp_path, clean, validation_share=0.2, split_threshold=1.0)
    sides = alone["sides"]
    by_id = dict(docs)
    train = [by_id[i] for i, s in sides.items() if s == "train"]
    validation = [by_id[i] for i, s in sides.items() if s == "validation"]
    assert near_pairs_across(train, validation, DedupParams(), 0.5) > 0


def test_the_split_does_not_depend_on_the_order_of_the_rows(tmp_path):
    rng = random.Random(3)
    docs = []
    for f in range(10):
        base = song(rng)
        docs += [(f"lyrics/{f}-{v}", text(variant(base, rng, 4) if v else base)) for v in range(3)]
    write(tmp_path / "a", "lyrics", docs)
    write(tmp_path / "b", "lyrics", docs[::-1])
    a = run_corpus(tmp_path / "ra", tmp_path / "a", validation_share=0.3)
    b = run_corpus(tmp_path / "rb", tmp_path / "b", validation_share=0.3)
    assert a["sides"] == b["sides"]


def test_the_leakage_metric_counts_copies_that_straddle_the_split(tmp_path):
    """Near copies above the dedup threshold (as with dedup off), split by id alone: the
    stage's `near_duplicate_pairs_across_splits` counts those across, as measured directly."""
    rng = random.Random(11)
    docs = []
    for f in range(30):
        base = song(rng)
        docs += [(f"lyrics/{f}-0", text(base)), (f"lyrics/{f}-1", text(variant(base, rng, 1)))]
    clean = tmp_path / "clean"
    write(clean, "lyrics", docs)
    got = run_corpus(tmp_path, clean, validation_share=0.5, split_threshold=1.0)
    by_id = dict(docs)
    sides = got["sides"]
    train = [by_id[i] for i, s in sides.items() if s == "train"]
    validation = [by_id[i] for i, s in sides.items() if s == "validation"]
    across = near_pairs_across(train, validation, DedupParams())
    assert across > 0
    assert got["metrics"]["finetune"]["near_duplicate_pairs_across_splits"] == across
