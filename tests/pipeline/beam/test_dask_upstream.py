"""Two bugs of Beam's DaskRunner that shape the jobs (docs/runners.md, "The DaskRunner").

Each test asserts what the FnApiRunner does and is a strict xfail on the DaskRunner: the day
Beam fixes one, its test passes, the suite fails, and the workaround it names can go.
"""

from __future__ import annotations

import logging

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def dask_flags():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:  # fmt: skip
        yield [f"--dask_client_address={cluster.scheduler_address}"]
        for client in list(Client._instances):  # the runner's own, left open
            client.close()


def _run(flags: list[str], build) -> None:
    from apache_beam.runners.dask.dask_runner import DaskRunner

    with beam.Pipeline(runner=DaskRunner(), options=PipelineOptions(flags=flags)) as p:
        build(p)


class _OddEven(beam.DoFn):
    def process(self, x):
        yield beam.pvalue.TaggedOutput("even", x) if x % 2 == 0 else x


@pytest.mark.xfail(
    strict=True,
    reason="Beam's DaskRunner puts every output of a ParDo in one bag: the job splits one "
    "(kind, payload) stream with beam.Filter instead of tagged outputs",
)
def test_dask_separates_tagged_outputs(dask_flags):
    def build(p):
        outs = p | beam.Create(range(10)) | beam.ParDo(_OddEven()).with_outputs("even", main="odd")
        assert_that(outs.even, equal_to([0, 2, 4, 6, 8]))

    _run(dask_flags, build)


@pytest.mark.xfail(
    strict=True,
    reason="Beam's DaskRunner has no translation for the _Read step it puts in place of "
    "beam.io.Read: the dedup stage refuses runner dask",
)
def test_dask_reads_a_text_file(dask_flags, tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("een\ntwee\ndrie\n")

    def build(p):
        count = p | beam.io.ReadFromText(str(path)) | beam.combiners.Count.Globally()
        assert_that(count, equal_to([3]))

    _run(dask_flags, build)
