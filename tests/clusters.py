"""Real clusters on this machine for the tests: a Spark standalone cluster and a Flink session
cluster, bound to 127.0.0.1, started from the distributions that `make clusters` installs from
PyPI into .cache/clusters/ (pyspark 3.5.0's Spark, apache-flink 1.19.0's Flink; neither in the
project's venv) and stopped by PID.

Each daemon runs in the foreground as a child of the test process (`spark-class` and Flink's
`start-foreground` exec the JVM, so the child's PID is the JVM's), in a session of its own, and
asks the kernel to kill it when the test process dies (PR_SET_PDEATHSIG): a failing test, a
SIGTERM or a SIGKILL of pytest leaves no cluster behind. Their logs stay in the cluster's
directory under pytest's temporary one, named when a daemon does not come up.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CLUSTERS = ROOT / ".cache" / "clusters"
SPARK_HOME = CLUSTERS / "spark" / "pyspark"
FLINK_HOME = CLUSTERS / "flink" / "pyflink"
MAKE_TARGET = "make clusters"


class ClusterError(RuntimeError):
    """A cluster that did not come up, with the tail of its log."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child before exec: SIGKILL when the parent dies (Linux), and a session of its own
    so that a terminal's Ctrl-C reaches the test process, which then stops it in order."""
    os.setsid()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


@dataclass
class Daemon:
    """One foreground daemon: its process and its log."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    proc: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                self.command, env=self.env, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                preexec_fn=_die_with_parent,
            )  # fmt: skip

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 20 s, by PID."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def kill(self) -> None:
        """SIGKILL, as a machine failure would end it."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def check_alive(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            tail = self.log.read_text(errors="replace")[-1500:] if self.log.exists() else ""
            code = None if self.proc is None else self.proc.returncode
            raise ClusterError(f"{self.name} exited (code {code}); {self.log}:\n{tail}")


def get_json(url: str, timeout: float = 30) -> dict:
    """A REST answer. A JobManager busy with a submission on a loaded 2-core machine has taken
    more than 5 s to answer in CI, so the wait is long, and pollers ask again."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.load(response)


def wait_for(what: str, ready, daemons: list[Daemon], timeout: float = 120) -> None:
    """Poll `ready()` until it is true, failing early when a daemon exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for daemon in daemons:
            daemon.check_alive()
        with contextlib.suppress(OSError, ValueError):
            if ready():
                return
        time.sleep(0.5)
    logs = ", ".join(str(d.log) for d in daemons)
    raise ClusterError(f"{what} not ready after {timeout:.0f} s (logs: {logs})")


def _java_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYSPARK", "SPARK_"))}
    env.update(extra)
    env["PATH"] = f"{Path(shutil.which('java') or '/usr/bin/java').parent}:{env.get('PATH', '')}"
    return env


@dataclass
class SparkCluster:
    """A Spark standalone master and one worker on 127.0.0.1."""

    directory: Path
    cores: int = 2
    memory: str = "3g"
    port: int = field(default_factory=free_port)
    ui_port: int = field(default_factory=free_port)
    daemons: dict[str, Daemon] = field(default_factory=dict)

    @property
    def master_url(self) -> str:
        return f"spark://127.0.0.1:{self.port}"

    runner = "spark"

    @property
    def settings(self) -> dict[str, str]:
        """The `clean` settings that send a job here."""
        return {"spark_master_url": self.master_url}

    def state(self) -> dict:
        """The master's JSON view: workers, active and completed applications."""
        return get_json(f"http://127.0.0.1:{self.ui_port}/json/")

    def submitted(self) -> list[str]:
        """The names of the applications the master has run or runs."""
        state = self.state()
        return [app["name"] for app in state["activeapps"] + state["completedapps"]]

    def running(self) -> list[str]:
        return [app["name"] for app in self.state()["activeapps"] if app["state"] == "RUNNING"]

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        env = _java_env(
            SPARK_HOME=str(SPARK_HOME),
            SPARK_LOCAL_IP="127.0.0.1",  # RPC and web UIs bind here, not on every interface
            SPARK_LOG_DIR=str(self.directory / "logs"),
            # The worker's application directories (its jars, ~2 GB a job) stay out of the tree.
            SPARK_WORKER_DIR=str(self.directory / "work"),
            SPARK_NO_DAEMONIZE="1",
        )
        spark_class = str(SPARK_HOME / "bin" / "spark-class")
        self.daemons["master"] = Daemon(
            "the Spark master",
            ["bash", spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
             "--port", str(self.port), "--webui-port", str(self.ui_port)],
            env, self.directory / "master.log",
        )  # fmt: skip
        self.daemons["master"].start()
        wait_for("the Spark master", lambda: self.state()["status"] == "ALIVE",
                 [self.daemons["master"]])  # fmt: skip
        self.start_worker()

    def start_worker(self) -> None:
        """(Re)start the worker and wait until the master counts it alive."""
        env = self.daemons["master"].env
        self.daemons["worker"] = Daemon(
            "the Spark worker",
            ["bash", str(SPARK_HOME / "bin" / "spark-class"),
             "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
             "--webui-port", str(free_port()), "--cores", str(self.cores),
             "--memory", self.memory, self.master_url],
            env, self.directory / "worker.log",
        )  # fmt: skip
        self.daemons["worker"].start()
        wait_for("the Spark worker", lambda: self.state()["aliveworkers"] >= 1,
                 list(self.daemons.values()))  # fmt: skip

    def stop(self) -> None:
        for name in ("worker", "master"):
            if name in self.daemons:
                self.daemons[name].stop()


@dataclass
class FlinkCluster:
    """A Flink session cluster, a JobManager and one TaskManager, on 127.0.0.1."""

    directory: Path
    slots: int = 2
    memory: str = "3072m"  # the TaskManager's process size
    managed_fraction: float = 0.4  # of its Flink memory, for sorts and joins (Flink's default)
    task_off_heap: str = "0m"  # direct memory for the tasks, the SDK workers' gRPC traffic
    rest_port: int = field(default_factory=free_port)
    daemons: dict[str, Daemon] = field(default_factory=dict)

    @property
    def master(self) -> str:
        """HOST:PORT of the REST endpoint: schoon's `flink_master`."""
        return f"127.0.0.1:{self.rest_port}"

    runner = "flink"

    @property
    def settings(self) -> dict[str, str]:
        """The `clean` settings that send a job here."""
        return {"flink_master": self.master}

    def jobs(self) -> list[dict]:
        """The jobs the JobManager has run or runs: name, state, ..."""
        return get_json(f"http://{self.master}/jobs/overview")["jobs"]

    def submitted(self) -> list[str]:
        return [job["name"] for job in self.jobs()]

    def running(self) -> list[str]:
        return [job["name"] for job in self.jobs() if job["state"] == "RUNNING"]

    def task_managers(self) -> int:
        return len(get_json(f"http://{self.master}/taskmanagers")["taskmanagers"])

    def write_config(self) -> None:
        """A configuration directory: the distribution's (its Java 17 options, log4j files),
        every address and port on 127.0.0.1, memory sized for a 2-core test machine."""
        conf = self.directory / "conf"
        shutil.copytree(FLINK_HOME / "conf", conf, dirs_exist_ok=True)
        config = yaml.safe_load((FLINK_HOME / "conf" / "config.yaml").read_text())
        java_opts = config["env"]["java"]["opts"]["all"]
        settings = {
            "env.java.opts.all": java_opts,
            "jobmanager.rpc.address": "127.0.0.1",
            "jobmanager.rpc.port": free_port(),
            "jobmanager.bind-host": "127.0.0.1",
            "jobmanager.memory.process.size": "1024m",
            "taskmanager.host": "127.0.0.1",
            "taskmanager.bind-host": "127.0.0.1",
            "taskmanager.rpc.port": "0",
            "taskmanager.data.port": "0",
            "taskmanager.numberOfTaskSlots": self.slots,
            "taskmanager.memory.process.size": self.memory,
            "taskmanager.memory.managed.fraction": self.managed_fraction,
            "taskmanager.memory.task.off-heap.size": self.task_off_heap,
            # The dedup job's many shuffles at parallelism 2 ask for more network buffers than
            # the default share (0.1) gives ("Insufficient number of network buffers:
            # required 512, but only 454 available" with 2 GB and the defaults).
            "taskmanager.memory.network.fraction": "0.25",
            "taskmanager.memory.network.max": "1g",
            "rest.address": "127.0.0.1",
            "rest.bind-address": "127.0.0.1",
            "rest.port": self.rest_port,
            "blob.server.port": "0",
            "parallelism.default": 1,
            # A lost TaskManager is noticed in seconds, and fails a job that finds no slot in
            # 30 s instead of 5 min.
            "heartbeat.interval": "2000",
            "heartbeat.timeout": "10000",
            "slot.request.timeout": "30000",
            "io.tmp.dirs": str(self.directory / "tmp"),
            # An uncaught error (an OutOfMemoryError in a gRPC thread) ends the process and
            # so fails the job; Flink's default logs it and the job waits forever.
            "cluster.uncaught-exception-handling": "FAIL",
        }
        (conf / "config.yaml").write_text(yaml.safe_dump(settings, sort_keys=True))

    def _daemon(self, script: str, name: str) -> Daemon:
        env = _java_env(
            FLINK_HOME=str(FLINK_HOME),
            FLINK_CONF_DIR=str(self.directory / "conf"),
            FLINK_LOG_DIR=str(self.directory / "logs"),
        )
        return Daemon(name, ["bash", str(FLINK_HOME / "bin" / script), "start-foreground"],
                      env, self.directory / f"{script.removesuffix('.sh')}.log")  # fmt: skip

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "tmp").mkdir(exist_ok=True)
        self.write_config()
        self.daemons["jobmanager"] = self._daemon("jobmanager.sh", "the Flink JobManager")
        self.daemons["jobmanager"].start()
        wait_for("the Flink JobManager", lambda: self.jobs() is not None,
                 [self.daemons["jobmanager"]])  # fmt: skip
        self.start_task_manager()

    def start_task_manager(self) -> None:
        """(Re)start the TaskManager and wait until the JobManager counts it."""
        self.daemons["taskmanager"] = self._daemon("taskmanager.sh", "the Flink TaskManager")
        self.daemons["taskmanager"].start()
        wait_for("the Flink TaskManager", lambda: self.task_managers() >= 1,
                 list(self.daemons.values()))  # fmt: skip

    def stop(self) -> None:
        for name in ("taskmanager", "jobmanager"):
            if name in self.daemons:
                self.daemons[name].stop()


def missing() -> str:
    """Why the clusters cannot start here, or "" when they can."""
    if shutil.which("java") is None:
        return "no java on PATH"
    for home in (SPARK_HOME, FLINK_HOME):
        if not home.is_dir():
            return f"no cluster distribution at {home}; install it with `{MAKE_TARGET}`"
    return ""


def for_runner(runner: str, directory: Path, **settings):
    """A cluster for schoon's `flink` or `spark` runner, not yet started."""
    return {"flink": FlinkCluster, "spark": SparkCluster}[runner](directory, **settings)


@contextlib.contextmanager
def running(cluster) -> Iterator:
    """`cluster` started, and stopped by PID when the block ends, however it ends."""
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
