"""`train`: pretrain a causal LM on the pretrain text, then fine-tune it on the finetune text.

A plain PyTorch loop, not HF `Trainer`. The loop is short and reads top to bottom like
nanoGPT's `train.py`, and everything this stage must report is a line in it rather than a
callback: the mean of every step loss (`train_loss_avg`, the "Loss (Avg)" of the hand-written
model analysis), a checkpoint at an exact optimizer step that a re-run resumes from (data order,
RNG, scaler, history and elapsed time included), two phases sharing one loop, and the
device/precision code (bf16 autocast, or fp16 with a `GradScaler`) that the GPU benchmark will
measure. `Trainer` would also need `accelerate`, which the project does not otherwise use.

The run, in order: settings, model, data (tokenize, pack into blocks), optimizer, resume,
the loop (pretrain phase, then finetune phase, each with warmup + cosine learning rate and an
evaluation at its end), save, metrics. `train()` is that list: `start` (settings to resume),
`run_steps` (the loop), `final_eval_loss`, `save_model` and `run_metrics`, each a function of
this module; the checkpoints are `training/checkpoint.py`, the device and precision helpers
`training/device.py`.
"""

from __future__ import annotations

import dataclasses
import json
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import torch
from tqdm.auto import tqdm

if TYPE_CHECKING:  # types only: dvclive brings DVC, which a run without a logger does without
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

    from dvclive import Live

from training.checkpoint import (
    CHECKPOINT,
    RunState,
    close_checkpoints,
    fingerprint,
    resume,
    save_checkpoint,
)
from training.corpus import read_texts
from training.device import (
    TrainingError,
    autocast,
    peak_memory_mb,
    pick_device,
    pick_precision,
)
from training.model import SCRATCH, ScratchModel, count_parameters, load_base
from training.packing import pack, tokenize

PHASES = ("pretrain", "finetune")


@dataclass(frozen=True)
class Phase:
    """One training phase: how long, and its peak learning rate."""

    epochs: int = 1  # passes over the phase's train blocks; 0 skips the phase
    learning_rate: float = 1.0e-3  # peak, after warmup; cosine decay to min_lr_ratio of it

    def __post_init__(self) -> None:
        if self.epochs < 0:
            raise ValueError(f"epochs must be 0 or more, got {self.epochs}")
        if self.learning_rate <= 0:
            raise ValueError(f"learning_rate must be positive, got {self.learning_rate}")


@dataclass(frozen=True)
class TrainParams:
    """params.yaml: train."""

    # `scratch`, a local directory holding a saved causal LM and its tokenizer, or a hub id
    # (yhavinga/gpt-neo-125M-dutch, GroNLP/gpt2-small-dutch) loaded with from_pretrained.
    base_model: str = SCRATCH
    cache_dir: str = ""  # Hugging Face cache for hub ids; "" = the default under HF_HOME
    scratch: ScratchModel = field(default_factory=ScratchModel)  # sizes for base_model: scratch
    pretrain: Phase = field(default_factory=lambda: Phase(epochs=4, learning_rate=2.0e-3))
    finetune: Phase = field(default_factory=lambda: Phase(epochs=20, learning_rate=1.0e-3))
    block_size: int = 128  # tokens per packed training block
    batch_size: int = 16  # blocks per micro-batch
    gradient_accumulation_steps: int = 1  # micro-batches per optimizer step
    eval_batch_size: int = 32
    weight_decay: float = 0.1  # AdamW, on matrices only (nanoGPT)
    beta2: float = 0.99  # AdamW's second-moment decay (beta1 0.9)
    warmup_ratio: float = 0.05  # share of each phase's steps with a linear warmup
    min_lr_ratio: float = 0.1  # the cosine ends at this share of the peak learning rate
    max_grad_norm: float = 1.0  # gradient clipping; 0 turns it off
    seed: int = 42
    device: Literal["auto", "cuda", "mps", "cpu"] = "auto"  # auto: cuda, then mps, then cpu
    # auto: bf16 autocast on a GPU that supports it, else fp16 + GradScaler on CUDA, else fp32
    precision: Literal["auto", "fp32", "bf16", "fp16"] = "auto"
    checkpoint_every: int = 50  # optimizer steps between checkpoints (and at each phase end)
    num_threads: int = 0  # CPU threads for torch; 0 = torch's default, one per core

    def __post_init__(self) -> None:
        for name in ("block_size", "batch_size", "gradient_accumulation_steps", "eval_batch_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.num_threads < 0:
            raise ValueError(f"num_threads must be 0 (all cores) or more, got {self.num_threads}")
        if self.checkpoint_every < 1:
            raise ValueError(f"checkpoint_every must be at least 1, got {self.checkpoint_every}")
        if not 0 <= self.warmup_ratio < 1:
            raise ValueError(
                f"warmup_ratio must be at least 0 and below 1, got {self.warmup_ratio}"
            )


# --------------------------------------------------------------------------- settings


def set_up(params: TrainParams) -> tuple[Any, str]:
    """The device and precision; TF32 matmuls on CUDA, the CPU thread count, the seed."""
    device = pick_device(params.device)
    precision = pick_precision(params.precision, device)
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    if params.num_threads:
        torch.set_num_threads(params.num_threads)
    seed_everything(params.seed)
    return device, precision


def seed_everything(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)  # also seeds every CUDA device


# --------------------------------------------------------------------------- data


@dataclass
class PhaseData:
    name: str
    epochs: int
    learning_rate: float
    train: Any  # Packed
    validation: Any  # Packed


def load_phase_data(params: TrainParams, corpus_dir: Path, tokenizer) -> list[PhaseData]:
    """Tokenize and pack each phase's train and validation text."""
    phases = []
    for name in PHASES:
        phase: Phase = getattr(params, name)
        packed = {}
        for split in ("train", "validation"):
            path = corpus_dir / name / f"{split}.parquet"
            if not path.is_file():
                raise TrainingError(f"{path}: missing (run `dvc repro corpus`)")
            # A skipped phase's train text is never used: don't spend time tokenizing it.
            texts = read_texts(path) if phase.epochs or split == "validation" else []
            packed[split] = pack(
                tokenize(tokenizer, texts), params.block_size, tokenizer.eos_token_id
            )
        if phase.epochs and not len(packed["train"].blocks):
            if packed["train"].tokens:
                raise TrainingError(
                    f"{name}: the train text has {packed['train'].tokens} tokens, less than one "
                    f"block of train.block_size={params.block_size}; lower train.block_size"
                )
            print(f"train: no {name} text (no source has role {name}); skipping that phase")
        phases.append(
            PhaseData(
                name, phase.epochs, phase.learning_rate, packed["train"], packed["validation"]
            )
        )
    if not any(p.epochs and len(p.train.blocks) for p in phases):
        raise TrainingError(
            "nothing to train on (train.pretrain.epochs and train.finetune.epochs are 0, "
            "or no source has the role pretrain or finetune)"
        )
    return phases


@dataclass(frozen=True)
class Step:
    """One optimizer step: its phase, epoch and the micro-batches of block indices."""

    phase: int
    epoch: int
    index_in_phase: int
    steps_in_phase: int
    micro_batches: tuple[tuple[int, ...], ...]

    @property
    def n_blocks(self) -> int:
        return sum(len(batch) for batch in self.micro_batches)


def schedule(phases: list[PhaseData], params: TrainParams) -> list[Step]:
    """Every optimizer step of the run, in order; block order is reshuffled each epoch.

    The order comes from a generator seeded by (seed, phase, epoch) alone, so a resumed run
    sees exactly the batches the interrupted one would have seen.
    """
    steps: list[Step] = []
    for p, phase in enumerate(phases):
        n = len(phase.train.blocks)
        if not phase.epochs or not n:
            continue
        per_epoch = math.ceil(math.ceil(n / params.batch_size) / params.gradient_accumulation_steps)
        total = per_epoch * phase.epochs
        index = 0
        for epoch in range(phase.epochs):
            g = torch.Generator().manual_seed(params.seed * 1_000_003 + p * 10_007 + epoch)
            order = torch.randperm(n, generator=g).tolist()
            batches = [
                tuple(order[i : i + params.batch_size]) for i in range(0, n, params.batch_size)
            ]
            for i in range(0, len(batches), params.gradient_accumulation_steps):
                group = tuple(batches[i : i + params.gradient_accumulation_steps])
                steps.append(Step(p, epoch, index, total, group))
                index += 1
    return steps


def learning_rate(step: Step, peak: float, params: TrainParams) -> float:
    """Linear warmup, then cosine decay to min_lr_ratio * peak, within the step's phase."""
    warmup = int(params.warmup_ratio * step.steps_in_phase)
    i = step.index_in_phase
    if i < warmup:
        return peak * (i + 1) / (warmup + 1)
    progress = (i - warmup) / max(1, step.steps_in_phase - warmup)
    floor = params.min_lr_ratio * peak
    return floor + 0.5 * (1 + math.cos(math.pi * progress)) * (peak - floor)


# --------------------------------------------------------------------------- optimizer, one step


def make_optimizer(model, params: TrainParams, lr: float, device):
    """AdamW with weight decay on matrices only, as nanoGPT's configure_optimizers."""
    decay = [p for p in model.parameters() if p.requires_grad and p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.requires_grad and p.dim() < 2]
    return torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": params.weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=lr,
        betas=(0.9, params.beta2),
        fused=device.type == "cuda",
    )


def train_step(
    model, optimizer, scaler, micro_batches: list, lr: float, params: TrainParams, device, precision
) -> float:
    """One optimizer step over `micro_batches` (tensors of blocks); returns the step's loss.

    Each micro-batch's loss is weighted by its share of the step's blocks, so the gradient and
    the loss returned are the mean over all of them, however the last micro-batch is cut.
    """
    for group in optimizer.param_groups:
        group["lr"] = lr
    n_blocks = sum(len(batch) for batch in micro_batches)
    step_loss = 0.0
    for batch in micro_batches:
        x = batch.to(device, non_blocking=True)
        with autocast(device, precision):
            loss = model(input_ids=x, labels=x).loss
        weight = len(batch) / n_blocks
        scaler.scale(loss * weight).backward()
        step_loss += loss.detach().float().item() * weight
    if params.max_grad_norm > 0:
        scaler.unscale_(optimizer)
        torch.nn.utils.clip_grad_norm_(model.parameters(), params.max_grad_norm)
    scaler.step(optimizer)
    scaler.update()
    optimizer.zero_grad(set_to_none=True)
    if device.type == "cuda":
        torch.cuda.synchronize()
    return step_loss


def record_step(
    state: RunState, phase: str, loss: float, lr: float, seconds: float, tokens: int
) -> dict[str, Any]:
    """Count a finished optimizer step into the run's state; returns its line of the history."""
    state.step += 1
    state.elapsed_s += seconds
    state.tokens += tokens
    record = {
        "step": state.step,
        "phase": phase,
        "loss": loss,
        "lr": lr,
        "tokens_per_s": tokens / seconds if seconds > 0 else 0.0,
    }
    state.history.append(record)
    return record


# --------------------------------------------------------------------------- resuming


def run_inputs(params: TrainParams, corpus_dir: Path, tokenizer_dir: Path) -> list[Path]:
    """The files a run reads: the corpus, and the tokenizer unless the base model brings one."""
    inputs = sorted(corpus_dir.glob("*/*.parquet"))
    if params.base_model == SCRATCH:
        inputs += sorted(p for p in tokenizer_dir.iterdir() if p.is_file())
    return inputs


# --------------------------------------------------------------------------- evaluation


def evaluate(model, packed, batch_size: int, device, precision: str) -> float | None:
    """Mean loss per predicted token over the blocks and the final partial block."""
    rows = [packed.blocks[i : i + batch_size] for i in range(0, len(packed.blocks), batch_size)]
    if packed.tail.size >= 2:
        rows.append(packed.tail[None, :])
    if not rows:
        return None
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for batch in rows:
            x = torch.from_numpy(batch).to(device)
            with autocast(device, precision):
                loss = model(input_ids=x, labels=x).loss
            n = x.shape[0] * (x.shape[1] - 1)
            total += loss.float().item() * n
            count += n
    model.train()
    return total / count


# --------------------------------------------------------------------------- the run


@dataclass
class Run:
    """What the loop works on: the model and its optimizer, the data, and the run's progress."""

    params: TrainParams
    device: torch.device
    precision: str
    model: PreTrainedModel
    tokenizer: PreTrainedTokenizerBase
    phases: list[PhaseData]
    steps: list[Step]
    optimizer: torch.optim.Optimizer
    scaler: torch.amp.GradScaler
    checkpoint: Path
    key: str  # the checkpoint's fingerprint
    state: RunState  # step, history, elapsed time, evaluations (training/checkpoint.py)
    live: Live | None  # dvclive's logger, when the run writes one

    def save(self) -> None:
        save_checkpoint(
            self.checkpoint,
            self.key,
            self.model,
            self.optimizer,
            self.scaler,
            self.state,
            self.device,
        )

    def evaluate(self, phase: PhaseData) -> float | None:
        return evaluate(
            self.model, phase.validation, self.params.eval_batch_size, self.device, self.precision
        )


def start(
    params: TrainParams,
    corpus_dir: Path,
    tokenizer_dir: Path,
    checkpoint_dir: Path,
    live_dir: Path | None,
) -> Run:
    """Settings, model and data, then `assemble` (optimizer and the checkpoint to resume)."""
    device, precision = set_up(params)
    model, tokenizer = load_base(
        params.base_model, tokenizer_dir, params.scratch, params.block_size, params.cache_dir
    )
    phases = load_phase_data(params, corpus_dir, tokenizer)
    key = fingerprint(params, run_inputs(params, corpus_dir, tokenizer_dir))
    return assemble(params, device, precision, model, tokenizer, phases,
                    checkpoint_dir / CHECKPOINT, key, live_dir)  # fmt: skip


def assemble(
    params: TrainParams,
    device,
    precision: str,
    model,
    tokenizer,
    phases: list[PhaseData],
    checkpoint: Path,
    key: str,
    live_dir: Path | None = None,
) -> Run:
    """The loop's Run: the model on its device in training mode, the schedule, the optimizer
    and scaler, and the run's state (the checkpoint's, when it matches `key`). The GPU
    benchmark builds its Run here too."""
    model.to(device)
    model.train()
    model.config.use_cache = False  # no key/value cache while training; restored for saving
    steps = schedule(phases, params)
    optimizer = make_optimizer(model, params, phases[0].learning_rate, device)
    scaler = torch.amp.GradScaler("cuda", enabled=precision == "fp16")
    state = resume(checkpoint, key, model, optimizer, scaler, device, len(steps))
    live = _open_live(live_dir, state)
    return Run(
        params, device, precision, model, tokenizer, phases, steps, optimizer, scaler,
        checkpoint, key, state, live,
    )  # fmt: skip


def run_steps(run: Run, on_step: Callable[[int], None] | None) -> None:
    """Every step from the resumed one on; each phase is evaluated and checkpointed at its end."""
    state = run.state
    blocks = [torch.from_numpy(p.train.blocks) for p in run.phases]
    bar = tqdm(total=len(run.steps), initial=state.step, desc="train", unit="step", mininterval=1.0)
    try:
        for number in range(state.step, len(run.steps)):
            _one_step(run, number, blocks, bar, on_step)
    finally:
        bar.close()


def _one_step(run: Run, number: int, blocks: list, bar, on_step) -> None:
    """Step `number`: train, record, then the phase's evaluation and the checkpoint when due."""
    params, state = run.params, run.state
    step = run.steps[number]
    phase = run.phases[step.phase]
    lr = learning_rate(step, phase.learning_rate, params)
    started = time.perf_counter()
    micro_batches = [blocks[step.phase][list(batch)] for batch in step.micro_batches]
    loss = train_step(
        run.model, run.optimizer, run.scaler, micro_batches, lr, params, run.device,
        run.precision,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    tokens = step.n_blocks * params.block_size
    _log(run.live, record_step(state, phase.name, loss, lr, seconds, tokens))
    bar.set_postfix(phase=phase.name, loss=f"{loss:.3f}", lr=f"{lr:.2e}", refresh=False)
    bar.update(1)

    last_of_phase = step.index_in_phase == step.steps_in_phase - 1
    if last_of_phase:
        eval_loss = state.evals[phase.name] = run.evaluate(phase)
        if run.live is not None and eval_loss is not None:
            run.live.log_metric(f"eval/{phase.name}_loss", eval_loss, plot=False)
    if last_of_phase or (number + 1) % params.checkpoint_every == 0:
        run.save()
    if on_step is not None:
        on_step(number + 1)


def final_eval_loss(run: Run) -> float | None:
    """The final model on the fine-tuning validation text (the pretrain text when that is all)."""
    final = next((p for p in reversed(run.phases) if p.validation.tokens >= 2), None)
    if final is None:
        return None
    if run.steps and run.phases[run.steps[-1].phase] is final:
        return run.state.evals[final.name]  # evaluated at the end of its phase
    return run.evaluate(final)


def train(
    params: TrainParams,
    corpus_dir: Path,
    tokenizer_dir: Path,
    model_dir: Path,
    checkpoint_dir: Path,
    live_dir: Path | None = None,
    on_step: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Run both phases (resuming from `checkpoint_dir` when it matches), save, return metrics.

    `on_step(step)` is called after every optimizer step (and its checkpoint); tests use it to
    interrupt a run.
    """
    run = start(params, corpus_dir, tokenizer_dir, checkpoint_dir, live_dir)
    resumed_from = run.state.step
    run_steps(run, on_step)
    eval_loss = final_eval_loss(run)

    n_params = save_model(
        run.model, run.tokenizer, model_dir, params, run.device, run.precision, len(run.steps)
    )
    metrics = run_metrics(
        params, run.phases, run.state, eval_loss, n_params, run.device, run.precision
    )
    metrics["resumed_from_step"] = resumed_from
    metrics["peak_memory_mb"] = round(peak_memory_mb(run.device), 1)
    if run.live is not None:
        run.live.end()
    close_checkpoints(checkpoint_dir, len(run.steps), resumed_from)
    return metrics


def save_model(
    model, tokenizer, model_dir: Path, params: TrainParams, device, precision: str, steps: int
) -> int:
    """Save the model, its tokenizer, the seed and the full resolved configuration.

    Returns the model's parameter count.
    """
    model_dir.mkdir(parents=True, exist_ok=True)
    model.config.use_cache = True
    model.save_pretrained(model_dir)
    tokenizer.save_pretrained(model_dir)
    n_params = count_parameters(model)
    resolved = {
        "seed": params.seed,
        "params": dataclasses.asdict(params),
        "device": device.type,
        "precision": precision,
        "architecture": type(model).__name__,
        "n_params": n_params,
        "steps": steps,
        "torch": torch.__version__,
        "transformers": version("transformers"),
    }
    (model_dir / "training_config.json").write_text(json.dumps(resolved, indent=2) + "\n")
    return n_params


def run_metrics(
    params: TrainParams,
    phases: list[PhaseData],
    state: RunState,
    eval_loss: float | None,
    n_params: int,
    device,
    precision: str,
) -> dict[str, Any]:
    """The metrics JSON: the keys of the hand-written model analysis and more."""
    history = state.history

    def mean(values: list[float]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    elapsed = state.elapsed_s
    return {
        "device": device.type,
        "precision": precision,
        "base_model": params.base_model,
        "n_params": n_params,
        "epochs": params.finetune.epochs,
        "pretrain_epochs": params.pretrain.epochs,
        "steps": len(history),
        # Where each phase ends on the step axis (the loss figure marks the hand-over).
        **{f"{p.name}_steps": sum(r["phase"] == p.name for r in history) for p in phases},
        "train_tokens": state.tokens,
        "train_time_s": round(elapsed, 2),
        "tokens_per_s": round(state.tokens / elapsed, 1) if elapsed else 0.0,
        "train_loss_avg": mean([r["loss"] for r in history]),
        **{
            f"{p.name}_loss_avg": mean([r["loss"] for r in history if r["phase"] == p.name])
            for p in phases
        },
        **{f"{p.name}_eval_loss": _round(state.evals.get(p.name)) for p in phases},
        "eval_loss": _round(eval_loss),
        "perplexity": _round(math.exp(eval_loss))
        if eval_loss is not None and eval_loss < 700
        else None,
    }


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _open_live(live_dir: Path | None, state: RunState) -> Live | None:
    """A dvclive logger; on resume the history from the checkpoint is written again first."""
    if live_dir is None:
        return None
    # Here, not at the top: dvclive brings DVC, which the loop without a logger (the GPU
    # benchmark, on a machine with torch and transformers only) does without.
    from dvclive import Live

    live = Live(dir=str(live_dir), resume=False, save_dvc_exp=False, dvcyaml=None, report=None)
    for record in state.history:
        _log(live, record)
    for name, loss in state.evals.items():
        if loss is not None:
            live.log_metric(f"eval/{name}_loss", loss, plot=False)
    return live


def _log(live, record: dict[str, Any]) -> None:
    if live is None:
        return
    live.step = record["step"]
    live.log_metric("train/loss", record["loss"])
    live.log_metric("train/lr", record["lr"])
    live.log_metric("train/tokens_per_s", record["tokens_per_s"])
