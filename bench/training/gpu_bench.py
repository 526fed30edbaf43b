"""The seed's fine-tune on a GPU, through the `train` stage's own loop: time, memory, MFU.

    python -m bench.training.gpu_bench --device cuda      # every variant, a share of the run
    python -m bench.training.gpu_bench --device cpu --workload tiny   # the CPU check of the script

What runs is `training.train.run_steps`, the loop the `train` stage runs (its schedule,
optimizer, step and model), fine-tuning only; the benchmark builds the inputs and reads the
clock after every step (the loop's `on_step`). The workloads (`WORKLOADS`), the variants (the
stage's `train.precision`), the warm-up and extrapolation, `--full`, and the model FLOPs that
MFU counts: docs/benchmarks_training.md, "On a GPU". Results go to `--out`, else
$OUT/gpu_bench.json, else bench/results/gpu_bench.json.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import math
import os
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import torch

from bench.harness import ROOT, header
from common.jsonfile import write_json
from training.device import peak_memory_mb
from training.model import ScratchModel, count_parameters, scratch_model
from training.packing import Packed, pack
from training.report import fmt_time
from training.train import Phase, PhaseData, Run, TrainParams, assemble, run_steps
from training.train import set_up as set_up_training

VARIANTS = ("fp32", "bf16")  # the stage's train.precision
SEED_REFERENCE = {"device": "RTX 3060", "time": "1:21", "peak_memory_mb": 6048}


@dataclass(frozen=True)
class Workload:
    """The model's sizes and the songs it trains on."""

    sizes: ScratchModel = field(
        default_factory=lambda: ScratchModel(
            hidden_size=768, num_layers=12, num_heads=12, intermediate_size=3072, window_size=256
        )
    )
    vocab_size: int = 50257
    songs: int = 396
    mean_tokens: float = 250.0  # per song, before its EOS
    length_sigma: float = 0.35  # of the log-normal song lengths
    block_size: int = 512
    batch_size: int = 8
    epochs: int = 200
    learning_rate: float = 5.0e-5  # the seed's


WORKLOADS = {
    "gpt-neo-125m": Workload(),
    "scratch": Workload(sizes=ScratchModel(), vocab_size=4096, block_size=128, batch_size=16,
                        learning_rate=1.0e-3),
    "tiny": Workload(sizes=ScratchModel(hidden_size=64, num_layers=2, num_heads=4,
                                        intermediate_size=256, window_size=16),
                     vocab_size=512, songs=24, mean_tokens=60.0, block_size=64, batch_size=4,
                     epochs=2, learning_rate=1.0e-3),
}  # fmt: skip


def build_model(w: Workload):
    """The `train` stage's scratch GPT-Neo with the workload's sizes (eos = the last id)."""
    model = scratch_model(w.sizes, w.vocab_size, w.vocab_size - 1, w.block_size)
    model.config.use_cache = False  # as the stage trains it
    return model


def flops_per_token(model, w: Workload) -> tuple[int, float]:
    """(N, model FLOPs per trained token): 6 N + 12 L d T (PaLM's appendix B)."""
    n = count_parameters(model)  # the tied input/output matrix once
    n_flops = n - model.transformer.wpe.weight.numel()  # a lookup, no matmul
    attention = 12 * w.sizes.num_layers * w.sizes.hidden_size * w.block_size
    return n_flops, 6.0 * n_flops + attention


def make_blocks(w: Workload, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Synthetic songs packed as the `train` stage packs them: (blocks, song lengths)."""
    rng = np.random.default_rng(seed)
    mu = math.log(w.mean_tokens) - w.length_sigma**2 / 2  # so the mean is mean_tokens
    lengths = np.clip(rng.lognormal(mu, w.length_sigma, w.songs).round(), 8, 4 * w.mean_tokens)
    eos = w.vocab_size - 1
    lengths = lengths.astype(np.int64)
    docs = [rng.integers(0, eos, n) for n in lengths]
    return pack(docs, w.block_size, eos).blocks, lengths


class _Enough(Exception):
    """Raised from `on_step` once the timed steps are done: the rest would be extrapolated."""


def start_run(precision: str, w: Workload, args, blocks: np.ndarray, checkpoint: Path) -> Run:
    """The stage's Run for one variant: its set-up, then `assemble` (schedule, optimizer)."""
    params = TrainParams(  # fine-tuning only, one checkpoint at the end
        scratch=w.sizes,
        pretrain=Phase(epochs=0),
        finetune=Phase(epochs=w.epochs, learning_rate=w.learning_rate),
        block_size=w.block_size,
        batch_size=w.batch_size,
        device=args.device,
        precision=precision,
        checkpoint_every=10**9,
        num_threads=args.threads,
        seed=args.seed,
    )
    device, precision = set_up_training(params)  # TF32 on CUDA, threads, the seed
    empty = Packed(np.zeros((0, w.block_size), dtype=blocks.dtype), blocks[:0, 0])
    phases = [  # as the stage's: pretrain (skipped here), then finetune
        PhaseData("pretrain", 0, w.learning_rate, empty, empty),
        PhaseData("finetune", w.epochs, w.learning_rate, Packed(blocks, empty.tail), empty),
    ]
    model = build_model(w)
    return assemble(params, device, precision, model, None, phases, checkpoint, "gpu_bench")


def run_variant(name: str, w: Workload, args, blocks: np.ndarray) -> dict[str, Any]:
    """Build, warm up for one epoch, time `args.steps` steps (or all) of the stage's loop."""
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    built = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        run = start_run(name, w, args, blocks, Path(tmp) / "checkpoint.pt")
        build_s = time.perf_counter() - built
        total = len(run.steps)
        per_epoch = math.ceil(total / w.epochs)
        warmup = min(args.warmup if args.warmup is not None else per_epoch, total)
        measured = total - warmup if args.full else min(args.steps, total - warmup)
        stamps = [time.perf_counter()]

        def on_step(number: int) -> None:
            stamps.append(time.perf_counter())  # train_step synchronised the GPU already
            if number == warmup + measured and number < total:
                raise _Enough

        with contextlib.suppress(_Enough):
            run_steps(run, on_step)
    return record(name, w, args, run, stamps, warmup, build_s)


def record(name, w: Workload, args, run: Run, stamps, warmup, build_s) -> dict:
    """The variant's figures from the step clock, the loop's history and the memory peaks."""
    model = run.model
    n_flops, per_token = flops_per_token(model, w)
    total = len(run.steps)
    warmup_s = stamps[warmup] - stamps[0]
    times = [b - a for a, b in zip(stamps[warmup:-1], stamps[warmup + 1 :], strict=True)]
    measured = len(times)
    timed_tokens = sum(s.n_blocks for s in run.steps[warmup : warmup + measured]) * w.block_size
    warm_tokens = sum(s.n_blocks for s in run.steps[:warmup]) * w.block_size
    step_s = sum(times) / measured if measured else warmup_s / max(warmup, 1)
    tokens_per_s = timed_tokens / sum(times) if times else 0.0
    # Warm-up beyond what its steps take at the steady rate: autotuning, caches.
    overhead_s = max(0.0, warmup_s - warm_tokens / tokens_per_s) if tokens_per_s else 0.0
    full_run_s = warmup_s + (total - warmup) * step_s
    cuda = run.device.type == "cuda"
    losses = [r["loss"] for r in run.state.history]
    achieved = per_token * tokens_per_s
    times_ms = sorted(t * 1000 for t in times)
    return {
        "variant": name, "precision": name,
        "fused": bool(run.optimizer.defaults.get("fused")),
        "device": run.device.type, "n_params": count_parameters(model),
        "n_params_flops": n_flops, "flops_per_token": per_token, "block_size": w.block_size,
        "batch_size": w.batch_size, "songs": w.songs,
        "blocks_per_epoch": len(run.phases[1].train.blocks), "epochs": w.epochs,
        "total_steps": total, "total_tokens": len(run.phases[1].train.blocks) * w.block_size
        * w.epochs, "warmup_steps": warmup, "warmup_s": round(warmup_s, 3),
        "warmup_overhead_s": round(overhead_s, 3), "measured_steps": measured,
        "measured_s": round(sum(times), 3),
        "measured_share": round((warmup + measured) / total, 4) if total else 0.0,
        "extrapolated": warmup + measured < total, "step_ms_mean": round(step_s * 1000, 3),
        "step_ms_median": round(times_ms[len(times_ms) // 2], 3) if times_ms else None,
        "tokens_per_s": round(tokens_per_s, 1), "achieved_tflops": round(achieved / 1e12, 3),
        "peak_tflops": args.peak_tflops, "mfu": round(achieved / (args.peak_tflops * 1e12), 4),
        "full_run_s": round(full_run_s, 3), "full_run": fmt_time(full_run_s),
        "peak_memory_mb": round(peak_memory_mb(run.device), 1),
        "peak_reserved_mb": round(torch.cuda.max_memory_reserved() / 2**20, 1) if cuda else None,
        "memory_kind": "cuda_max_allocated" if cuda else "cpu_peak_rss",
        "build_s": round(build_s, 2), "threads": torch.get_num_threads(),
        "loss_first": round(losses[0], 4) if losses else None,
        "loss_last": round(losses[-1], 4) if losses else None,
        "loss_finite": all(math.isfinite(v) for v in losses),
    }  # fmt: skip


def environment() -> dict[str, Any]:
    import transformers

    env = {"torch": torch.__version__, "transformers": transformers.__version__}
    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        env.update(gpu=props.name, gpu_memory_mb=round(props.total_memory / 2**20),
                   sm_count=props.multi_processor_count, cuda=torch.version.cuda)  # fmt: skip
    return env


def output_path(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    if os.environ.get("OUT"):
        return Path(os.environ["OUT"]) / "gpu_bench.json"
    return ROOT / "bench" / "results" / "gpu_bench.json"


def table(records: list[dict[str, Any]]) -> str:
    head = (
        "| variant | tokens/s | step ms | MFU | peak MB (alloc) | full run | extrapolated |\n"
        "|---|---:|---:|---:|---:|---:|---|"
    )
    rows = []
    for r in records:
        if "error" in r:
            rows.append(f"| {r['variant']} | error: {r['error'][:60]} | | | | | |")
            continue
        rows.append(
            f"| {r['variant']} | {r['tokens_per_s']:,.0f} | {r['step_ms_mean']:.1f} | "
            f"{r['mfu']:.1%} | {r['peak_memory_mb']:,.0f} | {r['full_run']} | "
            f"{'yes' if r['extrapolated'] else 'no'} |"
        )
    return "\n".join([head, *rows])


def arguments(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    p.add_argument("--workload", default="gpt-neo-125m", choices=sorted(WORKLOADS))
    p.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated: fp32, bf16")
    p.add_argument("--steps", type=int, default=300, help="timed steps after the warm-up")
    p.add_argument("--warmup", type=int, default=None, help="warm-up steps (default: one epoch)")
    p.add_argument("--full", action="store_true", help="time every step of every epoch")
    p.add_argument("--epochs", type=int, default=None, help="epochs of the full run")
    p.add_argument("--peak-tflops", type=float, default=989.0, help="dense bf16 peak (H200)")
    p.add_argument("--threads", type=int, default=0, help="CPU threads for torch (0: default)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", default=None, help="JSON output (default $OUT/gpu_bench.json)")
    return p.parse_args(argv)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        raise SystemExit("gpu_bench: --device cuda but torch sees no CUDA GPU (use --device cpu)")
    w = WORKLOADS[args.workload]
    if args.epochs is not None:
        if args.epochs < 1:
            raise SystemExit(f"gpu_bench: --epochs must be at least 1, got {args.epochs}")
        w = replace(w, epochs=args.epochs)
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = sorted(set(variants) - set(VARIANTS))
    if unknown or not variants:  # fail before any work on a misspelt variant
        raise SystemExit(f"gpu_bench: unknown variant {unknown or 'none'} (fp32, bf16)")

    blocks, lengths = make_blocks(w, args.seed)
    meta = {**header("bench.training.gpu_bench", argv), "workload": args.workload,
            "sizes": asdict(w),
            "environment": environment(),
            "song_tokens_mean": round(float(lengths.mean()), 1),
            "song_tokens_min": int(lengths.min()), "song_tokens_max": int(lengths.max()),
            "seed_reference": SEED_REFERENCE}  # fmt: skip
    print(json.dumps({"meta": meta}), flush=True)

    out, records = output_path(args.out), []
    for name in variants:
        try:
            result = run_variant(name, w, args, blocks)
        except Exception as e:  # one broken variant must not lose the others' figures
            traceback.print_exc()
            result = {"variant": name, "error": f"{type(e).__name__}: {e}"}
        gc.collect()  # free the variant's model and optimizer
        records.append(result)
        print(json.dumps(result), flush=True)
        write_json(out, {"meta": meta, "variants": records})
    print(f"\nwritten: {out}")
    print(table(records))
    return 1 if any("error" in r for r in records) else 0


if __name__ == "__main__":
    sys.exit(main())
