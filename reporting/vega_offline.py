"""Write an HTML template for `dvc plots show` with vega, vega-lite and vega-embed inlined.

DVC's default page loads these three scripts from a CDN, so offline it renders blank. `make
plots` installs the same versions DVC asks for from the npm registry into `.cache/vega/` (not
committed) and this module inlines their builds into a template that has no `{scripts}`
placeholder, so the page needs no network at all.

    python -m reporting.vega_offline .cache/vega/node_modules .cache/vega/template.html
"""

from __future__ import annotations

import sys
from pathlib import Path

# The versions dvc-render's own page loads (dvc_render/vega.py).
BUILDS = (
    "vega/build/vega.min.js",
    "vega-lite/build/vega-lite.min.js",
    "vega-embed/build/vega-embed.min.js",
)


def template(node_modules: Path) -> str:
    scripts = []
    for build in BUILDS:
        path = node_modules / build
        if not path.is_file():
            raise SystemExit(f"vega_offline: {path} is missing (run `make plots` to install it)")
        code = path.read_text(encoding="utf-8").replace("</script", "<\\/script")
        scripts.append(f"<script>/* {build} */\n{code}\n</script>")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            "<html>",
            "<head>",
            '<meta charset="utf-8">',
            "{refresh_tag}",
            "<title>schoon: DVC plots</title>",
            *scripts,
            "<style>body { font-family: sans-serif; } table { border-spacing: 15px; }</style>",
            "</head>",
            "<body>",
            "{plot_divs}",
            "</body>",
            "</html>",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    Path(args[1]).write_text(template(Path(args[0])), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
