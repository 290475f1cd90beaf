"""Sino-Korean words in Hangul read as their Chinese (round 68, issue 12).

A Chinese post that writes the rules' words in Korean (``柴达木 독립 만세！和 중국 분열``,
``법륜대법 好，삼퇴 保平安``, ``明天 시위，…시청 앞 집회``) hides them from every rule:
a Sino-Korean word is one Hangul syllable for each of its characters (``독립`` 獨立, ``분열``
分裂, ``집회`` 集會), so it reads back as the Chinese, the same length. The Korean concepts of
:mod:`pipeline.rules.languages` read a sentence wholly in Korean; a sentence that mixes the
two languages is read by neither. This view reads the words of :data:`WORDS`, the concepts
the rules hold (independence and splitting, the state and its flag, protest and assembly,
the cult's names and its "three withdrawals", the peoples, drugs and gambling) and a few
words of time and place that frame them, as their Chinese; every other Hangul stays as
written, so it is no Korean reader.

Gated twice, so that ordinary Korean is not made into rule words:

- only in a Chinese post: the text holds :data:`HAN_MIN` Chinese characters or more (a
  Korean text is left to the Korean concepts of :mod:`pipeline.rules.languages`);
- a word is read only at the head of a Hangul word, or right after a word read
  (``법륜대법``), the particles after it left as written (``회족은``, ``집회에``); a word
  some ordinary compounds begin with is not read before them (:data:`NOT_BEFORE`: ``대법원``
  the Supreme Court, ``장족의 발전`` great strides, ``국가대표`` a national player).

Read for the rules' words only, not by the model (:mod:`pipeline.rules.decoded`).
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled

NAME = "韩文汉字词读作汉字"
HAN_MIN = 4  # Chinese characters of the post
WORDS = {
    # independence, splitting, the state
    "독립": "独立",
    "분열": "分裂",
    "분리": "分离",
    "국가": "国家",
    "국기": "国旗",
    "조국": "祖国",
    "중국": "中国",
    "정부": "政府",
    "정권": "政权",
    "공산당": "共产党",
    "전복": "颠覆",
    "타도": "打倒",
    "만세": "万岁",
    "건국": "建国",
    # protest, assembly
    "시위": "示威",
    "집회": "集会",
    "파업": "罢工",
    "폭동": "暴动",
    "시청": "市府",
    # the cult
    "법륜대법": "法轮大法",
    "법륜공": "法轮功",
    "법륜": "法轮",
    "대법": "大法",
    "삼퇴": "三退",
    "퇴당": "退党",
    "진선인": "真善忍",
    # the peoples
    "민족": "民族",
    "소수민족": "少数民族",
    "회족": "回族",
    "장족": "藏族",
    "한족": "汉族",
    "묘족": "苗族",
    "이족": "彝族",
    "조선족": "朝鲜族",
    # drugs, gambling
    "마약": "毒品",
    "도박": "赌博",
    # time
    "내일": "明天",
    "오늘": "今天",
}
# Syllables after which a word is part of an ordinary compound, not read.
NOT_BEFORE = {
    "대법": "원관",  # 대법원 Supreme Court, 대법관 justice
    "장족": "의",  # 장족의 발전 (長足) great strides
    "국가": "대유",  # 국가대표 national player, 국가유공자
    "시위": "원",
    "분리": "수배",  # 분리수거 sorting rubbish, 분리배출
    "이족": "보",  # 이족보행 walking on two legs
    "전복": "죽구",  # 전복죽 abalone porridge, 전복구이
    "만세": "력",  # 만세력 the perpetual calendar
}
_HANGUL_RUN_RE = compiled("[\uac00-\ud7a3]+")
_HAN_RE = compiled("[\u4e00-\u9fff]")
_GATE_RE = compiled("[" + "".join(sorted({word[0] for word in WORDS})) + "]")
_LONGEST = max(len(word) for word in WORDS)


def read(text: str) -> str:
    """``text`` with the Sino-Korean words of :data:`WORDS` heading its Hangul words read as
    Chinese, the same length, in a Chinese post; else ``text``."""
    if _GATE_RE.search(text) is None or len(_HAN_RE.findall(text)) < HAN_MIN:
        return text
    chars = list(text)
    for run in _HANGUL_RUN_RE.finditer(text):
        at = run.start()
        while at < run.end():
            word = _word_at(text, at, run.end())
            if word is None:
                break
            chars[at : at + len(word)] = WORDS[word]
            at += len(word)
    return "".join(chars)


def _word_at(text: str, at: int, end: int) -> str | None:
    """The longest word of :data:`WORDS` at ``at`` of a Hangul run ending at ``end``, not
    heading one of its ordinary compounds; None when none."""
    for size in range(min(_LONGEST, end - at), 1, -1):
        word = text[at : at + size]
        if word not in WORDS:
            continue
        after = text[at + size] if at + size < end else ""
        if after and after in NOT_BEFORE.get(word, ""):
            return None
        return word
    return None
