"""`schoon stats`: the statistics of a run as a table, and two runs side by side.

Every stage writes its statistics as JSON, committed to git: the whole statistics under
`stats/`, the headline numbers (DVC metrics) under `metrics/`. So a run is a git revision or a
DVC experiment: the working tree, `HEAD~1`, a tag, or an experiment name from `dvc exp show`.
Where a stage wrote both, the whole statistics are shown.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from common.config import ConfigError

# Read in this order: a file under stats/ replaces its headline namesake under metrics/.
DIRS = ("metrics", "stats")


def _git(*args: str) -> str:
    proc = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise ConfigError(f"git {' '.join(args)}: {proc.stderr.strip()}")
    return proc.stdout


def resolve_rev(rev: str) -> str:
    """A commit for a git revision or a DVC experiment name."""
    proc = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode == 0:
        return proc.stdout.strip()
    refs = _git("for-each-ref", "--format=%(refname) %(objectname)", "refs/exps").splitlines()
    for line in refs:
        ref, sha = line.split()
        if ref.rsplit("/", 1)[-1] == rev:
            return sha
    raise ConfigError(f"'{rev}' is neither a git revision nor an experiment (see `dvc exp show`)")


def load_metrics(rev: str | None = None, root: str | Path = ".") -> dict[str, dict[str, Any]]:
    """The JSON files under metrics/ and stats/ (relative path without .json -> data), now or
    at `rev`."""
    found: dict[str, dict[str, Any]] = {}
    commit = None if rev is None else resolve_rev(rev)
    for top in DIRS:
        if commit is None:
            base = Path(root) / top
            for path in sorted(base.rglob("*.json")):
                found[path.relative_to(base).with_suffix("").as_posix()] = json.loads(
                    path.read_text(encoding="utf-8")
                )
            continue
        names = _git("ls-tree", "-r", "--name-only", commit, top + "/").splitlines()
        for name in sorted(n for n in names if n.endswith(".json")):
            found[name[len(top) + 1 : -len(".json")]] = json.loads(_git("show", f"{commit}:{name}"))
    return dict(sorted(found.items()))


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out |= flatten(value, name + ".")
        else:
            out[name] = value
    return out


def rows_for(metrics: dict[str, dict[str, Any]]) -> list[tuple[str, str, Any]]:
    """(section, key, value) rows: per source the funnel and the reasons, then other stages."""
    rows: list[tuple[str, str, Any]] = []
    checked = [data.get("source") for name, data in metrics.items() if name.startswith("check/")]
    if checked:
        rows.append(("check", "sources", checked))
    for name, data in metrics.items():
        if name.startswith(("clean/tallies/", "check/")):
            continue  # shown with its source below, and above
        if name.startswith("clean/"):
            source = name.split("/", 1)[1]
            section = f"clean {source}"
            rows.append((section, "docs_in", data.get("docs_in")))
            for step, remaining in data.get("funnel", {}).items():
                rows.append((section, f"after {step}", remaining))
            rows.append((section, "docs_out", data.get("docs_out")))
            for reason, n in data.get("docs_dropped", {}).items():
                rows.append((section, f"dropped {reason}", n))
            for reason, n in data.get("lines_dropped", {}).items():
                rows.append((section, f"lines dropped {reason}", n))
            rows.append((section, "chars_in", data.get("chars_in")))
            rows.append((section, "chars_out", data.get("chars_out")))
            for modifier, n in data.get("docs_modified", {}).items():
                rows.append((section, f"modified by {modifier}", n))
                chars = data.get("chars_modified", {}).get(modifier)
                rows.append((section, f"chars modified by {modifier}", chars))
            for refusal, n in data.get("docs_refused", {}).items():
                rows.append((section, refusal, n))
            # The tallies in their own file, or (in older runs) in the statistics themselves.
            tallies = metrics.get(f"clean/tallies/{source}", data)
            for term, n in list(tallies.get("bad_word_terms", {}).items())[:5]:
                rows.append((section, f"bad word '{term}'", n))
        else:
            for key, value in flatten(data).items():
                rows.append((name, key, value))
    return rows


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list | tuple):
        return ", ".join(_fmt(v) for v in value)
    return str(value)


def _delta(a: Any, b: Any) -> str:
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        d = b - a
        return ("+" if d > 0 else "") + _fmt(d) if d else "0"
    return "" if a == b else "changed"


def table(
    metrics: dict[str, dict[str, Any]],
    other: dict[str, dict[str, Any]] | None = None,
    names: tuple[str, str] = ("a", "b"),
    markdown: bool = False,
) -> str:
    """Render one run, or two runs side by side with the difference."""
    if other is None:
        header = ["stage", "statistic", "value"]
        body = [[s, k, _fmt(v)] for s, k, v in rows_for(metrics)]
    else:
        a = {(s, k): v for s, k, v in rows_for(metrics)}
        b = {(s, k): v for s, k, v in rows_for(other)}
        keys = list(dict.fromkeys([*a, *b]))
        header = ["stage", "statistic", names[0], names[1], "change"]
        body = [
            [s, k, _fmt(a.get((s, k))), _fmt(b.get((s, k))), _delta(a.get((s, k)), b.get((s, k)))]
            for s, k in keys
        ]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    previous = None
    for row in body:
        shown = [row[0] if row[0] != previous else "", *row[1:]]
        previous = row[0]
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(shown, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def run_stats(revs: list[str], fmt: str = "table") -> str:
    if len(revs) > 2:
        raise ConfigError("stats compares at most two runs")
    runs = [load_metrics(None)] if not revs else [load_metrics(r) for r in revs]
    if len(revs) == 1:  # one revision: compare it with the working tree
        runs = [runs[0], load_metrics(None)]
        revs = [revs[0], "workspace"]
    if not any(runs):
        raise ConfigError("no statistics found under stats/ or metrics/ (run `dvc repro` first)")
    if fmt == "json":
        if len(runs) == 1:
            return json.dumps(runs[0], indent=2)
        return json.dumps(dict(zip(revs, runs, strict=True)), indent=2)
    other = runs[1] if len(runs) == 2 else None
    return table(runs[0], other, tuple(revs) if other else ("a", "b"), markdown=fmt == "markdown")
