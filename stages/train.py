"""Stage `train`: pretrain then fine-tune the base model; save it with its tokenizer and config."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stages import headline
from stages.stage import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", default="params.yaml", help="parameter file")
    parser.add_argument("--corpus", required=True, help="corpus directory (ROLE/SPLIT.parquet)")
    parser.add_argument("--tokenizer", required=True, help="tokenizer for base_model: scratch")
    parser.add_argument("--model", required=True, help="directory to save the trained model in")
    parser.add_argument("--checkpoints", required=True, help="checkpoint directory (resumed)")
    parser.add_argument("--live", required=True, help="dvclive directory (per-step plots)")
    parser.add_argument("--stats", required=True, help="the run's whole metrics JSON to write")
    parser.add_argument("--metrics", help="the headline numbers for DVC (stages/headline.py)")
    args = parser.parse_args(argv)
    resume = f"a rerun resumes from the last checkpoint in {args.checkpoints}"
    return run("train", lambda: train(args), after_stop=resume)


def train(args: argparse.Namespace) -> str:
    from common.config import load_section
    from common.jsonfile import write_json
    from training.train import TrainParams
    from training.train import train as train_model

    config = load_section(TrainParams, args.params, "train")
    metrics = train_model(
        config,
        corpus_dir=Path(args.corpus),
        tokenizer_dir=Path(args.tokenizer),
        model_dir=Path(args.model),
        checkpoint_dir=Path(args.checkpoints),
        live_dir=Path(args.live),
    )
    write_json(args.stats, metrics)
    if args.metrics:
        write_json(args.metrics, headline.train(metrics))
    return (
        f"train: {metrics['steps']} steps in {metrics['train_time_s']} s on {metrics['device']}, "
        f"loss (avg) {metrics['train_loss_avg']}, eval loss {metrics['eval_loss']}, "
        f"perplexity {metrics['perplexity']}"
    )


if __name__ == "__main__":
    sys.exit(main())
