"""`schoon check`: what the filters do to each record of a JSON-lines file, as JSON lines.

It calls the same `FilterChain.apply` as the Beam pipeline, in process, with no runner.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from common.config import ConfigError, load_yaml
from filters.chain import FilterChain, Result
from pipeline.chains import build_chain


def chain_for(preset: str | None, source: str | None, params: str) -> FilterChain:
    if source:
        from pipeline.run import load_sources

        sources = load_sources(load_yaml(params), where=params)
        if source not in sources:
            raise ConfigError(
                f"{params}: no source '{source}' (sources: {', '.join(sorted(sources))})"
            )
        config = sources[source]
        return build_chain(
            config.preset, config.filters, where=f"{params}: sources.{source}.filters"
        )
    return build_chain(preset or "mc4nl")


def open_input(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    try:
        if path.endswith(".gz"):
            return gzip.open(path, "rb")
        return open(path, "rb")
    except FileNotFoundError as e:
        raise ConfigError(f"no such file: {path}") from e


def verdict(record_id: Any, result: Result) -> dict[str, Any]:
    return {
        "id": record_id,
        "kept": result.kept,
        "reason": result.reason,
        "evidence": result.evidence,
        "text": result.text,
        "removed_lines": [
            {"line": r.line, "reason": r.reason, "evidence": r.evidence, "text": r.text}
            for r in result.removed_lines
        ],
    }


def malformed(number: int, error: str) -> dict[str, Any]:
    return {"id": number, "kept": False, "reason": "malformed", "error": error}


def verdicts(stream: IO[bytes], chain: FilterChain) -> Iterator[dict[str, Any]]:
    """One verdict per non-blank input line; a bad line becomes a `malformed` verdict."""
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as e:
            yield malformed(number, f"undecodable bytes: {e}")
            continue
        except json.JSONDecodeError as e:
            yield malformed(number, f"not JSON: {e}")
            continue
        if not isinstance(record, dict):
            yield malformed(number, f"not a JSON object but {type(record).__name__}")
            continue
        text = record.get("text")
        if not isinstance(text, str):
            got = "missing" if text is None else f"a {type(text).__name__}"
            yield malformed(number, f"field 'text' is {got}, not a string")
            continue
        yield verdict(record.get("id", number), chain.apply(text))


def run_check(path: str, preset: str | None, source: str | None, params: str) -> int:
    chain = chain_for(preset, source, params)
    stream = open_input(path)
    out = sys.stdout
    try:
        for v in verdicts(stream, chain):
            out.write(json.dumps(v, ensure_ascii=False) + "\n")
    except (EOFError, OSError) as e:
        raise ConfigError(f"cannot read {path}: {e} (a truncated or corrupt .gz?)") from e
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    out.flush()
    return 0
