"""Everything after cleaning: the training corpus, a tokenizer, training, sampling, the report.

Each module holds one stage's parameters (a dataclass built from its `params.yaml` section) and
the function its stage script in `stages/` calls. torch and transformers are imported by the
modules that use them, never by the `schoon` CLI's own modules, so the CLI stays fast to start.
"""

import logging

# transformers 5.25 asks its `kernels` package whether a flash-attention kernel from the Hub
# could stand in (for every model it builds, on any device). Offline, `kernels` answers with a
# warning per kernel that it skips the Hub's publisher check: about kernels schoon never loads,
# and nothing a user can act on. Its errors still show.
logging.getLogger("kernels").setLevel(logging.ERROR)
