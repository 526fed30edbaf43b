# The SDK worker image for schoon's Beam jobs on Flink, Spark and Dataflow (docs/workers.md):
# Beam's own Python 3.11 SDK image, whose Go boot (/opt/apache/beam/boot) stays the entry
# point, with this project and all its dependencies installed, so that a worker starts
# without downloading anything.
#
# Build context: a directory holding only the project's wheel (the repository root would send
# .venv and data/ to the daemon as well):
#
#   .venv/bin/python -c 'from pathlib import Path; from pipeline.beam.worker_boot import build_wheel; print(build_wheel(Path("."), Path("/tmp/schoon-dist")))'
#   docker build -f deploy/worker.Dockerfile -t schoon-worker:0.1.0 /tmp/schoon-dist
#
# Not built or run where it was written: that machine has the docker client but no daemon,
# and no access to Docker Hub or to the PyTorch index.
FROM apache/beam_python3.11_sdk:2.77.0

ARG WHEEL=schoon-0.1.0-py3-none-any.whl
COPY ${WHEEL} /tmp/

# apache-beam is pinned to the image's own version: the wheel only asks for >=2.60, and the
# workers' SDK must be the submitting one. torch (pinned to 2.13.0 by the project) comes from
# the CPU index: workers clean text, they do not train, and PyPI's default build brings CUDA.
# `pip check` turns a conflict with what the image already holds into a failed build.
RUN pip install --no-cache-dir \
        --extra-index-url https://download.pytorch.org/whl/cpu \
        "/tmp/${WHEEL}" "apache-beam[aws,dask]==2.77.0" \
    && pip check \
    && rm "/tmp/${WHEEL}"
