"""The base model of the `train` stage: a tiny GPT-Neo from scratch, a local folder or a hub id.

`scratch` builds `GPTNeoForCausalLM` from `GPTNeoConfig` with the sizes in params.yaml and the
project's own tokenizer; its layers alternate global and local attention as GPT-Neo's do.
Anything else goes through `from_pretrained`, so any causal LM with its tokenizer works
(`yhavinga/gpt-neo-125M-dutch`, `GroNLP/gpt2-small-dutch`). A hub id is looked up in the local
cache first; without network and without a cached copy the error says how to provide the
weights instead of ending in a stack trace from the HTTP client.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from huggingface_hub import constants
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    GPTNeoConfig,
    GPTNeoForCausalLM,
    PreTrainedTokenizerFast,
)

from common.config import InputError

SCRATCH = "scratch"
_HUB_ID = re.compile(r"^[\w.-]+(/[\w.-]+)?$")


class BaseModelError(InputError):
    """A base model that cannot be loaded; the message says how to provide it."""


@dataclass(frozen=True)
class ScratchModel:
    """params.yaml: train.scratch, the sizes of the `scratch` GPT-Neo."""

    hidden_size: int = 128
    num_layers: int = 4  # alternating global and local attention, global first (as GPT-Neo)
    num_heads: int = 4
    intermediate_size: int = 512  # the MLP's inner width
    window_size: int = 32  # how many tokens back a local-attention layer looks
    dropout: float = 0.0  # embedding, attention and residual dropout

    def __post_init__(self) -> None:
        if self.num_layers < 1:
            raise ValueError(f"num_layers must be at least 1, got {self.num_layers}")
        if self.hidden_size % self.num_heads:
            raise ValueError(
                f"hidden_size ({self.hidden_size}) must be a multiple of "
                f"num_heads ({self.num_heads})"
            )


def attention_types(num_layers: int) -> list:
    """GPT-Neo's `attention_types` for alternating global/local layers, e.g. [[[g, l], 2]]."""
    types: list = [[["global", "local"], num_layers // 2]] if num_layers >= 2 else []
    if num_layers % 2:
        types.append([["global"], 1])
    return types


def scratch_model(sizes: ScratchModel, vocab_size: int, eos_id: int, block_size: int):
    """A randomly initialised GPT-Neo; positions = block_size, the longest text it will see."""
    config = GPTNeoConfig(
        vocab_size=vocab_size,
        max_position_embeddings=block_size,
        hidden_size=sizes.hidden_size,
        num_layers=sizes.num_layers,
        attention_types=attention_types(sizes.num_layers),
        num_heads=sizes.num_heads,
        intermediate_size=sizes.intermediate_size,
        window_size=sizes.window_size,
        resid_dropout=sizes.dropout,
        embed_dropout=sizes.dropout,
        attention_dropout=sizes.dropout,
        bos_token_id=eos_id,
        eos_token_id=eos_id,
    )
    return GPTNeoForCausalLM(config)


def is_offline() -> bool:
    """True when the Hub must not be contacted (HF_HUB_OFFLINE or TRANSFORMERS_OFFLINE set)."""
    env = any(
        os.environ.get(v, "").upper() in {"1", "ON", "YES", "TRUE"}
        for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )
    return env or bool(constants.HF_HUB_OFFLINE)


def offline_help(name: str, cause: str) -> str:
    folder = f"models/{name.rsplit('/', 1)[-1]}"
    return (
        f"train.base_model: cannot load '{name}': it is not a local directory, not in the "
        f"Hugging Face cache, and the Hub could not be reached ({cause}).\n"
        f"Provide the weights: on a machine with network run\n"
        f"    hf download {name} --local-dir {folder}\n"
        f"(older huggingface_hub: huggingface-cli download {name} --local-dir {folder}),\n"
        f"copy {folder} here and set train.base_model to it:\n"
        f"    dvc exp run -S train.base_model={folder}\n"
        f"or run once with network so the download fills the cache (HF_HOME)."
    )


def load_pretrained(name: str, cache_dir: str | None = None) -> tuple[Any, Any]:
    """Model and tokenizer from a local directory or a hub id (cache first, then the Hub)."""

    def load(local_only: bool):
        kwargs: dict[str, Any] = {"cache_dir": cache_dir or None, "local_files_only": local_only}
        tokenizer = AutoTokenizer.from_pretrained(name, **kwargs)
        # fp32 master weights: mixed precision comes from autocast, never from the checkpoint.
        model = AutoModelForCausalLM.from_pretrained(name, dtype=torch.float32, **kwargs)
        return model, tokenizer

    path = Path(name)
    if path.is_dir():
        try:
            return load(local_only=True)
        except (OSError, ValueError) as e:
            raise BaseModelError(
                f"train.base_model: '{name}' is a directory but not a saved causal LM with its "
                f"tokenizer ({_first_line(e)}); save one with model.save_pretrained(DIR) and "
                f"tokenizer.save_pretrained(DIR)"
            ) from e
    if not _HUB_ID.match(name):
        raise BaseModelError(
            f"train.base_model: '{name}' is neither '{SCRATCH}', an existing directory, nor a hub "
            f"id like 'yhavinga/gpt-neo-125M-dutch'"
        )
    try:
        return load(local_only=True)
    except OSError as cached_error:
        if is_offline():
            raise BaseModelError(offline_help(name, "offline mode is on")) from cached_error
    try:
        return load(local_only=False)
    except OSError as e:
        raise BaseModelError(offline_help(name, _first_line(e))) from e


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def load_base(
    base_model: str,
    tokenizer_dir: Path,
    sizes: ScratchModel,
    block_size: int,
    cache_dir: str | None = None,
) -> tuple[Any, Any]:
    """The model to train and its tokenizer, checked for an EOS token and enough positions."""
    if base_model == SCRATCH:
        if not (tokenizer_dir / "tokenizer.json").is_file():
            raise BaseModelError(
                f"train.base_model is '{SCRATCH}' but {tokenizer_dir} holds no tokenizer.json "
                f"(run `dvc repro tokenizer`)"
            )
        tokenizer = PreTrainedTokenizerFast.from_pretrained(str(tokenizer_dir))
        if tokenizer.eos_token_id is None:
            raise BaseModelError(f"{tokenizer_dir}: the tokenizer has no EOS token")
        model = scratch_model(sizes, len(tokenizer), tokenizer.eos_token_id, block_size)
        return model, tokenizer

    model, tokenizer = load_pretrained(base_model, cache_dir)
    if tokenizer.eos_token_id is None:
        raise BaseModelError(
            f"train.base_model: the tokenizer of '{base_model}' has no EOS token to put "
            f"between packed documents"
        )
    positions = max_positions(model)
    if positions is not None and block_size > positions:
        raise BaseModelError(
            f"train.block_size={block_size} is longer than the {positions} positions of "
            f"'{base_model}'; set train.block_size to {positions} or less"
        )
    return model, tokenizer


def max_positions(model) -> int | None:
    """The longest input the model's position embeddings allow, when it has a limit."""
    config = model.config
    for key in ("max_position_embeddings", "n_positions"):
        value = getattr(config, key, None)
        if isinstance(value, int):
            return value
    return None


def count_parameters(model) -> int:
    """Trainable size: each tensor once (tied input/output embeddings count once)."""
    return sum(p.numel() for p in model.parameters())
