"""JSON lines, plain or compressed: the mC4 shard format."""

from __future__ import annotations

import json
from collections.abc import Iterator

from pipeline.sources.base import Reader, Record, register_reader


@register_reader("jsonl")
class JsonlReader(Reader):
    """JSON lines, plain or compressed: the mC4 shard format (`c4-nl-*.json.gz`) as it is."""

    def records(self, path: str) -> Iterator[Record]:
        with self.open(path) as f:
            for number, raw in enumerate(f, start=1):
                if not raw.strip():
                    continue
                yield parse_json_line(self, path, number, raw)


def parse_json_line(reader: Reader, path: str, number: int, raw: bytes) -> Record:
    raw = raw.rstrip(b"\r\n")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return reader.malformed(path, number, f"undecodable bytes: {e}", raw)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return reader.malformed(path, number, f"not JSON: {e}", line)
    if not isinstance(obj, dict):
        return reader.malformed(path, number, f"not a JSON object but {type(obj).__name__}", line)
    return reader.make(path, number, obj)
