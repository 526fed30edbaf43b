"""Packing documents into fixed-length training blocks, `group_texts` style.

As in transformers' `run_clm.py` and nanoGPT's data preparation, the token ids of all documents
are concatenated with an EOS after each document and cut into blocks of `block_size`: no
padding, no compute spent on pad tokens, and a song shorter than a block shares it with the
next one. The EOS tells the model where one document ends and the next begins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Packed:
    """`blocks`: full blocks, shape (n, block_size); `tail`: the tokens left after them."""

    blocks: np.ndarray
    tail: np.ndarray

    @property
    def tokens(self) -> int:
        return int(self.blocks.size + self.tail.size)


def pack(docs: Iterable[Sequence[int]], block_size: int, eos_id: int) -> Packed:
    """Concatenate `doc + [eos]` for every document and cut the stream into full blocks."""
    if block_size < 2:
        raise ValueError(f"block_size must be at least 2, got {block_size}")
    pieces = []
    eos = np.array([eos_id], dtype=np.int64)
    for doc in docs:
        pieces.append(np.asarray(doc, dtype=np.int64))
        pieces.append(eos)
    stream = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
    n = len(stream) // block_size
    return Packed(stream[: n * block_size].reshape(n, block_size), stream[n * block_size :])


def tokenize(tokenizer, texts: list[str]) -> list[list[int]]:
    """Token ids of each text, without special tokens (packing adds the EOS itself)."""
    if not texts:
        return []
    # verbose=False: documents longer than the model's context are expected; packing cuts them.
    return tokenizer(texts, add_special_tokens=False, verbose=False)["input_ids"]
