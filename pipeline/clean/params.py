"""The `clean` section of params.yaml: what the cleaning job writes, for every source.

How a job runs (the runner, its workers, its cluster) is the `beam` section's
(`pipeline.beam.runner.BeamConfig`); a key of that section written under `clean:`, where it was
before, fails with a message that says where it went.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

from common.config import build, section
from pipeline.beam.runner import BeamConfig


@dataclass(frozen=True)
class CleanParams:
    num_shards: int = 1  # Parquet shards per output (0: one per input file)
    max_raw_chars: int = 2000  # raw content kept for a malformed record
    # Records per Arrow table between reading, filtering and writing: how rows are grouped
    # inside the Parquet files, not which rows (so not a stage parameter).
    batch_size: int = 1000

    MOVED: ClassVar[dict[str, str]] = {
        f.name: f"beam.{f.name}" for f in dataclasses.fields(BeamConfig)
    }


def clean_params(params: dict[str, Any], where: str) -> CleanParams:
    """The `clean` section of a parameter mapping (its defaults where there is none)."""
    settings = section(params, "clean", where) if "clean" in params else {}
    return build(CleanParams, settings, f"{where}: clean")
