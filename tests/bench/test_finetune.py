"""bench/training/finetune.py on tiny songs: what it counts (steps, tokens, the timed window),
never how fast."""

from __future__ import annotations

import argparse

import pytest

from bench.training import finetune as bench
from tests.training.tiny_data import lyric


def settings(**changes) -> argparse.Namespace:
    values = dict(steps=5, warmup=1, batch_size=4, learning_rate=1e-3, threads=1, seed=0)
    return argparse.Namespace(**{**values, **changes})


def songs() -> list[str]:
    # Songs of different lengths, packed across block boundaries.
    return [lyric(i) + ("\n" + lyric(i + 1)) * (i % 3) for i in range(10)]


def test_window_leaves_out_warmup_and_the_last_step():
    times = [1.0, 2.0, 4.0, 5.0, 9.0]  # step ends; the last (9.0) holds the evaluation
    rates = bench.window(times, [10, 10, 20, 10, 10], warmup=1)
    assert rates["timed_steps"] == 3  # steps 2, 3 and 4: from 1.0 to 5.0
    assert rates["tokens_per_s"] == pytest.approx(40 / 4, rel=0.02)
    assert rates["step_s"] == pytest.approx(4 / 3, rel=0.02)
    with pytest.raises(SystemExit, match="nothing to time"):
        bench.window(times[:2], [10] * 2, warmup=1)


def test_songs_come_from_the_clean_shards_else_the_csv(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    csv = tmp_path / "lyrics.csv"
    csv.write_text('artist,title,lyrics\na,b,"de regen valt\nop het plein"\nc,d,""\n')
    texts, source = bench.load_songs(tmp_path / "clean", csv)
    assert texts == ["de regen valt\nop het plein"] and "raw" in source  # the empty song left out
    (tmp_path / "clean").mkdir()
    pq.write_table(pa.table({"id": ["x"], "text": ["schoon"]}), tmp_path / "clean" / "p.parquet")
    assert bench.load_songs(tmp_path / "clean", csv)[0] == ["schoon"]
    with pytest.raises(SystemExit, match="neither"):
        bench.load_songs(tmp_path / "none", tmp_path / "none.csv")


def test_packed_run_is_the_train_stage(tokenizer_dir, tmp_path):
    corpus = bench.write_corpus(songs(), tmp_path / "corpus")
    row = bench.run_packed(corpus, tokenizer_dir, tmp_path, 32, settings())
    assert row["run"] == "packed32" and row["steps"] >= 5
    assert row["tokens_per_step"] == pytest.approx(row["sequences_per_step"] * 32, abs=1.6)
    assert row["timed_steps"] == 5 - 1 - 1  # the warm-up step and the fifth left out
    assert row["tokens_per_s"] > 0 and 0.9 < row["coverage"] <= 1.0
    assert row["threads"] == 1
    assert "| packed32 | 3 | " in bench.table([row], corpus_tokens=1000)


def test_only_packed_configs_are_taken():
    assert bench._configs("packed128, packed512") == [128, 512]
    with pytest.raises(SystemExit, match="unknown config 'trainer'"):
        bench._configs("packed128,trainer")
