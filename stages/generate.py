"""Stage `generate`: sample from the trained model; write the samples and their measures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stages.stage import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", default="params.yaml", help="parameter file")
    parser.add_argument("--model", required=True, help="trained model directory")
    parser.add_argument("--out", required=True, help="directory for one sample file per prompt")
    parser.add_argument("--metrics", required=True, help="metrics JSON to write")
    args = parser.parse_args(argv)
    return run("generate", lambda: generate(args))


def generate(args: argparse.Namespace) -> str:
    from common.config import load_section
    from common.jsonfile import write_json
    from filters.bad_words import BadWords
    from training.generate import (
        GenerateParams,
        generate_samples,
        generation_metrics,
        write_samples,
    )

    config = load_section(GenerateParams, args.params, "generate")
    results = generate_samples(config, Path(args.model))
    write_samples(results, Path(args.out))
    metrics = generation_metrics(results, BadWords().find)
    write_json(args.metrics, metrics)
    return "generate: " + ", ".join(f"{k} {v}" for k, v in metrics.items())


if __name__ == "__main__":
    sys.exit(main())
