"""How a Beam job runs here, whatever the job:

- `runner`: the `beam` section's settings (`BeamConfig`), and `beam_pipeline`, the pipeline a
  job runs in, on the runner chosen;
- `engines`: Flink, Spark and Prism: the job servers and the SDK worker pool started from what
  `make` built;
- `worker_boot`: the SDK workers' boot (install the staged code, then run a worker);
- `loopback`: the gRPC servers Beam starts in this process, bound to loopback;
- `parquet`: staged Parquet output, moved into place only when the whole run succeeded.
"""
