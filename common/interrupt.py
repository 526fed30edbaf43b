"""A run stopped by SIGINT or SIGTERM: everything it started stops, and stderr gets one line.

Python turns SIGINT into `KeyboardInterrupt`, which unwinds the `with` blocks that stop a
run's helpers (the worker pool, the Dask cluster, the staging directories); SIGTERM, which
schedulers and CI send, would kill the process on the spot and leave its job server and worker
pool running. Inside `stoppable()`, both raise `Stopped` in the main thread. From that moment
stderr is muted: Beam's threads and the gRPC streams cut by the stop would print tracebacks
while the run unwinds. `report_stop` then stops every process still under this one (SIGTERM,
SIGKILL 5 s later) and writes the one line, with the exit status a shell gives a process
ended by that signal (130, 143).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_stderr: int | None = None  # the real stderr, once muted
_progress: Callable[[], str] | None = None  # what a stop leaves done, for the one line


class Stopped(KeyboardInterrupt):
    """The run was stopped by signal `signum`."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def stoppable() -> Iterator[None]:
    """SIGINT and SIGTERM raise `Stopped` inside the block (main thread only)."""

    def stop(signum, frame):
        _mute_stderr()
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def stop_with_parent() -> None:
    """Receive SIGTERM when the parent process ends (Linux; elsewhere nothing). A stage under
    `dvc repro`: a SIGTERM to dvc ends dvc alone, and would leave the stage running on,
    orphaned; with this it stops as if it had been sent the signal itself."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != parent:  # the parent ended before the request was made
        os.kill(os.getpid(), signal.SIGTERM)


def describe_progress(progress: Callable[[], str] | None) -> None:
    """What the stop line says is done, asked when the stop comes (None: nothing to say)."""
    global _progress
    _progress = progress


def report_stop(prog: str, stopped: Stopped, what: str) -> int:
    """Stop this process's descendants, write `PROG: WHAT stopped by SIGNAL; PROGRESS` on the
    real stderr, and return the exit status."""
    stop_descendants()
    done = ""
    if _progress is not None:
        with contextlib.suppress(Exception):  # the line is written whatever the count does
            done = _progress()
    line = f"{prog}: {what} stopped by {signal.Signals(stopped.signum).name}"
    _write_stderr(line + (f"; {done}" if done else "") + "\n")
    return 128 + stopped.signum


def stop_descendants(timeout: float = 5) -> None:
    """SIGTERM to every process under this one, SIGKILL to those left after `timeout`."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=timeout)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(alive, timeout=timeout)


def _mute_stderr() -> None:
    global _stderr
    if _stderr is not None:
        return
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    _stderr = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _write_stderr(text: str) -> None:
    os.write(_stderr if _stderr is not None else 2, text.encode())
