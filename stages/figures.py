"""DVC stage `figures`: PNG pictures of the run (funnel, reasons, loss) into reports/figures."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from stages.stage import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", default="params.yaml", help="parameter file: the sources")
    parser.add_argument("--clean-stats", required=True, help="directory of NAME.json statistics")
    parser.add_argument("--dedup-stats", help="the dedup stage's statistics JSON")
    parser.add_argument("--loss", required=True, help="dvclive's loss.tsv")
    parser.add_argument("--train-stats", help="the train stage's whole metrics JSON")
    parser.add_argument("--out", required=True, help="directory for the PNG files")
    args = parser.parse_args(argv)
    return run("figures", lambda: figures(args))


def figures(args: argparse.Namespace) -> str:
    from common.config import load_yaml, section
    from reporting.figures import draw_figures

    sources = list(section(load_yaml(args.params), "sources", args.params))
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)  # no stale picture of a removed source
    paths = draw_figures(
        sources,
        Path(args.clean_stats),
        Path(args.dedup_stats) if args.dedup_stats else None,
        Path(args.loss),
        Path(args.train_stats) if args.train_stats else None,
        out,
    )
    return "\n".join(f"figures: wrote {path}" for path in paths)


if __name__ == "__main__":
    sys.exit(main())
