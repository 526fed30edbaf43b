"""Flink and Spark that cannot start say why in one line (pipeline/beam/engines.py), before any JVM
or Beam runs; the runs themselves are in test_runners.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pipeline.beam import engines
from pipeline.beam.runner import BeamConfig, beam_pipeline
from tests.conftest import ROOT


def start(config: BeamConfig) -> None:
    with beam_pipeline(config):
        pytest.fail("the pipeline should not have started")


def test_a_missing_jar_names_the_make_target(tmp_path, monkeypatch):
    with pytest.raises(
        engines.EngineError, match="no job-server jar at .*; check beam.job_server_jar"
    ):
        start(BeamConfig(runner="flink", job_server_jar=str(tmp_path / "none.jar")))
    monkeypatch.setattr(engines, "JAR_DIR", tmp_path / "jars")
    with pytest.raises(engines.EngineError, match="build it with `make jobservers`"):
        start(BeamConfig(runner="spark"))


def test_a_missing_prism_binary_names_the_make_target(tmp_path, monkeypatch):
    with pytest.raises(engines.EngineError, match="no Prism binary at .*; check beam.prism_bin"):
        start(BeamConfig(runner="prism", prism_binary=str(tmp_path / "prism")))
    monkeypatch.setattr(engines, "PRISM", tmp_path / "none")
    with pytest.raises(engines.EngineError, match="build it with `make prism`"):
        start(BeamConfig(runner="prism"))


def test_no_java_on_path(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(engines.EngineError, match="none on PATH"):
        start(BeamConfig(runner="flink"))


def test_a_cluster_or_worker_pool_that_does_not_answer(tmp_path):
    jar = tmp_path / "job-server.jar"
    jar.write_bytes(b"")
    port = engines.free_port()  # free, so nothing listens there
    with pytest.raises(
        engines.EngineError, match=f"beam.flink_master: nothing answers at localhost:{port}"
    ):
        start(BeamConfig(runner="flink", job_server_jar=str(jar), flink_master=f"localhost:{port}"))
    with pytest.raises(
        engines.EngineError, match=f"beam.worker_pool: nothing answers at localhost:{port}"
    ):
        start(BeamConfig(runner="spark", job_server_jar=str(jar), worker_pool=f"localhost:{port}"))


def test_an_address_may_be_a_url():
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        engines.check_address(f"http://localhost:{port}/", "flink_master")  # answers: no error
        engines.check_address(f"localhost:{port}", "flink_master")
    with pytest.raises(engines.EngineError, match="nothing answers at http://localhost"):
        engines.check_address(f"http://localhost:{port}", "flink_master")


def test_the_worker_pool_starts_and_stops():
    import socket

    with engines.worker_pool() as address:
        host, port = address.split(":")
        with socket.create_connection((host, int(port)), timeout=5):
            pass
    with pytest.raises(OSError):
        socket.create_connection((host, int(port)), timeout=1)


def test_the_cli_says_why_in_one_line_without_a_traceback(tmp_path):
    params = yaml.safe_load((ROOT / "params.yaml").read_text())
    params["beam"].update(runner="flink", job_server_jar=str(tmp_path / "none.jar"))
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params))
    proc = subprocess.run(
        [sys.executable, "-m", "cli.main", "clean", "--source", "lyrics",
         "--params", str(tmp_path / "params.yaml"), "--kept", str(tmp_path / "k"),
         "--rejected", str(tmp_path / "r"), "--stats", str(tmp_path / "s.json")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("schoon: beam.runner: flink: no job-server jar at ")


@pytest.mark.parametrize("runner", ["flink", "spark"])
def test_a_job_server_out_of_heap_exits_rather_than_waits(monkeypatch, tmp_path, runner):
    """Flink logs an OutOfMemoryError in a gRPC thread and carries on, and the job then waits
    forever for the output that thread was receiving: the job server is told to exit instead,
    so the job fails in one line."""
    import contextlib

    from pipeline.beam import runner as runner_module

    jar = tmp_path / "job-server.jar"
    jar.write_bytes(b"")
    monkeypatch.setattr(engines, "check_java", lambda: None)
    monkeypatch.setattr(engines, "worker_pool", lambda *a: contextlib.nullcontext("localhost:1"))
    config = BeamConfig(runner=runner, job_server_jar=str(jar))
    with runner_module._engine_options(config) as options:
        properties = options.get_all_options()["job_server_jvm_properties"]
    assert properties[0] == "-XX:+ExitOnOutOfMemoryError"


def test_a_job_server_that_went_away_is_one_line():
    import grpc

    from common.config import JobError
    from pipeline.beam.runner import _job_failure

    class Lost(grpc.RpcError):
        def code(self):
            return grpc.StatusCode.UNAVAILABLE

    stopped = r"^the flink job server stopped during the job \(out of "
    with pytest.raises(JobError, match=stopped), _job_failure("flink"):
        raise Lost()
    with pytest.raises(ValueError), _job_failure("flink"):  # any other error stays itself
        raise ValueError("x")


def test_a_python_error_in_a_worker_is_named_by_its_exception_not_its_traceback_header():
    from common.config import JobError
    from pipeline.beam.runner import _job_failure

    failed = (
        "Pipeline BeamApp-x failed in state FAILED: java.lang.RuntimeException: Error received "
        "from SDK harness for instruction 3: Traceback (most recent call last):\n"
        '  File "apache_beam/runners/worker/sdk_worker.py", line 1, in _execute\n'
        "    response = task()\n"
        "ValueError: a document has two verdicts [while running 'verdicts']\n"
        "\n"
        "\tat org.apache.beam.runners.fnexecution.control.FnApiControlClient.x(F.java:1)\n"
        "Caused by: java.lang.IllegalStateException: y\n"
    )
    expected = (
        "the job failed on spark (java.lang.RuntimeException: Error received from SDK harness "
        "for instruction 3: ValueError: a document has two verdicts [while running 'verdicts']); "
    )
    with pytest.raises(JobError) as e, _job_failure("spark"):
        raise RuntimeError(failed)
    assert str(e.value).startswith(expected), str(e.value)
    with pytest.raises(JobError) as e, _job_failure("flink"):  # no traceback: the first line
        raise RuntimeError("Pipeline p failed in state FAILED: java.lang.OutOfMemoryError: x\nat y")
    assert str(e.value).startswith("the job failed on flink (java.lang.OutOfMemoryError: x); ")


@pytest.mark.parametrize("runner", ["flink", "spark"])
def test_the_engine_in_the_job_server_listens_on_listen_host(monkeypatch, tmp_path, runner):
    """The Spark driver (RPC, block manager, web UI) and the Flink mini-cluster (RPC, blob,
    data, REST) bind to `beam.listen_host`, 127.0.0.1 unless set; the environment that Beam
    starts the job server with says so only while the job runs."""
    import contextlib
    import os

    import yaml

    from pipeline.beam import runner as runner_module

    jar = tmp_path / "job-server.jar"
    jar.write_bytes(b"")
    monkeypatch.setattr(engines, "check_java", lambda: None)
    monkeypatch.setattr(engines, "worker_pool", lambda *a: contextlib.nullcontext("localhost:1"))
    monkeypatch.delenv("FLINK_CONF_DIR", raising=False)
    monkeypatch.delenv("SPARK_LOCAL_IP", raising=False)
    for host in ("127.0.0.1", "10.1.2.3"):
        config = BeamConfig(runner=runner, job_server_jar=str(jar), listen_host=host)
        with runner_module._engine_options(config) as options:
            properties = options.get_all_options()["job_server_jvm_properties"]
            if runner == "spark":
                assert os.environ["SPARK_LOCAL_IP"] == host
                assert f"-Dspark.driver.bindAddress={host}" in properties
                assert f"-Dspark.driver.host={host}" in properties
            else:
                path = Path(os.environ["FLINK_CONF_DIR"]) / "config.yaml"
                conf = yaml.safe_load(path.read_text())
                assert {k: v for k, v in conf.items() if "host" in k or "address" in k} == {
                    key: host
                    for key in ("jobmanager.rpc.address", "jobmanager.bind-host", "taskmanager.host",
                                "taskmanager.bind-host", "rest.address", "rest.bind-address")
                }  # fmt: skip
        assert "FLINK_CONF_DIR" not in os.environ and "SPARK_LOCAL_IP" not in os.environ


@pytest.mark.parametrize("runner", ["flink", "spark"])
def test_partitions_cut_the_data_into_parts_that_run_a_few_at_a_time(monkeypatch, tmp_path,
                                                                       runner, caplog):  # fmt: skip
    """`beam.partitions` is the parallelism of a job on a Flink cluster (every exchange
    blocking, so that the parts can run as slots free up) or Spark's default parallelism; 0
    keeps one part per worker."""
    import contextlib

    from pipeline.beam import runner as runner_module

    jar = tmp_path / "job-server.jar"
    jar.write_bytes(b"")
    monkeypatch.setattr(engines, "check_java", lambda: None)
    monkeypatch.setattr(engines, "worker_pool", lambda *a: contextlib.nullcontext("localhost:1"))
    monkeypatch.setattr(engines, "check_address", lambda *a: None)
    seen = {}
    for partitions in (0, 7):
        cluster = {"flink_master": "127.0.0.1:1"} if runner == "flink" else {}
        config = BeamConfig(runner=runner, job_server_jar=str(jar), workers=2,
                            partitions=partitions, **cluster)  # fmt: skip
        with runner_module._engine_options(config) as options:
            got = options.get_all_options()
            if runner == "flink":
                seen[partitions] = (got["parallelism"], got["execution_mode_for_batch"])
            else:
                properties = got["job_server_jvm_properties"]
                seen[partitions] = [p for p in properties if "parallelism" in p]
                # a dataset read twice is cached on disk, not in the JVM's heap
                assert got["storage_level"] == "DISK_ONLY"
                assert "-Dspark.serializer=org.apache.spark.serializer.KryoSerializer" in properties
    assert "Unparseable" not in caplog.text  # the Java runners' options are declared
    if runner == "flink":
        assert seen == {0: (2, None), 7: (7, "BATCH_FORCED")}
    else:
        assert seen == {0: [], 7: ["-Dspark.default.parallelism=7"]}
        mine = BeamConfig(runner=runner, job_server_jar=str(jar),
                          pipeline_options=["--storage_level=MEMORY_ONLY"])  # fmt: skip
        with runner_module._engine_options(mine) as options:
            assert options.get_all_options()["storage_level"] == "MEMORY_ONLY"  # the user's


def test_loopback_rewrites_only_wildcard_addresses():
    from pipeline.beam.loopback import loopback_address

    assert loopback_address("[::]:0") == "localhost:0"
    assert loopback_address("0.0.0.0:8099") == "localhost:8099"
    assert loopback_address(":5") == "localhost:5"
    assert loopback_address("10.0.0.5:7") == "10.0.0.5:7"
    assert loopback_address("localhost:7") == "localhost:7"


def test_every_runner_has_its_way_to_make_a_pipeline():
    from pipeline.beam.runner import PIPELINES, RUNNERS

    assert tuple(PIPELINES) == RUNNERS


def test_the_boot_script_a_worker_pool_runs_starts_the_project_boot(tmp_path):
    """The pool's workers run this script: a wrong path would leave every job waiting for
    workers that never start."""
    import subprocess

    from pipeline.beam.engines import boot_script

    proc = subprocess.run([str(boot_script(tmp_path)), "--help"], capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Install the staged packages, then run an SDK worker." in proc.stdout


@pytest.mark.parametrize("environment", ["external", "process"])
def test_a_worker_that_cannot_boot_fails_the_job_in_one_line(monkeypatch, tmp_path, environment):
    """A worker that dies at boot would leave the runner waiting for it forever: the boot's
    report fails the job instead, and the job is cancelled. Here every boot asks a provision
    service that is not there (its flag comes after the pool's, so it wins)."""
    import time

    import apache_beam as beam

    from common.config import JobError
    from tests.pipeline.beam.test_runners import needs_engine

    needs_engine("prism")
    boot = engines.boot_script

    def failing_boot(directory: Path) -> Path:
        script = boot(directory)
        text = script.read_text().rstrip("\n") + " --provision_endpoint=localhost:1\n"
        script.write_text(text)
        return script

    monkeypatch.setattr(engines, "boot_script", failing_boot)
    config = BeamConfig(runner="prism", workers=1, worker_environment=environment)
    start = time.monotonic()
    with pytest.raises(JobError) as failed, beam_pipeline(config) as p:
        _ = p | beam.Create([1, 2, 3]) | beam.Map(lambda x: x + 1)
    message = str(failed.value)
    assert message.startswith("an SDK worker failed to start (worker "), message
    assert "Connection refused" in message and "\n" not in message
    assert time.monotonic() - start < 120
