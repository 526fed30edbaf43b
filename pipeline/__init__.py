"""The Beam jobs (cleaning, deduplication), their readers, statistics and entry points."""
