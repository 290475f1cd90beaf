"""Split-character spellings (拆字): a character written as its components.

``氵去轮功`` writes 法 as 氵 + 去, ``车仑`` is 轮, ``犭虫`` is 独. The table lists the
characters evasive posts split; :func:`split_spellings` gives every spelling of a term
with one or more of them split (``木仓支弓单药``: two characters split in one word), which
the matcher adds to its automaton as variants.
"""

from __future__ import annotations

# character -> its components as written apart (left-right characters, and top-bottom ones
# that evasive posts describe with ⿱).
SPLITS: dict[str, tuple[str, ...]] = {
    "法": ("氵去",),
    "轮": ("车仑",),
    "功": ("工力",),
    "独": ("犭虫",),
    "赌": ("贝者",),
    "博": ("十尃",),
    "枪": ("木仓",),
    "弹": ("弓单",),
    "炮": ("火包",),
    "嫖": ("女票",),
    "娼": ("女昌",),
    "妓": ("女支",),
    "淫": ("氵㸒", "氵爫壬"),
    "裸": ("衤果",),
    "聊": ("耳卯",),
    "约": ("纟勺",),
    "毒": ("龶母",),
    "场": ("土汤",),
    "明": ("日月",),
    "好": ("女子",),
    "抢": ("扌仓",),
    "杀": ("乂朩",),
    "骗": ("马扁",),
    "黄": ("龷由八",),
    "藏": ("艹臧",),
    "疆": ("弓畺",),
    "港": ("氵巷",),
    "湾": ("氵弯",),
    "暴": ("日共氺",),
    "恐": ("巩心",),
    "邪": ("牙阝",),
    "教": ("孝攵",),
    "政": ("正攵",),
    "府": ("广付",),
    # Round 9 (issue 12): more left-right characters of insults, subversion and violence.
    "狗": ("犭句",),
    "猪": ("犭者",),
    "权": ("木又",),
    "颠": ("真页",),
    "婊": ("女表",),
    "贱": ("贝戋",),
    "妈": ("女马",),
    "娘": ("女良",),
    "炸": ("火乍",),
    "砍": ("石欠",),
    # Round 12 (issue 12): a top-bottom character, written with an ideographic description
    # character before its components (``代⿱乃子``; the description character is a separator).
    "孕": ("乃子",),
    # Round 53 (issue 12): characters that evasive posts of sets 17 and 43 describe with ⿰
    # or ⿴ before their components (``出售个人⿰亻言息``, ``⿰氵斿行示威``, ``⿴囗韦堵``; the
    # description character is a separator).
    "信": ("亻言",),
    "游": ("氵斿",),
    "围": ("囗韦",),
    # Round 56: 国 by its enclosure and its jade, the enclosure often typed as the mouth 口
    # (``⿴口玉旗扔进盐溪河里喂鱼``, set 45).
    "国": ("囗玉", "口玉"),
}


def split_spellings(key: str) -> list[str]:
    """``key`` with any non-empty set of its splittable characters written as
    components (``木仓支弹药``, ``枪支弓单药``, ``木仓支弓单药``)."""
    spellings = [""]
    for char in key:
        spellings = [s + part for s in spellings for part in (char, *SPLITS.get(char, ()))]
    return [s for s in spellings if s != key]
