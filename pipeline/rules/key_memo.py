"""The normalised keys of the lexicons' texts, remembered in the private cache.

Building the matcher normalises every term, variant, context word and allowed phrase: the
largest part of a one-post check's start. The keys depend only on the text, the
normalisation code and OpenCC's table, so they are kept (sealed, owner and mode checked:
:mod:`pipeline.rules.cache`) under a name that hashes that code and the table's file.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable
from pathlib import Path

from pipeline.rules import cache

FORMAT = 1
_CODE = ("normalize.py", "removed.py", "view.py", "key_memo.py")


def memo_name() -> str:
    digest = hashlib.blake2b(digest_size=8)
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
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


class KeyMemo:
    """``compute(text)`` remembered; :meth:`save` writes what was added to the cache."""

    def __init__(self, compute: Callable[[str], str]) -> None:
        self._compute = compute
        self._name = memo_name()
        data = cache.read_sealed_json(self._name)
        self._keys: dict[str, str] = {}
        if isinstance(data, dict):
            self._keys = {
                k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)
            }
        self._added = False

    def __call__(self, text: str) -> str:
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = self._compute(text)
            self._added = True
        return key

    def save(self) -> None:
        if self._added:
            cache.write_sealed_json(self._name, self._keys)
            self._added = False
