"""Small builders for pipeline tests: sources written to a temporary directory, `schoon clean`
started as a user starts it, and a run's outputs read back."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

# The console script that pyproject's [project.scripts] installs beside the interpreter.
SCHOON = Path(sys.executable).parent / "schoon"

NEWS = (
    "De gemeente Utrecht heeft dinsdag bekendgemaakt dat het nieuwe park in het voorjaar opengaat.\n"
    "Wethouder dhr. De Vries zei dat de bewoners o.a. een speeltuin en een vijver krijgen.\n"
    "Er komen ook bankjes, bijv. langs het water. De kosten bedragen ca. 2 miljoen euro.\n"
    "Volgens de planning begint de aanleg in maart. Omwonenden zijn er blij mee."
)


def web_records() -> list[dict]:
    """One document for each outcome of the mc4nl preset."""
    return [
        {
            "text": "Home\n" + NEWS + "\nLees meer",
            "url": "https://a.nl/park",
            "timestamp": "2019-04-01T10:00:00Z",
        },
        {
            "text": NEWS + "\nWat een kut plan.",
            "url": "https://a.nl/kut",
            "timestamp": "2019-04-02T10:00:00Z",
        },
        {
            "text": NEWS + "\nThis website uses cookies.",
            "url": "https://a.nl/c",
            "timestamp": "2019-04-03T10:00:00Z",
        },
        {
            "text": "Kort bericht zonder veel inhoud hier.\nMenu",
            "url": "https://a.nl/k",
            "timestamp": "2019-04-04T10:00:00Z",
        },
        {
            "text": "The council announced on Tuesday that the new park will open in spring.\n"
            "The alderman said residents will get a playground and a pond among other things.\n"
            "There will also be benches along the water. The costs are about two million euros.\n"
            "According to the schedule, construction starts in March. Residents are pleased.",
            "url": "https://a.nl/en",
            "timestamp": "2019-04-05T10:00:00Z",
        },
    ]


def write_jsonl_gz(path: Path, records: list[dict], extra_lines: list[bytes] = ()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False).encode() + b"\n")
        for line in extra_lines:
            f.write(line + b"\n")
    return path


def write_shards(directory: Path, n: int, docs: int = 150, first: int = 0) -> None:
    """Shards `first`..`n - 1` of a jsonl source, `docs` documents each (every web outcome)."""
    records = web_records()
    for i in range(first, n):
        rows = [dict(records[j % len(records)], url=f"https://x.nl/{i}/{j}") for j in range(docs)]
        write_jsonl_gz(directory / f"c4-nl-{i:05d}.json.gz", rows)


def shards_params(path: Path, shards: Path) -> Path:
    """A params file with one source, `shards`: the jsonl files in `shards`, mc4nl rules."""
    path.write_text(f"clean: {{}}\nsources:\n  shards: {{format: jsonl, path: {shards}, "
                    "preset: mc4nl}\n")  # fmt: skip
    return path


def output_flags(out: Path) -> list[str]:
    return ["--kept", str(out / "kept"), "--rejected", str(out / "rejected"),
            "--stats", str(out / "s.json")]  # fmt: skip


def schoon_clean(cwd: Path, params: Path, *flags: str, source: str = "shards") -> subprocess.Popen:
    """`schoon clean --source SOURCE --params PARAMS FLAGS...` by the installed console script,
    in `cwd`, on this checkout's code; stdout and stderr piped."""
    assert SCHOON.exists(), f"{SCHOON} is missing: install the project (pip install -e .)"
    return subprocess.Popen(
        [str(SCHOON), "clean", "--source", source, "--params", str(params), *flags],
        cwd=cwd, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def committed(work: Path) -> int:
    """Input files with a committed result in work directory `work`."""
    return len(list(work.glob("*/counts.json")))


def kill_after_commits(
    proc: subprocess.Popen, work: Path, at_least: int, sig: int = signal.SIGKILL
) -> int:
    """Send `sig` (SIGKILL) to `proc` once `at_least` files are committed in `work` (or it
    ended, or 2 min passed) and wait for it to end; how many were committed by then."""
    deadline = time.monotonic() + 120
    while committed(work) < at_least and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return committed(work)


def read_outputs(kept: Path, rejected: Path, stats: Path) -> tuple[dict, list[dict], list[dict]]:
    """(statistics, kept rows, rejected rows) of one run, every column, rows in output order."""
    import pyarrow.parquet as pq

    return (
        json.loads(stats.read_text()),
        pq.read_table(kept).to_pylist(),
        pq.read_table(rejected).to_pylist(),
    )


def clean_in_process(out: Path, config, clean_config, name: str = "web", **kw):
    """`run_clean` into `out/kept`, `out/rejected`, `out/s.json`: `read_outputs` of that."""
    from pipeline.clean.job import Outputs, run_clean

    run_clean(name, config, clean_config,
              Outputs(str(out / "kept"), str(out / "rejected"), str(out / "s.json")), **kw)  # fmt: skip
    return read_outputs(out / "kept", out / "rejected", out / "s.json")
