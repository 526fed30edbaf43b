"""`train`'s checkpoints: what a resumed run must match, and how the state is saved and loaded.

A checkpoint is written at an exact optimizer step and carries everything a re-run needs to
continue as if it had never stopped: the weights, the optimizer and the `GradScaler`, every RNG,
and the run's state (step, loss history, elapsed time, evaluations). It is resumed only when
its fingerprint (the parameters and every input file) matches the run's. Loading accepts
tensors and plain values only (`weights_only=True`): data/checkpoints is a DVC output that can
come from a shared remote, and unpickling an arbitrary object runs code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import random
import re
from pathlib import Path
from typing import Any

import torch
from tqdm.auto import tqdm

CHECKPOINT = "checkpoint.pt"  # the file in the checkpoint directory
LAST_RUN = "last_run.json"  # written when a run completes, in place of the checkpoint


def fingerprint(params: Any, files: list[Path]) -> str:
    """What a checkpoint must match to be resumed: the parameters (a dataclass) and the files."""
    h = hashlib.sha256(json.dumps(dataclasses.asdict(params), sort_keys=True).encode())
    for path in sorted(files):
        # The folder too (pretrain/train.parquet, finetune/train.parquet), and the size, so that
        # where one file ends and the next begins is part of what is hashed.
        h.update(f"{path.parent.name}/{path.name}:{path.stat().st_size}".encode())
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


@dataclasses.dataclass
class RunState:
    """The run's progress that a checkpoint carries besides the weights and the optimizer."""

    step: int = 0  # optimizer steps done
    history: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # a line per step
    elapsed_s: float = 0.0  # time in the steps themselves
    tokens: int = 0  # tokens trained on
    evals: dict[str, float | None] = dataclasses.field(default_factory=dict)  # phase -> loss


def save_checkpoint(
    path: Path, key: str, model, optimizer, scaler, state: RunState, device
) -> None:
    """Write atomically: a run killed while saving keeps the previous checkpoint."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.save(
        {
            "fingerprint": key,
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scaler": scaler.state_dict(),
            "rng": rng_state(device),
            "state": dataclasses.asdict(state),  # plain values: loadable with weights_only
        },
        tmp,
    )
    os.replace(tmp, path)


def resume(path: Path, key: str, model, optimizer, scaler, device, total_steps: int) -> RunState:
    """Load the checkpoint into model, optimizer, scaler and RNGs when it matches `key`.

    Returns the run's state: the checkpoint's, or a new one when there is nothing to resume.
    """
    saved = load_checkpoint(path)
    if saved is None:
        return RunState()
    if saved.get("fingerprint") != key:
        tqdm.write(f"train: {path} is from other parameters or data; starting over")
        return RunState()
    model.load_state_dict(saved["model"])
    optimizer.load_state_dict(saved["optimizer"])
    scaler.load_state_dict(saved["scaler"])
    set_rng_state(saved["rng"], device)
    state = RunState(**saved["state"])
    tqdm.write(f"train: resuming from {path} at step {state.step}/{total_steps}")
    return state


def load_checkpoint(path: Path) -> dict[str, Any] | None:
    """The checkpoint at `path`, or None when there is none or it holds more than data.

    A file holding any object besides tensors and plain values (what `save_checkpoint` writes)
    is refused without running it, and the run starts over.
    """
    if not path.is_file():
        return None
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as e:
        found = re.search(r"Unsupported global: GLOBAL (\S+)", str(e))
        what = f" ({found.group(1)})" if found else ""
        tqdm.write(
            f"train: refusing {path}: it holds a pickled Python object{what}, not only tensors "
            "and plain values, and loading it could run any code; starting over"
        )
        return None


def rng_state(device) -> dict[str, Any]:
    """Every RNG the run draws from, as tensors and plain lists (loadable with weights_only)."""
    version, internal, gauss_next = random.getstate()
    state = {"python": [version, list(internal), gauss_next], "torch": torch.get_rng_state()}
    if device.type == "cuda":
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict[str, Any], device) -> None:
    version, internal, gauss_next = state["python"]
    random.setstate((version, tuple(internal), gauss_next))
    torch.set_rng_state(state["torch"].cpu())
    if device.type == "cuda" and "cuda" in state:
        torch.cuda.set_rng_state_all([s.cpu() for s in state["cuda"]])


def close_checkpoints(checkpoint_dir: Path, steps: int, resumed_from: int) -> None:
    """The run is complete: a checkpoint would only make a forced re-run skip its training."""
    checkpoint_dir.mkdir(parents=True, exist_ok=True)  # a run of no steps saved nothing
    (checkpoint_dir / CHECKPOINT).unlink(missing_ok=True)
    (checkpoint_dir / LAST_RUN).write_text(
        json.dumps({"complete": True, "steps": steps, "resumed_from_step": resumed_from}) + "\n"
    )
