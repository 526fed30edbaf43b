"""Cleaning one source: its filter chain applied to every record, by a Beam job.

- `chains`: a source's filter chain, built from its preset and overrides with checked params;
- `params`: the `clean` section (what the job writes; how it runs is `pipeline.beam`'s);
- `job`: the Beam job (read, filter, write kept and rejected Parquet and the statistics);
- `schema`: the kept and rejected rows;
- `work`: the work directory: each input file's committed result (resume, incremental);
- `stats`: the statistics counted as data, and their JSON;
- `progress`: the progress line, read from the work directory while the job runs;
- `source`: the entry point of `schoon clean` and `clean@NAME`: parameters checked, then the job.

Nothing here imports Beam at package level: `schoon check` builds chains without it.
"""
