"""mkdocs hook: jieba's prefix dictionary read from its cache file in one piece, and only
when a text is cut.

The search plugin segments Chinese text with jieba, whose first use loads the prefix
dictionary (about 500,000 entries) from a cache file in the temporary folder with
``marshal.load(file)``. That call reads the file in many small pieces: 0.47 s of CPU on
every build on this project's machine, against 0.14 s for ``marshal.loads`` of the same
bytes read at once (docs/dev/speed.md, "Eighth pass"). jieba's module is given a
``marshal`` whose ``load`` reads the whole file and decodes it with ``marshal.loads``:
the same bytes make the same object (``loads`` ignores bytes after the object, which
``load`` leaves unread), and a damaged file raises as before, so jieba builds its
dictionary again as it always did. Everything else is the standard ``marshal``.

The search plugin loads the project's user dictionary in its ``on_config``
(``jieba.load_userdict``), which loads the prefix dictionary first: about 0.2 s of CPU on
every build, also on a rebuild that cuts no text (every run of the pages it builds already
kept by ``search_runs.py``, or no page built at all: docs/dev/speed.md, "Nineteenth pass").
The plugin is given a ``LazyJieba`` in its place: ``load_userdict`` is noted, and the
first other use of jieba (``cut``) makes the noted calls, in their order, then answers.
jieba then holds the same dictionary, user words included, before its first cut as it did
before, so every cut is the same.
"""

from __future__ import annotations

import marshal
import os
from typing import Any, BinaryIO

from mkdocs.plugins import event_priority


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


class LazyJieba:
    """jieba as the search plugin uses it, its user dictionaries loaded on first use."""

    def __init__(self, jieba: Any) -> None:
        self.gm_jieba = jieba
        self.gm_pending: list[str] = []

    def load_userdict(self, path: Any) -> None:
        if not isinstance(path, str):  # a file object: read now, as before
            self.gm_load()
            self.gm_jieba.load_userdict(path)
            return
        self.gm_pending.append(os.path.abspath(path))  # the build runs in the theme folder

    def gm_load(self) -> None:
        while self.gm_pending:
            self.gm_jieba.load_userdict(self.gm_pending.pop(0))

    def __getattr__(self, name: str) -> Any:
        self.gm_load()
        return getattr(self.gm_jieba, name)


@event_priority(100)  # before the search plugin's on_config loads the user dictionary
def on_config(config: Any, **kwargs: Any) -> Any:
    try:
        import jieba
        from material.plugins.search import plugin as search
    except ImportError:
        return config
    if search.jieba is not None:
        search.jieba = LazyJieba(jieba)
    return config
