"""The benchmarks' tests: a tokenizer trained on the training tests' tiny Dutch songs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.training.tiny_data import lyric


@pytest.fixture(scope="session")
def tokenizer_dir(tmp_path_factory) -> Path:
    from training.tokenizer import TokenizerParams, train_tokenizer

    out = tmp_path_factory.mktemp("tokenizer")
    train_tokenizer(
        TokenizerParams(vocab_size=300, min_frequency=1), [lyric(i) for i in range(10)], out
    )
    return out
