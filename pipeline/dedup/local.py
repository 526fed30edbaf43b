"""`schoon dedup FILE`: the dedup transform run in-process on a list of records.

The records reach the pipeline through a temporary JSON-lines file, not `beam.Create`: Create
infers a type from every element and pickles them all into the pipeline graph, which costs
10 s for 10,000 documents (more than deduplicating them). Inside, a document's id is its
position and its order (position,), so the first occurrence in the list wins and the records'
own ids need not be unique.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

import apache_beam as beam

from pipeline.beam.runner import BeamConfig, beam_pipeline
from pipeline.dedup.job import check_settled
from pipeline.dedup.params import DedupParams
from pipeline.dedup.rules import KEPT
from pipeline.dedup.transform import DedupTransform


def _verdict(element) -> str:
    kind, doc = element
    return json.dumps(
        {
            "position": doc["order"][0],
            "kept": kind == KEPT,
            "duplicate_of": doc.get("duplicate_of"),  # a position, as a string
            "similarity": doc.get("similarity"),
            "kind": None if kind == KEPT else kind,
            "sentences_removed": doc["sentences_removed"] if kind == KEPT else 0,
        }
    )


def _write_input(records: list[dict[str, Any]], path: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i, r in enumerate(records):
            doc = {"id": str(i), "source": r.get("source", "input"), "text": r["text"]}
            # ASCII escapes: no character in the line that a text reader could split on
            f.write(json.dumps({**doc, "order": [i]}) + "\n")


def _run(input_path: str, params: DedupParams | None, verdicts: str, stats: str) -> None:
    """The transform on the direct runner: one verdict line per record, and the statistics."""
    one_file = {"shard_name_template": "", "num_shards": 1}
    with beam_pipeline(BeamConfig(runner="direct", workers=1)) as pipeline:
        out = (
            pipeline
            | "Read" >> beam.io.ReadFromText(input_path)
            | "Parse" >> beam.Map(json.loads)
            | "Dedup" >> DedupTransform(params)
        )
        (
            (
                out["kept"] | "KeptVerdicts" >> beam.Map(lambda d: (KEPT, d)),
                out["rejected"] | "RejectedVerdicts" >> beam.Map(lambda d: (d["kind"], d)),
            )
            | "Verdicts" >> beam.Flatten()
            | "VerdictJson" >> beam.Map(_verdict)
            | "WriteVerdicts" >> beam.io.WriteToText(verdicts, **one_file)
        )
        (
            out["stats"]
            | "StatsJson" >> beam.Map(json.dumps)
            | "WriteStats" >> beam.io.WriteToText(stats, **one_file)
        )


def dedup_report(
    records: list[dict[str, Any]], params: DedupParams | None = None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """`dedup_records` and the statistics of the run."""
    ids = [r.get("id", i) for i, r in enumerate(records)]
    with tempfile.TemporaryDirectory(prefix="schoon-dedup-") as tmp:
        input_path = os.path.join(tmp, "input.jsonl")
        verdicts_path, stats_path = os.path.join(tmp, "verdicts"), os.path.join(tmp, "stats")
        _write_input(records, input_path)
        _run(input_path, params, verdicts_path, stats_path)
        with open(verdicts_path, encoding="utf-8") as f:
            rows = sorted((json.loads(line) for line in f), key=lambda r: r["position"])
        with open(stats_path, encoding="utf-8") as f:
            stats = json.loads(f.read())
    check_settled(stats, params or DedupParams())
    if [r["position"] for r in rows] != list(range(len(records))):
        raise AssertionError("dedup: not one verdict per record")
    verdicts = [
        {
            "id": ids[r["position"]],
            "kept": r["kept"],
            "duplicate_of": None if r["duplicate_of"] is None else ids[int(r["duplicate_of"])],
            "similarity": r["similarity"],
            "kind": r["kind"],
            "sentences_removed": r["sentences_removed"],
        }
        for r in rows
    ]
    return verdicts, stats


def dedup_records(
    records: list[dict[str, Any]], params: DedupParams | None = None
) -> list[dict[str, Any]]:
    """One verdict per record, in input order: {"id", "kept", "duplicate_of", "similarity",
    "kind", "sentences_removed"}; the first occurrence in the list wins.

    Records need `text`; `id` defaults to the position and `source` to "input". Runs
    `DedupTransform` on the in-process FnApiRunner (`pipeline.beam.runner`, runner `direct`).
    """
    return dedup_report(records, params)[0]
