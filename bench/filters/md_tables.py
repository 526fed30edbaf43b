"""Markdown tables, number formats and report sections shared by the filter-quality scripts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def table(headers: str | Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub markdown table, the first column left-aligned; `headers` may be one string
    with the column names separated by " | "."""
    if isinstance(headers, str):
        headers = headers.split(" | ")
    align = [":---"] + ["---:"] * (len(headers) - 1)
    lines = [headers, align, *([str(c) for c in row] for row in rows)]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def section(title: str, *parts: str) -> str:
    """A `### title` heading and its parts, blank-line separated."""
    return "\n\n".join([f"### {title}", *parts])


def report(*parts: str) -> None:
    """Print sections (or any text) one blank line apart."""
    print("\n\n".join(parts))


def pct(part: float, whole: float, digits: int = 1) -> str:
    """`part` as a percentage of `whole` ("–" when there is nothing to divide by)."""
    return "–" if whole == 0 else f"{100 * part / whole:.{digits}f}%"


def ratio(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def count_share(part: int, whole: int, digits: int = 1) -> str:
    return f"{part} ({pct(part, whole, digits)})"


def most_common(counts: Counter, n: int) -> str:
    """The `n` most frequent items as "`item` count, ..."."""
    return ", ".join(f"`{item}` {k}" for item, k in counts.most_common(n))


def quote(text: str, limit: int = 70) -> str:
    """A short excerpt for a table cell: one line, `|` escaped, cut at `limit` characters."""
    text = " ".join(text.split()).replace("|", "\\|")
    return "`" + (text if len(text) <= limit else text[: limit - 1] + "…") + "`"
