"""Write `lyrics.csv` from `songs.yaml`: Dutch songs in the smartlap tradition.

The songs, all written for this project, and their invented artists are in `songs.yaml` next to
this script; this script only lays them out.

Columns: `artist,title,lyrics`, standard CSV quoting (the multi-line lyrics field is quoted).
A song's lyrics are stanzas separated by a blank line; the chorus is repeated after each verse,
sometimes under a "Refrein:" line. A few rows are noise on purpose:

* one song ends with an English translation note,
* one song marks its chorus "(2x)" instead of writing the repeat out,
* one "song" is only two lines long,
* one row has empty lyrics,
* one song contains a profane word ("klootzak").

There is no randomness; running the script twice gives identical files:

    python data/samples/make_lyrics.py [--songs FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from common.config import build

HERE = Path(__file__).resolve().parent
SONGS = HERE / "songs.yaml"
DEFAULT_OUT = HERE / "lyrics.csv"


@dataclass
class Song:
    artist: str
    title: str
    verses: list[str] = field(default_factory=list)
    chorus: str = ""
    refrein_line: bool = False  # write "Refrein:" above each chorus
    twice: bool = False  # mark the chorus "(2x)"
    note: str = ""  # a last line that is not part of the song

    def lyrics(self) -> str:
        chorus = self.chorus
        if chorus and self.twice:
            chorus += " (2x)"
        if chorus and self.refrein_line:
            chorus = "Refrein:\n" + chorus
        parts = []
        for verse in self.verses:
            parts.append(verse)
            if chorus:
                parts.append(chorus)
        if self.note:
            parts.append(self.note)
        return "\n\n".join(parts)


def load_songs(path: Path = SONGS) -> list[Song]:
    """The songs in file order, read strictly: a bad key fails, naming the song and the file."""
    with open(path, encoding="utf-8") as f:
        entries = yaml.safe_load(f)["songs"]
    return [build(Song, e, f"{path}: song {e.get('title', '?')!r}") for e in entries]


def write_csv(path: Path, songs: list[Song]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["artist", "title", "lyrics"])
        for song in songs:
            writer.writerow([song.artist, song.title, song.lyrics()])
    return len(songs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--songs", type=Path, default=SONGS, help="songs file to read")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="CSV file to write")
    args = parser.parse_args(argv)
    n = write_csv(args.out, load_songs(args.songs))
    print(f"wrote {args.out}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
