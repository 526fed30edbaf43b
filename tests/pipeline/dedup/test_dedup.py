import apache_beam as beam
import pyarrow as pa
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.dedup.local import dedup_records, dedup_report
from pipeline.dedup.minhash import jaccard, shingle_hashes
from pipeline.dedup.params import DedupParams
from pipeline.dedup.rules import (
    apply_span_removals,
    apply_verdict,
    finalize_stats,
    resolve_clusters,
)
from pipeline.dedup.schema import KEPT_SCHEMA, REJECTED_SCHEMA, to_row
from pipeline.dedup.transform import DedupTransform

PARK = (
    "De gemeente Utrecht heeft dinsdag bekendgemaakt dat het nieuwe park in het voorjaar "
    "opengaat. Wethouder De Vries zei dat de bewoners een speeltuin, een vijver en een grote "
    "grasweide krijgen. Er komen ook bankjes langs het water en een pad voor hardlopers rond "
    "het hele terrein. De kosten bedragen ongeveer twee miljoen euro, die de gemeente samen met "
    "de provincie betaalt. Volgens de planning begint de aanleg in maart en is alles voor de "
    "zomer klaar. Omwonenden zijn blij met het plan, al vrezen sommigen voor meer verkeer in de "
    "straten rond het park. Een buurtbewoner vertelde dat hij al jaren op een plek wacht waar "
    "zijn kinderen veilig kunnen spelen. De gemeente belooft extra parkeerplaatsen aan de rand "
    "van de wijk, zodat de straten zelf rustig blijven. Op zaterdag is er een bijeenkomst in het "
    "buurthuis, waar iedereen de tekeningen kan bekijken en vragen kan stellen aan de wethouder."
)
BAKKER = (
    "De bakker op de hoek van de Dorpsstraat verkoopt sinds vorige week ook glutenvrij brood. "
    "Volgens de eigenaar vroegen klanten er al lang om. Het brood wordt elke ochtend vers "
    "gebakken in een aparte oven, zodat er geen meel van gewone broden in terechtkomt."
)
WEER = (
    "Het KNMI verwacht voor het weekend veel regen en harde wind langs de kust. In het "
    "binnenland blijft het droger, maar de temperatuur komt niet boven de tien graden uit."
)
MENU = "Home | Nieuws | Sport | Contact"
IN_MEMORY = PipelineOptions(flags=[], direct_running_mode="in_memory", direct_num_workers=1)


def _doc(rank: int, source: str, rid: str, text: str) -> dict:
    return {"id": rid, "source": source, "text": text, "order": (rank, rid)}


def _check(docs, params, kept, rejected, stats=None, options=IN_MEMORY):
    with BeamTestPipeline(runner="FnApiRunner", options=options) as p:
        out = p | beam.Create(docs) | DedupTransform(params)
        assert_that(
            out["kept"] | "KeptIds" >> beam.Map(lambda d: d["id"]), equal_to(kept), label="kept"
        )
        assert_that(
            out["rejected"]
            | "Verdicts"
            >> beam.Map(
                lambda d: (d["id"], d["kind"], d["duplicate_of"], round(d["similarity"], 3))
            ),
            equal_to(rejected),
            label="rejected",
        )
        if stats is not None:
            assert_that(out["stats"] | "Check" >> beam.Map(stats), equal_to([True]), label="stats")


def _near(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def test_exact_copies_with_case_whitespace_and_punctuation_changes_are_dropped():
    shouting = PARK.upper().replace(". ", "!\n\n   ")
    no_commas = PARK.replace(",", "").replace("  ", " ")
    docs = [
        _doc(0, "web", "w1", PARK),
        _doc(0, "web", "w2", shouting),
        _doc(0, "web", "w3", no_commas),
        _doc(0, "web", "w4", BAKKER),
        _doc(0, "web", "w5", WEER),
    ]
    _check(
        docs,
        DedupParams(near=False),
        kept=["w1", "w4", "w5"],
        rejected=[("w2", "exact", "w1", 1.0), ("w3", "exact", "w1", 1.0)],
    )


def test_near_copies_are_dropped_and_distinct_documents_kept():
    two_words = _near(PARK, ("dinsdag", "woensdag"), ("maart", "april"))
    with_menu = MENU + "\n" + PARK
    expected_two = jaccard(shingle_hashes(PARK), shingle_hashes(two_words))
    expected_menu = jaccard(shingle_hashes(PARK), shingle_hashes(with_menu))
    assert 0.85 < expected_two < 0.9 and expected_menu > 0.95  # the planted similarities
    docs = [
        _doc(0, "web", "w1", PARK),
        _doc(0, "web", "w2", two_words),
        _doc(0, "web", "w3", with_menu),
        _doc(0, "web", "w4", BAKKER),
        _doc(0, "web", "w5", WEER),
        _doc(0, "web", "w6", MENU + "\n" + BAKKER.replace("vorige week", "gisteren")),
    ]
    _check(
        docs,
        DedupParams(),
        kept=["w1", "w4", "w5", "w6"],  # w6 is a short text with the menu: below 0.8
        rejected=[
            ("w2", "near", "w1", round(expected_two, 3)),
            ("w3", "near", "w1", round(expected_menu, 3)),
        ],
    )


def test_first_copy_by_source_rank_then_id_is_kept_whatever_the_arrival_order():
    docs = [
        _doc(1, "lyrics", "a", PARK),  # a later source: its copy goes, though its id sorts first
        _doc(0, "web", "z", PARK),
        _doc(0, "web", "y", PARK.lower()),  # same source: the smaller id wins
        _doc(1, "lyrics", "b", MENU + "\n" + PARK),
    ]
    _check(
        docs,
        DedupParams(),
        kept=["y"],
        rejected=[
            ("a", "exact", "y", 1.0),
            ("z", "exact", "y", 1.0),
            ("b", "near", "y", pytest.approx(0.97, abs=0.01)),
        ],
    )


def test_chain_keeps_both_ends_and_drops_the_middle():
    # A ~ B and B ~ C (about 0.82), but A and C are not alike (0.69): C's only near copy is B,
    # which is itself dropped, so C stays. duplicate_of always names a kept document.
    a = PARK
    b = _near(a, ("dinsdag", "woensdag"), ("kosten", "uitgaven"), ("zaterdag", "zondag"))
    c = _near(b, ("voorjaar", "najaar"), ("bankjes", "stoelen"), ("buurthuis", "wijkcentrum"))
    ha, hb, hc = (shingle_hashes(t) for t in (a, b, c))
    assert jaccard(ha, hb) > 0.75 and jaccard(hb, hc) > 0.75 and jaccard(ha, hc) < 0.75
    params = DedupParams(threshold=0.75, bands=32, rows=4)  # every pair above 0.6 a candidate
    _check(
        [_doc(0, "web", "A", a), _doc(0, "web", "B", b), _doc(0, "web", "C", c)],
        params,
        kept=["A", "C"],
        rejected=[("B", "near", "A", round(jaccard(ha, hb), 3))],
    )


def test_resolve_clusters_walks_in_order_and_names_the_most_similar_kept_document():
    a, b, c, d, e = (((0, x), x, "web") for x in "abcde")
    assert resolve_clusters([(a, b, 0.9), (b, c, 0.85)]) == {
        "dropped": {(0, "b"): (a, 0.9)},
        "sizes": [3],
    }
    # c is like both a and b; the kept one is a (b is dropped), so c copies a.
    got = resolve_clusters([(a, b, 0.9), (b, c, 0.95), (a, c, 0.82), (d, e, 0.8)])
    assert got == {
        "dropped": {(0, "b"): (a, 0.9), (0, "c"): (a, 0.82), (0, "e"): (d, 0.8)},
        "sizes": [2, 3],
    }
    # two kept documents: the most similar wins, ties go to the earliest.
    got = resolve_clusters([(a, c, 0.85), (b, c, 0.9), (a, d, 0.9), (b, d, 0.9)])
    assert got["dropped"] == {(0, "c"): (b, 0.9), (0, "d"): (a, 0.9)}
    assert resolve_clusters([]) == {"dropped": {}, "sizes": []}


def test_two_documents_with_the_same_order_are_refused():
    docs = [_doc(0, "web", "x", "Hallo"), _doc(0, "web", "x", "Een heel andere tekst hier.")]
    with pytest.raises(ValueError, match="2 documents share the order"):
        apply_verdict((0, "x"), docs, [])
    with pytest.raises(Exception, match="share the order"):
        _check(docs, DedupParams(), kept=[], rejected=[])


S1 = "Het regent al de hele dag in Amsterdam."
S2 = "De grachten staan bijna tot de rand vol."
S3 = "Toeristen schuilen in de cafés aan het water."
S4 = "Morgen wordt het volgens het KNMI droger."


def test_spans_seen_earlier_are_removed_and_emptied_documents_dropped():
    first = f"{S1} {S2}\n{S3} {S4}"
    second = f"Nieuws van vandaag.\n{S2.upper()} {S3}\n{S4}\nDat was het nieuws."
    third = f"{S1}\n{S2}\n{S3}"  # all three sentences form a span of the first document
    short = f"{S1} {S2}"  # two sentences: no span, kept as it is
    docs = [
        _doc(0, "web", "d1", first),
        _doc(0, "web", "d2", second),
        _doc(1, "lyrics", "d3", third),
        _doc(1, "lyrics", "d4", short),
    ]
    params = DedupParams(near=False, spans=True)

    def stats_ok(s):
        assert s["sources"]["web"]["span_trimmed"] == 1
        assert s["sources"]["web"]["sentences_removed"] == 3
        assert s["sources"]["lyrics"]["docs_dropped"]["span"] == 1
        return True

    with BeamTestPipeline(runner="FnApiRunner", options=IN_MEMORY) as p:
        out = p | beam.Create(docs) | DedupTransform(params)
        assert_that(
            out["kept"] | beam.Map(lambda d: (d["id"], d["text"], d["sentences_removed"])),
            equal_to(
                [
                    ("d1", first, 0),
                    ("d2", "Nieuws van vandaag.\nDat was het nieuws.", 3),
                    ("d4", short, 0),
                ]
            ),
            label="kept",
        )
        assert_that(
            out["rejected"] | "R" >> beam.Map(lambda d: (d["id"], d["kind"], d["duplicate_of"])),
            equal_to([("d3", "span", "d1")]),
            label="rejected",
        )
        assert_that(out["stats"] | beam.Map(stats_ok), equal_to([True]), label="stats")


def test_apply_span_removals_within_one_document():
    doc = {"id": "x", "source": "web", "text": f"{S1} {S2} {S3} {S4}", "sentences_removed": 0}
    owner = ((0, "o"), "o", "web")
    assert apply_span_removals(doc, [], 3) == ("pass", doc)
    kind, out = apply_span_removals(doc, [(1, owner)], 3)
    assert (kind, out["text"], out["sentences_removed"]) == ("pass", S1, 3)
    kind, out = apply_span_removals(doc, [(1, owner), (0, owner)], 3)
    assert (kind, out["duplicate_of"], out["similarity"]) == ("span", "o", 1.0)


def test_counts_are_conserved_per_source():
    docs = [
        _doc(0, "web", "w1", PARK),
        _doc(0, "web", "w2", PARK.upper()),
        _doc(0, "web", "w3", MENU + "\n" + PARK),
        _doc(0, "web", "w4", BAKKER),
        _doc(1, "lyrics", "l1", BAKKER + " "),
        _doc(1, "lyrics", "l2", WEER),
        _doc(1, "lyrics", "l3", ""),
        _doc(1, "lyrics", "l4", "..."),
    ]

    def stats_ok(s):
        web, lyrics = s["sources"]["web"], s["sources"]["lyrics"]
        assert (web["docs_in"], web["docs_out"], web["docs_dropped"]) == (
            4,
            2,
            {"exact": 1, "near": 1, "span": 0},
        )
        assert (lyrics["docs_in"], lyrics["docs_out"], lyrics["docs_dropped"]) == (
            4,
            2,
            {"exact": 2, "near": 0, "span": 0},
        )
        assert s["docs_in"] == s["docs_out"] + sum(s["docs_dropped"].values()) == 8
        # exact groups: {w1, w2}, {w4, l1}, {l3, l4} (both empty once normalised); near: {w1, w3}
        assert s["cluster_sizes"] == {"exact": {"2": 3}, "near": {"2": 1}}
        return True

    _check(
        docs,
        DedupParams(),
        kept=["w1", "w4", "l2", "l3"],
        rejected=[
            ("w2", "exact", "w1", 1.0),
            ("w3", "near", "w1", pytest.approx(0.97, abs=0.01)),
            ("l1", "exact", "w4", 1.0),
            ("l4", "exact", "l3", 1.0),
        ],
        stats=stats_ok,
    )


def test_finalize_stats_refuses_a_lost_document():
    from collections import Counter

    counts = Counter({("docs_in", "web"): 3, ("docs_out", "web"): 1, ("exact", "web"): 1})
    with pytest.raises(AssertionError, match="not accounted for"):
        finalize_stats(counts)
    counts[("near", "web")] += 1
    assert finalize_stats(counts)["docs_dropped"] == {"exact": 1, "near": 1, "span": 0}


def test_transform_runs_on_several_processes():
    # DoFns hold parameters only: the multi-processing runner pickles them to its workers.
    docs = [
        _doc(0, "web", "w1", PARK),
        _doc(0, "web", "w2", MENU + "\n" + PARK),
        _doc(0, "web", "w3", BAKKER),
        _doc(1, "lyrics", "l1", BAKKER.upper()),
    ]
    options = PipelineOptions(
        flags=[], direct_running_mode="multi_processing", direct_num_workers=2
    )
    _check(
        docs,
        DedupParams(spans=True),
        kept=["w1", "w3"],
        rejected=[
            ("w2", "near", "w1", pytest.approx(0.97, abs=0.01)),
            ("l1", "exact", "w3", 1.0),
        ],
        options=options,
    )


def test_dedup_records_gives_one_verdict_per_record_in_input_order():
    records = [
        {"id": "x", "text": BAKKER},
        {"id": "y", "text": PARK},
        {"id": "x", "text": BAKKER.lower()},  # ids need not be unique: the position decides
        {"id": "z", "text": MENU + "\n" + PARK},
        {"id": "q", "text": WEER},
    ]
    verdicts = dedup_records(records, DedupParams())
    assert [(v["id"], v["kept"], v["kind"], v["duplicate_of"]) for v in verdicts] == [
        ("x", True, None, None),
        ("y", True, None, None),
        ("x", False, "exact", "x"),
        ("z", False, "near", "y"),
        ("q", True, None, None),
    ]
    assert verdicts[3]["similarity"] == pytest.approx(0.97, abs=0.01)
    assert set(verdicts[0]) == {
        "id",
        "kept",
        "duplicate_of",
        "similarity",
        "kind",
        "sentences_removed",
    }


def test_dedup_report_and_empty_input():
    verdicts, stats = dedup_report([], DedupParams())
    assert verdicts == [] and stats["docs_in"] == 0 and stats["sources"] == {}


def test_rows_fit_the_schemas():
    kept = {**_doc(0, "web", "w1", PARK), "sentences_removed": 0, "url": "https://a.nl"}
    rejected = {
        **_doc(0, "web", "w2", PARK),
        "sentences_removed": 0,
        "duplicate_of": "w1",
        "duplicate_of_source": "web",
        "similarity": 1.0,
        "kind": "exact",
    }
    kept_row, rejected_row = to_row(kept, KEPT_SCHEMA), to_row(rejected, REJECTED_SCHEMA)
    assert kept_row["meta"] == '{"url": "https://a.nl"}'
    assert rejected_row["meta"] == "{}"
    assert to_row({**rejected, "meta": '{"url": "https://b.nl"}'}, REJECTED_SCHEMA)["meta"] == (
        '{"url": "https://b.nl"}'
    )
    pa.Table.from_pylist([kept_row], schema=KEPT_SCHEMA)
    pa.Table.from_pylist([rejected_row], schema=REJECTED_SCHEMA)
    assert REJECTED_SCHEMA.names[: len(KEPT_SCHEMA.names) - 1] == KEPT_SCHEMA.names[:-1]


def test_planted_copies_of_real_dutch_text(corpora):
    """UD Dutch news sentences, 6 to a document: exact and menu-line copies go, originals stay."""
    sentences = [
        line[len("# text = ") :]
        for line in (corpora / "ud_dutch_alpino" / "nl_alpino-ud-test.conllu")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.startswith("# text = ")
    ]
    originals = [" ".join(sentences[i : i + 6]) for i in range(0, 6 * 40, 6)]
    copies = [t.upper() for t in originals[:10]] + [MENU + "\n" + t for t in originals[10:20]]
    records = [{"id": f"o{i}", "text": t} for i, t in enumerate(originals)]
    records += [{"id": f"c{i}", "text": t} for i, t in enumerate(copies)]
    verdicts = dedup_records(records, DedupParams())
    assert all(v["kept"] for v in verdicts[:40])
    assert [(v["kind"], v["duplicate_of"]) for v in verdicts[40:]] == [
        ("exact", f"o{i}") for i in range(10)
    ] + [("near", f"o{i}") for i in range(10, 20)]


def test_a_pair_at_exactly_the_threshold_is_a_near_copy():
    """`>=`, not `>`: the threshold itself counts, in the job and in the leakage count."""
    from pipeline.dedup.leakage import near_pairs_across

    copy = _near(PARK, ("dinsdag", "woensdag"), ("maart", "april"))
    at = jaccard(shingle_hashes(PARK), shingle_hashes(copy))
    params = DedupParams(threshold=at)
    docs = [_doc(0, "web", "w1", PARK), _doc(0, "web", "w2", copy)]
    _check(docs, params, kept=["w1"], rejected=[("w2", "near", "w1", round(at, 3))])
    assert near_pairs_across([PARK], [copy], params) == 1


def test_unsettled_clusters_name_the_setting_to_raise():
    from pipeline.dedup.components import not_settled

    assert not_settled(12, 3) == (
        "the near-copy clusters of 3 documents were not settled after 12 rounds (a long chain "
        "of near copies); raise dedup.cluster_rounds in params.yaml"
    )


def test_a_row_keeps_non_ascii_provenance_as_written_and_counts_no_removal_as_zero():
    from datetime import date

    doc = {**_doc(0, "web", "w1", PARK), "title": "Één café", "day": date(2019, 4, 1)}
    row = to_row(doc, KEPT_SCHEMA)  # no `sentences_removed`: the span step was off
    assert row["meta"] == '{"title": "Één café", "day": "2019-04-01"}'
    assert row["sentences_removed"] == 0
    assert to_row({**doc, "sentences_removed": 2}, KEPT_SCHEMA)["sentences_removed"] == 2


def test_an_edge_is_keyed_by_its_larger_node():
    from pipeline.dedup.components import larger_first

    assert larger_first((3, 7)) == (7, 3)
    assert larger_first((7, 3)) == (7, 3)


def test_a_document_without_the_fields_dedup_needs_is_named():
    from pipeline.dedup.rules import prepare

    with pytest.raises(ValueError) as caught:
        prepare({"id": "w7", "text": PARK})
    assert str(caught.value) == "dedup: document 'w7' has no source, order"
    assert prepare(_doc(0, "web", "w7", PARK))["order"] == (0, "w7")


def test_a_verdict_names_the_copy_and_its_source():
    kept = ((0, "w1"), "w1", "web")
    kind, doc = apply_verdict((1, "l1"), [_doc(1, "lyrics", "l1", PARK)], [("near", kept, 0.9)])
    assert kind == "near"
    row = to_row(doc, REJECTED_SCHEMA)
    assert (row["duplicate_of"], row["duplicate_of_source"], row["similarity"], row["kind"]) == (
        "w1",
        "web",
        0.9,
        "near",
    )


def test_two_verdicts_for_one_document_are_a_bug_that_stops_the_run():
    verdict = ("exact", ((0, "w1"), "w1", "web"), 1.0)
    with pytest.raises(AssertionError) as caught:
        apply_verdict((0, "w2"), [_doc(0, "web", "w2", PARK)], [verdict, verdict])
    assert str(caught.value) == "dedup: document (0, 'w2') has 2 verdicts"


def test_a_full_bucket_pairs_each_document_with_its_first_members_only():
    from pipeline.dedup.rules import bucket_pairs

    assert bucket_pairs("k", [3, 1, 2, 1]) == [(1, 2), (1, 3), (2, 3)]
    assert bucket_pairs("k", [5, 4, 3, 2, 1], limit=2) == [
        (1, 2),
        (1, 3),
        (1, 4),
        (1, 5),
        (2, 3),
        (2, 4),
        (2, 5),
    ]


def test_unsettled_documents_are_counted_once_each_and_only_when_there_are_some():
    from collections import Counter

    from pipeline.dedup.rules import UNSETTLED, counter, events

    assert events((UNSETTLED, _doc(0, "web", "w1", PARK))) == [((UNSETTLED,), 1)]
    counts = Counter({(UNSETTLED,): 3})
    counts.update({("docs_in", "web"): 2, ("docs_out", "web"): 2})
    stats = finalize_stats(counts)
    assert stats[UNSETTLED] == 3
    assert (stats["docs_in"], stats["docs_out"]) == (2, 2)
    del counts[(UNSETTLED,)]
    assert UNSETTLED not in finalize_stats(counts)
    assert counter([(("docs_in", "web"), 1), (("docs_out", "web"), 1)]) == Counter(
        {("docs_in", "web"): 1, ("docs_out", "web"): 1}
    )
