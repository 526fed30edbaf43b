"""What a user sees while a source is cleaned: files and documents done, docs/s and an ETA.

Beam's metrics cannot be read while a job runs on the runners used here (the FnApiRunner
blocks in `run()`; the portable job service reports metrics of finished jobs only; the
DaskRunner has none), so the workers leave a side channel: each writes the documents it has
done to `WORK/progress/KEY`, and a thread here reads those files and the committed results. A
progress bar on a terminal, a line every few seconds otherwise (`dvc repro` logs). With a
remote work directory there is nothing local to read, and nothing is shown.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TextIO

from pipeline.clean.work import COUNTS_FILE


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _eta(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Progress:
    """A context manager: reports while the `with` block runs, once more at its end."""

    def __init__(
        self,
        name: str,
        todo: list[tuple[str, str]],
        work: str,
        enabled: bool = True,
        every: float | None = None,
        stream: TextIO | None = None,
    ):
        self.name, self.todo, self.work = name, todo, work
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.enabled = enabled and bool(todo) and "://" not in work
        self.every = every if every is not None else (0.5 if self.tty else 5.0)
        self.sizes = {key: _size(path) for path, key in todo}
        self.total = sum(self.sizes.values())
        self._stop = threading.Event()

    def snapshot(self) -> tuple[int, int, int]:
        """(files done, documents done, bytes of the files done)."""
        files = done_bytes = docs = 0
        for key, size in self.sizes.items():
            if os.path.exists(os.path.join(self.work, key, COUNTS_FILE)):
                files += 1
                done_bytes += size
            try:
                with open(os.path.join(self.work, "progress", key)) as f:
                    docs += int(f.read() or 0)
            except (OSError, ValueError):
                pass
        return files, docs, done_bytes

    def line(self, elapsed: float) -> str:
        files, docs, done_bytes = self.snapshot()
        rate = docs / elapsed if elapsed > 0 else 0.0
        eta = "?"
        if done_bytes and self.total:
            eta = _eta(elapsed * (self.total - done_bytes) / done_bytes)
        share = done_bytes / self.total if self.total else 0.0
        bar = ("#" * int(share * 20)).ljust(20, ".")
        return (
            f"clean {self.name}: [{bar}] files {files}/{len(self.todo)}, {docs:,} docs, "
            f"{rate:,.0f} docs/s, {done_bytes / 1e6:.1f}/{self.total / 1e6:.1f} MB, ETA {eta}"
        )

    def _report(self, start: float, final: bool = False) -> None:
        text = self.line(time.monotonic() - start)
        if self.tty:
            self.stream.write("\r" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def _run(self, start: float) -> None:
        while not self._stop.wait(self.every):
            self._report(start)

    def __enter__(self) -> Progress:
        if self.enabled:
            self._start = time.monotonic()
            self._thread = threading.Thread(target=self._run, args=(self._start,), daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self._stop.set()
            self._thread.join()
            if exc[0] is None:
                self._report(self._start, final=True)
