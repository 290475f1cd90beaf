"""The automaton's root in frequency order and the separators' expression led by a class
(issue 17, the sixteenth pass): each gives exactly what it replaced, on crafted texts and on
random texts drawn from the characters it reads."""

from __future__ import annotations

import random
import re
from pathlib import Path

import ahocorasick
import yaml

from pipeline.rules import normalize, scan_order
from pipeline.rules.key_table import KeyTable
from pipeline.rules.scan_order import Scanner

DATA = Path(__file__).resolve().parent / "data"


def _plain(items: list[tuple[str, object]], ints: bool) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS if ints else ahocorasick.STORE_ANY)
    for key, value in items:
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton


def test_ranked_characters_are_the_frequent_ones_first() -> None:
    ranked = scan_order.ranked()
    assert len(ranked) == scan_order.RANKED == len(set(ranked))
    assert ranked.index("的") < 50 < ranked.index("赌")
    assert scan_order.ranked() == ranked  # from the cache now


def test_scanner_finds_what_the_plain_automaton_finds() -> None:
    rng = random.Random(22)
    # \x01 and \x02 stand in keys: the guard must be another character
    alphabet = "的是赌博法轮功abc\x01\x02\x03。 " + "".join(map(chr, range(0x4E00, 0x4E10)))
    for ints in (True, False):
        for _ in range(40):
            keys = {
                "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
                for _ in range(rng.randint(1, 30))
            }
            items: list[tuple[str, object]] = [
                (k, i if ints else (k, i)) for i, k in enumerate(sorted(keys))
            ]
            plain, scanner = _plain(items, ints), Scanner(items, ints=ints)
            for _ in range(30):
                text = "".join(rng.choice(alphabet + "中国人们") for _ in range(rng.randint(0, 40)))
                assert list(scanner.iter(text)) == list(plain.iter(text)), (items, text)


def test_guard_is_never_a_key_character() -> None:
    items = [(chr(c) + "x", c) for c in range(1, 40)]
    scanner = Scanner(items, ints=True)
    text = "".join(chr(c) for c in range(0, 60)) + "x" * 3
    assert list(scanner.iter(text)) == list(_plain(items, True).iter(text))


def test_long_runs_scan_the_lexicon_keys_as_before() -> None:
    from pipeline.rules.checker import RuleChecker
    from pipeline.rules.normalize import compact, mask_markup, normalise

    table = RuleChecker(None).matcher._key_table
    fresh = KeyTable(dict(table.codes), table.prefixes, table.singles)
    plain = _plain(list(table.codes.items()), True)
    texts = [compact(normalise(mask_markup(t))).text for t in _labelled()]
    found = 0
    for text in texts:
        expected = list(plain.iter(text))
        assert list(fresh.automaton().iter(text)) == expected, text
        found += len(expected)
    assert found > 100


def _labelled() -> list[str]:
    """The labelled set's texts and set 22's (named: no loop over the data folders)."""
    texts: list[str] = []
    for folder in ("labelled", "heldout22"):
        for name in ("violations.yml", "legit.yml"):
            path = DATA / folder / name
            texts += [case["text"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return texts


_SEP_ALTERNATION = re.compile(normalize._SEP + "+")  # the expression as it was written

_SEP_ALPHABET = (
    list("[]0123456789¹²³⁰⁴⁹、。，法轮功a b,.-【】（）《》〈〉「」〔〕")
    + list("\u200b\u0301\u2ff0\u3190\u180b\u2066\u00ad")
    + ["一", "鿿", "\U0001f600", "\U000e0001", "\U000e0100"]
)


def test_separators_led_by_a_class_match_as_the_alternation() -> None:
    rng = random.Random(16)
    crafted = [
        "法、轮、功",
        "赌博、色情",
        "港¹独²",
        "明[1]日[22]报[333]刊[4444]",
        "国【】家（）",
        "a b",
    ]
    texts = crafted + [
        "".join(rng.choice(_SEP_ALPHABET) for _ in range(rng.randint(0, 16))) for _ in range(20000)
    ]
    matched = 0
    for text in texts:
        expected = [m.span() for m in _SEP_ALTERNATION.finditer(text)]
        assert [m.span() for m in normalize._SEP_RE.finditer(text)] == expected, text
        assert normalize._SEP_RE.sub("", text) == _SEP_ALTERNATION.sub("", text)
        matched += len(expected)
    assert matched > 20000
    assert normalize.compact("法、轮、功").text == "法轮功"
    assert normalize.compact("赌博、色情").text == "赌博、色情"
