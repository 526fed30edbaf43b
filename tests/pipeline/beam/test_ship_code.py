"""Code on the workers: with `beam.ship_code`, the portable runner's SDK workers run the
project from a wheel of the checkout that they install first (pipeline/beam/worker_boot.py).

The workers here run in a Python environment without the project, made for the test in well
under a second: a venv (`python -m venv --without-pip`) whose only addition is a .pth line
naming .venv's site-packages. Beam and every dependency are importable through it, but the
.pth files inside that directory are not processed, so the editable install's finder
(`__editable__.schoon-*.pth`) never loads. The driver runs in the checkout, as `schoon clean`
does, and the workers inherit that directory: they start with `python -P`, so it is not on
their `sys.path`; PYTHONPATH is removed. What such a worker can import of the project is what
it installed from the staged wheel, or nothing: the second test shows the nothing.
"""

from __future__ import annotations

import functools
import site
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.beam import runner, worker_boot
from pipeline.beam.runner import BeamConfig
from pipeline.clean.job import Outputs, run_clean
from pipeline.sources import SourceConfig
from tests.conftest import ROOT
from tests.pipeline.helpers import web_records, write_jsonl_gz


@pytest.fixture(scope="module")
def python_without_project(tmp_path_factory) -> str:
    """An interpreter that sees Beam and the dependencies, but not the project."""
    venv = tmp_path_factory.mktemp("worker-venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (purelib,) = venv.glob("lib/python*/site-packages")
    (purelib / "project-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    python = str(venv / "bin" / "python")
    probe = subprocess.run(
        [python, "-P", "-c", "import apache_beam, pyarrow; import pipeline"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert "No module named 'pipeline'" in probe.stderr, probe.stderr
    return python


@pytest.fixture
def source(tmp_path) -> SourceConfig:
    """A tiny Dutch jsonl source: one document per outcome of the mc4nl preset, twice."""
    write_jsonl_gz(tmp_path / "src/a.json.gz", web_records())
    write_jsonl_gz(tmp_path / "src/b.json.gz", web_records()[::-1])
    return SourceConfig(format="jsonl", path=str(tmp_path / "src"), pattern="*.json.gz",
                        preset="mc4nl", filters={"language": {"enabled": False}})  # fmt: skip


@pytest.fixture
def workers_without_project(python_without_project, monkeypatch, tmp_path):
    """Every SDK worker started in this test boots in the environment without the project;
    without `ship_code` the runner starts the same boot, with nothing staged to install."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    boot = functools.partial(worker_boot.boot_command, python=python_without_project)
    monkeypatch.setattr(worker_boot, "boot_command", boot)
    monkeypatch.setattr(runner, "worker_command", lambda: boot(tmp_path / "unshipped-workers"))


def clean(out: Path, source: SourceConfig, config: BeamConfig):
    outputs = Outputs(str(out / "kept"), str(out / "rejected"), str(out / "stats.json"))
    stats = run_clean("web", source, config, outputs)
    return (
        stats,
        pq.read_table(outputs.kept).to_pylist(),
        pq.read_table(outputs.rejected).to_pylist(),
    )


def test_workers_without_the_project_run_it_from_the_shipped_wheel(
    source, workers_without_project, tmp_path
):
    reference = clean(tmp_path / "in-process", source, BeamConfig(runner="direct", workers=1))
    shipped = BeamConfig(runner="portable", workers=2, ship_code=True)
    got = clean(tmp_path / "shipped", source, shipped)
    assert reference[0]["docs_in"] == 10 and 0 < reference[0]["docs_out"] < 10
    assert got[0] == reference[0]  # statistics
    assert got[1] == reference[1]  # kept rows, in order
    assert got[2] == reference[2]  # rejected rows


def test_without_shipping_those_workers_cannot_import_the_project(
    source, workers_without_project, tmp_path
):
    with pytest.raises(RuntimeError, match="No module named 'pipeline'"):
        clean(tmp_path / "out", source, BeamConfig(runner="portable", workers=1))
