"""Pictures of a run, drawn offline with matplotlib: per source the funnel (documents left after
each filter) and the reasons (documents and lines removed), and the training loss curve.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

KEPT, DROPPED, LINES = "#2a7f62", "#c0504d", "#e0a040"


def _pyplot():
    import logging

    import matplotlib

    # A first run on a machine builds matplotlib's font cache and logs it ("generated new
    # fontManager", and after 5 s a warning that it "may take a moment"): not the user's news.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def funnel_figure(source: str, stats: dict[str, Any], path: Path) -> Path:
    """Documents remaining after each document-level filter, in chain order."""
    plt = _pyplot()
    funnel = stats.get("funnel", {})
    steps = ["input", *funnel]
    counts = [stats.get("docs_in", 0), *funnel.values()]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(steps) + 1.2))
    bars = ax.barh(range(len(steps)), counts, color=[KEPT] + [KEPT] * len(funnel))
    ax.set_yticks(
        range(len(steps)), ["documents in" if s == "input" else f"after {s}" for s in steps]
    )
    ax.invert_yaxis()
    for bar, n in zip(bars, counts, strict=True):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {n:,}", va="center")
    ax.set_xlabel("documents")
    ax.set_xlim(0, max(counts + [1]) * 1.15)
    ax.set_title(f"{source}: documents remaining after each filter")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def reasons_figure(source: str, stats: dict[str, Any], path: Path) -> Path:
    """Documents dropped per reason and lines removed per reason."""
    plt = _pyplot()
    docs = stats.get("docs_dropped", {})
    lines = stats.get("lines_dropped", {})
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 0.4 * max(len(docs), len(lines), 1) + 1.6))
    panels = ((left, docs, DROPPED, "documents"), (right, lines, LINES, "lines"))
    for ax, data, color, unit in panels:
        names = list(data) or ["(none)"]
        values = list(data.values()) or [0]
        bars = ax.barh(range(len(names)), values, color=color)
        ax.set_yticks(range(len(names)), names)
        ax.invert_yaxis()
        for bar, n in zip(bars, values, strict=True):
            ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {n:,}", va="center")
        ax.set_xlim(0, max(values + [1]) * 1.2)
        ax.set_xlabel(f"{unit} removed")
    left.set_title(f"{source}: documents dropped by reason")
    right.set_title(f"{source}: lines removed by reason")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def read_tsv(path: Path, column: str) -> tuple[list[int], list[float]]:
    steps, values = [], []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            steps.append(int(row["step"]))
            values.append(float(row[column]))
    return steps, values


def loss_figure(loss_tsv: Path, path: Path) -> Path:
    """The per-step training loss that dvclive logged."""
    plt = _pyplot()
    steps, losses = read_tsv(loss_tsv, "loss")
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.plot(steps, losses, color="#1f5fa8", linewidth=1.2)
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("training loss")
    ax.set_title("Training loss per step (pretraining, then fine-tuning)")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def draw_figures(clean_metrics: Path, loss_tsv: Path | None, out: Path) -> list[Path]:
    """All pictures of a run into `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for stats_file in sorted(clean_metrics.glob("*.json")):
        stats = json.loads(stats_file.read_text(encoding="utf-8"))
        source = stats_file.stem
        written.append(funnel_figure(source, stats, out / f"funnel_{source}.png"))
        written.append(reasons_figure(source, stats, out / f"reasons_{source}.png"))
    if loss_tsv is not None and loss_tsv.is_file():
        written.append(loss_figure(loss_tsv, out / "training_loss.png"))
    return written
