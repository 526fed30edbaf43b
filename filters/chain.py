"""Apply an ordered chain of filters to one document and say what happened to it.

This is the one place that routes decisions: line filters that stand next to each other run
in a single pass over the lines (each line meets them in chain order, and a line dropped by
one is not seen by the next); document filters see the remaining lines joined with `\\n`.
The Beam pipeline and `schoon check` both call `FilterChain.apply`, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from filters.base import Drop, Filter, reasons_of


@dataclass(frozen=True, slots=True)
class RemovedLine:
    line: int  # 1-based line number in the original document
    reason: str
    evidence: str
    text: str


@dataclass(slots=True)
class Result:
    """What a chain did to one document: kept with its cleaned text, or dropped with a reason."""

    kept: bool
    text: str | None
    reason: str | None = None
    evidence: str | None = None
    removed_lines: list[RemovedLine] = field(default_factory=list)


def _join(lines: list[tuple[int, str]]) -> str:
    """Join kept lines; blank lines kept as stanza breaks are collapsed and trimmed."""
    texts = [text for _, text in lines]
    if "" not in texts:
        return "\n".join(texts)
    out: list[str] = []
    for text in texts:
        if text or (out and out[-1]):
            out.append(text)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


class FilterChain:
    """An ordered list of filters; disabled filters (`enabled: false`) are left out."""

    def __init__(self, filters: Sequence[Filter]):
        self.filters = [f for f in filters if f.params.enabled]
        self.reasons = reasons_of(self.filters)
        # Consecutive line filters form one pass over the lines.
        self._steps: list[Filter | tuple[Filter, ...]] = []
        for f in self.filters:
            if f.on_lines and self._steps and isinstance(self._steps[-1], tuple):
                self._steps[-1] = (*self._steps[-1], f)
            elif f.on_lines:
                self._steps.append((f,))
            else:
                self._steps.append(f)
        # What `apply` runs: the bound check methods, looked up once here rather than per line.
        self._plan: list[tuple[bool, Any]] = [
            (True, tuple(f.check_line for f in step))
            if isinstance(step, tuple)
            else (False, step.check_document)
            for step in self._steps
        ]

    def __repr__(self) -> str:
        return f"FilterChain({[f.name for f in self.filters]})"

    def apply(self, text: str) -> Result:
        removed: list[RemovedLine] = []
        lines: list[tuple[int, str]] | None = None  # (line number, stripped text), once split
        current: str | None = text  # the text document filters see; None when lines changed
        for on_lines, check in self._plan:
            if on_lines:
                if lines is None:
                    lines = [(n, t.strip()) for n, t in enumerate(text.split("\n"), start=1)]
                kept: list[tuple[int, str]] = []
                for n, line in lines:
                    for check_line in check:
                        decision = check_line(line)
                        if type(decision) is Drop:
                            if decision.document:
                                return Result(
                                    False, None, decision.reason, decision.evidence, removed
                                )
                            removed.append(RemovedLine(n, decision.reason, decision.evidence, line))
                            break
                        line = decision
                    else:
                        kept.append((n, line))
                lines = kept
                current = None
            else:
                if current is None:
                    current = _join(lines)
                drop = check(current)
                if drop is not None:
                    return Result(False, None, drop.reason, drop.evidence, removed)
        if lines is None:
            lines = [(n, t.strip()) for n, t in enumerate(text.split("\n"), start=1)]
        return Result(True, _join(lines), removed_lines=removed)
