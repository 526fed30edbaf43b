import json

import pyarrow.parquet as pq
import pytest
from tiny_data import ROLES, write_clean, write_shard

from common.config import ConfigError, build
from pipeline.sources import source_roles
from training.corpus import CorpusParams, assign_splits, build_corpus, read_texts, split_score


def test_the_split_depends_on_the_id_alone():
    params = CorpusParams(validation_share=0.3, min_validation_docs=0)
    ids = [f"doc-{i}" for i in range(200)]
    splits = dict(zip(ids, assign_splits(ids, params), strict=True))
    reordered = ids[::-1][:150]  # other order, some documents gone
    again = dict(zip(reordered, assign_splits(reordered, params), strict=True))
    assert all(again[i] == splits[i] for i in reordered)
    share = sum(s == "validation" for s in splits.values()) / len(ids)
    assert 0.2 < share < 0.4


def test_the_salt_draws_another_split():
    ids = [f"doc-{i}" for i in range(100)]
    a = assign_splits(ids, CorpusParams(split_salt="a", min_validation_docs=0))
    b = assign_splits(ids, CorpusParams(split_salt="b", min_validation_docs=0))
    assert a != b
    assert split_score("doc-1", "a") == split_score("doc-1", "a")


def test_a_small_source_still_gets_validation_documents():
    ids = ["a", "b", "c"]
    params = CorpusParams(validation_share=0.0, min_validation_docs=1)
    assert assign_splits(ids, params).count("validation") == 1
    # ... unless it has no more documents than the minimum
    assert assign_splits(["a"], params) == ["train"]


def test_validation_share_is_checked():
    with pytest.raises(ConfigError, match="corpus: validation_share must be"):
        build(CorpusParams, {"validation_share": 1.5}, "params.yaml: corpus")


def test_build_corpus_writes_four_files_and_counts(tmp_path):
    clean = write_clean(tmp_path / "clean", n_web=20, n_lyrics=10)
    stats = build_corpus(CorpusParams(), ROLES, clean, tmp_path / "corpus")
    for role in ("pretrain", "finetune"):
        for split in ("train", "validation"):
            table = pq.read_table(tmp_path / "corpus" / role / f"{split}.parquet")
            assert table.column_names == ["id", "source", "text", "meta"]
            assert stats[role][split]["documents"] == table.num_rows
    assert (
        stats["pretrain"]["train"]["documents"] + stats["pretrain"]["validation"]["documents"] == 20
    )
    assert set(
        pq.read_table(tmp_path / "corpus" / "finetune" / "train.parquet")["source"].to_pylist()
    ) == {"lyrics"}
    assert stats["sources"]["lyrics"]["role"] == "finetune"
    path = tmp_path / "corpus" / "finetune" / "train.parquet"
    assert read_texts(path) == pq.read_table(path).column("text").to_pylist() != []
    # Provenance: each document's other fields reach the corpus, as the source had them.
    train = pq.read_table(tmp_path / "corpus" / "pretrain" / "train.parquet").to_pylist()
    assert all(json.loads(row["meta"]).keys() == {"n"} for row in train)
    assert stats["sources"]["lyrics"]["validation"]["documents"] >= 1
    web_chars = sum(stats["sources"]["web"][s]["characters"] for s in ("train", "validation"))
    assert (
        web_chars
        == stats["pretrain"]["train"]["characters"] + stats["pretrain"]["validation"]["characters"]
    )


def test_a_source_with_role_none_is_left_out_and_empty_roles_still_get_files(tmp_path):
    clean = write_clean(tmp_path / "clean")
    stats = build_corpus(
        CorpusParams(), {"web": "none", "lyrics": "finetune"}, clean, tmp_path / "c"
    )
    assert "web" not in stats["sources"]
    assert stats["pretrain"]["train"]["documents"] == 0
    assert pq.read_table(tmp_path / "c" / "pretrain" / "train.parquet").num_rows == 0


def test_a_new_source_is_picked_up_from_its_directory(tmp_path):
    clean = write_clean(tmp_path / "clean")
    write_shard(clean / "forum", "forum", [("f-1", "Wie weet een goede bakker in Utrecht?")] * 3)
    roles = {**ROLES, "forum": "pretrain"}
    stats = build_corpus(CorpusParams(), roles, clean, tmp_path / "corpus")
    assert stats["sources"]["forum"]["role"] == "pretrain"


def test_a_source_without_cleaned_shards_names_the_stage_to_run(tmp_path):
    clean = write_clean(tmp_path / "clean")
    with pytest.raises(FileNotFoundError, match=r"source 'news'.*dvc repro clean@news"):
        build_corpus(CorpusParams(), {**ROLES, "news": "pretrain"}, clean, tmp_path / "corpus")


def test_roles_come_from_the_sources_section_strictly():
    sources = {
        "web": {"format": "jsonl", "path": "x", "preset": "mc4nl", "role": "pretrain"},
        "lyrics": {"format": "csv", "path": "y", "preset": "lyrics", "role": "finetune"},
    }
    assert source_roles(sources) == {"web": "pretrain", "lyrics": "finetune"}
    sources["lyrics"]["role"] = "both"
    with pytest.raises(ConfigError, match="sources.lyrics.role"):
        source_roles(sources)


def test_a_cluster_takes_the_side_of_its_smallest_id():
    from training.corpus import clusters_of

    ids = [f"doc-{i}" for i in range(40)]
    params = CorpusParams(validation_share=0.3, min_validation_docs=0)
    clusters = clusters_of(40, [(0, 1), (1, 2), (10, 20), (20, 30)])
    assert clusters[2] == 0 and clusters[30] == 10 and clusters[5] == 5
    splits = assign_splits(ids, params, clusters)
    for members in ((0, 1, 2), (10, 20, 30)):
        alone = assign_splits([min(ids[i] for i in members)], params)[0]
        assert {splits[i] for i in members} == {alone}
    singles = [i for i in range(40) if i not in (0, 1, 2, 10, 20, 30)]
    by_id = assign_splits(ids, params)
    assert all(splits[i] == by_id[i] for i in singles)  # the rest as before


def test_the_minimum_of_validation_documents_moves_whole_clusters():
    from training.corpus import clusters_of

    ids = ["a", "b", "c", "d"]
    params = CorpusParams(validation_share=0.0, min_validation_docs=1)
    splits = assign_splits(ids, params, clusters_of(4, [(0, 1), (1, 2)]))
    assert splits.count("validation") in (1, 3)
    assert len({splits[0], splits[1], splits[2]}) == 1


def test_split_threshold_is_checked():
    with pytest.raises(ConfigError, match="corpus: split_threshold must be"):
        build(CorpusParams, {"split_threshold": 0}, "params.yaml: corpus")


def test_a_large_cluster_is_no_likelier_to_be_held_out():
    from training.corpus import clusters_of

    ids = [f"doc-{i}" for i in range(3000)]
    pairs = [(i, i + 1) for i in range(0, 3000, 10) for i in range(i, i + 9)]  # clusters of 10
    params = CorpusParams(validation_share=0.1, min_validation_docs=0)
    splits = assign_splits(ids, params, clusters_of(3000, pairs))
    held_out = splits.count("validation") / 3000  # by the smallest hash it would be ~0.65
    assert 0.06 < held_out < 0.15


def test_the_minimum_never_moves_a_sources_last_training_documents():
    from training.corpus import clusters_of

    ids = ["a", "b", "c"]
    params = CorpusParams(validation_share=0.0, min_validation_docs=1)
    one_cluster = clusters_of(3, [(0, 1), (1, 2)])
    assert assign_splits(ids, params, one_cluster) == ["train"] * 3


def test_the_minimum_holds_per_source_not_per_role():
    """One role, two sources: the large one's validation documents do not count for the small
    one, which still gets its own."""
    big = [f"web-{i:03d}" for i in range(300)]
    small = [f"lied-{i}" for i in range(5)]
    params = CorpusParams(validation_share=0.1, min_validation_docs=2)
    splits = assign_splits(big + small, params, sources=["web"] * 300 + ["lyrics"] * 5)
    assert splits[:300].count("validation") > 2
    assert splits[300:].count("validation") == 2


def test_the_minimum_takes_the_lowest_hashes_first():
    ids = [f"lied-{i}" for i in range(12)]
    params = CorpusParams(validation_share=0.0, min_validation_docs=3)
    splits = assign_splits(ids, params)
    lowest = sorted(ids, key=lambda i: split_score(i, params.split_salt))[:3]
    assert [i for i, s in zip(ids, splits, strict=True) if s == "validation"] == sorted(
        lowest, key=ids.index
    )
    assert sorted(lowest, key=ids.index) != ids[:3]  # not simply the first by number


def test_per_source_counts_are_each_sources_own(tmp_path):
    clean = write_clean(tmp_path / "clean", n_web=20, n_lyrics=10)
    write_shard(
        clean / "forum", "forum", [(f"f-{i}", f"Vraag {i} over bakkers.") for i in range(7)]
    )
    roles = {**ROLES, "forum": "pretrain"}
    stats = build_corpus(CorpusParams(), roles, clean, tmp_path / "corpus")
    for name, n in (("web", 20), ("forum", 7), ("lyrics", 10)):
        got = stats["sources"][name]
        assert got["train"]["documents"] + got["validation"]["documents"] == n, name
    for split in ("train", "validation"):
        both = sum(stats["sources"][s][split]["documents"] for s in ("web", "forum"))
        assert both == stats["pretrain"][split]["documents"]
