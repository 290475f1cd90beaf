"""Named validators of the ``pattern`` kind: what a regular expression cannot check.

A pattern rule names one (``validate: resident-id``); the finding is reported only when
the validator accepts the match. Each takes the match and the text it was found in.

- ``resident-id``: GB 11643 check digit and a real birth date (groups: year, month, day);
- ``bank-card``: 16–19 digits, a card network's first digit (3–6) and the Luhn check;
- ``uscc``: the unified social credit code of an organisation (GB 32100 check character);
- ``password-value``: the value after 密码/password looks like a password, not a word
  (group 1: the separator, last group: the value);
- ``whole-token``: not the tail of a longer Latin token (``xghp_…`` is not a GitHub token),
  unless that token is a label run into it by the squeezing (``access key AKIA…``) or a
  line number alone before it on its line (``cat -n``, ``nl``, ``12:``, ``12|``; round 29);
- ``not-an-example``: the sentence before the match does not present it as an example of
  a format (``应当标明密级，如“秘密★1年”``);
- ``base64-private-key``: a Base64 value that decodes to a PEM private key (a kubeconfig's
  ``client-key-data``; a certificate decodes too and is not a key) (round 14);
- ``basic-auth``: a Base64 value that decodes to ``user:password`` (a registry's ``auth``,
  an ``Authorization: Basic`` header) (round 14);
- ``mixed-token``: the value holds a letter and a digit (a key in a URL, not a word) (round 14);
- ``url-password``: the password in a URL is not a placeholder word (``password``) (round 14);
- ``password-column``: the cell under a table header's password column in the next row is a
  password, not empty, masked or a word (round 15; tabs and pipes as separators, round 43);
  ``secret-column``: a cell under a header's AppSecret, key or token column is a machine
  secret (round 60) — :mod:`pipeline.rules.rule_kinds.table_secrets`;
- round 24: the credentials in the forms they are pasted in (split PEM headers, DER hex
  dumps, signify and minisign secret keys, ``.pgpass`` and ``net use`` passwords, a key sent
  in halves): :mod:`pipeline.rules.rule_kinds.credential_forms`;
- round 27: the secret families of the open-source secret scanners (a label near a random
  token, WIF keys, recovery phrases, onion-service and paperkey secret keys, bot tokens):
  :mod:`pipeline.rules.rule_kinds.secret_shapes`; ``registry-auth``: a container registry's
  ``auths`` entry whose ``auth`` decodes to user:password;
- round 42: ``not-a-warning``, an emoji offer's sentence holds no word of a warning, a ban or
  a case (:mod:`pipeline.rules.rule_kinds.emoji_offers`);
- round 51: ``joined-secret``, a secret split over string literals and joined in the same code
  (:mod:`pipeline.rules.rule_kinds.joined_secret`);
- ``not-emphasis``: a run of punctuation that is not only ``!?`` emphasis (``？！``) or a run
  of three or more of them (those are opinions, 第九条第（十二）项).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Callable

from pipeline import clock
from pipeline.rules.compiled_re import compiled
from pipeline.rules.rule_kinds import (
    credential_forms,
    emoji_offers,
    joined_secret,
    secret_shapes,
    spoken,
    table_secrets,
)

Validator = Callable[[re.Match[str], str], bool]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_EXAMPLE_RE = compiled(r"标明|标注|标识|标志|例如|格式|如[“\"「]")
_EMPHASIS = frozenset("!！?？")


def id_checksum_ok(number: str) -> bool:
    """GB 11643: the 18th character of a resident identity number."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def uscc_ok(code: str) -> bool:
    """GB 32100: the 18th character of a unified social credit code."""
    code = code.upper()
    if len(code) != 18 or any(c not in _USCC_CHARS for c in code):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31] == code[17]


def _resident_id(m: re.Match[str], text: str) -> bool:
    year, month, day = (g for g in m.groups() if g is not None)
    if not id_checksum_ok(m.group(0)):
        return False
    try:
        born = dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return 1900 <= born.year <= clock.china_year()  # a newborn's, at China's new year


def _bank_card(m: re.Match[str], text: str) -> bool:
    digits = re.sub(r"[ -]", "", m.group(0))
    return 16 <= len(digits) <= 19 and digits[0] in "3456" and luhn_ok(digits)


def _uscc(m: re.Match[str], text: str) -> bool:
    return uscc_ok(m.group(0))


def _password_value(m: re.Match[str], text: str) -> bool:
    """With a separator (colon, 是, 为) any value but a short lower-case English word;
    without one (``密码Yks2026``) only a value mixing letters with digits or symbols."""
    value = m.group(m.lastindex or 0)
    if value.isalpha() and value.islower() and len(value) < 8:
        return False  # an English word, not a password
    if value.startswith("@") and not m.group(1) and text[m.start() - 1 : m.start()] == ":":
        return False  # a URL's host after a placeholder (``mysql://user:password@localhost``)
    if m.group(1):
        return True
    return any(c.isalpha() for c in value) and any(not c.isalpha() for c in value)


# Label words that the squeezed view runs into the token they name (``access key AKIA…``
# reads ``accesskeyAKIA…``, ``Bearer eyJ…`` reads ``BearereyJ…``): the token is still whole.
_TOKEN_LABELS = ("key", "bearer", "token", "secret", "id")


def _whole_token(m: re.Match[str], text: str) -> bool:
    # Checked here: a leading look-behind would be tried at every character.
    before = text[m.start() - 1] if m.start() > 0 else ""
    if not (before.isascii() and before.isalnum()):
        return True
    head = text[max(0, m.start() - 8) : m.start()].lower()
    line_start = text.rfind("\n", 0, m.start()) + 1
    numbered = _LINE_NUMBER.fullmatch(text, line_start, m.start()) is not None
    return numbered or head.endswith(_TOKEN_LABELS)


# Round 29: a line number before the token (``cat -n``, ``nl``, an editor's ``12:`` or
# ``12|``), the only thing on its line before it, is no part of it.
_LINE_NUMBER = compiled(r"[ \t]*\d{1,6}[ \t]*[:|.)]?[ \t]*")


def _not_an_example(m: re.Match[str], text: str) -> bool:
    lo = max(text.rfind(mark, 0, m.start()) for mark in "。！？；\n") + 1
    return _EXAMPLE_RE.search(text, lo, m.start()) is None


_CLAUSE_MARKS = "。！？；，,;!?\n"
ID_LABELS = ("身份证", "身份号码", "证件号")


def _labelled_id(m: re.Match[str], text: str) -> bool:
    """The identity-number label stands in the number's own clause (``身份证号：…``),
    not elsewhere in the post: an order number after ``订单号：`` in a post that also
    asks for 身份证 is no identity number."""
    lo = max(text.rfind(mark, 0, m.start()) for mark in _CLAUSE_MARKS) + 1
    clause = text[lo : m.start()]
    return any(label in clause for label in ID_LABELS)


def _not_emphasis(m: re.Match[str], text: str) -> bool:
    run = m.group()
    return not (set(run) <= _EMPHASIS and (len(run) >= 3 or len(set(run)) > 1))


_PEM_KEY_RE = re.compile(rb"-----BEGIN [A-Z0-9 ]*PRIVATE KEY")
_BASIC_RE = re.compile(rb"[\x21-\x39\x3b-\x7e]{1,64}:[\x20-\x7e]{4,}")


def _decoded(value: str) -> bytes:
    """The first bytes of a Base64 value (padding restored), or nothing if it is not one."""
    head = value[:96] if len(value) > 96 else value + "=" * (-len(value) % 4)
    try:
        return base64.b64decode(head, validate=True)
    except (binascii.Error, ValueError):
        return b""


def _base64_private_key(m: re.Match[str], text: str) -> bool:
    return _PEM_KEY_RE.match(_decoded(m.group(m.lastindex or 0))) is not None


def _basic_auth(m: re.Match[str], text: str) -> bool:
    return _BASIC_RE.fullmatch(_decoded(m.group(m.lastindex or 0))) is not None


_REGISTRY_AUTH_RE = compiled(r'"auth"\s*:\s*"([A-Za-z0-9+/]{8,}={0,2})"')


def _registry_auth(m: re.Match[str], text: str) -> bool:
    """A container registry's ``auths`` entry holds, within 400 characters, an ``auth``
    value that decodes to user:password (round 27)."""
    auth = _REGISTRY_AUTH_RE.search(text, m.end(), m.end() + 400)
    return auth is not None and _BASIC_RE.fullmatch(_decoded(auth.group(1))) is not None


def _mixed_token(m: re.Match[str], text: str) -> bool:
    value = m.group(m.lastindex or 0)
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


def _url_password(m: re.Match[str], text: str) -> bool:
    value = m.group(m.lastindex or 0)
    return not (value.isalpha() and value.islower())


VALIDATORS: dict[str, Validator] = {
    "resident-id": _resident_id,
    "bank-card": _bank_card,
    "uscc": _uscc,
    "password-value": _password_value,
    "whole-token": _whole_token,
    "not-an-example": _not_an_example,
    "not-emphasis": _not_emphasis,
    "labelled-id": _labelled_id,
    "base64-private-key": _base64_private_key,
    "basic-auth": _basic_auth,
    "mixed-token": _mixed_token,
    "url-password": _url_password,
    "registry-auth": _registry_auth,
    **credential_forms.VALIDATORS,
    **spoken.VALIDATORS,
    **secret_shapes.VALIDATORS,
    **emoji_offers.VALIDATORS,
    **joined_secret.VALIDATORS,
    **table_secrets.VALIDATORS,
}
