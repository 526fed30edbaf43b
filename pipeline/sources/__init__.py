"""Text sources: where documents come from, one reader class per format.

A source is an entry under `sources:` in `params.yaml`. Its reader turns one input file into
`Record`s; a record that cannot be read (not JSON, no string text, undecodable bytes) comes out
with `error` set, so the pipeline counts it as `malformed` and keeps it for audit instead of
losing it. A file damaged partway (a truncated or corrupt `.gz`, a Parquet file with a damaged
row group) keeps the records read before the damage, and the rest of it is one malformed record
whose error starts with `DAMAGED` and says where and why. A file that cannot be opened at all
raises `SourceError` naming it.

A new format is a small `Reader` subclass in a module of its own here, registered with
`@register_reader("name")` and imported below.
"""

from pipeline.sources import csv, hf, jsonl, parquet, text  # noqa: F401  (registers the formats)
from pipeline.sources.base import (
    DAMAGED,
    READERS,
    Reader,
    Record,
    SourceConfig,
    SourceError,
    reader_for,
    register_reader,
    source_roles,
)
from pipeline.sources.jsonl import JsonlReader

__all__ = ["DAMAGED", "READERS", "JsonlReader", "Reader", "Record", "SourceConfig",
           "SourceError", "reader_for", "register_reader", "source_roles"]  # fmt: skip
