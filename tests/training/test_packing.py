import numpy as np
import pytest

from training.packing import pack

EOS = 99


def test_blocks_hold_documents_joined_by_eos_without_padding():
    packed = pack([[1, 2, 3], [4, 5], [6, 7, 8, 9]], block_size=4, eos_id=EOS)
    # stream: 1 2 3 EOS 4 5 EOS 6 7 8 9 EOS -> three full blocks, nothing left over
    assert packed.blocks.tolist() == [[1, 2, 3, EOS], [4, 5, EOS, 6], [7, 8, 9, EOS]]
    assert packed.tail.tolist() == []
    assert packed.blocks.dtype == np.int64


def test_the_stream_is_cut_into_full_blocks_and_the_rest_is_the_tail():
    packed = pack([[1, 2, 3, 4, 5], [6]], block_size=3, eos_id=EOS)
    assert packed.blocks.tolist() == [[1, 2, 3], [4, 5, EOS]]
    assert packed.tail.tolist() == [6, EOS]
    assert packed.tokens == 8


def test_a_document_longer_than_a_block_spans_blocks():
    packed = pack([list(range(1, 8))], block_size=3, eos_id=EOS)
    assert packed.blocks.tolist() == [[1, 2, 3], [4, 5, 6]]
    assert packed.tail.tolist() == [7, EOS]


def test_every_document_is_followed_by_exactly_one_eos():
    docs = [[1] * 5, [2] * 7, [3] * 2, [4] * 11]
    packed = pack(docs, block_size=8, eos_id=EOS)
    stream = np.concatenate([packed.blocks.ravel(), packed.tail]).tolist()
    assert stream.count(EOS) == len(docs)
    assert stream == [1] * 5 + [EOS] + [2] * 7 + [EOS] + [3] * 2 + [EOS] + [4] * 11 + [EOS]


def test_no_documents_no_blocks():
    packed = pack([], block_size=4, eos_id=EOS)
    assert packed.blocks.shape == (0, 4)
    assert packed.tokens == 0


def test_block_size_must_leave_a_token_to_predict():
    with pytest.raises(ValueError, match="block_size"):
        pack([[1]], block_size=1, eos_id=EOS)
