"""The few numbers of each stage that `dvc metrics show` prints.

A stage that counts much writes two files: its whole statistics under `stats/` (plain JSON,
committed; `schoon stats`, the figures, the report and the dataset card read them) and these
headline numbers under `metrics/`, the DVC metrics. Few, so that `dvc metrics show
metrics/clean/web.json` fits a terminal; named by this code, never by the data, so `dvc metrics
diff` lines up from run to run. Each headline adds up as its statistics do:
`docs_in == docs_out + docs_dropped`.
"""

from __future__ import annotations

from typing import Any


def _total(stats: dict[str, Any], key: str) -> int:
    return sum(stats.get(key, {}).values())


def clean(stats: dict[str, Any]) -> dict[str, int]:
    """One source's cleaning: documents and characters in and out, and what was dropped."""
    return {
        "docs_in": stats["docs_in"],
        "docs_out": stats["docs_out"],
        "docs_dropped": _total(stats, "docs_dropped"),
        "lines_dropped": _total(stats, "lines_dropped"),
        "docs_modified": _total(stats, "docs_modified"),
        "files_damaged": stats.get("files_damaged", 0),
        "chars_in": stats["chars_in"],
        "chars_out": stats["chars_out"],
    }


def dedup(stats: dict[str, Any]) -> dict[str, int]:
    """Every source together: documents in and out, and the copies dropped by kind."""
    dropped = stats["docs_dropped"]
    return {
        "docs_in": stats["docs_in"],
        "docs_out": stats["docs_out"],
        "docs_dropped": sum(dropped.values()),
        **{f"dropped_{kind}": n for kind, n in sorted(dropped.items())},
        "span_trimmed": stats["span_trimmed"],
    }


def corpus(stats: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Per role: documents in each split, and the near-copy pairs measured across the split."""
    return {
        role: {
            "train": stats[role]["train"]["documents"],
            "validation": stats[role]["validation"]["documents"],
            "near_across": stats[role]["near_duplicate_pairs_across_splits"],
        }
        for role in ("pretrain", "finetune")
    }


TRAIN_KEYS = ("eval_loss", "perplexity", "train_loss_avg", "steps", "train_time_s",
              "tokens_per_s", "peak_memory_mb")  # fmt: skip


def train(metrics: dict[str, Any]) -> dict[str, Any]:
    """The run's losses, length, speed and memory (the device and the rest: `stats/train.json`)."""
    return {key: metrics[key] for key in TRAIN_KEYS}
