"""Shared fixtures: tiny Dutch documents, cleaned-source shards, a tokenizer and a tiny model.

Nothing here reaches the network (tests/conftest.py switches the Hub off).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_data import ROLES, tiny_params, write_clean


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory) -> Path:
    from training.corpus import CorpusParams, build_corpus

    root = tmp_path_factory.mktemp("data")
    clean = write_clean(root / "clean")
    build_corpus(CorpusParams(validation_share=0.2), ROLES, clean, root / "corpus")
    return root / "corpus"


@pytest.fixture(scope="session")
def tokenizer_dir(corpus_dir, tmp_path_factory) -> Path:
    from training.corpus import read_texts
    from training.tokenizer import TokenizerParams, train_tokenizer

    out = tmp_path_factory.mktemp("tokenizer")
    texts = read_texts(corpus_dir / "pretrain" / "train.parquet")
    texts += read_texts(corpus_dir / "finetune" / "train.parquet")
    train_tokenizer(TokenizerParams(vocab_size=300, min_frequency=1), texts, out)
    return out


@pytest.fixture(scope="session")
def trained(corpus_dir, tokenizer_dir, tmp_path_factory):
    """One tiny training run: (model directory, metrics, dvclive directory)."""
    from training.train import train

    root = tmp_path_factory.mktemp("run")
    metrics = train(
        tiny_params(),
        corpus_dir,
        tokenizer_dir,
        root / "model",
        root / "checkpoints",
        live_dir=root / "live",
    )
    return root / "model", metrics, root / "live"
