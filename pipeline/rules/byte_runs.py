"""Bytes and base-N text of Chinese read whatever their notation (round 28, issue 12).

Earlier rounds read each notation of bytes on its own: UTF-8 hexadecimal written together
(:func:`pipeline.rules.notation.decode`), GBK bytes with the high bit set
(:mod:`pipeline.rules.legacy_bytes`), spaced UTF-8 bytes, Base32 and Ascii85
(:mod:`pipeline.rules.code_units`). Held-out set 24 wrote UTF-8 bytes as colour codes
(``#E59BBD #E5AEB6``), Big5 bytes whose second byte is ASCII (``A1 47``), Base58 and Base45.
This module reads the technique, not the notation:

- *hexadecimal bytes*: a run of groups of hexadecimal digit pairs, each group optionally
  opened by ``#``, ``0x``, ``\\x``, ``%`` or ``=`` (quoted-printable), apart by spaces, commas, colons, hyphens or
  nothing, is decoded as UTF-8, GB 18030 and Big5, in that order; the first decoding that
  gives :data:`CHARS_MIN` characters or more, every one a Chinese character or Chinese
  punctuation, and every Chinese character a *common* one (the first level of GB 2312 or of
  Big5, the 3,755 and 5,401 characters of everyday text), is read. Random bytes (a hash, a
  MAC address, a colour palette) decode in GB 18030 or Big5 to rare characters or none;
  UTF-8 of random bytes is almost never valid;
- *Base64, Base58 and Base45*: a token of the alphabet of :data:`TOKEN_MIN` characters or more that
  mixes digits and capitals (and, for Base58, small letters) is decoded and read under the
  same test, as UTF-8 or (round 34) UTF-16 with or without its byte-order mark. An
  identifier, a licence key or an English word decodes to bytes that are neither.

Each character decoded is placed where its bytes begin in the text (the rest of the run
becomes spaces), so the view keeps the text's length and every finding its line and column.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

CHARS_MIN = 2  # Chinese characters a run must decode to
BYTES_MIN = 4  # bytes in a hexadecimal run
TOKEN_MIN = 12  # characters of a Base58 or Base45 token
BASE58_MAX = 600  # a longer token is no sentence (and its number would cost a square)
NAME = "任意分隔的十六进制字节（UTF-8、GBK、大五码）或 Base64、Base58、Base45 编码（UTF-8 或 UTF-16）的文字"
_GROUP = r"(?:#|0[xX]|\\x|%|=)?(?:[0-9A-Fa-f]{2})++"
_SEP = r"[ ,，:;\-]{0,3}"
_HEX_RE = Lazy(f"(?<![0-9A-Za-z#%=\\\\])(?:{_GROUP}{_SEP}){{2,}}{_GROUP}(?![0-9A-Za-z])")
_PAIR_RE = Lazy("(?:#|0[xX]|\\\\x|%|=)?([0-9A-Fa-f]{2}(?:[0-9A-Fa-f]{2})*)")
_BASE58_RE = Lazy(
    f"(?<![0-9A-Za-z+/=])[1-9A-HJ-NP-Za-km-z]{{{TOKEN_MIN},{BASE58_MAX}}}(?![0-9A-Za-z+/=])"
)
_BASE64_RE = Lazy("(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,4096}={0,2}(?![A-Za-z0-9+/=_-])")
_BASE45_RE = Lazy(f"(?<![0-9A-Za-z])[0-9A-Z$%*+\\-./: ]{{{TOKEN_MIN},}}(?![0-9a-z])")
# a text with two hexadecimal pairs after a prefix or a separator, or a long mixed token
_HEX_GATE_RE = compiled("[0-9A-Fa-f]{2}[ ,:#%=\\\\x-]{1,3}(?:0[xX])?[0-9A-Fa-f]{2}")
# a token that may be Base64, Base58 or Base45 (read further when it mixes digits and capitals)
_CAPITAL_RE = compiled("[A-Z]")
_TOKEN_GATE_RE = compiled("[0-9A-Za-z+/=_$%*.:-]{12,}")
_ALPHABET58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX58 = {c: i for i, c in enumerate(_ALPHABET58)}
_ALPHABET45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_INDEX45 = {c: i for i, c in enumerate(_ALPHABET45)}
_PUNCTUATION = frozenset("，。、；：？！（）《》“”‘’【】—…·「」")
ENCODINGS = ("utf-8", "gb18030", "big5")


def read(text: str) -> str:
    """``text`` with each run of bytes or Base64/Base58/Base45 token that decodes to common
    Chinese characters as those characters (same length); ``text`` itself when none does."""
    hexed = _HEX_GATE_RE.search(text) is not None
    capital = _CAPITAL_RE.search(text) is not None  # every token read holds a capital
    tokens = [m.group(0) for m in _TOKEN_GATE_RE.finditer(text)] if capital else []
    mixed = [t for t in tokens if _mixed(t, lower=False)]
    if not hexed and not mixed:
        return text
    chars: dict[int, str] = {}  # the characters decoded (and spaces), by offset
    changed = False
    if hexed:
        for m in _HEX_RE.get().finditer(text):
            changed |= _hex(m, chars)
    if any(_mixed(t, lower=True) for t in mixed):
        for m in _BASE58_RE.get().finditer(text):
            token = m.group(0)
            if _mixed(token, lower=True):
                changed |= _place(chars, m.start(), m.end(), _unicode(_base58(token)))
        for m in _BASE64_RE.get().finditer(text):
            token = m.group(0)
            if _mixed(token, lower=True) and len(token.rstrip("=")) % 4 != 1:
                changed |= _place(chars, m.start(), m.end(), _unicode(_base64(token)))
    if any(not any(c.islower() for c in t) for t in mixed):
        for m in _BASE45_RE.get().finditer(text):
            token = m.group(0).strip()
            if _mixed(token, lower=False):
                start = m.start() + m.group(0).index(token)
                changed |= _place(chars, start, start + len(token), _unicode(_base45(token)))
    if not changed:
        return text
    return "".join(chars.get(i, c) for i, c in enumerate(text))


def _mixed(token: str, *, lower: bool) -> bool:
    """Whether ``token`` mixes digits and capitals (and small letters when ``lower``)."""
    has = (any(c.isdigit() for c in token), any(c.isupper() for c in token))
    return all(has) and (not lower or any(c.islower() for c in token))


def _hex(m: re.Match[str], chars: dict[int, str]) -> bool:
    """Decode one run of hexadecimal groups into ``chars``; whether it was read."""
    offsets: list[int] = []  # the text offset of each byte
    data = bytearray()
    for g in _PAIR_RE.get().finditer(m.group(0)):
        digits = g.group(1)
        for i in range(0, len(digits), 2):
            offsets.append(m.start() + g.start(1) + i)
            data.append(int(digits[i : i + 2], 16))
    if len(data) < BYTES_MIN:
        return False
    for encoding in ENCODINGS:
        decoded = _sentence(bytes(data), encoding)
        if decoded:
            starts = _starts(bytes(data), decoded, encoding)
            if starts is None:
                continue
            for i in range(m.start(), m.end()):
                chars[i] = " "
            for char, at in zip(decoded, starts, strict=True):
                chars[offsets[at]] = char
            return True
    return False


def _starts(data: bytes, decoded: str, encoding: str) -> list[int] | None:
    """The index of each decoded character's first byte in ``data``, or None."""
    starts: list[int] = []
    at = 0
    for char in decoded:
        starts.append(at)
        at += len(char.encode(encoding))
    return starts if at == len(data) else None


def _unicode(data: bytes) -> str:
    """``data`` as UTF-8 or, when it is not, as UTF-16 (its byte-order mark, else little-
    and then big-endian) under the test of :func:`_sentence`; else "". Random bytes read as
    UTF-16 give a common Chinese character in about one code unit of seventeen, so a token
    of twelve bytes or more passes by chance about once in 10⁷."""
    decoded = _sentence(data)
    if decoded or len(data) % 2:
        return decoded
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _sentence(data[2:], "utf-16-le" if data[:1] == b"\xff" else "utf-16-be")
    return _sentence(data, "utf-16-le") or _sentence(data, "utf-16-be")


def _sentence(data: bytes, encoding: str = "utf-8") -> str:
    """``data`` decoded when it is :data:`CHARS_MIN` common Chinese characters or more and
    nothing but them and Chinese punctuation; else ""."""
    if not data:
        return ""
    try:
        decoded = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return ""
    chinese = [c for c in decoded if "\u4e00" <= c <= "\u9fff"]
    if len(chinese) < CHARS_MIN:
        return ""
    if len(chinese) + sum(c in _PUNCTUATION for c in decoded) < len(decoded):
        return ""
    return decoded if all(common(c) for c in chinese) else ""


def common(char: str) -> bool:
    """Whether ``char`` is among the common characters: the first level of GB 2312
    (simplified) or of Big5 (traditional)."""
    for encoding, low, high in (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6)):
        try:
            lead = char.encode(encoding)[0]
        except UnicodeEncodeError:
            continue
        if low <= lead <= high:
            return True
    return False


def _place(chars: dict[int, str], start: int, end: int, decoded: str) -> bool:
    """Spread ``decoded`` over ``chars[start:end]`` (spaces between); whether it was."""
    if not decoded or len(decoded) > end - start:
        return False
    step = (end - start) // len(decoded)
    for i in range(start, end):
        chars[i] = " "
    for i, char in enumerate(decoded):
        chars[start + i * step] = char
    return True


def _base58(token: str) -> bytes:
    number = 0
    for c in token:
        number = number * 58 + _INDEX58[c]
    zeros = len(token) - len(token.lstrip("1"))
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")


def _base64(token: str) -> bytes:
    """Base64, standard or URL-safe, padded or not, or b"" when ``token`` is not valid."""
    import base64  # only for a token that looks like Base64

    body = token.rstrip("=").replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    except ValueError:
        return b""


def _base45(token: str) -> bytes:
    """RFC 9285 Base45, or b"" when ``token`` is not valid."""
    out = bytearray()
    for i in range(0, len(token), 3):
        chunk = token[i : i + 3]
        if len(chunk) == 1:
            return b""
        value = sum(_INDEX45[c] * 45**k for k, c in enumerate(chunk))
        size = 2 if len(chunk) == 3 else 1
        if value >= 256**size:
            return b""
        out += value.to_bytes(size, "big")
    return bytes(out)
