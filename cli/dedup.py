"""`schoon dedup`: which records of a JSON-lines file are copies of an earlier one.

The same `DedupTransform` as the `dedup` stage, run in process on one file: the first
occurrence in the input is kept, and every later copy points at it.
"""

from __future__ import annotations

import json
import os
import sys

from common.config import ConfigError, load_section
from pipeline.sources import SourceConfig, SourceError


def run_dedup_file(path: str, params_file: str | None) -> int:
    from cli.check import LineNumberedJsonl
    from pipeline.dedup.local import dedup_records
    from pipeline.dedup.params import DedupParams

    if path != "-" and not os.path.isfile(path):
        raise ConfigError(f"no such file: {path}")
    params = load_section(DedupParams, params_file, "dedup") if params_file else DedupParams()
    reader = LineNumberedJsonl(
        "dedup", SourceConfig(format="jsonl", path=path, preset="mc4nl", id_field="id")
    )
    try:
        records = list(reader.read(path))
    except SourceError as e:
        raise ConfigError(str(e)) from e
    usable = [{"id": r.id, "text": r.text} for r in records if r.error is None]
    verdicts = iter(dedup_records(usable, params) if usable else [])
    out = sys.stdout
    for record in records:
        if record.error is not None:
            v = {"id": record.id, "kept": False, "duplicate_of": None, "similarity": None,
                 "kind": "malformed", "error": record.error}  # fmt: skip
        else:
            v = next(verdicts)
            v = {k: v[k] for k in ("id", "kept", "duplicate_of", "similarity", "kind")}
        out.write(json.dumps(v, ensure_ascii=False) + "\n")
    out.flush()
    return 0
