"""The seed's fine-tune on a GPU: GPT-Neo 125M, 396 songs, 200 epochs; time, memory, MFU.

    python -m bench.gpu_bench --device cuda                    # all variants, a share of it
    python -m bench.gpu_bench --device cuda --full --variants bf16+fused+sdpa
    python -m bench.gpu_bench --device cpu --tiny              # the CPU check of the script

The model is GPT-Neo 125M's architecture (EleutherAI/gpt-neo-125M's configuration: 12 layers,
hidden 768, 12 heads, global and local attention alternating, window 256, vocabulary 50257,
2048 positions), randomly initialised: nothing is read from the Hub, and time and memory do
not depend on the weights. The data stands in for the seed's 396 smartlappen lyrics: 396 songs
of random token ids with log-normal lengths (mean 250 tokens), packed as the `train` stage
packs them (`training/packing.py`: an EOS after each song, cut into blocks of 512) and batched
as its loop batches them (8 blocks a step, reshuffled every epoch, a short last batch).

Each step mirrors the step of `training/train.py`: forward with the labels, backward, gradient
clipping at 1.0, AdamW with weight decay on matrices, `loss.item()` and a synchronise. A variant
names what it switches on, joined by `+`:

- `fp32`: fp32 weights and activations (TF32 matmuls, as the `train` stage sets on CUDA),
  AdamW's default (foreach) implementation, eager attention.
- `bf16`: bf16 autocast (the `train` stage's default on a GPU).
- `fused`: `AdamW(fused=True)` (the `train` stage's choice on CUDA).
- `sdpa`: attention through `torch.nn.functional.scaled_dot_product_attention`. transformers'
  GPT-Neo has no SDPA implementation (`attn_implementation="sdpa"` raises "does not support an
  attention implementation through torch.nn.functional.scaled_dot_product_attention yet"), so
  this benchmark swaps each attention module's `_attn` for an SDPA call: `is_causal` for the
  global layers (flash attention on a GPU), the layer's own causal sliding-window mask for the
  local ones, no 1/sqrt(d) scaling (GPT-Neo has none). `check_sdpa` compares it with eager.
- `compile`: `torch.compile(model)`; the time of its first epoch beyond a steady epoch is
  reported as `compile_s` (the short last batch of an epoch compiles a second graph).

The first epoch is warm-up (it holds every batch shape); then `--steps` steps are timed and the
full run (`--epochs`, 200) is extrapolated from their mean step time, and the output says so
(`extrapolated: true`, `measured_share`). `--full` times every step instead. Model FLOPs per
token follow PaLM (Chowdhery et al. 2022, appendix B): 6 N (N without the position embeddings,
the tied output matrix counted) plus 12 L d T for attention (T the block length), whatever the
kernels skip; MFU divides that rate by `--peak-tflops` (989: the H100/H200 SXM dense bf16 peak of
the vendor's datasheet). Each variant prints a JSON line; all of them go to `$OUT/gpu_bench.json`
when OUT is set, else to bench/results/gpu_bench.json (`--out` overrides). Needs only
torch, transformers and numpy, and this repository.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import math
import os
import platform
import sys
import time
import traceback
import types
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

FEATURES = ("fp32", "bf16", "fused", "sdpa", "compile")
DEFAULT_VARIANTS = "fp32,bf16,bf16+fused,bf16+fused+sdpa,bf16+fused+sdpa+compile"
SEED_REFERENCE = {"device": "RTX 3060", "time": "1:21", "peak_memory_mb": 6048}


@dataclass(frozen=True)
class Workload:
    """The model's sizes and the data: GPT-Neo 125M on 396 songs by default."""

    hidden_size: int = 768
    num_layers: int = 12
    num_heads: int = 12
    intermediate_size: int | None = None  # None: 4 x hidden, as GPT-Neo 125M
    window_size: int = 256
    vocab_size: int = 50257
    max_positions: int = 2048
    songs: int = 396
    mean_tokens: float = 250.0  # per song, before its EOS
    length_sigma: float = 0.35  # of the log-normal song lengths
    block_size: int = 512
    batch_size: int = 8
    epochs: int = 200
    learning_rate: float = 5.0e-5  # the seed's
    weight_decay: float = 0.1
    beta2: float = 0.99
    max_grad_norm: float = 1.0


TINY = dict(
    hidden_size=64,
    num_layers=2,
    num_heads=4,
    window_size=16,
    vocab_size=512,
    max_positions=128,
    songs=24,
    mean_tokens=60.0,
    block_size=64,
    batch_size=4,
    epochs=2,
)


def parse_variant(name: str) -> dict[str, Any]:
    """`bf16+fused+sdpa` -> {precision: bf16, fused: True, sdpa: True, compile: False}."""
    parts = [p for p in name.split("+") if p]
    unknown = [p for p in parts if p not in FEATURES]
    if unknown or not parts:
        raise SystemExit(
            f"gpu_bench: unknown variant '{name}' ({', '.join(unknown) or 'empty'}); "
            f"join these with '+': {', '.join(FEATURES)}"
        )
    if "fp32" in parts and "bf16" in parts:
        raise SystemExit(f"gpu_bench: variant '{name}' names both fp32 and bf16")
    return {
        "precision": "bf16" if "bf16" in parts else "fp32",
        "fused": "fused" in parts,
        "sdpa": "sdpa" in parts,
        "compile": "compile" in parts,
    }


# --------------------------------------------------------------------------- model


def build_model(w: Workload, sdpa: bool):
    """GPT-Neo with EleutherAI/gpt-neo-125M's configuration (or the tiny one), random weights."""
    from transformers import GPTNeoConfig, GPTNeoForCausalLM

    from training.model import attention_types

    config = GPTNeoConfig(
        vocab_size=w.vocab_size,
        max_position_embeddings=w.max_positions,
        hidden_size=w.hidden_size,
        num_layers=w.num_layers,
        attention_types=attention_types(w.num_layers),
        num_heads=w.num_heads,
        intermediate_size=w.intermediate_size,
        window_size=w.window_size,
        activation_function="gelu_new",
        resid_dropout=0.0,
        embed_dropout=0.0,
        attention_dropout=0.0,
        layer_norm_epsilon=1e-5,
        bos_token_id=w.vocab_size - 1,
        eos_token_id=w.vocab_size - 1,
        use_cache=False,
        tie_word_embeddings=True,
    )
    model = GPTNeoForCausalLM(config)
    if sdpa:
        use_sdpa(model)
    return model


def _sdpa_attn(self, query, key, value, attention_mask=None):
    """GPT-Neo's `_attn` through SDPA: the same masks, no scaling, no attention weights back."""
    import torch
    import torch.nn.functional as F

    q_len, k_len = query.size(-2), key.size(-2)
    dropout = self.attn_dropout.p if self.training else 0.0
    # The layer's own mask: causal, and for a local layer only the last window_size tokens.
    own = self.bias[:, :, k_len - q_len : k_len, :k_len]
    if attention_mask is None and self.attention_type == "global" and q_len == k_len:
        out = F.scaled_dot_product_attention(
            query, key, value, dropout_p=dropout, is_causal=True, scale=1.0
        )
        return out, None
    if attention_mask is None:
        mask = own
    elif attention_mask.dtype == torch.bool:
        mask = own & attention_mask
    else:  # an additive float mask (eager masking): 0 where allowed
        mask = own & (attention_mask > torch.finfo(attention_mask.dtype).min / 2)
    out = F.scaled_dot_product_attention(
        query, key, value, attn_mask=mask, dropout_p=dropout, scale=1.0
    )
    return out, None


def use_sdpa(model) -> int:
    """Route every GPT-Neo attention module of `model` through SDPA; returns how many.

    Per module, not per class, so other models in the process keep eager attention. The model's
    `_attn_implementation` becomes "sdpa" so that transformers builds SDPA-style masks (none at
    all for unpadded input, leaving `is_causal` to the flash kernel) instead of a float mask.
    """
    from transformers.models.gpt_neo.modeling_gpt_neo import GPTNeoSelfAttention

    modules = [
        m
        for m in model.modules()
        if type(m) is GPTNeoSelfAttention  # not the flash subclass
    ]
    for m in modules:
        m._attn = types.MethodType(_sdpa_attn, m)
    # Another transformers may refuse: eager masks then reach `_sdpa_attn`, which handles them.
    with contextlib.suppress(ValueError, AttributeError):
        model.config._attn_implementation = "sdpa"
    return len(modules)


def check_sdpa(w: Workload, device, batch: int = 2, seed: int = 0) -> dict[str, float]:
    """Loss and gradients of eager vs SDPA attention on the same weights and input (fp32)."""
    import torch

    torch.manual_seed(seed)
    eager = build_model(w, sdpa=False).to(device)
    patched = build_model(w, sdpa=True).to(device)
    patched.load_state_dict(eager.state_dict())
    x = torch.randint(0, w.vocab_size, (batch, w.block_size), device=device)
    losses, grads = [], []
    for m in (eager, patched):
        m.train()
        loss = m(input_ids=x, labels=x).loss
        loss.backward()
        losses.append(loss.item())
        grads.append(torch.cat([p.grad.flatten() for p in m.parameters()]))
    rel = ((grads[0] - grads[1]).norm() / grads[0].norm()).item()
    return {"loss_eager": losses[0], "loss_sdpa": losses[1], "grad_rel_diff": rel}


def flops_per_token(model, w: Workload) -> tuple[int, float]:
    """(N, model FLOPs per trained token): 6 N + 12 L d T (PaLM's appendix B)."""
    n = sum(p.numel() for p in model.parameters())  # tied input/output matrix once
    n_flops = n - model.transformer.wpe.weight.numel()  # a lookup, no matmul
    attention = 12 * w.num_layers * w.hidden_size * w.block_size
    return n_flops, 6.0 * n_flops + attention


# --------------------------------------------------------------------------- data


def make_blocks(w: Workload, seed: int = 0):
    """Synthetic songs packed as the `train` stage packs them: (blocks, song lengths)."""
    import numpy as np

    from training.packing import pack

    rng = np.random.default_rng(seed)
    mu = math.log(w.mean_tokens) - w.length_sigma**2 / 2  # so the mean is mean_tokens
    lengths = np.clip(rng.lognormal(mu, w.length_sigma, w.songs).round(), 8, 4 * w.mean_tokens)
    eos = w.vocab_size - 1
    lengths = lengths.astype(np.int64)
    docs = [rng.integers(0, eos, n) for n in lengths]
    return pack(docs, w.block_size, eos).blocks, lengths


def epoch_batches(n_blocks: int, batch_size: int, epoch: int, seed: int) -> list[list[int]]:
    """One epoch's batches of block indices, reshuffled per epoch as `training.train.schedule`."""
    import torch

    g = torch.Generator().manual_seed(seed * 1_000_003 + epoch)
    order = torch.randperm(n_blocks, generator=g).tolist()
    return [order[i : i + batch_size] for i in range(0, n_blocks, batch_size)]


# --------------------------------------------------------------------------- one variant


def sync(device) -> None:
    import torch

    if device.type == "cuda":
        torch.cuda.synchronize()


def peak_memory_mb(device) -> tuple[float, float | None]:
    """(peak allocated, peak reserved) on CUDA; (peak RSS of the process, None) on a CPU."""
    import torch

    if device.type == "cuda":
        return (
            torch.cuda.max_memory_allocated(device) / 2**20,
            torch.cuda.max_memory_reserved(device) / 2**20,
        )
    from training.device import peak_memory_mb as rss

    return rss(device), None


def run_variant(name: str, w: Workload, args, device, blocks_np) -> dict[str, Any]:
    """Build, warm up for one epoch, time `args.steps` steps (or all), report."""
    import torch

    feats = parse_variant(name)
    if device.type == "cuda":
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats(device)
    torch.manual_seed(args.seed)
    built = time.perf_counter()
    model = build_model(w, sdpa=feats["sdpa"]).to(device)
    model.train()
    n_flops, per_token = flops_per_token(model, w)
    n_params = sum(p.numel() for p in model.parameters())
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": w.weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=w.learning_rate,
        betas=(0.9, w.beta2),
        fused=feats["fused"],
        foreach=None if feats["fused"] else True,
    )
    # dynamic=False: the short last batch gets its own static graph, not a slower dynamic one.
    forward = torch.compile(model, dynamic=False) if feats["compile"] else model
    amp = (
        torch.autocast(device_type=device.type, dtype=torch.bfloat16)
        if feats["precision"] == "bf16"
        else None
    )
    build_s = time.perf_counter() - built

    blocks = torch.from_numpy(blocks_np)
    n_blocks = len(blocks)
    per_epoch = epoch_batches(n_blocks, w.batch_size, 0, args.seed)
    steps_per_epoch = len(per_epoch)
    total_steps = steps_per_epoch * w.epochs
    warmup = min(args.warmup if args.warmup is not None else steps_per_epoch, total_steps)
    remaining = total_steps - warmup
    measured = remaining if args.full else min(args.steps, remaining)

    def batches():
        for epoch in range(w.epochs):
            yield from epoch_batches(n_blocks, w.batch_size, epoch, args.seed)

    losses: list[float] = []

    def step(batch: list[int]) -> int:
        x = blocks[batch].to(device, non_blocking=True)
        if amp is None:
            loss = forward(input_ids=x, labels=x).loss
        else:
            with amp:
                loss = forward(input_ids=x, labels=x).loss
        loss.backward()
        if w.max_grad_norm > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), w.max_grad_norm)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(loss.detach().float().item())  # the train loop's per-step sync
        sync(device)
        return len(batch)

    stream = batches()
    sync(device)
    started = time.perf_counter()
    warm_blocks = sum(step(next(stream)) for _ in range(warmup))
    sync(device)
    warmup_s = time.perf_counter() - started
    times: list[float] = []
    timed_blocks = 0
    for _ in range(measured):
        t0 = time.perf_counter()
        timed_blocks += step(next(stream))
        times.append(time.perf_counter() - t0)
    timed_s = sum(times)

    step_s = timed_s / measured if measured else warmup_s / max(warmup, 1)
    tokens_per_s = timed_blocks * w.block_size / timed_s if timed_s else 0.0
    # Warm-up beyond what its steps take at the steady rate: compilation, autotuning, caches.
    overhead_s = max(0.0, warmup_s - warm_blocks * w.block_size / tokens_per_s) if timed_s else 0.0
    full_run_s = warmup_s + (total_steps - warmup) * step_s
    peak_alloc, peak_reserved = peak_memory_mb(device)
    achieved = per_token * tokens_per_s
    times_ms = sorted(t * 1000 for t in times)
    record = {
        "variant": name,
        **feats,
        "device": device.type,
        "n_params": n_params,
        "n_params_flops": n_flops,
        "flops_per_token": per_token,
        "block_size": w.block_size,
        "batch_size": w.batch_size,
        "songs": w.songs,
        "blocks_per_epoch": n_blocks,
        "steps_per_epoch": steps_per_epoch,
        "epochs": w.epochs,
        "total_steps": total_steps,
        "total_tokens": n_blocks * w.block_size * w.epochs,
        "warmup_steps": warmup,
        "warmup_s": round(warmup_s, 3),
        "compile_s": round(overhead_s, 2) if feats["compile"] else None,
        "warmup_overhead_s": round(overhead_s, 3),
        "measured_steps": measured,
        "measured_s": round(timed_s, 3),
        "measured_share": round((warmup + measured) / total_steps, 4) if total_steps else 0.0,
        "extrapolated": measured < remaining,
        "step_ms_mean": round(step_s * 1000, 3),
        "step_ms_median": round(times_ms[len(times_ms) // 2], 3) if times_ms else None,
        "tokens_per_s": round(tokens_per_s, 1),
        "achieved_tflops": round(achieved / 1e12, 3),
        "peak_tflops": args.peak_tflops,
        "mfu": round(achieved / (args.peak_tflops * 1e12), 4),
        "full_run_s": round(full_run_s, 1),
        "full_run": fmt_time(full_run_s),
        "peak_memory_mb": round(peak_alloc, 1),
        "peak_reserved_mb": None if peak_reserved is None else round(peak_reserved, 1),
        "memory_kind": "cuda_max_allocated" if device.type == "cuda" else "cpu_peak_rss",
        "build_s": round(build_s, 2),
        "loss_first": round(losses[0], 4) if losses else None,
        "loss_last": round(losses[-1], 4) if losses else None,
        "loss_finite": all(math.isfinite(v) for v in losses),
    }
    return record  # the model and optimizer go with this frame; main() collects


def fmt_time(seconds: float) -> str:
    """h:mm:ss, or m:ss under an hour."""
    s = round(seconds)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


# --------------------------------------------------------------------------- the run


def environment(device) -> dict[str, Any]:
    import torch
    import transformers

    env = {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "host": platform.node(),
        "cpu_count": os.cpu_count(),
        "load_avg": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "threads": torch.get_num_threads(),
    }
    if device.type == "cuda":
        props = torch.cuda.get_device_properties(device)
        env.update(
            gpu=props.name,
            gpu_memory_mb=round(props.total_memory / 2**20),
            sm_count=props.multi_processor_count,
            cuda=torch.version.cuda,
            tf32=torch.backends.cuda.matmul.allow_tf32,
        )
    return env


def output_path(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    if os.environ.get("OUT"):
        return Path(os.environ["OUT"]) / "gpu_bench.json"
    return ROOT / "bench" / "results" / "gpu_bench.json"


def table(records: list[dict[str, Any]]) -> str:
    head = (
        "| variant | tokens/s | step ms | MFU | peak MB (alloc) | compile s | full run | "
        "extrapolated |\n|---|---:|---:|---:|---:|---:|---:|---|"
    )
    rows = []
    for r in records:
        if "error" in r:
            rows.append(f"| {r['variant']} | error: {r['error'][:60]} | | | | | | |")
            continue
        compile_s = "–" if r["compile_s"] is None else f"{r['compile_s']:.1f}"
        rows.append(
            f"| {r['variant']} | {r['tokens_per_s']:,.0f} | {r['step_ms_mean']:.1f} | "
            f"{r['mfu']:.1%} | {r['peak_memory_mb']:,.0f} | {compile_s} | {r['full_run']} | "
            f"{'yes' if r['extrapolated'] else 'no'} |"
        )
    return "\n".join([head, *rows])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--device", default="auto", choices=["auto", "cuda", "cpu"])
    p.add_argument("--tiny", action="store_true", help="a tiny model and data (the CPU check)")
    p.add_argument(
        "--variants",
        default=DEFAULT_VARIANTS,
        help=f"comma-separated; each joins features with '+' ({', '.join(FEATURES)})",
    )
    p.add_argument("--steps", type=int, default=300, help="timed steps after the warm-up")
    p.add_argument("--warmup", type=int, default=None, help="warm-up steps (default: one epoch)")
    p.add_argument("--full", action="store_true", help="time every step of every epoch")
    p.add_argument("--epochs", type=int, default=None, help="epochs of the full run (200)")
    p.add_argument("--songs", type=int, default=None, help="songs in the set (396)")
    p.add_argument("--mean-tokens", type=float, default=None, help="mean tokens a song (250)")
    p.add_argument("--block-size", type=int, default=None, help="tokens a block (512)")
    p.add_argument("--batch-size", type=int, default=None, help="blocks a step (8)")
    p.add_argument(
        "--peak-tflops", type=float, default=989.0, help="the GPU's dense bf16 peak (H200: 989)"
    )
    p.add_argument("--no-tf32", action="store_true", help="plain fp32 matmuls for fp32 parts")
    p.add_argument("--threads", type=int, default=0, help="CPU threads for torch (0: default)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--check-sdpa", action="store_true", help="eager vs SDPA loss and gradients")
    p.add_argument("--out", default=None, help="JSON output (default $OUT/gpu_bench.json)")
    args = p.parse_args(argv)

    import torch

    if args.device == "cuda" and not torch.cuda.is_available():
        raise SystemExit("gpu_bench: --device cuda but torch sees no CUDA GPU (use --device cpu)")
    device = torch.device(
        "cuda"
        if args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
        else "cpu"
    )
    if args.threads:
        torch.set_num_threads(args.threads)
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = not args.no_tf32
        torch.backends.cudnn.allow_tf32 = not args.no_tf32

    sizes = dict(TINY) if args.tiny else {}
    for key in ("epochs", "songs", "mean_tokens", "block_size", "batch_size"):
        if getattr(args, key) is not None:
            sizes[key] = getattr(args, key)
    w = Workload(**sizes)
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    for v in variants:
        parse_variant(v)  # fail before any work on a misspelt variant

    blocks, lengths = make_blocks(w, args.seed)
    meta = {
        "workload": asdict(w),
        "tiny": args.tiny,
        "song_tokens_mean": round(float(lengths.mean()), 1),
        "song_tokens_min": int(lengths.min()),
        "song_tokens_max": int(lengths.max()),
        "environment": environment(device),
        "seed_reference": SEED_REFERENCE,
        "argv": sys.argv[1:] if argv is None else argv,
    }
    print(json.dumps({"meta": meta}), flush=True)
    if args.check_sdpa:
        check = check_sdpa(w, device)
        meta["sdpa_check"] = check
        print(json.dumps({"sdpa_check": check}), flush=True)

    records = []
    for name in variants:
        try:
            record = run_variant(name, w, args, device, blocks)
        except Exception as e:  # one broken variant must not lose the others' figures
            traceback.print_exc()
            record = {"variant": name, "error": f"{type(e).__name__}: {e}"}
        gc.collect()  # free the variant's model, optimizer and compiled graphs
        if device.type == "cuda":
            torch.cuda.empty_cache()
        records.append(record)
        print(json.dumps(record), flush=True)
        out = output_path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"meta": meta, "variants": records}, indent=2) + "\n")

    print(f"\nwritten: {output_path(args.out)}")
    print(table(records))
    return 1 if any("error" in r for r in records) else 0


if __name__ == "__main__":
    sys.exit(main())
