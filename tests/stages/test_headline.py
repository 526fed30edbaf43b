"""The headline numbers `dvc metrics show` prints: keys fixed by the code, numbers that add up."""

from __future__ import annotations

import pytest

from stages import headline

CLEAN = {
    "docs_in": 10, "docs_out": 6,
    "docs_dropped": {"bad_words": 2, "short_document": 1, "malformed": 1},
    "lines_dropped": {"short_line": 7, "long_word": 1},
    "chars_in": 5000, "chars_out": 3000, "files_damaged": 1,
    "funnel": {"read": 9, "bad_words": 7, "short_document": 6},
    "docs_modified": {"repair": 3}, "chars_modified": {"repair": 12},
}  # fmt: skip
DEDUP = {
    "docs_in": 20, "docs_out": 14, "docs_dropped": {"exact": 3, "near": 2, "span": 1},
    "span_trimmed": 4, "sentences_removed": 9,
    "sources": {"web": {"docs_in": 20}}, "cluster_sizes": {"exact": {"2": 3}, "near": {"3": 1}},
}  # fmt: skip


def _split(train: int, validation: int, pairs: int) -> dict:
    return {"train": {"documents": train, "characters": 9 * train},
            "validation": {"documents": validation, "characters": 9 * validation},
            "near_duplicate_pairs_across_splits": pairs,
            "pairs_across_splits_at_split_threshold": 0}  # fmt: skip


def test_clean_sums_each_kind_and_adds_up():
    h = headline.clean(CLEAN)
    assert h == {"docs_in": 10, "docs_out": 6, "docs_dropped": 4, "lines_dropped": 8,
                 "docs_modified": 3, "files_damaged": 1, "chars_in": 5000, "chars_out": 3000}  # fmt: skip
    assert h["docs_in"] == h["docs_out"] + h["docs_dropped"]


def test_clean_keys_do_not_depend_on_the_data():
    bare = {"docs_in": 0, "docs_out": 0, "docs_dropped": {"malformed": 0},
            "lines_dropped": {}, "chars_in": 0, "chars_out": 0}  # fmt: skip
    assert list(headline.clean(bare)) == list(headline.clean(CLEAN))
    assert headline.clean(bare)["docs_modified"] == 0


def test_dedup_keeps_each_kind_and_leaves_the_cluster_sizes():
    h = headline.dedup(DEDUP)
    assert h == {"docs_in": 20, "docs_out": 14, "docs_dropped": 6, "dropped_exact": 3,
                 "dropped_near": 2, "dropped_span": 1, "span_trimmed": 4}  # fmt: skip
    assert h["docs_in"] == h["docs_out"] + h["docs_dropped"]


def test_corpus_per_role():
    stats = {"pretrain": _split(90, 10, 2), "finetune": _split(27, 3, 0), "sources": {}}
    assert headline.corpus(stats) == {
        "pretrain": {"train": 90, "validation": 10, "near_across": 2},
        "finetune": {"train": 27, "validation": 3, "near_across": 0},
    }


def test_train_takes_its_keys_and_fails_on_a_missing_one():
    metrics = {key: 1.5 for key in headline.TRAIN_KEYS} | {"device": "cpu", "n_params": 9}
    assert headline.train(metrics) == {key: 1.5 for key in headline.TRAIN_KEYS}
    with pytest.raises(KeyError):
        headline.train({"eval_loss": 1.0})


def test_each_stages_dvc_metrics_show_fits_a_terminal():
    """`dvc metrics show FILE` on the committed metrics of every stage: one header and one row,
    at most 160 characters wide."""
    import subprocess
    import sys
    from pathlib import Path

    import yaml

    from tests.conftest import ROOT

    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    files = []
    for spec in stages.values():
        for entry in spec.get("do", spec).get("metrics", []):
            files.append(next(iter(entry)) if isinstance(entry, dict) else entry)
    files = [f.replace("${key}", "web") for f in files]
    assert len(files) >= 7  # clean, dedup, corpus, tokenizer, train (two), generate
    dvc = str(Path(sys.executable).with_name("dvc"))
    for name in files:
        proc = subprocess.run([dvc, "metrics", "show", name], cwd=ROOT, capture_output=True,
                              text=True, timeout=300, check=False)  # fmt: skip
        lines = proc.stdout.splitlines()
        assert proc.returncode == 0 and len(lines) == 2, (name, proc.stdout, proc.stderr)
        assert max(map(len, lines)) <= 160, (name, lines)
