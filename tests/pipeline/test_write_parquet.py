"""The streaming Parquet writer of the Beam pipeline: shards as asked, empty outputs too."""

from __future__ import annotations

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline

from pipeline.clean import KEPT_SCHEMA
from pipeline.parquet import WriteParquet


def _tables(n_tables: int, rows: int) -> list[pa.Table]:
    return [
        pa.Table.from_pydict(
            {
                "id": [f"w/{t}/{i}" for i in range(rows)],
                "source": ["w"] * rows,
                "text": [f"tekst {t} {i}" for i in range(rows)],
                "meta": ["{}"] * rows,
                "removed_lines": ["[]"] * rows,
                "modified": ["[]"] * rows,
            },
            schema=KEPT_SCHEMA,
        )
        for t in range(n_tables)
    ]


@pytest.mark.parametrize(("num_shards", "files"), [(1, 1), (3, 3), (0, 5)])
def test_every_row_lands_in_the_asked_shards(tmp_path, num_shards, files):
    out = tmp_path / "kept"
    with BeamTestPipeline(runner="FnApiRunner") as p:
        p | beam.Create(_tables(5, 7)) | WriteParquet(str(out), KEPT_SCHEMA, num_shards)
    names = sorted(path.name for path in out.iterdir())
    assert names == [f"part-{i:05d}-of-{files:05d}.parquet" for i in range(files)]
    table = pq.read_table(out)
    assert table.schema.equals(KEPT_SCHEMA)
    assert sorted(table.column("id").to_pylist()) == sorted(
        f"w/{t}/{i}" for t in range(5) for i in range(7)
    )


def test_no_rows_still_writes_readable_empty_shards(tmp_path):
    out = tmp_path / "kept"
    with BeamTestPipeline(runner="FnApiRunner") as p:
        p | beam.Create([]).with_output_types(pa.Table) | WriteParquet(str(out), KEPT_SCHEMA, 1)
    assert [path.name for path in out.iterdir()] == ["part-00000-of-00001.parquet"]
    assert pq.read_table(out).num_rows == 0
