"""The `train` stage's packed loop on the songs: steps, tokens a second, the time of an epoch.

    python -m bench.training.finetune    # packed 128 and 512; 10 steps each
    python -m bench.training.finetune --steps 8 --configs packed128,packed300

The tiny scratch GPT-Neo (`train.scratch` in params.yaml: 4 layers, hidden 128) on the songs:
the cleaned lyrics (`data/clean/lyrics/*.parquet`) when `dvc repro` has made them, else
`data/samples/lyrics.csv` as it is; the project's tokenizer (`data/tokenizer`) when present,
else one trained on the songs here and now (`training.tokenizer`, 4,096 tokens).

`packedB` is the `train` stage itself (`training.train.train`, its loop, optimizer and
schedule), fine-tuning only, on the songs each followed by `<|endoftext|>` and cut into blocks
of B tokens (`training/packing.py`), `train.batch_size` blocks a step. Every configuration is
timed over the same number of optimizer steps (`--steps`; the stage runs whole epochs, so it
may go on past them, untimed). Time is read at the end of every optimizer step (the stage's
`on_step`), so data loading counts; the first `--warmup` steps and the last (which holds the
stage's end-of-phase evaluation and checkpoint) are left out. Every position of a packed block
is a trained token (the EOS between songs too). Prints a markdown table and writes the figures
to bench/results/finetune.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import ROOT, header, load

CLEAN = ROOT / "data" / "clean" / "lyrics"
SAMPLE = ROOT / "data" / "samples" / "lyrics.csv"
TOKENIZER = ROOT / "data" / "tokenizer"


# --------------------------------------------------------------------------- input


def load_songs(clean_dir: Path = CLEAN, sample: Path = SAMPLE) -> tuple[list[str], str]:
    """(songs, where from): the cleaned lyrics if present, else the bundled CSV as it is."""
    shards = sorted(clean_dir.glob("*.parquet"))
    if shards:
        import pyarrow.parquet as pq

        texts = [t for s in shards for t in pq.read_table(s, columns=["text"])["text"].to_pylist()]
        return texts, f"{_rel(clean_dir)}/*.parquet (cleaned)"
    if not sample.is_file():
        raise SystemExit(
            f"finetune: neither {_rel(clean_dir)}/*.parquet nor {_rel(sample)} exists "
            f"(run `dvc repro clean@lyrics`, or restore data/samples)"
        )
    import csv

    with sample.open(newline="", encoding="utf-8") as f:
        texts = [row["lyrics"] for row in csv.DictReader(f) if row["lyrics"].strip()]
    return texts, f"{_rel(sample)} (raw, not cleaned)"


def load_tokenizer(texts: list[str], work: Path, tokenizer_dir: Path = TOKENIZER):
    """(tokenizer directory, where from): the project's, else one trained on `texts` now."""
    if (tokenizer_dir / "tokenizer.json").is_file():
        return tokenizer_dir, _rel(tokenizer_dir)
    from training.tokenizer import TokenizerParams, train_tokenizer

    out = work / "tokenizer"
    train_tokenizer(TokenizerParams(), texts, out)
    return out, "trained on the songs for this run (4,096 tokens)"


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def write_corpus(texts: list[str], out: Path) -> Path:
    """The `corpus` stage's layout with the songs as fine-tuning text and nothing else."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from training.corpus import COLUMNS

    schema = pa.schema([(c, pa.string()) for c in COLUMNS])
    songs = pa.table(
        {
            "id": [f"song-{i:04d}" for i in range(len(texts))],
            "source": ["lyrics"] * len(texts),
            "text": texts,
            "meta": ["{}"] * len(texts),
        },
        schema=schema,
    )
    for role in ("pretrain", "finetune"):
        for split in ("train", "validation"):
            path = out / role / f"{split}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            table = songs if (role, split) == ("finetune", "train") else schema.empty_table()
            pq.write_table(table, path)
    return out


# --------------------------------------------------------------------------- timing


def window(times: list[float], tokens: list[int], warmup: int) -> dict[str, float]:
    """Rates over steps warmup+1 .. n-1 from the step-end times (the last step is left out).

    `times[i]` is the end of step i+1, so the window runs from the end of the last warm-up step
    to the end of the step before the last.
    """
    n = len(times)
    warmup = max(warmup, 1)  # the first step's start is not read: it is always warm-up
    if n < warmup + 2:
        raise SystemExit(f"finetune: {n} steps leave nothing to time after {warmup} warm-up")
    first, last = warmup - 1, n - 2  # indices of step ends: the window is (first, last]
    seconds = times[last] - times[first]
    total = sum(tokens[first + 1 : last + 1])
    return {
        "timed_steps": last - first,
        "timed_s": round(seconds, 3),
        "tokens_per_s": round(total / seconds, 1),
        "step_s": round(seconds / (last - first), 4),
    }


def _packed_params(args, block_size: int, epochs: int):
    """The `train` stage's parameters: fine-tuning only, on the CPU, no checkpoints."""
    from training.train import Phase, TrainParams

    return TrainParams(
        pretrain=Phase(epochs=0, learning_rate=args.learning_rate),
        finetune=Phase(epochs=epochs, learning_rate=args.learning_rate),
        block_size=block_size,
        batch_size=args.batch_size,
        device="cpu",
        precision="fp32",
        checkpoint_every=10**9,
        num_threads=args.threads,
        seed=args.seed,
    )


def run_packed(
    corpus: Path, tokenizer_dir: Path, work: Path, block_size: int, args
) -> dict[str, Any]:
    """The `train` stage on the songs alone, for at least `args.steps` optimizer steps."""
    from transformers import PreTrainedTokenizerFast

    from training.corpus import read_texts
    from training.packing import Packed, pack, tokenize
    from training.train import PhaseData, schedule, train

    tokenizer = PreTrainedTokenizerFast.from_pretrained(str(tokenizer_dir))
    packed = pack(
        tokenize(tokenizer, read_texts(corpus / "finetune" / "train.parquet")),
        block_size,
        tokenizer.eos_token_id,
    )
    epochs = math.ceil(args.steps / math.ceil(len(packed.blocks) / args.batch_size))
    params = _packed_params(args, block_size, epochs)
    # The same schedule the loop will follow, to know each step's blocks.
    empty = Packed(packed.blocks[:0], packed.tail[:0])
    phases = [
        PhaseData("pretrain", 0, args.learning_rate, empty, empty),
        PhaseData("finetune", epochs, args.learning_rate, packed, empty),
    ]
    steps = schedule(phases, params)
    tokens = [sum(len(b) for b in s.micro_batches) * block_size for s in steps]
    times: list[float] = []
    out = work / f"packed{block_size}"
    metrics = train(
        params,
        corpus,
        tokenizer_dir,
        out / "model",
        out / "checkpoints",
        live_dir=None,
        on_step=lambda _: times.append(time.perf_counter()),
    )
    import torch

    stream = packed.tokens
    timed = tokens[: args.steps]  # the run may go on to the end of its last epoch
    return {
        "run": f"packed{block_size}",
        "what": f"train stage, packed blocks of {block_size}",
        "steps": len(steps),
        "epochs": epochs,
        "sequences_per_step": round(sum(timed) / len(timed) / block_size, 1),
        "sequence_length": block_size,
        "tokens_per_step": round(sum(timed) / len(timed), 1),
        # Packing drops the stream's last partial block; no song token is ever padded.
        "coverage": round(packed.blocks.size / stream, 4),
        **window(times[: args.steps], timed, args.warmup),
        "threads": torch.get_num_threads(),
        "train_loss_avg": metrics["train_loss_avg"],
        "position_embeddings": block_size,
    }


# --------------------------------------------------------------------------- report


def table(rows: list[dict[str, Any]], corpus_tokens: int) -> str:
    lines = [
        "| run | timed steps | sequences x length a step | tokens a step | tokens/s | s an epoch |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['run']} | {r['timed_steps']} | {r['sequences_per_step']} x "
            f"{r['sequence_length']:g} | {r['tokens_per_step']:,.0f} | "
            f"{r['tokens_per_s']:,.0f} | {corpus_tokens / r['tokens_per_s']:.2f} |"
        )
    return "\n".join(lines)


def _configs(text: str) -> list[int]:
    """The block sizes asked for (`packed128,packed512`), each checked."""
    configs = [c.strip() for c in text.split(",") if c.strip()]
    for c in configs:
        if not (c.startswith("packed") and c[6:].isdigit()):
            raise SystemExit(f"finetune: unknown config '{c}' (packedB: packed128, packed512)")
    return [int(c[6:]) for c in configs]


def _summary(meta: dict, args, out: Path) -> str:
    return (
        f"\n{meta['songs']} songs from {meta['input']}, {meta['corpus_tokens']:,} tokens with "
        f"their EOS (mean {meta['song_tokens_mean']}, {meta['song_tokens_min']}-"
        f"{meta['song_tokens_max']}); tokenizer {meta['tokenizer']}\n"
        f"{meta['same']}; threads {args.threads}; load average {meta['load_at_start']} "
        f"before, {meta['load_at_end']} after; {meta['wall_s']} s; written {_rel(out)}\n"
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--configs",
        default="packed128,packed512",
        help="comma-separated packedB: the train stage, blocks of B tokens",
    )
    p.add_argument("--steps", type=int, default=10, help="optimizer steps of each run")
    p.add_argument("--warmup", type=int, default=2, help="steps left out of the timing")
    p.add_argument("--batch-size", type=int, default=16, help="sequences a step (train default)")
    p.add_argument("--learning-rate", type=float, default=1.0e-3)
    p.add_argument("--threads", type=int, default=1, help="torch CPU threads (train default 1)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", default=str(ROOT / "bench" / "results" / "finetune.json"))
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)

    block_sizes = _configs(args.configs)
    import torch

    from training.packing import tokenize

    head = header("bench.training.finetune", argv)
    started = time.perf_counter()
    texts, source = load_songs()
    with tempfile.TemporaryDirectory(prefix="schoon-finetune-") as tmp:
        work = Path(tmp)
        tokenizer_dir, tokenizer_source = load_tokenizer(texts, work)
        from transformers import PreTrainedTokenizerFast

        lengths = [
            len(d)
            for d in tokenize(PreTrainedTokenizerFast.from_pretrained(str(tokenizer_dir)), texts)
        ]
        corpus = write_corpus(texts, work / "corpus")
        rows = []
        for block_size in block_sizes:
            rows.append(run_packed(corpus, tokenizer_dir, work, block_size, args))
            print(json.dumps(rows[-1]), flush=True)
    corpus_tokens = sum(lengths) + len(lengths)  # each song and its EOS
    meta = {
        **head,
        "input": source,
        "songs": len(texts),
        "song_tokens_mean": round(sum(lengths) / len(lengths), 1),
        "song_tokens_min": min(lengths),
        "song_tokens_max": max(lengths),
        "corpus_tokens": corpus_tokens,
        "tokenizer": tokenizer_source,
        "model": "train.scratch defaults: GPT-Neo, 4 layers, hidden 128, 4 heads, window 32",
        "same": f"{args.steps} optimizer steps a run, {args.batch_size} sequences a step",
        "torch": torch.__version__,
        "load_at_end": load(),
        "wall_s": round(time.perf_counter() - started, 1),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"meta": meta, "runs": rows}, indent=2) + "\n")
    print(_summary(meta, args, out))
    print(table(rows, corpus_tokens))
    return 0


if __name__ == "__main__":
    sys.exit(main())
