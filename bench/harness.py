"""The benchmarks' one harness: where a figure ran, and what one run of a command cost.

`measure`'s record: `wall_s`, `cpu_s` (every process of the tree: the reaped ones' rusage, or
the sampled CPU times where higher), `peak_rss_mb` (the sampled peak of the tree's sum, or the
largest single process's high-water mark where a peak fell between samples),
`rss_mb_at_peak_by_role` (that peak sample split by `role()`: main, jvm, sdk worker, python,
other), `peak_rss_mb_by_role` (each role's own highest sum), `cpu_s_by_role`, `max_processes`,
`rss_mb_over_time` ([seconds, MB] once a second), `load_before`, `load_after`, `returncode`,
`result` (the last line of stdout parsed as JSON, else None), and `error` when the run was
stopped or failed (`stopped: True` when `stop_when` stopped it).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from common.interrupt import Stopped, report_stop, stoppable

ROOT = Path(__file__).resolve().parents[1]
# The third-party text beside the project, or SCHOON_CORPORA (`make mutants` runs from a copy).
CORPORA = Path(os.environ.get("SCHOON_CORPORA") or ROOT.parent / "shared" / "corpora")


def corpus_path(*parts: str, corpora: Path = CORPORA) -> Path:
    """A path inside the shared corpora; exits with a message when it is absent."""
    path = corpora.joinpath(*parts)
    if not path.exists():
        raise SystemExit(
            f"{path} is not there: the benchmarks read the third-party corpora beside the "
            "project (../shared/corpora, or SCHOON_CORPORA), which are not part of it."
        )
    return path


def machine() -> dict:
    """The CPU, cores, memory and Python of this machine."""
    import psutil

    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
    }


def load() -> list[float]:
    """The load average now (1, 5 and 15 minutes)."""
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return [round(x, 2) for x in os.getloadavg()]


def header(script: str, argv: Sequence[str] | None = None) -> dict:
    """A results file's head: the command, the UTC date, `machine()` and `load()`."""
    argv = sys.argv[1:] if argv is None else argv
    return {
        "command": " ".join(["python -m", script, *argv]),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_at_start": load(),
    }


def role(cmdline: list[str]) -> str:
    """A measured process's role: `jvm` (Flink, Spark), `sdk worker`, `python` or `other`."""
    program = os.path.basename(cmdline[0]) if cmdline else ""
    line = " ".join(cmdline)
    if program.startswith("java"):
        return "jvm"
    if program == "boot" or "sdk_worker" in line or "worker_pool_main" in line:
        return "sdk worker"
    return "python" if program.startswith("python") else "other"


class TreeSampler(threading.Thread):
    """Every `every` s: the summed RSS of `pid` and its descendants (peak kept), how many
    there are, every pid seen and the CPU seconds each was last seen with."""

    def __init__(self, pid: int, every: float = 0.1):
        super().__init__(daemon=True)
        import psutil

        self.root = psutil.Process(pid)
        self.every = every
        self.peak_rss = self.rss = self.max_procs = 0
        self.cpu: dict[tuple[int, float], float] = {}  # (pid, create_time) -> user + system
        self.roles: dict[tuple[int, float], str] = {}  # (pid, create_time) -> its role
        self.pids: set[int] = set()
        self.series: list[list[float]] = []  # [seconds, MB] once a second
        self.at_peak: dict[str, int] = {}  # role -> RSS bytes, in the sample with the peak sum
        self.role_peaks: dict[str, int] = {}  # role -> its own highest RSS sum
        self._t0 = time.perf_counter()
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.every)

    def sample(self) -> None:
        import psutil

        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        rss = 0
        by_role: dict[str, int] = {}
        for p in procs:
            with contextlib.suppress(psutil.Error):  # a worker may exit between the calls
                one = p.memory_info().rss
                t = p.cpu_times()
                key = p.pid, p.create_time()
                self.cpu[key] = t.user + t.system
                self.pids.add(p.pid)
                # Read each time (`sh boot` execs its program); an exiting process's is empty.
                line = p.cmdline()
                name = "main" if p.pid == self.root.pid else role(line) if line else None
                name = self.roles[key] = name or self.roles.get(key, "other")
                by_role[name] = by_role.get(name, 0) + one
                rss += one
        self.rss = rss
        if rss > self.peak_rss:
            self.at_peak = by_role
        self.peak_rss = max(self.peak_rss, rss)
        for name, value in by_role.items():
            self.role_peaks[name] = max(self.role_peaks.get(name, 0), value)
        self.max_procs = max(self.max_procs, len(procs))
        now = time.perf_counter() - self._t0
        if not self.series or now - self.series[-1][0] >= 1.0:
            self.series.append([round(now, 1), round(rss / 2**20)])

    def cpu_by_role(self) -> dict[str, float]:
        """CPU seconds of the processes seen, summed by role (a process that exited between
        samples counts as last seen)."""
        by_role: dict[str, float] = {}
        for key, seconds in self.cpu.items():  # a process gone before its role was read: other
            name = self.roles.get(key, "other")
            by_role[name] = by_role.get(name, 0.0) + seconds
        return {k: round(v, 1) for k, v in sorted(by_role.items())}

    def kill(self) -> None:
        """SIGKILL the root's process group, then every descendant seen that left it."""
        import psutil

        self.sample()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.root.pid, signal.SIGKILL)
        for pid in self.pids - {self.root.pid}:
            with contextlib.suppress(psutil.Error):
                psutil.Process(pid).kill()

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _wait(pid: int, sampler: TreeSampler, record: dict, timeout, cap_gb, stop_when):
    """Wait for `pid`, killing its tree at the time limit, the memory cap or `stop_when` (and
    saying so in `record`); its wait status and resource usage."""
    started = time.perf_counter()
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage
        elapsed = time.perf_counter() - started
        if elapsed > timeout:
            record["error"] = f"over the {timeout:.0f} s limit"
        elif cap_gb and sampler.rss > cap_gb * 2**30:
            record["error"] = (
                f"stopped at {sampler.rss / 2**30:.1f} GiB after {elapsed:.0f} s (cap {cap_gb} GiB)"
            )
        elif stop_when and stop_when():
            record["stopped"] = True
        if "error" in record or "stopped" in record:
            sampler.kill()
            _, status, usage = os.wait4(pid, 0)
            return status, usage
        time.sleep(0.02)


def measure(
    cmd: Sequence[str],
    *,
    cwd: Path = ROOT,
    env: dict | None = None,
    timeout: float = 3600.0,
    cap_gb: float | None = None,
    stop_when: Callable[[], bool] | None = None,
    every: float = 0.1,
) -> dict:
    """Run `cmd` in a process group of its own and measure its tree (the record: the module
    docstring); `env` is added to this process's environment, with PYTHONHASHSEED=0 and
    PYTHONPATH=ROOT."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0", **(env or {})}
    record: dict = {"load_before": load()}
    with tempfile.TemporaryFile(mode="w+") as stdout:  # a pipe could fill and block the run
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), cwd=cwd, env=full_env, stdout=stdout, text=True, start_new_session=True
        )
        sampler = TreeSampler(proc.pid, every)
        sampler.start()
        status = usage = None
        try:  # a stop (SIGINT, SIGTERM) or an error here takes the measured tree with it
            with stoppable():
                status, usage = _wait(proc.pid, sampler, record, timeout, cap_gb, stop_when)
        except Stopped as e:
            sampler.kill()
            raise SystemExit(report_stop("bench", e, "the measured run")) from None
        except BaseException:
            sampler.kill()
            raise
        finally:
            sampler.stop()
            proc.returncode = os.waitstatus_to_exitcode(status) if status is not None else -9
        wall = time.perf_counter() - started
        stdout.seek(0)
        lines = stdout.read().strip().splitlines()
    result = None
    with contextlib.suppress(ValueError, IndexError):
        result = json.loads(lines[-1])
    reaped = usage.ru_utime + usage.ru_stime if usage else 0.0
    record.update(
        returncode=proc.returncode,
        wall_s=round(wall, 2),
        cpu_s=round(max(reaped, sum(sampler.cpu.values())), 2),
        peak_rss_mb=round(max(sampler.peak_rss / 2**20, (usage.ru_maxrss if usage else 0) / 1024)),
        max_processes=sampler.max_procs,
        rss_mb_at_peak_by_role={k: round(v / 2**20) for k, v in sorted(sampler.at_peak.items())},
        peak_rss_mb_by_role={k: round(v / 2**20) for k, v in sorted(sampler.role_peaks.items())},
        cpu_s_by_role=sampler.cpu_by_role(),
        rss_mb_over_time=sampler.series,
        load_after=load(),
        result=result,
    )
    if proc.returncode != 0 and "error" not in record and "stopped" not in record:
        record["error"] = f"exit {proc.returncode}"
    return record


def _cpu() -> float:
    """CPU seconds of this process and of the children it has waited for."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Clock:
    """Inside a measured process: wall and CPU seconds (`_cpu`) since the clock was last
    (re)started, e.g. once word lists are loaded."""

    def __init__(self):
        self.restart()

    def restart(self) -> None:
        self.wall, self.cpu = time.perf_counter(), _cpu()

    def read(self) -> dict:
        return {"work_wall_s": time.perf_counter() - self.wall, "work_cpu_s": _cpu() - self.cpu}


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def report(script: str, body: dict, out: Path | None = None) -> dict:
    """`body` between `header(script)` and the load at the end; written to `out` if given."""
    result = {**header(script), **body, "load_at_end": load()}
    if out:
        write_json(out, result)
    return result
