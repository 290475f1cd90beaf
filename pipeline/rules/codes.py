"""Format codes between characters, read as separators (round 16, issue 12).

Held-out set 15 split banned words with the codes of the formats a post is pasted from:
a game server's colour codes (``§4推§r§l翻``), a terminal's colour escapes (``反\\e[31m对``),
forum BBCode (``[b]藏[/b][i]狗[/i]``), subtitle override tags (``{\\alpha&HFF&}``), LaTeX
commands (``中\\textcolor{white}{.}国``), wiki templates (``王{{cn}}某``) and strings joined
in a program or a formula (``'银' || '行'``, ``"法" + "轮"``). A reader of the shown text
sees the word whole. Each class is read the way :mod:`pipeline.rules.notation` reads its
notations, one for one: a run of codes that stands *between two Chinese characters*
becomes spaces, which the compacted view removes as separators, so every offset still
points into the original. A code at the edge of a word changes nothing.

Two more forms of the same family show other text than they hold:

- a *piped wiki link* ``[[target|label]]`` shows its label: the target becomes spaces
  (``[[修炼|法]][[车轮|轮]]`` reads 法轮);
- *code points in a formula or script* (``UNICHAR(25171)&UNICHAR(20498)``,
  ``String.fromCharCode(27861,36718)``, ``chr(27861)``): each Chinese code point is read
  as its character where its call began, the rest as spaces;
- *regional indicator letters written apart* (``🇹 🇦 🇮 🇩 🇺``: two side by side make a
  flag, which stays an emoji) read as the letters they are.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

_CJK = "\u4e00-\u9fff"
# One code of a format (see the module's docstring). Transparent subtitle text
# (``{\alpha&HFF&}x{\alpha&H00&}``) is hidden from the viewer, so it goes with its tag.
CODE = (
    r"[§&][0-9a-fk-or]"
    r"|(?:\x1b|\\e|\\033|\\x1[bB]|\\u001[bB])\[[0-9;]{0,12}[A-Za-z]"
    r"|\[/?(?:b|i|u|s|color|size|font|sup|sub|url|quote|spoiler|center)(?:=[^\]\n]{0,24})?\]"
    r"|\{\\[^{}\n]{0,40}&H[Ff]{2}&[^{}\n]{0,20}\}[^{}\n]{0,3}(?=\{\\)"
    r"|\{\\[^{}\n]{0,40}\}"
    r"|\}?\\[A-Za-z]{2,20}(?:\[[^\]\n]{0,20}\])?(?:\{[^{}\n\u4e00-\u9fff]{0,20}\})*\{?"
    r"|\{\{[^{}\n]{0,30}\}\}"
    r"|['\"]\s{0,3}(?:\|\||\+|&|\.\.|\.)\s{0,3}['\"]"
)
# What every code above needs, tested before the codes are read (no class of Chinese
# characters: compiling one costs a one-post check about a millisecond).
_GATE_RE = compiled(r"[§\x1b\\{}&]|\[/|['\"]\s{0,3}(?:\|\||\+|\.)")
# The first character of every match of _GATE_RE: a leading class, which the regular
# expression engine scans for in its fast loop (the alternation above it cannot). The gate
# is searched only from the first of them, with the same answer.
_GATE_START_RE = compiled(r"[§\x1b\\{}&\['\"]")
# A character at or above the first regional indicator letter: what ``max(masked) >=
# "\U0001f1e6"`` answered, without a Python-level walk of the text.
_HIGH_RE = compiled("[\U0001f1e6-\U0010ffff]")
# A call that writes one code point in decimal (19968–40959: the CJK block) or, in Python
# and JavaScript, in hexadecimal; joined by the operators of formulas and scripts.
_CALL = r"(?i:UNICHAR|NCHAR|CHAR|CHRW?|String\.fromCharCode)\(\s*(?:0x[0-9A-Fa-f]{4}|[0-9]{5})\s*\)"
CALLS = f"(?:{_CALL}\\s*(?:&|\\+|\\|\\||\\.|,)?\\s*){{2,}}|fromCharCode\\((?:\\s*[0-9]{{5}}\\s*,)+"
# Regional indicator letters written apart, so that no two of them make a flag
# (``🇹 🇦 🇮 🇩 🇺``): read as the letters.
_RI = "[\U0001f1e6-\U0001f1ff]"
INDICATORS = f"(?<!{_RI}){_RI}(?:[ \t]+{_RI}){{2,}}(?!{_RI})"
PIPED = r"\[\[[^\[\]|\n]{1,30}\|([^\[\]|\n]{1,30})\]\]"


# Compiled when a text first needs them (most texts hold no code).
_BETWEEN_RE = Lazy(f"(?<=[{_CJK}])(?:{CODE}|[ \t])+(?=[{_CJK}])")
_PIPED_RE = Lazy(PIPED)
_INDICATORS_RE = Lazy(INDICATORS)
_CALLS_RE = Lazy(f"(?:{_CALL}\\s*(?:&|\\+|\\|\\||\\.|,)?\\s*){{2,}}")
_CALL_RE = Lazy(r"\(\s*(?:0x([0-9A-Fa-f]{4})|([0-9]{5}))\s*\)")
_LIST_RE = Lazy(r"fromCharCode\(((?:\s*[0-9]{5}\s*,){1,20}\s*[0-9]{5}\s*)\)")


def gated(text: str) -> bool:
    """Whether ``_GATE_RE`` matches ``text``: searched from the first character a match can
    begin with."""
    first = _GATE_START_RE.search(text)
    return first is not None and _GATE_RE.search(text, first.start()) is not None


def between(masked: str) -> str:
    """``masked`` with the format codes between two Chinese characters, the targets of
    piped wiki links and the calls that write code points read as the text shows them;
    same length."""
    if "[[" in masked and "|" in masked:
        masked = _PIPED_RE.get().sub(_label, masked)
    if "(" in masked:
        masked = _CALLS_RE.get().sub(_calls, masked)
        if "fromCharCode(" in masked:
            masked = _LIST_RE.get().sub(_list, masked)
    if _HIGH_RE.search(masked) is not None:  # an emoji this far up, maybe an indicator
        masked = _INDICATORS_RE.get().sub(_indicators, masked)
    if not gated(masked):
        return masked
    return _BETWEEN_RE.get().sub(lambda m: " " * len(m.group(0)), masked)


def _indicators(m: re.Match[str]) -> str:
    """Each regional indicator as its letter, one for one."""
    return "".join(chr(ord(c) - 0x1F1E6 + ord("a")) if c > "\U0001f1e5" else c for c in m.group(0))


def _label(m: re.Match[str]) -> str:
    a, b = m.span(1)
    start = m.start()
    return " " * (a - start) + m.group(1) + " " * (m.end() - b)


def _char(digits: str, hexadecimal: bool) -> str | None:
    code = int(digits, 16 if hexadecimal else 10)
    return chr(code) if 0x4E00 <= code <= 0x9FFF else None


def _calls(m: re.Match[str]) -> str:
    """Each call's character where the call began, the rest of the run as spaces."""
    run = m.group(0)
    chars = [" "] * len(run)
    for one in _CALL_RE.get().finditer(run):
        hexadecimal = one.group(1) is not None
        char = _char(one.group(1) if hexadecimal else one.group(2), hexadecimal)
        if char is None:
            return run
        chars[_call_start(run, one.start())] = char
    return "".join(chars)


def _call_start(run: str, paren: int) -> int:
    """Where the function name before the bracket at ``paren`` begins."""
    at = paren
    while at > 0 and (run[at - 1].isalnum() or run[at - 1] == "."):
        at -= 1
    return at


def _list(m: re.Match[str]) -> str:
    """``String.fromCharCode(27861,36718)``: each number's character where it stands."""
    numbers = list(re.finditer("[0-9]{5}", m.group(0)))
    chars = [_char(n.group(0), False) for n in numbers]
    if any(c is None for c in chars):
        return m.group(0)
    out = [" "] * len(m.group(0))
    for n, c in zip(numbers, chars, strict=True):
        out[n.start()] = str(c)
    return "".join(out)
