"""Stage `corpus`: split the cleaned sources into train/validation text per role, measure the
leakage across the split, and write the dataset card."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stages import headline
from stages.stage import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--params", default="params.yaml", help="parameter file")
    parser.add_argument("--clean", required=True, help="cleaned sources, NAME/*.parquet")
    parser.add_argument("--out", required=True, help="corpus directory to write")
    parser.add_argument("--stats", required=True, help="the whole statistics JSON to write")
    parser.add_argument("--metrics", help="the headline numbers for DVC (stages/headline.py)")
    parser.add_argument("--clean-stats", help="the clean stages' statistics, NAME.json")
    parser.add_argument("--dedup-stats", help="the dedup stage's statistics JSON")
    args = parser.parse_args(argv)
    return run("corpus", lambda: corpus(args))


def corpus(args: argparse.Namespace) -> str:
    from common.config import load_section, load_yaml, section
    from common.jsonfile import write_json
    from pipeline.dedup.leakage import similar_pairs
    from pipeline.dedup.params import DedupParams
    from pipeline.sources import source_roles
    from training.corpus import CorpusParams, build_corpus

    params = load_yaml(args.params)
    config = load_section(CorpusParams, args.params, "corpus")
    roles = source_roles(section(params, "sources", args.params), args.params)
    dedup = load_section(DedupParams, args.params, "dedup")

    def similar(texts: list[str], threshold: float) -> list[tuple[int, int]]:
        return [(i, j) for i, j, _ in similar_pairs(texts, dedup, threshold)]

    out = Path(args.out)
    stats = build_corpus(config, roles, Path(args.clean), out, similar)
    _measure_leakage(stats, out, dedup, config.split_threshold)
    write_json(Path(args.stats), stats)
    if args.metrics:
        write_json(Path(args.metrics), headline.corpus(stats))
    if args.clean_stats and args.dedup_stats:
        from stages.card import write_card

        write_card(params, args.params, config, dedup, stats, Path(args.clean_stats),
                   Path(args.dedup_stats), out / "README.md")  # fmt: skip
    return "\n".join(
        f"corpus {role}: train {s['train']['documents']} documents, "
        f"validation {s['validation']['documents']} documents"
        for role, s in ((r, stats[r]) for r in ("pretrain", "finetune"))
    )


def _measure_leakage(stats: dict, out: Path, dedup, split_threshold: float) -> None:
    """Leakage, measured rather than assumed: near copies across train and validation, at the
    dedup threshold and at the split's (0 by construction: a check of the split)."""
    import pyarrow.parquet as pq

    from pipeline.dedup.leakage import near_pairs_across

    for role in ("pretrain", "finetune"):
        texts = [
            pq.read_table(out / role / f"{split}.parquet", columns=["text"])
            .column("text")
            .to_pylist()
            for split in ("train", "validation")
        ]
        stats[role]["near_duplicate_pairs_across_splits"] = near_pairs_across(*texts, dedup)
        stats[role]["pairs_across_splits_at_split_threshold"] = near_pairs_across(
            *texts, dedup, split_threshold
        )


if __name__ == "__main__":
    sys.exit(main())
