"""The Beam jobs and what they stand on, one subpackage per concern:

- `sources`: the readers, one module per input format, and their registry;
- `clean`: the cleaning job, its chains, statistics, progress and work directory (resume);
- `dedup`: deduplication across the cleaned sources, one module per step;
- `beam`: how a job runs: runner options, job servers and Prism, the worker boot, loopback
  binding, and staged Parquet output.
"""
