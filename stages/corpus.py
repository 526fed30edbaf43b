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
    parser.add_argument("--clean-metrics", help="the clean stages' statistics, NAME.json")
    parser.add_argument("--dedup-metrics", help="the dedup stage's statistics JSON")
    args = parser.parse_args(argv)

    import pyarrow.parquet as pq

    from common.config import build, load_yaml, section
    from pipeline.dedup_params import dedup_params
    from pipeline.leakage import near_pairs_across, similar_pairs
    from pipeline.sources import source_roles
    from training.corpus import CorpusParams, build_corpus
    from training.io import write_json

    try:
        params = load_yaml(args.params)
        where = f"{args.params}: corpus"
        config = build(CorpusParams, section(params, "corpus", args.params), where)
        roles = source_roles(section(params, "sources", args.params), args.params)
        dedup = dedup_params(section(params, "dedup", args.params), args.params)

        def similar(texts: list[str], threshold: float) -> list[tuple[int, int]]:
            return [(i, j) for i, j, _ in similar_pairs(texts, dedup, threshold)]

        stats = build_corpus(config, roles, Path(args.clean), Path(args.out), similar)
    except (ValueError, FileNotFoundError) as e:  # ConfigError is a ValueError
        raise SystemExit(f"error: {e}") from None
    # Leakage, measured rather than assumed: near copies across train and validation, at the
    # dedup threshold and at the split's (0 by construction: a check of the split).
    for role in ("pretrain", "finetune"):
        texts = [
            pq.read_table(Path(args.out) / role / f"{split}.parquet", columns=["text"])
            .column("text")
            .to_pylist()
            for split in ("train", "validation")
        ]
        stats[role]["near_duplicate_pairs_across_splits"] = near_pairs_across(*texts, dedup)
        stats[role]["pairs_across_splits_at_split_threshold"] = near_pairs_across(
            *texts, dedup, config.split_threshold
        )
    write_json(Path(args.metrics), stats)
    if args.clean_metrics and args.dedup_metrics:
        from stages.card import write_card

        write_card(params, args.params, config, dedup, stats, Path(args.clean_metrics),
                   Path(args.dedup_metrics), Path(args.out) / "README.md")  # fmt: skip
    for role in ("pretrain", "finetune"):
        s = stats[role]
        print(
            f"corpus {role}: train {s['train']['documents']} documents, "
            f"validation {s['validation']['documents']} documents"
        )


if __name__ == "__main__":
    main()
