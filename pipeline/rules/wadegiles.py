"""Wade–Giles romanisation read as pinyin (round 19, issue 12).

A sentence written in the older romanisation (``kung-ch'an-tang``, ``fa-lun ta-fa``,
``shih-cheng-fu men-k'ou``) hides every pinyin term of the lexicons: its initials differ
(``k`` is ``g``, ``ch'`` is ``q`` or ``ch``, ``hs`` is ``x``, ``j`` is ``r``) and so do some
finals (``ung``, ``ieh``, ``ih``). This module rewrites such words as pinyin, one for one in
length (the pinyin is never longer than the word with its hyphens and apostrophes; the rest is
padded with spaces, which the compacted view removes).

Only where the text shows the romanisation's own marks: a word of syllables joined by hyphens,
each a Wade–Giles syllable, and somewhere in the text a mark that pinyin never writes (an
aspirate's apostrophe, ``hs``, ``ts`` or ``tz``, a final ``ung``, ``ieh`` or ``ih``, ``ü``).
English words joined by hyphens (``sit-in``, ``long-term``) are no syllables, and a text
without those marks is left as it is.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

_APOSTROPHES = "'’‘ʻ"
_WORD = f"[a-zü]+(?:[{_APOSTROPHES}][a-zü]+)?"
# Hyphen-joined syllables, or one syllable with an aspirate's apostrophe (``ch'ün``).
_CHAIN_RE = compiled(
    f"(?<![a-zü{_APOSTROPHES}-])(?:{_WORD}(?:-{_WORD})+|[a-z]+[{_APOSTROPHES}][a-zü]+)"
    f"(?![a-zü{_APOSTROPHES}-])"
)
_MARK_RE = compiled(
    f"(?:ch|[ktp]|t[sz])[{_APOSTROPHES}][a-zü]|\\bhs[iü]|\\bt[sz][a-z]|ung\\b|ieh\\b|ih\\b|ü"
)
_GATE_RE = compiled(f"[a-z][-{_APOSTROPHES}][a-z]")
# Whole syllables whose pinyin is not the sum of an initial and a final.
_WHOLE = {
    "ssu": "si",
    "szu": "si",
    "tzu": "zi",
    "tz'u": "ci",
    "ts'u": "cu",
    "shih": "shi",
    "chih": "zhi",
    "ch'ih": "chi",
    "jih": "ri",
    "erh": "er",
    "i": "yi",
    "yu": "you",
    "yü": "yu",
    "yüeh": "yue",
    "yüan": "yuan",
    "yün": "yun",
    "yung": "yong",
    "yen": "yan",
    "yeh": "ye",
    "o": "e",
    "en": "en",
}
# Wade–Giles initials, longest first, with their pinyin (``None``: depends on the final).
_INITIALS = (
    ("ch'", None),
    ("ch", None),
    ("hs", "x"),
    ("ts'", "c"),
    ("tz'", "c"),
    ("ts", "z"),
    ("tz", "z"),
    ("k'", "k"),
    ("p'", "p"),
    ("t'", "t"),
    ("sh", "sh"),
    ("ss", "s"),
    ("sz", "s"),
    ("k", "g"),
    ("p", "b"),
    ("t", "d"),
    ("j", "r"),
    ("m", "m"),
    ("f", "f"),
    ("n", "n"),
    ("l", "l"),
    ("h", "h"),
    ("s", "s"),
    ("w", "w"),
    ("y", "y"),
    ("", ""),
)
_FINALS = {
    "ieh": "ie",
    "ien": "ian",
    "ung": "ong",
    "iung": "iong",
    "üeh": "ue",
    "ueh": "ue",
    "üan": "uan",
    "ün": "un",
    "uei": "ui",
    "eh": "e",
    "ih": "i",
}
_PINYIN_RE = compiled(
    "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    "(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ue|ve|ai|ei|ao|ou|an|en"
    "|in|un|vn|ia|ie|iu|ua|uo|ui|er|a|o|e|i|u|v)"
)
_GKH = frozenset("gkh")
_LIP = frozenset(("b", "p", "m", "f", ""))


def syllable(wade: str) -> str | None:
    """The pinyin of one Wade–Giles syllable (apostrophes written ``'``), or None."""
    if wade in _WHOLE:
        return _WHOLE[wade]
    # the empty initial always matches, so there is always one
    spelled, initial = next(pair for pair in _INITIALS if wade.startswith(pair[0]))
    final = wade[len(spelled) :]
    if not final or "'" in final:
        return None
    front = final[0] in "iü"
    if initial is None:
        initial = ("q" if front else "ch") if spelled == "ch'" else ("j" if front else "zh")
    final = _FINALS.get(final, final)
    if final == "o":
        final = "e" if initial in _GKH else "o" if initial in _LIP else "uo"
    elif "ü" in final:
        final = final.replace("ü", "u" if initial in ("j", "q", "x", "y") else "v")
    pinyin = initial + final
    return pinyin if _PINYIN_RE.fullmatch(pinyin) else None


def _chain(m: re.Match[str]) -> str:
    word = m.group(0)
    plain = re.sub(f"[{_APOSTROPHES}]", "'", word)
    parts = [syllable(part) for part in plain.split("-")]
    if any(p is None for p in parts):
        return word
    pinyin = "".join(p for p in parts if p is not None)
    if len(pinyin) > len(word):
        return word
    return pinyin + " " * (len(word) - len(pinyin))


def wade_giles(lowered: str) -> str:
    """``lowered`` with its Wade–Giles words read as pinyin, same length."""
    if _GATE_RE.search(lowered) is None or _MARK_RE.search(lowered) is None:
        return lowered
    return _CHAIN_RE.sub(_chain, lowered)
