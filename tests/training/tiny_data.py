"""Tiny Dutch documents (written for these tests) and helpers to lay them out as stages do."""

from __future__ import annotations

import json
from pathlib import Path

LYRIC_LINES = [
    "de regen valt op het plein",
    "en ik drink mijn laatste wijn",
    "moeder, waar ben je gebleven",
    "ik heb je nooit vergeven",
    "in de kroeg brandt nog een licht",
    "met de tranen op mijn gezicht",
    "het orgel speelt ons oude lied",
    "maar jij, jij hoort het niet",
]
WEB_SENTENCES = [
    "De gemeente opent volgende week een nieuwe fietsenstalling bij het station.",
    "Op zaterdag is de markt open van negen tot vijf uur.",
    "Het museum toont deze zomer schilderijen uit de Gouden Eeuw.",
    "Vrijwilligers helpen ouderen met boodschappen in de wijk.",
    "De bibliotheek heeft een nieuwe collectie Nederlandse romans.",
    "Bij de bakker op de hoek kost een brood drie euro.",
]


def lyric(i: int) -> str:
    """Song i: two stanzas of four lines, blank line between (shifted so songs differ)."""
    lines = [LYRIC_LINES[(i + k) % len(LYRIC_LINES)] for k in range(8)]
    return "\n".join(lines[:4]) + "\n\n" + "\n".join(lines[4:])


def web_page(i: int) -> str:
    return " ".join(WEB_SENTENCES[(i + k) % len(WEB_SENTENCES)] for k in range(4))


def write_shard(directory: Path, name: str, docs: list[tuple[str, str]]) -> None:
    """A cleaned-source shard as the clean stage writes it: id, source, text, meta."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    table = pa.table(
        {
            "id": [d[0] for d in docs],
            "source": [name] * len(docs),
            "text": [d[1] for d in docs],
            "meta": [json.dumps({"n": i}) for i in range(len(docs))],
        }
    )
    pq.write_table(table, directory / "part-00000-of-00001.parquet")


def write_clean(root: Path, n_web: int = 12, n_lyrics: int = 10) -> Path:
    write_shard(root / "web", "web", [(f"web-{i}", web_page(i)) for i in range(n_web)])
    write_shard(root / "lyrics", "lyrics", [(f"lyrics-{i}", lyric(i)) for i in range(n_lyrics)])
    return root


ROLES = {"web": "pretrain", "lyrics": "finetune"}


def tiny_params(**overrides):
    """A GPT-Neo of a few thousand parameters that trains in about a second."""
    from training.model import ScratchModel
    from training.train import Phase, TrainParams

    values = {
        "scratch": ScratchModel(
            hidden_size=32, num_layers=2, num_heads=2, intermediate_size=64, window_size=8
        ),
        "pretrain": Phase(epochs=1, learning_rate=3e-3),
        "finetune": Phase(epochs=2, learning_rate=3e-3),
        "block_size": 64,
        "batch_size": 4,
        "eval_batch_size": 8,
        "checkpoint_every": 2,
        "device": "cpu",
    }
    values.update(overrides)
    return TrainParams(**values)
