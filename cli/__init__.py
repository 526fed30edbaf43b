"""The `schoon` command line: check, clean, dedup, stats, audit. Sits on top of every layer."""
