"""The cleaning pipeline in Apache Beam: read a source, filter it, write kept, rejected, stats.

Work is done and committed per input file. Each file's result (kept and rejected Parquet and
its counts) is written to a work directory under a key made of the file's content and
everything that decides its result (the source's settings, the filters' parameters, the code),
its counts file last, as the commit. A run cleans only the files without a committed result,
then assembles every file's result, in file order, into the outputs and sums the counts into
the statistics. So a run killed midway and run again cleans only what is missing, a new shard
cleans only that shard, and either way the outputs are those of an uninterrupted run.

The job is runner-neutral: one stream of elements, no tagged outputs (Beam 2.70's DaskRunner
delivers every output of a ParDo to each of its tagged outputs, docs/runners.md), nothing
emitted from `finish_bundle` (the DaskRunner drops it), a single final step that everything
leads to (it computes only the last one), and every path through Beam's `FileSystems`, so
outputs may be on gs:// or s3://. DoFns hold only parameters and build their filter chain in
`setup()`.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import apache_beam as beam
import pyarrow as pa
from apache_beam.io.filesystems import FileSystems

from common.config import ConfigError
from filters.base import reasons_of
from filters.chain import Result
from pipeline.beam.parquet import merge_into_shards, staged_outputs, write_table
from pipeline.beam.runner import BeamConfig, beam_pipeline, set_filesystem_options
from pipeline.clean.chains import build_chain, resolve
from pipeline.clean.params import CleanParams
from pipeline.clean.schema import KEPT_SCHEMA, REJECTED_SCHEMA
from pipeline.clean.stats import MALFORMED, TALLY_KEYS, add_tally, finalize
from pipeline.clean.work import COUNTS_FILE, committed, file_key, prune, settings_key
from pipeline.sources import DAMAGED, Record, SourceConfig, reader_for

log = logging.getLogger(__name__)

# -- one batch of records ---------------------------------------------------------------------


def modified_json(result: Result) -> str:
    if not result.modified:
        return "[]"
    return json.dumps([m.as_dict() for m in result.modified], ensure_ascii=False)


def removed_lines_json(result: Result) -> str:
    return json.dumps(
        [
            {"line": r.line, "reason": r.reason, "evidence": r.evidence, "text": r.text}
            for r in result.removed_lines
        ],
        ensure_ascii=False,
    )


def filter_batch(
    batch: list[Record], apply, source: str, counts: Counter
) -> tuple[pa.Table, pa.Table]:
    """Kept and rejected rows of a batch as Arrow tables; its counts added to `counts`."""
    kept = {name: [] for name in KEPT_SCHEMA.names}
    rejected = {name: [] for name in REJECTED_SCHEMA.names}
    for record in batch:
        if record.error is not None:
            add_tally(counts, None, len(record.raw or ""), error=True)
            if record.error.startswith(DAMAGED):
                counts["files_damaged"] += 1
            _append(rejected, record.id, source, MALFORMED, None, record.error, record.raw)
            rejected["meta"].append("{}")
            rejected["removed_lines"].append("[]")
            rejected["modified"].append("[]")
            continue
        result = apply(record.text)
        add_tally(counts, result, len(record.text))
        meta = json.dumps(record.meta, ensure_ascii=False, default=str)
        if result.kept:
            kept["id"].append(record.id)
            kept["source"].append(source)
            kept["text"].append(result.text)
            kept["meta"].append(meta)
            kept["removed_lines"].append(removed_lines_json(result))
            kept["modified"].append(modified_json(result))
        else:
            _append(rejected, record.id, source, result.reason, result.evidence, None, record.text)
            rejected["meta"].append(meta)
            rejected["removed_lines"].append(removed_lines_json(result))
            rejected["modified"].append(modified_json(result))
    return (
        pa.Table.from_pydict(kept, schema=KEPT_SCHEMA),
        pa.Table.from_pydict(rejected, schema=REJECTED_SCHEMA),
    )


def _append(rows: dict[str, list], rid, source, reason, evidence, error, text) -> None:
    rows["id"].append(rid)
    rows["source"].append(source)
    rows["reason"].append(reason)
    rows["evidence"].append(evidence)
    rows["error"].append(error)
    rows["text"].append(text)


def batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- the job: one committed result per input file, then the outputs ---------------------------


@dataclass(frozen=True)
class Outputs:
    kept: str  # directory of kept Parquet shards
    rejected: str  # directory of rejected Parquet shards
    stats: str  # statistics JSON file, its keys fixed by the chain
    tallies: str = ""  # evidence tallies JSON (bad_word_terms); "": tallies_path()

    def tallies_path(self) -> str:
        """Where the evidence tallies go: `tallies`, or a `tallies/` folder beside the
        statistics (stats/clean/web.json -> stats/clean/tallies/web.json). Apart from the
        statistics, because their keys are the data's (one per bad word found)."""
        if self.tallies:
            return self.tallies
        head, tail = posixpath.split(self.stats)
        return posixpath.join(head, "tallies", tail)


class CleanFileFn(beam.DoFn):
    """Cleans one input file into its committed result under `work/KEY/`: kept.parquet,
    rejected.parquet, then counts.json. Progress (documents done) goes to `work/progress/KEY`
    when the work directory is local, for `Progress` to read."""

    def __init__(self, name: str, config: SourceConfig, clean: CleanParams, work: str):
        self.name, self.config, self.clean, self.work = name, config, clean, work

    def setup(self):
        self.chain = build_chain(self.config.preset, self.config.filters)
        self.reader = reader_for(self.name, self.config)
        self.reader.max_raw_chars = self.clean.max_raw_chars
        self.docs = beam.metrics.Metrics.counter("schoon", f"{self.name}.docs_in")

    def process(self, item: tuple[str, str]):
        path, key = item
        out = FileSystems.join(self.work, key)
        counts: Counter = Counter()
        rejected_parts: list[pa.Table] = []
        progress = _local(FileSystems.join(self.work, "progress", key))

        def kept_tables():
            for batch in batches(self.reader.read(path), self.clean.batch_size):
                kept, rejected = filter_batch(batch, self.chain.apply, self.name, counts)
                rejected_parts.append(rejected)  # small: dropped documents of one batch each
                self.docs.inc(len(batch))
                if progress:
                    Path(progress).write_text(str(counts["docs_in"]))
                yield kept

        write_table(FileSystems.join(out, "kept.parquet"), kept_tables(), KEPT_SCHEMA)
        write_table(FileSystems.join(out, "rejected.parquet"), rejected_parts, REJECTED_SCHEMA)
        with FileSystems.create(FileSystems.join(out, COUNTS_FILE)) as f:  # the commit
            f.write(json.dumps(counts).encode())
        yield path


def _local(path: str) -> str | None:
    """`path` when it is on this machine (its directory created), else None."""
    if "://" in path:
        return None
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


class AssembleFn(beam.DoFn):
    """After every file is committed: the outputs from every file's result, in file order, and
    the statistics from the sum of their counts. Yields the output paths."""

    def __init__(self, plan: list[tuple[str, str]], work: str, outputs: Outputs, num_shards: int,
                 reasons: tuple[str, ...], modifiers: tuple[str, ...]):  # fmt: skip
        self.plan, self.work, self.outputs, self.num_shards = plan, work, outputs, num_shards
        self.reasons, self.modifiers = reasons, modifiers

    def process(self, cleaned: list[str]):
        keys = [key for _, key in self.plan]
        counts: Counter = Counter()
        for key in keys:
            with FileSystems.open(FileSystems.join(self.work, key, COUNTS_FILE)) as f:
                counts.update(json.loads(f.read()))
        for directory, part, schema in (
            (self.outputs.kept, "kept.parquet", KEPT_SCHEMA),
            (self.outputs.rejected, "rejected.parquet", REJECTED_SCHEMA),
        ):
            parts = [FileSystems.join(self.work, key, part) for key in keys]
            yield from merge_into_shards(parts, directory, schema, self.num_shards)
        stats = finalize(counts, self.reasons, self.modifiers)
        tallies = {key: stats.pop(key) for key in TALLY_KEYS if key in stats}
        for path, data in ((self.outputs.stats, stats), (self.outputs.tallies, tallies)):
            with FileSystems.create(path) as f:
                f.write(json.dumps(data, indent=2, ensure_ascii=False).encode() + b"\n")
            yield path


def build_pipeline(
    p: beam.Pipeline,
    name: str,
    config: SourceConfig,
    clean: CleanParams,
    outputs: Outputs,
    plan: list[tuple[str, str]],
    todo: list[tuple[str, str]],
    work: str,
) -> None:
    """Add one source's job to pipeline `p`: clean the files in `todo`, assemble all of `plan`."""
    classes = [cls for cls, _ in resolve(config.preset, config.filters)]
    assemble = AssembleFn(plan, work, outputs, clean.num_shards, reasons_of(classes),
                          tuple(cls.name for cls in classes if cls.modifies))  # fmt: skip
    (
        p
        | f"Files[{name}]" >> beam.Create(todo)
        | f"Spread[{name}]" >> beam.Reshuffle()
        | f"CleanFiles[{name}]" >> beam.ParDo(CleanFileFn(name, config, clean, work))
        | f"AllCleaned[{name}]" >> beam.combiners.ToList()
        | f"Assemble[{name}]" >> beam.ParDo(assemble)
    )


def run_clean(
    name: str,
    config: SourceConfig,
    beam_config: BeamConfig,
    outputs: Outputs,
    work: str | None = None,
    progress: bool = False,
    clean: CleanParams | None = None,
) -> dict[str, Any]:
    """Clean one source and return its statistics: those of `outputs.stats`, the evidence
    tallies of `outputs.tallies_path()`, and `damaged`, the files damaged partway (one
    `FILE (ERROR)` each).

    `work` keeps each input file's committed result between runs (resume, incremental); without
    it a temporary one beside the outputs is used and removed. Everything is written to staging
    paths first and moved into place only when the whole job succeeded, so a failed run never
    leaves output that looks complete. `beam_config` is how the job runs, `clean` what it
    writes.
    """
    clean = clean or CleanParams()
    set_filesystem_options(beam_config)
    reader = reader_for(name, config)
    settings = settings_key(name, config, clean)
    plan = [(path, file_key(path, settings)) for path in reader.files()]
    # The statistics last: the staging folder is made beside them.
    finals = (outputs.kept, outputs.rejected, outputs.tallies_path(), outputs.stats)
    with staged_outputs(finals, name) as (staging, staged):
        staged = Outputs(kept=staged[0], rejected=staged[1], tallies=staged[2], stats=staged[3])
        work = work or FileSystems.join(staging, "work")
        todo = [(path, key) for path, key in plan if not committed(work, key)]
        if plan and not todo:
            # Every runner makes the same result, so the work directory is not the runner's.
            log.info(
                "source %s: all %d files already cleaned (work directory %s); --fresh, or "
                "removing that directory, cleans them again",
                name, len(plan), work,
            )  # fmt: skip
        else:
            log.info("source %s: %d files, %d to clean", name, len(plan), len(todo))
        from pipeline.clean.progress import Progress

        with Progress(name, todo, work, enabled=progress), beam_pipeline(beam_config) as p:
            build_pipeline(p, name, config, clean, staged, plan, todo, work)
        with FileSystems.open(staged.stats) as f:
            stats = json.loads(f.read())
        with FileSystems.open(staged.tallies) as f:
            stats |= json.loads(f.read())  # the caller gets both
        errors = malformed_errors(staged.rejected) if stats["docs_dropped"][MALFORMED] else []
        if errors and len(errors) == stats["docs_in"]:
            raise ConfigError(all_malformed(name, config, errors))  # before any output moves
        stats["damaged"] = damaged_files(errors)
    prune(work, {key for _, key in plan})
    log.info("source %s: %d in, %d kept", name, stats["docs_in"], stats["docs_out"])
    return stats


def malformed_errors(rejected: str) -> list[tuple[str, str]]:
    """(id, error) of every malformed record in a rejected output directory."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    out = []
    for found in FileSystems.match([FileSystems.join(rejected, "*.parquet")])[0].metadata_list:
        with FileSystems.open(found.path) as f:
            table = pq.read_table(f, columns=["id", "reason", "error"])
        table = table.filter(pc.equal(table["reason"], MALFORMED))
        out += zip(table["id"].to_pylist(), table["error"].to_pylist(), strict=True)
    return out


def damaged_files(errors: list[tuple[str, str]]) -> list[str]:
    """`FILE (ERROR)` for each file damaged partway, from the malformed records' errors."""
    return [
        f"{rid.removesuffix('/damaged')} ({error.removeprefix(DAMAGED + ': ')})"
        for rid, error in errors
        if error.startswith(DAMAGED)
    ]


def all_malformed(name: str, config: SourceConfig, errors: list[tuple[str, str]]) -> str:
    """One line for a source none of whose records could be read: the commonest cause, an
    example, and the setting that usually fixes it."""
    causes = Counter(re.split(r"[:(]", error, maxsplit=1)[0].strip() for _, error in errors)
    cause, n = causes.most_common(1)[0]
    example = next(error for _, error in errors if error.startswith(cause))
    if cause.startswith("field ") and cause.endswith("is missing"):
        fix = f"set sources.{name}.text_field to the field that holds the text"
    elif "fields where the header has" in cause:
        fix = f"set sources.{name}.options: {{delimiter: ...}}"
    elif cause == "not JSON":
        fix = f"is sources.{name}.format ({config.format}) the files' format?"
    elif cause == "undecodable bytes" and "options: {encoding" in example:
        fix = "the fix is in the error"
    elif cause == "undecodable bytes":
        fix = "JSON lines are read as UTF-8: convert the files (e.g. iconv -f latin1 -t utf-8)"
    else:
        fix = f"see data/rejected/{name} (`schoon audit --source {name} --reason malformed`)"
    share = "all of them" if n == len(errors) else f"{n} of them"
    return (
        f"source '{name}': all {len(errors)} records are malformed, {share} for one cause: "
        f"{example}; {fix}"
    )
