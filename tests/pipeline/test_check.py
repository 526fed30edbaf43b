import gzip
import json
import subprocess
import sys

import pytest

from cli.main import main
from tests.pipeline.helpers import NEWS, web_records


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
        "error": "field 'text' is missing, not a string",
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


def test_check_on_a_truncated_gz_names_the_file(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"text": NEWS}) + "\n").encode() * 500)[:300])
    code, out, err = run_cli(["check", str(path)])
    assert code == 2 and "cut.jsonl.gz" in err


def test_cli_does_not_import_beam_or_torch_for_check():
    code = (
        "import sys, cli.main, cli.check, filters.presets; "
        "print(any(m.split('.')[0] in ('apache_beam', 'torch', 'transformers') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
