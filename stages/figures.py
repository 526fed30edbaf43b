"""DVC stage `figures`: PNG pictures of the run (funnel, reasons, loss) into reports/figures."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clean-metrics", required=True, help="directory of NAME.json statistics")
    parser.add_argument("--loss", required=True, help="dvclive's loss.tsv")
    parser.add_argument("--out", required=True, help="directory for the PNG files")
    args = parser.parse_args(argv)

    from reporting.figures import draw_figures

    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)  # no stale picture of a removed source
    for path in draw_figures(Path(args.clean_metrics), Path(args.loss), out):
        print(f"figures: wrote {path}")


if __name__ == "__main__":
    main()
