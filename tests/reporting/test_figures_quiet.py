"""Drawing a figure on a machine where matplotlib has no font cache yet prints nothing."""

import subprocess
import sys

from tests.conftest import ROOT

DRAW = """
import logging
logging.basicConfig(level=logging.INFO)  # as every stage configures it (stages/stage.py)
from pathlib import Path
from reporting.figures import funnel_figure
funnel_figure("web", {"docs_in": 3, "funnel": {"short_document": 2}}, Path("f.png"))
"""


def test_a_first_figure_builds_the_font_cache_quietly(tmp_path):
    env = {"MPLCONFIGDIR": str(tmp_path / "mpl"), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin"}
    proc = subprocess.run([sys.executable, "-c", DRAW], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "mpl").is_dir() and (tmp_path / "f.png").is_file()
    assert proc.stderr == "", proc.stderr
