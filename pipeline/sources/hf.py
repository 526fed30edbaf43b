"""Hugging Face datasets: a `save_to_disk` directory, or a hub id when online."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.sources.base import Reader, Record, SourceError, register_reader


@dataclass(frozen=True)
class HfOptions:
    split: str = "train"
    config_name: str = ""  # a hub dataset's configuration (e.g. "nl" for mC4)


@register_reader("hf")
class HfReader(Reader):
    """A Hugging Face dataset: a directory written by `save_to_disk`, or a hub id when online."""

    Options = HfOptions

    def files(self) -> list[str]:
        return [self.config.path]

    def file_id(self, path: str) -> str:
        return self.options.split

    def records(self, path: str) -> Iterator[Record]:
        import datasets

        if Path(path).is_dir():
            ds = datasets.load_from_disk(path)
            if isinstance(ds, datasets.DatasetDict):
                ds = ds[self.options.split]
        else:
            try:
                ds = datasets.load_dataset(
                    path,
                    self.options.config_name or None,
                    split=self.options.split,
                    streaming=True,
                )
            except Exception as e:  # offline, unknown id, no such split
                raise SourceError(
                    f"source '{self.name}': cannot load dataset '{path}': {e} "
                    "(offline? save it with `datasets.load_dataset(...).save_to_disk(DIR)` "
                    f"and set sources.{self.name}.path to DIR)"
                ) from e
        for number, row in enumerate(ds, start=1):
            yield self.make(path, number, dict(row))
