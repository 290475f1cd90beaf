"""Words written in another notation, read one character for one (round 10, issue 12).

Held-out set 10 wrote banned words in notations the normalisation did not read. Each is
a class, read without changing the length of the text (a character stands where its
notation began, the rest of the notation becomes spaces, which the compacted view
removes as separators), so every offset still points into the original:

- *pinyin with tone numbers* (``dian1fu4 zheng4quan2``, ``wei2zu2``): the digits after
  a syllable are spaces (:func:`tone_numbers`; before, the leetspeak reading made
  ``dian1fu4`` ``dianifu4``);
- *pinyin in brackets after each character* (``全（quán）能（néng）神``): separators in the
  compacted view (:func:`ruby`);
- *digits between characters* (``法1轮2大3法4好``): in a run of at least
  :data:`CHAIN_MIN` single digits each between two Chinese characters, the digits are
  separators in the compacted view (:func:`digit_chains`; a date ``3月5日`` is shorter);
- *character references and percent-encoding* (``&#21488;&#29420;``,
  ``%E5%85%B1%E4%BA%A7``) outside URLs and code: read as the characters they encode
  (:func:`decode`);
- *bopomofo* (``ㄙㄜˋ ㄑㄧㄥˊ``): each syllable read as a character of its sound
  (:mod:`pipeline.rules.zhuyin`);
- *Korean or Japanese script for a name* (``중국``, ``ウイグル人``): a short table of the
  names the lexicons list, read as the Chinese name (:data:`FOREIGN_NAMES`);
- *text read backwards* when the text says so (``倒着读``, ``倒过来看``): the lexicons and
  combinations also read it reversed (:func:`backwards`), findings of three characters
  or more.

Round 12 (held-out set 11's devices), read by :func:`decode` in the same way:

- *escapes* (``\\u6cd5\\u8f6e``, ``\\U00006cd5``, ``U+6CD5``), *hexadecimal UTF-8*
  (``E58FB0E6B9BE``, ``\\xe5\\x8f\\xb0``) and *Base64 of UTF-8* (``5rOV6L2u``: four
  letters for each character) of Chinese characters, outside URLs and code;
- *text displayed backwards by a right-to-left override* (U+202E … U+202C): the run is
  read in the order it is shown (:func:`overridden`), and a finding in it is mapped back
  onto the characters it reads (:func:`name_devices`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

from pipeline.rules import bidi_order, codes, zhuyin
from pipeline.rules.compiled_re import Lazy, compiled
from pipeline.rules.detection import Detection
from pipeline.rules.han_filler import emoji_codes, han_fillers
from pipeline.rules.lookalike import TURNED, TURNED_FORMS
from pipeline.rules.named_chars import named_characters

BACKWARDS = "倒序书写"
OVERRIDE_NAME = "反向显示控制符"
NOTE = "；已识别规避写法："


_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (
    "(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ue|ve|ai|ei|ao|ou|an|en"
    "|in|un|vn|ia|ie|iu|ua|uo|ui|er|a|o|e|i|u|v)"
)
# Two or more syllables, each with its tone number, as one Latin word or (round 54, sets 42
# and 44: ``gong4 chan3 dang3``) one a word, a space, hyphen or apostrophe between them.
_TONED_RE = Lazy(
    f"(?<![a-z0-9])(?:(?:{_INITIAL}{_FINAL}[1-5]){{2,}}"
    f"|{_INITIAL}{_FINAL}[1-5](?:[ \\-'’]{_INITIAL}{_FINAL}[1-5])+)(?![a-z0-9])"
)
_TONE_GATE_RE = compiled("[a-z][1-5][ \\-'’]?[a-z]")
CHAIN_MIN = 4  # single digits in a row, each between two Chinese characters
_CHAIN_RE = Lazy(f"(?:[\u4e00-\u9fff][0-9]){{{CHAIN_MIN},}}[\u4e00-\u9fff]")
# Cheap to compile (a class of the whole CJK range takes a millisecond or more): four digits
# each followed by one non-ASCII character.
_CHAIN_GATE_RE = compiled("[0-9][^\\x00-\u2fff][0-9][^\\x00-\u2fff][0-9][^\\x00-\u2fff][0-9]")
_DIGIT_RE = compiled("[0-9]")
# One and the same filler written between each of four or more characters (round 12:
# ``国x旗x就x是x``, ``法の轮の功の``): a Latin letter or a kana, not a Chinese character
# (``一草一木一山一水`` is a poem). The gate starts with the filler, so it is cheap to search.
# Round 13: a symbol repeated the same way (``中⊕华⊕民⊕族``, ``♪``, ``→``): arrows, letterlike
# and mathematical symbols, technical symbols, shapes, dingbats (Chinese punctuation never).
# Round 19: the word-separator dots and other marks of the supplemental punctuation block
# (``法⸱轮⸱功``) and the half-width ideographic full stop written as a reading circle after
# every character (``本｡市｡最｡穷``): the full-width 。 of prose stays out.
_FILLER = "a-z\u3040-\u30ff\u2100-\u23ff\u25a0-\u27bf\u27c0-\u2bff\u2e00-\u2e7f\uff61"  # the text is lower-cased
_FILLER_RE = Lazy(f"[\u4e00-\u9fff]([{_FILLER}])(?:[\u4e00-\u9fff]\\1){{2,}}[\u4e00-\u9fff]")
_FILLER_GATE_RE = compiled(f"([{_FILLER}])[^\\x00-\\x7f]\\1[^\\x00-\\x7f]\\1")
# Pinyin written in brackets after each character (``全（quán）能（néng）``).
_RUBY_RE = Lazy(
    "(?<=[\u4e00-\u9fff])[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,6}[1-5]?[）)](?=[\u4e00-\u9fff])"
)
# Round 39: a character reference as every HTML reader decodes it (the platforms' and the
# archive's browsers, nh3, ``html.unescape``): any number of leading zeros, the semicolon
# optional after a number, every named reference. ``约&#28846服务`` and ``p&#111;rn`` were
# shown as 约炮服务 and porn while the check read them as written.
_ENTITY_RE = Lazy(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{1,31};)")
# Code points a reference may write between two characters to split a word (round 12:
# ``台&nbsp;独``, ``台&#8203;独``): blanks, zero-width and direction characters.
_BLANK_CODES = frozenset(
    [0x20, 0xA0, 0xAD, 0x3000, 0xFEFF, 0x180E, *range(0x2000, 0x2010), *range(0x2060, 0x2065)]
)
_PERCENT_RE = Lazy(r"(?:%[0-9A-Fa-f]{2}){3,}")
# Round 18: the same bytes as e-mail writes them (quoted-printable, ``=E5=86=85``).
_QUOTED_RE = Lazy(r"(?:=[0-9A-F]{2}){3,}")
# Escapes of one code point (``\u6cd5``, ``\U00006cd5``, ``U+6CD5``), two or more in a row.
# Round 16: CSS writes a code point after a bare backslash (``content: "\\6cd5\\8f6e"``).
# Round 26: Python's and Perl's named escapes (``\N{CJK UNIFIED IDEOGRAPH-6CD5}``, ``\N{U+6CD5}``).
_ESCAPE_HEAD = (
    r"(?:\\u|\\U0{4}|[Uu]\+|\\(?=[4-9][0-9A-Fa-f]{3})|\\N\{(?:CJK UNIFIED IDEOGRAPH-|U\+))"
)
_ESCAPE_RE = Lazy(f"(?:{_ESCAPE_HEAD}[0-9A-Fa-f]{{4}}\\}}?[ ,]?){{2,}}")
_ESCAPE_ONE_RE = Lazy(f"{_ESCAPE_HEAD}([0-9A-Fa-f]{{4}})")
# UTF-8 of two or more characters of the CJK block (lead byte E4–E9) in hexadecimal: bare
# (``E58FB0E6B9BE``) or as ``\x`` escapes; a hash or a colour never decodes to Chinese.
_HEX_RE = Lazy(
    r"(?<![0-9A-Za-z])(?:[Ee][4-9](?:[89AaBb][0-9A-Fa-f]){2}){2,}(?![0-9A-Za-z])"
    r"|(?:\\x[Ee][4-9](?:\\x[89AaBb][0-9A-Fa-f]){2}){2,}"
)
_HEX_GATE_RE = compiled(r"[4-9][89AaBb][0-9A-Fa-f][89AaBb]")
# Base64 of UTF-8 Chinese characters (three bytes each, so four letters each): it opens
# with 5 or 6 (lead bytes E4–E9), holds a letter, and is no part of a longer token.
_BASE64_RE = Lazy(r"(?<![A-Za-z0-9+/=])[56][A-Za-z0-9+/]{7,}(?![A-Za-z0-9+/=])")
_BASE64_GATE_RE = compiled(r"[56][A-Za-z0-9+/]{7}")
_LETTER_RE = compiled("[A-Za-z]")
# A right-to-left override and the text it reverses (to its pop or the end of the line).
# Names the lexicons list, as Korean or Japanese write them. Only proper names: a word
# that no legitimate post in Chinese writes in these scripts.
FOREIGN_NAMES = {
    "중국": "中国",
    "대만": "台湾",
    "티베트": "西藏",
    "위구르": "维吾尔",
    "신장": "新疆",
    "공산당": "共产党",
    "파룬궁": "法轮功",
    "홍콩": "香港",
    "ウイグル": "维吾尔",
    "チベット": "西藏",
    "タイワン": "台湾",
    "ファルンゴン": "法轮功",
    "シナ": "支那",
    # Round 14: the words that make those names a slogan, an insult or an offer (``신장 독립
    # 만세``, ``ウイグル族は全員テロリスト``, ``本号をフォロー＆シェア``), each no longer than
    # the Chinese it stands for would be padded to: a Korean or Japanese word, never Chinese.
    "독립": "独立",
    "만세": "万岁",
    "테러리스트": "恐怖分子",
    "テロリスト": "恐怖分子",
    "テロ": "恐怖",
    "フォロー": "关注",
    "シェア": "转发",
    "リツイート": "转发",
    "팔로우": "关注",
}
_FOREIGN_RE = Lazy(
    "(?<![\u30a0-\u30ff])(?:"
    + "|".join(sorted(FOREIGN_NAMES, key=len, reverse=True))
    + ")(?![\u30a0-\u30ff])"
)
# The first letters of the names (a class of the whole Hangul range is slow to compile).
_FOREIGN_GATE_RE = compiled("[" + "".join(sorted({name[0] for name in FOREIGN_NAMES})) + "]")
# Words by which a text tells its reader to read it backwards.
_BACKWARDS_HINT_RE = compiled(
    "倒着读|倒过来读|倒着念|倒过来念|反着读|反过来读|倒着看|倒过来看|从右往左读|从后往前读"
)
_TURNED_RE = compiled(f"[{TURNED_FORMS}]")
_TURN_BACK = str.maketrans(TURNED)
TURNED_MIN = 3  # turned letters that show a text written upside down
BACKWARDS_MIN = 3  # characters of a finding read backwards (two-character words reverse by chance)


def tone_numbers(lowered: str) -> str:
    """``lowered`` with the tone numbers of pinyin words as spaces (``dian1fu4`` →
    ``dian fu ``)."""
    if _TONE_GATE_RE.search(lowered) is None:
        return lowered
    return _TONED_RE.get().sub(lambda m: _DIGIT_RE.sub(" ", m.group(0)), lowered)


def digit_chains(normalised: str) -> str:
    """``normalised`` with the digits of a chain such as ``法1轮2大3法4好`` as spaces."""
    if _CHAIN_GATE_RE.search(normalised) is None:
        return normalised
    return _CHAIN_RE.get().sub(lambda m: _DIGIT_RE.sub(" ", m.group(0)), normalised)


def filler_chains(normalised: str) -> str:
    """``normalised`` with a filler repeated between characters (``国x旗x就x是x块``; round
    33, :mod:`pipeline.rules.han_filler`: a Chinese character, ``推口翻口社口会口``) as spaces."""
    normalised = han_fillers(normalised)  # round 33: 推口翻口社口会口主口义口
    normalised = emoji_codes(normalised)  # set 31: 废[捂脸]除[捂脸]人[捂脸]民
    normalised = named_characters(normalised)  # round 33: 民间的民、间隔的间、海水的海
    if _FILLER_GATE_RE.search(normalised) is None:
        return normalised
    return _FILLER_RE.get().sub(lambda m: m.group(0).replace(m.group(1), " "), normalised)


def ruby(normalised: str) -> str:
    """``normalised`` with pinyin in brackets between two characters as spaces
    (``全（quán）能（néng）神`` reads 全能神)."""
    if "（" not in normalised and "(" not in normalised:
        return normalised
    return _RUBY_RE.get().sub(lambda m: " " * len(m.group(0)), normalised)


def decode(masked: str) -> str:
    """``masked`` with character references, percent-encoded or quoted-printable UTF-8 and the Korean or
    Japanese names of :data:`FOREIGN_NAMES` read as Chinese characters, same length."""
    if "&" in masked:
        masked = _ENTITY_RE.get().sub(_entity, masked)
    if "%" in masked:
        masked = _PERCENT_RE.get().sub(_percent, masked)
    if "=" in masked:
        masked = _QUOTED_RE.get().sub(_percent, masked)
    if _FOREIGN_GATE_RE.search(masked) is not None:
        masked = _FOREIGN_RE.get().sub(_foreign, masked)
    if "\\" in masked or "U+" in masked or "u+" in masked:
        masked = _ESCAPE_RE.get().sub(_escaped, masked)
    if "\\x" in masked or _HEX_GATE_RE.search(masked) is not None:
        masked = _HEX_RE.get().sub(_hex, masked)
    if _BASE64_GATE_RE.search(masked) is not None:
        masked = _BASE64_RE.get().sub(_base64, masked)
    return zhuyin.read(overridden(codes.between(masked)))


def overridden(text: str) -> str:
    """``text`` with each line holding a bidirectional override read in the order it is
    shown (``\u202e府政翻推`` reads 推翻政府; round 61: nested overrides, embeddings and
    isolates laid out as the bidirectional algorithm does, :mod:`pipeline.rules.bidi_order`);
    the controls become spaces."""
    return bidi_order.read(text)


def _escaped(m: re.Match[str]) -> str:
    """Each escaped Chinese character where its escape began, the rest as spaces."""
    run = m.group(0)
    codes = [int(h, 16) for h in _ESCAPE_ONE_RE.get().findall(run)]
    if not _chinese("".join(map(chr, codes))):
        return run
    chars = [" "] * len(run)
    for one, code in zip(_ESCAPE_ONE_RE.get().finditer(run), codes, strict=True):
        chars[one.start()] = chr(code)
    return "".join(chars)


def _base64(m: re.Match[str]) -> str:
    """Each character of Base64 UTF-8 where its four letters began."""
    run = m.group(0)
    if len(run) % 4 or _LETTER_RE.search(run) is None:
        return run
    import base64  # only when a run looks like Base64 of Chinese (most texts hold none)

    try:
        decoded = base64.b64decode(run, validate=True).decode("utf-8")
    except ValueError:
        return run
    if not _chinese(decoded):
        return run
    return "".join(_padded(ch, 4) for ch in decoded)


def _hex(m: re.Match[str]) -> str:
    """Each character of hexadecimal UTF-8 where its first byte was written."""
    run = m.group(0)
    digits = run.replace("\\x", "").replace("\\X", "")
    try:
        decoded = bytes.fromhex(digits).decode("utf-8")
    except ValueError:
        return run
    if not _chinese(decoded):
        return run
    width = len(run) // len(decoded)
    return "".join(_padded(ch, width) for ch in decoded)


def _chinese(decoded: str) -> bool:
    """Whether every character of a decoded notation is a Chinese character (U+4E00–U+9FFF):
    only those are read; anything else stays as written."""
    return all("\u4e00" <= ch <= "\u9fff" for ch in decoded)


def _padded(chars: str, length: int) -> str:
    return chars + " " * (length - len(chars))


def _entity(m: re.Match[str]) -> str:
    """The character a reference shows where the reference began, the rest as spaces: a
    letter or digit of any script (round 39: not only Chinese characters), a blank or an
    invisible mark as spaces; markup and punctuation (``&#60;``) stay as written."""
    written = m.group(0)
    shown = html.unescape(written)
    if len(shown) != 1 or shown == written:
        return written
    if ord(shown) in _BLANK_CODES or unicodedata.category(shown)[0] in "CZM":
        return " " * len(written)
    if not shown.isalnum():
        return written
    return _padded(shown, len(written))


def _percent(m: re.Match[str]) -> str:
    """Each character where its first byte was written, the other bytes as spaces."""
    run = m.group(0)
    try:
        decoded = bytes.fromhex(run.replace(run[0], "")).decode("utf-8")
    except UnicodeDecodeError:
        return run
    if not _chinese(decoded):
        return run
    return "".join(_padded(ch, 3 * len(ch.encode("utf-8"))) for ch in decoded)


def _foreign(m: re.Match[str]) -> str:
    name = FOREIGN_NAMES[m.group(0)]
    if len(name) > len(m.group(0)):
        return m.group(0)
    return _padded(name, len(m.group(0)))


# The devices :func:`decode` reads, named in a finding's message in place of the generic
# "characters between" (字间插入符号) that the compacted view would give them.
DEVICES = (
    (_ESCAPE_RE, "转义序列编码"),
    (_HEX_RE, "十六进制编码"),
    (_BASE64_RE, "Base64编码"),
    (_ENTITY_RE, "字符实体编码"),
    (_PERCENT_RE, "百分号编码"),
    (_QUOTED_RE, "邮件编码（quoted-printable）"),
    (_FOREIGN_RE, "外文字母拼写"),
    (Lazy(f"[{zhuyin.LETTERS}]"), "注音符号"),
    (Lazy("[\u3164\uffa0\u115f\u1160\u2800]"), "空白填充字符"),
    (Lazy("[\U000e0000-\U000e007f\U000e0100-\U000e01ef]"), "不可见标签字符"),
    (Lazy("[\u2ff0-\u2ffb]"), "汉字结构描述符"),
    (Lazy("<[a-zA-Z/!][^<>\n]*>"), "网页标记"),
    (Lazy(codes.CODE), "格式代码"),
    (Lazy(codes.PIPED), "维基链接显示文字"),
    (Lazy(codes.CALLS), "字符编码函数"),
)
GENERIC = "字间插入符号"
_WIDEST = 40  # characters around a finding searched for the notation it stands in


def name_devices(found: list[Detection], original: str) -> list[Detection]:
    """``found`` with the device of :func:`decode` named where a finding's text used one,
    its span widened to the whole notation it ends or begins in (``&#29420;``, not ``&``),
    and a finding inside a reversed run mapped onto the characters it reads."""
    places = bidi_order.order(original)
    result: list[Detection] = []
    for d in found:
        if places is not None:
            d = _unreversed(d, places, original)
        if GENERIC in d.message:
            for pattern, name in DEVICES:
                lo, hi = max(0, d.start - _WIDEST), min(len(original), d.end + _WIDEST)
                hits = [m.span() for m in pattern.get().finditer(original, lo, hi)]
                hits = [(a, b) for a, b in hits if a < d.end and d.start < b]
                if hits:
                    start, end = min(d.start, hits[0][0]), max(d.end, hits[-1][1])
                    message = d.message.replace(GENERIC, name)
                    d = Detection(start, end, d.rule, d.article, d.severity, message)
                    break
        result.append(d)
    return result


def _unreversed(d: Detection, places: list[int], original: str) -> Detection:
    """``d`` mapped from the displayed order (``places``: :func:`bidi_order.order`) onto the
    characters it reads, the device named, when the layout moved any of them."""
    moved = places[d.start : d.end]
    if moved == list(range(d.start, d.end)):
        return d
    shown = "".join(original[k] for k in moved if original[k] not in bidi_order.CONTROLS)
    shown = f"{OVERRIDE_NAME}（{''.join(shown.split())}）"
    if GENERIC in d.message:
        message = d.message.replace(GENERIC, OVERRIDE_NAME)
    elif NOTE in d.message:
        message = d.message
    else:
        head, advice, tail = d.message.partition("。修改建议：")
        message = head + f"{NOTE}{shown}" + advice + tail
    return Detection(min(moved), max(moved) + 1, d.rule, d.article, d.severity, message)


def backwards(read: Callable[[str], list[Detection]], masked: str) -> list[Detection]:
    """What ``read`` (the lexicons and combinations) finds in ``masked`` read backwards,
    when the text tells its reader to do so or is turned upside down (three turned letters:
    read right to left, each letter turned back); mapped back and named as an evasion."""
    turned = len(_TURNED_RE.findall(masked)) >= TURNED_MIN
    if not turned and _BACKWARDS_HINT_RE.search(masked) is None:
        return []
    reverse = masked[::-1].translate(_TURN_BACK) if turned else masked[::-1]
    n = len(masked)
    found: list[Detection] = []
    for d in read(reverse):
        if d.end - d.start < BACKWARDS_MIN:
            continue
        note = f"；已识别规避写法：{BACKWARDS}（{reverse[d.start : d.end]}）"
        head, advice, tail = d.message.partition("。修改建议：")
        message = head + note + advice + tail
        found.append(Detection(n - d.end, n - d.start, d.rule, d.article, "error", message))
    return found
