"""bench/cleaning/quick.py's verdict: a ratio may fall up to 25% below its baseline, no more.

The timing itself is a benchmark (`make bench-quick`), not a test; this checks only the
comparison that decides its exit status."""

from __future__ import annotations

import json

from bench.cleaning import quick as bench_quick


def test_a_ratio_more_than_25_percent_below_its_baseline_fails():
    compare = bench_quick.compare
    assert compare({"x": (1.0, 0.80)}, {"x": 1.0})[1] is True  # -20%
    assert compare({"x": (1.0, 0.75)}, {"x": 1.0})[1] is True  # -25%, the edge
    assert compare({"x": (1.0, 0.70)}, {"x": 1.0})[1] is False  # -30%
    assert compare({"x": (1.0, 2.0)}, {"x": 1.0})[1] is True  # faster is fine
    rows, ok = compare({"x": (1.0, 0.70), "y": (1.0, 0.5)}, {"x": 1.0})
    assert not ok and "SLOWER" in rows[2] and "no baseline" in rows[3]


def test_the_committed_baseline_names_every_guarded_configuration():
    baseline = json.loads(bench_quick.BASELINE.read_text(encoding="utf-8"))["ratios"]
    assert sorted(baseline) == sorted(bench_quick.GUARDED)
