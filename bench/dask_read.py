"""Minimal reproduction: Beam 2.77's DaskRunner cannot run a job that reads with `beam.io.Read`.

The DaskRunner replaces every `beam.io.Read(source)` with its own `_Read` step
(`apache_beam/runners/dask/overrides.py`) but has no translation for `_Read`
(`transform_evaluator.TRANSLATIONS`), so that step becomes a no-op whose bag is `None`, and
the next step fails while the graph is built. `ReadFromText`, `ReadFromParquet` and every
other file source expand to `beam.io.Read`. The FnApiRunner runs the same job.

    .venv/bin/python -m bench.dask_read
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions


def run(runner, flags: list[str], path: str) -> None:
    try:
        with beam.Pipeline(runner=runner, options=PipelineOptions(flags=flags)) as p:
            p | beam.io.ReadFromText(path) | beam.combiners.Count.Globally() | beam.Map(print)
        print("  ran")
    except Exception as e:  # the point of the script: the error, in one line
        print(f"  {type(e).__name__}: {e}")


def main() -> None:
    from apache_beam.runners.dask.dask_runner import DaskRunner
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.WARNING)

    path = Path(tempfile.mkdtemp()) / "lines.txt"
    path.write_text("een\ntwee\ndrie\n")
    print("FnApiRunner")
    run(FnApiRunner(), [], str(path))
    with LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:  # fmt: skip
        print("DaskRunner")
        run(DaskRunner(), [f"--dask_client_address={cluster.scheduler_address}"], str(path))
        for client in list(Client._instances):  # the runner's own, left open when it fails
            client.close()


if __name__ == "__main__":
    main()
