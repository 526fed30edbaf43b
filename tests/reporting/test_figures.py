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
    # A source cleaned once with other settings, not in params.yaml: no picture of it.
    (tmp_path / "clean/big.json").write_text(json.dumps(STATS))
    loss = tmp_path / "loss.tsv"
    loss.write_text("step\tloss\n1\t8.5\n2\t7.25\n3\t6.0\n")
    written = draw_figures(["web", "lyrics"], tmp_path / "clean", None, loss, None,
                           tmp_path / "figures")  # fmt: skip
    assert [p.name for p in written] == [
        "funnel_web.png",
        "reasons_web.png",
        "funnel_lyrics.png",
        "reasons_lyrics.png",
        "training_loss.png",
    ]
    for path in written:
        image = mpimg.imread(path)
        assert image.shape[0] > 150 and image.shape[1] > 600
        assert image.std() > 0.01  # not a blank canvas


def test_the_funnel_runs_from_the_input_through_dedup_without_a_repeated_step():
    from reporting.figures import funnel_steps

    assert funnel_steps(STATS, 5) == [
        ("documents in", 10), ("readable", 9), ("after bad_words", 7),
        ("after short_document", 6), ("after dedup", 5),
    ]  # fmt: skip
    every_record_read = dict(STATS, docs_in=9)
    assert [label for label, _ in funnel_steps(every_record_read, None)] == [
        "documents in", "after bad_words", "after short_document",
    ]  # fmt: skip


def test_the_loss_figure_marks_the_hand_over_and_the_eval_losses(tmp_path):
    import matplotlib.pyplot as plt

    from reporting import figures

    loss = tmp_path / "loss.tsv"
    loss.write_text("step\tloss\n" + "".join(f"{i}\t{9 - i * 0.5}\n" for i in range(1, 9)))
    train = {"pretrain_steps": 3, "finetune_steps": 5, "pretrain_eval_loss": 7.5,
             "finetune_eval_loss": 5.25}  # fmt: skip
    drawn = {}
    real_close = plt.close

    def keep(fig):
        drawn["axes"] = fig.axes[0]
        real_close(fig)

    plt.close = keep
    try:
        figures.loss_figure(loss, tmp_path / "loss.png", train)
    finally:
        plt.close = real_close
    ax = drawn["axes"]
    points = {line.get_label(): list(zip(*line.get_data(), strict=True)) for line in ax.lines}
    assert points["pretrain eval loss"] == [(3, 7.5)]
    assert points["finetune eval loss"] == [(8, 5.25)]
    boundary = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(boundary) == 1 and list(boundary[0].get_xdata()) == [3.5, 3.5]


def test_draw_figures_without_a_loss_file(tmp_path):
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean/web.json").write_text(json.dumps(STATS))
    written = draw_figures(["web"], tmp_path / "clean", None, tmp_path / "missing.tsv", None,
                           tmp_path / "figures")  # fmt: skip
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
