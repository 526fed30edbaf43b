"""bench/cleaning/throughput.py and bench/cleaning/scaling.py as `make bench` starts them: one configuration in a
fresh interpreter through the harness, on a three-document corpus."""

from __future__ import annotations

import gzip
import json

from bench.cleaning import scaling
from bench.cleaning import throughput as cleaning

TEXT = "Dit is een gewone Nederlandse zin over het weer in de stad en het land. " * 8


def _corpus(tmp_path):
    with gzip.open(tmp_path / "c4-nl-00000-of-00001.json.gz", "wt", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({"text": f"{TEXT}{i}", "url": f"u{i}", "timestamp": "t"}) + "\n")
    return tmp_path


def test_a_configuration_runs_in_its_own_process_and_is_measured(tmp_path):
    r = cleaning.run_config("check_nolid", _corpus(tmp_path))
    assert "error" not in r, r
    assert r["docs"] == 3 and 0 <= r["kept"] <= 3
    assert r["docs_per_cpu_s"] > 0 and r["peak_rss_mb"] > 10


def test_a_failing_configuration_is_reported_not_raised(tmp_path):
    r = cleaning.run_config("parse", tmp_path / "nothing-here", timeout=60)
    assert r["config"] == "parse" and "error" in r


def test_scaling_names():
    assert scaling.split("dask-2-p1") == ("dask", 2, ["--dask_partition_size=1"])
    assert scaling.split("check") == ("check", 1, [])
