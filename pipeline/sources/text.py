"""Plain text files: one document per file, or per paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pipeline.sources.base import Reader, Record, register_reader, undecodable


@dataclass(frozen=True)
class TextOptions:
    split: Literal["file", "blank_line"] = "file"  # one document per file, or per paragraph
    encoding: str = "utf-8"


@register_reader("text")
class TextReader(Reader):
    """Plain text: one document per file, or documents separated by blank lines."""

    Options = TextOptions

    def records(self, path: str) -> Iterator[Record]:
        with self.open(path) as f:
            data = f.read()
        try:
            text = data.decode(self.options.encoding)
        except UnicodeDecodeError as e:
            yield self.malformed(
                path, 1, f"{undecodable(self.name, self.options.encoding)}: {e}", data[:4000]
            )
            return
        text = text.replace("\r\n", "\n")
        if self.options.split == "file":
            if text.strip():
                yield Record(self.record_id(path, 1), text, {"file": self.file_id(path)})
            return
        number = 0
        for block in text.split("\n\n"):
            if block.strip():
                number += 1
                yield Record(self.record_id(path, number), block.strip("\n"), {})
