"""The streaming Parquet writer of the Beam pipeline: one file, rows in key order, and the same
bytes whatever order the tables arrive in or however they were cut."""

from __future__ import annotations

import random
from itertools import pairwise

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline

from pipeline.beam import parquet
from pipeline.beam.parquet import WriteParquet
from pipeline.clean.schema import KEPT_SCHEMA


def _rows(n: int) -> list[dict]:
    return [
        {
            "id": f"w/{i}",
            "source": "w",
            "text": f"tekst {i}",
            "meta": "{}",
            "removed_lines": "[]",
            "modified": "[]",
        }  # fmt: skip
        for i in range(n)
    ]


def _tables(rows: list[dict], cuts: list[int]) -> list[pa.Table]:
    edges = [0, *cuts, len(rows)]
    return [pa.Table.from_pylist(rows[a:b], schema=KEPT_SCHEMA) for a, b in pairwise(edges)]


def _write(out, tables) -> bytes:
    with BeamTestPipeline(runner="FnApiRunner") as p:
        p | beam.Create(tables, reshuffle=False) | WriteParquet(str(out), KEPT_SCHEMA, ["id"])
    assert [path.name for path in out.iterdir()] == ["part-00000-of-00001.parquet"]
    return (out / "part-00000-of-00001.parquet").read_bytes()


def test_rows_are_written_in_key_order_in_fixed_row_groups(tmp_path, monkeypatch):
    monkeypatch.setattr(parquet, "ROWS_PER_GROUP", 10)
    rows = _rows(35)
    random.Random(1).shuffle(rows)
    _write(tmp_path / "kept", _tables(rows, [3, 20]))
    file = pq.ParquetFile(tmp_path / "kept" / "part-00000-of-00001.parquet")
    assert file.schema_arrow.equals(KEPT_SCHEMA)
    assert [file.metadata.row_group(i).num_rows for i in range(4)] == [10, 10, 10, 5]
    assert file.read().column("id").to_pylist() == sorted(f"w/{i}" for i in range(35))


def test_the_same_rows_give_the_same_bytes_however_they_arrive(tmp_path, monkeypatch):
    """Other cuts, another arrival order, and enough parts to merge in rounds (FAN_IN)."""
    monkeypatch.setattr(parquet, "ROWS_PER_GROUP", 7)
    monkeypatch.setattr(parquet, "FAN_IN", 3)
    rows = _rows(40)
    first = _write(tmp_path / "a", _tables(rows, [10, 25]))
    shuffled = rows[:]
    random.Random(2).shuffle(shuffled)
    tables = _tables(shuffled, [2, 5, 9, 14, 22, 23, 31, 38])
    tables.reverse()
    assert _write(tmp_path / "b", tables) == first
    assert not (tmp_path / "b" / ".parts").exists()  # parts and merge rounds deleted


def test_no_rows_still_writes_a_readable_empty_file(tmp_path):
    out = tmp_path / "kept"
    with BeamTestPipeline(runner="FnApiRunner") as p:
        (
            p
            | beam.Create([]).with_output_types(pa.Table)
            | WriteParquet(str(out), KEPT_SCHEMA, ["id"])
        )
    assert [path.name for path in out.iterdir()] == ["part-00000-of-00001.parquet"]
    assert pq.read_table(out).num_rows == 0
