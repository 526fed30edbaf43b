"""Cleaning statistics, counted as data: a flat counter per document, summed by a combine.

Summing counters is associative and commutative, so the totals are exact on every runner
(retried bundles are discarded with their outputs). `finalize` turns the flat counter into the
statistics JSON, with every reason of the chain present (zeros too), so its keys are stable
across runs; `stages/headline.py` takes the DVC metrics from it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from filters.chain import Result
from filters.presets import EVIDENCE_TALLIES, LINE_REASONS, REFUSALS

# The pipeline's own reason: a record that could not be read. Not a filter's decision.
MALFORMED = "malformed"
# The statistics whose keys are the data's (a count per bad word found): `finalize` returns
# them with the rest, and the job writes them apart from the statistics (`Outputs.tallies`).
TALLY_KEYS = tuple(dict.fromkeys(EVIDENCE_TALLIES.values()))


def tally(result: Result | None, chars_in: int, error: bool = False) -> Counter:
    """The counts one document contributes. `result` is None for a malformed record."""
    c: Counter = Counter()
    add_tally(c, result, chars_in, error)
    return c


def add_tally(c: Counter, result: Result | None, chars_in: int, error: bool = False) -> None:
    """Add one document's counts to `c` (what `tally` returns, without a Counter per document:
    the pipeline sums straight into its bundle's counter)."""
    c["docs_in"] += 1
    c["chars_in"] += chars_in
    if error or result is None:
        c[f"docs_dropped.{MALFORMED}"] += 1
        return
    for removed in result.removed_lines:
        c[f"lines_dropped.{removed.reason}"] += 1
    for change in result.modified:
        if change.refused:
            c[f"docs_refused.{change.name}"] += 1
            continue
        c[f"docs_modified.{change.name}"] += 1
        c[f"chars_modified.{change.name}"] += change.chars
    if result.kept:
        c["docs_out"] += 1
        c["chars_out"] += len(result.text)
    else:
        c[f"docs_dropped.{result.reason}"] += 1
        tally_key = EVIDENCE_TALLIES.get(result.reason)
        if tally_key is not None:
            c[f"{tally_key}.{result.evidence}"] += 1


def finalize(
    counts: Counter, reasons: Sequence[str], modifiers: Sequence[str] = ()
) -> dict[str, Any]:
    """The statistics JSON of one source, checked: docs_in == docs_out + sum(docs_dropped).

    `reasons` are the chain's reasons in chain order (`FilterChain.reasons`), `modifiers` the
    names of its modifiers (`FilterChain.modifiers`): each gets the documents and characters
    it changed, zeros included, and those with a refusal id the documents whose rewrite it
    refused (`docs_refused: {repair_refused: n}`).
    """
    doc_reasons = [r for r in reasons if r not in LINE_REASONS] + [MALFORMED]
    line_reasons = [r for r in reasons if r in LINE_REASONS]
    dropped = {r: counts.get(f"docs_dropped.{r}", 0) for r in doc_reasons}
    lines = {r: counts.get(f"lines_dropped.{r}", 0) for r in line_reasons}
    for key in counts:  # a reason the chain did not declare would be a bug: keep it visible
        kind, _, reason = key.partition(".")
        if kind == "docs_dropped" and reason not in dropped:
            dropped[reason] = counts[key]
        if kind == "lines_dropped" and reason not in lines:
            lines[reason] = counts[key]
    stats: dict[str, Any] = {
        "docs_in": counts.get("docs_in", 0),
        "docs_out": counts.get("docs_out", 0),
        "docs_dropped": dropped,
        "lines_dropped": lines,
        "chars_in": counts.get("chars_in", 0),
        "chars_out": counts.get("chars_out", 0),
        # Files damaged partway: their readable records counted as usual, the rest of each one
        # `malformed` document (pipeline.sources.DAMAGED).
        "files_damaged": counts.get("files_damaged", 0),
    }
    if stats["docs_in"] != stats["docs_out"] + sum(dropped.values()):
        raise AssertionError(f"documents not accounted for: {stats}")
    # The funnel: documents remaining after each document-level filter, in chain order.
    remaining = stats["docs_in"] - dropped[MALFORMED]
    funnel = {"read": remaining}
    for reason in doc_reasons[:-1]:
        remaining -= dropped[reason]
        funnel[reason] = remaining
    stats["funnel"] = funnel
    if modifiers:
        stats["docs_modified"] = {m: counts.get(f"docs_modified.{m}", 0) for m in modifiers}
        stats["chars_modified"] = {m: counts.get(f"chars_modified.{m}", 0) for m in modifiers}
        refusals = [REFUSALS[m] for m in modifiers if m in REFUSALS]
        if refusals:
            stats["docs_refused"] = {r: counts.get(f"docs_refused.{r}", 0) for r in refusals}
    # Evidence tallies (bad_word_terms): for each reason of the chain that declares one.
    for key in dict.fromkeys(EVIDENCE_TALLIES[r] for r in reasons if r in EVIDENCE_TALLIES):
        prefix = f"{key}."
        tally = {k[len(prefix) :]: v for k, v in counts.items() if k.startswith(prefix)}
        stats[key] = dict(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
    return stats
