"""The cleaning job's output rows: kept documents, and rejected ones with the reason and the
evidence. (The dedup job's are in `pipeline.dedup.schema`.)"""

from __future__ import annotations

import pyarrow as pa

KEPT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("text", pa.string()),
        ("meta", pa.string()),  # the record's other fields, as JSON
        ("removed_lines", pa.string()),  # JSON list of {line, reason, evidence, text}
        ("modified", pa.string()),  # JSON list of {name, chars, examples}: what a modifier changed
    ]
)
REJECTED_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("reason", pa.string()),
        ("evidence", pa.string()),  # the matched term or phrase, the detector's verdict
        ("error", pa.string()),  # for malformed records: what was wrong
        ("text", pa.string()),  # the original text (or the raw content, truncated)
        ("meta", pa.string()),
        ("removed_lines", pa.string()),
        ("modified", pa.string()),
    ]
)
