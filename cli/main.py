"""The `schoon` command line: `check`, `clean`, `stats`, `audit`.

Heavy libraries (Beam, torch) are imported inside the commands that need them, so
`schoon check` starts fast.
"""

from __future__ import annotations

import argparse
import sys

from common.config import PARAMS_FILE, ConfigError, JobError
from pipeline.beam.runner import RUNNERS


def _add_check(sub) -> None:
    p = sub.add_parser(
        "check",
        help="run the filters on records and print one verdict per record",
        description="Write one JSON line per record: kept, reason, cleaned text and removed "
        "lines. With --source, read as that source reads (its format, fields and options; its "
        "own files when no FILE is given); with --preset, read JSON lines (.jsonl, .jsonl.gz or "
        "- for stdin; each record has `text` and optionally `id`).",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--preset", help="a filter preset (mc4nl, c4nlpreproc, lyrics)")
    which.add_argument("--source", help="use the filters of this source in params.yaml")
    p.add_argument("--params", default=PARAMS_FILE, help="parameter file (with --source)")
    p.add_argument("files", nargs="*", metavar="FILE", help="input files, or - for stdin")


def _add_clean(sub) -> None:
    p = sub.add_parser("clean", help="clean one source with the Beam pipeline")
    p.add_argument("--source", required=True, help="a source name from params.yaml")
    p.add_argument("--params", default=PARAMS_FILE)
    p.add_argument("--kept", help="output directory of kept documents (default data/clean/NAME)")
    p.add_argument("--rejected", help="output directory (default data/rejected/NAME)")
    p.add_argument("--stats", help="statistics JSON (default stats/clean/NAME.json)")
    p.add_argument("--runner", choices=RUNNERS, help="override beam.runner in params.yaml")
    p.add_argument(
        "--work",
        help="directory keeping each input file's result between runs: a killed run resumes, "
        "a new file is cleaned alone (default data/cache/clean/NAME, as the clean@ stage; "
        "with --kept DIR, .schoon-work-BASENAME beside DIR)",
    )
    p.add_argument(
        "--fresh",
        action="store_true",
        help="clean every file again: remove the work directory's results first",
    )
    p.add_argument("--verbose", action="store_true", help="Beam's INFO logging too")


def _add_dedup(sub) -> None:
    p = sub.add_parser(
        "dedup",
        help="find exact and near copies among the records of a JSON-lines file",
        description="Read JSON lines (`id`, `text`; .gz and - too) and write one JSON line "
        "per record, in input order: kept, duplicate_of (the kept record's id), similarity "
        "and kind (exact, near, span). The first occurrence is kept. The same transform as "
        "the dedup stage.",
    )
    p.add_argument("file", help="JSON lines file, or - for stdin")
    p.add_argument("--params", help="take the dedup section of this params file")


def _add_stats(sub) -> None:
    p = sub.add_parser(
        "stats",
        help="print the statistics of a run, or compare two runs",
        description="Statistics of every stage from stats/ and metrics/: per source the "
        "funnel and the reasons, per stage in and out. With one REV, that run beside the working "
        "tree; with two, those two side by side. A REV is a git revision or a DVC experiment name.",
    )
    p.add_argument("revs", nargs="*", metavar="REV")
    p.add_argument("--format", choices=["table", "markdown", "json"], default="table")


def _add_audit(sub) -> None:
    p = sub.add_parser(
        "audit",
        help="show a sample of what a filter removed, or what another setting would change",
        description="With --reason: a deterministic sample of the documents a source lost to "
        "REASON (or, for a line reason, the lines), evidence highlighted. With --diff: the "
        "documents whose verdict changes under another setting: KEY=VALUE overrides of the "
        "source's entry (e.g. filters.language.min_probability=0.8), another params file, or "
        "a git revision.",
    )
    p.add_argument("--source", required=True)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--reason",
        help="a reason id, e.g. bad_words or short_line; repair for what it rewrote (and refused), "
        "repair_refused for the refusals alone; exact, near "
        "or span for what the dedup stage dropped, beside the document it copies",
    )
    which.add_argument("--diff", metavar="OTHER", help="KEY=VALUE[,...], a params file or a REV")
    p.add_argument("-n", type=int, default=5, help="how many documents to show")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--params", default=PARAMS_FILE)
    p.add_argument("--kept", help="kept output directory (default data/clean/SOURCE)")
    p.add_argument("--rejected", help="rejected output directory (default data/rejected/SOURCE)")
    p.add_argument("--limit", type=int, default=0, help="--diff: read at most this many records")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="schoon", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    _add_check(sub)
    _add_clean(sub)
    _add_dedup(sub)
    _add_stats(sub)
    _add_audit(sub)
    args = parser.parse_args(argv)
    from common.interrupt import Stopped, report_stop, stoppable
    from filters.presets import UnknownPresetError

    try:
        with stoppable():
            return _run(args)
    except Stopped as e:
        return report_stop("schoon", e, args.command)
    except (ConfigError, UnknownPresetError) as e:
        print(f"schoon: {e}", file=sys.stderr)
        return 2
    except JobError as e:
        print(f"schoon: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


def _run(args: argparse.Namespace) -> int:
    """The subcommand `args.command`; its exit status."""
    if args.command == "check":
        from cli.check import run_check

        return run_check(args.files, preset=args.preset, source=args.source, params=args.params)
    if args.command == "clean":
        from pipeline.clean.source import clean_source

        clean_source(
            args.source,
            args.params,
            args.kept,
            args.rejected,
            args.stats,
            runner=args.runner,
            work=args.work,
            verbose=args.verbose or None,
            fresh=args.fresh,
        )
        return 0
    if args.command == "dedup":
        from cli.dedup import run_dedup_file

        return run_dedup_file(args.file, args.params)
    if args.command == "stats":
        from cli.stats_view import run_stats

        print(run_stats(args.revs, args.format))
        return 0
    if args.command == "audit":
        from cli.audit import run_audit

        print(run_audit(args))
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
