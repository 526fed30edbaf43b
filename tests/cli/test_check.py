import gzip
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from cli.main import main
from tests.conftest import ROOT
from tests.pipeline.helpers import NEWS, web_records, write_jsonl_gz


def run_cli(args, stdin=b""):
    proc = subprocess.run(
        [sys.executable, "-m", "cli.main", *args], input=stdin, capture_output=True, check=False
    )
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def test_check_writes_one_verdict_per_record_from_stdin():
    lines = [
        json.dumps({"text": "Home\n" + NEWS, "id": "park"}),
        "not json",
        json.dumps({"text": "Wat een KUT, dag is het vandaag."}),
        "",
        json.dumps({"url": "x"}),
    ]
    code, out, err = run_cli(["check", "--preset", "mc4nl", "-"], "\n".join(lines).encode())
    assert code == 0, err
    verdicts = [json.loads(line) for line in out.splitlines()]
    assert [v["id"] for v in verdicts] == ["park", 2, 3, 5]
    assert verdicts[0] == {
        "id": "park",
        "kept": True,
        "reason": None,
        "evidence": None,
        "text": NEWS,
        "removed_lines": [
            {"line": 1, "reason": "short_line", "evidence": "1 word", "text": "Home"}
        ],
        "modified": [],
    }
    assert verdicts[1]["reason"] == "malformed" and verdicts[1]["error"].startswith("not JSON")
    assert verdicts[1]["kept"] is False
    assert (verdicts[2]["reason"], verdicts[2]["evidence"], verdicts[2]["text"]) == (
        "bad_words",
        "kut",
        None,
    )
    assert verdicts[3] == {
        "id": 5,
        "kept": False,
        "reason": "malformed",
        "error": "field 'text' is missing (the record has: url)",
    }


def test_check_reads_gzipped_jsonl_with_the_c4nlpreproc_preset(tmp_path, capsys):
    path = tmp_path / "docs.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for r in web_records():
            f.write(json.dumps(r) + "\n")
    assert main(["check", "--preset", "c4nlpreproc", str(path)]) == 0
    verdicts = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(verdicts) == 5
    # NEWS is 4 lines, 6 sentences but under 500 characters: c4nlpreproc's doc_length drops it.
    assert verdicts[0]["reason"] == "doc_length"


def test_check_with_a_source_uses_its_overrides(tmp_path, capsys):
    params = tmp_path / "params.yaml"
    params.write_text(
        "sources:\n  web:\n    format: jsonl\n    path: .\n    preset: mc4nl\n"
        "    filters: {short_document: {min_sentences: 50}}\n",
        encoding="utf-8",
    )
    doc = tmp_path / "d.jsonl"
    doc.write_text(json.dumps({"text": NEWS}) + "\n", encoding="utf-8")
    assert main(["check", "--source", "web", "--params", str(params), str(doc)]) == 0
    (verdict,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (verdict["reason"], verdict["evidence"]) == ("short_document", "6 sentences < 50")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", "--preset", "nope", "-"],
            "unknown preset 'nope' (known presets: c4nlpreproc, lyrics, mc4nl)",
        ),
        (["check", "--preset", "mc4nl", "missing.jsonl"], "no such file: missing.jsonl"),
        (
            ["check", "--source", "web", "--params", "missing.yaml", "-"],
            "missing.yaml: no such parameter file",
        ),
    ],
)
def test_check_errors_are_one_clear_line(args, message):
    code, out, err = run_cli(args)
    assert code == 2
    assert err.strip() == f"schoon: {message}"


def test_check_on_a_truncated_gz_gives_the_records_then_the_damage(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"text": NEWS}) + "\n").encode() * 500)[:300])
    code, out, err = run_cli(["check", str(path)])
    assert code == 0 and err == ""
    *read, last = [json.loads(line) for line in out.splitlines()]
    assert 0 < len(read) < 500 and all(v["kept"] for v in read)
    assert (last["id"], last["reason"]) == ("damaged", "malformed")
    assert last["error"].startswith("damaged file: Compressed file ended")


def test_cli_does_not_import_beam_or_torch_for_check():
    code = (
        "import sys, cli.main, cli.check, filters.presets; "
        "print(any(m.split('.')[0] in ('apache_beam', 'torch', 'transformers') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def check_output(capsys, args) -> list[dict]:
    assert main(["check", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_check_and_pipeline_agree_on_a_jsonl_source(tmp_path, capsys):
    from pipeline.beam.runner import BeamConfig
    from pipeline.clean.job import Outputs, run_clean
    from pipeline.sources import SourceConfig

    records = web_records() + [{"text": NEWS.replace("\n", "\n\n")}, {"text": "x " * 3000}]
    path = write_jsonl_gz(tmp_path / "in/a.json.gz", records)
    params = tmp_path / "params.yaml"
    params.write_text(f"sources:\n  web: {{format: jsonl, path: {path}, preset: mc4nl}}\n")
    config = SourceConfig(format="jsonl", path=str(path), preset="mc4nl")
    outputs = Outputs(str(tmp_path / "kept"), str(tmp_path / "rej"), str(tmp_path / "s.json"))
    run_clean("web", config, BeamConfig(), outputs)
    kept = pq.read_table(outputs.kept).to_pylist()
    rejected = pq.read_table(outputs.rejected).to_pylist()
    checked = check_output(capsys, ["--source", "web", "--params", str(params)])
    pipeline_view = {r["id"]: (True, None, r["text"]) for r in kept}
    pipeline_view |= {r["id"]: (False, r["reason"], None) for r in rejected}
    assert {v["id"]: (v["kept"], v["reason"], v["text"]) for v in checked} == pipeline_view
    removed = {v["id"]: v["removed_lines"] for v in checked}
    for row in kept + rejected:
        assert json.loads(row["removed_lines"]) == removed[row["id"]]


@pytest.mark.parametrize("source", ["web", "lyrics"])
def test_check_with_a_source_and_no_file_keeps_what_the_pipeline_keeps(
    source, tmp_path, capsys, monkeypatch
):
    """On the project's own params and bundled samples: the ids `clean@NAME` keeps."""
    from common.config import build, load_yaml, section
    from pipeline.beam.runner import beam_config
    from pipeline.clean.job import Outputs, run_clean
    from pipeline.clean.params import CleanParams
    from pipeline.clean.source import load_sources

    monkeypatch.chdir(ROOT)
    params = load_yaml("params.yaml")
    config = load_sources(params)[source]
    clean = build(CleanParams, section(params, "clean"), "clean")
    outputs = Outputs(str(tmp_path / "kept"), str(tmp_path / "rej"), str(tmp_path / "s.json"))
    run_clean(source, config, beam_config(params, "params.yaml"), outputs, clean=clean)
    kept = {r["id"] for r in pq.read_table(outputs.kept, columns=["id"]).to_pylist()}
    checked = check_output(capsys, ["--source", source])
    assert kept and {v["id"] for v in checked if v["kept"]} == kept
    assert all(v["reason"] != "malformed" for v in checked)


def test_check_reads_a_csv_source_as_the_source_reads_it(tmp_path, capsys):
    params = tmp_path / "params.yaml"
    params.write_text(
        "sources:\n  lyrics:\n    format: csv\n    path: songs.csv\n    text_field: lyrics\n"
        "    id_field: song\n    preset: lyrics\n"
    )
    song = "Het regent in de stad\nik loop alleen door de straat\nen niemand die mij ziet\n" * 2
    songs = tmp_path / "mine.csv"
    songs.write_text(f'song,lyrics\nregen,"{song}"\nleeg,\n', encoding="utf-8")
    verdicts = check_output(capsys, ["--source", "lyrics", "--params", str(params), str(songs)])
    assert [v["id"] for v in verdicts] == ["regen", "leeg"]
    assert verdicts[0]["reason"] != "malformed" and verdicts[0]["text"].startswith("Het regent")


def test_a_record_without_usable_text_keeps_its_own_id(capsys, monkeypatch):
    import io

    lines = json.dumps({"id": "doc-7", "text": 42}) + "\n" + json.dumps({"text": None}) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    verdicts = check_output(capsys, ["--preset", "mc4nl", "-"])
    assert [(v["id"], v["reason"]) for v in verdicts] == [("doc-7", "malformed"), (2, "malformed")]
    assert verdicts[0]["error"] == "field 'text' is an int, not a string"
    assert verdicts[1]["error"] == "field 'text' is null, not a string"
