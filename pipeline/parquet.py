"""Parquet output for Beam: Arrow tables streamed into part files, merged into shards, and the
finished output moved into place only when a run succeeded."""

from __future__ import annotations

import os
import shutil
import uuid

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


class WritePart(beam.DoFn):
    """Writes each Arrow table to a Parquet part file of its own; yields its path.

    One part per element, from `process`: nothing is emitted from `finish_bundle`, which Beam
    2.77's DaskRunner drops (docs/runners.md)."""

    def __init__(self, directory: str, schema: pa.Schema):
        self.directory, self.schema = directory, schema

    def process(self, table: pa.Table):
        import pyarrow.parquet as pq
        from apache_beam.io.filesystems import FileSystems

        path = FileSystems.join(self.directory, f"{uuid.uuid4().hex}.parquet")
        with FileSystems.create(path) as sink:
            pq.write_table(table.cast(self.schema), sink, compression="snappy")
        yield path


class MergeParts(beam.DoFn):
    """Copies the part files, row group by row group, into `num_shards` files named as Beam
    names them (`part-00000-of-00001.parquet`); with no parts, writes empty shards."""

    def __init__(self, prefix: str, schema: pa.Schema, num_shards: int, parts_dir: str):
        self.prefix, self.schema, self.num_shards = prefix, schema, num_shards
        self.parts_dir = parts_dir

    def process(self, parts: list[str]):
        import pyarrow.parquet as pq
        from apache_beam.io.filesystems import FileSystems

        parts = sorted(parts)
        shards = self.num_shards or max(1, len(parts))
        for shard in range(shards):
            path = f"{self.prefix}-{shard:05d}-of-{shards:05d}.parquet"
            with (
                FileSystems.create(path) as sink,
                pq.ParquetWriter(sink, self.schema, compression="snappy") as writer,
            ):
                for part in parts[shard::shards]:
                    with FileSystems.open(part) as source:
                        reader = pq.ParquetFile(source)
                        for group in range(reader.num_row_groups):
                            writer.write_table(reader.read_row_group(group))
            yield path
        if parts:
            FileSystems.delete(parts)
        if "://" not in self.parts_dir and os.path.isdir(self.parts_dir):
            os.rmdir(self.parts_dir)  # locally the emptied directory remains


class WriteParquet(beam.PTransform):
    """Writes Arrow tables to `num_shards` Parquet files (0: one per table) under `directory`;
    the result is the shards' paths.

    Beam's `WriteToParquet` with a fixed shard count groups every row by shard first, and the
    DirectRunner holds such a grouping in memory: the whole output. Here each table goes to its
    own part file and one final step copies the parts into the shards, row group by row group,
    so memory stays flat however large the input.
    """

    def __init__(self, directory: str, schema: pa.Schema, num_shards: int):
        super().__init__()
        self.directory, self.schema, self.num_shards = directory, schema, num_shards

    def expand(self, tables):
        from apache_beam.io.filesystems import FileSystems

        parts_dir = FileSystems.join(self.directory, ".parts")
        prefix = FileSystems.join(self.directory, "part")
        merge = MergeParts(prefix, self.schema, self.num_shards, parts_dir)
        return (
            tables
            | "WriteParts" >> beam.ParDo(WritePart(parts_dir, self.schema))
            | "ListParts" >> beam.combiners.ToList()
            | "MergeParts" >> beam.ParDo(merge)
        )
