"""Where and in what precision a model runs: shared by `train`, `generate` and the GPU benchmark.

`auto` picks CUDA, then Apple's MPS, then the CPU; on a CUDA GPU the precision is bf16 autocast
where the GPU supports it, else fp16 (which needs `train`'s `GradScaler`), and fp32 elsewhere.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext

import torch

from common.config import InputError


class TrainingError(InputError):
    """A run that cannot start or continue; the message names the setting to change."""


def pick_device(wanted: str, key: str = "train.device"):
    """The torch device for the setting `key` (auto: cuda, then mps, then the CPU)."""
    if wanted == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    available = {
        "cuda": torch.cuda.is_available(),
        "mps": torch.backends.mps.is_available(),
        "cpu": True,
    }
    if not available[wanted]:
        raise TrainingError(f"{key}: '{wanted}' is not available here (use auto)")
    return torch.device(wanted)


def pick_precision(wanted: str, device) -> str:
    """fp32 | bf16 | fp16 for this device."""
    if wanted == "auto":
        if device.type == "cuda":
            return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
        return "fp32"  # CPU autocast is slower than fp32 for small models; MPS autocast is young
    if wanted == "fp16" and device.type != "cuda":
        raise TrainingError("train.precision: fp16 needs a CUDA GPU (its GradScaler); use auto")
    return wanted


def autocast(device, precision: str):
    if precision == "fp32":
        return nullcontext()
    dtype = torch.bfloat16 if precision == "bf16" else torch.float16
    return torch.autocast(device_type=device.type, dtype=dtype)


def peak_memory_mb(device) -> float:
    """The GPU's max allocated memory on CUDA, else the process's peak resident set size."""
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**20
    try:
        import resource  # not on Windows

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes vs KiB
    except ImportError:  # Windows
        import psutil

        info = psutil.Process().memory_info()
        return getattr(info, "peak_wset", info.rss) / 2**20
