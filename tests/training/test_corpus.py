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


@pytest.mark.parametrize(
    ("key", "value", "accepted"),
    [
        ("validation_share", 0.0, True),
        ("validation_share", 1.0, False),  # nothing left to train on
        ("split_threshold", 1.0, True),  # only identical shingle sets
        ("split_threshold", 1.5, False),
        ("min_validation_docs", 0, True),
    ],
)
def test_corpus_params_at_their_bounds(key, value, accepted):
    if accepted:
        assert getattr(build(CorpusParams, {key: value}, "params.yaml: corpus"), key) == value
    else:
        with pytest.raises(ConfigError, match=f"corpus: {key} must be"):
            build(CorpusParams, {key: value}, "params.yaml: corpus")


def test_a_negative_minimum_of_validation_documents_is_named():
    with pytest.raises(ConfigError) as caught:
        build(CorpusParams, {"min_validation_docs": -1}, "params.yaml: corpus")
    assert str(caught.value) == (
        "params.yaml: corpus: min_validation_docs must be 0 or more, got -1"
    )


def test_a_cluster_takes_its_smallest_ids_side_not_its_last_listed_ids():
    # "b" hashes to train and "d" to validation at a share of 0.5 (split_salt "schoon").
    params = CorpusParams(validation_share=0.5, min_validation_docs=0)
    assert assign_splits(["b"], params) == ["train"]
    assert assign_splits(["d"], params) == ["validation"]
    assert assign_splits(["b", "d"], params, [0, 0]) == ["train", "train"]
    assert assign_splits(["d", "b"], params, [0, 0]) == ["train", "train"]


def test_a_source_of_exactly_the_minimum_keeps_every_document_for_training():
    params = CorpusParams(validation_share=0.0, min_validation_docs=3)
    assert assign_splits(["a", "b", "c"], params) == ["train"] * 3
    assert assign_splits(["a", "b", "c", "d"], params).count("validation") == 3


def test_a_source_too_small_for_the_minimum_does_not_stop_the_next_one():
    # Sources are topped up in name order: "lyrics" (one document, left alone) before "web".
    params = CorpusParams(validation_share=0.0, min_validation_docs=1)
    ids = ["lied-0", "web-0", "web-1", "web-2", "web-3"]
    splits = assign_splits(ids, params, sources=["lyrics"] + ["web"] * 4)
    assert splits[0] == "train"
    assert splits[1:].count("validation") == 1


@pytest.mark.parametrize(
    ("share", "why"),
    [
        (0.3, "'d' is held out by its hash"),
        (0.0, "'d' is moved first, being the lowest hash"),
    ],
)
def test_the_minimum_counts_the_training_documents_left(share, why):
    """Three documents, a minimum of 2: after 'd' (hash 0.26) goes to validation, the cluster
    {'a', 'b'} (hash 0.53) holds the source's last training documents and stays."""
    params = CorpusParams(validation_share=share, min_validation_docs=2)
    splits = assign_splits(["a", "b", "d"], params, [0, 0, 2])
    assert splits == ["train", "train", "validation"], why


def _write_empty_shard(directory):
    import pyarrow as pa

    directory.mkdir(parents=True, exist_ok=True)
    schema = pa.schema([(c, pa.string()) for c in ("id", "source", "text", "meta")])
    pq.write_table(schema.empty_table(), directory / "part-00000-of-00001.parquet")


def test_a_source_whose_documents_were_all_dropped_joins_its_role(tmp_path):
    clean = write_clean(tmp_path / "clean", n_web=6)
    _write_empty_shard(clean / "forum")  # the clean stage dropped every document
    stats = build_corpus(CorpusParams(), {**ROLES, "forum": "pretrain"}, clean, tmp_path / "c")
    assert stats["sources"]["forum"]["train"] == {"documents": 0, "characters": 0}
    assert stats["sources"]["forum"]["validation"] == {"documents": 0, "characters": 0}
    assert (
        stats["pretrain"]["train"]["documents"] + stats["pretrain"]["validation"]["documents"] == 6
    )


def test_the_corpus_holds_the_minimum_per_source(tmp_path):
    """web-6 (hash 0.04) is the role's only document below the share of 0.1; the forum's three
    (0.18 and up) get one of their own, as `assign_splits` does per source."""
    clean = write_clean(tmp_path / "clean", n_web=20)
    write_shard(
        clean / "forum", "forum", [(f"f-{i}", f"Vraag {i} over bakkers.") for i in (1, 2, 3)]
    )
    stats = build_corpus(CorpusParams(), {**ROLES, "forum": "pretrain"}, clean, tmp_path / "c")
    assert stats["sources"]["web"]["validation"]["documents"] == 1
    assert stats["sources"]["forum"]["validation"]["documents"] == 1


def test_characters_are_counted_per_split_and_zero_when_empty(tmp_path):
    clean = write_clean(tmp_path / "clean", n_web=20, n_lyrics=10)
    stats = build_corpus(
        CorpusParams(), {"web": "pretrain", "lyrics": "none"}, clean, tmp_path / "c"
    )
    for split in ("train", "validation"):
        texts = read_texts(tmp_path / "c" / "pretrain" / f"{split}.parquet")
        assert texts
        assert stats["pretrain"][split]["characters"] == sum(len(t) for t in texts)
    assert stats["finetune"]["train"] == {"documents": 0, "characters": 0}
    assert stats["finetune"]["validation"] == {"documents": 0, "characters": 0}


def test_the_clusters_kept_together_are_counted(tmp_path):
    clean = write_clean(tmp_path / "clean", n_web=12, n_lyrics=10)
    asked = []

    def similar(texts, threshold):
        asked.append(threshold)
        return [(0, 1), (2, 3), (3, 4)] if len(texts) == 12 else []  # a pair, and a three

    params = CorpusParams(split_threshold=0.7)
    stats = build_corpus(params, ROLES, clean, tmp_path / "c", similar=similar)
    assert asked == [0.7, 0.7]
    assert stats["pretrain"]["split_clusters"] == {
        "threshold": 0.7,
        "pairs": 3,
        "clusters": 2,
        "documents": 5,
    }
    assert stats["finetune"]["split_clusters"] == {
        "threshold": 0.7,
        "pairs": 0,
        "clusters": 0,
        "documents": 0,
    }
