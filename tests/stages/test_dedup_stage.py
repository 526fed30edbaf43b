"""The `dedup` stage and `schoon dedup`: copies across sources dropped, accounted for, and the
same verdicts from the command line as from the stage; the leakage count of the corpus."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.clean.schema import KEPT_SCHEMA
from pipeline.dedup.leakage import near_pairs_across
from pipeline.dedup.params import DedupParams
from tests.conftest import ROOT

PARK = (
    "De gemeente Utrecht heeft dinsdag bekendgemaakt dat het nieuwe park in het voorjaar "
    "opengaat. Wethouder De Vries zei dat de bewoners een speeltuin en een vijver krijgen. "
    "Er komen ook bankjes langs het water en een pad voor fietsers."
)
RAIN = (
    "Het regent al de hele week in Groningen en de rivier staat hoog. Boeren maken zich "
    "zorgen over de oogst en de dijken worden elke dag gecontroleerd door het waterschap."
)
SONG = "Ik loop alleen door de stille straat\nen denk aan jou mijn lieve schat\n" * 3

SOURCES = {
    "web": [("web/a/1", PARK), ("web/a/2", RAIN), ("web/a/3", PARK.upper())],
    "lyrics": [("lyrics/s/1", SONG), ("lyrics/s/2", RAIN + "\nDeel dit bericht")],
}


def write_clean(root) -> None:
    for name, docs in SOURCES.items():
        rows = [
            {"id": i, "source": name, "text": t, "meta": "{}", "removed_lines": "[]",
             "modified": "[]"}
            for i, t in docs
        ]  # fmt: skip
        os.makedirs(root / "clean" / name)
        pq.write_table(pa.Table.from_pylist(rows, KEPT_SCHEMA), root / "clean" / name / "p.parquet")


def run(argv, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(argv, capture_output=True, text=True, env=env, check=False, **kw)


def test_the_stage_and_schoon_dedup_agree_and_every_document_is_accounted_for(tmp_path):
    write_clean(tmp_path)
    params = tmp_path / "params.yaml"
    params.write_text(
        "clean: {}\ndedup: {}\nsources:\n"
        "  web: {format: jsonl, path: x, preset: mc4nl}\n"
        "  lyrics: {format: csv, path: y, preset: lyrics}\n"
    )
    proc = run([sys.executable, "-m", "stages.dedup", "--params", str(params),
                "--clean", str(tmp_path / "clean"), "--kept", str(tmp_path / "kept"),
                "--rejected", str(tmp_path / "rejected"), "--stats", str(tmp_path / "s.json")])  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    kept = {n: sorted(pq.read_table(tmp_path / "kept" / n).column("id").to_pylist())
            for n in SOURCES}  # fmt: skip
    rejected = pq.read_table(tmp_path / "rejected").to_pylist()
    # web comes first in params.yaml: its RAIN is kept and the lyrics' near copy dropped.
    assert kept == {"web": ["web/a/1", "web/a/2"], "lyrics": ["lyrics/s/1"]}
    assert {(r["id"], r["kind"], r["duplicate_of"]) for r in rejected} == {
        ("web/a/3", "exact", "web/a/1"),
        ("lyrics/s/2", "near", "web/a/2"),
    }
    near = next(r for r in rejected if r["kind"] == "near")
    assert 0.8 <= near["similarity"] < 1.0
    stats = json.loads((tmp_path / "s.json").read_text())
    for name, docs in SOURCES.items():
        s = stats["sources"][name]
        assert s["docs_in"] == len(docs) == s["docs_out"] + sum(s["docs_dropped"].values())
    assert stats["docs_dropped"] == {"exact": 1, "near": 1, "span": 0}

    # The same documents, in the stage's order (source, then id), through `schoon dedup`.
    lines = [json.dumps({"id": i, "text": t}) for name in SOURCES for i, t in sorted(SOURCES[name])]
    proc = run([sys.executable, "-m", "cli.main", "dedup", "--params", str(params), "-"],
               input="\n".join(lines))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    verdicts = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(v["id"] for v in verdicts if v["kept"]) == sorted(sum(kept.values(), []))
    assert {(v["id"], v["kind"], v["duplicate_of"]) for v in verdicts if not v["kept"]} == {
        (r["id"], r["kind"], r["duplicate_of"]) for r in rejected
    }


def test_schoon_dedup_says_once_that_ids_repeat_and_nothing_else():
    lines = [json.dumps({"id": "a", "text": PARK}), json.dumps({"id": "a", "text": RAIN}),
             json.dumps({"id": "b", "text": PARK}), json.dumps({"text": SONG})]  # fmt: skip
    proc = run([sys.executable, "-m", "cli.main", "dedup", "-"], input="\n".join(lines))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == (
        'dedup: 1 id is used by more than one record ("a" 2 times); '
        "a duplicate_of names the first record with the id\n"
    )
    verdicts = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(v["id"], v["kept"], v["duplicate_of"]) for v in verdicts] == [
        ("a", True, None), ("a", True, None), ("b", False, "a"), (4, True, None)
    ]  # fmt: skip
    unique = [json.dumps({"id": "a", "text": PARK}), json.dumps({"id": "b", "text": RAIN})]
    proc = run([sys.executable, "-m", "cli.main", "dedup", "-"], input="\n".join(unique))
    assert proc.returncode == 0 and proc.stderr == ""


def test_leakage_counts_near_copies_across_train_and_validation():
    params = DedupParams()
    copy = PARK.replace("dinsdag", "woensdag")
    assert near_pairs_across([PARK, RAIN], [copy, SONG], params) == 0  # Jaccard below 0.8
    assert near_pairs_across([PARK, RAIN], [PARK + " ", SONG], params) == 1
    assert near_pairs_across([PARK, PARK.lower()], [PARK], params) == 2
    assert near_pairs_across([], [PARK], params) == 0


def test_audit_shows_a_duplicate_beside_the_document_it_copies(tmp_path):
    from cli.audit import Style, audit_duplicates

    write_clean(tmp_path)
    params = tmp_path / "params.yaml"
    params.write_text("clean: {}\ndedup: {}\nsources: {web: {}, lyrics: {}}\n")
    proc = run([sys.executable, "-m", "stages.dedup", "--params", str(params),
                "--clean", str(tmp_path / "clean"), "--kept", str(tmp_path / "kept"),
                "--rejected", str(tmp_path / "rejected"), "--stats", str(tmp_path / "s.json")])  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = audit_duplicates(
        "lyrics", "near", 5, 0, str(tmp_path / "kept"), str(tmp_path / "rejected"), Style(False)
    ).splitlines()
    assert (
        out[0] == "near: 1 documents of source 'lyrics' dropped as duplicates, showing 1 (seed 0)"
    )
    assert out[2].startswith("── lyrics/s/2  similarity 0.") and out[2].endswith("to web/a/2")
    assert out[3].endswith("waterschap. »Deel dit bericht«")  # the dropped copy's extra words
    assert out[4] == "  kept:    " + RAIN


def test_too_few_cluster_rounds_is_one_line_naming_the_setting(tmp_path):
    from tests.pipeline.dedup.test_dedup_scale import chain_of_near_copies

    rows = [
        {"id": f"c{i}", "source": "web", "text": t, "meta": "{}", "removed_lines": "[]",
         "modified": "[]"}
        for i, t in enumerate(chain_of_near_copies())
    ]  # fmt: skip
    os.makedirs(tmp_path / "clean" / "web")
    pq.write_table(
        pa.Table.from_pylist(rows, KEPT_SCHEMA), tmp_path / "clean" / "web" / "p.parquet"
    )
    params = tmp_path / "params.yaml"
    params.write_text(
        "clean: {}\ndedup: {bands: 32, rows: 4, cluster_rounds: 1}\nsources: {web: {}}\n"
    )
    out = tmp_path / "out"
    proc = run([sys.executable, "-m", "stages.dedup", "--params", str(params),
                "--clean", str(tmp_path / "clean"), "--kept", str(out / "kept"),
                "--rejected", str(out / "rejected"), "--stats", str(out / "s.json")])  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "dedup: the near-copy clusters of 6 documents were not settled after 1 rounds "
        "(a long chain of near copies); raise dedup.cluster_rounds in params.yaml"
    ]
    assert list(out.iterdir()) == []  # nothing written, nothing staged left behind


def test_a_corpus_too_large_for_the_direct_runner_gets_one_line_pointing_to_flink_or_spark(
    tmp_path, monkeypatch, capsys
):
    from pipeline.beam.runner import BeamConfig
    from pipeline.dedup import job
    from stages import dedup as dedup_stage

    write_clean(tmp_path)
    assert job.input_documents(["web", "lyrics", "absent"], str(tmp_path / "clean")) == 5
    assert job.runner_advice(10**9, BeamConfig(runner="spark")) is None
    assert job.runner_advice(10**9, BeamConfig(runner="flink", flink_master="h:1")) is None
    assert "mini-cluster: it runs a part per worker" in job.runner_advice(
        job.DIRECT_MAX_DOCUMENTS + 1, BeamConfig(runner="flink")
    )
    assert job.runner_advice(job.DIRECT_MAX_DOCUMENTS, BeamConfig(runner="direct")) is None
    assert job.runner_advice(job.DIRECT_MAX_DOCUMENTS, BeamConfig(runner="flink")) is None
    assert "set beam.runner: spark" in job.runner_advice(
        job.DIRECT_MAX_DOCUMENTS + 1, BeamConfig(runner="direct")
    )
    monkeypatch.setattr(job, "DIRECT_MAX_DOCUMENTS", 4)  # the sample has 5
    params = tmp_path / "params.yaml"
    params.write_text("clean: {}\ndedup: {}\nsources: {web: {}, lyrics: {}}\n")
    out = tmp_path / "out"
    code = dedup_stage.main(["--params", str(params), "--clean", str(tmp_path / "clean"),
                             "--kept", str(out / "kept"), "--rejected", str(out / "rejected"),
                             "--stats", str(out / "s.json")])  # fmt: skip
    assert code == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "dedup: 5 documents is more than the direct runner deduplicates in 16 GiB (about 4, "
        "docs/dedup.md); set beam.runner: spark, or flink with flink_master, to run it in parts "
        "whose memory does not grow with the corpus"
    ]


def test_on_flink_and_spark_the_job_cuts_its_input_into_parts_of_bounded_size(tmp_path):
    """An SDK worker holds a whole part's output (docs/dedup.md): the job sets
    `beam.partitions` so that no part has more than DOCUMENTS_PER_PART documents, at least a
    part per worker, unless the user set it; the input is read in ranges to match."""
    from dataclasses import replace

    from pipeline.beam.runner import BeamConfig
    from pipeline.dedup import job

    most = job.DOCUMENTS_PER_PART
    flink = BeamConfig(runner="flink", workers=2, flink_master="127.0.0.1:8081")
    assert job.parted(flink, 10).partitions == 2
    assert job.parted(flink, 2 * most).partitions == 2
    assert job.parted(flink, 2 * most + 1).partitions == 3
    assert job.parted(flink, 60 * most).partitions == 60
    assert job.parted(replace(flink, runner="spark"), 60 * most).partitions == 60
    assert job.parted(replace(flink, partitions=4), 60 * most).partitions == 4  # the user's
    assert job.parted(BeamConfig(runner="direct"), 60 * most).partitions == 0  # in one process
    # Flink's mini-cluster runs a part per worker, and says so when asked for more
    assert job.parted(BeamConfig(runner="flink", workers=2), 60 * most).partitions == 0
    with pytest.raises(ValueError, match="mini-cluster runs one part per worker"):
        BeamConfig(runner="flink", partitions=6)
    write_clean(tmp_path)
    clean = str(tmp_path / "clean")
    assert job.range_bytes(["web", "lyrics"], clean, flink) == 1 << 20  # at least 1 MiB
    with open(tmp_path / "clean" / "web" / "big.parquet", "wb") as f:
        f.truncate(2_000 << 20)  # sized, not read
    per_part = (2_000 << 20) // job.RANGES_PER_PART
    assert (
        abs(job.range_bytes(["web"], clean, replace(flink, partitions=20)) - per_part // 20) < 1000
    )
    assert job.range_bytes(["web"], clean, flink) == 64 << 20  # at most 64 MiB


def test_the_stage_writes_the_same_bytes_with_one_worker_or_two(tmp_path):
    """`dvc repro -f dedup` reproduces `dvc.lock`: the output files depend on the documents,
    not on the workers or the order their bundles finish in."""
    words = [
        "de",
        "het",
        "een",
        "huis",
        "straat",
        "water",
        "fiets",
        "boom",
        "stad",
        "dorp",
        "kerk",
        "markt",
        "brug",
        "haven",
        "zee",
    ]
    docs = [
        " ".join(words[(i * 7 + j * 3) % len(words)] + str(i * 31 + j) for j in range(40))
        for i in range(300)
    ]
    docs += docs[:40]  # exact copies, later in the source
    root = tmp_path / "clean" / "web"
    root.mkdir(parents=True)
    for shard in range(3):
        rows = [
            {"id": f"web/{i:04d}", "source": "web", "text": t, "meta": "{}",
             "removed_lines": "[]", "modified": "[]"}
            for i, t in enumerate(docs) if i % 3 == shard
        ]  # fmt: skip
        pq.write_table(pa.Table.from_pylist(rows, KEPT_SCHEMA), root / f"s{shard}.parquet")
    outputs = {}
    for processes in (1, 2):
        params = tmp_path / f"params{processes}.yaml"
        params.write_text(
            f"beam: {{workers: {processes}}}\nclean: {{}}\ndedup: {{}}\n"
            "sources:\n  web: {format: jsonl, path: x, preset: mc4nl}\n"
        )
        out = tmp_path / f"out{processes}"
        proc = run([sys.executable, "-m", "stages.dedup", "--params", str(params),
                    "--clean", str(tmp_path / "clean"), "--kept", str(out / "kept"),
                    "--rejected", str(out / "rejected"), "--stats", str(out / "s.json")])  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        outputs[processes] = {
            str(f.relative_to(out)): f.read_bytes() for f in sorted(out.rglob("*")) if f.is_file()
        }
    assert sorted(outputs[1]) == [
        "kept/web/part-00000-of-00001.parquet", "rejected/part-00000-of-00001.parquet", "s.json"
    ]  # fmt: skip
    assert pq.read_table(tmp_path / "out1" / "rejected").num_rows == 40
    assert outputs[1] == outputs[2]


def catches(pid: int, sig: int) -> bool:
    """Whether process `pid` has a handler for `sig` (its SigCgt mask in /proc)."""
    with open(f"/proc/{pid}/status") as f:
        mask = next(line for line in f if line.startswith("SigCgt:")).split()[1]
    return bool(int(mask, 16) >> (sig - 1) & 1)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_schoon_dedup_stopped_while_it_reads_says_so_in_one_line(sig):
    """Stopped while it waits for more input: one line, the shell's exit status, no verdict
    written. The signal is sent once the command handles SIGTERM (read in /proc), so that it
    is the command's stop that is tested, not Python's start."""
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "dedup", "-"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    proc.stdin.write(json.dumps({"id": "a", "text": PARK}) + "\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while not catches(proc.pid, signal.SIGTERM) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.05)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + sig, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == f"schoon: dedup stopped by {sig.name}"
    assert out == ""
