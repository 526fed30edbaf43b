"""`schoon audit`: look at what a filter removed, and at what another setting would change.

`--reason` samples the rejected documents of a source (or, for a line reason, documents that
lost lines to it) and shows the evidence highlighted: the matched bad word or phrase, the
removed lines with their reasons, the language detector's verdict. `--diff` runs the source's
input through its current filters and through another setting, and lists the documents whose
verdict changes.
"""

from __future__ import annotations

import difflib
import json
import random
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from common.config import ConfigError, load_yaml
from filters.presets import EVIDENCE_IN_TEXT, LINE_REASONS, MODIFIERS, REFUSALS
from pipeline.clean.chains import build_chain
from pipeline.dedup.rules import KINDS as DEDUP_KINDS  # the `kind`s of the dedup output

RED, BOLD, DIM, RESET = "\033[31m", "\033[1m", "\033[2m", "\033[0m"


class Style:
    """Terminal highlighting, or plain markers when the output is not a terminal."""

    def __init__(self, color: bool):
        self.color = color

    def mark(self, text: str) -> str:
        return f"{BOLD}{RED}{text}{RESET}" if self.color else f"»{text}«"

    def head(self, text: str) -> str:
        return f"{BOLD}{text}{RESET}" if self.color else text

    def dim(self, text: str) -> str:
        return f"{DIM}{text}{RESET}" if self.color else text


def highlight(text: str, evidence: str | None, style: Style) -> str:
    """Mark every occurrence of the evidence (a term or phrase) in the text."""
    if not evidence:
        return text
    words = [re.escape(w) for w in evidence.split()]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
    if not pattern.search(text):  # a phrase inside a word ("javascript" in "javascripts")
        pattern = re.compile(r"\s+".join(words), re.IGNORECASE)
    return pattern.sub(lambda m: style.mark(m.group(0)), text)


def excerpt(text: str, evidence: str | None, max_chars: int, style: Style) -> str:
    """At most `max_chars` of the text: the start, or the part around the evidence when the
    evidence lies further in (a swear word in the comments at the bottom of a page)."""
    if len(text) <= max_chars:
        return text
    start = 0
    if evidence:
        at = text.lower().find(evidence.split()[0].lower())
        if at + len(evidence) > max_chars:
            start = max(0, at - max_chars // 2)
    end = min(len(text), start + max_chars)
    before = style.dim(f"[{start} chars] … ") if start else ""
    after = style.dim(f" … [{len(text) - end} more chars]") if end < len(text) else ""
    return before + text[start:end] + after


def read_rows(directory: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    path = Path(directory)
    if not path.is_dir():
        raise ConfigError(f"no output at {directory} (run `dvc repro` or `schoon clean` first)")
    files = sorted(path.glob("*.parquet"))
    rows: list[dict[str, Any]] = []
    for f in files:
        rows.extend(pq.read_table(f).to_pylist())
    return rows


def show_document(row: dict[str, Any], style: Style, reason: str, max_chars: int) -> str:
    meta = json.loads(row.get("meta") or "{}")
    lines = [style.head(f"── {row['id']}") + (f"  {meta['url']}" if "url" in meta else "")]
    removed = json.loads(row.get("removed_lines") or "[]")
    if row.get("reason"):
        verdict = f"dropped: {row['reason']}"
        if row.get("evidence"):
            verdict += f" ({style.mark(row['evidence'])})"
        if row.get("error"):
            verdict += f" error: {row['error']}"
        lines.append(verdict)
    if reason in LINE_REASONS:
        lines.append(f"lines removed as {reason}:")
        for r in removed:
            if r["reason"] == reason:
                evidence = f"  [{r['evidence']}]" if r["evidence"] else ""
                lines.append(f"  {r['line']:>4}: {style.mark(r['text'][:200])}{evidence}")
        return "\n".join(lines)
    text = row.get("text") or ""
    evidence = row.get("evidence") if row.get("reason") in EVIDENCE_IN_TEXT else None
    lines.append(highlight(excerpt(text, evidence, max_chars, style), evidence, style))
    if removed:
        lines.append(
            style.dim(f"{len(removed)} lines removed before: ")
            + ", ".join(f"{r['line']}:{r['reason']}" for r in removed[:12])
            + (" …" if len(removed) > 12 else "")
        )
    return "\n".join(lines)


def audit_reason(
    source: str,
    reason: str,
    n: int,
    seed: int,
    kept_dir: str,
    rejected_dir: str,
    style: Style,
    max_chars: int = 1200,
) -> str:
    """A deterministic sample of what `reason` removed from `source`."""
    rejected = read_rows(rejected_dir)
    if reason in MODIFIERS or reason in REFUSALS.values():
        return audit_modifier(source, reason, n, seed, read_rows(kept_dir) + rejected, style)
    if reason in LINE_REASONS:
        rows = [
            r
            for r in read_rows(kept_dir) + rejected
            if any(x["reason"] == reason for x in json.loads(r.get("removed_lines") or "[]"))
        ]
        total = sum(
            sum(1 for x in json.loads(r.get("removed_lines") or "[]") if x["reason"] == reason)
            for r in rows
        )
        summary = f"{reason}: {total} lines removed from {len(rows)} documents of source '{source}'"
    else:
        rows = [r for r in rejected if r["reason"] == reason]
        summary = f"{reason}: {len(rows)} documents dropped from source '{source}'"
    rows.sort(key=lambda r: r["id"])
    sample = random.Random(seed).sample(rows, min(n, len(rows)))
    shown = f", showing {len(sample)} (seed {seed})" if sample else ""
    parts = [style.head(summary + shown)]
    parts += [show_document(r, style, reason, max_chars) for r in sample]
    return "\n\n".join(parts)


def audit_modifier(
    source: str, name: str, n: int, seed: int, rows: list[dict[str, Any]], style: Style
) -> str:
    """A deterministic sample of the documents modifier `name` rewrote, before and after; with
    them the rewrites it refused (`name` a refusal id such as repair_refused: those alone)."""
    names = {name, REFUSALS.get(name)}
    changed = []
    for row in rows:
        for m in json.loads(row.get("modified") or "[]"):
            if m["name"] in names:
                changed.append((row, m))
    changed.sort(key=lambda rm: rm[0]["id"])
    refused = sum(1 for _, m in changed if m.get("refused"))
    chars = sum(m["chars"] for _, m in changed if not m.get("refused"))
    summary = (
        f"{name}: {len(changed) - refused} documents of source '{source}' changed, "
        f"{chars} characters; {refused} rewrites refused"
    )
    sample = random.Random(seed).sample(changed, min(n, len(changed)))
    parts = [style.head(summary + (f", showing {len(sample)} (seed {seed})" if sample else ""))]
    for row, m in sample:
        what = f"refused ({m['evidence']}), kept as it was" if m.get("refused") else "characters"
        lines = [style.head(f"── {row['id']}") + f"  {m['chars']} {what}"]
        for before, after in m["examples"]:
            lines.append(f"  before: {style.mark(before)}")
            lines.append(f"  after:  {style.mark(after)}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


# -- --diff ---------------------------------------------------------------------------------


def _set_key(data: dict[str, Any], dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    for k in keys[:-1]:
        data = data.setdefault(k, {})
    data[keys[-1]] = value


def other_settings(source: str, params: dict[str, Any], other: str) -> tuple[dict[str, Any], str]:
    """The source's entry under another setting: KEY=VALUE overrides of the source entry, a
    params file, or a git revision of params.yaml."""
    if "=" in other:
        entry = json.loads(json.dumps(params["sources"][source]))
        for assignment in other.split(","):
            key, _, value = assignment.partition("=")
            _set_key(entry, key.strip(), yaml.safe_load(value))
        return entry, other
    if Path(other).is_file():
        data = load_yaml(other)
        label = other
    else:
        proc = subprocess.run(
            ["git", "show", f"{other}:params.yaml"], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            raise ConfigError(
                f"--diff {other}: not KEY=VALUE, not a params file, not a git revision"
            )
        data = yaml.safe_load(proc.stdout)
        label = f"{other}:params.yaml"
    if source not in (data.get("sources") or {}):
        raise ConfigError(f"{label}: no source '{source}'")
    return data["sources"][source], label


def _texts(source: str, config) -> Iterator[tuple[str, str | None]]:
    from pipeline.sources import reader_for

    reader = reader_for(source, config)
    for path in reader.files():
        for record in reader.read(path):
            yield record.id, record.text


def verdict(chain, text: str | None) -> str:
    if text is None:
        return "malformed"
    result = chain.apply(text)
    return "kept" if result.kept else result.reason


def audit_diff(
    source: str, params_file: str, other: str, n: int, seed: int, style: Style, limit: int = 0
) -> str:
    from common.config import build
    from pipeline.clean.source import load_sources
    from pipeline.sources import SourceConfig

    params = load_yaml(params_file)
    sources = load_sources(params, where=params_file, check_files=[source])
    if source not in sources:
        raise ConfigError(f"{params_file}: no source '{source}'")
    config = sources[source]
    entry, label = other_settings(source, params, other)
    other_config = build(SourceConfig, entry, f"{label}: sources.{source}")
    before = build_chain(config.preset, config.filters)
    after = build_chain(other_config.preset, other_config.filters)
    changes: Counter = Counter()
    changed: list[tuple[str, str, str]] = []
    total = 0
    for rid, text in _texts(source, config):
        total += 1
        a, b = verdict(before, text), verdict(after, text)
        if a != b:
            changes[(a, b)] += 1
            changed.append((rid, a, b))
        if limit and total >= limit:
            break
    lines = [
        style.head(
            f"source '{source}': {total} documents, {len(changed)} change verdict "
            f"from {params_file} to {label}"
        )
    ]
    gained = sum(v for (a, b), v in changes.items() if b == "kept")
    lost = sum(v for (a, b), v in changes.items() if a == "kept")
    lines.append(f"kept: +{gained} -{lost}")
    for (a, b), count in changes.most_common():
        lines.append(f"  {count:>6}  {a} -> {b}")
    sample = random.Random(seed).sample(changed, min(n, len(changed)))
    for rid, a, b in sorted(sample):
        lines.append(f"  {rid}: {a} -> {style.mark(b)}")
    return "\n".join(lines)


# -- duplicates ------------------------------------------------------------------------------


def marked_diff(a: str, b: str, style: Style) -> tuple[str, str]:
    """Both texts with the words that differ between them marked."""
    wa, wb = a.split(), b.split()  # shown on one line, words apart
    out_a, out_b = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        part_a, part_b = " ".join(wa[i1:i2]), " ".join(wb[j1:j2])
        out_a.append(part_a if op == "equal" or not part_a else style.mark(part_a))
        out_b.append(part_b if op == "equal" or not part_b else style.mark(part_b))
    return " ".join(x for x in out_a if x), " ".join(x for x in out_b if x)


def audit_duplicates(
    source: str, kind: str, n: int, seed: int, kept_dir: str, rejected_dir: str, style: Style
) -> str:
    """A sample of the documents of `source` the dedup stage dropped as `kind`, each beside
    the kept document it duplicates, the differing words marked."""
    rows = sorted(
        (r for r in read_rows(rejected_dir) if r["source"] == source and r["kind"] == kind),
        key=lambda r: r["id"],
    )
    summary = f"{kind}: {len(rows)} documents of source '{source}' dropped as duplicates"
    sample = random.Random(seed).sample(rows, min(n, len(rows)))
    parts = [style.head(summary + (f", showing {len(sample)} (seed {seed})" if sample else ""))]
    originals: dict[tuple[str, str], str] = {}
    for src in {r["duplicate_of_source"] for r in sample}:
        for row in read_rows(f"{kept_dir}/{src}"):
            originals[src, row["id"]] = row["text"]
    for r in sample:
        original = originals.get((r["duplicate_of_source"], r["duplicate_of"]), "")
        dropped, kept = marked_diff(r["text"], original, style)
        parts.append(
            f"{style.head('── ' + r['id'])}  similarity {r['similarity']:.3f} to "
            f"{_named(r['duplicate_of_source'], r['duplicate_of'])}\n"
            f"  dropped: {dropped[:1500]}\n  kept:    {kept[:1500]}"
        )
    return "\n\n".join(parts)


def _named(source: str, doc_id: str) -> str:
    """A document for the reader: its id, which names its source unless the source set its
    own ids (`id_field`)."""
    return doc_id if doc_id.startswith(f"{source}/") else f"{doc_id} (source {source})"


def run_audit(args) -> str:
    style = Style(sys.stdout.isatty() if args.color == "auto" else args.color == "always")
    if args.diff:
        return audit_diff(args.source, args.params, args.diff, args.n, args.seed, style, args.limit)
    if not args.reason:
        raise ConfigError("audit needs --reason REASON or --diff OTHER")
    if args.reason in DEDUP_KINDS:
        kept = args.kept or "data/dedup"
        rejected = args.rejected or "data/rejected/dedup"
        return audit_duplicates(args.source, args.reason, args.n, args.seed, kept, rejected, style)
    kept = args.kept or f"data/clean/{args.source}"
    rejected = args.rejected or f"data/rejected/{args.source}"
    return audit_reason(args.source, args.reason, args.n, args.seed, kept, rejected, style)
