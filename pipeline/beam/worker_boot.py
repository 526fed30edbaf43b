"""Code on the workers: this repository shipped as a wheel, installed by each SDK worker first.

Beam stages every `--extra_package` for the workers of every runner, but only the `boot` of
Beam's SDK container image installs what was staged, and that boot is a Go program inside the
image, not on PyPI. Without a container, the portable runner's workers would run with whatever
their interpreter happens to import. This module has both halves of the way around it:

- the driver (`shipped_code`, used by `pipeline.beam.runner` when `beam.ship_code` is true) builds
  one wheel of the checkout per run, to be passed as `--extra_package`, and a worker command
  that runs this file;
- run as a script, this file is that boot, in Python: it asks the runner's provision service
  for the staged artifacts, fetches them from its artifact service, `pip install`s the packages
  into a directory of the worker's own, then becomes Beam's SDK worker
  (`apache_beam.runners.worker.sdk_worker_main`) with that directory first on `PYTHONPATH`.

The boot reads its endpoints from the flags that a worker pool (`--container_executable`) and
a PROCESS environment pass (`--id`, `--provision_endpoint`, ...), or else from the variables
that the embedded runner's subprocess environment sets (`CONTROL_API_SERVICE_DESCRIPTOR`,
`WORKER_ID`; provision and artifact services are then served on the control endpoint).

It installs code, not dependencies (`pip install --no-deps --no-index`, nothing fetched): the
worker's environment must already hold Beam and the project's requirements, as the image of
deploy/worker.Dockerfile does. docs/workers.md has the commands for each runner.

Nothing of the project is imported here, at the top or in the boot: only the standard library,
and apache_beam, grpc and protobuf once running as the boot, so that it runs on a worker before
the project is installed.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import logging
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger("schoon.worker_boot")

ROOT = Path(__file__).resolve().parents[2]

# Staged names Beam gives the artifacts of --extra_package, --setup_file, --requirements_file.
EXTRA_PACKAGES = "extra_packages.txt"
SETUP_FILE = "workflow.tar.gz"
REQUIREMENTS = "requirements.txt"
BOOT_FAILED = "boot-failed.txt"  # why workers failed to boot, a line each


# The driver's half.


@contextlib.contextmanager
def shipped_code(root: Path = ROOT) -> Iterator[tuple[str, str]]:
    """(wheel, worker command) for one run: a wheel of the checkout at `root`, built once, and
    the command that starts a portable-runner SDK worker through this boot. Both, and every
    worker's installation, live in a temporary directory removed when the block ends."""
    with tempfile.TemporaryDirectory(prefix="schoon-ship-") as tmp:
        wheel = build_wheel(root, Path(tmp) / "dist")
        workers = Path(tmp) / "workers"
        workers.mkdir()
        yield str(wheel), boot_command(workers)


def build_wheel(root: Path, dest: Path) -> Path:
    """A wheel of the project at `root`, written to `dest`.

    Built from a copy of what the wheel holds (pyproject.toml, the readme and the packages it
    lists): building in the checkout would write build/ and *.egg-info there, and setuptools
    packs whatever is left in build/lib, files deleted from the source included.
    """
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        raise FileNotFoundError(
            f"beam.ship_code builds a wheel of the checkout, but {root} has no pyproject.toml "
            "(run from a checkout, or install the project on the workers: deploy/worker.Dockerfile)"
        )
    with pyproject.open("rb") as f:
        project = tomllib.load(f)
    include = project["tool"]["setuptools"]["packages"]["find"]["include"]
    readme = project["project"].get("readme")
    with tempfile.TemporaryDirectory(prefix="schoon-wheel-src-") as src:
        shutil.copy2(pyproject, src)
        if readme:
            shutil.copy2(root / readme, src)
        for entry in sorted(root.iterdir()):
            if entry.is_dir() and any(fnmatch.fnmatch(entry.name, p) for p in include):
                ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
                shutil.copytree(entry, Path(src) / entry.name, ignore=ignore)
        dest.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
             "--disable-pip-version-check", "-q", "-w", str(dest), src],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    (wheel,) = dest.glob("*.whl")
    return wheel


def boot_command(work_dir: Path, python: str | None = None) -> str:
    """The subprocess environment's worker command: `python` (default: this interpreter)
    running this file, each worker installing into its own directory under `work_dir`.

    `-P`: neither this file's directory (pipeline/beam/) nor the working directory, which may be
    the checkout, goes on `sys.path`; the project comes from the installed wheel only."""
    return shlex.join(
        [python or sys.executable, "-P", str(Path(__file__).resolve()),
         f"--semi_persist_dir={work_dir}"]
    )  # fmt: skip


# The worker's half: the boot.


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    """The flags Beam passes a worker command (worker pools, PROCESS environments); the
    subprocess environment passes none and sets environment variables instead."""
    parser = argparse.ArgumentParser(
        description="Install the staged packages, then run an SDK worker."
    )
    for name in ("id", "control_endpoint", "logging_endpoint", "provision_endpoint",
                 "artifact_endpoint"):  # fmt: skip
        parser.add_argument(f"--{name}", default="")
    parser.add_argument(
        "--semi_persist_dir",
        default=None,
        help="where this worker's own directory is made (default: the system's temporary one);"
        " the name of the Go boot's flag",
    )
    return parser.parse_known_args(argv)[0]


def _url(descriptor_variable: str) -> str:
    """The url of an `ApiServiceDescriptor` given in text format in an environment variable."""
    from apache_beam.portability.api import endpoints_pb2
    from google.protobuf import text_format

    text = os.environ.get(descriptor_variable, "")
    return text_format.Parse(text, endpoints_pb2.ApiServiceDescriptor()).url if text else ""


def _options(info) -> dict:
    """The job's pipeline options from the provision info, by their plain names."""
    from google.protobuf import json_format

    options = json_format.MessageToDict(info.pipeline_options)
    return {k.removeprefix("beam:option:").removesuffix(":v1"): v for k, v in options.items()}


def fetch_artifacts(info, artifact_url: str, metadata, staged: Path) -> list[str]:
    """Write every artifact staged for this job into `staged`; their staged names."""
    import grpc
    from apache_beam.portability import common_urns
    from apache_beam.portability.api import (
        beam_artifact_api_pb2,
        beam_artifact_api_pb2_grpc,
        beam_runner_api_pb2,
    )

    role = common_urns.artifact_roles.STAGING_TO.urn
    names = []
    with grpc.insecure_channel(artifact_url) as channel:
        retrieval = beam_artifact_api_pb2_grpc.ArtifactRetrievalServiceStub(channel)
        for artifact in info.dependencies:
            if artifact.role_urn != role:
                raise ValueError(f"artifact with role {artifact.role_urn}: only {role} is known")
            payload = beam_runner_api_pb2.ArtifactStagingToRolePayload.FromString(
                artifact.role_payload
            )
            request = beam_artifact_api_pb2.GetArtifactRequest(artifact=artifact)
            with open(staged / payload.staged_name, "wb") as f:
                for chunk in retrieval.GetArtifact(request, metadata=metadata):
                    f.write(chunk.data)
            names.append(payload.staged_name)
    return names


def install(staged: Path, names: list[str], site: Path) -> list[str]:
    """pip-install the staged packages (`--extra_package`s, then a `--setup_file`'s source
    archive) into `site`, without their dependencies and without an index; what was installed.

    A staged requirements file is refused: dependencies belong in the worker's environment,
    and installing them here would need an index or a staged copy of every one."""
    if REQUIREMENTS in names:
        raise SystemExit(
            "worker_boot: --requirements_file is not installed by this boot; install the "
            "requirements in the worker environment (deploy/worker.Dockerfile) instead"
        )
    packages = []
    if EXTRA_PACKAGES in names:
        listed = (staged / EXTRA_PACKAGES).read_text().split()
        packages += [str(staged / name) for name in listed]
    if SETUP_FILE in names:
        packages.append(str(staged / SETUP_FILE))
    if packages:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
             "--no-build-isolation", "--disable-pip-version-check", "-q",
             "--target", str(site), *packages],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return [Path(p).name for p in packages]


def main(argv: list[str] | None = None) -> None:
    """Boot one SDK worker: install what the job staged, then exec Beam's worker main. A boot
    that fails says why in `BOOT_FAILED` in its `--semi_persist_dir`, where the process that
    started the worker pool looks for it: the runner would otherwise wait for the worker
    forever."""
    args = _arguments(argv)
    try:
        boot(args)
    except BaseException as e:
        if args.semi_persist_dir:
            said = e.details() if callable(getattr(e, "details", None)) else e  # gRPC's own
            reason = f"{type(e).__name__}: {said}".strip().splitlines()[0][:300]
            worker = args.id or os.environ.get("WORKER_ID", "?")
            with (
                contextlib.suppress(OSError),
                open(Path(args.semi_persist_dir) / BOOT_FAILED, "a") as f,
            ):
                f.write(f"worker {worker}: {reason}\n")
        raise


def boot(args: argparse.Namespace) -> None:
    """`main` without the report of a failure."""
    # Beam's import warns through the root logger that Google Cloud clients are missing; the
    # worker main says so itself, so here it goes nowhere.
    logging.getLogger().addHandler(logging.NullHandler())
    start = time.monotonic()
    worker_id = args.id or os.environ.get("WORKER_ID", "")
    control = args.control_endpoint or _url("CONTROL_API_SERVICE_DESCRIPTOR")
    provision = args.provision_endpoint or control
    if not provision:
        raise SystemExit(
            "worker_boot: no provision endpoint (--provision_endpoint, as a worker pool and a "
            "PROCESS environment pass it, or CONTROL_API_SERVICE_DESCRIPTOR as the portable "
            "runner's subprocess environment sets)"
        )
    metadata = [("worker_id", worker_id)]
    info = _provision_info(provision, metadata)
    # A PROCESS environment passes only --id and --provision_endpoint: the control, artifact
    # and logging endpoints are in the provision info, as Beam's container boot reads them.
    control = control or info.control_endpoint.url
    if not control:
        raise SystemExit("worker_boot: the runner's provision info names no control endpoint")
    options = _options(info)
    logging.basicConfig(
        level=options.get("default_sdk_harness_log_level", "INFO"),
        format="%(levelname)s %(name)s: %(message)s",
        force=True,
    )

    # Beam's layout: the worker main puts SEMI_PERSISTENT_DIRECTORY/staged on sys.path and
    # loads a pickled main session (--save_main_session) from there.
    if args.semi_persist_dir:
        os.makedirs(args.semi_persist_dir, exist_ok=True)
    prefix = f"worker-{worker_id or 'x'}-"
    home = Path(tempfile.mkdtemp(prefix=prefix, dir=args.semi_persist_dir))
    staged, site = home / "staged", home / "site"
    staged.mkdir()
    artifacts = args.artifact_endpoint or info.artifact_endpoint.url or control
    names = fetch_artifacts(info, artifacts, metadata, staged)
    installed = install(staged, names, site)
    log.info("worker %s: installed %s into %s in %.1f s", worker_id, installed or "nothing",
             site, time.monotonic() - start)  # fmt: skip

    logging_url = args.logging_endpoint or _url("LOGGING_API_SERVICE_DESCRIPTOR")
    env = _worker_env(
        info, worker_id, control, logging_url or info.logging_endpoint.url, home, site
    )
    sys.stdout.flush()
    sys.stderr.flush()
    # -P: the working directory stays off sys.path, so the checkout it may be cannot shadow
    # the installed wheel.
    worker = [sys.executable, "-P", "-m", "apache_beam.runners.worker.sdk_worker_main"]
    os.execve(sys.executable, worker, env)


def _provision_info(endpoint: str, metadata: list[tuple[str, str]]):
    """The job's provision info (pipeline options, artifacts, endpoints) for this worker."""
    import grpc
    from apache_beam.portability.api import beam_provision_api_pb2, beam_provision_api_pb2_grpc

    with grpc.insecure_channel(endpoint) as channel:
        provision = beam_provision_api_pb2_grpc.ProvisionServiceStub(channel)
        request = beam_provision_api_pb2.GetProvisionInfoRequest()
        return provision.GetProvisionInfo(request, metadata=metadata).info


def _worker_env(
    info, worker_id: str, control: str, logging_url: str, home: Path, site: Path
) -> dict:
    """The environment Beam's worker main reads, with the installed site first on the path."""
    from apache_beam.portability.api import endpoints_pb2
    from google.protobuf import json_format, text_format

    def descriptor(url: str) -> str:
        return text_format.MessageToString(endpoints_pb2.ApiServiceDescriptor(url=url))

    path = [str(site), os.environ.get("PYTHONPATH", "")]
    return dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(p for p in path if p),
        WORKER_ID=worker_id,
        CONTROL_API_SERVICE_DESCRIPTOR=descriptor(control),
        LOGGING_API_SERVICE_DESCRIPTOR=descriptor(logging_url),
        PIPELINE_OPTIONS=json_format.MessageToJson(info.pipeline_options),
        SEMI_PERSISTENT_DIRECTORY=str(home),
    )


if __name__ == "__main__":
    main()
