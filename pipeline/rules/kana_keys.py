"""Pinyin typed with the Japanese kana keyboard on, read back as its Latin keys (round 43).

On the JIS kana layout each Latin key types a kana (``h`` is く, ``u`` な, ``i`` に): pinyin
typed with that input on comes out as a run of kana that no Japanese reader reads
(``くなにつに`` is the keys ``huizi``). Read only when the text says the keyboard was switched
to Japanese (:data:`CUE_RE`: ``切成日文键盘``, ``日语键盘``, ``假名键盘``) and only runs within
:data:`REACH` characters of that; :mod:`pipeline.rules.letter_forms` then keeps a run only
when every word of its keys is pinyin, so ordinary Japanese text — particles and kanji
between its kana — and English words are not read."""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

REACH = 120
CUE_RE = compiled(
    "键盘[^。！？!?\\n]{0,6}日[文语]|日[文语][^。！？!?\\n]{0,4}键盘|假名键盘|jis ?键盘"
)
RUN_RE = compiled("[ぁ-ゖ]+(?: +[ぁ-ゖ]+)*")
# The JIS kana layout: the kana each Latin key types (unshifted), read back as the key.
_KEYS = {
    "q": "た", "w": "て", "e": "い", "r": "す", "t": "か", "y": "ん", "u": "な", "i": "に",
    "o": "ら", "p": "せ", "a": "ち", "s": "と", "d": "し", "f": "は", "g": "き", "h": "く",
    "j": "ま", "k": "の", "l": "り", "z": "つ", "x": "さ", "c": "そ", "v": "ひ", "b": "こ",
    "n": "み", "m": "も",
}  # fmt: skip
TABLE: dict[int, str] = {ord(kana): key for key, kana in _KEYS.items()}


def runs(text: str) -> list[re.Match[str]]:
    """The kana runs of ``text`` within :data:`REACH` of a cue that names the layout."""
    cues = [m.start() for m in CUE_RE.finditer(text)]
    if not cues:
        return []
    return [
        m
        for m in RUN_RE.finditer(text)
        if any(m.start() - REACH <= cue <= m.end() + REACH for cue in cues)
    ]
