"""bench/harness.py: `measure` times a command and sees the memory of its whole process tree."""

from __future__ import annotations

import os
import sys
import time

from bench.harness import (
    TreeSampler,
    header,
    load,
    machine,
    measure,
    role,
)

# A child that starts a grandchild holding 200 MB for a second: only a tree sampler sees it
# (the child itself stays small).
GRANDCHILD = (
    "import time; b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1)"
)
CHILD = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {GRANDCHILD!r}])"


def test_measure_times_a_command_and_reads_its_last_json_line():
    r = measure([sys.executable, "-c", "print('noise'); print('{\"docs\": 3}')"])
    assert r["returncode"] == 0 and "error" not in r
    assert r["result"] == {"docs": 3}
    assert 0 < r["wall_s"] < 30 and r["cpu_s"] > 0 and r["peak_rss_mb"] > 1
    assert len(r["load_before"]) == 3 and len(r["load_after"]) == 3


def test_the_sampler_sees_a_grandchild_s_memory():
    r = measure([sys.executable, "-c", CHILD], every=0.05)
    assert r["returncode"] == 0
    assert r["max_processes"] >= 2
    assert r["peak_rss_mb"] > 150


def test_the_peak_is_split_by_role():
    r = measure([sys.executable, "-c", CHILD], every=0.05)
    by_role = r["rss_mb_at_peak_by_role"]
    assert by_role["python"] > 150 > by_role["main"]  # the grandchild holds the 200 MB
    # The split is of the sampled peak; `peak_rss_mb` may be higher (a child's own high-water
    # mark, which counts its image before exec: large when the caller is, as under pytest).
    assert sum(by_role.values()) <= r["peak_rss_mb"] + 5
    assert r["peak_rss_mb_by_role"]["python"] >= by_role["python"]


def test_cpu_is_split_by_role():
    spin = "import time; t = time.process_time(); exec('while time.process_time() - t < 0.5: pass')"
    r = measure([sys.executable, "-c", CHILD.replace(GRANDCHILD, spin)], every=0.05)
    by_role = r["cpu_s_by_role"]
    assert by_role["python"] >= 0.4 > by_role["main"]  # the grandchild spins
    assert sum(by_role.values()) <= r["cpu_s"] + 0.1
    sampler = TreeSampler(os.getpid())  # a process whose CPU was read but not its role
    sampler.cpu[(1, 0.0)] = 2.0
    assert sampler.cpu_by_role() == {"other": 2.0}


def test_a_process_seen_exiting_keeps_its_role():
    """An exiting process's command line is empty in its last samples (its memory is gone):
    its CPU stays with the role it had. Before, an SDK worker caught exiting counted as other:
    384 of the 1,752 CPU-seconds of a 1M dedup run on a Flink cluster."""
    from types import SimpleNamespace

    class Proc:  # what the sampler reads of a psutil.Process
        def __init__(self, pid, line, cpu):
            self.pid, self.line, self.cpu = pid, line, cpu

        def children(self, recursive):
            return [worker]

        def memory_info(self):
            return SimpleNamespace(rss=2**20)

        def cpu_times(self):
            return SimpleNamespace(user=self.cpu, system=0.0)

        def create_time(self):
            return 1.0

        def cmdline(self):
            return self.line

    worker = Proc(2, ["python", "-P", "-m", "apache_beam.runners.worker.sdk_worker_main"], 5.0)
    sampler = TreeSampler(os.getpid())
    sampler.root = Proc(1, ["python", "-m", "bench.dedup.run"], 0.5)
    sampler.sample()
    worker.line, worker.cpu = [], 6.0
    sampler.sample()
    assert sampler.cpu_by_role() == {"main": 0.5, "sdk worker": 6.0}
    worker.pid = 3  # a process never seen with a command line is other
    sampler.sample()
    assert sampler.cpu_by_role()["other"] == 6.0


def test_a_launcher_that_execs_is_counted_as_what_it_becomes():
    """`sh` first, then (same pid) the Python holding 200 MB: counted as python, not other."""
    import shlex

    launcher = f"sleep 0.5; exec {shlex.quote(sys.executable)} -c {shlex.quote(GRANDCHILD)}"
    child = f"import subprocess; subprocess.run(['sh', '-c', {launcher!r}])"
    r = measure([sys.executable, "-c", child], every=0.05)
    assert r["rss_mb_at_peak_by_role"]["python"] > 150
    assert r["peak_rss_mb_by_role"].get("other", 0) < 50


def test_roles_of_the_engines_processes():
    assert role(["/usr/lib/jvm/bin/java", "-jar", "beam-runners-flink-job-server.jar"]) == "jvm"
    assert role(["python", "-m", "apache_beam.runners.worker.worker_pool_main"]) == "sdk worker"
    assert role(["/tmp/beam/boot", "--id=1"]) == "sdk worker"
    assert role([".venv/bin/python3", "-m", "bench.dedup"]) == "python"
    assert role(["sh", "-c", "true"]) == "other" and role([]) == "other"


def test_tree_sampler_sums_the_tree(tmp_path):
    import subprocess

    proc = subprocess.Popen([sys.executable, "-c", CHILD])
    sampler = TreeSampler(proc.pid, every=0.05)
    sampler.start()
    proc.wait()
    sampler.stop()
    assert sampler.peak_rss > 150 * 2**20
    assert sampler.max_procs >= 2 and len(sampler.pids) >= 2


def test_a_run_over_its_limit_or_its_cap_is_stopped_with_its_children():
    started = time.perf_counter()
    r = measure([sys.executable, "-c", CHILD.replace("sleep(1)", "sleep(60)")], timeout=1.5)
    assert "limit" in r["error"] and time.perf_counter() - started < 20
    r = measure([sys.executable, "-c", CHILD.replace("sleep(1)", "sleep(60)")], cap_gb=0.1)
    assert "cap" in r["error"]
    r = measure([sys.executable, "-c", "import time; time.sleep(60)"], stop_when=lambda: True)
    assert r["stopped"] and "error" not in r


def test_a_failing_command_is_an_error():
    r = measure([sys.executable, "-c", "raise SystemExit(3)"])
    assert r["error"] == "exit 3" and r["result"] is None


def test_machine_and_header():
    m = machine()
    assert m["cores"] >= 1 and m["memory_gb"] > 0 and m["python"]
    assert len(load()) == 3
    h = header("bench.x", ["--docs", "5"])
    assert h["command"] == "python -m bench.x --docs 5" and h["date"].endswith("UTC")


def test_a_benchmark_stopped_by_sigterm_takes_its_measured_tree_with_it():
    """Schedulers stop jobs with SIGTERM: the measured run (in a session of its own) and what
    it started stop with the benchmark, which says so in one line."""
    import os
    import signal
    import subprocess

    import psutil

    from tests.conftest import ROOT

    held = CHILD.replace("sleep(1)", "sleep(120)")
    bench = subprocess.Popen(
        [sys.executable, "-c", f"import sys; from bench.harness import measure; "
         f"measure([sys.executable, '-c', {held!r}])"],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    tree = psutil.Process(bench.pid)
    deadline = time.monotonic() + 60
    while len(tree.children(recursive=True)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    started = tree.children(recursive=True)
    assert len(started) == 2, "the measured child and grandchild never started"
    bench.send_signal(signal.SIGTERM)
    _, err = bench.communicate(timeout=30)
    assert bench.returncode == 143, err
    assert err.strip().splitlines()[-1] == "bench: the measured run stopped by SIGTERM"
    psutil.wait_procs(started, timeout=10)
    assert [p.pid for p in started if p.is_running() and p.status() != "zombie"] == []
