"""The cleaning pipeline in Apache Beam: read a source, filter it, write kept, rejected, stats.

The same code runs on the DirectRunner on a laptop and on Flink, Spark or Dataflow: DoFns hold
only parameters and build their filter chain in `setup()`, file access goes through Beam's
filesystems, and statistics are data (a combine), so they are exact on any runner, with Beam
`Metrics` counters as the live view.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

import apache_beam as beam
import pyarrow as pa
from apache_beam.transforms.window import GlobalWindow
from apache_beam.utils.windowed_value import WindowedValue

from filters.base import reasons_of
from filters.chain import Result
from pipeline.chains import build_chain, resolve
from pipeline.parquet import WriteParquet, replace_output
from pipeline.runner import CleanConfig
from pipeline.sources import Record, SourceConfig, reader_for
from pipeline.stats import add_tally, finalize

log = logging.getLogger(__name__)

REJECTED = "rejected"
STATS = "stats"

KEPT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("text", pa.string()),
        ("meta", pa.string()),  # the record's other fields, as JSON
        ("removed_lines", pa.string()),  # JSON list of {line, reason, evidence, text}
        ("modified", pa.string()),  # JSON list of {name, chars, examples}: what a modifier changed
    ]
)
REJECTED_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("reason", pa.string()),
        ("evidence", pa.string()),  # the matched term or phrase, the detector's verdict
        ("error", pa.string()),  # for malformed records: what was wrong
        ("text", pa.string()),  # the original text (or the raw content, truncated)
        ("meta", pa.string()),
        ("removed_lines", pa.string()),
        ("modified", pa.string()),
    ]
)


def modified_json(result: Result) -> str:
    if not result.modified:
        return "[]"
    return json.dumps(
        [
            {"name": m.name, "chars": m.chars, "examples": [list(e) for e in m.examples]}
            for m in result.modified
        ],
        ensure_ascii=False,
    )


def removed_lines_json(result: Result) -> str:
    return json.dumps(
        [
            {"line": r.line, "reason": r.reason, "evidence": r.evidence, "text": r.text}
            for r in result.removed_lines
        ],
        ensure_ascii=False,
    )


class ReadFileFn(beam.DoFn):
    """Reads one file of a source into batches of records.

    Records travel in lists of `batch_size`: Beam's cost per element (a few microseconds for
    every output, coder and reshuffle) is then paid once per thousand documents.
    """

    def __init__(self, name: str, config: SourceConfig, max_raw_chars: int, batch_size: int):
        self.name, self.config, self.max_raw_chars = name, config, max_raw_chars
        self.batch_size = batch_size

    def setup(self):
        self.reader = reader_for(self.name, self.config)
        self.reader.max_raw_chars = self.max_raw_chars

    def process(self, path: str):
        batch: list[Record] = []
        for record in self.reader.read(path):
            batch.append(record)
            if len(batch) == self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch


class ReadBatches(beam.PTransform):
    """All records of one source in batches (lists of `Record`), spread over workers."""

    def __init__(
        self,
        name: str,
        config: SourceConfig,
        max_raw_chars: int,
        reshuffle: bool,
        batch_size: int = 1000,
    ):
        super().__init__()
        self.name, self.config = name, config
        self.max_raw_chars, self.reshuffle, self.batch_size = max_raw_chars, reshuffle, batch_size

    def expand(self, pbegin):
        files = reader_for(self.name, self.config).files()
        read = ReadFileFn(self.name, self.config, self.max_raw_chars, self.batch_size)
        batches = (
            pbegin
            | "ListFiles" >> beam.Create(files)
            | "SpreadFiles" >> beam.Reshuffle()
            | "ReadRecords" >> beam.ParDo(read)
        )
        if self.reshuffle:
            batches = batches | "SpreadRecords" >> beam.Reshuffle()
        return batches


class ReadSource(beam.PTransform):
    """All records of one source, one element each, spread over workers."""

    def __init__(self, name: str, config: SourceConfig, max_raw_chars: int, reshuffle: bool):
        super().__init__()
        self.batches = ReadBatches(name, config, max_raw_chars, reshuffle)

    def expand(self, pbegin):
        return pbegin | "Read" >> self.batches | "Unbatch" >> beam.FlatMap(lambda batch: batch)


def _table(rows: dict[str, list], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pydict(rows, schema=schema)


class FilterFn(beam.DoFn):
    """Applies a source's filter chain to a batch of records. Kept documents go to the main
    output and rejected ones to `rejected`, each as one Arrow table per batch (the Parquet
    writer takes them as they are); one summed counter per bundle goes to `stats`."""

    def __init__(self, name: str, config: SourceConfig):
        self.name, self.config = name, config

    def setup(self):
        self.chain = build_chain(self.config.preset, self.config.filters)
        self.kept_counter = beam.metrics.Metrics.counter("schoon", f"{self.name}.docs_out")
        self.dropped_counter = beam.metrics.Metrics.counter("schoon", f"{self.name}.docs_dropped")

    def start_bundle(self):
        self.counts: Counter = Counter()

    def process(self, batch: list[Record]):
        kept = {name: [] for name in KEPT_SCHEMA.names}
        rejected = {name: [] for name in REJECTED_SCHEMA.names}
        source, counts, apply = self.name, self.counts, self.chain.apply
        for record in batch:
            if record.error is not None:
                add_tally(counts, None, len(record.raw or ""), error=True)
                _append(rejected, record.id, source, "malformed", None, record.error, record.raw)
                rejected["meta"].append("{}")
                rejected["removed_lines"].append("[]")
                rejected["modified"].append("[]")
                continue
            result = apply(record.text)
            add_tally(counts, result, len(record.text))
            meta = json.dumps(record.meta, ensure_ascii=False, default=str)
            if result.kept:
                kept["id"].append(record.id)
                kept["source"].append(source)
                kept["text"].append(result.text)
                kept["meta"].append(meta)
                kept["removed_lines"].append(removed_lines_json(result))
                kept["modified"].append(modified_json(result))
            else:
                _append(
                    rejected, record.id, source, result.reason, result.evidence, None, record.text
                )
                rejected["meta"].append(meta)
                rejected["removed_lines"].append(removed_lines_json(result))
                rejected["modified"].append(modified_json(result))
        if kept["id"]:
            self.kept_counter.inc(len(kept["id"]))
            yield _table(kept, KEPT_SCHEMA)
        if rejected["id"]:
            self.dropped_counter.inc(len(rejected["id"]))
            yield beam.pvalue.TaggedOutput(REJECTED, _table(rejected, REJECTED_SCHEMA))

    def finish_bundle(self):
        if self.counts:
            window = GlobalWindow()
            yield beam.pvalue.TaggedOutput(
                STATS, WindowedValue(self.counts, window.max_timestamp(), [window])
            )


def _append(rows: dict[str, list], rid, source, reason, evidence, error, text) -> None:
    rows["id"].append(rid)
    rows["source"].append(source)
    rows["reason"].append(reason)
    rows["evidence"].append(evidence)
    rows["error"].append(error)
    rows["text"].append(text)


class SumCounters(beam.CombineFn):
    def create_accumulator(self):
        return Counter()

    def add_input(self, acc, counts):
        acc.update(counts)
        return acc

    def merge_accumulators(self, accs):
        total = Counter()
        for acc in accs:
            total.update(acc)
        return total

    def extract_output(self, acc):
        return acc


class CleanBatches(beam.PTransform):
    """Filters batches of records into kept and rejected Arrow tables and the source's
    summed counts."""

    def __init__(self, name: str, config: SourceConfig):
        super().__init__()
        self.name, self.config = name, config

    def expand(self, batches):
        results = batches | "Filter" >> beam.ParDo(FilterFn(self.name, self.config)).with_outputs(
            REJECTED, STATS, main="kept"
        )
        counts = results[STATS] | "SumCounts" >> beam.CombineGlobally(SumCounters())
        return results.kept, results[REJECTED], counts


class CleanSource(beam.PTransform):
    """Filters records (one element each) into kept rows, rejected rows (dicts with the
    columns of `KEPT_SCHEMA` and `REJECTED_SCHEMA`) and the source's summed counts."""

    def __init__(self, name: str, config: SourceConfig, batch_size: int = 1000):
        super().__init__()
        self.name, self.config, self.batch_size = name, config, batch_size

    def expand(self, records):
        kept, rejected, counts = (
            records
            | "Batch" >> beam.BatchElements(min_batch_size=1, max_batch_size=self.batch_size)
            | "Clean" >> CleanBatches(self.name, self.config)
        )
        kept = kept | "KeptRows" >> beam.FlatMap(pa.Table.to_pylist)
        rejected = rejected | "RejectedRows" >> beam.FlatMap(pa.Table.to_pylist)
        return kept, rejected, counts


@dataclass(frozen=True)
class Outputs:
    kept: str  # directory of kept Parquet shards
    rejected: str  # directory of rejected Parquet shards
    stats: str  # statistics JSON file


def build_pipeline(
    p: beam.Pipeline, name: str, config: SourceConfig, clean: CleanConfig, outputs: Outputs
) -> None:
    """Add one source's read, filter and writes to pipeline `p`."""
    # One in-process worker has nobody to spread records to; a reshuffle would only hold
    # them all in memory (the DirectRunner keeps a grouping's whole input).
    spread = clean.reshuffle and not (
        clean.runner == "DirectRunner" and clean.direct_running_mode == "in_memory"
    )
    batches = p | f"Read[{name}]" >> ReadBatches(
        name, config, clean.max_raw_chars, spread, clean.batch_size
    )
    kept, rejected, counts = batches | f"Clean[{name}]" >> CleanBatches(name, config)
    kept | f"WriteKept[{name}]" >> WriteParquet(outputs.kept, KEPT_SCHEMA, clean.num_shards)
    rejected | f"WriteRejected[{name}]" >> WriteParquet(
        outputs.rejected, REJECTED_SCHEMA, clean.num_shards
    )
    classes = [cls for cls, _ in resolve(config.preset, config.filters)]
    reasons = reasons_of(classes)
    modifiers = tuple(cls.name for cls in classes if cls.modifies)
    (
        counts
        | f"Finalize[{name}]"
        >> beam.Map(lambda c: json.dumps(finalize(c, reasons, modifiers), indent=2))
        | f"WriteStats[{name}]"
        >> beam.io.WriteToText(outputs.stats, shard_name_template="", num_shards=1)
    )


def run_clean(
    name: str, config: SourceConfig, clean: CleanConfig, outputs: Outputs
) -> dict[str, Any]:
    """Clean one source and return its statistics.

    Everything is written to staging paths first and moved into place only when the whole
    pipeline succeeded, so a failed run never leaves output that looks complete.
    """
    # One hidden staging directory beside the stats file holds all three outputs (and
    # Beam's temporary files) until the pipeline has finished.
    stats_dir = os.path.dirname(outputs.stats) or "."
    staging = os.path.join(stats_dir, f".{name}.partial-{uuid.uuid4().hex[:8]}")
    staged = Outputs(
        os.path.join(staging, "kept"),
        os.path.join(staging, "rejected"),
        os.path.join(staging, "stats.json"),
    )
    os.makedirs(staging)
    try:
        with beam.Pipeline(options=clean.pipeline_options_for()) as p:
            build_pipeline(p, name, config, clean, staged)
        with open(staged.stats, encoding="utf-8") as f:
            stats = json.load(f)
        for path in (outputs.kept, outputs.rejected):
            os.makedirs(os.path.dirname(path.rstrip("/")) or ".", exist_ok=True)
        replace_output(staged.kept, outputs.kept)
        replace_output(staged.rejected, outputs.rejected)
        replace_output(staged.stats, outputs.stats)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("source %s: %d in, %d kept", name, stats["docs_in"], stats["docs_out"])
    return stats
