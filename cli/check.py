"""`schoon check`: what the filters do to each record, as JSON lines, in process, with no runner.

Records are read by the very readers the Beam pipeline uses: `--source NAME` reads with that
source's reader (its format, text field and options; its own files when none are given), so
the ids and verdicts are the pipeline's; `--preset` reads JSON lines (`text`, optional `id`).
Both call the same `FilterChain.apply` as the pipeline.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

from common.config import ConfigError, load_yaml
from filters.chain import FilterChain, Result
from pipeline.clean.chains import build_chain
from pipeline.sources import JsonlReader, Reader, Record, SourceConfig, SourceError, reader_for


class LineNumberedJsonl(JsonlReader):
    """JSON lines for `--preset`: a record without its own `id` is known by its line number."""

    def record_id(self, path: str, number: int) -> int:  # type: ignore[override]
        return number


def readers_for(
    files: list[str], preset: str | None, source: str | None, params: str
) -> tuple[FilterChain, list[tuple[Reader, list[str]]]]:
    """The chain, and for each input a reader with the files it reads."""
    for f in files:
        if f != "-" and "://" not in f and not os.path.isfile(f):
            raise ConfigError(f"no such file: {f}")
    if not source:
        config = SourceConfig(format="jsonl", path="-", preset=preset or "mc4nl", id_field="id")
        chain = build_chain(config.preset)
        return chain, [(LineNumberedJsonl("check", config), list(files or ["-"]))]
    from pipeline.clean.source import load_sources

    sources = load_sources(load_yaml(params), where=params)
    if source not in sources:
        raise ConfigError(f"{params}: no source '{source}' (sources: {', '.join(sorted(sources))})")
    config = sources[source]
    chain = build_chain(config.preset, config.filters, where=f"{params}: sources.{source}.filters")
    if not files:
        reader = reader_for(source, config)
        return chain, [(reader, reader.files())]
    # Each given file read as the source reads its own: same format, fields and options.
    return chain, [(reader_for(source, dataclasses.replace(config, path=f)), [f]) for f in files]


def verdict(record: Record, result: Result) -> dict[str, Any]:
    return {
        "id": record.id,
        "kept": result.kept,
        "reason": result.reason,
        "evidence": result.evidence,
        "text": result.text,
        "removed_lines": [
            {"line": r.line, "reason": r.reason, "evidence": r.evidence, "text": r.text}
            for r in result.removed_lines
        ],
        "modified": [m.as_dict() for m in result.modified],
    }


def verdicts(chain: FilterChain, inputs: list[tuple[Reader, list[str]]]) -> Iterator[dict]:
    """One verdict per record; a record the reader could not use is `malformed`."""
    for reader, paths in inputs:
        for path in paths:
            for record in reader.read(path):
                if record.error is not None:
                    yield {
                        "id": record.id,
                        "kept": False,
                        "reason": "malformed",
                        "error": record.error,
                    }
                else:
                    yield verdict(record, chain.apply(record.text))


def run_check(files: list[str], preset: str | None, source: str | None, params: str) -> int:
    chain, inputs = readers_for(files, preset, source, params)
    out = sys.stdout
    try:
        for v in verdicts(chain, inputs):
            out.write(json.dumps(v, ensure_ascii=False) + "\n")
    except SourceError as e:
        raise ConfigError(str(e)) from e
    out.flush()
    return 0
