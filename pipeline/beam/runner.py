"""How a Beam job runs: the `beam` section of params.yaml, shared by every pipeline stage.

Runners are chosen by name and built explicitly, so a test, a benchmark and a user always get
the same one:

- `direct`: Beam's Python FnApiRunner, in process (`workers: 1`) or with one SDK worker process
  per core (`workers: 0`) or per number given. Never `DirectRunner`, which (Beam 2.70 as 2.77)
  first downloads and runs a Go runner (Prism) when it can: another runner than the tested one.
- `portable`: the PortableRunner with an embedded job service and SDK workers started as their
  own processes: the Fn API path that Flink, Spark and Dataflow use.
- `dask`: Beam's DaskRunner on a dask.distributed cluster (`dask_address`), or on a local
  cluster of `workers` processes that schoon starts and stops.
- `flink`, `spark`: Beam's FlinkRunner and SparkRunner, their job server started from the jar
  that `make jobservers` builds, on a local mini-cluster (Spark `local[workers]`) or on
  `flink_master` / `spark_master_url`; SDK workers from a worker pool, or started by the task
  managers (`worker_environment: process`) (`pipeline.beam.engines`).
- `prism`: Beam's PrismRunner on the binary that `make prism` builds, SDK workers from the
  same worker pool. In memory, like `direct`: a second local runner, not a way to scale.
- `dataflow`: Beam's DataflowRunner; its flags (`--project`, ...) go in `pipeline_options`.
  Documented in docs/runners.md, not run here.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from common.config import JobError, build, section

RUNNERS = ("direct", "portable", "dask", "flink", "spark", "prism", "dataflow")
BEAM_NAMES = {"flink": "FlinkRunner", "spark": "SparkRunner", "prism": "PrismRunner",
              "dataflow": "DataflowRunner"}  # fmt: skip


@dataclass(frozen=True)
class BeamConfig:
    """The `beam` section of params.yaml: how every Beam job runs (the cleaning of each source,
    and dedup). None of it changes what a job writes."""

    runner: Literal["direct", "portable", "dask", "flink", "spark", "prism", "dataflow"] = "direct"
    workers: int = (
        1  # worker processes on this machine (direct, portable, local dask); 0: a core each
    )
    # flink (on a cluster), spark: the parts each stage's data is cut into (Flink's parallelism,
    # Spark's default parallelism), run as many at a time as there are slots or cores; 0: one per
    # worker. An SDK worker holds a whole part's output at the end of a stage (docs/dedup.md):
    # for a larger corpus, more parts, not more memory.
    partitions: int = 0
    dask_address: str = ""  # a running dask.distributed scheduler; "": a local cluster
    pipeline_options: list[str] = field(default_factory=list)  # extra Beam flags
    verbose: bool = False  # Beam's INFO logging; warnings and errors always show
    ship_code: bool = False  # portable: workers install a wheel of this checkout first
    flink_master: str = ""  # flink: HOST:PORT of a cluster's REST endpoint; "": a mini-cluster
    spark_master_url: str = ""  # spark: e.g. spark://HOST:7077; "": local[workers]
    worker_pool: str = ""  # flink, spark, prism: HOST:PORT of running worker pools; "": one here
    # flink, spark: the address the engine in the job server (Spark's driver, Flink's
    # mini-cluster) listens on; a cluster on other machines must reach it (docs/runners.md)
    listen_host: str = "127.0.0.1"
    # flink, spark, prism: how SDK workers start: asked of a worker pool (external), or started
    # by each task manager with the project's boot (process; the boot's path must exist there)
    worker_environment: Literal["external", "process"] = "external"
    job_server_jar: str = ""  # flink, spark: the job server; "": the one `make jobservers` built
    prism_binary: str = ""  # prism: the runner's binary; "": the one `make prism` built

    def __post_init__(self):
        if self.workers < 0:
            raise ValueError(f"workers must be 0 (one per core) or more, got {self.workers}")
        if self.partitions < 0:
            raise ValueError(
                f"partitions must be 0 (one per worker) or more, got {self.partitions}"
            )
        if self.partitions and self.flink_mini_cluster:
            raise ValueError(
                "partitions: Flink's mini-cluster runs one part per worker (its local environment "
                "sets a job's parallelism to its slots); set workers, or flink_master for a "
                "cluster, or use spark"
            )
        if self.worker_environment == "process" and self.worker_pool:
            raise ValueError(
                "worker_pool names running worker pools, which worker_environment: process "
                "does not use (its task managers start the workers): set one or the other"
            )

    @property
    def processes(self) -> int:
        return self.workers or os.cpu_count() or 1

    @property
    def parts(self) -> int:
        return self.partitions or self.processes

    @property
    def flink_mini_cluster(self) -> bool:
        """Flink embedded in the job server: one part per worker, whatever is asked."""
        return self.runner == "flink" and not self.flink_master


def beam_config(params: dict[str, Any], where: str, **overrides: Any) -> BeamConfig:
    """The `beam` section of a parameter mapping (its defaults where there is none: `direct`,
    one worker), with `overrides` (a runner given on the command line; None keeps the file's)."""
    settings = dict(section(params, "beam", where)) if "beam" in params else {}
    settings |= {key: value for key, value in overrides.items() if value is not None}
    return build(BeamConfig, settings, f"{where}: beam")


def quiet_beam(verbose: bool = False) -> None:
    """Beam's INFO chatter off (warnings and errors stay), unless `verbose`.

    Call before importing apache_beam: its import warns through the root logger, which installs
    a handler that would make a later `logging.basicConfig` a silent no-op.
    """
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if verbose:
        return
    for handler in logging.getLogger().handlers:
        handler.addFilter(_DropImportNoise())
    logging.getLogger("apache_beam").setLevel(logging.WARNING)
    # Worker records relayed by the embedded job service, at the workers' own level.
    logging.getLogger("apache_beam.runners.portability.local_job_service").setLevel(logging.ERROR)
    # The Flink and Spark job servers' output, relayed line by line at INFO whatever its level.
    for name in ("FlinkJarJobServer", "SparkJarJobServer"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # Starting and destroying the job server, logged as warnings.
    logging.getLogger("apache_beam.utils.subprocess_server").setLevel(logging.ERROR)


class _DropImportNoise(logging.Filter):
    """Beam's import warns that Google Cloud clients are missing, and that crcmod is (for
    TFRecord checksums; neither is used here); the portable runner logs the job's state
    changes at INFO through the root logger (schoon logs nothing there), and warns while it
    waits for a job server's JVM to start; a Prism worker warns that no main session was
    pickled (none is used); building `ReadAllFromParquet`, Beam warns about the process method
    of its own `_ReadRange` (Beam issue 22969; the dedup job reads through it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "root" and record.levelno < logging.WARNING:
            return False
        if record.name == "root" and record.filename == "portable_runner.py":
            # The job's messages, relayed: a failure's is the engine's whole stack trace, and
            # reaches the user as one line (`JobError`); `beam.verbose` shows them all.
            return False
        message = record.getMessage()
        return not any(noise in message for noise in _NOISE)


_NOISE = ("apitools not found", "crcmod package not found", "Discarding unparseable",
          "No session file found", "Waiting for grpc channel",
          "Using yield and return in the process method")  # fmt: skip


@functools.cache
def _declare_java_options() -> type:
    """Flink's `--execution_mode_for_batch` and Spark's `--storage_level`, which the Python SDK
    does not declare, declared so that they go to the job server without an "Unparseable
    argument" warning. Beam finds options classes as subclasses, held weakly: the cache keeps
    this one alive."""
    from apache_beam.options.pipeline_options import PipelineOptions

    class _JavaRunnerOptions(PipelineOptions):
        @classmethod
        def _add_argparse_args(cls, parser):
            parser.add_argument("--execution_mode_for_batch", help="Flink: PIPELINED, BATCH_FORCED")
            parser.add_argument("--storage_level", help="Spark: where a dataset read twice is kept")

    return _JavaRunnerOptions


def _options(config: BeamConfig, extra: dict[str, Any], flags: tuple[str, ...] = ()):
    from apache_beam.options.pipeline_options import PipelineOptions

    _declare_java_options()
    flags = [*config.pipeline_options, *flags]
    # Not on dask: Beam 2.70's DaskRunner hands every option set to dask's Client, which
    # refuses the ones it does not know (docs/runners.md).
    if not config.verbose and config.runner != "dask":
        # WARN, not WARNING: the Java job servers parse it too, and know only WARN.
        flags.append("--default_sdk_harness_log_level=WARN")
    # flags given: without them Beam would parse sys.argv, the calling command, as its options.
    return PipelineOptions(flags=flags, **extra)


def set_filesystem_options(config: BeamConfig) -> None:
    """Give Beam's `FileSystems` the configured flags (`--s3_endpoint_url`, credentials ...)
    before the job: staging, commits and the final move use them outside any pipeline."""
    from apache_beam.io.filesystems import FileSystems

    FileSystems.set_options(_options(config, {}))


def _direct_runner(options):
    """The FnApiRunner with the options in its provision info, so that SDK worker processes get
    them too (built by name, the workers would get none: no S3 settings, no log level)."""
    from apache_beam.portability.api import beam_provision_api_pb2
    from apache_beam.runners.portability.fn_api_runner import fn_runner
    from apache_beam.runners.portability.portable_runner import JobServiceHandle

    encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
    info = beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded)
    return fn_runner.FnApiRunner(provision_info=fn_runner.ExtendedProvisionInfo(info))


def worker_command() -> str:
    """How the portable runner starts an SDK worker: this interpreter, Beam's worker main."""
    return f"{sys.executable} -m apache_beam.runners.worker.sdk_worker_main"


@contextlib.contextmanager
def beam_pipeline(config: BeamConfig) -> Iterator[Any]:
    """A `beam.Pipeline` on the configured runner (`PIPELINES`), run when the `with` block
    ends; what the runner needs (a local Dask cluster, a job server) is started before and
    stopped after. Temporary files go to this process's scratch directory (`engines`)."""
    from pipeline.beam import engines
    from pipeline.beam.loopback import bind_loopback

    bind_loopback()  # Beam's servers in this process: the FnApiRunner's, the embedded job service
    # Beam's stager leaves a directory in the temporary one at every submission: in ours.
    with engines.temporary_files_in(engines.scratch_dir()), PIPELINES[config.runner](config) as p:
        yield p


@contextlib.contextmanager
def _direct_pipeline(config: BeamConfig) -> Iterator[Any]:
    import apache_beam as beam

    n = config.processes
    mode = "multi_processing" if n > 1 else "in_memory"
    options = _options(config, {"direct_running_mode": mode, "direct_num_workers": n})
    with beam.Pipeline(runner=_direct_runner(options), options=options) as p:
        yield p


@contextlib.contextmanager
def _portable_pipeline(config: BeamConfig) -> Iterator[Any]:
    """The embedded job service, its SDK workers subprocesses of this interpreter."""
    import apache_beam as beam

    with contextlib.ExitStack() as run:
        command, flags = worker_command(), ()
        if config.ship_code:  # a wheel of this checkout, installed by each worker first
            from pipeline.beam.worker_boot import shipped_code

            wheel, command = run.enter_context(shipped_code())
            flags = (f"--extra_package={wheel}",)
        options = _options(
            config,
            {
                "runner": "PortableRunner",
                "job_endpoint": "embed",
                "environment_type": "beam:env:harness_subprocess_python:v1",
                "environment_config": command,
                "direct_num_workers": config.processes,
                "sdk_worker_parallelism": config.processes,
            },
            flags,
        )
        with beam.Pipeline(options=options) as p:
            yield p


@contextlib.contextmanager
def _dask_pipeline(config: BeamConfig) -> Iterator[Any]:
    import apache_beam as beam
    from apache_beam.runners.dask.dask_runner import DaskRunner

    with _dask_scheduler(config) as address:
        # As a flag: keyword options must use the option's dest (`address`), a trap.
        flags = [f"--dask_client_address={address}"]
        if not any("partition" in f for f in config.pipeline_options):
            # A bag partition per element: the elements are whole input files, and the
            # default (128 to a partition) puts a source's files on one worker
            # (docs/scaling.md: 2 workers went from no gain to faster than in process).
            flags.append("--dask_partition_size=1")
        options = _options(config, {}, tuple(flags))
        with beam.Pipeline(runner=DaskRunner(), options=options) as p:
            yield p
        p.result.client.close()  # Beam leaves its client open


@contextlib.contextmanager
def _engine_pipeline(config: BeamConfig) -> Iterator[Any]:
    """Flink, Spark or Prism, through the job server or binary `make` built (`engines`)."""
    import apache_beam as beam

    with _engine_options(config) as options, _job_failure(config.runner):
        p = beam.Pipeline(options=options)
        with _cancelled_when_stopped(p, config, options), p:
            yield p


@contextlib.contextmanager
def _named_pipeline(config: BeamConfig) -> Iterator[Any]:
    """A runner Beam builds from its name and the pipeline options alone (Dataflow)."""
    import apache_beam as beam

    options = _options(config, {"runner": BEAM_NAMES[config.runner]})
    with beam.Pipeline(options=options) as p:
        yield p


@contextlib.contextmanager
def _cancelled_when_stopped(p: Any, config: BeamConfig, options: Any) -> Iterator[None]:
    """A job that a stop (SIGINT, SIGTERM) interrupts is cancelled where it runs: a cluster
    would otherwise run it on to the end. Beam's cancel stops the job server's side only; on a
    Flink session cluster the job is cancelled through Flink's REST API, found by its name."""
    try:
        yield
    except KeyboardInterrupt:
        result = getattr(p, "result", None)
        if result is not None:
            with contextlib.suppress(Exception):
                result.cancel()
        if config.runner == "flink" and config.flink_master:
            from pipeline.beam import engines

            name = options.get_all_options().get("job_name")
            with contextlib.suppress(Exception):
                engines.cancel_flink_job(config.flink_master, name)
        raise


def _quiet_lost_job_server() -> None:
    """Beam's thread that reads a job's messages dies with a traceback when the job server
    goes away; the main thread reports that in one line (`_job_failure`), so the thread's
    own report is dropped (that thread and that error only)."""
    import threading

    import grpc

    previous = threading.excepthook
    if getattr(previous, "schoon_quiet", False):
        return

    def hook(args) -> None:
        lost = isinstance(args.exc_value, grpc.RpcError) and args.thread is not None
        if lost and args.thread.name == "wait_until_finish_read":
            return
        previous(args)

    hook.schoon_quiet = True
    threading.excepthook = hook


TRACEBACK = "Traceback (most recent call last):"


def failure_cause(text: str) -> str:
    """What a runner says failed, in one line: its first line, or, where an SDK worker's Python
    traceback follows it, the line with the exception that ended the traceback (the last line
    at the margin before the Java stack frames that follow)."""
    lines = text.splitlines() or [""]
    if TRACEBACK not in lines[0]:
        return lines[0][:300]
    exception = ""
    for line in lines[1:]:
        if line.startswith(("\tat ", "Caused by")):
            break
        if (
            line.strip()
            and not line[0].isspace()
            and not line.startswith((TRACEBACK, "During handling", "The above exception"))
        ):
            exception = line.strip()
    return (lines[0].split(TRACEBACK)[0] + exception)[:300]


@contextlib.contextmanager
def _job_failure(runner: str) -> Iterator[None]:
    """A job that the runner reports failed (Beam's `Pipeline ... failed in state FAILED: ...`,
    followed by the engine's stack trace) as a one-line `JobError`."""
    import grpc

    _quiet_lost_job_server()
    try:
        yield
    except grpc.RpcError as e:  # the job server went away mid-job (it exits when out of heap)
        if e.code() != grpc.StatusCode.UNAVAILABLE:
            raise
        raise JobError(
            f"the {runner} job server stopped during the job (out of memory? it exits when "
            "its heap runs out: give it more with pipeline_options "
            "[--job_server_jvm_properties=-Xmx8g], or run on a cluster); its outputs were "
            "not written"
        ) from None
    except RuntimeError as e:
        message = str(e)
        if " failed in state " not in message:
            raise
        cause = failure_cause(message.split(": ", 1)[-1].strip())
        raise JobError(
            f"the job failed on {runner} ({cause}); its outputs were not written: run it "
            "again when the cluster is whole"
        ) from None


@contextlib.contextmanager
def _engine_options(config: BeamConfig) -> Iterator[Any]:
    """Options of a Flink, Spark or Prism job: checked first (`pipeline.beam.engines.EngineError`),
    SDK workers from a worker pool that lives as long as the block."""
    from pipeline.beam import engines

    with contextlib.ExitStack() as run:
        if config.runner == "prism":
            binary = engines.prism_binary(config.prism_binary)
            flags = (f"--prism_location={binary}",
                     f"--prism_log_level={'info' if config.verbose else 'warn'}")  # fmt: skip
        else:
            flags = _job_server_flags(config, run)
        if config.worker_environment == "process":
            where = run.enter_context(engines.process_workers())
            environment = {"environment_type": "PROCESS",
                           "environment_config": json.dumps({"command": where})}  # fmt: skip
        else:
            where = run.enter_context(engines.worker_pool(config.worker_pool, config.verbose))
            environment = {"environment_type": "EXTERNAL", "environment_config": where}
        yield _options(
            config,
            {"runner": BEAM_NAMES[config.runner], **environment,
             "sdk_worker_parallelism": config.processes},
            flags,
        )  # fmt: skip


def _job_server_flags(config: BeamConfig, run: contextlib.ExitStack) -> tuple[str, ...]:
    """The flags of Beam's Flink or Spark job server; the environment it starts with (its
    engine's addresses, `listen_host`) is set in `run`, as Beam passes this process's on."""
    from pipeline.beam import engines

    engines.check_java()
    jar = engines.job_server_jar(config.runner, config.job_server_jar)
    n, parts, host = config.processes, config.parts, config.listen_host
    # A job server whose heap runs out exits, so the job fails in one line: Flink logs an
    # OutOfMemoryError in a gRPC thread and carries on, and the job then waits forever for
    # the output that thread was receiving (docs/dedup.md, "A hang explained").
    jvm = ["-XX:+ExitOnOutOfMemoryError", *engines.jvm_temporary_properties()]
    if config.runner == "flink":
        if config.flink_master:
            engines.check_address(config.flink_master, "flink_master")
        master = config.flink_master or "[local]"
        flags = [f"--flink_job_server_jar={jar}", f"--flink_master={master}",
                 f"--parallelism={parts}"]  # fmt: skip
        if config.partitions:
            # Every exchange blocking, so that a stage's parts can run a slot at a time: with
            # pipelined exchanges Flink must schedule both ends of a shuffle at once.
            flags.append("--execution_mode_for_batch=BATCH_FORCED")
        if config.flink_master:  # a name to find the job by on the cluster, to cancel it
            flags.append(f"--job_name=schoon-{uuid.uuid4().hex[:12]}")
        # The mini-cluster's settings: Beam's job server reads Flink's FLINK_CONF_DIR.
        settings = {"FLINK_CONF_DIR": str(run.enter_context(engines.flink_conf_dir(host)))}
    else:
        master = config.spark_master_url or f"local[{n}]"
        flags = [f"--spark_job_server_jar={jar}", f"--spark_master_url={master}"]
        jvm += engines.spark_properties(host)
        if not any(f.startswith("--storage_level") for f in config.pipeline_options):
            # Beam's Spark runner caches a dataset that two steps read, at MEMORY_ONLY by
            # default: the dedup job's first-stage output (~6 kB a document) held in the JVM's
            # heap (3.3 GiB for 8 of 20 parts at 1M). On disk, the JVM does not grow with it;
            # Kryo writes it (Java's serialization cannot: Beam's RawUnionValue is not
            # Serializable).
            flags.append("--storage_level=DISK_ONLY")
            jvm.append("-Dspark.serializer=org.apache.spark.serializer.KryoSerializer")
        if config.partitions:
            jvm.append(f"-Dspark.default.parallelism={parts}")
        settings = {"SPARK_LOCAL_IP": host}  # where Spark's web UI binds
    run.enter_context(engines.environment(settings))
    return (*flags, *(f"--job_server_jvm_properties={p}" for p in jvm))


@contextlib.contextmanager
def _dask_scheduler(config: BeamConfig) -> Iterator[str]:
    """The scheduler to use: `dask_address`, or a local cluster of worker processes bound to
    127.0.0.1, closed afterwards (Beam leaves its own client open)."""
    if config.dask_address:
        yield config.dask_address
        return
    from distributed import LocalCluster

    if not config.verbose:  # after the import: distributed sets its own levels when imported
        logging.getLogger("distributed").setLevel(logging.WARNING)
    # Unless verbose, the workers' own output (Beam's import warnings, and their shutdown
    # warnings and tracebacks when a run is stopped) goes to an unnamed temporary file, which
    # they inherit as their stderr and which goes with the cluster; a task that fails still
    # reaches this process, through the client.
    with tempfile.TemporaryFile(prefix="schoon-dask-") as log:
        with _stderr_to(None if config.verbose else log.fileno()):
            cluster = LocalCluster(
                n_workers=config.processes,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.INFO if config.verbose else logging.WARNING,
            )
        with cluster:
            yield cluster.scheduler_address


@contextlib.contextmanager
def _stderr_to(fd: int | None) -> Iterator[None]:
    """File descriptor 2 of this process (and of the processes it starts) is `fd` in the block
    (None: unchanged)."""
    if fd is None:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    os.dup2(fd, 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


# How each runner's pipeline is made: one entry per name in `RUNNERS`.
PIPELINES = {
    "direct": _direct_pipeline,
    "portable": _portable_pipeline,
    "dask": _dask_pipeline,
    "flink": _engine_pipeline,
    "spark": _engine_pipeline,
    "prism": _engine_pipeline,
    "dataflow": _named_pipeline,
}
