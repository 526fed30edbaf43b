"""The `dedup` stage's Beam job: every cleaned source in, deduplicated across sources, out.

Reads each source's kept Parquet (`CLEAN/NAME/*.parquet`), gives every document its `order`
(the source's position in params.yaml, then its id: the first copy by that order is kept),
runs `pipeline.dedup.transform.DedupTransform`, and writes the kept documents per source
(`KEPT/NAME/part-*.parquet`, the columns the corpus stage reads), the dropped ones with
`duplicate_of`, `similarity` and `kind` (`REJECTED/part-*.parquet`) and the statistics JSON.
As in `pipeline.clean.job`, everything is staged and moved into place only when the whole run
succeeded.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import replace
from typing import Any

import apache_beam as beam
import pyarrow as pa

from common.config import ConfigError
from pipeline.beam.parquet import WriteParquet, staged_outputs
from pipeline.beam.runner import BeamConfig, beam_pipeline
from pipeline.dedup.components import not_settled
from pipeline.dedup.params import DedupParams
from pipeline.dedup.rules import UNSETTLED
from pipeline.dedup.schema import KEPT_SCHEMA, REJECTED_SCHEMA, to_row
from pipeline.dedup.transform import DedupTransform

COLUMNS = ["id", "source", "text", "meta"]

# The most documents (of about 1,300 characters) the in-process `direct` runner deduplicates
# in 16 GiB: it holds every collection between two stages in its own memory, so its peak grows
# with the input: 2.0 GiB at 100k, 5.9 GiB at 300k, 20 kB a document (docs/dedup.md).
DIRECT_MAX_DOCUMENTS = 800_000

# On spark and flink a stage's part is one bundle, and an SDK worker holds a whole bundle's
# output until the bundle is done (docs/dedup.md, "What the SDK workers hold"): about 6 kB a
# document out of the first stage. Unless `beam.partitions` says otherwise the job cuts its
# input into parts of at most this many documents, so a worker's memory does not grow with the
# corpus; the parts run `workers` at a time.
DOCUMENTS_PER_PART = 50_000
# The input's byte ranges per part (ReadAllFromParquet spreads ranges over the parts at
# random: more, smaller ranges even the parts out). A range holds at least one row group.
RANGES_PER_PART = 4


def _with_order(row: dict[str, Any], rank: int) -> dict[str, Any]:
    return {**row, "order": (rank, row["id"])}


def _tables(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist([to_row(r, schema) for r in rows], schema=schema)


def _is_source(doc: dict[str, Any], name: str) -> bool:
    return doc["source"] == name


class ReadSources(beam.PTransform):
    """The pipeline -> every source's cleaned documents, each with its `order`."""

    def __init__(self, sources: list[str], clean_dir: str, range_bytes: int):
        super().__init__()
        self.sources, self.clean_dir, self.range_bytes = sources, clean_dir, range_bytes

    def expand(self, pbegin):
        # ReadAll spreads the files' byte ranges over the workers with a reshuffle of its own,
        # so every worker reads and computes features (ReadFromParquet hands a runner such as
        # Flink all the files as one partition: one worker did the whole first stage)
        docs = [
            pbegin
            | f"Files[{name}]" >> beam.Create([os.path.join(self.clean_dir, name, "*.parquet")])
            | f"Read[{name}]"
            >> beam.io.ReadAllFromParquet(columns=COLUMNS, desired_bundle_size=self.range_bytes)
            | f"Order[{name}]" >> beam.Map(_with_order, rank)
            for rank, name in enumerate(self.sources)
        ]
        return docs | "AllSources" >> beam.Flatten()


def build_dedup(
    p: beam.Pipeline,
    sources: list[str],
    clean_dir: str,
    params: DedupParams,
    kept_dir: str,
    rejected_dir: str,
    stats_path: str,
    range_bytes: int = 64 << 20,
) -> None:
    """Add the dedup job to pipeline `p`; `sources` in params.yaml order; the input read in
    byte ranges of about `range_bytes`, once for each of the transform's uses."""
    read = functools.partial(ReadSources, sources, clean_dir, range_bytes)
    out = p | "Dedup" >> DedupTransform(params, read=read)
    written = []  # every write's paths, joined into one last step: the DaskRunner runs only it
    for name in sources:
        written.append(
            out["kept"]
            | f"Of[{name}]" >> beam.Filter(_is_source, name)
            | f"BatchKept[{name}]" >> beam.BatchElements(min_batch_size=1, max_batch_size=1000)
            | f"KeptTables[{name}]" >> beam.Map(_tables, KEPT_SCHEMA)
            | f"WriteKept[{name}]"
            >> WriteParquet(os.path.join(kept_dir, name), KEPT_SCHEMA, ["id"])
        )
    written.append(
        out["rejected"]
        | "BatchRejected" >> beam.BatchElements(min_batch_size=1, max_batch_size=1000)
        | "RejectedTables" >> beam.Map(_tables, REJECTED_SCHEMA)
        | "WriteRejected" >> WriteParquet(rejected_dir, REJECTED_SCHEMA, ["source", "id"])
    )
    written.append(out["stats"] | "WriteStats" >> beam.Map(_write_json, stats_path))
    written | "AllWritten" >> beam.Flatten() | "Done" >> beam.combiners.ToList()


def _write_json(data: dict[str, Any], path: str) -> str:
    from apache_beam.io.filesystems import FileSystems

    with FileSystems.create(path) as f:
        f.write(json.dumps(data, indent=2).encode() + b"\n")
    return path


def _input_files(sources: list[str], clean_dir: str) -> list[str]:
    return [
        os.path.join(clean_dir, name, f)
        for name in sources
        if os.path.isdir(os.path.join(clean_dir, name))
        for f in os.listdir(os.path.join(clean_dir, name))
        if f.endswith(".parquet")
    ]


def input_documents(sources: list[str], clean_dir: str) -> int:
    """How many documents the job will read: the row counts in the Parquet footers."""
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for f in _input_files(sources, clean_dir))


def parted(how: BeamConfig, documents: int) -> BeamConfig:
    """`how`, on spark and on a Flink cluster with `partitions` set for `documents` (at most
    `DOCUMENTS_PER_PART` a part, at least a part per worker) unless it is set already. Flink's
    mini-cluster runs one part per worker whatever is asked (`BeamConfig`)."""
    if how.runner not in ("flink", "spark") or how.flink_mini_cluster or how.partitions:
        return how
    return replace(how, partitions=max(how.processes, -(-documents // DOCUMENTS_PER_PART)))


def range_bytes(sources: list[str], clean_dir: str, how: BeamConfig) -> int:
    """The byte ranges to read the input in: `RANGES_PER_PART` a part, 1 to 64 MiB."""
    total = sum(os.path.getsize(f) for f in _input_files(sources, clean_dir))
    return min(64 << 20, max(1 << 20, total // (RANGES_PER_PART * how.parts)))


def runner_advice(documents: int, how: BeamConfig) -> str | None:
    """One line for a user about to deduplicate more than fits in 16 GiB where memory grows
    with the corpus: on `direct`, or on Flink's mini-cluster (a part per worker)."""
    if documents <= DIRECT_MAX_DOCUMENTS:
        return None
    if how.runner == "direct":
        return (
            f"{documents:,} documents is more than the direct runner deduplicates in 16 GiB "
            f"(about {DIRECT_MAX_DOCUMENTS:,}, docs/dedup.md); set beam.runner: spark, or flink "
            "with flink_master, to run it in parts whose memory does not grow with the corpus"
        )
    if how.flink_mini_cluster:
        return (
            f"{documents:,} documents on Flink's mini-cluster: it runs a part per worker, whose "
            "memory grows with the corpus (docs/dedup.md); set beam.runner: spark, or "
            "flink_master, to run it in parts of bounded size"
        )
    return None


def check_settled(stats: dict[str, Any], params: DedupParams) -> None:
    """A `ConfigError` when the clusters were not settled: the verdicts cannot be trusted."""
    if stats.get(UNSETTLED):
        raise ConfigError(not_settled(params.cluster_rounds, stats[UNSETTLED]))


def run_dedup(
    sources: list[str],
    clean_dir: str,
    params: DedupParams,
    how: BeamConfig,
    kept_dir: str,
    rejected_dir: str,
    stats_path: str,
) -> dict[str, Any]:
    """Deduplicate the cleaned `sources` and return the statistics."""
    if how.runner == "dask":
        raise ConfigError(
            "beam.runner: the dedup job does not run on Beam 2.70's DaskRunner, which cannot "
            "read files with beam.io.Read (docs/runners.md); run the dedup stage with direct, "
            "portable, flink, spark or prism"
        )
    for name in sources:
        if not any(f.endswith(".parquet") for f in os.listdir(os.path.join(clean_dir, name))):
            raise FileNotFoundError(f"no cleaned shards in {clean_dir}/{name}: run clean@{name}")
    how = parted(how, input_documents(sources, clean_dir))
    ranges = range_bytes(sources, clean_dir, how)
    with staged_outputs((kept_dir, rejected_dir, stats_path), "dedup") as (_, staged):
        with beam_pipeline(how) as p:
            build_dedup(p, sources, clean_dir, params, *staged, range_bytes=ranges)
        with open(staged[2], encoding="utf-8") as f:
            stats = json.load(f)
        check_settled(stats, params)
        for name in sources:  # a source without a kept document still gets its directory
            os.makedirs(os.path.join(staged[0], name), exist_ok=True)
    return stats
