"""`generate`: sample from the trained model and measure the samples.

The measures catch what went wrong in earlier Dutch fine-tunes: `distinct_1`/`distinct_2`
(Li et al. 2016, "A Diversity-Promoting Objective Function for Neural Conversation Models":
unique n-grams over all n-grams) fall when the model says the same few words;
`repeated_line_ratio` rises with the degenerate loops GPT-2 small Dutch produced (one line sung
over and over); `dutch_ratio` (langdetect) falls when the model drifts into English;
`bad_word_hits` counts samples the project's own bad-word filter would drop.
All measures look at the generated continuation only, never at the prompt.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import torch
from langdetect import DetectorFactory, LangDetectException, detect
from transformers import AutoModelForCausalLM, AutoTokenizer

from common.config import ConfigError, InputError
from common.jsonfile import write_json
from training.device import pick_device
from training.model import max_positions

SEED_PROMPT = "ferry is een grappige man\nsmartlappen maken is zijn plan"
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class GenerateParams:
    """params.yaml: generate."""

    prompts: list[str] = field(default_factory=lambda: [SEED_PROMPT])
    samples_per_prompt: int = 3
    max_new_tokens: int = 80
    min_new_tokens: int = 0  # no end-of-text before this many tokens
    temperature: float = 0.9  # below 1 sharpens the distribution, above 1 flattens it
    top_k: int = 50  # sample among the k most likely tokens; 0 turns it off
    top_p: float = 0.95  # nucleus sampling: the smallest set with this much probability
    repetition_penalty: float = 1.2  # above 1 makes tokens already present less likely
    no_repeat_ngram_size: int = 3  # never repeat an n-gram of this size; 0 turns it off
    seed: int = 42  # each prompt samples with seed + its index, so prompts don't interact
    device: Literal["auto", "cuda", "mps", "cpu"] = "auto"

    def __post_init__(self) -> None:
        if not self.prompts:
            raise ValueError("prompts must hold at least one prompt")
        for name in ("samples_per_prompt", "max_new_tokens"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if not 0 <= self.min_new_tokens <= self.max_new_tokens:
            raise ValueError(
                f"min_new_tokens must be between 0 and max_new_tokens, got {self.min_new_tokens}"
            )
        if self.temperature <= 0:
            raise ValueError(f"temperature must be positive, got {self.temperature}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"top_p must be above 0 and at most 1, got {self.top_p}")


@dataclass
class PromptSamples:
    prompt: str
    continuations: list[str]
    new_tokens: list[int]  # generated tokens of each continuation, up to its EOS


# --------------------------------------------------------------------------- measures


def words(text: str) -> list[str]:
    """Lower-cased words: runs of letters, digits and apostrophes (so `zo'n` is one word)."""
    return _WORD.findall(text.lower())


def distinct_n(texts: list[str], n: int) -> float:
    """Unique word n-grams over all word n-grams of the texts (n-grams never cross texts)."""
    grams = [
        tuple(ws[i : i + n]) for ws in (words(t) for t in texts) for i in range(len(ws) - n + 1)
    ]
    return len(set(grams)) / len(grams) if grams else 0.0


def repeated_line_ratio(texts: list[str]) -> float:
    """Share of non-empty lines that repeat an earlier line of the same text.

    Lines compare after stripping and lower-casing; a chorus sung twice counts, as it should:
    the reference is what a songwriter would do, not zero.
    """
    total = repeated = 0
    for text in texts:
        seen: set[str] = set()
        for line in text.splitlines():
            key = " ".join(line.lower().split())
            if not key:
                continue
            total += 1
            if key in seen:
                repeated += 1
            seen.add(key)
    return repeated / total if total else 0.0


def dutch_ratio(texts: list[str]) -> float:
    """Share of texts langdetect calls Dutch ('nl'); seeded, so the same texts give the same."""
    DetectorFactory.seed = 0
    if not texts:
        return 0.0
    dutch = 0
    for text in texts:
        with contextlib.suppress(LangDetectException):  # raised for a text without letters
            dutch += detect(text) == "nl"
    return dutch / len(texts)


def bad_word_hits(texts: list[str], find: Callable[[str], str | None]) -> int:
    """How many texts contain a term that `find` matches."""
    return sum(find(t) is not None for t in texts)


def generation_metrics(
    results: list[PromptSamples], find: Callable[[str], str | None]
) -> dict[str, Any]:
    texts = [c for r in results for c in r.continuations]
    tokens = [n for r in results for n in r.new_tokens]
    return {
        "samples": len(texts),
        "distinct_1": round(distinct_n(texts, 1), 4),
        "distinct_2": round(distinct_n(texts, 2), 4),
        "repeated_line_ratio": round(repeated_line_ratio(texts), 4),
        "dutch_ratio": round(dutch_ratio(texts), 4),
        "bad_word_hits": bad_word_hits(texts, find),
        "mean_tokens": round(sum(tokens) / len(tokens), 2) if tokens else 0.0,
    }


# --------------------------------------------------------------------------- sampling


def generate_samples(params: GenerateParams, model_dir: Path) -> list[PromptSamples]:
    """`samples_per_prompt` continuations of every prompt, sampled with the settings."""
    if not (model_dir / "config.json").is_file():
        raise InputError(f"{model_dir}: no trained model here (run `dvc repro train`)")
    device = pick_device(params.device, "generate.device")
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModelForCausalLM.from_pretrained(str(model_dir)).to(device).eval()
    eos = tokenizer.eos_token_id
    limit = max_positions(model)
    results = []
    for i, prompt in enumerate(params.prompts):
        ids = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)["input_ids"]
        if limit is not None and ids.shape[1] + params.max_new_tokens > limit:
            raise ConfigError(
                f"params.yaml: generate: prompt {i + 1} ({ids.shape[1]} tokens) plus "
                f"max_new_tokens={params.max_new_tokens} exceeds the model's {limit} positions; "
                f"lower generate.max_new_tokens or raise train.block_size"
            )
        torch.manual_seed(params.seed + i)
        with torch.no_grad():
            out = model.generate(
                ids.to(device),
                attention_mask=torch.ones_like(ids).to(device),
                do_sample=True,
                num_return_sequences=params.samples_per_prompt,
                max_new_tokens=params.max_new_tokens,
                min_new_tokens=params.min_new_tokens,
                temperature=params.temperature,
                top_k=params.top_k,
                top_p=params.top_p,
                repetition_penalty=params.repetition_penalty,
                no_repeat_ngram_size=params.no_repeat_ngram_size,
                pad_token_id=eos,
                eos_token_id=eos,
            )
        continuations, counts = [], []
        for row in out[:, ids.shape[1] :].tolist():
            if eos in row:
                row = row[: row.index(eos)]
            counts.append(len(row))
            continuations.append(tokenizer.decode(row, skip_special_tokens=True))
        results.append(PromptSamples(prompt, continuations, counts))
    return results


def slug(text: str, limit: int = 40) -> str:
    """A file-name part from the first words of a prompt."""
    return "-".join(words(text))[:limit].strip("-") or "prompt"


def write_samples(results: list[PromptSamples], out_dir: Path) -> list[Path]:
    """A text file per prompt, each sample as prompt + continuation; samples.json for the report."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, r in enumerate(results, start=1):
        path = out_dir / f"{i:02d}-{slug(r.prompt)}.txt"
        parts = [f"# prompt {i}\n{r.prompt}\n"]
        for j, c in enumerate(r.continuations, start=1):
            parts.append(f"# sample {i}.{j} ({r.new_tokens[j - 1]} new tokens)\n{r.prompt}{c}\n")
        path.write_text("\n".join(parts), encoding="utf-8")
        paths.append(path)
    write_json(
        out_dir / "samples.json",
        [
            {"prompt": r.prompt, "continuations": r.continuations, "new_tokens": r.new_tokens}
            for r in results
        ],
    )
    return paths
