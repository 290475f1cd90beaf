"""The normalised keys of the lexicons' texts, remembered in the private cache.

Building the matcher normalises every term, variant, context word and allowed phrase: the
largest part of a one-post check's start. The keys depend only on the text, the
normalisation code and OpenCC's table, so they are kept (sealed, owner and mode checked:
:mod:`pipeline.rules.cache`) under a name that hashes that code and the table's file.

A one-post check whose matcher comes from the automaton cache needs the keys of only the
few terms that hit: the memo file (all 25,000 keys) is read when the matcher is built, or
once more than :data:`DIRECT` keys have been asked for; until then each is computed.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import overload

from pipeline.rules import cache

FORMAT = 1
DIRECT = 200  # keys computed before the memo file is worth reading
_CODE = (
    "normalize.py",
    "notation.py",
    "lookalike.py",
    "letter_names.py",
    "removed.py",
    "view.py",
    "key_memo.py",
)


@lru_cache(maxsize=1)
def memo_name() -> str:
    digest = cache.code_digest(_CODE, 8)
    spec = importlib.util.find_spec("opencc")  # located, not imported
    table = "none"
    if spec is not None and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "TSCharacters.txt"
        try:
            info = path.stat()
            table = f"{path}:{info.st_size}:{info.st_mtime_ns}"
        except OSError:
            pass
    digest.update(table.encode())
    return f"keys-{FORMAT}-{digest.hexdigest()}.json"


def cached_table(kind: str, build: Callable[[], dict[int, str]]) -> dict[int, str]:
    """``build()``, a table of one character for one character that depends only on the
    normalisation code and OpenCC's table, kept in the cache like the keys: its sources
    and its targets as two texts of one length."""
    name = f"{kind}-{memo_name()}"
    data = cache.read_sealed_json(name)
    texts = isinstance(data, list) and len(data) == 2 and all(isinstance(x, str) for x in data)
    if texts and len(data[0]) == len(data[1]):
        return dict(zip(map(ord, data[0]), data[1], strict=True))
    table = build()
    if all(len(v) == 1 for v in table.values()):
        cache.write_sealed_json(name, ["".join(map(chr, table)), "".join(table.values())])
    return table


class KeyMemo:
    """``compute(text)`` remembered; :meth:`save` writes what was added to the cache."""

    def __init__(self, compute: Callable[[str], str]) -> None:
        self._compute = compute
        self._name = memo_name()
        self._keys: dict[str, str] | None = None  # the memo, once read
        self._direct = 0
        self._added = False

    def read(self) -> dict[str, str]:
        """The memo from the cache (read once): before many keys are asked for."""
        if self._keys is not None:
            return self._keys
        data = cache.read_sealed_json(self._name)
        keys: dict[str, str] = {}
        if isinstance(data, dict):
            keys = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
        self._keys = keys
        return keys

    def __call__(self, text: str) -> str:
        keys = self._keys
        if keys is None:
            if self._direct < DIRECT:
                self._direct += 1
                return self._compute(text)
            keys = self.read()
        key = keys.get(text)
        if key is None:
            key = keys[text] = self._compute(text)
            self._added = True
        return key

    def save(self) -> None:
        if self._added and self._keys is not None:
            cache.write_sealed_json(self._name, self._keys)
            self._added = False


class Keys(Sequence[str]):
    """The keys of ``texts``, each worked out when first read."""

    def __init__(self, texts: list[str], key_of: Callable[[str], str]) -> None:
        self._texts = texts
        self._key_of = key_of
        self._keys: list[str | None] = [None] * len(texts)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self._texts))[index]]
        key = self._keys[index]
        if key is None:
            key = self._keys[index] = self._key_of(self._texts[index])
        return key

    def __len__(self) -> int:
        return len(self._texts)
