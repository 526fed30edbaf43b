"""The clean and dedup jobs on real clusters: a Spark standalone cluster and a Flink session
cluster started on 127.0.0.1 from PyPI's distributions (tests/clusters.py), reached through the
settings a user with a cluster sets (`spark_master_url`, `flink_master`), with SDK workers from
a worker pool (EXTERNAL) and started by the task managers (PROCESS). Each job must reach the
cluster (its REST API lists it) and give the in-process run's documents and statistics; a task
host killed mid-job must leave no partial output, and the work must still finish.

`make test` installs the distributions (`make clusters`) and sets SCHOON_REQUIRE_ENGINES, so
there a missing one fails; a bare `pytest` without them skips, naming the make target."""

from __future__ import annotations

import os
import signal

import pytest
import yaml

from pipeline.beam.runner import BeamConfig
from pipeline.sources import SourceConfig
from tests import clusters
from tests.pipeline.beam.test_runners import WEB, clean_samples, dedup_on, needs_engine
from tests.pipeline.helpers import clean_in_process as clean
from tests.pipeline.helpers import output_flags, read_outputs, schoon_clean, write_shards

CLUSTERS = {"spark": clusters.SparkCluster, "flink": clusters.FlinkCluster}


def _cluster(runner: str, tmp_path_factory):
    """A cluster of `runner`'s engine, running for as long as the tests that use it."""
    why = clusters.missing()
    if why and os.environ.get("SCHOON_REQUIRE_ENGINES"):
        pytest.fail(f"SCHOON_REQUIRE_ENGINES is set, but {why}")
    if why:
        pytest.skip(why)
    needs_engine(runner)
    with clusters.running(CLUSTERS[runner](tmp_path_factory.mktemp(runner))) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    yield from _cluster("spark", tmp_path_factory)


@pytest.fixture(scope="module")
def flink(tmp_path_factory):
    yield from _cluster("flink", tmp_path_factory)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return clean(tmp_path_factory.mktemp("ref"), WEB, BeamConfig(runner="direct", workers=1))


@pytest.mark.parametrize("environment", ["external", "process"])
@pytest.mark.parametrize("runner", ["spark", "flink"])
def test_clean_on_a_real_cluster_equals_in_process(runner, environment, request, reference,
                                                    tmp_path):  # fmt: skip
    cluster = request.getfixturevalue(runner)
    before = cluster.submitted()
    config = BeamConfig(runner=runner, workers=2, worker_environment=environment,
                         **cluster.settings)  # fmt: skip
    got = clean(tmp_path, WEB, config)
    assert len(cluster.submitted()) == len(before) + 1  # it ran there, not in a mini-cluster
    assert got[0] == reference[0]  # statistics
    assert got[1] == reference[1]  # kept rows, in the same order
    assert got[2] == reference[2]  # rejected rows


@pytest.fixture(scope="module")
def dedup_reference(tmp_path_factory):
    cleaned = clean_samples(tmp_path_factory.mktemp("cleaned"))
    return cleaned, dedup_on("direct", 1, cleaned, tmp_path_factory.mktemp("dedup-ref"))


@pytest.mark.parametrize("runner", ["spark", "flink"])
def test_dedup_on_a_real_cluster_equals_in_process(runner, request, dedup_reference, tmp_path):
    cluster = request.getfixturevalue(runner)
    cleaned, reference = dedup_reference
    before = cluster.submitted()
    got = dedup_on(runner, 2, cleaned, tmp_path, **cluster.settings)
    assert len(cluster.submitted()) == len(before) + 1
    assert reference[0]["docs_dropped"]["near"] > 0  # the sample holds near copies
    assert got == reference  # statistics, kept rows per source, rejected rows, file bytes


def test_dedup_in_more_parts_than_slots_on_a_flink_cluster(flink, dedup_reference, tmp_path):
    """`beam.partitions` above the cluster's 2 slots: Flink runs each stage in 5 parts, as
    slots free up (every exchange blocking), and the verdicts and bytes do not change."""
    cleaned, reference = dedup_reference
    before = set(flink.submitted())
    got = dedup_on("flink", 2, cleaned, tmp_path, partitions=5, **flink.settings)
    assert got == reference
    (job,) = [j for j in flink.jobs() if j["name"] not in before]
    vertices = clusters.get_json(f"http://{flink.master}/jobs/{job['jid']}")["vertices"]
    assert {v["parallelism"] for v in vertices} == {5}
    assert flink.slots == 2


def _start_on(cluster, tmp_path):
    """`schoon clean` of 8 files of 600 documents on `cluster`, returned once the cluster's
    REST API shows its job running; the command's output flags and the source's folder."""
    shards = tmp_path / "shards"
    write_shards(shards, 8, docs=600)
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump({
        "beam": {"runner": cluster.runner, "workers": 2, **cluster.settings},
        "sources": {"shards": {"format": "jsonl", "path": str(shards), "preset": "mc4nl"}},
    }))  # fmt: skip
    flags = [params, *output_flags(tmp_path / "out"), "--work", str(tmp_path / "work")]
    known = set(cluster.submitted())
    proc = schoon_clean(tmp_path, *flags)
    clusters.wait_for(f"the job to run on {cluster.runner}",  # a late answer is asked again
                      lambda: proc.poll() is not None or bool(set(cluster.running()) - known),
                      list(cluster.daemons.values()), timeout=180)  # fmt: skip
    assert proc.poll() is None, "the job ended before the fault could be made"
    return proc, flags, shards


def _equals_in_process(out, shards, tmp_path):
    config = SourceConfig(format="jsonl", path=str(shards), preset="mc4nl")
    fresh = clean(tmp_path / "direct", config, BeamConfig(), name="shards")
    assert read_outputs(out / "kept", out / "rejected", out / "s.json") == fresh


def test_a_lost_task_manager_fails_the_run_in_one_line_and_a_rerun_completes(flink, tmp_path):
    """Flink's TaskManager SIGKILLed while a `schoon clean` job runs on the session cluster.
    Flink does not retry a batch job without checkpoints, so the job fails: schoon says so in
    one line, exit 1, and writes no output. With a TaskManager back, the same command resumes
    from the files that were committed and gives what the in-process run gives."""
    proc, flags, shards = _start_on(flink, tmp_path)
    flink.daemons["taskmanager"].kill()
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    said = [line for line in err.splitlines() if not line.startswith(("INFO ", "clean shards:"))]
    assert len(said) == 1, err  # besides progress, one line: no traceback, no Java stack
    assert said[0].startswith("schoon: the job failed on flink ("), err
    assert not (tmp_path / "out").exists()  # no output at all, so none partial

    flink.start_task_manager()
    proc = schoon_clean(tmp_path, *flags)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    _equals_in_process(tmp_path / "out", shards, tmp_path)


def test_a_lost_spark_worker_is_replaced_and_the_job_finishes_on_a_retry(spark, tmp_path):
    """Spark's worker SIGKILLed while a `schoon clean` job runs on the standalone cluster, and
    a new worker started once the master has seen it go, as a supervisor would: Spark
    reschedules the lost executor's tasks on the new one, and the same run finishes with what
    the in-process run gives."""
    proc, _, shards = _start_on(spark, tmp_path)
    spark.daemons["worker"].kill()
    clusters.wait_for("the master to count the worker lost",
                      lambda: spark.state()["aliveworkers"] == 0, [spark.daemons["master"]])  # fmt: skip
    spark.start_worker()
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    _equals_in_process(tmp_path / "out", shards, tmp_path)


@pytest.mark.parametrize("runner", ["flink", "spark"])
def test_a_stopped_run_cancels_its_job_on_the_cluster(runner, request, tmp_path):
    """SIGTERM to `schoon clean` while its job runs on a real cluster: the job is cancelled
    there (Flink: CANCELED; Spark: the application ends), not left running for nobody, and
    the command says so in one line with the shell's status."""
    cluster = request.getfixturevalue(runner)
    known = set(cluster.running())
    proc, _, _ = _start_on(cluster, tmp_path)
    (job,) = set(cluster.running()) - known
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert err.strip().splitlines()[-1].startswith("schoon: clean stopped by SIGTERM; "), err
    clusters.wait_for(f"the {runner} job to end", lambda: job not in cluster.running(),
                      list(cluster.daemons.values()), timeout=60)  # fmt: skip
    if runner == "flink":  # CANCELLING, on a loaded machine for a while, comes first

        def states() -> set[str]:
            return {j["state"] for j in cluster.jobs() if j["name"] == job}

        clusters.wait_for("the flink job to be cancelled", lambda: states() != {"CANCELLING"},
                          list(cluster.daemons.values()), timeout=60)  # fmt: skip
        assert states() == {"CANCELED"}
