"""Markdown tables and number formats shared by the filter-quality measurements."""

from __future__ import annotations

from collections.abc import Sequence


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub markdown table; the first column left-aligned, the others right-aligned."""
    cells = [[str(c) for c in row] for row in rows]
    align = [":---"] + ["---:"] * (len(headers) - 1)
    lines = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(row) + " |" for row in cells),
    ]
    return "\n".join(lines)


def pct(part: float, whole: float, digits: int = 1) -> str:
    """`part` as a percentage of `whole` ("–" when there is nothing to divide by)."""
    return "–" if whole == 0 else f"{100 * part / whole:.{digits}f}%"


def ratio(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def quote(text: str, limit: int = 70) -> str:
    """A short excerpt for a table cell: one line, `|` escaped, cut at `limit` characters."""
    text = " ".join(text.split()).replace("|", "\\|")
    return "`" + (text if len(text) <= limit else text[: limit - 1] + "…") + "`"
