"""Minimal reproduction: Beam 2.77's DaskRunner does not separate a ParDo's outputs.

A DoFn sends odd numbers to its main output and even ones to `TaggedOutput("even", x)`; each
output is collected. On the FnApiRunner `even` gets 0, 2, ..., 8; on the DaskRunner it gets
all of 0..9. The same split done the way schoon's job does it (one stream of (kind, value)
split by `beam.Filter`, every branch joined into one last step) is right on both.

    .venv/bin/python -m bench.dask_outputs
"""

from __future__ import annotations

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions


class OddEven(beam.DoFn):
    def process(self, x):
        yield beam.pvalue.TaggedOutput("even", x) if x % 2 == 0 else x


def tagged(p):
    """The even output, as the DoFn tags it."""
    outs = p | beam.Create(range(10)) | beam.ParDo(OddEven()).with_outputs("even", main="odd")
    return outs.even | "Even" >> beam.combiners.ToList()


def filtered(p):
    """Both kinds from one stream split by Filter, joined into one last step."""
    pairs = p | beam.Create(range(10)) | beam.Map(lambda x: ("even" if x % 2 == 0 else "odd", x))
    even = pairs | "IsEven" >> beam.Filter(lambda e: e[0] == "even")
    odd = pairs | "IsOdd" >> beam.Filter(lambda e: e[0] == "odd")
    return (even, odd) | beam.Flatten() | "All" >> beam.combiners.ToList()


def run(build, runner, flags):
    with beam.Pipeline(runner=runner, options=PipelineOptions(flags=flags)) as p:
        result = build(p)
        result | beam.Map(lambda xs: print(f"  {build.__name__}: {sorted(xs)}"))
    if hasattr(p.result, "client"):
        p.result.client.close()  # the DaskRunner leaves its client open


def main() -> None:
    from apache_beam.runners.dask.dask_runner import DaskRunner
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner
    from distributed import LocalCluster

    for build in (tagged, filtered):
        print("FnApiRunner")
        run(build, FnApiRunner(), [])
        with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                          dashboard_address=None) as cluster:  # fmt: skip
            print("DaskRunner")
            run(build, DaskRunner(), [f"--dask_client_address={cluster.scheduler_address}"])


if __name__ == "__main__":
    main()
