"""The cleaning's entry point: check one source's parameters, then run the Beam job.

`schoon clean` and the `clean@NAME` stage both call `clean_source`. Beam is imported only
once the parameters and the input files have been checked, so a typo fails in a fraction of
a second.
"""

from __future__ import annotations

import glob
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from common.config import ConfigError, build, load_yaml
from common.interrupt import describe_progress
from filters.presets import UnknownPresetError
from pipeline.clean.chains import resolve
from pipeline.clean.work import COUNTS_FILE, clear_work, default_work
from pipeline.sources import SourceConfig, reader_for

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


def load_sources(
    params: dict[str, Any], where: str = "params.yaml", check_files: Sequence[str] = ()
) -> dict[str, SourceConfig]:
    """All sources of a params mapping, checked: format, preset, overrides and, for the
    sources named in `check_files`, that their input files exist."""
    raw = params.get("sources")
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(f"{where}: 'sources' must map source names to their settings")
    sources = {}
    for name, entry in raw.items():
        config = build(SourceConfig, entry, f"{where}: sources.{name}")
        reader = reader_for(name, config)  # checks format and options
        try:
            resolve(config.preset, config.filters, where=f"{where}: sources.{name}.filters")
        except UnknownPresetError as e:
            raise ConfigError(f"{where}: sources.{name}: {e}") from e
        if name in check_files:
            reader.files()
        sources[name] = config
    return sources


def clean_source(
    name: str,
    params_file: str = "params.yaml",
    kept: str | None = None,
    rejected: str | None = None,
    stats: str | None = None,
    runner: str | None = None,
    work: str | None = None,
    verbose: bool | None = None,
    progress: bool = True,
    fresh: bool = False,
) -> dict:
    """Clean source `name` of `params_file`; outputs default to the paths dvc.yaml uses.

    `runner` and `verbose` override the `beam` section. Each input file's result is kept in
    `work` between runs (resume, incremental; `default_work` when None); `fresh` removes those
    results first."""
    params = load_yaml(params_file)
    sources = load_sources(params, where=params_file, check_files=[name])
    if name not in sources:
        raise ConfigError(
            f"{params_file}: no source '{name}' (sources: {', '.join(sorted(sources))})"
        )
    from pipeline.beam.runner import beam_config, quiet_beam
    from pipeline.clean.params import clean_params

    clean = clean_params(params, params_file)
    how = beam_config(params, params_file, runner=runner, verbose=verbose)
    quiet_beam(how.verbose)  # before Beam is imported: its import warns on the root logger
    from pipeline.clean.job import Outputs, run_clean  # Beam: only once the input is known

    outputs = Outputs(
        kept or f"data/clean/{name}",
        rejected or f"data/rejected/{name}",
        stats or f"stats/clean/{name}.json",
    )
    work = work or default_work(name, kept)
    if fresh:
        clear_work(work, how)
    log.info("source %s: work directory %s", name, work)
    files = len(reader_for(name, sources[name]).files())
    describe_progress(lambda: stop_note(work, files))
    stats = run_clean(name, sources[name], how, outputs, work=work, progress=progress, clean=clean)
    if note := damage_note(name, stats.get("damaged", [])):
        print(note, file=sys.stderr)
    return stats


def stop_note(work: str, files: int) -> str:
    """What a stopped run leaves: the files whose results are in `work`, and what to do."""
    if "://" in work:
        done = "the files done so far are kept in " + work
    else:
        committed = len(glob.glob(os.path.join(glob.escape(work), "*", COUNTS_FILE)))
        done = f"{committed} of {files} files cleaned, kept in {work}"
    return f"{done}; run it again to resume (outputs are written only by a run that finishes)"


def damage_note(name: str, damaged: list[str]) -> str:
    """The one line that says which files were damaged partway, or "" when none was."""
    if not damaged:
        return ""
    files = "; ".join(damaged[:3]) + (f"; and {len(damaged) - 3} more" if len(damaged) > 3 else "")
    count = f"{len(damaged)} file{'s' if len(damaged) > 1 else ''}"
    return (
        f"clean: source '{name}': {count} damaged partway, the records before the damage kept "
        f"and the rest counted as malformed: {files}"
    )
