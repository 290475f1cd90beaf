"""mkdocs hook: jieba's prefix dictionary read from its cache file in one piece.

The search plugin segments Chinese text with jieba, whose first use loads the prefix
dictionary (about 500,000 entries) from a cache file in the temporary folder with
``marshal.load(file)``. That call reads the file in many small pieces: 0.47 s of CPU on
every build on this project's machine, against 0.14 s for ``marshal.loads`` of the same
bytes read at once (docs/dev/speed.md, "Eighth pass"). jieba's module is given a
``marshal`` whose ``load`` reads the whole file and decodes it with ``marshal.loads``:
the same bytes make the same object (``loads`` ignores bytes after the object, which
``load`` leaves unread), and a damaged file raises as before, so jieba builds its
dictionary again as it always did. Everything else is the standard ``marshal``.
"""

from __future__ import annotations

import marshal
from typing import Any, BinaryIO


class WholeFileMarshal:
    """The ``marshal`` module as jieba uses it, with ``load`` reading the whole file."""

    dump = staticmethod(marshal.dump)
    dumps = staticmethod(marshal.dumps)
    loads = staticmethod(marshal.loads)
    version = marshal.version

    @staticmethod
    def load(file: BinaryIO) -> Any:
        return marshal.loads(file.read())


def on_startup(command: str, dirty: bool, **kwargs: Any) -> None:
    try:
        import jieba
    except ImportError:  # the search plugin then segments without jieba
        return
    if not isinstance(jieba.marshal, WholeFileMarshal):
        jieba.marshal = WholeFileMarshal()  # type: ignore[assignment]
