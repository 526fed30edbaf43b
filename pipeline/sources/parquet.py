"""Parquet files: a table with a text column, read row group by row group."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.sources.base import DamagedBytes, Reader, Record, register_reader


@register_reader("parquet")
class ParquetReader(Reader):
    """Parquet files, read batch by batch so a large file never sits in memory whole, and row
    group by row group, so that a damaged group keeps the groups before it. Once the file is
    open, what pyarrow cannot decode (no footer: a truncated file; a corrupt page) is damage."""

    def records(self, path: str) -> Iterator[Record]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        with self.open(path) as f:
            number = 0
            try:
                pf = pq.ParquetFile(f)
                for group in range(pf.num_row_groups):
                    for batch in pf.iter_batches(batch_size=1024, row_groups=[group]):
                        for row in batch.to_pylist():
                            number += 1
                            yield self.make(path, number, row)
            except (pa.ArrowInvalid, OSError) as e:  # pyarrow's errors for undecodable bytes
                raise DamagedBytes(f"not readable as Parquet: {e}".strip()) from e
