"""The dedup job's output rows: the kept documents per source, and the dropped copies with
what they copy. (The cleaning job's are in `pipeline.clean.schema`.)"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

KEPT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("text", pa.string()),  # without the spans removed by the span step
        ("meta", pa.string()),  # the record's other fields, as JSON
        ("sentences_removed", pa.int32()),  # by the span step; 0 when it is off
    ]
)

REJECTED_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("text", pa.string()),
        ("meta", pa.string()),
        ("duplicate_of", pa.string()),  # id of the document it copies (kept, for exact/near)
        ("duplicate_of_source", pa.string()),  # ids are unique within a source only
        ("similarity", pa.float64()),  # exact: 1.0; near: true Jaccard; span: 1.0 (all)
        ("kind", pa.string()),  # exact | near | span
    ]
)


def to_row(doc: dict[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """A document as a row of `KEPT_SCHEMA` or `REJECTED_SCHEMA`: `meta` is the document's
    `meta` if it has one, else its fields outside the schema (but the transform's own
    `order` and `sentences_removed`) as JSON."""
    row = {name: doc.get(name) for name in schema.names}
    if not isinstance(row["meta"], str):
        own = {"order", "sentences_removed", *schema.names}
        extra = {k: v for k, v in doc.items() if k not in own}
        row["meta"] = json.dumps(extra, ensure_ascii=False, default=str)
    if "sentences_removed" in row and row["sentences_removed"] is None:
        row["sentences_removed"] = 0
    return row
