"""Parquet output for Beam: Arrow tables streamed into part files, merged into shards, and the
finished output moved into place only when a run succeeded."""

from __future__ import annotations

import os
import shutil
import uuid

import apache_beam as beam
import pyarrow as pa
from apache_beam.transforms.window import GlobalWindow
from apache_beam.utils.windowed_value import WindowedValue


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


class WriteBundleParts(beam.DoFn):
    """Streams each bundle's Arrow tables into one Parquet part file; yields its path."""

    def __init__(self, directory: str, schema: pa.Schema):
        self.directory, self.schema = directory, schema

    def start_bundle(self):
        self.sink = self.writer = self.path = None

    def process(self, table: pa.Table):
        if self.writer is None:
            import pyarrow.parquet as pq
            from apache_beam.io.filesystems import FileSystems

            self.path = FileSystems.join(self.directory, f"{uuid.uuid4().hex}.parquet")
            self.sink = FileSystems.create(self.path)
            self.writer = pq.ParquetWriter(self.sink, self.schema, compression="snappy")
        self.writer.write_table(table)

    def finish_bundle(self):
        if self.writer is not None:
            self.writer.close()
            self.sink.close()
            window = GlobalWindow()
            yield WindowedValue(self.path, window.max_timestamp(), [window])


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
        if FileSystems.exists(self.parts_dir):
            FileSystems.delete([self.parts_dir])


class WriteParquet(beam.PTransform):
    """Writes Arrow tables to `num_shards` Parquet files (0: one per bundle) under `directory`.

    Beam's `WriteToParquet` with a fixed shard count groups every row by shard first, and the
    DirectRunner holds such a grouping in memory: the whole output. Here each bundle streams
    into its own part file and one final step copies the parts into the shards, row group by
    row group, so memory stays flat however large the input.
    """

    def __init__(self, directory: str, schema: pa.Schema, num_shards: int):
        super().__init__()
        self.directory, self.schema, self.num_shards = directory, schema, num_shards

    def expand(self, tables):
        parts_dir = os.path.join(self.directory, ".parts")
        return (
            tables
            | "WriteParts" >> beam.ParDo(WriteBundleParts(parts_dir, self.schema))
            | "ListParts" >> beam.combiners.ToList()
            | "MergeParts"
            >> beam.ParDo(
                MergeParts(
                    os.path.join(self.directory, "part"), self.schema, self.num_shards, parts_dir
                )
            )
        )
