"""Small builders for pipeline tests: sources written to a temporary directory."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

NEWS = (
    "De gemeente Utrecht heeft dinsdag bekendgemaakt dat het nieuwe park in het voorjaar opengaat.\n"
    "Wethouder dhr. De Vries zei dat de bewoners o.a. een speeltuin en een vijver krijgen.\n"
    "Er komen ook bankjes, bijv. langs het water. De kosten bedragen ca. 2 miljoen euro.\n"
    "Volgens de planning begint de aanleg in maart. Omwonenden zijn er blij mee."
)


def web_records() -> list[dict]:
    """One document for each outcome of the mc4nl preset."""
    return [
        {
            "text": "Home\n" + NEWS + "\nLees meer",
            "url": "https://a.nl/park",
            "timestamp": "2019-04-01T10:00:00Z",
        },
        {
            "text": NEWS + "\nWat een kut plan.",
            "url": "https://a.nl/kut",
            "timestamp": "2019-04-02T10:00:00Z",
        },
        {
            "text": NEWS + "\nThis website uses cookies.",
            "url": "https://a.nl/c",
            "timestamp": "2019-04-03T10:00:00Z",
        },
        {
            "text": "Kort bericht zonder veel inhoud hier.\nMenu",
            "url": "https://a.nl/k",
            "timestamp": "2019-04-04T10:00:00Z",
        },
        {
            "text": "The council announced on Tuesday that the new park will open in spring.\n"
            "The alderman said residents will get a playground and a pond among other things.\n"
            "There will also be benches along the water. The costs are about two million euros.\n"
            "According to the schedule, construction starts in March. Residents are pleased.",
            "url": "https://a.nl/en",
            "timestamp": "2019-04-05T10:00:00Z",
        },
    ]


def write_jsonl_gz(path: Path, records: list[dict], extra_lines: list[bytes] = ()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False).encode() + b"\n")
        for line in extra_lines:
            f.write(line + b"\n")
    return path
