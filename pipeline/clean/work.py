"""The cleaning's work directory: each input file's result, committed under a key.

A file's key is a hash of its bytes and of everything that decides its result (the source's
settings, the filters' parameters, the project code that runs them: `CODE`). Its result is the
folder `WORK/KEY/` (kept and rejected Parquet, then the counts file, written last: the commit).
So a run cleans only the files without a committed result: a killed run resumes, a new shard
is cleaned alone, and a change to the settings or the code cleans every file again.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from common.config import ConfigError
from pipeline.clean.chains import resolve

if TYPE_CHECKING:
    from pipeline.beam.runner import BeamConfig
    from pipeline.clean.params import CleanParams
    from pipeline.sources import SourceConfig

COUNTS_FILE = "counts.json"  # written last: a file's result is committed when it exists
# The code that decides a file's result: a change to any of it invalidates the work directory.
# tests/pipeline/clean/test_clean.py checks that it covers the import closure of the modules below.
CODE = ["common", "filters", "pipeline/__init__.py", "pipeline/sources",
        "pipeline/clean/__init__.py", "pipeline/clean/job.py", "pipeline/clean/chains.py",
        "pipeline/clean/stats.py", "pipeline/clean/schema.py",
        "pipeline/clean/params.py"]  # fmt: skip
WORK_PREFIX = ".schoon-work-"  # the work directory beside an explicit kept directory


def fingerprinted_files() -> list[Path]:
    """The files of `CODE`, in a fixed order."""
    root = Path(__file__).resolve().parents[2]
    out = []
    for entry in CODE:
        path = root / entry
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        out += [f for f in files if "__pycache__" not in f.parts and f.suffix != ".pyc"]
    return out


def code_fingerprint() -> str:
    """sha256 of the project code that decides a file's cleaning result."""
    digest = hashlib.sha256()
    for f in fingerprinted_files():
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()


def settings_key(name: str, config: SourceConfig, clean: CleanParams) -> str:
    """What, besides a file's bytes, decides its result."""
    filters = [
        (cls.name, repr(asdict(params))) for cls, params in resolve(config.preset, config.filters)
    ]
    settings = {
        "source": name,
        "config": asdict(config),
        "filters": filters,
        "max_raw_chars": clean.max_raw_chars,
        "code": code_fingerprint(),
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()


def file_key(path: str, settings: str) -> str:
    """The work-directory key of one input file: its content and the settings."""
    from apache_beam.io.filesystems import FileSystems

    digest = hashlib.sha256(settings.encode())
    with FileSystems.open(path, compression_type="uncompressed") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:32]


def committed(work: str, key: str) -> bool:
    from apache_beam.io.filesystems import FileSystems

    return FileSystems.exists(FileSystems.join(work, key, COUNTS_FILE))


def prune(work: str, keep: set[str]) -> None:
    """Remove results of files that are no longer in the source (or of old settings)."""
    if "://" in work or not os.path.isdir(work):
        return
    import shutil

    for entry in os.listdir(work):
        if entry not in keep:
            shutil.rmtree(os.path.join(work, entry), ignore_errors=True)


def default_work(name: str, kept: str | None) -> str:
    """Where each input file's result is kept between runs when no work directory is named.

    `data/cache/clean/NAME`, the `clean@NAME` stage's own, when the outputs are the default
    ones; beside an explicit kept directory otherwise (`out/web` -> `out/.schoon-work-web`), so
    that runs with other outputs, or on another machine's paths, never share it."""
    if kept is None:
        return f"data/cache/clean/{name}"
    scheme, sep, path = kept.rpartition("://")
    head, tail = posixpath.split(path.rstrip("/"))
    if tail in ("", ".", "..") or (sep and not head):
        raise ConfigError(
            f"source '{name}': --kept {kept} names no folder to put the work directory beside "
            "(give a folder inside it, e.g. --kept DIR/kept, or --work DIR)"
        )
    return scheme + sep + posixpath.join(head, WORK_PREFIX + tail)


def clear_work(work: str, beam_config: BeamConfig) -> None:
    """Remove every committed result under `work`, so that a run cleans every file again; on
    an object store through `FileSystems` with the `beam` section's flags (endpoint, keys)."""
    from apache_beam.io.filesystems import FileSystems

    from pipeline.beam.runner import set_filesystem_options

    if "://" not in work:
        prune(work, keep=set())
        return
    set_filesystem_options(beam_config)
    prefix = work.rstrip("/") + "/"
    if FileSystems.match([prefix + "**"])[0].metadata_list:
        FileSystems.delete([prefix])
