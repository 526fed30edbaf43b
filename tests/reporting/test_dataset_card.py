"""The corpus stage writes `data/corpus/README.md`, a dataset card whose configs
`datasets.load_dataset` reads offline and whose numbers are the run's metrics."""

from __future__ import annotations

import json
import re
import sys

import pyarrow.parquet as pq
import pytest
import yaml

from stages import corpus as corpus_stage
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "training"))
from tiny_data import write_shard  # noqa: E402

WORDS = [
    "de",
    "het",
    "een",
    "regen",
    "zon",
    "zee",
    "huis",
    "hart",
    "lied",
    "nacht",
    "dag",
    "stad",
    "weg",
    "licht",
    "wind",
    "kind",
]


def texts(n: int, seed: int) -> list[str]:
    """n documents of random words: no two alike, so every one is a cluster of its own."""
    import random

    rng = random.Random(seed)
    return ["\n".join(" ".join(rng.choice(WORDS) for _ in range(6)) for _ in range(8))
            for _ in range(n)]  # fmt: skip


def clean_stats(docs_in: int, docs_out: int) -> dict:
    return {"docs_in": docs_in, "docs_out": docs_out,
            "docs_dropped": {"bad_words": 3, "language": docs_in - docs_out - 3},
            "lines_dropped": {"short_line": 17}, "chars_in": 9000, "chars_out": 7000,
            "docs_modified": {"repair": 2}, "chars_modified": {"repair": 5},
            "docs_refused": {"repair_refused": 1}}  # fmt: skip


@pytest.fixture(scope="module")
def card(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("card")
    clean = tmp / "clean"
    write_shard(clean / "web", "web", [(f"web-{i}", t) for i, t in enumerate(texts(20, 1))])
    write_shard(clean / "lyrics", "lyrics", [(f"ly-{i}", t) for i, t in enumerate(texts(12, 2))])
    metrics = tmp / "metrics"
    (metrics / "clean").mkdir(parents=True)
    (metrics / "clean" / "web.json").write_text(json.dumps(clean_stats(31, 20)))
    (metrics / "clean" / "lyrics.json").write_text(json.dumps(clean_stats(15, 12)))
    dedup = {"docs_in": 32, "docs_out": 32, "docs_dropped": {"exact": 0, "near": 0, "span": 0},
             "sources": {"web": {"docs_out": 20}, "lyrics": {"docs_out": 12}}}  # fmt: skip
    (metrics / "dedup.json").write_text(json.dumps(dedup))
    params = yaml.safe_load((ROOT / "params.yaml").read_text())
    params["sources"]["web"]["license"] = "cc-by-4.0"
    (tmp / "params.yaml").write_text(yaml.safe_dump(params))
    out = tmp / "corpus"
    corpus_stage.main(["--params", str(tmp / "params.yaml"), "--clean", str(clean),
                       "--out", str(out), "--stats", str(metrics / "corpus.json"),
                       "--clean-stats", str(metrics / "clean"),
                       "--dedup-stats", str(metrics / "dedup.json")])  # fmt: skip
    text = (out / "README.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    return out, text, front, json.loads((metrics / "corpus.json").read_text())


def test_load_dataset_reads_each_config_offline(card, tmp_path, monkeypatch):
    import datasets

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    out, _, front, stats = card
    assert [c["config_name"] for c in front["configs"]] == ["pretrain", "finetune"]
    for role in ("pretrain", "finetune"):
        ds = datasets.load_dataset(str(out), role, cache_dir=str(tmp_path / "hf"))
        assert set(ds) == {"train", "validation"}
        for split in ("train", "validation"):
            assert ds[split].num_rows == stats[role][split]["documents"]
            assert ds[split].column_names == ["id", "source", "text", "meta"]
        assert (
            ds["train"][0]["text"] == pq.read_table(out / role / "train.parquet")["text"][0].as_py()
        )


def test_a_rebuilt_corpus_needs_the_documented_refresh(card, tmp_path):
    """What the card warns about: `datasets` returns the cached corpus after the files change,
    unless asked to read them again as the card says."""
    import shutil

    import datasets

    out = tmp_path / "corpus"
    shutil.copytree(card[0], out)
    cache = str(tmp_path / "hf")
    rows = datasets.load_dataset(str(out), "pretrain", cache_dir=cache)["train"].num_rows
    table = pq.read_table(out / "pretrain" / "train.parquet")
    pq.write_table(table.slice(0, 2), out / "pretrain" / "train.parquet")
    stale = datasets.load_dataset(str(out), "pretrain", cache_dir=cache)["train"].num_rows
    fresh = datasets.load_dataset(str(out), "pretrain", cache_dir=cache,
                                  download_mode="force_redownload",
                                  verification_mode="no_checks")["train"].num_rows  # fmt: skip
    assert (rows, fresh) == (table.num_rows, 2)
    assert stale == rows  # if datasets starts noticing, drop the card's warning


def test_the_header_holds_language_licences_and_size(card):
    _, _, front, _ = card
    assert front["language"] == ["nl"]
    assert front["license"] == ["apache-2.0", "cc-by-4.0"]  # one per source, as declared
    assert front["size_categories"] == ["n<1K"]


def test_the_body_is_the_metrics(card):
    _, text, _, stats = card
    assert "| web | jsonl | " in text and "| pretrain | cc-by-4.0 | 31 | 20 | 20 |" in text
    assert "| lyrics | csv | " in text and "| finetune | apache-2.0 | 15 | 12 | 12 |" in text
    assert "| document | language | 8 |" in text  # web: 31 - 20 - 3
    assert "| 31 | 20 | 20 |" in text and " | `n` |" in text  # the shards' meta field, named
    assert "| repair | 2 | 5 |" in text and "repair_refused 1" in text
    ft = stats["finetune"]
    assert (f"| finetune | {ft['train']['documents']} | {ft['train']['characters']:,} | "
            f"{ft['validation']['documents']} |") in text  # fmt: skip
    assert "`second_opinion: cld2`" in text and "`min_sentences: 5`" in text  # the rules
    assert "| threshold | 0.8 |" in text  # dedup settings
    assert "`dvc repro` in a checkout with the same `dvc.lock`" in text
    assert "huggingface-cli upload" in text
    assert not re.search(r"\b[0-9a-f]{40}\b", text)  # no commit: the same in every run


def test_an_empty_split_is_left_out_of_the_configs():
    from reporting.dataset_card import CardInputs, header

    empty = {"documents": 0, "characters": 0}
    full = {"documents": 3, "characters": 30}
    corpus = {"pretrain": {"train": empty, "validation": empty},
              "finetune": {"train": full, "validation": empty}}  # fmt: skip
    got = header(CardInputs([], {}, {}, {}, corpus, {}))["configs"]
    assert got == [{"config_name": "finetune",
                    "data_files": [{"split": "train", "path": "finetune/train.parquet"}]}]  # fmt: skip


def test_the_model_report_links_the_card():
    from training.report import CARD, data_section

    assert CARD == "data/corpus/README.md"
    assert any("](../data/corpus/README.md)" in line for line in data_section({}, {}))


@pytest.mark.parametrize(
    ("documents", "category"),
    [(0, "n<1K"), (999, "n<1K"), (1000, "1K<n<10K"), (9999, "1K<n<10K"), (10**4, "10K<n<100K"),
     (10**8 - 1, "10M<n<100M"), (10**8, "n>100M")],
)  # fmt: skip
def test_size_categories_change_at_the_power_of_ten(documents, category):
    from reporting.dataset_card import size_category

    assert size_category(documents) == category


def test_each_column_of_the_sources_table_is_its_own_step():
    """Read 31, kept 20 by cleaning, 17 by dedup, split 15 and 2: each number in its column."""
    from reporting.dataset_card import CardInputs, Source, sources_section

    web = Source("web", "jsonl", "data/raw/web", "pretrain", "cc-by-4.0", "mc4nl", [])
    inputs = CardInputs(
        sources=[web],
        clean={"web": clean_stats(31, 20)},
        dedup={"sources": {"web": {"docs_in": 20, "docs_out": 17}}},
        dedup_params={},
        corpus={"sources": {"web": {"train": {"documents": 15}, "validation": {"documents": 2}}}},
        corpus_params={},
        meta_fields={"web": ["timestamp", "url"]},
    )
    row = next(line for line in sources_section(inputs) if line.startswith("| web |"))
    assert row.endswith("| pretrain | cc-by-4.0 | 31 | 20 | 17 | 15 | 2 | `timestamp`, `url` |")
