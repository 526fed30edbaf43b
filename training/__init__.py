"""Everything after cleaning: the training corpus, a tokenizer, training, sampling, the report.

Each module holds one stage's parameters (a dataclass built from its `params.yaml` section) and
the function its thin script in `stages/` calls. `torch` and `transformers` are imported inside
functions only, so importing this package (and the `schoon` CLI) stays fast.
"""
