"""Stage `tokenizer`: train a byte-level BPE tokenizer on the pretrain and finetune train text."""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", default="params.yaml", help="parameter file")
    parser.add_argument("--corpus", required=True, help="corpus directory (ROLE/SPLIT.parquet)")
    parser.add_argument("--out", required=True, help="tokenizer directory to write")
    parser.add_argument("--metrics", required=True, help="statistics JSON to write")
    args = parser.parse_args(argv)

    from common.config import ConfigError, build, load_yaml, section
    from training.corpus import ROLES, read_texts
    from training.io import write_json
    from training.tokenizer import TokenizerParams, train_tokenizer

    try:
        params = load_yaml(args.params)
        where = f"{args.params}: tokenizer"
        config = build(TokenizerParams, section(params, "tokenizer", args.params), where)
        corpus = Path(args.corpus)
        texts = [t for role in ROLES for t in read_texts(corpus / role / "train.parquet")]
        stats = train_tokenizer(config, texts, Path(args.out))
    except (ConfigError, ValueError) as e:
        raise SystemExit(f"error: {e}") from None
    write_json(args.metrics, stats)
    print(f"tokenizer: {stats['vocab_size']} tokens, {stats['chars_per_token']} characters a token")


if __name__ == "__main__":
    main()
