"""A stage stopped with its parent: `dvc repro` ends on a SIGTERM (or a scheduler kills it) and
the stage it runs stops too, in one line, instead of running on orphaned."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil

from tests.conftest import ROOT

# A stage whose work waits until it is stopped, started by a parent that then waits too.
STAGE = (
    "import sys, time; from stages.stage import run; "
    "rc = run('slow', lambda: time.sleep(120) or 'done', after_stop='nothing done'); "
    "open(sys.argv[1], 'w').write(str(rc))"
)
PARENT = (
    "import subprocess, sys, time; "
    "subprocess.Popen([sys.executable, '-c', sys.argv[1], sys.argv[3]], "
    "stderr=open(sys.argv[2], 'w')); "
    "time.sleep(120)"
)


def test_a_stage_whose_parent_is_killed_stops_in_one_line(tmp_path):
    err = tmp_path / "stage.err"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    status = tmp_path / "stage.status"
    command = [sys.executable, "-c", PARENT, STAGE, str(err), str(status)]
    parent = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while not (children := psutil.Process(parent.pid).children()):
        assert time.monotonic() < deadline, "the stage never started"
        time.sleep(0.05)
    (stage,) = children
    time.sleep(2)  # the stage is in its work
    parent.send_signal(signal.SIGKILL)  # as dvc ends on SIGTERM, without passing it on
    parent.wait()
    stage.wait(timeout=20)  # ended (a grandchild: its exit status is in `status`)
    assert status.read_text() == str(128 + signal.SIGTERM)
    assert err.read_text().strip().splitlines() == [
        "slow: the stage stopped by SIGTERM; nothing done"
    ]
