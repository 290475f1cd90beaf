"""Detections kept by rule and place, to find those that overlap a new one.

The checker merges one detector's findings into another's: a finding whose place a
finding of the same rule already holds is dropped, or replaces it when it is stronger
(:mod:`pipeline.rules.checker`). Comparing each new finding with every finding kept cost
their product: a term repeated through a long text gave thousands of each. Here each
rule's findings are kept sorted by start, with the longest one's length, so that only
those that begin less than that length before a span can overlap it: a bisection and the
few findings near the span.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable

from pipeline.rules.detection import Detection

__all__ = ["Placed"]


class _Rule:
    __slots__ = ("longest", "starts")

    def __init__(self) -> None:
        self.starts: list[tuple[int, int]] = []  # (start, slot), sorted
        self.longest = 0


class Placed:
    """Detections in the order they were added, less those removed."""

    def __init__(self, found: Iterable[Detection] = ()) -> None:
        self._slots: list[Detection | None] = []  # None where a detection was removed
        self._rules: dict[str, _Rule] = {}
        for d in found:
            self.add(d)

    def add(self, d: Detection) -> None:
        rule = self._rules.get(d.rule)
        if rule is None:
            rule = self._rules[d.rule] = _Rule()
        slot = len(self._slots)
        self._slots.append(d)
        if rule.starts and rule.starts[-1][0] > d.start:
            insort(rule.starts, (d.start, slot))
        else:
            rule.starts.append((d.start, slot))
        rule.longest = max(rule.longest, d.end - d.start)

    def overlapping(self, d: Detection) -> list[int]:
        """The slots of the detections of ``d``'s rule that overlap ``d``, in the order
        they were added."""
        rule = self._rules.get(d.rule)
        if rule is None:
            return []
        starts = rule.starts
        # An overlapping detection ends after d.start and is at most ``longest`` long.
        first = bisect_left(starts, (d.start - rule.longest + 1, -1))
        stop = bisect_left(starts, (d.end, -1))
        found: list[int] = []
        slots = self._slots
        for k in range(first, stop):
            slot = starts[k][1]
            f = slots[slot]
            if f is not None and f.start < d.end and d.start < f.end:
                found.append(slot)
        found.sort()
        return found

    def __getitem__(self, slot: int) -> Detection:
        d = self._slots[slot]
        assert d is not None
        return d

    def remove(self, slots: Iterable[int]) -> None:
        for slot in slots:
            self._slots[slot] = None

    def detections(self) -> list[Detection]:
        return [d for d in self._slots if d is not None]
