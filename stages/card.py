"""The corpus stage's dataset card: the inputs of `reporting.dataset_card` gathered from the
run's settings and metrics (a helper of `stages/corpus.py`, not a stage of its own: DVC lets
one stage own `data/corpus`)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any


def write_card(params: dict[str, Any], where: str, corpus_params, dedup_params,
               corpus_stats: dict[str, Any], clean_metrics: Path, dedup_metrics: Path,
               out: Path) -> None:  # fmt: skip
    from common.config import build, section
    from pipeline.clean.chains import resolve
    from pipeline.sources import SourceConfig
    from reporting.dataset_card import CardInputs, Source, render

    sources, clean = [], {}
    for name, entry in section(params, "sources", where).items():
        config = build(SourceConfig, entry, f"{where}: sources.{name}")
        steps = resolve(config.preset, config.filters, f"{where}: sources.{name}.filters")
        rules = [(cls.name, dataclasses.asdict(p)) for cls, p in steps]
        sources.append(Source(name, config.format, config.path, config.role, config.license,
                              config.preset, rules))  # fmt: skip
        path = clean_metrics / f"{name}.json"
        if path.is_file():
            clean[name] = json.loads(path.read_text(encoding="utf-8"))
    inputs = CardInputs(
        sources=sources,
        clean=clean,
        dedup=json.loads(dedup_metrics.read_text(encoding="utf-8")),
        dedup_params=dataclasses.asdict(dedup_params),
        corpus=corpus_stats,
        corpus_params=dataclasses.asdict(corpus_params),
        meta_fields=meta_fields(out.parent),
    )
    out.write_text(render(inputs), encoding="utf-8")


def meta_fields(corpus_dir: Path) -> dict[str, list[str]]:
    """source -> the fields its documents carry in `meta` (the provenance: url, timestamp ...)."""
    import pyarrow.parquet as pq

    fields: dict[str, set[str]] = {}
    for path in sorted(corpus_dir.glob("*/*.parquet")):
        table = pq.read_table(path, columns=["source", "meta"])
        for source, meta in zip(
            table["source"].to_pylist(), table["meta"].to_pylist(), strict=True
        ):
            fields.setdefault(source, set()).update(json.loads(meta or "{}"))
    return {source: sorted(names) for source, names in sorted(fields.items())}
