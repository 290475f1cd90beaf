"""A Chinese character written between every character (round 33, issue 12).

``推口翻口社口会口主口义口制口度`` spells 推翻社会主义制度 with 口 after each character, as
``国x旗x就x是`` does with a Latin letter (:func:`pipeline.rules.notation.filler_chains`).
:func:`han_fillers` reads one and the same Chinese character standing every other place
:data:`HAN_FILLER_MIN` times or more as spaces: the same length, so the compacted view of
:mod:`pipeline.rules.normalize` reads the word split by separators (an evasion) and every
offset still maps to the original. Prose repeats a character every other place a few times
(``一山一水一草一木``, ``不慌不忙不急不躁``); those chains are shorter and stay as written.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

HAN_FILLER_MIN = 6  # times the filler stands, each after a different character
_HAN = "[\u4e00-\u9fff]"
# Cheap gate, in C: the same character five times, one character apart.
_GATE_RE = compiled(f"({_HAN}){_HAN}\\1{_HAN}\\1{_HAN}\\1{_HAN}\\1{_HAN}\\1")
_CHAIN_RE = Lazy(f"{_HAN}({_HAN})(?:(?!\\1){_HAN}\\1){{{HAN_FILLER_MIN - 1},}}(?!\\1){_HAN}")


def han_fillers(normalised: str) -> str:
    """``normalised`` with a Chinese filler chain's filler as spaces (``推口翻口社`` …
    → ``推 翻 社`` …); the chain's first and last characters stay."""
    normalised = particle_fillers(normalised)
    if _GATE_RE.search(normalised) is None:
        return normalised
    return _CHAIN_RE.get().sub(_spaced, normalised)


# Round 57 (set 47): a sentence-final particle, said after every syllable as in chat
# (``分啦裂啦国啦家``), is a filler after fewer characters: three times between four
# characters. Only the particles below, which end a clause and never stand inside a word of
# the lexicons; prose that repeats one (``好啦好啦``, ``来呀来呀``) becomes a spaced
# phrase, which matters only where its characters spell a term.
PARTICLES = "啦呀嘛哈嗯啊哦喔咯呢吧哟嘞噢"
PARTICLE_FILLER_MIN = 3
_PARTICLE_GATE_RE = compiled(f"[{PARTICLES}]{_HAN}[{PARTICLES}]")
_PARTICLE_CHAIN_RE = Lazy(
    f"{_HAN}([{PARTICLES}])(?:(?!\\1){_HAN}\\1){{{PARTICLE_FILLER_MIN - 1},}}(?!\\1){_HAN}"
)


def particle_fillers(normalised: str) -> str:
    """``normalised`` with a particle repeated after each of four or more characters as
    spaces (``分啦裂啦国啦家`` → ``分 裂 国 家``); same length."""
    if _PARTICLE_GATE_RE.search(normalised) is None:
        return normalised
    return _PARTICLE_CHAIN_RE.get().sub(_spaced, normalised)


def _spaced(match: re.Match[str]) -> str:
    chain = match.group(0)
    return chain[0] + chain[1:-1].replace(match.group(1), " ") + chain[-1]


# Set 31: the chat apps' emoji codes (``[捂脸]``, ``[奸笑]``: WeChat and Weibo write an emoji
# as its name in square brackets) between every character, ``废[捂脸]除[捂脸]人[捂脸]民``. Three
# or more codes, each between two single Chinese characters, are read as spaces (the same
# length); a code between words (``点赞[强]转发[强]``) breaks no word and stays.
_CODE = "\\[[^\\[\\]\\n]{1,6}\\]"
_CODE_CHAIN_RE = Lazy(f"{_HAN}(?:{_CODE}{_HAN}){{3,}}")
_CODE_RE = compiled(_CODE)


def emoji_codes(normalised: str) -> str:
    """``normalised`` with a chain of chat emoji codes between characters as spaces
    (``废[捂脸]除[捂脸]人[捂脸]民`` → ``废    除    人    民``)."""
    if "[" not in normalised:
        return normalised
    return _CODE_CHAIN_RE.get().sub(
        lambda m: _CODE_RE.sub(lambda c: " " * len(c.group(0)), m.group(0)), normalised
    )
