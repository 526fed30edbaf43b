"""A run stopped by SIGTERM (as schedulers and CI stop jobs) or SIGINT (Ctrl-C), on every
runner: every process it started stops, stderr ends with one line and no traceback, the exit
status is the shell's (143, 130), and a rerun resumes to the outputs of an uninterrupted run."""

from __future__ import annotations

import signal

import psutil
import pytest

from pipeline.beam.runner import BeamConfig
from pipeline.sources import SourceConfig
from tests.pipeline.beam.test_runners import needs_engine
from tests.pipeline.helpers import clean_in_process as clean
from tests.pipeline.helpers import (
    committed,
    kill_after_commits,
    output_flags,
    read_outputs,
    schoon_clean,
    write_shards,
)

SHARDS = 8


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    directory = tmp_path_factory.mktemp("shards")
    write_shards(directory, SHARDS, docs=300)
    return directory


@pytest.fixture(scope="module")
def uninterrupted(shards, tmp_path_factory):
    config = SourceConfig(format="jsonl", path=str(shards), preset="mc4nl")
    return clean(tmp_path_factory.mktemp("ref"), config, BeamConfig(), name="shards")


@pytest.mark.parametrize(
    ("runner", "sig"),
    [("direct", signal.SIGTERM), ("portable", signal.SIGTERM), ("flink", signal.SIGTERM),
     ("spark", signal.SIGTERM), ("prism", signal.SIGTERM), ("dask", signal.SIGTERM),
     ("spark", signal.SIGINT)],
    ids=lambda v: getattr(v, "name", v),
)  # fmt: skip
def test_a_stopped_run_leaves_nothing_running_and_a_rerun_resumes(
    tmp_path, shards, uninterrupted, runner, sig
):
    needs_engine(runner)
    params = tmp_path / "params.yaml"
    params.write_text(
        f"beam: {{runner: {runner}, workers: 2}}\nclean: {{}}\n"
        f"sources:\n  shards: {{format: jsonl, path: {shards}, preset: mc4nl}}\n"
    )
    work = tmp_path / "work"
    flags = [*output_flags(tmp_path / "out"), "--work", str(work)]
    proc = schoon_clean(tmp_path, params, *flags)
    tree = psutil.Process(proc.pid)
    started: dict[int, psutil.Process] = {}

    def watch() -> None:  # every process of the run, as long as it is running
        for child in tree.children(recursive=True):
            started.setdefault(child.pid, child)

    while committed(work) < 1 and proc.poll() is None:
        watch()
    watch()
    assert proc.poll() is None, "the run ended before it could be stopped"
    done = kill_after_commits(proc, work, at_least=1, sig=sig)
    err = proc.stderr.read()
    assert proc.returncode == 128 + sig, err
    assert started, "the run started no process: nothing was checked"
    survivors = [p.pid for p in started.values() if _alive(p)]
    assert survivors == [], f"left running: {survivors}"
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (
        f"schoon: clean stopped by {signal.Signals(sig).name}; {done} of {SHARDS} files cleaned, "
        f"kept in {work}; run it again to resume (outputs are written only by a run that "
        "finishes)"
    )
    assert not (tmp_path / "out").exists()  # no output that looks complete

    proc = schoon_clean(tmp_path, params, *flags)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    # A runner that commits files in one bundle may have committed them all before the signal.
    resumed = (
        f"all {SHARDS} files already cleaned" if done == SHARDS
        else f"{SHARDS} files, {SHARDS - done} to clean"
    )  # fmt: skip
    assert resumed in err
    out = tmp_path / "out"
    assert read_outputs(out / "kept", out / "rejected", out / "s.json") == uninterrupted


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
