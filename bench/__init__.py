"""Benchmarks by what they measure (cleaning/, filters/, dedup/, training/) on one harness,
run as modules from the repository root: `python -m bench.cleaning.throughput ...`."""
