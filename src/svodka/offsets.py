"""The map from clean-text offsets back to the raw input, kept as runs.

The clean text is the raw text with pieces cut out or replaced in place, so the map
is a few verbatim runs: clean[c + k] comes from raw[r + k] within a run. Storing the
runs instead of one integer per character makes building, storing and loading an
article cost O(runs), not O(characters)."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class OffsetMap:
    """Behaves as the list ``offsets`` (``offsets[i]`` = raw index of clean char ``i``,
    one extra last entry) without materialising it."""
    __slots__ = ("starts", "raws", "n")

    def __init__(self, starts: list[int], raws: list[int], n: int):
        self.starts = starts          # clean index where each run begins (ascending)
        self.raws = raws              # raw index of that first character
        self.n = n

    @classmethod
    def from_pieces(cls, pieces: Iterable, tail: int) -> "OffsetMap":
        """From the cleaner's pieces (ranges or short sequences of raw indexes) plus
        the final entry ``tail`` (the raw length)."""
        starts: list[int] = []
        raws: list[int] = []
        pos = 0
        for piece in pieces:
            if type(piece) is range and piece.step == 1:
                if not piece:
                    continue
                if not raws or raws[-1] + pos - starts[-1] != piece.start:
                    starts.append(pos)
                    raws.append(piece.start)
                pos += len(piece)
                continue
            for r in piece:
                if not raws or raws[-1] + pos - starts[-1] != r:
                    starts.append(pos)
                    raws.append(r)
                pos += 1
        if not raws or raws[-1] + pos - starts[-1] != tail:
            starts.append(pos)
            raws.append(tail)
        return cls(starts, raws, pos + 1)

    @classmethod
    def from_list(cls, offsets: list[int]) -> "OffsetMap":
        return cls.from_pieces([offsets[:-1]], offsets[-1]) if offsets else cls([], [], 0)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        j = bisect_right(self.starts, i) - 1
        return self.raws[j] + i - self.starts[j]

    def __iter__(self):
        for j, (c, r) in enumerate(zip(self.starts, self.raws)):
            end = self.starts[j + 1] if j + 1 < len(self.starts) else self.n
            yield from range(r, r + end - c)

    def __eq__(self, other) -> bool:
        return list(self) == list(other)

    def __repr__(self) -> str:
        return f"OffsetMap({len(self.starts)} runs, n={self.n})"

    def to_json(self) -> list:
        return [[list(p) for p in zip(self.starts, self.raws)], self.n]

    @classmethod
    def from_json(cls, packed) -> "OffsetMap":
        runs, n = packed
        return cls([c for c, _ in runs], [r for _, r in runs], n)
