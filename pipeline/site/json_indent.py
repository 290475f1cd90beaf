"""``json.dumps(value, ensure_ascii=False, indent=1)``, written without the json module's
Python encoder.

With ``indent`` the standard library encodes in Python, a generator per list and object,
and the JSON Feed's pages (every item of every page, ``feeds.py``) were the largest part of
a new post's page generation: every page shifts when a post comes first. This writes the
same text from JSON's strings as C encodes them (``json.encoder.encode_basestring``), one
join per list or object; any value but a string, integer, boolean, none, list, tuple or
object with string keys is handed to ``json.dumps`` itself (``tests/site/test_json_indent.py``
compares both). A ``Written`` value is JSON text already written for its depth (a feed
item kept by ``feed_items.py``) and is put in as it is.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring

INDENT = " "


class Written(str):
    """JSON text as ``at`` wrote it for the depth it is put at."""


def dumps(value: object) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=1)`` writes it."""
    return _text(value, 0)


def at(value: object, level: int) -> Written:
    """``value`` as ``dumps`` writes it inside ``level`` lists or objects."""
    return Written(_text(value, level))


def _text(value: object, level: int) -> str:
    if type(value) is Written:
        return str.__str__(value)
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or value is True or value is False:
        return "null" if value is None else ("true" if value else "false")
    if type(value) is int:
        return int.__repr__(value)
    if type(value) in (list, tuple):
        if not value:
            return "[]"
        inner = "\n" + INDENT * (level + 1)
        items = f",{inner}".join(_text(item, level + 1) for item in value)
        return f"[{inner}{items}\n{INDENT * level}]"
    if type(value) is dict and all(type(key) is str for key in value):
        if not value:
            return "{}"
        inner = "\n" + INDENT * (level + 1)
        pairs = f",{inner}".join(
            f"{encode_basestring(key)}: {_text(item, level + 1)}" for key, item in value.items()
        )
        return f"{{{inner}{pairs}\n{INDENT * level}}}"
    # anything else (a float, other keys, a subclass) as json writes it, at this depth: a
    # JSON text holds no raw line break but those of its indentation
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + INDENT * level)
