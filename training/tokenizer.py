"""`tokenizer`: a byte-level BPE tokenizer trained on the cleaned training text.

Byte-level BPE as in GPT-2 and GPT-Neo: every byte is in the alphabet, so no text is ever
unknown, and newlines (the line structure of lyrics) are ordinary tokens. `<|endoftext|>` is
the only special token; it separates documents when they are packed into training blocks.
Only a `scratch` base model uses this tokenizer; a pretrained model brings its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import PreTrainedTokenizerFast

from common.config import InputError

EOS = "<|endoftext|>"


@dataclass(frozen=True)
class TokenizerParams:
    """params.yaml: tokenizer."""

    vocab_size: int = 4096  # including the 256 byte tokens and <|endoftext|>
    min_frequency: int = 2  # a pair must occur this often to be merged
    batch_size: int = 1000  # documents handed to the trainer at a time

    def __post_init__(self) -> None:
        if self.vocab_size < 257:
            raise ValueError(
                f"vocab_size must be at least 257 (256 bytes + EOS), got {self.vocab_size}"
            )


def _batches(texts: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(texts), size):
        yield texts[start : start + size]


def train_tokenizer(params: TokenizerParams, texts: list[str], out_dir: Path) -> dict[str, Any]:
    """Train on `texts`, save a `PreTrainedTokenizerFast` directory, return its statistics."""
    if not texts:
        raise InputError("no training text (are all sources' roles 'none'?)")
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=params.vocab_size,
        min_frequency=params.min_frequency,
        special_tokens=[EOS],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(_batches(texts, params.batch_size), trainer, length=len(texts))

    fast = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, eos_token=EOS, bos_token=EOS, unk_token=EOS
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    fast.save_pretrained(out_dir)

    chars = sum(len(t) for t in texts)
    tokens = sum(len(e.ids) for e in tokenizer.encode_batch(texts))
    return {
        "vocab_size": tokenizer.get_vocab_size(),
        "documents": len(texts),
        "characters": chars,
        "tokens": tokens,
        "chars_per_token": round(chars / tokens, 3) if tokens else 0.0,
    }
