"""Exact and near duplicates removed across sources (issue 9), as one Beam transform.

`DedupTransform(params)` takes documents (dicts with `id`, `source`, `text` and `order`, the
pair (source_rank, id) where source_rank is the source's position in params.yaml) and returns
the kept documents, the rejected ones and the statistics. Of every group of copies the first
by `order` is kept, so the result does not depend on the runner, the sharding or the order in
which documents arrive. Three steps, each optional (`DedupParams`):

1. exact: documents equal after `minhash.normalise` (case, whitespace, punctuation) are
   grouped by `exact_key`; all but the first are dropped as `exact`, similarity 1.0.
2. near, on the exact survivors: each document's MinHash signature is cut into bands and one
   (band key, document) pair per band goes through a GroupByKey; documents sharing a band key
   are candidate pairs, and each candidate pair is verified on its true Jaccard similarity of
   word 5-gram shingles (the shingle hashes are joined back to the pair by two CoGroupByKeys,
   so only candidates carry them). The verified edges (pairs at Jaccard >= threshold; only
   duplicates, so few) are gathered in ONE place, the only global step: there they are joined
   into clusters (connected components) and each cluster is walked in `order`: a document is
   dropped as `near` when it has a verified edge to a document already kept in its cluster,
   with `duplicate_of` that kept document (the most similar one if several) and `similarity`
   their true Jaccard; otherwise it is kept. So in a chain A~B, B~C with A and C not similar,
   A and C are kept and B is dropped as a copy of A: nothing is dropped for resembling a
   document that was itself dropped.
3. spans (C4's rule, off by default): every span of `span_sentences` consecutive sentences
   that occurs in an earlier document (by `order`) is removed from the later ones; a document
   left with no sentence is dropped as `span`. Kept documents that lost sentences are counted.

Every document leaves the transform exactly once, as ("kept", doc) or (kind, rejected doc),
in one stream that two `Filter`s split. `beam.Partition` and `TaggedOutput` are avoided here
on purpose: Partition is a multi-output ParDo underneath, and the DaskRunner was found to mix
the tagged outputs of one ParDo, which would corrupt the counts. The statistics are counted
from that same stream by a combine and checked: docs_in == docs_out + dropped, per source.

The rules each step applies, and the statistics, are pure functions in `pipeline.dedup_rules`;
this module only wires them into Beam. `pipeline.dedup_job` is the stage's job around it and
`pipeline.dedup_local` runs it in-process for `schoon dedup FILE`.
"""

from __future__ import annotations

import apache_beam as beam
import numpy as np

from pipeline.counting import SumCounters
from pipeline.dedup_params import DedupParams
from pipeline.dedup_rules import (
    CLUSTER,
    KEPT,
    KINDS,
    NEAR,
    PASS,
    TERMINAL,
    apply_span_removals,
    as_rejected,
    bucket_pairs,
    counter,
    events,
    finalize_stats,
    keep_first,
    member,
    prepare,
    resolve_clusters,
    span_removals,
    verify,
)
from pipeline.minhash import MinHasher, band_keys, exact_key, shingle_hashes, span_keys

# The (kind, payload) stream: every step emits pairs, and these pick them apart.


def _has_kind(element, kinds: tuple[str, ...]) -> bool:
    return element[0] in kinds


def _payload(element):
    return element[1]


def of_kind(pcoll, label: str, kinds: tuple[str, ...]):
    """The payloads of the elements of a (kind, payload) stream whose kind is in `kinds`."""
    return (
        pcoll
        | f"{label}" >> beam.Filter(_has_kind, kinds)
        | f"{label}Payloads" >> beam.Map(_payload)
    )


def _split(pcoll, label: str):
    """(survivors' docs, terminal elements) of a step's (kind, payload) stream."""
    survivors = of_kind(pcoll, f"{label}Survivors", (PASS,))
    terminal = pcoll | f"{label}Terminal" >> beam.Filter(_has_kind, TERMINAL)
    return survivors, terminal


class ExactDedup(beam.PTransform):
    """Documents -> (survivors, terminal elements) of the exact step."""

    def expand(self, docs):
        stream = (
            docs
            | "ExactKey" >> beam.Map(lambda d: (exact_key(d["text"]), d))
            | "GroupExact" >> beam.GroupByKey()
            | "KeepFirst" >> beam.FlatMapTuple(keep_first)
        )
        return _split(stream, "Exact")


def _shingles_of(doc, n: int):
    """(member, shingle hashes as bytes); nothing for a text without words (exact
    deduplication handles empty texts)."""
    hashes = shingle_hashes(doc["text"], n)
    return [(member(doc), hashes.tobytes())] if len(hashes) else []


def _by_order(features):
    member, hashes = features
    return (member[0], hashes)


class BandKeysFn(beam.DoFn):
    """One (band key, member) per band of a document's MinHash signature."""

    def __init__(self, params: DedupParams):
        self.params = params

    def setup(self):
        self.hasher = MinHasher(self.params.num_perm, self.params.seed)

    def process(self, features):
        member, hashes = features
        signature = self.hasher.signature(np.frombuffer(hashes, dtype=np.uint64))
        for key in band_keys(signature, self.params.bands, self.params.rows):
            yield (key, member)


def _first_hashes(element):
    """Join 1: the earlier document's shingle hashes onto each of its candidate pairs."""
    _, grouped = element
    pairs = list(grouped["pairs"])
    if pairs:
        (hashes,) = grouped["shingles"]
        for pair in pairs:
            yield (pair[1][0], (pair, hashes))


def _verify(element, threshold: float):
    """Join 2: the true Jaccard of each candidate pair; yields the verified edges."""
    _, grouped = element
    pairs = list(grouped["pairs"])
    if pairs:
        (later,) = grouped["shingles"]
        later = np.frombuffer(later, dtype=np.uint64)
        for (a, b), earlier in pairs:
            sim = verify(np.frombuffer(earlier, dtype=np.uint64), later, threshold)
            if sim is not None:
                yield (a, b, sim)


def _apply_near(doc, resolution):
    hit = resolution["dropped"].get(doc["order"])
    if hit is None:
        return (PASS, doc)
    kept, sim = hit
    return (NEAR, as_rejected(doc, NEAR, kept, sim))


def _near_clusters(resolution):
    return [(CLUSTER, (NEAR, size)) for size in resolution["sizes"]]


class NearDedup(beam.PTransform):
    """Documents -> (survivors, terminal elements) of the MinHash-LSH step."""

    def __init__(self, params: DedupParams):
        super().__init__()
        self.params = params

    def expand(self, docs):
        features = docs | "Shingles" >> beam.FlatMap(_shingles_of, self.params.ngram)
        shingles = features | "ShinglesByOrder" >> beam.Map(_by_order)
        pairs = (
            features
            | "BandKeys" >> beam.ParDo(BandKeysFn(self.params))
            | "GroupBands" >> beam.GroupByKey()
            | "CandidatePairs" >> beam.FlatMapTuple(bucket_pairs)
            | "DistinctPairs" >> beam.Distinct()
        )
        with_first = (
            {
                "pairs": pairs | "ByFirst" >> beam.Map(lambda p: (p[0][0], p)),
                "shingles": shingles,
            }
            | "JoinFirst" >> beam.CoGroupByKey()
            | "AttachFirst" >> beam.FlatMap(_first_hashes)
        )
        edges = (
            {"pairs": with_first, "shingles": shingles}
            | "JoinSecond" >> beam.CoGroupByKey()
            | "Verify" >> beam.FlatMap(_verify, self.params.threshold)
        )
        resolution = (
            edges
            | "GatherEdges" >> beam.combiners.ToList()
            | "Clusters" >> beam.Map(resolve_clusters)
        )
        stream = docs | "ApplyNear" >> beam.Map(_apply_near, beam.pvalue.AsSingleton(resolution))
        survivors, terminal = _split(stream, "Near")
        clusters = resolution | "NearClusters" >> beam.FlatMap(_near_clusters)
        return survivors, (terminal, clusters) | "DropsAndClusters" >> beam.Flatten()


def _spans_of(doc, k: int):
    order, rid, source = member(doc)
    keys = enumerate(span_keys(doc["text"], k))
    return [(key, (order, i, rid, source)) for i, key in keys if key is not None]


def _apply_spans(element, k: int):
    _, grouped = element
    (doc,) = grouped["doc"]
    return apply_span_removals(doc, grouped["removed"], k)


class SpanDedup(beam.PTransform):
    """Documents -> (survivors, terminal elements) of C4's span step."""

    def __init__(self, params: DedupParams):
        super().__init__()
        self.params = params

    def expand(self, docs):
        k = self.params.span_sentences
        removals = (
            docs
            | "SpanKeys" >> beam.FlatMap(_spans_of, k)
            | "GroupSpans" >> beam.GroupByKey()
            | "Removals" >> beam.FlatMapTuple(span_removals)
        )
        stream = (
            {"doc": docs | "ByOrder" >> beam.Map(lambda d: (d["order"], d)), "removed": removals}
            | "JoinRemovals" >> beam.CoGroupByKey()
            | "ApplySpans" >> beam.Map(_apply_spans, k)
        )
        return _split(stream, "Span")


# The whole transform, and its counts.


class CountVerdictsFn(beam.DoFn):
    """Beam Metrics counters as the live view (the combine is the exact count)."""

    def setup(self):
        self.counters = {k: beam.metrics.Metrics.counter("dedup", k) for k in (KEPT, *KINDS)}

    def process(self, element):
        if element[0] in self.counters:
            self.counters[element[0]].inc()
        yield element


def _docs_in(doc):
    return ("docs_in", doc["source"])


def _as_kept(doc):
    return (KEPT, doc)


class DedupTransform(beam.PTransform):
    """Documents -> {"kept": docs, "rejected": docs, "stats": one dict}.

    Input documents are dicts with `id`, `source`, `text` and `order` (unique, comparable;
    (source_rank, id) in the stage); other fields pass through. Kept documents gain
    `sentences_removed`; rejected ones `duplicate_of`, `duplicate_of_source`, `similarity` and
    `kind`. `to_row` turns either into a row of `KEPT_SCHEMA` / `REJECTED_SCHEMA`.
    """

    def __init__(self, params: DedupParams | None = None):
        super().__init__()
        self.params = params or DedupParams()

    def expand(self, docs):
        p = self.params
        docs = docs | "Prepare" >> beam.Map(prepare)
        terminal = []
        survivors = docs
        if p.exact:
            survivors, dropped = survivors | "Exact" >> ExactDedup()
            terminal.append(dropped)
        if p.near:
            survivors, dropped = survivors | "Near" >> NearDedup(p)
            terminal.append(dropped)
        if p.spans:
            survivors, dropped = survivors | "Spans" >> SpanDedup(p)
            terminal.append(dropped)
        final = (
            [survivors | "Kept" >> beam.Map(_as_kept), *terminal]
            | "AllVerdicts" >> beam.Flatten()
            | "CountVerdicts" >> beam.ParDo(CountVerdictsFn())
        )
        kept = of_kind(final, "IsKept", (KEPT,))
        rejected = of_kind(final, "IsRejected", KINDS)
        stats = (
            (docs | "DocsIn" >> beam.Map(_docs_in), final)
            | "AllEvents" >> beam.Flatten()
            | "Events" >> beam.Map(events)
            | "AsCounters" >> beam.Map(counter)
            | "SumEvents" >> beam.CombineGlobally(SumCounters())
            | "Finalize" >> beam.Map(finalize_stats)
        )
        return {"kept": kept, "rejected": rejected, "stats": stats}
