"""Stage `generate`: sample from the trained model; write the samples and their measures."""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", default="params.yaml", help="parameter file")
    parser.add_argument("--model", required=True, help="trained model directory")
    parser.add_argument("--out", required=True, help="directory for one sample file per prompt")
    parser.add_argument("--metrics", required=True, help="metrics JSON to write")
    args = parser.parse_args(argv)

    from common.config import ConfigError, build, load_yaml, section
    from filters.bad_words import BadWords
    from training.generate import (
        GenerateParams,
        generate_samples,
        generation_metrics,
        write_samples,
    )
    from training.io import write_json

    try:
        params = load_yaml(args.params)
        where = f"{args.params}: generate"
        config = build(GenerateParams, section(params, "generate", args.params), where)
        results = generate_samples(config, Path(args.model))
    except ConfigError as e:
        raise SystemExit(f"error: {e}") from None
    write_samples(results, Path(args.out))
    metrics = generation_metrics(results, BadWords().find)
    write_json(args.metrics, metrics)
    print("generate: " + ", ".join(f"{k} {v}" for k, v in metrics.items()))


if __name__ == "__main__":
    main()
