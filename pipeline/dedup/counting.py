"""Statistics counted as data: counters summed by one combine, exact on every runner."""

from __future__ import annotations

from collections import Counter

import apache_beam as beam


class SumCounters(beam.CombineFn):
    """Sums `Counter`s (or any mappings of counts) into one `Counter`."""

    def create_accumulator(self):
        return Counter()

    def add_input(self, acc, counts):
        acc.update(counts)
        return acc

    def merge_accumulators(self, accs):
        total = Counter()
        for acc in accs:
            total.update(acc)
        return total

    def extract_output(self, acc):
        return acc
