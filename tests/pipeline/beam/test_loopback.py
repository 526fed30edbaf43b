"""What a local run listens on: loopback only, read from the process table while it runs.

Every port that schoon's own processes open (the CLI, the worker pool, the SDK workers, the
local Dask cluster) is on 127.0.0.1 or ::1, on every runner. The Spark driver and the Flink
mini-cluster inside Beam's job server are bound to `beam.listen_host`. What is still open to
the network is Beam's, not a setting of ours (docs/runners.md, "What a run listens on"): the
Java job server's Fn API servers (`ServerFactory` binds them with `NettyServerBuilder.forPort`)
and Prism's job port (`net.Listen(":PORT")`); the whole-tree check of those runners is a strict
xfail, so it fails the day a Beam release binds them to loopback and the exception can go.
"""

from __future__ import annotations

import ipaddress
import subprocess
import time

import psutil
import pytest

from tests.pipeline.beam.test_runners import needs_engine
from tests.pipeline.helpers import output_flags, schoon_clean, write_shards

LOCAL_RUNNERS = ["direct", "portable", "dask", "flink", "spark", "prism"]
BEAM_WILDCARDS = {"flink", "spark", "prism"}  # Beam's own servers listen on every interface


def is_loopback(ip: str) -> bool:
    address = ipaddress.ip_address(ip.split("%")[0])
    return (getattr(address, "ipv4_mapped", None) or address).is_loopback


def listening_while_running(proc: subprocess.Popen) -> dict[tuple[str, str], set[int]]:
    """Every (address, process name) the run's process tree listens on, sampled until it ends."""
    seen: dict[tuple[str, str], set[int]] = {}
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for process in tree:
            try:
                name = " ".join(process.cmdline()[:3])
                for c in process.net_connections(kind="inet"):
                    if c.status == psutil.CONN_LISTEN:
                        seen.setdefault((c.laddr.ip, name), set()).add(c.laddr.port)
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        time.sleep(0.05)
    return seen


RUNS: dict[str, dict[tuple[str, str], set[int]]] = {}


def run_and_listen(tmp_path_factory, runner: str) -> dict[tuple[str, str], set[int]]:
    """What a `schoon clean` on `runner` listened on (one run per runner for both tests)."""
    needs_engine(runner)
    if runner not in RUNS:
        RUNS[runner] = _run_and_listen(tmp_path_factory.mktemp(runner), runner)
    return RUNS[runner]


def _run_and_listen(tmp_path, runner: str) -> dict[tuple[str, str], set[int]]:
    write_shards(tmp_path / "in", 2, docs=40)
    params = tmp_path / "params.yaml"
    params.write_text(
        f"beam: {{runner: {runner}, workers: 2}}\nclean: {{}}\n"
        f"sources:\n  shards: {{format: jsonl, path: {tmp_path / 'in'}, preset: mc4nl}}\n"
    )
    proc = schoon_clean(tmp_path, params, *output_flags(tmp_path / "out"))
    seen = listening_while_running(proc)
    _, err = proc.communicate()
    assert proc.returncode == 0, err
    assert seen, "the run listened on nothing: the sampling missed it"
    return seen


def beams_own(name: str) -> bool:
    """Beam's Java job server or Prism, whose wildcard ports are not a setting of ours."""
    return name.startswith("java ") or "/prism" in name.split(" ")[0]


@pytest.mark.parametrize("runner", LOCAL_RUNNERS)
def test_schoons_processes_listen_on_loopback_only(tmp_path_factory, runner):
    seen = run_and_listen(tmp_path_factory, runner)
    open_to_all = {k: v for k, v in seen.items() if not is_loopback(k[0]) and not beams_own(k[1])}
    assert open_to_all == {}
    if runner in ("flink", "spark"):  # the engine in the job server is bound too
        assert any(is_loopback(ip) and name.startswith("java ") for ip, name in seen)


@pytest.mark.parametrize(
    "runner",
    [pytest.param(r, marks=pytest.mark.xfail(r in BEAM_WILDCARDS, strict=True,
                                             reason="Beam binds these to every interface"))
     for r in LOCAL_RUNNERS],
)  # fmt: skip
def test_the_whole_run_listens_on_loopback_only(tmp_path_factory, runner):
    seen = run_and_listen(tmp_path_factory, runner)
    assert {k: v for k, v in seen.items() if not is_loopback(k[0])} == {}
