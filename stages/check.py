"""DVC stage `check`: params.yaml checked before any `clean@NAME` stage runs.

Every `clean@NAME` stage lists this stage's output among its deps, so `dvc repro` runs it
first. It builds every source's settings and the `clean` and `beam` sections and lists each
source's input files, so a mistake fails here, with the project's message (a glob in `path`:
use `path: DIR` and `pattern: GLOB`), rather than in DVC's own check of a stage's deps (`[Errno
2] No such file or directory: 'data/extra/*.json.gz'`) or halfway through the cleaning.

The output is a folder with one small file per source (`stats/check/NAME.json`, naming it),
and `clean@NAME` depends on its own file only: adding, renaming or removing a source re-runs
that source's cleaning and nothing else's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common.jsonfile import write_json
from stages.stage import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--params", default="params.yaml", help="parameter file")
    parser.add_argument("--out", required=True, help="folder: one NAME.json per checked source")
    args = parser.parse_args(argv)
    return run("check", lambda: check(args.params, Path(args.out)))


def check(params_file: str, out: Path) -> str:
    from common.config import load_yaml
    from pipeline.beam.runner import beam_config
    from pipeline.clean.params import clean_params
    from pipeline.clean.source import load_sources

    params = load_yaml(params_file)
    sources = load_sources(params, params_file, check_files=list(params.get("sources") or ()))
    clean_params(params, params_file)
    beam_config(params, params_file)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.json"):  # a source removed since
        if old.stem not in sources:
            old.unlink()
    for name in sources:
        write_json(out / f"{name}.json", {"source": name})
    return f"check: {params_file}: {len(sources)} sources ({', '.join(sources)}), clean and beam ok"


if __name__ == "__main__":
    sys.exit(main())
