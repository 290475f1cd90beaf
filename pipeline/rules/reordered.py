"""Characters written out of their reading order (round 24, issue 12).

Two devices of held-out set 22 write a phrase's characters in another order and say how
to read them back; :func:`read` is a decoded view (:mod:`pipeline.rules.decoded`) of both,
the same length as the text (the phrase read where its run begins, the rest of the run as
spaces), so every offset still points into the original:

- *subscript reading order*: each character followed by its place as subscript digits
  (``生₃ 老₁ 畜₂``), a run of at least :data:`MARKED_MIN` whose places are exactly 1 … n
  (footnote marks are superscript and not in runs of that shape);
- *the rail fence in two rows*: after a cue that names it (``两行读：``, ``栅栏``,
  ``隔字读``), a run of at least :data:`FENCE_MIN` Chinese characters holds the first row
  (the odd characters) then the second (the even ones). Without the cue a run of prose is
  never reordered: any sentence would read as some other.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

MARKED_MIN = 3  # characters with a subscript place in a run
FENCE_MIN = 8  # Chinese characters of a rail fence after its cue
_SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"
_SUB_DIGITS = str.maketrans(_SUBSCRIPTS, "0123456789")
_MARKED_RE = Lazy(
    f"(?:[\u3400-\u9fff][{_SUBSCRIPTS}]+[ \u3000]*){{{MARKED_MIN - 1},}}"
    f"[\u3400-\u9fff][{_SUBSCRIPTS}]+"
)
_PAIR_RE = Lazy(f"([\u3400-\u9fff])([{_SUBSCRIPTS}]+)")
_FENCE_RE = Lazy(
    "(?i:两行|二行|双行|栅栏|隔字|隔一个字|rail ?fence)[^\n。]{0,8}?[:：]\\s*"
    f"([\u3400-\u9fff]{{{FENCE_MIN},}})"
)
_SUBSCRIPT_RE = compiled(f"[{_SUBSCRIPTS}]")
CUES = ("两行", "二行", "双行", "栅栏", "隔字", "隔一个字", "rail", "Rail", "RAIL")


def read(text: str) -> str:
    """``text`` with each reordered run read in order, same length; ``text`` itself when
    there is none."""
    if _SUBSCRIPT_RE.search(text) is not None:
        text = _MARKED_RE.get().sub(_marked, text)
    if any(cue in text for cue in CUES):
        text = _FENCE_RE.get().sub(_fence, text)
    return text


def _marked(m: re.Match[str]) -> str:
    run = m.group(0)
    pairs = [
        (int(p.group(2).translate(_SUB_DIGITS)), p.group(1)) for p in _PAIR_RE.get().finditer(run)
    ]
    if sorted(place for place, _ in pairs) != list(range(1, len(pairs) + 1)):
        return run
    phrase = "".join(char for _, char in sorted(pairs))
    return phrase + " " * (len(run) - len(phrase))


def _fence(m: re.Match[str]) -> str:
    run = m.group(1)
    top = (len(run) + 1) // 2
    first, second = run[:top], run[top:]
    phrase = "".join(a + b for a, b in zip(first, second, strict=False))
    if len(first) > len(second):
        phrase += first[-1]
    at = m.start(1) - m.start()
    return m.group(0)[:at] + phrase
