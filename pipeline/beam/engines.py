"""Flink, Spark and Prism: Beam's job servers started from what `make` built here, and the SDK
worker pool.

`beam.runner: flink` (or `spark`) runs the job through Beam's `FlinkRunner` (`SparkRunner`).
Beam starts the job server itself, with `java -jar`, from the jar it is given by path
(`--flink_job_server_jar`, `--spark_job_server_jar`); `make jobservers` builds those jars with
Maven from deploy/jobserver/pom.xml into `.cache/jobserver/` (nothing downloads at run time).
Without `flink_master` (`spark_master_url`) the job server runs a local Flink mini-cluster
(Spark `local[N]`) in its own JVM: the same runner code that drives a real cluster.

`beam.runner: prism` runs the job on Prism, Beam's own local runner (a Go binary; the runner
that `DirectRunner` tries first). `make prism` builds it with `go install` from the Go module
proxy, at the Python SDK's own release, into `.cache/prism/`; Beam is given it by path
(`--prism_location`), so it never downloads one.

SDK workers: an EXTERNAL environment by default. The runner asks a worker pool
(`apache_beam.runners.worker.worker_pool_main`) for each SDK worker it needs; schoon starts one
pool on this machine, its workers booted by `pipeline/beam/worker_boot.py`, and stops it when the
job ends, or, with `worker_pool: HOST:PORT`, uses pools already running beside the task
managers, as a real cluster does (docs/runners.md). With `worker_environment: process`, a
PROCESS environment: each task manager starts its SDK workers itself, with the same boot.

Everything that can be checked before Beam starts is checked here, so that a runner that
cannot start says why in one line (`EngineError`) instead of a stack trace from inside Beam.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from common.config import ConfigError, JobError
from pipeline.beam import loopback

ROOT = Path(__file__).resolve().parents[2]
JAR_DIR = ROOT / ".cache" / "jobserver"
PRISM = ROOT / ".cache" / "prism" / "prism"
ENGINES = ("flink", "spark")
MAKE_TARGET = "make jobservers"


class EngineError(ConfigError):
    """A runner that cannot start, and why, in one line."""


def job_server_jar(engine: str, given: str = "") -> Path:
    """The job-server jar of `engine`: `given`, or the one `make jobservers` builds."""
    jar = Path(given) if given else JAR_DIR / engine / "job-server.jar"
    if not jar.is_file():
        hint = f"build it with `{MAKE_TARGET}`" if not given else "check beam.job_server_jar"
        raise EngineError(f"beam.runner: {engine}: no job-server jar at {jar}; {hint}")
    return jar


def prism_binary(given: str = "") -> Path:
    """The Prism binary: `given`, or the one `make prism` builds."""
    binary = Path(given) if given else PRISM
    if not binary.is_file():
        hint = "build it with `make prism`" if not given else "check beam.prism_binary"
        raise EngineError(f"beam.runner: prism: no Prism binary at {binary}; {hint}")
    return binary


def check_java() -> str:
    """`java` on PATH (Beam runs the job server with it), or an `EngineError`."""
    java = shutil.which("java")
    if java is None:
        raise EngineError(
            "beam.runner: flink and spark start Beam's job server with `java`, and there is "
            "none on PATH (install Java 17)"
        )
    return java


def check_address(address: str, what: str) -> None:
    """`address` (HOST:PORT, or a URL such as http://HOST:PORT) accepts connections, or an
    `EngineError` naming `what` it is."""
    hostport = address.split("://", 1)[-1].rstrip("/")
    host, _, port = hostport.rpartition(":")
    try:
        with socket.create_connection((host or "localhost", int(port)), timeout=5):
            pass
    except (OSError, ValueError) as e:
        raise EngineError(f"beam.{what}: nothing answers at {address} ({e})") from None


def cancel_flink_job(master: str, name: str) -> list[str]:
    """Cancel the running jobs named `name` on the Flink cluster whose REST endpoint is
    `master` (HOST:PORT or a URL); the ids cancelled."""
    import json
    import urllib.request

    base = master if "://" in master else f"http://{master}"
    with urllib.request.urlopen(f"{base.rstrip('/')}/jobs/overview", timeout=10) as r:
        jobs = json.load(r)["jobs"]
    ids = [j["jid"] for j in jobs if j["name"] == name and j["state"] not in FLINK_ENDED]
    for jid in ids:
        request = urllib.request.Request(
            f"{base.rstrip('/')}/jobs/{jid}?mode=cancel", method="PATCH"
        )
        urllib.request.urlopen(request, timeout=10).close()
    return ids


FLINK_ENDED = ("FINISHED", "CANCELED", "FAILED", "CANCELLING")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SCRATCH_PREFIX = "schoon-scratch-"


@functools.cache
def scratch_dir() -> Path:
    """This process's scratch directory, `TMP/schoon-scratch-PID-*`: the job servers' temporary
    files (Flink's shuffle files, Spark's block manager, which grow with the data) and Beam's
    staging litter go here, and it is removed when the process exits. A process killed with
    SIGKILL cannot remove its own, so each new one first removes those of processes gone."""
    remove_stale_scratch()
    path = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
    # Registered before Beam registers the stop of its job servers, so it runs after it.
    atexit.register(shutil.rmtree, path, True)
    return path


def remove_stale_scratch() -> None:
    """Remove the scratch directories of processes that no longer run."""
    import psutil

    for path in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        pid = path.name.removeprefix(SCRATCH_PREFIX).split("-")[0]
        if pid.isdigit() and not psutil.pid_exists(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def temporary_files_in(directory: Path) -> Iterator[None]:
    """Python's temporary files (`tempfile`) go under `directory` in the block: Beam's stager
    leaves a directory of its own there at every job submission."""
    before = tempfile.tempdir
    tempfile.tempdir = str(directory)
    try:
        yield
    finally:
        tempfile.tempdir = before


def jvm_temporary_properties() -> list[str]:
    """The JVM property that puts a job server's temporary files in the scratch directory (Flink's
    `io.tmp.dirs` and Spark's `spark.local.dir` default to it)."""
    return [f"-Djava.io.tmpdir={scratch_dir()}"]


def spark_properties(host: str) -> list[str]:
    """JVM properties that bind Spark's driver (in the job server; its RPC and block manager
    ports) to `host` and tell executors to reach it there."""
    return [f"-Dspark.driver.bindAddress={host}", f"-Dspark.driver.host={host}"]


@contextlib.contextmanager
def flink_conf_dir(host: str) -> Iterator[Path]:
    """A Flink configuration directory, for as long as the block lasts, that binds a
    mini-cluster's RPC, blob, data and REST ports to `host`."""
    keys = ("jobmanager.rpc.address", "jobmanager.bind-host", "taskmanager.host",
            "taskmanager.bind-host", "rest.address", "rest.bind-address")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="schoon-flink-conf-") as tmp:
        lines = "".join(f"{key}: {host}\n" for key in keys)
        (Path(tmp) / "config.yaml").write_text(lines, encoding="utf-8")
        yield Path(tmp)


@contextlib.contextmanager
def environment(settings: dict[str, str]) -> Iterator[None]:
    """This process's environment with `settings`, restored when the block ends."""
    before = {key: os.environ.get(key) for key in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def worker_pool(address: str = "", verbose: bool = False) -> Iterator[str]:
    """The address of an SDK worker pool: `address` when given (checked), else a pool of this
    interpreter started on 127.0.0.1 and stopped when the block ends.

    The pool starts each worker through the project's boot (`pipeline/beam/worker_boot.py`, as its
    `--container_executable`): Beam's pool on its own starts an `SdkHarness` that never reads
    the job's pipeline options, so a worker would open `s3://` without its endpoint or keys.
    The boot asks the runner's provision service for them, as Beam's container boot does.
    The pool's output and its workers' (every start and stop, and their tracebacks when the
    runner hangs up on them at the end of a job) go to a log file, named if the pool fails,
    unless `verbose`."""
    if address:
        check_address(address, "worker_pool")
        yield address
        return
    port = free_port()
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="schoon-pool-")))
        command = [sys.executable, "-m", loopback.__name__, f"--service_port={port}",
                   f"--container_executable={boot_script(tmp)}"]  # fmt: skip
        log = None if verbose else stack.enter_context(open(tmp / "worker_pool.log", "wb"))
        # A session of its own: the pool and the SDK workers it starts are stopped together.
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                start_new_session=True)  # fmt: skip
        try:
            _wait_for_port(proc, port, log.name if log else "")
            with failing_when_a_worker_cannot_boot(tmp):
                yield f"localhost:{port}"
        finally:
            stop_group(proc)


def stop_group(proc: subprocess.Popen, timeout: float = 5) -> None:
    """Stop `proc` and every process of its session: SIGTERM, and SIGKILL to whatever of the
    session is left `timeout` seconds later (or as soon as `proc` has gone)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=timeout)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@contextlib.contextmanager
def process_workers() -> Iterator[str]:
    """A PROCESS environment's worker command: the boot script, in a directory that lives as
    long as the block. Each task manager runs it with `--id` and `--provision_endpoint` for
    every SDK worker it needs, so the path must exist on the machines of the task managers: on
    a cluster of several machines, a shared file system or the same checkout at the same path."""
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="schoon-process-")))
        stack.enter_context(failing_when_a_worker_cannot_boot(tmp))
        yield str(boot_script(tmp))


class WorkerBootFailed(KeyboardInterrupt):
    """An SDK worker failed to boot. Raised in the main thread as a stop is, so that the job
    is cancelled where it runs on the way out (`runner._cancelled_when_stopped`)."""


@contextlib.contextmanager
def failing_when_a_worker_cannot_boot(directory: Path) -> Iterator[None]:
    """A worker booted from `directory` that fails (`worker_boot.BOOT_FAILED`) fails the job in
    one line (`JobError`): a runner waits for a worker that never connects, forever. A thread
    looks for the report and interrupts the main thread with SIGUSR1 (only the main thread can
    take a signal; elsewhere nothing is watched)."""
    from pipeline.beam.worker_boot import BOOT_FAILED

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    report, done = directory / BOOT_FAILED, threading.Event()

    def interrupted(signum, frame):
        if not done.is_set():
            raise WorkerBootFailed(report.name)

    def watch() -> None:
        while not done.wait(0.5):
            if report.exists():
                signal.pthread_kill(threading.main_thread().ident, signal.SIGUSR1)
                return

    previous = signal.signal(signal.SIGUSR1, interrupted)
    watcher = threading.Thread(target=watch, name="schoon-boot-watch", daemon=True)
    watcher.start()
    try:
        yield
    except WorkerBootFailed:
        reason = report.read_text(encoding="utf-8", errors="replace").splitlines()[0]
        raise JobError(
            f"an SDK worker failed to start ({reason}); the job was cancelled and its outputs "
            "were not written"
        ) from None
    finally:
        done.set()
        watcher.join()
        signal.signal(signal.SIGUSR1, previous)


def boot_script(directory: Path) -> Path:
    """An executable that boots one SDK worker with this interpreter through
    `pipeline/beam/worker_boot.py`, its working files under `directory`."""
    from pipeline.beam import worker_boot

    boot = directory / "boot"
    boot.write_text(
        "#!/bin/sh\n"
        f'exec "{sys.executable}" -P "{Path(worker_boot.__file__).resolve()}" '
        f'--semi_persist_dir="{directory}" "$@"\n'
    )
    boot.chmod(0o755)
    return boot


def _wait_for_port(proc: subprocess.Popen, port: int, log: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            output = Path(log).read_text(encoding="utf-8", errors="replace")[-300:] if log else ""
            raise EngineError(
                f"the SDK worker pool exited at start (code {proc.returncode}): {output.strip()}"
            )
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise EngineError(f"the SDK worker pool did not listen on port {port} in {timeout:.0f} s")
