"""Deduplication's rules and statistics, pure Python (no Beam): what
`pipeline.dedup.transform` and `pipeline.dedup.leakage` both decide with.

Documents are dicts with `id`, `source`, `text` and `order` (unique and comparable: the first
copy by order is kept). A step's output is a stream of (kind, payload) pairs: `PASS` and the
document for a survivor handed to the next step, `EXACT`, `NEAR` or `SPAN` and the rejected
document for a drop, `CLUSTER` and (step, size) for one group of copies, `KEPT` and the
document at the end. `finalize_stats` turns the counted stream into the statistics JSON.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import numpy as np

from pipeline.dedup.minhash import document_sentences, jaccard, remove_sentences

EXACT, NEAR, SPAN = "exact", "near", "span"
KINDS = (EXACT, NEAR, SPAN)  # the rejection kinds, in the order the steps run
KEPT = "kept"
PASS = "pass"  # a survivor of one step, handed to the next
CLUSTER = "cluster"  # (step, size) of one group of copies, for the histogram
UNSETTLED = "clusters_unsettled"  # a document whose cluster the rounds left unfinished
TERMINAL = (*KINDS, CLUSTER)  # the kinds a step hands to the end rather than the next step

# The steps' rules.


def prepare(doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` checked for the fields the steps need, with `order` a tuple."""
    missing = [k for k in ("id", "source", "text", "order") if k not in doc]
    if missing:
        raise ValueError(f"dedup: document {doc.get('id')!r} has no {', '.join(missing)}")
    return {**doc, "order": tuple(doc["order"]), "sentences_removed": 0}


def as_rejected(doc: dict, kind: str, duplicate_of: tuple, similarity: float) -> dict:
    """`doc` dropped as `kind`; `duplicate_of` is the (order, id, source) it copies."""
    _, dup_id, dup_source = duplicate_of
    return {
        **doc,
        "duplicate_of": dup_id,
        "duplicate_of_source": dup_source,
        "similarity": similarity,
        "kind": kind,
    }


def apply_verdict(order: tuple, docs, verdicts) -> tuple[str, dict]:
    """One document and the verdicts keyed by its `order` (none, or one: (kind, duplicate_of
    member, similarity)) as a (kind, document) element: `PASS` to the next step, or dropped."""
    docs, verdicts = list(docs), list(verdicts)
    if len(docs) != 1:
        raise ValueError(f"dedup: {len(docs)} documents share the order {order!r}")
    if len(verdicts) > 1:
        raise AssertionError(f"dedup: document {order!r} has {len(verdicts)} verdicts")
    (doc,) = docs
    if not verdicts:
        return PASS, doc
    kind, duplicate_of, similarity = verdicts[0]
    return kind, as_rejected(doc, kind, duplicate_of, similarity)


def member(doc: dict) -> tuple:
    """The (order, id, source) that names a document in pairs and clusters."""
    return (doc["order"], doc["id"], doc["source"])


def first_copy(a: tuple, b: tuple) -> tuple:
    """Of two (member, count) tallies of one exact key, the earlier member and the summed
    count: the combine that picks each exact group's kept document without holding the group."""
    return (min(a[0], b[0]), a[1] + b[1])


def exact_verdicts(members, first: tuple) -> list[tuple[tuple, tuple]]:
    """The members of one exact key that are not its `first`: (order, (EXACT, first, 1.0))."""
    return [(m[0], (EXACT, first, 1.0)) for m in members if m != first]


def bucket_pairs(key, members, limit: int | None = None) -> list[tuple]:
    """The pairs (earlier, later) of the documents that share one band key to verify: every pair,
    or, in a bucket of more than `limit` documents, every document with each of the first
    `limit` before it. A page that recurs m times then costs m * limit comparisons, not m^2/2;
    a copy is found as long as its original is among the bucket's first `limit` documents."""
    members = sorted(set(members))
    anchors = members if limit is None else members[:limit]
    return [(a, b) for i, a in enumerate(anchors) for b in members[i + 1 :]]


def first_per_exact_key(entries) -> list[tuple]:
    """The members of a band bucket, (member, exact key) each, less the exact copies: of the
    members that share an exact key only the first stays. Exact copies have the same shingles,
    so the whole group is in every bucket any of them is in, and that first is the group's
    kept document; the others are the exact step's to drop."""
    first: dict = {}
    for member, key in entries:
        if key not in first or member < first[key]:
            first[key] = member
    return list(first.values())


def verify(a: np.ndarray, b: np.ndarray, threshold: float) -> float | None:
    """The true Jaccard of a candidate pair's shingle hashes when it makes them duplicates (at
    or above `threshold`), else None: the one place the threshold is compared."""
    similarity = jaccard(a, b)
    return similarity if similarity >= threshold else None


def resolve_clusters(edges: list[tuple[tuple, tuple, float]]) -> dict[str, Any]:
    """Which documents of the verified near-duplicate graph are dropped, and copies of what.

    `edges` are (a, b, jaccard) with members (order, id, source) and jaccard >= threshold.
    Clusters are the connected components; each is walked in order and a document is dropped
    when it has an edge to a document already kept in it (the most similar; ties to the
    earliest). Returns {"dropped": {order: (kept member, jaccard)}, "sizes": [cluster sizes]}.
    """
    parent: dict[tuple, tuple] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    neighbours: dict[tuple, dict[tuple, float]] = defaultdict(dict)
    for a, b, sim in edges:
        neighbours[a][b] = neighbours[b][a] = sim
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    clusters: dict[tuple, list[tuple]] = defaultdict(list)
    for member in neighbours:
        clusters[find(member)].append(member)
    dropped: dict[tuple, tuple[tuple, float]] = {}
    for members in clusters.values():
        kept: set[tuple] = set()
        for member in sorted(members):
            best = None  # earlier kept documents come first, so ties go to the earliest
            for other in sorted(k for k in neighbours[member] if k in kept):
                if best is None or neighbours[member][other] > best[1]:
                    best = (other, neighbours[member][other])
            if best is None:
                kept.add(member)
            else:
                dropped[member[0]] = best
    return {"dropped": dropped, "sizes": sorted(len(m) for m in clusters.values())}


def span_removals(key: str, occurrences) -> list[tuple[tuple, tuple[int, tuple]]]:
    """One span key's occurrences (order, start, id, source): every occurrence in a document
    later than the first document holding the span is removed, as (order, (start, owner))."""
    occurrences = sorted(occurrences)
    first_order, _, owner_id, owner_source = occurrences[0]
    owner = (first_order, owner_id, owner_source)
    return [(o[0], (o[1], owner)) for o in occurrences if o[0] != first_order]


def apply_span_removals(doc: dict, removals, k: int) -> tuple[str, dict]:
    """`doc` without the sentences of the spans removed from it (see `span_removals`)."""
    removals = sorted(removals)
    if not removals:
        return PASS, doc
    removed: set[int] = set()
    for start, _ in removals:
        removed.update(range(start, start + k))
    if len(removed) >= len(document_sentences(doc["text"])):
        return SPAN, as_rejected(doc, SPAN, removals[0][1], 1.0)
    text = remove_sentences(doc["text"], removed)
    return PASS, {**doc, "text": text, "sentences_removed": len(removed)}


# Statistics, counted as data.


def events(element) -> list[tuple[tuple, int]]:
    """The counts one element of the final stream contributes: ((what, source), n)."""
    kind, payload = element
    if kind == "docs_in":
        return [(("docs_in", payload), 1)]
    if kind == CLUSTER:
        return [((CLUSTER, *payload), 1)]
    if kind == UNSETTLED:
        return [((UNSETTLED,), 1)]
    if kind == KEPT:
        out = [(("docs_out", payload["source"]), 1)]
        if payload["sentences_removed"]:
            out.append((("span_trimmed", payload["source"]), 1))
            out.append((("sentences_removed", payload["source"]), payload["sentences_removed"]))
        return out
    return [((kind, payload["source"]), 1)]


def counter(events: list[tuple[Any, int]]) -> Counter:
    """The events of one element as a Counter, for `counting.SumCounters`."""
    total: Counter = Counter()
    for key, n in events:
        total[key] += n
    return total


def finalize_stats(counts: Counter) -> dict[str, Any]:
    """The statistics JSON: per source and in total, docs_in, docs_out, docs_dropped by kind,
    span_trimmed (kept documents that lost sentences) and sentences_removed, and the cluster
    sizes of each step ({size: number of groups}). Raises if a document is unaccounted for."""
    per_source: dict[str, dict[str, Any]] = {}
    clusters: dict[str, Counter] = {EXACT: Counter(), NEAR: Counter()}
    unsettled = 0
    for key, n in counts.items():
        if key[0] == UNSETTLED:
            unsettled += n
            continue
        if key[0] == CLUSTER:
            clusters[key[1]][key[2]] += n
            continue
        what, source = key
        s = per_source.setdefault(source, _empty_source())
        if what in KINDS:
            s["docs_dropped"][what] += n
        else:
            s[what] += n
    total = _empty_source()
    for source, s in per_source.items():
        if s["docs_in"] != s["docs_out"] + sum(s["docs_dropped"].values()):
            raise AssertionError(f"dedup: documents of source {source!r} not accounted for: {s}")
        for what, n in s.items():
            if what == "docs_dropped":
                for kind in KINDS:
                    total["docs_dropped"][kind] += n[kind]
            else:
                total[what] += n
    failed = {UNSETTLED: unsettled} if unsettled else {}  # the run must fail (`job`, `local`)
    return {
        **total,
        **failed,
        "sources": dict(sorted(per_source.items())),
        "cluster_sizes": {
            step: {str(size): n for size, n in sorted(c.items())} for step, c in clusters.items()
        },
    }


def _empty_source() -> dict[str, Any]:
    return {
        "docs_in": 0,
        "docs_out": 0,
        "docs_dropped": dict.fromkeys(KINDS, 0),
        "span_trimmed": 0,
        "sentences_removed": 0,
    }
