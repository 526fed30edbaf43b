"""The clean and dedup jobs on real clusters: a Spark standalone cluster and a Flink session
cluster started on 127.0.0.1 from PyPI's distributions (tests/clusters.py), reached through the
settings a user with a cluster sets (`spark_master_url`, `flink_master`), with SDK workers from
a worker pool (EXTERNAL) and started by the task managers (PROCESS). Each job must reach the
cluster (its REST API lists it) and give the in-process run's documents and statistics.

`make test` installs the distributions (`make clusters`) and sets SCHOON_REQUIRE_ENGINES, so
there a missing one fails; a bare `pytest` without them skips, naming the make target."""

from __future__ import annotations

import os
import time

import pytest

from pipeline.runner import CleanConfig
from pipeline.sources import SourceConfig
from tests import clusters
from tests.pipeline.helpers import clean_in_process as clean
from tests.pipeline.helpers import output_flags, read_outputs, schoon_clean, write_shards
from tests.pipeline.test_runners import WEB, dedup_on, needs_engine


def _require_clusters() -> None:
    why = clusters.missing()
    if why and os.environ.get("SCHOON_REQUIRE_ENGINES"):
        pytest.fail(f"SCHOON_REQUIRE_ENGINES is set, but {why}")
    if why:
        pytest.skip(why)


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    _require_clusters()
    needs_engine("spark")
    with clusters.running(clusters.SparkCluster(tmp_path_factory.mktemp("spark"))) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def flink(tmp_path_factory):
    _require_clusters()
    needs_engine("flink")
    with clusters.running(clusters.FlinkCluster(tmp_path_factory.mktemp("flink"))) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return clean(tmp_path_factory.mktemp("ref"), WEB, CleanConfig(runner="direct", workers=1))


def on_cluster(runner: str, cluster, **settings) -> CleanConfig:
    address = {"spark": "spark_master_url", "flink": "flink_master"}[runner]
    where = cluster.master_url if runner == "spark" else cluster.master
    return CleanConfig(runner=runner, workers=2, **{address: where}, **settings)


def submitted(cluster) -> list[str]:
    """The names of the jobs the cluster's REST API lists."""
    if isinstance(cluster, clusters.SparkCluster):
        return cluster.applications()
    return [job["name"] for job in cluster.jobs()]


@pytest.mark.parametrize("environment", ["external", "process"])
@pytest.mark.parametrize("runner", ["spark", "flink"])
def test_clean_on_a_real_cluster_equals_in_process(runner, environment, request, reference,
                                                    tmp_path):  # fmt: skip
    cluster = request.getfixturevalue(runner)
    before = submitted(cluster)
    got = clean(tmp_path, WEB, on_cluster(runner, cluster, worker_environment=environment))
    assert len(submitted(cluster)) == len(before) + 1  # the job ran there, not in a mini-cluster
    assert got[0] == reference[0]  # statistics
    assert got[1] == reference[1]  # kept rows, in the same order
    assert got[2] == reference[2]  # rejected rows


@pytest.fixture(scope="module")
def dedup_reference(tmp_path_factory):
    from tests.pipeline.test_runners import LYRICS, Outputs, run_clean

    out = tmp_path_factory.mktemp("cleaned")
    for name, source in (("web", WEB), ("lyrics", LYRICS)):
        outputs = Outputs(str(out / name), str(out / f"rejected-{name}"), str(out / f"{name}.json"))
        run_clean(name, source, CleanConfig(), outputs)
    return out, dedup_on("direct", 1, out, tmp_path_factory.mktemp("dedup-ref"))


@pytest.mark.parametrize("runner", ["spark", "flink"])
def test_dedup_on_a_real_cluster_equals_in_process(runner, request, dedup_reference, tmp_path):
    cluster = request.getfixturevalue(runner)
    cleaned, reference = dedup_reference
    before = submitted(cluster)
    address = {"spark": "spark_master_url", "flink": "flink_master"}[runner]
    where = cluster.master_url if runner == "spark" else cluster.master
    stats, kept, rejected = dedup_on(runner, 2, cleaned, tmp_path, **{address: where})
    assert len(submitted(cluster)) == len(before) + 1
    assert reference[0]["docs_dropped"]["near"] > 0
    assert (stats, kept, rejected) == reference


def _shards_on(runner: str, cluster, tmp_path):
    """A source of 8 files of 600 documents and a params file running it on `cluster`."""
    shards = tmp_path / "shards"
    write_shards(shards, 8, docs=600)
    params = tmp_path / "params.yaml"
    address = {"spark": "spark_master_url", "flink": "flink_master"}[runner]
    where = cluster.master_url if runner == "spark" else cluster.master
    params.write_text(
        f"clean: {{runner: {runner}, workers: 2, {address}: '{where}'}}\n"
        f"sources:\n  shards: {{format: jsonl, path: {shards}, preset: mc4nl}}\n"
    )
    return shards, params


def _start_and_wait_until_running(runner, cluster, tmp_path, params, flags):
    """`schoon clean` started, returned once the cluster's REST API shows its job running."""
    known = set(submitted(cluster))
    proc = schoon_clean(tmp_path, params, *flags)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        if runner == "spark":
            running = [a for a in cluster.state()["activeapps"] if a["state"] == "RUNNING"]
        else:
            running = [j for j in cluster.jobs() if j["state"] == "RUNNING"]
        if any(job["name"] not in known for job in running):
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the job ended before the fault could be made"
    return proc


def _equals_in_process(out, shards, tmp_path):
    config = SourceConfig(format="jsonl", path=str(shards), preset="mc4nl")
    fresh = clean(tmp_path / "direct", config, CleanConfig(), name="shards")
    assert read_outputs(out / "kept", out / "rejected", out / "s.json") == fresh


def test_a_lost_task_manager_fails_the_run_in_one_line_and_a_rerun_completes(flink, tmp_path):
    """Flink's TaskManager SIGKILLed while a `schoon clean` job runs on the session cluster.
    Flink does not retry a batch job without checkpoints, so the job fails: schoon says so in
    one line, exit 1, and writes no output. With a TaskManager back, the same command resumes
    from the files that were committed and gives what the in-process run gives."""
    shards, params = _shards_on("flink", flink, tmp_path)
    out = tmp_path / "out"
    flags = [*output_flags(out), "--work", str(tmp_path / "work")]
    proc = _start_and_wait_until_running("flink", flink, tmp_path, params, flags)
    flink.daemons["taskmanager"].kill()
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    said = [line for line in err.splitlines() if not line.startswith(("INFO ", "clean shards:"))]
    assert len(said) == 1, err  # besides progress, one line: no traceback, no Java stack
    assert said[0].startswith("schoon: the job failed on flink ("), err
    assert not out.exists()  # no output at all, so none partial

    flink.start_task_manager()
    proc = schoon_clean(tmp_path, params, *flags)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    _equals_in_process(out, shards, tmp_path)


def test_a_lost_spark_worker_is_replaced_and_the_job_finishes_on_a_retry(spark, tmp_path):
    """Spark's worker SIGKILLed while a `schoon clean` job runs on the standalone cluster, and
    a new worker started, as a supervisor would: Spark reschedules the lost executor's tasks on
    the new one, and the same run finishes with what the in-process run gives."""
    shards, params = _shards_on("spark", spark, tmp_path)
    out = tmp_path / "out"
    flags = [*output_flags(out), "--work", str(tmp_path / "work")]
    proc = _start_and_wait_until_running("spark", spark, tmp_path, params, flags)
    spark.daemons["worker"].kill()
    assert _worker_lost(spark)  # the master saw it go before the new one came
    spark.start_worker()
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    _equals_in_process(out, shards, tmp_path)


def _worker_lost(spark, timeout: float = 120) -> bool:
    """True once the master no longer counts the killed worker alive."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if spark.state()["aliveworkers"] == 0:
            return True
        time.sleep(0.5)
    return False
