"""Stage `tokenizer`: train a byte-level BPE tokenizer on the pretrain and finetune train text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stages.stage import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", default="params.yaml", help="parameter file")
    parser.add_argument("--corpus", required=True, help="corpus directory (ROLE/SPLIT.parquet)")
    parser.add_argument("--out", required=True, help="tokenizer directory to write")
    parser.add_argument("--metrics", required=True, help="statistics JSON to write")
    args = parser.parse_args(argv)
    return run("tokenizer", lambda: tokenizer(args))


def tokenizer(args: argparse.Namespace) -> str:
    from common.config import load_section
    from common.jsonfile import write_json
    from training.corpus import ROLES, read_texts
    from training.tokenizer import TokenizerParams, train_tokenizer

    config = load_section(TokenizerParams, args.params, "tokenizer")
    corpus = Path(args.corpus)
    texts = [t for role in ROLES for t in read_texts(corpus / role / "train.parquet")]
    stats = train_tokenizer(config, texts, Path(args.out))
    write_json(args.metrics, stats)
    return f"tokenizer: {stats['vocab_size']} tokens, {stats['chars_per_token']} characters a token"


if __name__ == "__main__":
    sys.exit(main())
