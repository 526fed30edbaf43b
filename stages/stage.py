"""What every stage does alike: report a problem the user can fix, and exit.

A stage's `main` parses its arguments and hands the work to `run`: the work loads its params
section (`common.config.load_section`), calls the library and returns the one line that says
what it did. `run` prints that line and returns 0; an `InputError` (a bad parameter, a missing
or unreadable input) or a missing file is printed as `STAGE: message` on stderr, with exit
status 2, as argparse does for a bad argument; a job that failed on its runner (`JobError`: a
lost cluster worker) the same way with status 1; SIGINT or SIGTERM stops what the stage
started and is one line too (`common.interrupt`). Anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from common.config import InputError, JobError
from common.interrupt import (
    Stopped,
    describe_progress,
    report_stop,
    stop_with_parent,
    stoppable,
)

USER_ERROR = 2  # the exit status of a problem the user can fix
JOB_FAILED = 1  # the exit status of a job that failed where it ran (`JobError`)


def run(stage: str, work: Callable[[], str], after_stop: str = "") -> int:
    """Run `work`; print its summary line, or the user's error as `STAGE: message`.
    `after_stop`: what a stopped run leaves, for its one line (the work may say more)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if after_stop:
        describe_progress(lambda: after_stop)
    try:
        with stoppable():
            stop_with_parent()  # dvc repro stopped by SIGTERM stops the stage too
            summary = work()
    except Stopped as e:  # SIGINT, or SIGTERM from dvc or a scheduler: one line, nothing left
        return report_stop(stage, e, "the stage")
    except (InputError, FileNotFoundError) as e:
        print(f"{stage}: {e}", file=sys.stderr)
        return USER_ERROR
    except JobError as e:
        print(f"{stage}: {e}", file=sys.stderr)
        return JOB_FAILED
    print(summary)
    return 0
