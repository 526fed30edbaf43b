"""`schoon dedup`: which records of a JSON-lines file are copies of an earlier one.

The same `DedupTransform` as the `dedup` stage, run in process on one file: the first
occurrence in the input is kept, and every later copy points at it. A copy names the `id` of
the record it copies; where records share an id, one line on stderr says so (the verdicts are
still one per record, in input order, but such a `duplicate_of` names the first record that
has the id).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

from common.config import ConfigError, load_section
from pipeline.sources import SourceConfig, SourceError


def repeated_ids(ids: list) -> str:
    """One line naming the ids used by more than one record, or "" when none is."""
    counts = Counter(ids)
    repeated = [(i, n) for i, n in counts.items() if n > 1]
    if not repeated:
        return ""
    shown = ", ".join(f"{json.dumps(i, ensure_ascii=False)} {n} times" for i, n in repeated[:3])
    more = f" and {len(repeated) - 3} more" if len(repeated) > 3 else ""
    return (
        f"dedup: {len(repeated)} id{'s are' if len(repeated) > 1 else ' is'} used by more than "
        f"one record ({shown}{more}); a duplicate_of names the first record with the id"
    )


def run_dedup_file(path: str, params_file: str | None) -> int:
    from cli.check import LineNumberedJsonl
    from pipeline.beam.runner import quiet_beam

    quiet_beam()
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
    if warning := repeated_ids([r.id for r in records]):
        print(warning, file=sys.stderr)
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
