"""Stage `report`: write reports/model_analysis.md from the tracked metrics."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from stages.stage import run


def _figure_links(figures: str | None, out: Path) -> list[str]:
    """The PNG files of `figures`, as paths relative to the page that links them."""
    if not figures or not Path(figures).is_dir():
        return []
    base = out.resolve().parent
    pictures = sorted(Path(figures).glob("*.png"))
    return [Path(os.path.relpath(p.resolve(), base)).as_posix() for p in pictures]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", default="params.yaml", help="parameter file")
    parser.add_argument("--model", required=True, help="trained model directory")
    parser.add_argument("--clean-stats", required=True, help="cleaning statistics, NAME.json")
    parser.add_argument("--dedup-stats", help="the dedup stage's statistics JSON")
    parser.add_argument("--corpus-stats", required=True, help="corpus statistics JSON")
    parser.add_argument("--train-stats", required=True, help="the train stage's whole metrics JSON")
    parser.add_argument("--generate-metrics", required=True, help="generation metrics JSON")
    parser.add_argument("--samples", required=True, help="generated samples directory")
    parser.add_argument("--figures", help="directory of PNG figures to link from the page")
    parser.add_argument("--out", required=True, help="Markdown page to write")
    args = parser.parse_args(argv)
    return run("report", lambda: report(args))


def report(args: argparse.Namespace) -> str:
    from common.config import load_section, load_yaml, section
    from training.report import ReportParams, build_report

    config = load_section(ReportParams, args.params, "report")
    if not Path(args.model).is_dir():
        raise FileNotFoundError(f"no trained model in {args.model}: run the train stage first")
    page = build_report(
        config,
        model_dir=Path(args.model),
        clean_metrics=Path(args.clean_stats),
        corpus_metrics=Path(args.corpus_stats),
        train_metrics=Path(args.train_stats),
        generate_metrics=Path(args.generate_metrics),
        samples_dir=Path(args.samples),
        figures=_figure_links(args.figures, Path(args.out)),
        sources=list(section(load_yaml(args.params), "sources", args.params)),
        dedup_metrics=Path(args.dedup_stats) if args.dedup_stats else None,
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return f"report: wrote {out}"


if __name__ == "__main__":
    sys.exit(main())
