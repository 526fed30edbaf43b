import os

import pytest
import torch

from training.model import (
    BaseModelError,
    ScratchModel,
    attention_types,
    load_base,
    load_pretrained,
    scratch_model,
)

SIZES = ScratchModel(hidden_size=32, num_layers=4, num_heads=2, intermediate_size=64, window_size=8)


def test_scratch_layers_alternate_global_and_local_attention():
    assert attention_types(4) == [[["global", "local"], 2]]
    assert attention_types(3) == [[["global", "local"], 1], [["global"], 1]]
    model = scratch_model(SIZES, vocab_size=300, eos_id=0, block_size=32)
    assert model.config.attention_layers == ["global", "local", "global", "local"]
    assert model.config.max_position_embeddings == 32
    kinds = [block.attn.attention_type for block in model.transformer.h]
    assert kinds == ["global", "local", "global", "local"]


def save_tiny(directory, tokenizer_dir):
    """A causal LM with its tokenizer, saved as from_pretrained expects."""
    from transformers import PreTrainedTokenizerFast

    tokenizer = PreTrainedTokenizerFast.from_pretrained(str(tokenizer_dir))
    torch.manual_seed(0)
    model = scratch_model(SIZES, len(tokenizer), tokenizer.eos_token_id, block_size=32)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return model


def test_a_local_directory_loads_with_its_tokenizer(tmp_path, tokenizer_dir):
    saved = save_tiny(tmp_path / "tiny", tokenizer_dir)
    model, tokenizer = load_base(str(tmp_path / "tiny"), tokenizer_dir, SIZES, block_size=32)
    assert torch.equal(model.transformer.wte.weight, saved.transformer.wte.weight)
    assert tokenizer.eos_token == "<|endoftext|>"
    assert model.dtype == torch.float32


def test_a_hub_id_loads_from_the_cache_without_network(tmp_path, tokenizer_dir):
    # The layout huggingface_hub downloads into: refs/main names the snapshot to use.
    repo = tmp_path / "cache" / "models--schoon-test--tiny-gpt-neo"
    commit = "0123456789abcdef0123456789abcdef01234567"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    saved = save_tiny(repo / "snapshots" / commit, tokenizer_dir)

    model, tokenizer = load_base(
        "schoon-test/tiny-gpt-neo", tokenizer_dir, SIZES, 32, cache_dir=str(tmp_path / "cache")
    )
    assert torch.equal(model.lm_head.weight, saved.lm_head.weight)
    assert tokenizer.eos_token_id is not None


def test_an_unknown_hub_id_offline_says_how_to_provide_the_weights(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(BaseModelError) as error:
        load_pretrained("yhavinga/gpt-neo-125M-dutch", cache_dir=str(tmp_path))
    message = str(error.value)
    assert "train.base_model" in message
    assert (
        "hf download yhavinga/gpt-neo-125M-dutch --local-dir models/gpt-neo-125M-dutch" in message
    )
    assert "dvc exp run -S train.base_model=models/gpt-neo-125M-dutch" in message
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_a_directory_without_a_model_is_named(tmp_path):
    with pytest.raises(BaseModelError, match="is a directory but not a saved causal LM"):
        load_pretrained(str(tmp_path))


def test_scratch_without_a_tokenizer_names_the_stage(tmp_path):
    with pytest.raises(BaseModelError, match="dvc repro tokenizer"):
        load_base("scratch", tmp_path, SIZES, block_size=32)


def test_a_block_longer_than_the_model_positions_is_refused(tmp_path, tokenizer_dir):
    save_tiny(tmp_path / "tiny", tokenizer_dir)
    with pytest.raises(BaseModelError, match="train.block_size=64 is longer than the 32"):
        load_base(str(tmp_path / "tiny"), tokenizer_dir, SIZES, block_size=64)
