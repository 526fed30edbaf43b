"""What every reader shares: a source's settings, the record, the registry, and the base
`Reader` (finding the input files, opening them compressed or not, ids, damage, malformed
records). One module beside this one per format.
"""

from __future__ import annotations

import bz2
import glob
import gzip
import json
import lzma
import os
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, ClassVar, Literal

from common.config import ConfigError, InputError, build

# How the error of the record standing for the unreadable rest of a damaged file begins.
DAMAGED = "damaged file"


class DamagedBytes(Exception):
    """A reader's word for bytes it cannot decode partway: a damaged page of a Parquet file."""


# What decompressing or decoding damaged bytes raises. Any other error reading a file (a
# missing file, a network error on an object store) fails the source instead: its records were
# not lost, and a run again reads them.
DAMAGE = (EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile, DamagedBytes)


class SourceError(InputError, RuntimeError):
    """A source file that cannot be read at all; the message names the file."""


@dataclass(frozen=True)
class SourceConfig:
    """One entry under `sources:` in params.yaml."""

    format: str  # a registered reader: jsonl, csv, text, parquet, hf
    path: str  # a file, a directory, or (format hf) a saved dataset or a hub id
    preset: str  # filter preset: mc4nl, c4nlpreproc, lyrics
    pattern: str = "*"  # file-name pattern inside a directory
    text_field: str = "text"
    id_field: str = ""  # a field holding the record's own id; default: file and record number
    role: Literal["pretrain", "finetune", "none"] = "pretrain"  # what training uses it for
    filters: dict[str, dict[str, Any] | None] = field(default_factory=dict)  # per-filter overrides
    options: dict[str, Any] = field(default_factory=dict)  # reader options, see each reader
    license: str = "unknown"  # the text's licence, for the dataset card (a Hub id: cc-by-4.0 ...)

    def __post_init__(self):
        # The path is also the `clean@NAME` stage's DVC dependency, and DVC takes no globs.
        if "://" not in self.path and any(c in self.path for c in "*?["):
            directory, _, pattern = self.path.rpartition("/")
            raise ValueError(
                f"path '{self.path}' is a glob, which DVC cannot track as the stage's "
                f"dependency: write the directory and the pattern apart, "
                f"path: {directory or '.'} and pattern: '{pattern}'"
            )


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str | None
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # set for a malformed record
    raw: str | None = None  # the raw content of a malformed record (truncated)


READERS: dict[str, type[Reader]] = {}


def register_reader(name: str):
    """Class decorator: make a reader available as `format: name`."""

    def register(cls: type[Reader]) -> type[Reader]:
        cls.format = name
        READERS[name] = cls
        return cls

    return register


def reader_for(name: str, config: SourceConfig) -> Reader:
    if config.format not in READERS:
        raise ConfigError(
            f"source '{name}': unknown format '{config.format}' "
            f"(known formats: {', '.join(sorted(READERS))})"
        )
    return READERS[config.format](name, config)


def _truncate(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit] + f"… [{len(value)} chars]"


class Reader:
    """Reads the files of one source into records."""

    format: ClassVar[str]
    Options: ClassVar[type] = None  # a dataclass of reader options, or None for none
    max_raw_chars: int = 2000

    def __init__(self, name: str, config: SourceConfig):
        self.name = name
        self.config = config
        self._id_prefixes: dict[str, str] = {}  # path -> "source/file/", worked out once
        where = f"sources.{name}.options"
        if self.Options is None:
            if config.options:
                raise ConfigError(f"{where}: format '{config.format}' takes no options")
            self.options = None
        else:
            self.options = build(self.Options, config.options, where)

    # -- which files ------------------------------------------------------------------------
    def files(self) -> list[str]:
        """The input files, sorted; fails with the parameter to set when there are none.

        Local paths are listed with `glob` (no Beam import: `schoon check` stays fast);
        remote ones (gs://, s3://, hdfs://) through Beam's filesystems.
        """
        path = self.config.path
        in_directory = "://" not in path and os.path.isdir(path)
        if "://" in path:
            from apache_beam.io.filesystems import FileSystems

            try:
                (result,) = FileSystems.match([path])
                found = [m.path for m in result.metadata_list]
            except Exception:  # Beam raises BeamIOError for a pattern with no match
                found = []
        elif in_directory:
            found = [
                p
                for p in glob.glob(os.path.join(path, "**", self.config.pattern), recursive=True)
                if os.path.isfile(p)
            ]
        else:
            found = [p for p in glob.glob(path) if os.path.isfile(p)]
        if not found:
            raise ConfigError(
                f"source '{self.name}': no file matches {path}"
                + (f" (pattern {self.config.pattern})" if in_directory else "")
                + f" (set sources.{self.name}.path in params.yaml)"
            )
        return sorted(found)

    def file_id(self, path: str) -> str:
        """The file's part of a record id: its path relative to the source's directory."""
        base = self.config.path
        if os.path.isdir(base):
            return os.path.relpath(path, base)
        return os.path.basename(path)

    def record_id(self, path: str, number: int | str) -> str:
        prefix = self._id_prefixes.get(path)
        if prefix is None:  # once per file: `file_id` stats the source path
            prefix = self._id_prefixes[path] = f"{self.name}/{self.file_id(path)}/"
        return f"{prefix}{number}"

    # -- reading ----------------------------------------------------------------------------
    def open(self, path: str) -> IO[bytes]:
        """Open a file through Beam's filesystems (local, gs://, s3://, hdfs://), decompressing
        `.gz`, `.bz2` and `.xz` with Python's own (C-backed) modules."""
        if path == "-":  # standard input (`schoon check`)
            raw = sys.stdin.buffer
        elif "://" in path:
            from apache_beam.io.filesystem import CompressionTypes
            from apache_beam.io.filesystems import FileSystems

            raw = FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED)
        else:  # local: Python's own buffered file, no Beam import
            raw = open(path, "rb")  # noqa: SIM115 (closed by the caller's `with`)
        if path.endswith(".gz"):
            return gzip.GzipFile(fileobj=raw, mode="rb")
        if path.endswith(".bz2"):
            return bz2.BZ2File(raw, mode="rb")
        if path.endswith(".xz"):
            return lzma.LZMAFile(raw, mode="rb")
        return raw

    def read(self, path: str) -> Iterator[Record]:
        """Records of one file. Where decompression fails partway (a truncated or corrupt
        file), the records before the damage stand and the rest is one malformed record; a
        file that cannot be opened raises a SourceError naming it."""
        before = 0
        try:
            for record in self.records(path):
                yield record
                before += 1
        except DAMAGE as e:
            yield self.damaged(path, before, e)
        except OSError as e:
            if "Invalid data stream" not in str(e):  # bz2's word for damage
                raise SourceError(f"source '{self.name}': cannot read {path}: {e}") from e
            yield self.damaged(path, before, e)

    def damaged(self, path: str, before: int, error: Exception) -> Record:
        """The malformed record that stands for the unreadable rest of a damaged file."""
        message = (
            f"{DAMAGED}: {error} (after its first {before} records, which are kept; "
            "re-download the file for the rest)"
        )
        return Record(self.record_id(path, "damaged"), None, {}, message, "")

    def records(self, path: str) -> Iterator[Record]:
        raise NotImplementedError

    def make(self, path: str, number: int, fields: dict[str, Any]) -> Record:
        """A record from a mapping of fields: the text field checked, the rest kept as meta."""
        text = fields.get(self.config.text_field)
        own_id = fields.get(self.config.id_field) if self.config.id_field else None
        rid = str(own_id) if own_id not in (None, "") else self.record_id(path, number)
        meta = {k: v for k, v in fields.items() if k != self.config.text_field}
        if not isinstance(text, str):
            field = f"field '{self.config.text_field}'"
            if self.config.text_field not in fields:
                present = ", ".join(sorted(fields)) or "no fields"
                error = f"{field} is missing (the record has: {present})"
            else:
                kind = type(text).__name__
                what = "null" if text is None else f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
                error = f"{field} is {what}, not a string"
            return self.malformed(
                path,
                number,
                error,
                json.dumps(fields, ensure_ascii=False, default=str),
                rid,  # it parsed: it keeps its own id
            )
        return Record(rid, text, meta)

    def malformed(
        self, path: str, number: int, error: str, raw: str | bytes, rid: str | None = None
    ) -> Record:
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", errors="replace")
        rid = self.record_id(path, number) if rid is None else rid
        return Record(rid, None, {}, error, _truncate(raw, self.max_raw_chars))


def undecodable(source: str, encoding: str) -> str:
    """The error of a record whose bytes are not in the source's encoding, with the fix."""
    return (
        f"undecodable bytes (not {encoding}; set sources.{source}.options: "
        "{encoding: ...}, e.g. latin-1 or cp1252)"
    )


def has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def source_roles(sources: dict[str, Any], where: str = "params.yaml") -> dict[str, str]:
    """Each source's role, checked with the pipeline's own `SourceConfig`."""
    if not isinstance(sources, dict) or not sources:
        raise ConfigError(f"{where}: 'sources' must map source names to their settings")
    return {
        name: build(SourceConfig, entry, f"{where}: sources.{name}").role
        for name, entry in sources.items()
    }
