"""Connected components of the verified near-copy graph, by large-star and small-star rounds.

Pure functions, no Beam: `pipeline.dedup.transform.Clusters` runs each round as one keyed
shuffle of the edges. The algorithm is Kiveris, Lattanzi, Mirrokni, Rastogi and Vassilvitskii,
"Connected Components in MapReduce and Beyond" (SoCC 2014): alternating the two operations
turns every component into a star whose centre is its smallest node, in O(log^2 n) rounds
(11 for a path of 10,000 nodes in random order, 14 in sorted order, 12 for a sorted path of
3,000; 5 for random graphs of 10,000 nodes: measured with these functions). Nodes are any
comparable, hashable values (the documents' `order`); an edge is a pair (smaller, larger).
Each round holds, per key, one node's neighbours: the size of its cluster at most, never the
corpus.
"""

from __future__ import annotations

from collections.abc import Iterable


def large_star(node, neighbours: Iterable) -> list[tuple]:
    """Every neighbour larger than `node`, linked to the smallest of `node` and its neighbours."""
    neighbours = set(neighbours)
    smallest = min(min(neighbours), node)
    return [(smallest, v) for v in neighbours if v > node]


def small_star(node, smaller: Iterable) -> list[tuple]:
    """`node` and its smaller neighbours, each linked to the smallest of them."""
    group = set(smaller) | {node}
    smallest = min(group)
    return [(smallest, v) for v in group if v != smallest]


def star_centre(node, neighbours: Iterable) -> tuple:
    """(the centre of `node`'s cluster, whether the rounds settled it). Settled: `node` itself
    when it has no smaller neighbour, else its one smaller neighbour and no larger one (that
    neighbour then reports itself a centre, or unsettled). An unsettled node's centre is its
    smallest neighbour, and the run must fail: its cluster may be cut in two."""
    neighbours = set(neighbours)
    smaller = [v for v in neighbours if v < node]
    if not smaller:
        return node, True
    return min(smaller), len(smaller) == 1 == len(neighbours)


def not_settled(rounds: int, nodes: int) -> str:
    """What a user reads when `rounds` rounds left `nodes` documents unsettled."""
    return (
        f"the near-copy clusters of {nodes} documents were not settled after {rounds} rounds "
        "(a long chain of near copies); raise dedup.cluster_rounds in params.yaml"
    )


def both_ways(edge: tuple) -> list[tuple]:
    """(a, b) as the two keyed views (a, b) and (b, a), to group a node's neighbours."""
    a, b = edge
    return [(a, b), (b, a)]


def larger_first(edge: tuple) -> tuple:
    """(smaller, larger) keyed by the larger node, for `small_star`."""
    a, b = edge
    return (b, a) if a < b else (a, b)
