"""DVC stage `figures`: PNG pictures of the run (funnel, reasons, loss) into reports/figures."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from stages.stage import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clean-metrics", required=True, help="directory of NAME.json statistics")
    parser.add_argument("--loss", required=True, help="dvclive's loss.tsv")
    parser.add_argument("--out", required=True, help="directory for the PNG files")
    args = parser.parse_args(argv)
    return run("figures", lambda: figures(args))


def figures(args: argparse.Namespace) -> str:
    from reporting.figures import draw_figures

    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)  # no stale picture of a removed source
    paths = draw_figures(Path(args.clean_metrics), Path(args.loss), out)
    return "\n".join(f"figures: wrote {path}" for path in paths)


if __name__ == "__main__":
    sys.exit(main())
