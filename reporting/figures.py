"""Pictures of a run, drawn offline with matplotlib: per source the funnel (documents left after
each filter and after dedup) and the reasons (documents and lines removed), and the loss curve
with each phase's eval loss and the step where fine-tuning takes over.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from common.jsonfile import read_json

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


def funnel_steps(stats: dict[str, Any], dedup_out: int | None) -> list[tuple[str, int]]:
    """(label, documents) from the source's input to what dedup kept: "readable" only where
    some records could not be read (else it repeats the input), each document filter in chain
    order, then dedup."""
    funnel = dict(stats.get("funnel", {}))
    docs_in = stats.get("docs_in", 0)
    readable = funnel.pop("read", docs_in)
    steps = [("documents in", docs_in)]
    if readable != docs_in:
        steps.append(("readable", readable))
    steps += [(f"after {reason}", n) for reason, n in funnel.items()]
    if dedup_out is not None:
        steps.append(("after dedup", dedup_out))
    return steps


def funnel_figure(
    source: str, stats: dict[str, Any], path: Path, dedup_out: int | None = None
) -> Path:
    """Documents remaining after each document-level filter, in chain order, then dedup."""
    plt = _pyplot()
    steps = funnel_steps(stats, dedup_out)
    labels, counts = [label for label, _ in steps], [n for _, n in steps]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(steps) + 1.2))
    bars = ax.barh(range(len(steps)), counts, color=KEPT)
    ax.set_yticks(range(len(steps)), labels)
    ax.invert_yaxis()
    for bar, n in zip(bars, counts, strict=True):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {n:,}", va="center")
    ax.set_xlabel("documents")
    ax.set_xlim(0, max(counts + [1]) * 1.15)
    ax.set_title(f"{source}: documents remaining after each filter and dedup")
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


def loss_figure(loss_tsv: Path, path: Path, train: dict[str, Any] | None = None) -> Path:
    """The per-step training loss that dvclive logged; from the training metrics (`train`),
    the step where fine-tuning takes over and each phase's eval loss at its last step."""
    plt = _pyplot()
    train = train or {}
    steps, losses = read_tsv(loss_tsv, "loss")
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.plot(steps, losses, color="#1f5fa8", linewidth=1.2, label="training loss")
    pretrain = train.get("pretrain_steps") or 0
    if pretrain and train.get("finetune_steps"):
        ax.axvline(pretrain + 0.5, color="#888888", linestyle="--", linewidth=1)
        ax.text(pretrain + 0.5, max(losses), " fine-tuning", va="top", color="#555555")
    ends = {"pretrain": pretrain, "finetune": pretrain + (train.get("finetune_steps") or 0)}
    for phase, marker in (("pretrain", "s"), ("finetune", "o")):
        loss = train.get(f"{phase}_eval_loss")
        if loss is not None and ends[phase]:
            ax.plot([ends[phase]], [loss], marker, color="#c0504d", label=f"{phase} eval loss")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss")
    ax.set_title("Loss per step; eval loss at the end of each phase")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def draw_figures(
    sources: list[str],
    clean_metrics: Path,
    dedup_metrics: Path | None,
    loss_tsv: Path | None,
    train_metrics: Path | None,
    out: Path,
) -> list[Path]:
    """All pictures of a run into `out`, for exactly the `sources` named (those of
    params.yaml); returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    dedup = _read(dedup_metrics).get("sources", {})
    written = []
    for source in sources:
        stats = _read(clean_metrics / f"{source}.json")
        if not stats:
            continue
        dedup_out = dedup.get(source, {}).get("docs_out")
        written.append(funnel_figure(source, stats, out / f"funnel_{source}.png", dedup_out))
        written.append(reasons_figure(source, stats, out / f"reasons_{source}.png"))
    if loss_tsv is not None and loss_tsv.is_file():
        written.append(loss_figure(loss_tsv, out / "training_loss.png", _read(train_metrics)))
    return written


def _read(path: Path | None) -> dict[str, Any]:
    return read_json(path) if path and path.is_file() else {}
