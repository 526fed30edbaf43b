import pytest

from common.config import InputError
from training.tokenizer import EOS, TokenizerParams, train_tokenizer


def test_the_tokenizer_loads_with_transformers_and_round_trips_dutch(tokenizer_dir):
    from transformers import AutoTokenizer, PreTrainedTokenizerFast

    for tokenizer in (
        PreTrainedTokenizerFast.from_pretrained(str(tokenizer_dir)),
        AutoTokenizer.from_pretrained(str(tokenizer_dir)),
    ):
        assert tokenizer.eos_token == EOS
        assert tokenizer.convert_tokens_to_ids(EOS) == tokenizer.eos_token_id
        text = "de regen valt op het plein\n\nzo'n café, één ü"  # bytes never go unknown
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        assert tokenizer.decode(ids) == text
        assert len(tokenizer) <= 300


def test_training_reports_its_statistics(tmp_path):
    texts = ["de regen valt op het plein", "en ik drink mijn laatste wijn"] * 5
    stats = train_tokenizer(TokenizerParams(vocab_size=280, min_frequency=1), texts, tmp_path)
    assert stats["documents"] == 10
    assert 257 <= stats["vocab_size"] <= 280
    assert stats["chars_per_token"] > 1
    assert (tmp_path / "tokenizer.json").is_file()


def test_no_text_no_tokenizer(tmp_path):
    with pytest.raises(InputError, match="no training text"):
        train_tokenizer(TokenizerParams(), [], tmp_path)
