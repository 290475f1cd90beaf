"""Personal data minimised before anything is stored (第九条（十一）).

The platform user id is replaced by a keyed hash (HMAC-SHA256 with the unit's salt, which
lives outside the repository in ``GOVMEDIA_INTERACTION_SALT``): the same citizen gets the
same pseudonym, so duplicates fold, but the id cannot be recovered from the repository.
Long digit runs (mobile numbers, identity numbers, bank cards) are masked in the text.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import re

from pipeline import redact
from pipeline.errors import ConfigError

SALT_ENV = "GOVMEDIA_INTERACTION_SALT"
MIN_SALT = 16
# 7 or more digits (any script's, or written as Chinese numerals), each pair at most two
# separators apart (spaces of any width, dashes, dots, slashes, brackets, commas, invisible
# format characters), an X for identity numbers; a letter before or after does not save it
# (``tel13800138000``): conservative on purpose — a citizen's number is never kept, a
# masked date costs nothing. Only spaces and dashes were read before red team round 44, so
# ``138.0013.8000`` or a zero-width space between the groups reached the inbox whole.
_DIGIT = r"[\d〇零一二三四五六七八九幺]"
_SEPARATOR = (
    r"[\s\-\u2010-\u2015\u2212\uff0d.\uff0e\u00b7\u30fb_/\uff0f\\、,\uff0c()\uff08\uff09"
    r"\[\]【】\u200b-\u200f\u2060-\u2064\ufeff\u00ad]"
)
_NUMBER_RE = re.compile(rf"{_DIGIT}(?:{_SEPARATOR}{{0,2}}{_DIGIT}){{6,}}[XxＸｘ]?")
MASK = "［号码已隐去］"


def salt_from_env(env: dict[str, str] | None = None) -> str:
    """The per-unit salt; a ConfigError in Chinese when it is missing or too short."""
    value = (os.environ if env is None else env).get(SALT_ENV, "")
    if len(value) < MIN_SALT:
        raise ConfigError(
            f"未设置 {SALT_ENV}（至少 {MIN_SALT} 个字符）：网民的平台账号只以加盐散列保存，"
            "盐值须由管理员保存在仓库之外（第九条第（十一）项）。"
        )
    redact.register(value)
    return value


@functools.lru_cache(maxsize=65536)
def pseudonym(salt: str, platform: str, user_id: str) -> str:
    """A stable pseudonym of a platform user: ``u-`` and 16 hex digits of a keyed hash
    (cached: the same citizens write again and again)."""
    digest = hmac.new(salt.encode(), f"{platform}:{user_id}".encode(), hashlib.sha256)
    return "u-" + digest.hexdigest()[:16]


def mask_numbers(text: str) -> str:
    """The text with every long digit run (phone, identity or card number) masked."""
    return _NUMBER_RE.sub(MASK, text)
