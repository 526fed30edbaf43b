"""Apply an ordered chain of filters to one document and say what happened to it.

This is the one place that routes decisions: line filters that stand next to each other run
in a single pass over the lines (each line meets them in chain order, and a line dropped by
one is not seen by the next); document filters see the remaining lines joined with `\\n`.
The Beam pipeline and `schoon check` both call `FilterChain.apply`, so they cannot disagree.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from filters.base import Drop, Filter, Refused, reasons_of


@dataclass(frozen=True, slots=True)
class RemovedLine:
    line: int  # 1-based line number in the original document
    reason: str
    evidence: str
    text: str


@dataclass(frozen=True, slots=True)
class Modification:
    """What a modifier changed in a document: how many characters, and a few examples.

    For a rewrite the modifier refused, `name` is its refusal id (`repair_refused`), the
    text stays as it was, and `chars`, `examples` and `evidence` describe the rewrite refused.
    """

    name: str
    chars: int  # characters of the original replaced or deleted, plus those inserted
    examples: tuple[tuple[str, str], ...]  # (before, after) around the first changes
    refused: bool = False
    evidence: str = ""  # why a rewrite was refused

    def as_dict(self) -> dict[str, Any]:
        """As the rejected and kept outputs and `schoon check` write it."""
        out = {"name": self.name, "chars": self.chars, "examples": [list(e) for e in self.examples]}
        if self.refused:
            out |= {"refused": True, "evidence": self.evidence}
        return out


@dataclass(slots=True)
class Result:
    """What a chain did to one document: kept with its cleaned text, or dropped with a reason."""

    kept: bool
    text: str | None
    reason: str | None = None
    evidence: str | None = None
    removed_lines: list[RemovedLine] = field(default_factory=list)
    modified: list[Modification] = field(default_factory=list)


def modification(
    name: str, before: str, after: str, examples: int = 3, refused: Refused | None = None
) -> Modification:
    """Describe a rewrite. Only called for documents a modifier changed (about 1 in 100)."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    chars, shown = 0, []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        chars += max(i2 - i1, j2 - j1)
        if len(shown) < examples:
            lo, hi = max(0, i1 - 15), i2 + 15
            shown.append((before[lo:hi], after[max(0, j1 - (i1 - lo)) : j2 + 15]))
    if refused is not None:
        return Modification(name, chars, tuple(shown), True, refused.evidence)
    return Modification(name, chars, tuple(shown))


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
        self.modifiers = tuple(f.name for f in self.filters if f.modifies)
        for i, f in enumerate(self.filters):
            if f.modifies and any(g.on_lines for g in self.filters[:i]):
                raise ValueError(
                    f"modifier '{f.name}' must come before every line filter of the chain "
                    "(removed-line numbers refer to the text it returns)"
                )
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
        # A step is "lines" (line checks in one pass), "document" or "modify".
        self._plan: list[tuple[str, Any]] = [
            ("lines", tuple((f.check_line, f.keeps_lines_up_to) for f in step))
            if isinstance(step, tuple)
            else ("modify", step)
            if step.modifies
            else ("document", step.check_document)
            for step in self._steps
        ]

    def __repr__(self) -> str:
        return f"FilterChain({[f.name for f in self.filters]})"

    def apply(self, text: str) -> Result:
        removed: list[RemovedLine] = []
        modified: list[Modification] = []
        lines: list[tuple[int, str]] | None = None  # (line number, stripped text), once split
        current: str | None = text  # the text document filters see; None when lines changed
        for kind, check in self._plan:
            if kind == "modify":  # before any line step, so `current` is the whole text
                new = check.modify(current)
                if type(new) is Refused:
                    modified.append(modification(check.refusal, current, new.text, refused=new))
                elif new != current:
                    modified.append(modification(check.name, current, new))
                    text = current = new
            elif kind == "lines":
                if lines is None:
                    lines = [(n, t.strip()) for n, t in enumerate(text.split("\n"), start=1)]
                kept: list[tuple[int, str]] = []
                for n, line in lines:
                    for check_line, keeps_up_to in check:
                        if len(line) <= keeps_up_to:
                            continue
                        decision = check_line(line)
                        if type(decision) is Drop:
                            if decision.document:
                                return Result(
                                    False,
                                    None,
                                    decision.reason,
                                    decision.evidence,
                                    removed,
                                    modified,
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
                    return Result(False, None, drop.reason, drop.evidence, removed, modified)
        if lines is None:
            lines = [(n, t.strip()) for n, t in enumerate(text.split("\n"), start=1)]
        return Result(True, _join(lines), removed_lines=removed, modified=modified)
