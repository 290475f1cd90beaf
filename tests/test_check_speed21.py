"""Gates in front of expressions that open with a look-behind (issue 17, the fifteenth pass).

The regular expression engine scans for a leading class in a fast loop, but tries a pattern
that opens with a look-behind (or an alternation of classes) at every character. Each gate
below is a leading class that every match of the expression it guards must hold, so each
function answers exactly as the expression alone did: tested here on crafted texts and on
random texts drawn from the characters the expressions read.
"""

from __future__ import annotations

import random
import re

from pipeline.rules import codes, normalize, shifted
from pipeline.rules.rule_kinds import spelled
from pipeline.rules.rule_kinds.rulebook import RuleBook

# The characters the guarded expressions turn on, with Chinese, other letters and spaces.
_ALPHABET = (
    "abcdefghijklmnoprstuvwxyz" * 2
    + "0123456789" * 2
    + " -'’\n\t.,/|+&§{}[]\\\"\x1b"
    + "法轮功推翻政府中国你好"
    + "ĀÉüＡ\U0001f1e6\U0001f1f9\U0001f600\U0001f1e5"
)


def _old_edge_leet(normalised: str) -> str:
    pattern = normalize._EDGE_LEET_RE
    if pattern.search(normalised) is None:
        return normalised
    return pattern.sub(lambda m: m.group(0).translate(normalize._LEET), normalised)


def _old_shifted(lowered: str) -> tuple[str, str]:
    """The shifted view's readings with its gate open (an expression matching every text)."""
    gate = shifted._LONG_RUN_RE
    shifted._LONG_RUN_RE = re.compile("")
    try:
        return shifted.views(lowered)
    finally:
        shifted._LONG_RUN_RE = gate


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        n = rng.randrange(0, 48)
        texts.append("".join(rng.choice(_ALPHABET) for _ in range(n)))
    return texts


_CRAFTED = [
    "",
    "fr33 t1bet 1ndependence",
    "5g a4 g20 qq12345 h5n1",
    "ab1 1abc 7abc abc7 a7",
    "口号：ghv sna mur tr murat sh！",
    "口号：uvj gbo aif hf aifoh gv！",
    "Gur ybat ebnq gb Lnxrfuv vf bcra ntnva gbqnl.".lower(),
    "abcdefg",  # seven letters: no run long enough
    "abcde fghijkl",  # a run of thirteen with a space
    "abc defg",  # a run of eight with a space
    "§4推§r§l翻",
    "反\\e[31m对",
    "[b]藏[/b][i]狗[/i]",
    "'银' || '行'",
    '"法" + "轮"',
    "🇹 🇦 🇮 🇩 🇺",
    "\U0001f1e5 just below the indicators",
    "今天天气晴朗，适合出行。",
    "是个tan官",
]


def test_each_gate_answers_as_its_expression() -> None:
    for text in _CRAFTED + _texts(21, 4000):
        _same(text)


def _same(text: str) -> None:
    assert codes.gated(text) is (codes._GATE_RE.search(text) is not None)
    assert (codes._HIGH_RE.search(text) is not None) is bool(text and max(text) >= "\U0001f1e6")
    assert normalize.edge_leet(text) == _old_edge_leet(text)
    assert (spelled._LATIN.search(text) is not None) is (spelled._RUN.search(text) is not None)
    lowered = text.lower()
    if len(lowered) == len(text):
        assert shifted.views(lowered) == _old_shifted(lowered)


def test_the_gates_let_through_what_the_expressions_read() -> None:
    """Not only texts the gates stop: each gate opens on the texts its expression reads."""
    assert normalize.edge_leet("fr33 t1bet 1ndependence") == "free t1bet independence"
    assert codes.gated("§4推§r§l翻") and codes.between("推§r§l翻") == "推    翻"
    assert codes._HIGH_RE.search("🇹 🇦 🇮") is not None
    assert shifted.read("ghv sna mur tr murat sh") != "ghv sna mur tr murat sh"
    assert spelled._LATIN.search("是个tan官") is not None


def test_a_long_run_of_separators_between_letters_opens_the_shift_gate() -> None:
    """The gate's class holds every separator of the run expression."""
    for char in " -'’":
        assert shifted._LONG_RUN_RE.search("a" + char * 10 + "b") is not None
    assert shifted._LONG_RUN_RE.search("a" + "1" * 10 + "b") is None
    short = "a" + " " * (shifted._LETTERS_MIN - 3) + "b"  # one character under the minimum
    assert shifted._LONG_RUN_RE.search(short) is None


def test_the_spelled_spots_are_the_alternations_matches() -> None:
    """The runs' first letters and the components, found apart, start where the one
    alternation's matches do (components side by side, overlapping ones, letters among
    them); a component holding a letter keeps the alternation."""
    speller = RuleBook.load(None).combinations.spelled
    speller.syllables()
    assert speller._apart and speller._spot is not None and speller._parts
    parts = "".join(speller._parts)
    rng = random.Random(15)
    for _ in range(3000):
        text = "".join(rng.choice(parts + "abz 国，1") for _ in range(rng.randrange(0, 30)))
        expected = [m.start() for m in speller._spot.finditer(text)]
        assert sorted(speller._spots(text)) == expected
    lettered = spelled.Spelled(["木仓"], {})
    lettered.syllables()
    lettered._parts, lettered._apart = ["木a"], False
    lettered._spot = re.compile("|".join([spelled._RUN.pattern, "木a"]))
    assert lettered._spots("木ab") == [0]
