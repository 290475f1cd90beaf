"""``json_indent.dumps`` writes what ``json.dumps(value, ensure_ascii=False, indent=1)`` writes
(the JSON Feed's pages, ``feeds.json_page``)."""

from __future__ import annotations

import json
import random

from pipeline.site import feeds, json_indent
from pipeline.site.archive import Archive

ODD = [
    "",
    "一行\n二行",
    '引号" 反斜杠\\ \u2028 \x00 \x1f \x7f',
    "\ud800",  # a lone surrogate, as json writes it
    0,
    -7,
    10**40,
    True,
    False,
    None,
    1.5,
    float("nan"),
    float("-inf"),
]


def _value(rng: random.Random, depth: int = 0) -> object:
    pick = rng.random()
    if depth > 3 or pick < 0.4:
        return rng.choice(ODD)
    if pick < 0.65:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if pick < 0.75:
        return tuple(_value(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    keys: list[object] = ["a", "标题", '"k"', "\n"]
    if pick < 0.85:  # keys json turns into strings
        keys += [1, None, True, 2.5]
    return {rng.choice(keys): _value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def test_dumps_is_json_dumps_with_indent_one() -> None:
    rng = random.Random(17)
    for _ in range(20000):
        value = _value(rng)
        assert json_indent.dumps(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_a_subclass_is_written_as_json_writes_it() -> None:
    class Count(int):
        def __repr__(self) -> str:
            return "not json"

    class Ordered(dict):  # type: ignore[type-arg]
        pass

    value = {"n": Count(3), "d": Ordered(a=[1, {}]), "l": [[], ()]}
    assert json_indent.dumps(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_feed_pages_are_as_json_writes_them(monkeypatch) -> None:
    from tests.site.test_post_list import archive

    source: Archive = archive(["甲", "乙 <b>", '丙"', "丁", "戊&"], None, False)
    names = feeds._names(len(feeds._chunks(source.posts)))
    bodies = {ap.slug: f'<p>{ap.slug}</p><img src="../media/x.png">' for ap in source.posts}
    fast = feeds.json_page(source, bodies, "https://example.gov.cn/", names, 0)
    monkeypatch.setattr(
        feeds.json_indent, "dumps", lambda v: json.dumps(v, ensure_ascii=False, indent=1)
    )
    assert fast == feeds.json_page(source, bodies, "https://example.gov.cn/", names, 0)
    assert json.loads(fast)["items"][0]["id"].startswith("govmedia:")
