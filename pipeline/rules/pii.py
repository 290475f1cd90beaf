"""第九条第（十一）项: personal data and secrecy stamps that must not be published.

- resident identity numbers (18 characters, GB 11643 checksum, a real birth date);
- individuals' mobile numbers (11 digits, 1[3-9]…; masked forms like 138****0000 pass);
- bank card numbers (16–19 digits, optionally grouped, Luhn check);
- secrecy stamps: 绝密★, 机密★, 秘密★ …, 密级：机密.
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.rules.detection import Detection

ARTICLE = "第九条第（十一）项"
RULE = "A9-11"

# Every pattern starts with a digit (then looks behind), so the regex engine only tries
# positions that hold one: a leading look-behind would be tried at every character.
_ID_RE = re.compile(
    r"\d(?<![0-9A-Za-z]\d)\d{5}(\d{4})(\d{2})(\d{2})\d{3}[0-9Xx](?![0-9A-Za-z])|^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[0-9Xx](?![0-9A-Za-z])"
)
_MOBILE_RE = re.compile(
    r"1(?<![\d+]1)[3-9]\d(?:[- ]?\d{4}){2}(?!\d)|^1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)"
)
_CARD_RE = re.compile(r"\d(?<!\d\d)(?:[ -]?\d){15,18}(?!\d)|^\d(?:[ -]?\d){15,18}(?!\d)")
_STAMP_RE = re.compile(r"(绝密|机密|秘密)\s*[★☆*]|密级\s*[:：]\s*(绝密|机密|秘密)")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_checksum_ok(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def _valid_birth(year: str, month: str, day: str) -> bool:
    try:
        born = dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return 1900 <= born.year <= dt.date.today().year


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


_NUMBER_RE = re.compile(r"\d[\d -]{9,}[\dXx]")  # any run long enough to be one of them


def detect(text: str) -> list[Detection]:
    found: list[Detection] = []
    # One pass finds every run of digits long enough to be a number of interest; the
    # precise patterns then look only at each run and the character on either side.
    for run in _NUMBER_RE.finditer(text):
        lo = max(0, run.start() - 1)
        found.extend(_numbers(text[lo : run.end() + 1], lo))
    return _stamps(text, found)


def _numbers(window: str, offset: int) -> list[Detection]:
    found: list[Detection] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], message: str) -> None:
        found.append(
            Detection(offset + m.start(), offset + m.end(), RULE, ARTICLE, "error", message)
        )
        taken.append(m.span())

    for m in _ID_RE.finditer(window):
        year, month, day = (g for g in m.groups() if g is not None)
        if id_checksum_ok(m.group(0)) and _valid_birth(year, month, day):
            add(m, "疑似公开了公民身份号码（校验位有效），属于不应对外公开的个人信息")
    for m in _CARD_RE.finditer(window):
        digits = re.sub(r"[ -]", "", m.group(0))
        if any(a <= m.start() < b for a, b in taken):
            continue
        if 16 <= len(digits) <= 19 and digits[0] in "3456" and luhn_ok(digits):
            add(m, "疑似公开了银行卡号（Luhn 校验有效），属于不应对外公开的个人信息")
    for m in _MOBILE_RE.finditer(window):
        if not any(a <= m.start() < b for a, b in taken):
            add(m, "疑似公开了个人手机号码；对外发布请使用单位办公电话或服务热线")
    return found


# A stamp quoted as an example of how to mark a document (保密知识: 应当标明密级，
# 如“秘密★1年”) is not a stamp on the post.
_EXAMPLE_RE = re.compile(r"标明|标注|标识|标志|例如|格式|如[“\"「]")


def _stamps(text: str, found: list[Detection]) -> list[Detection]:
    if "密" not in text:
        return found
    for m in _STAMP_RE.finditer(text):
        lo = max(text.rfind(mark, 0, m.start()) for mark in "。！？；\n") + 1
        if _EXAMPLE_RE.search(text, lo, m.start()):
            continue
        found.append(
            Detection(
                m.start(),
                m.end(),
                RULE,
                ARTICLE,
                "error",
                "出现密级标志，涉密或内部文件不得通过政务新媒体发布",
            )
        )
    return found
