import json

import matplotlib.image as mpimg
import pytest

from reporting.figures import draw_figures
from reporting.vega_offline import template

STATS = {
    "docs_in": 10,
    "docs_out": 6,
    "docs_dropped": {"bad_words": 2, "short_document": 1, "malformed": 1},
    "lines_dropped": {"short_line": 7, "long_word": 0},
    "funnel": {"read": 9, "bad_words": 7, "short_document": 6},
}


def test_draw_figures_writes_a_funnel_and_reasons_per_source_and_the_loss(tmp_path):
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean/web.json").write_text(json.dumps(STATS))
    (tmp_path / "clean/lyrics.json").write_text(json.dumps(dict(STATS, funnel={})))
    loss = tmp_path / "loss.tsv"
    loss.write_text("step\tloss\n1\t8.5\n2\t7.25\n3\t6.0\n")
    written = draw_figures(tmp_path / "clean", loss, tmp_path / "figures")
    assert [p.name for p in written] == [
        "funnel_lyrics.png",
        "reasons_lyrics.png",
        "funnel_web.png",
        "reasons_web.png",
        "training_loss.png",
    ]
    for path in written:
        image = mpimg.imread(path)
        assert image.shape[0] > 150 and image.shape[1] > 600
        assert image.std() > 0.01  # not a blank canvas


def test_draw_figures_without_a_loss_file(tmp_path):
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean/web.json").write_text(json.dumps(STATS))
    written = draw_figures(tmp_path / "clean", tmp_path / "missing.tsv", tmp_path / "figures")
    assert [p.name for p in written] == ["funnel_web.png", "reasons_web.png"]


def test_vega_template_inlines_the_scripts_and_keeps_dvc_placeholders(tmp_path):
    for build in (
        "vega/build/vega.min.js",
        "vega-lite/build/vega-lite.min.js",
        "vega-embed/build/vega-embed.min.js",
    ):
        path = tmp_path / build
        path.parent.mkdir(parents=True)
        path.write_text(f"var x = '{build}'; // </script> inside a string\n")
    page = template(tmp_path)
    assert "{plot_divs}" in page and "{scripts}" not in page
    assert "https://" not in page
    assert page.count("<script>") == 3 and "<\\/script> inside" in page
    from dvc_render.html import HTML

    assert "<div>plot</div>" in HTML(page).with_element("<div>plot</div>").embed()


def test_vega_template_says_how_to_get_missing_builds(tmp_path):
    with pytest.raises(SystemExit, match="make plots"):
        template(tmp_path)
