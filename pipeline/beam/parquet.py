"""Parquet output for Beam: Arrow tables streamed into part files, merged into shards, and the
finished output moved into place only when a run succeeded."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import apache_beam as beam
import pyarrow as pa


def replace_output(staging: str, final: str) -> None:
    """Move a finished output (a file or a directory) into place, replacing the previous run's.

    Locally an `os.replace`, atomic. On an object store (s3://, gs://) there are no directories
    and no rename of a prefix: the old objects are deleted, the new ones copied into place and
    the staged ones deleted, through Beam's `FileSystems`; readers should not look meanwhile.
    """
    if "://" not in final:
        if os.path.isdir(final):
            shutil.rmtree(final)
        elif os.path.exists(final):
            os.remove(final)
        os.makedirs(os.path.dirname(final.rstrip("/")) or ".", exist_ok=True)
        os.replace(staging, final)
        return
    from apache_beam.io.filesystems import FileSystems

    if FileSystems.exists(staging):  # one object
        if FileSystems.exists(final):
            FileSystems.delete([final])
        FileSystems.rename([staging], [final])
        return
    prefix, target = staging.rstrip("/") + "/", final.rstrip("/") + "/"
    if FileSystems.match([target + "**"])[0].metadata_list:
        FileSystems.delete([target])
    FileSystems.copy([prefix], [target])
    FileSystems.delete([prefix])


@contextmanager
def staged_outputs(finals: Sequence[str], label: str) -> Iterator[tuple[str, list[str]]]:
    """Staging paths for the outputs `finals`, moved into place when the block succeeds.

    Yields (staging directory, one staging path per final path). The staging directory is made
    beside the last output (`.LABEL.partial-XXXXXXXX`), locally or on an object store; it is
    removed whether the block succeeds or fails, so a failed run never leaves output that
    looks complete, nor a half-written one in place of the previous run's.
    """
    beside = os.path.dirname(finals[-1].rstrip("/")) or "."
    from apache_beam.io.filesystems import FileSystems

    staging = FileSystems.join(beside, f".{label}.partial-{uuid.uuid4().hex[:8]}")
    staged = [
        FileSystems.join(staging, f"{i}-{os.path.basename(f.rstrip('/'))}")
        for i, f in enumerate(finals)
    ]
    try:
        yield staging, staged
        for src, final in zip(staged, finals, strict=True):
            replace_output(src, final)
    finally:
        if "://" in staging:
            if FileSystems.match([staging + "/**"])[0].metadata_list:
                FileSystems.delete([staging + "/"])
        elif os.path.exists(staging):
            shutil.rmtree(staging)


def shard_path(directory: str, shard: int, shards: int) -> str:
    """The path of one output shard, named as Beam names them: part-00000-of-00001.parquet."""
    from apache_beam.io.filesystems import FileSystems

    return FileSystems.join(directory, f"part-{shard:05d}-of-{shards:05d}.parquet")


def write_table(path: str, tables: Iterable[pa.Table], schema: pa.Schema) -> None:
    """Stream Arrow tables into one snappy Parquet file (an empty one when there are none)."""
    import pyarrow.parquet as pq
    from apache_beam.io.filesystems import FileSystems

    with (
        FileSystems.create(path) as sink,
        pq.ParquetWriter(sink, schema, compression="snappy") as writer,
    ):
        for table in tables:
            writer.write_table(table)


def merge_into_shards(
    parts: Sequence[str], directory: str, schema: pa.Schema, num_shards: int
) -> Iterator[str]:
    """Copy Parquet `parts`, row group by row group, into `num_shards` shards (0: one per part)
    under `directory`: shard i holds parts i, i + shards, ... in their order. Yields the shards'
    paths; with no parts, writes empty shards. Memory holds one row group at a time."""
    import pyarrow.parquet as pq
    from apache_beam.io.filesystems import FileSystems

    def row_groups(paths):
        for part in paths:
            with FileSystems.open(part) as source:
                reader = pq.ParquetFile(source)
                for group in range(reader.num_row_groups):
                    yield reader.read_row_group(group)

    shards = num_shards or max(1, len(parts))
    for shard in range(shards):
        path = shard_path(directory, shard, shards)
        write_table(path, row_groups(parts[shard::shards]), schema)
        yield path


class WritePart(beam.DoFn):
    """Writes each Arrow table, its rows sorted by `sort_by`, to a Parquet part file of its own;
    yields its path.

    One part per element, from `process`: nothing is emitted from `finish_bundle`, which Beam
    2.70's DaskRunner drops (docs/runners.md)."""

    def __init__(self, directory: str, schema: pa.Schema, sort_by: Sequence[str]):
        self.directory, self.schema, self.sort_by = directory, schema, tuple(sort_by)

    def process(self, table: pa.Table):
        import pyarrow.parquet as pq
        from apache_beam.io.filesystems import FileSystems

        path = FileSystems.join(self.directory, f"{uuid.uuid4().hex}.parquet")
        ordered = table.cast(self.schema).sort_by([(key, "ascending") for key in self.sort_by])
        with FileSystems.create(path) as sink:
            pq.write_table(ordered, sink, compression="snappy")
        yield path


# The merge reads this many rows of each part at a time, and reads at most FAN_IN parts at once
# (more are merged in rounds): memory is FAN_IN x BATCH_ROWS rows whatever the output's size.
FAN_IN = 64
BATCH_ROWS = 256
# The output's row groups: a fixed number of rows, so that the file's bytes depend on its rows
# only, not on how the runner cut the input into bundles.
ROWS_PER_GROUP = 4096


def merge_sorted(
    parts: Sequence[str], path: str, schema: pa.Schema, sort_by: Sequence[str], scratch: str
) -> None:
    """Merge Parquet `parts`, each sorted by the columns `sort_by`, into one file at `path`
    sorted the same way, in row groups of `ROWS_PER_GROUP` rows. More than `FAN_IN` parts are
    merged in rounds through files under `scratch`, which are deleted after."""
    import heapq

    import pyarrow.parquet as pq
    from apache_beam.io.filesystems import FileSystems

    def rows(part):
        with FileSystems.open(part) as source:
            for batch in pq.ParquetFile(source).iter_batches(batch_size=BATCH_ROWS):
                yield from batch.to_pylist()

    def key(row):
        return tuple(row[name] for name in sort_by)

    def tables(paths):
        pending = []
        for row in heapq.merge(*(rows(part) for part in paths), key=key):
            pending.append(row)
            if len(pending) == ROWS_PER_GROUP:
                yield pa.Table.from_pylist(pending, schema=schema)
                pending = []
        if pending:
            yield pa.Table.from_pylist(pending, schema=schema)

    level, scratch_files = 0, []
    while len(parts) > FAN_IN:
        merged = []
        for i in range(0, len(parts), FAN_IN):
            merged.append(FileSystems.join(scratch, f"merged-{level}-{i // FAN_IN}.parquet"))
            write_table(merged[-1], tables(parts[i : i + FAN_IN]), schema)
        scratch_files += merged
        parts, level = merged, level + 1
    write_table(path, tables(parts), schema)
    if scratch_files:
        FileSystems.delete(scratch_files)


class MergeParts(beam.DoFn):
    """Merges the sorted part files into the output's one file (`merge_sorted`), then deletes
    them."""

    def __init__(self, directory: str, schema: pa.Schema, sort_by: Sequence[str], parts_dir: str):
        self.directory, self.schema, self.sort_by = directory, schema, tuple(sort_by)
        self.parts_dir = parts_dir

    def process(self, parts: list[str]):
        from apache_beam.io.filesystems import FileSystems

        path = shard_path(self.directory, 0, 1)
        merge_sorted(sorted(parts), path, self.schema, self.sort_by, self.parts_dir)
        yield path
        if parts:
            FileSystems.delete(parts)
        if "://" not in self.parts_dir and os.path.isdir(self.parts_dir):
            os.rmdir(self.parts_dir)  # locally the emptied directory remains


class WriteParquet(beam.PTransform):
    """Writes Arrow tables to one Parquet file under `directory`, its rows sorted by the
    columns `sort_by` (which must identify a row); the result is the file's path.

    The same rows give the same bytes, whatever the runner, the number of workers or the order
    in which the tables arrive: `dvc repro` of an unchanged input reproduces the output's hash.
    Beam's `WriteToParquet` with a fixed shard count groups every row by shard first, and the
    DirectRunner holds such a grouping in memory: the whole output. Here each table goes to its
    own sorted part file, and one final step merges the parts, a batch of rows of each at a
    time, so memory stays flat however large the input.
    """

    def __init__(self, directory: str, schema: pa.Schema, sort_by: Sequence[str]):
        super().__init__()
        self.directory, self.schema, self.sort_by = directory, schema, tuple(sort_by)

    def expand(self, tables):
        from apache_beam.io.filesystems import FileSystems

        parts_dir = FileSystems.join(self.directory, ".parts")
        merge = MergeParts(self.directory, self.schema, self.sort_by, parts_dir)
        return (
            tables
            | "WriteParts" >> beam.ParDo(WritePart(parts_dir, self.schema, self.sort_by))
            | "ListParts" >> beam.combiners.ToList()
            | "MergeParts" >> beam.ParDo(merge)
        )
