"""The parts of the dedup job that keep its memory per worker bounded: the exact step's combine,
the bounded band buckets, and connected components by large-star and small-star rounds."""

import dataclasses
import random
from collections import defaultdict

import pytest

from common.config import ConfigError
from pipeline.dedup.components import (
    both_ways,
    large_star,
    larger_first,
    not_settled,
    small_star,
    star_centre,
)
from pipeline.dedup.local import dedup_report
from pipeline.dedup.minhash import jaccard, shingle_hashes
from pipeline.dedup.params import DedupParams
from pipeline.dedup.rules import bucket_pairs, exact_verdicts, first_copy, first_per_exact_key
from pipeline.dedup.transform import FirstCopy
from tests.pipeline.dedup.test_dedup import PARK, _check, _doc
from training.corpus import clusters_of


def _rounds(edges, rounds):
    """The components' centres after `rounds` rounds, run as the transform runs them."""
    for _ in range(rounds):
        grouped = defaultdict(list)
        for a, b in (view for e in edges for view in both_ways(e)):
            grouped[a].append(b)
        edges = [e for node, nbrs in grouped.items() for e in large_star(node, nbrs)]
        grouped = defaultdict(list)
        for a, b in map(larger_first, edges):
            grouped[a].append(b)
        edges = [e for node, smaller in grouped.items() for e in small_star(node, smaller)]
    grouped = defaultdict(list)
    for a, b in (view for e in edges for view in both_ways(e)):
        grouped[a].append(b)
    centres = {node: star_centre(node, nbrs) for node, nbrs in grouped.items()}
    unsettled = [node for node, (_, settled) in centres.items() if not settled]
    if unsettled:
        raise ValueError(not_settled(rounds, len(unsettled)))
    return {node: centre for node, (centre, _) in centres.items()}


def _components(edges):
    """Each node's smallest fellow member, by the corpus split's union-find."""
    nodes = sorted({n for e in edges for n in e})
    index = {n: i for i, n in enumerate(nodes)}
    roots = clusters_of(len(nodes), [(index[a], index[b]) for a, b in edges])
    return {n: nodes[r] for n, r in zip(nodes, roots, strict=True)}


@pytest.mark.parametrize("seed", range(5))
def test_large_and_small_star_find_every_component_with_its_smallest_node_as_centre(seed):
    rng = random.Random(seed)
    nodes = rng.sample(range(10_000), 600)
    edges = set()
    for _ in range(500):  # many small components, some merged into larger ones
        a, b = rng.sample(nodes, 2)
        edges.add((min(a, b), max(a, b)))
    path = sorted(rng.sample(range(10_000, 20_000), 60))  # a chain of near copies
    edges |= {(path[i], path[i + 1]) for i in range(len(path) - 1)}
    assert _rounds(list(edges), 12) == _components(edges)


def test_a_chain_longer_than_the_rounds_can_settle_is_an_error_naming_the_setting():
    chain = [(i, i + 1) for i in range(200)]
    assert set(_rounds(chain, 12).values()) == {0}
    with pytest.raises(ValueError, match="after 2 rounds.*dedup.cluster_rounds"):
        _rounds(chain, 2)


def test_star_centre_accepts_only_a_settled_star():
    assert star_centre(5, [7, 9]) == (5, True)  # a centre: no smaller neighbour
    assert star_centre(7, [5]) == (5, True)  # a leaf: one neighbour, the centre
    assert star_centre(7, [5, 9]) == (5, False)  # between a smaller and a larger node
    assert star_centre(7, [6, 5]) == (5, False)  # two smaller neighbours


def test_the_exact_combine_keeps_the_smallest_order_whatever_the_merge_order():
    members = [((1, "a"), "a", "lyrics"), ((0, "z"), "z", "web"), ((0, "y"), "y", "web")]
    combine = FirstCopy()
    for perm in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        accs = [combine.add_input(combine.create_accumulator(), members[i]) for i in perm]
        merged = combine.merge_accumulators([accs[0], combine.merge_accumulators(accs[1:])])
        assert combine.extract_output(merged) == (members[2], 3)
    for perm in ([0, 1, 2], [2, 1, 0], [1, 0, 2]):  # one accumulator taking every member
        acc = combine.create_accumulator()
        for i in perm:
            acc = combine.add_input(acc, members[i])
        assert combine.extract_output(acc) == (members[2], 3)
    assert combine.merge_accumulators([None, None]) is None
    assert first_copy((members[1], 2), (members[2], 1)) == (members[2], 3)
    assert exact_verdicts(members, members[2]) == [
        ((1, "a"), ("exact", members[2], 1.0)),
        ((0, "z"), ("exact", members[2], 1.0)),
    ]


def test_a_large_bucket_costs_linear_work_and_a_small_one_every_pair():
    small = list(range(30))
    assert len(bucket_pairs(b"k", small, 100)) == 30 * 29 // 2
    assert bucket_pairs(b"k", [3, 1, 2, 1]) == [(1, 2), (1, 3), (2, 3)]
    members = list(range(10_000))
    pairs = bucket_pairs(b"k", members, 100)
    assert len(pairs) == sum(10_000 - i - 1 for i in range(100))  # < 100 * 10,000
    assert all(a < 100 and a < b for a, b in pairs)
    assert {b for a, b in pairs if a == 0} == set(range(1, 10_000))  # every one meets the first
    assert len(bucket_pairs(b"k", list(range(101)), 100)) == 101 * 100 // 2  # still every pair
    assert len(bucket_pairs(b"k", list(range(102)), 100)) == 102 * 101 // 2 - 1  # all but 1


def test_a_bucket_compares_only_the_first_of_each_exact_group():
    entries = [((0, "b"), "k1"), ((0, "a"), "k1"), ((0, "c"), "k2"), ((1, "a"), "k2")]
    assert sorted(first_per_exact_key(entries)) == [(0, "a"), (0, "c")]


def test_a_page_recurring_in_many_near_copies_is_dropped_against_the_first(tmp_path):
    # 150 copies of one page, each with another number in it: one bucket of 151 documents, with
    # a limit of 20 every copy is compared with the first 20 only, and still dropped.
    docs = [_doc(0, "web", "p000", PARK)]
    for i in range(1, 151):
        docs.append(_doc(0, "web", f"p{i:03d}", PARK.replace("twee miljoen", f"{i} miljoen")))
    params = DedupParams(bucket_limit=20)
    first = shingle_hashes(PARK)
    rejected = [
        (d["id"], "near", "p000", round(jaccard(first, shingle_hashes(d["text"])), 3))
        for d in docs[1:]
    ]
    _check(docs, params, kept=["p000"], rejected=rejected)


def chain_of_near_copies(n: int = 9) -> list[str]:
    """`n` texts, each a near copy (Jaccard 0.81-0.84) of the one before and the one after
    only (0.66-0.68 with the next but one): the 3k-th words of every sixth replaced."""
    words = PARK.split()
    every_sixth = list(range(2, len(words), 6))
    texts = []
    for k in range(n):
        changed = list(words)
        for j in every_sixth[: 3 * k]:
            changed[j] = f"woord{j}"
        texts.append(" ".join(changed))
    return texts


CHAIN = DedupParams(bands=32, rows=4)  # every pair above 0.6 a candidate


def test_a_chain_is_walked_in_order_across_the_rounds():
    docs = [_doc(0, "web", f"c{i}", t) for i, t in enumerate(chain_of_near_copies())]
    texts = chain_of_near_copies()
    rejected = [
        (
            f"c{i}",
            "near",
            f"c{i - 1}",
            round(jaccard(*map(shingle_hashes, texts[i - 1 : i + 1])), 3),
        )
        for i in (1, 3, 5, 7)
    ]
    _check(docs, CHAIN, kept=["c0", "c2", "c4", "c6", "c8"], rejected=rejected)


def test_too_few_cluster_rounds_fail_the_job_with_the_setting_to_raise():
    docs = [_doc(0, "web", f"c{i}", t) for i, t in enumerate(chain_of_near_copies())]
    with pytest.raises(ValueError, match="of 6 documents were not settled after 1 rounds"):
        _rounds([(i, i + 1) for i in range(8)], 1)  # the same path, as the job runs it
    with pytest.raises(ConfigError, match="clusters of 6 documents were not settled after 1"):
        dedup_report(
            [{"text": d["text"]} for d in docs], dataclasses.replace(CHAIN, cluster_rounds=1)
        )
    assert dedup_report([{"text": d["text"]} for d in docs], CHAIN)[1]["docs_out"] == 5
