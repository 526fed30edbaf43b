"""What a run leaves in the temporary directory: nothing. The job servers' temporary files
(Flink's shuffle files, Spark's block manager) and Beam's staging litter go to the process's
scratch directory, removed when it exits; one left by a killed process goes with the next run."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from pipeline.beam import engines
from tests.pipeline.beam.test_runners import needs_engine
from tests.pipeline.helpers import output_flags, schoon_clean, write_shards

# What each job server writes to its temporary directory while it runs (Flink's io.tmp.dirs,
# Spark's spark.local.dir): seen in the scratch directory, it shows the setting took.
JVM_FILES = {"flink": "flink-", "spark": "blockmgr-"}


@pytest.mark.parametrize("runner", ["portable", "prism", "flink", "spark"])
def test_a_run_leaves_nothing_in_the_temporary_directory(tmp_path, monkeypatch, runner):
    needs_engine(runner)
    write_shards(tmp_path / "in", 2, docs=40)
    params = tmp_path / "params.yaml"
    params.write_text(
        f"beam: {{runner: {runner}, workers: 2}}\nclean: {{}}\n"
        f"sources:\n  shards: {{format: jsonl, path: {tmp_path / 'in'}, preset: mc4nl}}\n"
    )
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))  # the run's, read when it starts
    proc = schoon_clean(tmp_path, params, *output_flags(tmp_path / "out"))
    seen: set[str] = set()
    while proc.poll() is None:
        seen |= {p.name for p in temporary.glob(f"{engines.SCRATCH_PREFIX}*/*")}
        time.sleep(0.1)
    _, err = proc.communicate()
    assert proc.returncode == 0, err
    assert sorted(p.name for p in temporary.iterdir()) == []
    if runner in JVM_FILES:
        assert any(name.startswith(JVM_FILES[runner]) for name in seen), seen


def test_the_scratch_of_a_process_gone_is_removed_and_a_running_ones_kept(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = tmp_path / f"{engines.SCRATCH_PREFIX}{gone.stdout.strip()}-abc"
    (dead / "flink-netty-shuffle-1").mkdir(parents=True)
    alive = tmp_path / f"{engines.SCRATCH_PREFIX}{os.getpid()}-def"
    alive.mkdir()
    other = tmp_path / "someone-elses"
    other.mkdir()
    engines.remove_stale_scratch()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])


def test_the_job_servers_write_their_temporary_files_to_the_scratch_directory():
    scratch = engines.scratch_dir()
    assert scratch.name.startswith(f"{engines.SCRATCH_PREFIX}{os.getpid()}-")
    assert engines.jvm_temporary_properties() == [f"-Djava.io.tmpdir={scratch}"]
