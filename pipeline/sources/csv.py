"""CSV files with a header row: song lyrics, spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.sources.base import Reader, Record, has_surrogates, register_reader, undecodable


@dataclass(frozen=True)
class CsvOptions:
    delimiter: str = ","
    encoding: str = "utf-8"


@register_reader("csv")
class CsvReader(Reader):
    """CSV with a header row; quoted fields may span lines (song lyrics)."""

    Options = CsvOptions

    def records(self, path: str) -> Iterator[Record]:
        with self.open(path) as f:
            text = io.TextIOWrapper(
                f, encoding=self.options.encoding, errors="surrogateescape", newline=""
            )
            rows = csv.reader(text, delimiter=self.options.delimiter)
            header = next(rows, None)
            if header is None:
                return
            for number, row in enumerate(rows, start=2):  # record number = first line's row
                if not row:
                    continue
                raw = self.options.delimiter.join(row)
                if len(row) != len(header):
                    yield self.malformed(
                        path, number, f"{len(row)} fields where the header has {len(header)}", raw
                    )
                    continue
                if any(has_surrogates(v) for v in row):
                    yield self.malformed(
                        path,
                        number,
                        undecodable(self.name, self.options.encoding),
                        raw.encode("utf-8", "surrogateescape"),
                    )
                    continue
                yield self.make(path, number, dict(zip(header, row, strict=True)))
