"""Stage `corpus`: split the cleaned sources into train/validation text per role."""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", default="params.yaml", help="parameter file")
    parser.add_argument("--clean", required=True, help="cleaned sources, NAME/*.parquet")
    parser.add_argument("--out", required=True, help="corpus directory to write")
    parser.add_argument("--metrics", required=True, help="statistics JSON to write")
    args = parser.parse_args(argv)

    from common.config import ConfigError, build, load_yaml, section
    from pipeline.sources import source_roles
    from training.corpus import CorpusParams, build_corpus
    from training.io import write_json

    try:
        params = load_yaml(args.params)
        where = f"{args.params}: corpus"
        config = build(CorpusParams, section(params, "corpus", args.params), where)
        roles = source_roles(section(params, "sources", args.params), args.params)
        stats = build_corpus(config, roles, Path(args.clean), Path(args.out))
    except (ConfigError, FileNotFoundError) as e:
        raise SystemExit(f"error: {e}") from None
    write_json(Path(args.metrics), stats)
    for role in ("pretrain", "finetune"):
        s = stats[role]
        print(
            f"corpus {role}: train {s['train']['documents']} documents, "
            f"validation {s['validation']['documents']} documents"
        )


if __name__ == "__main__":
    main()
