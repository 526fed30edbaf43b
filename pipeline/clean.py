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
from dataclasses import dataclass, field
from typing import Any

import apache_beam as beam
import pyarrow as pa
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.transforms.window import GlobalWindow
from apache_beam.utils.windowed_value import WindowedValue

from filters.chain import Result
from filters.presets import build_chain
from pipeline.sources import Record, SourceConfig, reader_for
from pipeline.stats import finalize, tally

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
    ]
)


@dataclass(frozen=True)
class CleanConfig:
    """The `clean` section of params.yaml: how the pipeline runs, for every source."""

    runner: str = "DirectRunner"
    direct_running_mode: str = "in_memory"  # in_memory | multi_threading | multi_processing
    direct_num_workers: int = 1  # 0: one per core
    pipeline_options: list[str] = field(default_factory=list)  # extra Beam flags
    num_shards: int = 1  # Parquet shards per output
    max_raw_chars: int = 2000  # raw content kept for a malformed record
    reshuffle: bool = True  # spread the records of one large file over workers

    def __post_init__(self):
        modes = ("in_memory", "multi_threading", "multi_processing")
        if self.direct_running_mode not in modes:
            raise ValueError(
                f"direct_running_mode '{self.direct_running_mode}' is not one of {', '.join(modes)}"
            )

    def pipeline_options_for(self) -> PipelineOptions:
        return PipelineOptions(
            flags=list(self.pipeline_options),
            runner=self.runner,
            direct_running_mode=self.direct_running_mode,
            direct_num_workers=self.direct_num_workers,
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
    """Reads one file of a source into records."""

    def __init__(self, name: str, config: SourceConfig, max_raw_chars: int):
        self.name, self.config, self.max_raw_chars = name, config, max_raw_chars

    def setup(self):
        self.reader = reader_for(self.name, self.config)
        self.reader.max_raw_chars = self.max_raw_chars

    def process(self, path: str):
        yield from self.reader.read(path)


class ReadSource(beam.PTransform):
    """All records of one source, spread over workers."""

    def __init__(self, name: str, config: SourceConfig, max_raw_chars: int, reshuffle: bool):
        super().__init__()
        self.name, self.config = name, config
        self.max_raw_chars, self.reshuffle = max_raw_chars, reshuffle

    def expand(self, pbegin):
        files = reader_for(self.name, self.config).files()
        records = (
            pbegin
            | "ListFiles" >> beam.Create(files)
            | "SpreadFiles" >> beam.Reshuffle()
            | "ReadRecords" >> beam.ParDo(ReadFileFn(self.name, self.config, self.max_raw_chars))
        )
        if self.reshuffle:
            records = records | "SpreadRecords" >> beam.Reshuffle()
        return records


class FilterFn(beam.DoFn):
    """Applies a source's filter chain. Kept rows go to the main output, rejected rows to
    `rejected`, and one summed counter per bundle to `stats`."""

    def __init__(self, name: str, config: SourceConfig):
        self.name, self.config = name, config

    def setup(self):
        self.chain = build_chain(self.config.preset, self.config.filters)
        self.kept_counter = beam.metrics.Metrics.counter("schoon", f"{self.name}.docs_out")
        self.dropped_counter = beam.metrics.Metrics.counter("schoon", f"{self.name}.docs_dropped")

    def start_bundle(self):
        self.counts: Counter = Counter()

    def process(self, record: Record):
        if record.error is not None:
            self.counts.update(tally(None, len(record.raw or ""), error=True))
            self.dropped_counter.inc()
            yield beam.pvalue.TaggedOutput(
                REJECTED,
                {
                    "id": record.id,
                    "source": self.name,
                    "reason": "malformed",
                    "evidence": None,
                    "error": record.error,
                    "text": record.raw,
                    "meta": "{}",
                    "removed_lines": "[]",
                },
            )
            return
        result = self.chain.apply(record.text)
        self.counts.update(tally(result, len(record.text)))
        meta = json.dumps(record.meta, ensure_ascii=False, default=str)
        if result.kept:
            self.kept_counter.inc()
            yield {
                "id": record.id,
                "source": self.name,
                "text": result.text,
                "meta": meta,
                "removed_lines": removed_lines_json(result),
            }
        else:
            self.dropped_counter.inc()
            yield beam.pvalue.TaggedOutput(
                REJECTED,
                {
                    "id": record.id,
                    "source": self.name,
                    "reason": result.reason,
                    "evidence": result.evidence,
                    "error": None,
                    "text": record.text,
                    "meta": meta,
                    "removed_lines": removed_lines_json(result),
                },
            )

    def finish_bundle(self):
        if self.counts:
            window = GlobalWindow()
            yield beam.pvalue.TaggedOutput(
                STATS, WindowedValue(self.counts, window.max_timestamp(), [window])
            )


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


class CleanSource(beam.PTransform):
    """Filters records into kept rows, rejected rows and the source's summed counts."""

    def __init__(self, name: str, config: SourceConfig):
        super().__init__()
        self.name, self.config = name, config

    def expand(self, records):
        results = records | "Filter" >> beam.ParDo(FilterFn(self.name, self.config)).with_outputs(
            REJECTED, STATS, main="kept"
        )
        counts = results[STATS] | "SumCounts" >> beam.CombineGlobally(SumCounters())
        return results.kept, results[REJECTED], counts


@dataclass(frozen=True)
class Outputs:
    kept: str  # directory of kept Parquet shards
    rejected: str  # directory of rejected Parquet shards
    stats: str  # statistics JSON file


def _replace(staging: str, final: str) -> None:
    """Move a finished output into place, replacing the previous run's."""
    if os.path.isdir(final):
        shutil.rmtree(final)
    elif os.path.exists(final):
        os.remove(final)
    os.replace(staging, final)


def build_pipeline(
    p: beam.Pipeline, name: str, config: SourceConfig, clean: CleanConfig, outputs: Outputs
) -> None:
    """Add one source's read, filter and writes to pipeline `p`."""
    records = p | f"Read[{name}]" >> ReadSource(name, config, clean.max_raw_chars, clean.reshuffle)
    kept, rejected, counts = records | f"Clean[{name}]" >> CleanSource(name, config)
    kept | f"WriteKept[{name}]" >> beam.io.WriteToParquet(
        os.path.join(outputs.kept, "part"),
        KEPT_SCHEMA,
        codec="snappy",
        file_name_suffix=".parquet",
        num_shards=clean.num_shards,
    )
    rejected | f"WriteRejected[{name}]" >> beam.io.WriteToParquet(
        os.path.join(outputs.rejected, "part"),
        REJECTED_SCHEMA,
        codec="snappy",
        file_name_suffix=".parquet",
        num_shards=clean.num_shards,
    )
    reasons = build_chain(config.preset, config.filters).reasons
    (
        counts
        | f"Finalize[{name}]" >> beam.Map(lambda c: json.dumps(finalize(c, reasons), indent=2))
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
        _replace(staged.kept, outputs.kept)
        _replace(staged.rejected, outputs.rejected)
        _replace(staged.stats, outputs.stats)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("source %s: %d in, %d kept", name, stats["docs_in"], stats["docs_out"])
    return stats
