"""How a Beam job runs: the `clean` section of params.yaml, shared by every pipeline stage."""

from __future__ import annotations

from dataclasses import dataclass, field

from apache_beam.options.pipeline_options import PipelineOptions


@dataclass(frozen=True)
class CleanConfig:
    """The `clean` section of params.yaml: how the pipeline runs, for every source."""

    runner: str = "DirectRunner"
    direct_running_mode: str = "in_memory"  # in_memory | multi_threading | multi_processing
    direct_num_workers: int = 1  # 0: one per core
    pipeline_options: list[str] = field(default_factory=list)  # extra Beam flags
    num_shards: int = 1  # Parquet shards per output (0: one per bundle)
    max_raw_chars: int = 2000  # raw content kept for a malformed record
    reshuffle: bool = True  # spread the records of one large file over workers
    batch_size: int = 1000  # records per element between read, filter and write

    def __post_init__(self):
        modes = ("in_memory", "multi_threading", "multi_processing")
        if self.direct_running_mode not in modes:
            raise ValueError(
                f"direct_running_mode '{self.direct_running_mode}' is not one of {', '.join(modes)}"
            )

    def pipeline_options_for(self) -> PipelineOptions:
        return PipelineOptions(
            flags=list(self.pipeline_options),
            runner=self.runner,
            direct_running_mode=self.direct_running_mode,
            direct_num_workers=self.direct_num_workers,
        )
