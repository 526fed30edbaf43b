"""The bundled sample data in data/samples: formats, sizes, noise, and reproducibility."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
WEB = SAMPLES / "web"
SHARDS = [WEB / "c4-nl-00000-of-00002.json.gz", WEB / "c4-nl-00001-of-00002.json.gz"]
LABELS = SAMPLES / "web_labels.jsonl"
LYRICS = SAMPLES / "lyrics.csv"

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")

# Kinds of page that a good mC4-nl filter drops as a whole.
DROPPED_KINDS = {
    "cookie_banner_en",
    "cookie_banner_nl",
    "javascript",
    "curly_brace",
    "lorem_ipsum",
    "lorum_ipsum",
    "print_version",
    "profanity",
    "english",
    "german",
    "afrikaans",
    "too_short",
}


def read_shard(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def read_labels(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def web_docs() -> dict[str, list[dict]]:
    return {path.name: read_shard(path) for path in SHARDS}


@pytest.fixture(scope="module")
def labels() -> list[dict]:
    return read_labels(LABELS)


def test_shards_are_gzip_json_lines_in_mc4_format(web_docs):
    for name, docs in web_docs.items():
        assert docs, f"{name} is empty"
        for doc in docs:
            assert set(doc) == {"text", "timestamp", "url"}
            assert all(isinstance(value, str) for value in doc.values())
            assert doc["text"].strip()
            assert TIMESTAMP.fullmatch(doc["timestamp"])
            assert "2019-01-01" <= doc["timestamp"] < "2021-01-01"
            assert doc["url"].startswith("https://")


def test_shards_have_a_reproducible_gzip_header():
    for path in SHARDS:
        header = path.read_bytes()[:10]
        assert header[:2] == b"\x1f\x8b"
        assert header[4:8] == b"\0\0\0\0", f"{path.name}: gzip mtime is not 0"


def test_web_sample_size_and_unique_urls(web_docs):
    docs = [doc for shard in web_docs.values() for doc in shard]
    assert len(docs) >= 160
    urls = [doc["url"] for doc in docs]
    assert len(set(urls)) == len(urls)


def test_labels_describe_every_document(web_docs, labels):
    in_shards = {(doc["url"], name) for name, docs in web_docs.items() for doc in docs}
    assert {(label["url"], label["shard"]) for label in labels} == in_shards
    assert len(labels) == len(in_shards)


def test_every_kind_of_noise_is_in_several_documents(labels):
    counts = Counter(kind for label in labels for kind in label["kinds"])
    several = DROPPED_KINDS - {"lorum_ipsum", "afrikaans"}
    several |= {"menu", "breadcrumb", "date_line", "ellipsis", "homograph", "wiki_citations"}
    several |= {"long_url", "base64", "very_long", "share_reply", "footer"}
    for kind in sorted(several):
        assert counts[kind] >= 3, f"only {counts[kind]} documents with {kind}"
    assert counts["lorum_ipsum"] >= 1
    assert counts["afrikaans"] >= 2


def test_a_clear_majority_of_pages_is_clean_dutch(labels):
    clean = [label for label in labels if not DROPPED_KINDS.intersection(label["kinds"])]
    assert 0.55 <= len(clean) / len(labels) <= 0.65


def test_noise_is_really_in_the_text(web_docs, labels):
    texts = {doc["url"]: doc["text"] for docs in web_docs.values() for doc in docs}
    evidence = {
        "javascript": lambda t: "javascript" in t.lower(),
        "curly_brace": lambda t: "{" in t,
        "lorem_ipsum": lambda t: "lorem ipsum" in t.lower(),
        "lorum_ipsum": lambda t: "lorum ipsum" in t.lower(),
        "print_version": lambda t: "ontbreken aan deze printversie" in t,
        "base64": lambda t: any(len(w) > 1000 for w in t.split()),
        "wiki_citations": lambda t: "[1]" in t and "[bewerken" in t,
        "cookie_banner_en": lambda t: "cookie" in t.lower(),
        "cookie_banner_nl": lambda t: "cookie" in t.lower() or "privacy policy" in t,
    }
    for label in labels:
        for kind in label["kinds"]:
            if kind in evidence:
                assert evidence[kind](texts[label["url"]]), f"{kind} missing in {label['url']}"
    clean = [texts[lab["url"]] for lab in labels if not DROPPED_KINDS.intersection(lab["kinds"])]
    for text in clean:
        assert "{" not in text and "cookie" not in text.lower() and "ipsum" not in text


def read_lyrics(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        return next(reader), list(reader)


def test_lyrics_csv_parses_into_multi_line_songs():
    header, rows = read_lyrics(LYRICS)
    assert header == ["artist", "title", "lyrics"]
    assert len(rows) >= 32
    assert all(len(row) == 3 for row in rows)
    multi_line = [row for row in rows if row[2].count("\n") >= 8]
    assert len(multi_line) >= 0.8 * len(rows)
    assert len({row[1] for row in rows}) == len(rows)  # titles are unique


def test_lyrics_have_the_documented_noise_rows():
    _, rows = read_lyrics(LYRICS)
    lyrics = [row[2] for row in rows]
    assert any(text == "" for text in lyrics)
    assert any(0 < text.count("\n") + 1 <= 2 for text in lyrics if text)
    assert any("(2x)" in text for text in lyrics)
    assert any("Translation note" in text for text in lyrics)
    assert sum("Refrein:" in text for text in lyrics) >= 5


def run_script(name: str, *args: str) -> None:
    subprocess.run([sys.executable, str(SAMPLES / name), *args], check=True, cwd=ROOT)


def test_web_generator_is_byte_for_byte_reproducible(tmp_path):
    out, labels = tmp_path / "web", tmp_path / "labels.jsonl"
    run_script("make_web_sample.py", "--out", str(out), "--labels", str(labels), "--quiet")
    for shard in SHARDS:
        assert (out / shard.name).read_bytes() == shard.read_bytes(), shard.name
    assert sorted(p.name for p in out.iterdir()) == sorted(s.name for s in SHARDS)
    assert labels.read_bytes() == LABELS.read_bytes()


def test_lyrics_generator_is_reproducible(tmp_path):
    out = tmp_path / "lyrics.csv"
    run_script("make_lyrics.py", "--out", str(out))
    assert out.read_bytes() == LYRICS.read_bytes()


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


@pytest.mark.parametrize("name", ["web_texts.yaml", "songs.yaml"])
def test_hand_written_texts_have_no_stray_whitespace(name):
    """A trailing space in a folded YAML line becomes a double space in the page, a tab or a
    blank line in a verse changes the song: edits that the eye does not see."""
    raw = (SAMPLES / name).read_text(encoding="utf-8")
    assert not re.search(r"[ \t]$", raw, re.M), f"{name}: trailing whitespace"
    assert "\t" not in raw, f"{name}: a tab"
    odd = re.search(r"[^\S \n]", raw)  # a no-break or thin space, a carriage return, ...
    assert not odd, f"{name}: {odd.group()!r} after {raw[max(0, odd.start() - 40) : odd.start()]!r}"
    texts = strings(yaml.safe_load(raw))
    assert len(texts) > 100
    for text in texts:
        lines = text.split("\n")
        if name == "web_texts.yaml":
            assert len(lines) == 1, f"a web text is one line: {text[:60]!r}"
        for line in lines:
            assert line and line == line.strip() and "  " not in line, f"{name}: {line!r}"


# What the mc4nl preset must do with a page, by its labels: the reasons that may drop it.
MC4NL_REASONS = {
    "profanity": {"bad_words"},
    "cookie_banner_en": {"boilerplate"},
    "cookie_banner_nl": {"boilerplate"},
    "javascript": {"boilerplate"},
    "lorem_ipsum": {"boilerplate"},
    "lorum_ipsum": {"boilerplate"},
    "print_version": {"boilerplate"},
    "too_short": {"short_document"},
    "english": {"language"},
    "german": {"language"},
    "afrikaans": {"language"},
}


def test_the_web_source_cleans_as_its_labels_say(labels):
    """Every labelled page meets the fate its labels give it under the project's `web` source:
    dropped for one of its noise's reasons, or kept (curly_brace pages too: the mC4-nl card
    has no `{` rule); and no base64 word survives in a kept page."""
    from common.config import load_yaml
    from pipeline.clean.chains import build_chain
    from pipeline.clean.source import load_sources
    from pipeline.sources import reader_for

    params = load_yaml(ROOT / "params.yaml")
    config = load_sources(params)["web"]
    config = dataclasses.replace(config, path=str(ROOT / config.path))
    chain = build_chain(config.preset, config.filters)
    reader = reader_for("web", config)
    fates = {}
    for path in reader.files():
        for record in reader.read(path):
            result = chain.apply(record.text)
            fates[record.meta["url"]] = result
    by_url = {label["url"]: label["kinds"] for label in labels}
    assert set(fates) == set(by_url)
    wrong = []
    for url, kinds in by_url.items():
        allowed = set().union(*(MC4NL_REASONS.get(k, set()) for k in kinds))
        result = fates[url]
        if allowed and (result.kept or result.reason not in allowed):
            wrong.append(f"{url} {sorted(kinds)}: {result.reason or 'kept'}")
        if not allowed and not result.kept:
            wrong.append(f"{url} {sorted(kinds)}: dropped as {result.reason} ({result.evidence})")
        if result.kept and "base64" in kinds:
            assert "base64," not in result.text, url
    assert not wrong, "\n".join(wrong)
