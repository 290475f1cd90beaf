"""Chinese characters written as code units in other bases (round 22, issue 12).

:func:`pipeline.rules.notation.decode` reads escapes, hexadecimal UTF-8 and Base64, and
:mod:`pipeline.rules.legacy_bytes` GBK bytes. The same bytes and code points have other
spellings, which no legitimate Chinese prose uses for its own words; :func:`read` is a decoded
view (:mod:`pipeline.rules.decoded`) of each, for the whole encoding:

- *binary*: groups of eight bits (UTF-8 bytes: ``11100110 10110011 10010101``) or of sixteen
  (UTF-16 code units), apart by spaces or commas, an ``0b`` before each or not;
- *octal escapes* of UTF-8 bytes, as C, Python and log files write them (``\\346\\263\\225``);
- *UTF-16 code units in hexadecimal*, bare (``6CD5 8F6E``) or after ``0x``: at least
  :data:`UNITS_MIN` units apart by spaces or commas;
- *hexadecimal UTF-8 bytes apart by spaces* (``E6 B3 95``; written together they are the
  notation reader's);
- *Base32* (RFC 4648, upper case, ``=`` padding or none) of UTF-8;
- *Ascii85* (round 23; Adobe's ``<~ … ~>`` delimiters or none) of UTF-8: a run of at least
  :data:`A85_MIN` characters from ``!`` to ``u`` with no space, which may also read as
  Chinese punctuation (a sentence of a notice), from :data:`CHARS_MIN` Chinese characters;
  read as a sentence, its characters together where the run begins. Round 39: when the
  text names the encoding (``ascii85``, ``base85``), from :data:`A85_CUED_MIN` characters
  (two Chinese characters) near the name.

Round 24 (held-out set 22's devices), read from the text as written as Ascii85 is:

- *UTF-7* (RFC 2152): ``+`` then the Base64 of UTF-16 code units, ``-`` or any other
  character ending it (``+bDVfi4-``), from :data:`CHARS_MIN` Chinese characters;
- *uuencode*: a ``begin 644 name`` line, the encoded lines, an ``end`` line; read as a
  sentence, its characters together where the first encoded line begins.

A run is read only when it decodes to at least :data:`CHARS_MIN` Chinese characters and
nothing else (a binary table, a hash, a colour or a register dump decodes to other code
points or to no valid UTF-8): each character where its first group is written, the rest of
the run as spaces, the same length, so every offset still points into the original.

Round 23: :func:`letters` reads a binary run of ASCII bytes that are all Latin letters (at
least :data:`LETTERS_MIN`, spaces between words allowed) as those letters, together where
the run begins, for the pinyin view (:mod:`pipeline.rules.decoded`), which reads a run of
letters written in another form from two syllables: binary spelling pinyin (``01101010
01110101 …``) is read as the pinyin reader reads any Latin run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pipeline.rules.compiled_re import Lazy, compiled

CHARS_MIN = 2  # Chinese characters a run must read as
LETTERS_MIN = 4  # Latin letters a binary run of ASCII bytes must spell to be read as letters
UNITS_MIN = 3  # bare hexadecimal UTF-16 code units (four digits each) in a run
_SEP = "[ ,，]{1,2}"
_BINARY_RE = Lazy(
    f"(?<![0-9A-Za-z])(?:0b)?(?:[01]{{16}}|[01]{{8}})(?:{_SEP}(?:0b)?(?:[01]{{16}}|[01]{{8}}))+"
    "(?![0-9A-Za-z])"
)
_BITS_RE = Lazy("(?:0b)?([01]{8,16})")
_OCTAL_RE = Lazy(r"(?:\\[0-3][0-7]{2}){6,}")
_UNITS_RE = Lazy(
    f"(?<![0-9A-Za-z])(?:0[xX])?[3-9][0-9A-Fa-f]{{3}}(?:{_SEP}(?:0[xX])?[3-9][0-9A-Fa-f]{{3}})"
    f"{{{UNITS_MIN - 1},}}(?![0-9A-Za-z])"
)
_UNIT_RE = Lazy("(?:0[xX])?([3-9][0-9A-Fa-f]{3})")
_SPACED_HEX_RE = Lazy(
    "(?<![0-9A-Za-z])[Ee][3-9] [89AaBb][0-9A-Fa-f] [89AaBb][0-9A-Fa-f]"
    "(?: [Ee][3-9] [89AaBb][0-9A-Fa-f] [89AaBb][0-9A-Fa-f])+(?![0-9A-Za-z])"
)
_BYTE_RE = Lazy("[0-9A-Fa-f]{2}")
A85_MIN = 15  # Ascii85 characters in a run (twelve bytes: four Chinese characters)
_A85_RE = Lazy(f"(?<![!-u])(?:<~)?[!-u]{{{A85_MIN},}}(?:~>)?(?![!-u])")
_A85_GATE_RE = compiled(f"[!-u]{{{A85_MIN}}}")
# Round 39: a text that names the encoding (``ascii85``, ``base85``, ``a85``) has its shorter
# runs read too, from two characters (eight Ascii85 characters), within A85_REACH of the name
A85_CUED_MIN = 8
A85_REACH = 60
_A85_CUE_RE = compiled("(?i)ascii ?85|base ?85|(?<![a-z])a85(?![0-9])")
_A85_SHORT_RE = Lazy(f"(?<![!-u])[!-u]{{{A85_CUED_MIN},{A85_MIN - 1}}}(?![!-u])")
_UTF7_RE = Lazy(r"(?<![A-Za-z0-9+/])\+([A-Za-z0-9/][A-Za-z0-9+/]{4,})-?")
_UU_RE = Lazy(r"(?m)^begin [0-7]{3,4} [^\n]{1,80}\n((?:[!-`][ -`]{0,60}\n){1,40})[ `]?\n?end$")
_PUNCTUATION = frozenset("，。、；：？！（）《》“”‘’【】—…·")
_BASE32_RE = Lazy("(?<![0-9A-Za-z+/])[A-Z2-7]{16,}={0,6}(?![0-9A-Za-z+/=])")
# A cheap test of every notation's shape: a text that fails it costs this search only (the
# readers' expressions are compiled when a text first passes it). Each shape opens with one
# character of a small set, which the engine looks for first.
_GATE_RE = compiled(
    r"[0-9A-Ze\\](?:(?<=[01])[01]{7}|(?<=\\)[0-3][0-7]{2}"
    r"|(?<=[3-9])[0-9A-Fa-f]{3}[ ,，]{1,2}(?:0[xX])?[3-9][0-9A-Fa-f]{3}"
    r"|(?<=[Ee])[3-9] [89AaBb]|(?<=[A-Z2-7])[A-Z2-7]{15})"
)


def read(text: str) -> str:
    """``text`` with each run of code units in the notations above read as characters, same
    length; ``text`` itself when there is none."""
    if _GATE_RE.search(text) is None:
        return text
    for pattern, reader in _READERS:
        text = pattern.get().sub(reader, text)
    return text


def read_masked(masked: str, written: str) -> str:
    """:func:`read` of ``masked``, and of the code and markup it masks as ``written`` holds
    them (round 67: octal escapes in a fenced block, ``printf("\\346\\263…")``); the same
    length."""
    codes = read(masked)
    if written == masked or len(written) != len(masked):
        return codes
    in_code = read(written)
    if in_code == written:
        return codes
    return "".join(
        i if m != w and i != w else c
        for c, m, w, i in zip(codes, masked, written, in_code, strict=True)
    )


def ascii85(text: str) -> str:
    """``text`` with each Ascii85 run that reads as Chinese as its characters, same length
    (read from the text as written: a run holding two backticks is masked as code)."""
    if _A85_GATE_RE.search(text) is not None:
        text = _A85_RE.get().sub(_ascii85, text)
    cues = [m.start() for m in _A85_CUE_RE.finditer(text)]
    if not cues:
        return text

    def cued(m: re.Match[str]) -> str:
        if any(m.start() - A85_REACH <= cue <= m.end() + A85_REACH for cue in cues):
            return _ascii85(m)
        return m.group(0)

    return _A85_SHORT_RE.get().sub(cued, text)


def utf7(text: str) -> str:
    """``text`` with each UTF-7 run that reads as Chinese as its characters, each where its
    first code unit's letters begin, same length (round 24)."""
    if "+" not in text:
        return text
    return _UTF7_RE.get().sub(_utf7, text)


def uuencoded(text: str) -> str:
    """``text`` with each uuencoded block that reads as a Chinese sentence as that sentence
    where its first encoded line begins, the rest of the encoded lines as spaces (round 24)."""
    if "begin " not in text:
        return text
    return _UU_RE.get().sub(_uu, text)


def _utf7(m: re.Match[str]) -> str:
    import base64  # only for a run after a plus sign

    body = m.group(1)
    try:
        data = base64.b64decode(body + "=" * (-len(body) % 4))
    except ValueError:
        return m.group(0)
    units = data[: len(data) // 2 * 2].decode("utf-16-be", errors="replace")
    decoded = _chinese(units)
    if not decoded:
        return m.group(0)
    # each unit's sixteen bits begin at letter 16 * i / 6 of the body (after the plus sign)
    starts = [1 + i * 16 // 6 for i in range(len(decoded))]
    return _placed(m.group(0), range(len(m.group(0))), decoded, starts)


def _uu(m: re.Match[str]) -> str:
    import binascii  # only for a block after a ``begin`` line

    lines = m.group(1)
    try:
        data = b"".join(binascii.a2b_uu(line) for line in lines.splitlines())
        decoded = data.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return m.group(0)
    chinese = sum("\u3400" <= c <= "\u9fff" for c in decoded)
    if chinese < CHARS_MIN or chinese + sum(c in _PUNCTUATION for c in decoded) < len(decoded):
        return m.group(0)
    at = m.start(1) - m.start()
    run = m.group(0)
    return run[:at] + decoded + " " * (len(run) - at - len(decoded))


def letters(text: str) -> str:
    """``text`` with each binary run of eight-bit groups that spells ASCII letters (and
    spaces between words) as those letters, together where the run begins, the rest of the
    run as spaces; same length. ``text`` itself when there is none. Round 61: a Base32 run
    (either case, a digit among its letters) of ASCII words the same way, as Base32 of
    Chinese is read (:func:`read`)."""
    if _LETTERS32_GATE_RE.search(text) is not None:
        text = _LETTERS32_RE.get().sub(_base32_letters, text)
    if _GATE_RE.search(text) is None:
        return text
    return _BINARY_RE.get().sub(_binary_letters, text)


# Round 61: Base32 of ASCII words (pinyin), in a view that may be lower-cased.
_LETTERS32_RE = Lazy("(?<![0-9A-Za-z+/])[A-Za-z2-7]{16,}={0,6}(?![0-9A-Za-z+/=])")
_LETTERS32_GATE_RE = compiled("[A-Za-z2-7]{16}")
_WORD_PUNCTUATION = frozenset(" ,.'-")


def _base32_letters(m: re.Match[str]) -> str:
    run = m.group(0)
    letters32 = run.rstrip("=")
    if not any(c.isdigit() for c in letters32) or len(letters32) % 8 in (1, 3, 6):
        return run
    data = _b32decode(letters32.upper())
    if data is None:
        return run
    spelled = data.decode("ascii", "replace").strip()
    if sum(c.isalpha() for c in spelled) < LETTERS_MIN or " " not in spelled:
        return run
    if not all(c in _WORD_PUNCTUATION or ("a" <= c.lower() <= "z") for c in spelled):
        return run
    return spelled.lower() + " " * (len(run) - len(spelled))


def _binary_letters(m: re.Match[str]) -> str:
    run = m.group(0)
    groups = [g.group(1) for g in _BITS_RE.get().finditer(run)]
    if any(len(g) != 8 for g in groups):
        return run
    spelled = "".join(chr(int(g, 2)) for g in groups).strip()
    if sum(c.isalpha() for c in spelled) < LETTERS_MIN:
        return run
    if not all(c == " " or ("a" <= c.lower() <= "z") for c in spelled):
        return run
    return spelled.lower() + " " * (len(run) - len(spelled))


def _binary(m: re.Match[str]) -> str:
    run = m.group(0)
    groups = list(_BITS_RE.get().finditer(run))
    widths = {len(g.group(1)) for g in groups}
    if widths == {8}:
        data = bytes(int(g.group(1), 2) for g in groups)
        return _placed(run, [g.start() for g in groups], _utf8(data), _utf8_starts(data))
    if widths == {16}:
        units = "".join(chr(int(g.group(1), 2)) for g in groups)
        return _placed(run, [g.start() for g in groups], _chinese(units), range(len(groups)))
    return run


def _octal(m: re.Match[str]) -> str:
    run = m.group(0)
    data = bytes(int(run[i + 1 : i + 4], 8) for i in range(0, len(run), 4))
    return _placed(run, list(range(0, len(run), 4)), _utf8(data), _utf8_starts(data))


def _units(m: re.Match[str]) -> str:
    run = m.group(0)
    found = list(_UNIT_RE.get().finditer(run))
    decoded = _chinese("".join(chr(int(u.group(1), 16)) for u in found))
    return _placed(run, [u.start() for u in found], decoded, range(len(found)))


def _spaced_hex(m: re.Match[str]) -> str:
    run = m.group(0)
    found = list(_BYTE_RE.get().finditer(run))
    data = bytes(int(b.group(0), 16) for b in found)
    return _placed(run, [b.start() for b in found], _utf8(data), _utf8_starts(data))


def _b32decode(letters: str) -> bytes | None:
    """The bytes of upper-case Base32 ``letters`` (padding dropped), or None."""
    import base64  # only for a run of Base32 letters (most texts hold none)

    try:
        return base64.b32decode(letters + "=" * (-len(letters) % 8))
    except ValueError:
        return None


def _base32(m: re.Match[str]) -> str:
    run = m.group(0)
    data = _b32decode(run.rstrip("="))
    if data is None:
        return run
    decoded = _utf8(data)
    # each character where the letters of its first byte begin (eight bits in five-bit letters)
    starts = [i * 8 // 5 for i in _utf8_starts(data)]
    return _placed(run, range(len(run)), decoded, starts)


def _ascii85(m: re.Match[str]) -> str:
    """The run read whole, or inside its delimiters (``<~ ~>``, or the backticks or quotes
    of code around it, which are Ascii85 characters too)."""
    run = m.group(0)
    spans = [(0, len(run))]
    if run.startswith("<~") and run.endswith("~>"):
        spans.append((2, len(run) - 2))
    elif run[0] == run[-1] and run[0] in "`'\"":
        spans.append((1, len(run) - 1))
    for start, end in spans:
        decoded = _sentence(run[start:end])
        if decoded:
            # a sentence, not a word: its characters together where the run begins (the
            # semantic model reads a sentence, not characters apart), the rest as spaces
            return run[:start] + decoded + " " * (len(run) - start - len(decoded))
    return run


def _sentence(body: str) -> str:
    """Ascii85 ``body`` as Chinese characters and punctuation (from :data:`CHARS_MIN`
    characters), or ""."""
    import base64  # only for a run of Ascii85 characters (most texts hold none)

    try:
        decoded = base64.a85decode(body).decode("utf-8")
    except ValueError:
        return ""
    chinese = sum("\u3400" <= c <= "\u9fff" for c in decoded)
    if chinese < CHARS_MIN or chinese + sum(c in _PUNCTUATION for c in decoded) < len(decoded):
        return ""
    return decoded


def _utf8(data: bytes) -> str:
    try:
        return _chinese(data.decode("utf-8"))
    except UnicodeDecodeError:
        return ""


def _utf8_starts(data: bytes) -> list[int]:
    """The index of each character's first byte in UTF-8 ``data``."""
    return [i for i, b in enumerate(data) if b & 0xC0 != 0x80]


def _chinese(decoded: str) -> str:
    """``decoded`` when it is at least :data:`CHARS_MIN` Chinese characters and nothing else
    but (round 41: a slogan's ``，``) Chinese punctuation between them, never first."""
    chinese = sum("\u3400" <= c <= "\u9fff" for c in decoded)
    if chinese < CHARS_MIN or decoded[0] in _PUNCTUATION:
        return ""
    return decoded if chinese + sum(c in _PUNCTUATION for c in decoded) == len(decoded) else ""


def _placed(run: str, groups: Sequence[int], decoded: str, starts: Sequence[int]) -> str:
    """``run`` as spaces with each character of ``decoded`` at the offset (in ``groups``) of
    the group where it starts (``starts``: the index of that group per character); ``run``
    itself when nothing was decoded."""
    if not decoded:
        return run
    chars = [" "] * len(run)
    for char, index in zip(decoded, starts, strict=True):
        chars[groups[index]] = char
    return "".join(chars)


_READERS: tuple[tuple[Lazy, Callable[[re.Match[str]], str]], ...] = (
    (_BINARY_RE, _binary),
    (_OCTAL_RE, _octal),
    (_SPACED_HEX_RE, _spaced_hex),
    (_UNITS_RE, _units),
    (_BASE32_RE, _base32),
)
