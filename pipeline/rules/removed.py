"""A text with the matches of a pattern removed, and the map from its offsets back."""

from __future__ import annotations

import bisect
import re


class Removed:
    """``source`` with every match of ``pattern`` removed; ``to_original`` maps offsets back.

    The removal is one regex substitution; the offset map is worked out only when a
    caller asks for an offset (most texts have no candidate at all).
    """

    def __init__(self, source: str, pattern: re.Pattern[str]) -> None:
        self.source = source
        self._pattern = pattern
        self.text = pattern.sub("", source)
        self._starts: list[int] | None = None
        self._origins: list[int] = []

    def _map(self) -> tuple[list[int], list[int]]:
        if self._starts is None:
            starts: list[int] = []
            origins: list[int] = []
            position = kept = 0
            for m in self._pattern.finditer(self.source):
                if m.start() > position:
                    starts.append(kept)
                    origins.append(position)
                    kept += m.start() - position
                position = m.end()
            if position < len(self.source):
                starts.append(kept)
                origins.append(position)
            self._starts, self._origins = starts, origins
        return self._starts, self._origins

    def to_original(self, index: int) -> int:
        if len(self.text) == len(self.source):
            return index
        starts, origins = self._map()
        k = bisect.bisect_right(starts, index) - 1
        if k < 0:
            return index
        return origins[k] + (index - starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the span [start, end) of ``text``."""
        if end <= start:
            at = self.to_original(start)
            return at, at
        return self.to_original(start), self.to_original(end - 1) + 1

    def to_compact(self, index: int) -> int:
        """The offset of ``text`` for the original offset ``index`` (a kept character, or
        the end of a removed run: the next kept character)."""
        if len(self.text) == len(self.source):
            return index
        starts, origins = self._map()
        k = bisect.bisect_right(origins, index) - 1
        if k < 0:
            return 0
        return starts[k] + min(index - origins[k], self._length(k))

    def _length(self, k: int) -> int:
        """The length of kept segment ``k``."""
        starts, _ = self._map()
        return (starts[k + 1] if k + 1 < len(starts) else len(self.text)) - starts[k]
