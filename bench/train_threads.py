"""Tokens per second of one training step of the default scratch model, by CPU thread count.

    python benchmarks/train_threads.py 1 2

Prints seconds a step and tokens/s (16 blocks of 128 tokens, the mean of 10 steps after 3
warm-up steps) for each thread count; docs/training.md quotes it for `train.num_threads`.
"""

from __future__ import annotations

import sys
import time


def step_rate(threads: int, steps: int = 10, warmup: int = 3) -> float:
    import torch

    from training.model import ScratchModel, scratch_model

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = scratch_model(ScratchModel(), vocab_size=4096, eos_id=0, block_size=128)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    x = torch.randint(0, 4096, (16, 128))
    for i in range(warmup + steps):
        if i == warmup:
            started = time.perf_counter()
        model(input_ids=x, labels=x).loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    return (time.perf_counter() - started) / steps


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [1, 2]:
        seconds = step_rate(n)
        print(f"threads={n}: {seconds:.3f} s/step, {16 * 128 / seconds:,.0f} tokens/s")
