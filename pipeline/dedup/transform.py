"""Exact and near duplicates removed across sources, as one Beam transform whose memory per
worker does not grow with the corpus.

`DedupTransform(params)` takes documents (dicts with `id`, `source`, `text` and `order`, the
pair (source_rank, id) where source_rank is the source's position in params.yaml) and returns
the kept documents, the rejected ones and the statistics. Of every group of copies the first
by `order` is kept, so the result does not depend on the runner, the sharding or the order in
which documents arrive. Every step is a keyed shuffle or a combine; what one key holds is
said at each step (docs/dedup.md has the whole table):

1. features: one pass over the documents computes each one's member (order, id, source), its
   exact key and its band keys. (Steps 3 and 5 read the documents again: `DedupTransform`.)
2. exact: a combine of the smallest member per exact key (`FirstCopy`: one member and a count
   per key, whatever the group's size); the members of each key are then joined to their
   first, and every other member gets an `exact` verdict. Documents are not grouped.
3. near: one (band key, member) per band; a bucket yields the pairs to verify
   (`rules.bucket_pairs`: all of them, or each member with the first `bucket_limit` in a large
   bucket), less the exact copies. Each pair is verified on its true Jaccard by two keyed
   steps: a join with the text of each of its documents, by that document's order, where the
   document's shingle hashes are computed again; then a GroupByKey of the pair, where its two
   halves meet (and a pair found in several buckets is verified once).
4. clusters: the verified edges' connected components, by `cluster_rounds` rounds of
   large-star and small-star (`pipeline.dedup.components`), each a shuffle of the edges; the
   edges are then grouped by their cluster, and each cluster is walked in `order`
   (`rules.resolve_clusters`): a document is dropped as `near` when it has a verified edge to a
   document already kept in its cluster, with `duplicate_of` that kept document (the most
   similar if several). In a chain A~B, B~C with A and C not similar, A and C are kept.
5. verdicts: each document is joined to its verdict by its order (a CoGroupByKey: one
   document and at most one verdict per key); it passes on, or leaves as rejected.
6. spans (C4's rule, off by default): every span of `span_sentences` consecutive sentences
   that occurs in an earlier document is removed from the later ones; a document left with no
   sentence is dropped as `span`.

Every document leaves the transform exactly once, as ("kept", doc) or (kind, rejected doc),
in one stream that `Filter`s split (no tagged outputs: one stream is counted, and every runner
splits it alike). The statistics are counted from that same stream by a combine and checked:
docs_in == docs_out + dropped, per source. The rules are pure functions in
`pipeline.dedup.rules` and `pipeline.dedup.components`; this module only wires them.
"""

from __future__ import annotations

from collections.abc import Callable

import apache_beam as beam
import numpy as np

from pipeline.dedup.components import both_ways, large_star, larger_first, small_star, star_centre
from pipeline.dedup.counting import SumCounters
from pipeline.dedup.minhash import (
    MinHasher,
    band_keys,
    key_of_normalised,
    normalise,
    shingle_hashes,
    shingle_hashes_of_normalised,
    span_keys,
)
from pipeline.dedup.params import DedupParams
from pipeline.dedup.rules import (
    CLUSTER,
    EXACT,
    KEPT,
    KINDS,
    NEAR,
    PASS,
    TERMINAL,
    UNSETTLED,
    apply_span_removals,
    apply_verdict,
    bucket_pairs,
    counter,
    events,
    exact_verdicts,
    finalize_stats,
    first_copy,
    first_per_exact_key,
    member,
    prepare,
    resolve_clusters,
    span_removals,
    verify,
)

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


# 1. Features: what the steps need of each document, computed once.


class FeaturesFn(beam.DoFn):
    """A document -> (member, exact key or None, band keys)."""

    def __init__(self, params: DedupParams):
        self.params = params

    def setup(self):
        self.hasher = MinHasher(self.params.num_perm, self.params.seed)

    def process(self, doc):
        p = self.params
        normalised = normalise(doc["text"]).encode("utf-8")  # once for both keys
        key = key_of_normalised(normalised) if p.exact else None
        bands = []
        if p.near:
            shingles = shingle_hashes_of_normalised(normalised, p.ngram)
            if len(shingles):  # a text without words has no shingle; the exact step has it
                bands = band_keys(self.hasher.signature(shingles), p.bands, p.rows)
        yield (member(doc), key, bands)


# 2. Exact copies.


class FirstCopy(beam.CombineFn):
    """Members of one exact key -> (the first member by order, how many there are)."""

    def create_accumulator(self):
        return None

    def add_input(self, acc, m):
        return (m, 1) if acc is None else first_copy(acc, (m, 1))

    def merge_accumulators(self, accs):
        tallies = [a for a in accs if a is not None]
        if not tallies:
            return None
        total = tallies[0]
        for tally in tallies[1:]:
            total = first_copy(total, tally)
        return total

    def extract_output(self, acc):
        return acc


def _exact_verdicts(element):
    _, grouped = element
    ((first, _),) = grouped["first"]
    return exact_verdicts(grouped["members"], first)


def _exact_cluster(element):
    _, (_, count) = element
    return [(CLUSTER, (EXACT, count))] if count > 1 else []


class ExactVerdicts(beam.PTransform):
    """Features -> ((order, verdict) of every exact copy, cluster-size elements)."""

    def expand(self, features):
        members = features | "ByExactKey" >> beam.Map(lambda f: (f[1], f[0]))
        firsts = members | "FirstPerKey" >> beam.CombinePerKey(FirstCopy())
        verdicts = (
            {"members": members, "first": firsts}
            | "JoinFirst" >> beam.CoGroupByKey()
            | "Verdicts" >> beam.FlatMap(_exact_verdicts)
        )
        return verdicts, firsts | "Clusters" >> beam.FlatMap(_exact_cluster)


# 3. Near copies: candidates from the band buckets, verified on their true Jaccard.


def _band_entries(features):
    m, key, bands = features
    return [(band, (m, key)) for band in bands]


def _bucket_pairs(bucket, limit: int, exact: bool):
    band, entries = bucket
    entries = list(entries)
    members = first_per_exact_key(entries) if exact else [m for m, _ in entries]
    return bucket_pairs(band, members, limit)


def _text_by_order(doc):
    return (doc["order"], doc["text"])


def _pair_ends(pair):
    """A candidate pair keyed by the order of each of its two documents."""
    return [(pair[0][0], pair), (pair[1][0], pair)]


def _halves(element, n: int):
    """Join 1: a document's shingle hashes onto each distinct candidate pair it is in (a pair
    found in several buckets arrives here once per bucket). Only a document in a candidate
    pair has its hashes computed again."""
    _, grouped = element
    pairs = set(grouped["pairs"])
    if pairs:
        (text,) = grouped["text"]
        hashes = shingle_hashes(text, n).tobytes()
        for pair in pairs:
            yield (pair, hashes)


def _verify(element, threshold: float):
    """Join 2: a pair's two halves met; yields it as a verified edge if it is one."""
    (a, b), halves = element
    first, second = (np.frombuffer(h, dtype=np.uint64) for h in halves)
    sim = verify(first, second, threshold)
    if sim is not None:
        yield (a, b, sim)


class VerifiedEdges(beam.PTransform):
    """(features, documents) -> (earlier member, later member, Jaccard) of every verified
    near-copy pair."""

    def __init__(self, params: DedupParams):
        super().__init__()
        self.params = params

    def expand(self, inputs):
        p = self.params
        features, docs = inputs
        texts = docs | "TextByOrder" >> beam.Map(_text_by_order)
        ends = (
            features
            | "BandEntries" >> beam.FlatMap(_band_entries)
            | "GroupBands" >> beam.GroupByKey()
            | "CandidatePairs" >> beam.FlatMap(_bucket_pairs, p.bucket_limit, p.exact)
            | "PairEnds" >> beam.FlatMap(_pair_ends)
        )
        return (
            {"pairs": ends, "text": texts}
            | "JoinShingles" >> beam.CoGroupByKey()
            | "Halves" >> beam.FlatMap(_halves, p.ngram)
            | "MeetHalves" >> beam.GroupByKey()
            | "Verify" >> beam.FlatMap(_verify, p.threshold)
        )


# 4. Clusters of near copies, found and walked in the pipeline.


class Clusters(beam.PTransform):
    """Verified edges -> ((order, verdict) of every near copy, cluster-size elements).

    The components are found on the documents' orders by `rounds` rounds of large-star and
    small-star; then each edge is keyed by its cluster's centre (the join by the earlier
    document's order) and each cluster resolved where its edges meet. A document the rounds
    left unsettled becomes an `UNSETTLED` event: the statistics count it and the run fails.
    """

    def __init__(self, rounds: int):
        super().__init__()
        self.rounds = rounds

    def expand(self, edges):
        links = edges | "Links" >> beam.Map(lambda e: (e[0][0], e[1][0]))
        for r in range(self.rounds):
            links = (
                links
                | f"LargeStarBothWays{r}" >> beam.FlatMap(both_ways)
                | f"LargeStarGroup{r}" >> beam.GroupByKey()
                | f"LargeStar{r}" >> beam.FlatMapTuple(large_star)
                | f"SmallStarByLarger{r}" >> beam.Map(larger_first)
                | f"SmallStarGroup{r}" >> beam.GroupByKey()
                | f"SmallStar{r}" >> beam.FlatMapTuple(small_star)
            )
        centres = (
            links
            | "CentreBothWays" >> beam.FlatMap(both_ways)
            | "CentreGroup" >> beam.GroupByKey()
            | "Centre" >> beam.MapTuple(_centre)
        )
        unsettled = (
            centres
            | "Unsettled" >> beam.Filter(lambda c: not c[1][1])
            | "UnsettledEvent" >> beam.Map(lambda c: (UNSETTLED, c[0]))
        )
        resolved = (
            {"edges": edges | "ByEarlier" >> beam.Map(lambda e: (e[0][0], e)), "centre": centres}
            | "JoinCentre" >> beam.CoGroupByKey()
            | "ByCluster" >> beam.FlatMap(_by_cluster)
            | "GroupClusters" >> beam.GroupByKey()
            | "Resolve" >> beam.MapTuple(_resolve)
        )
        verdicts = resolved | "Verdicts" >> beam.FlatMap(_near_verdicts)
        sizes = resolved | "Sizes" >> beam.FlatMap(_near_sizes)
        return verdicts, (sizes, unsettled) | "SizesAndUnsettled" >> beam.Flatten()


def _centre(node, neighbours):
    return (node, star_centre(node, neighbours))


def _resolve(_, cluster):
    return resolve_clusters(list(cluster))


def _by_cluster(element):
    _, grouped = element
    edges = list(grouped["edges"])
    if edges:
        ((centre, _),) = grouped["centre"]
        for edge in edges:
            yield (centre, edge)


def _near_verdicts(resolution):
    return [(order, (NEAR, kept, sim)) for order, (kept, sim) in resolution["dropped"].items()]


def _near_sizes(resolution):
    return [(CLUSTER, (NEAR, size)) for size in resolution["sizes"]]


# 5. Verdicts joined to the documents, and 6. spans.


def _by_order(doc):
    return (doc["order"], doc)


def _apply_verdict(element):
    order, grouped = element
    return apply_verdict(order, grouped["doc"], grouped["verdict"])


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
            {"doc": docs | "ByOrder" >> beam.Map(_by_order), "removed": removals}
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

    Applied to a collection of documents, or to a pipeline with `read`: a function that
    returns a new transform reading the documents. The transform then reads them three times,
    once for each use (`USES`), instead of handing one read to all three: Flink and Spark send
    the whole output of a fused stage to every step that consumes part of it (docs/dedup.md,
    "One read per use").
    """

    USES = ("Features", "Texts", "Docs")  # band and exact keys; candidates' texts; verdicts

    def __init__(
        self,
        params: DedupParams | None = None,
        read: Callable[[], beam.PTransform] | None = None,
    ):
        super().__init__()
        self.params = params or DedupParams()
        self.read = read

    def expand(self, pcoll):
        p = self.params
        if self.read is None:
            prepared = pcoll | "Prepare" >> beam.Map(prepare)
            docs = dict.fromkeys(self.USES, prepared)
        else:
            docs = {
                use: pcoll | f"Read{use}" >> self.read() | f"Prepare{use}" >> beam.Map(prepare)
                for use in self.USES
            }
        survivors, terminal = docs["Docs"], []
        if p.exact or p.near:
            features = docs["Features"] | "Features" >> beam.ParDo(FeaturesFn(p))
            verdicts = []
            if p.exact:
                exact, clusters = features | "Exact" >> ExactVerdicts()
                verdicts.append(exact)
                terminal.append(clusters)
            if p.near:
                edges = (features, docs["Texts"]) | "Near" >> VerifiedEdges(p)
                near, clusters = edges | "Clusters" >> Clusters(p.cluster_rounds)
                verdicts.append(near)
                terminal.append(clusters)
            stream = (
                {
                    "doc": docs["Docs"] | "ByOrder" >> beam.Map(_by_order),
                    "verdict": verdicts | "AllVerdicts" >> beam.Flatten(),
                }
                | "JoinVerdicts" >> beam.CoGroupByKey()
                | "ApplyVerdicts" >> beam.Map(_apply_verdict)
            )
            survivors, dropped = _split(stream, "Dedup")
            terminal.append(dropped)
        if p.spans:
            survivors, dropped = survivors | "Spans" >> SpanDedup(p)
            terminal.append(dropped)
        final = (
            [survivors | "Kept" >> beam.Map(_as_kept), *terminal]
            | "Final" >> beam.Flatten()
            | "CountVerdicts" >> beam.ParDo(CountVerdictsFn())
        )
        kept = of_kind(final, "IsKept", (KEPT,))
        rejected = of_kind(final, "IsRejected", KINDS)
        stats = (
            (docs["Features"] | "DocsIn" >> beam.Map(_docs_in), final)
            | "AllEvents" >> beam.Flatten()
            | "Events" >> beam.Map(events)
            | "AsCounters" >> beam.Map(counter)
            | "SumEvents" >> beam.CombineGlobally(SumCounters())
            | "Finalize" >> beam.Map(finalize_stats)
        )
        return {"kept": kept, "rejected": rejected, "stats": stats}
