"""bench/make_corpus.py: the benchmark corpus from the shared real text; `--body-scale` makes
longer pages of the same kinds (mC4-sized shards for the scaling runs)."""

from __future__ import annotations

import pytest

from bench import make_corpus

pytestmark = pytest.mark.skipif(
    not make_corpus.CORPORA.is_dir(), reason="../shared/corpora is absent"
)


@pytest.fixture(scope="module")
def pools():
    return make_corpus.load_pools()


def test_a_larger_body_scale_makes_longer_pages_of_the_same_kinds(pools):
    plain = [make_corpus.make_page(i, 2021, pools) for i in range(300)]
    longer = [make_corpus.make_page(i, 2021, pools, 2.8) for i in range(300)]
    assert [k for _, k in plain] == [k for _, k in longer]
    size = sum(len(r["text"]) for r, _ in plain)
    assert 2.0 * size < sum(len(r["text"]) for r, _ in longer) < 3.2 * size


def test_the_same_arguments_give_the_same_shards(tmp_path, pools):
    make_corpus.build(tmp_path / "a", 40, 2, 7, 1.5)
    make_corpus.build(tmp_path / "b", 40, 2, 7, 1.5)
    a = sorted((tmp_path / "a").glob("*.json.gz"))
    assert len(a) == 2
    assert [p.read_bytes() for p in a] == [
        p.read_bytes() for p in sorted((tmp_path / "b").glob("*.json.gz"))
    ]


def test_the_default_scale_draws_the_sizes_drawn_before_the_option():
    """Scale 1 draws the same body sizes as before the option existed: 6.6 + log(1) is 6.6."""
    import random

    a, b = random.Random(5), random.Random(5)
    assert [make_corpus._body_size(a) for _ in range(50)] == [
        int(min(6000, max(250, b.lognormvariate(6.6, 0.5)))) for _ in range(50)
    ]
