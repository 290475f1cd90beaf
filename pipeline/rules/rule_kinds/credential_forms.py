"""Validators of credentials in the forms they are pasted in (round 24, 第十七条).

The rules of ``rulefiles/a17-credential-forms.yml`` find the shape of a format; each
validator here reads the match's surroundings to tell a key or a password from its
counter-example of the same shape:

- ``split-private-key``: a PEM header split over string literals in code (``"-----BEGIN "``
  ``"RSA PRIVATE "`` ``"KEY-----"``, joined by the compiler or by ``+``) reads, joined, as a
  *private* key's header (a certificate's or a public key's is none);
- ``der-private-key``: a hex dump of DER bytes (``xxd``, ``hexdump -C``, ``od``, plain hex,
  ``0x30, 0x82, …``) that opens a private key: a SEQUENCE whose first element is the version
  ``INTEGER 0`` or ``1`` (PKCS#8, PKCS#1, SEC1); a certificate or a public key opens with a
  second SEQUENCE or a modulus;
- ``signify-secret-key``: a Base64 line of at least 100 bytes that opens with the Ed25519
  algorithm bytes ``Ed`` (a minisign or signify secret key; their public keys are 42 bytes
  and their signatures 74);
- ``command-password``: the password field of a ``.pgpass`` line or a ``net use`` command is
  a value, not a placeholder (``<password>``, ``*``, ``%PASS%``, ``yourpassword``);
- ``encoded-password`` (round 29): the value after a password's name that says its encoding
  (``password_b64:``) decodes, by that encoding, to a password as ``command-password`` reads
  one (a placeholder or an English word is none);
- ``split-secret`` / ``split-password``: a value sent in halves (``前一半：…`` … ``后一半：…``,
  text between them allowed) whose clause before names a key (``split-secret``) or a
  password (``split-password``), the two halves together a token of letters and digits;
- ``registry-login-password`` (round 41): the value after ``-p`` on a line that runs a
  registry login (``docker login -u ci -p …``, ``helm registry login host -u ci -p …``),
  no ``|`` between them, is a password as ``command-password`` reads one (``$PASS`` and a
  variable's name in capitals are none).
- ``expect-password`` (round 51): the string an ``expect`` script sends right after a line
  that expects a password prompt (``expect "password:"``) is a password as
  ``command-password`` reads one (``$env(PASS)`` is none).
"""

from __future__ import annotations

import base64
import binascii
import re

from pipeline.rules.compiled_re import compiled

_JUNCTION_RE = compiled(r"""["'`](?:\s|\+|\\(?=\n))*["'`]""")
_PEM_PRIVATE_RE = compiled(r"-----BEGIN [A-Z0-9 ]{0,30}PRIVATE ?KEY(?: BLOCK)?-----", re.I)
_HEX_BYTE_RE = compiled(r"(?:0x|\\x)?([0-9A-Fa-f]{2})")
_OFFSET_RE = compiled(r"(?m)^\s*[0-9A-Fa-f]{6,8}:?\s")
_BASE64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
_PLACEHOLDER_RE = compiled(
    r"[<>{}\[\]]|^[*xX•·]+$|^%\w+%$|^\$|password|passwd|密码|your|changeme|example|\.\.\.",
    re.I,
)
SECRET_NAMES = ("密钥", "令牌", "私钥", "secret", "token", "key", "appsecret")
PASSWORD_NAMES = ("密码", "口令", "password", "passwd", "pwd")
_SECOND_HALF_RE = compiled(
    r"(?:后一半|后半段|后半部分|后半截|下一半|下半段|下半部分|第二段|第二部分|第二截|第2段"
    r"|second half|part ?2)(?:\s*[:：])?\s*([A-Za-z0-9!@#$%^&*_\-+/=.]{8,})",
    re.I,
)
HALVES_APART = 200  # characters from the first half's label to the second's value
NAME_BEFORE = 80  # characters before the first half where the key or password is named


def split_private_key(m: re.Match[str], text: str) -> bool:
    """The header, its string literals joined, is a private key's; not one written whole
    (the rule of ``a17-credentials.yml`` reports that)."""
    window = text[m.start() : m.start() + 240]
    if _PEM_PRIVATE_RE.match(window):
        return False
    return _PEM_PRIVATE_RE.match(_JUNCTION_RE.sub("", window)) is not None


def _hex_bytes(run: str) -> bytes:
    """The bytes of a hex dump, its offsets left out."""
    body = _OFFSET_RE.sub(" ", "\n" + run)
    return bytes(int(b.group(1), 16) for b in _HEX_BYTE_RE.finditer(body))


def _der_length(data: bytes, at: int) -> tuple[int, int] | None:
    """(length, offset of the content) of the DER element whose length byte is at ``at``."""
    if at >= len(data):
        return None
    first = data[at]
    if first < 0x80:
        return first, at + 1
    size = first & 0x7F
    if size not in (1, 2) or at + 1 + size > len(data):
        return None
    return int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def der_private_key(m: re.Match[str], text: str) -> bool:
    """The dump opens a SEQUENCE whose first element is ``INTEGER 0`` or ``1`` followed by
    an algorithm SEQUENCE (PKCS#8), an INTEGER (PKCS#1) or an OCTET STRING (SEC1), and the
    SEQUENCE is long enough to hold a key."""
    before = text[m.start() - 1 : m.start()]
    if before and (before.isalnum() or before in "_-"):
        return False
    line_end = text.find("\n", m.start())
    lines = text[m.start() : m.start() + 400 if line_end < 0 else line_end + 200]
    data = _hex_bytes(lines)
    outer = _der_length(data, 1) if data[:1] == b"\x30" else None
    if outer is None or outer[0] < 0x20:
        return False
    at = outer[1]
    return data[at : at + 3] in (b"\x02\x01\x00", b"\x02\x01\x01") and data[at + 3 : at + 4] in (
        b"\x30",
        b"\x02",
        b"\x04",
    )


def signify_secret_key(m: re.Match[str], text: str) -> bool:
    value = m.group(0).rstrip("=")
    if m.start() > 0 and text[m.start() - 1] in _BASE64_CHARS:
        return False
    try:
        data = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return data[:2] == b"Ed" and len(data) >= 100


def command_password(m: re.Match[str], text: str) -> bool:
    return _a_password(m.group(m.lastindex or 0).strip("\"'"))


_EXPECT_PROMPT_RE = compiled(r"(?im)^[ \t]*expect[ \t][^\n]{0,60}(?:passw|密码|口令)")


def expect_password(m: re.Match[str], text: str) -> bool:
    """The line before the ``send`` line (blank lines passed over) expects a password, read
    in place: copying the text before every ``send`` would grow with the square of it."""
    end = m.start()
    while end and text[end - 1] == "\n":
        end -= 1
    start = text.rfind("\n", 0, end) + 1
    return _EXPECT_PROMPT_RE.match(text, start, end) is not None and command_password(m, text)


def _a_password(value: str) -> bool:
    if len(value) < 6 or len(set(value)) <= 2 or _PLACEHOLDER_RE.search(value):
        return False
    if value.isupper() and "_" in value:
        return False  # round 41: a variable's name (``-p CI_REGISTRY_PASS``), not its value
    return not (value.isalpha() and value.islower())


def encoded_password(m: re.Match[str], text: str) -> bool:
    encoding, value = m.group(1).lower(), m.group(2)
    raw: bytes | None
    try:
        if encoding == "hex":
            raw = bytes.fromhex(value)
        elif encoding == "base32":
            raw = base64.b32decode(value.upper() + "=" * (-len(value) % 8))
        else:
            padded = value + "=" * (-len(value) % 4)
            raw = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
        decoded = raw.decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    if not decoded.isprintable() or any(c.isspace() for c in decoded):
        return False
    return _a_password(decoded)


def _halves(m: re.Match[str], text: str, names: tuple[str, ...]) -> bool:
    first = m.group(m.lastindex or 0)
    second = _SECOND_HALF_RE.search(text, m.end(), m.end() + HALVES_APART)
    if second is None:
        return False
    head = text[max(0, m.start() - NAME_BEFORE) : m.start()].lower()
    if not any(name in head for name in names):
        return False
    joined = first + second.group(1)
    return (
        len(joined) >= 16
        and any(c.isdigit() for c in joined)
        and any(c.isalpha() for c in joined)
        and _PLACEHOLDER_RE.search(joined) is None
    )


# A registry login command, from its start to the ``-p`` option (no pipe in between).
_LOGIN_RE = compiled(
    r"\b(?:docker|podman|nerdctl|buildah|skopeo|oras|helm(?: registry)?) login [^|\n]*$"
)


def registry_login_password(m: re.Match[str], text: str) -> bool:
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = text[max(line_start, m.start() - 200) : m.start() + 1]
    return _LOGIN_RE.search(before) is not None and command_password(m, text)


def split_secret(m: re.Match[str], text: str) -> bool:
    return _halves(m, text, SECRET_NAMES)


def split_password(m: re.Match[str], text: str) -> bool:
    return _halves(m, text, PASSWORD_NAMES)


VALIDATORS = {
    "split-private-key": split_private_key,
    "der-private-key": der_private_key,
    "signify-secret-key": signify_secret_key,
    "command-password": command_password,
    "encoded-password": encoded_password,
    "split-secret": split_secret,
    "split-password": split_password,
    "registry-login-password": registry_login_password,
    "expect-password": expect_password,
}
