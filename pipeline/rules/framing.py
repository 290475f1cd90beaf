"""Findings that the post's framing excuses: the words quoted to condemn them.

The lexicons read context themselves (``engine.py``); the combination rules and the
semantic layer do not know the post's kind. Two frames excuse their findings here:

- in an **enforcement post** (警情通报, 辟谣, 普法, 反诈, 反邪教 …: :mod:`pipeline.rules.kinds`),
  a finding whose own sentence or a neighbouring sentence of its paragraph holds an
  enforcement or warning word (``不法分子以“无抵押、当天放款”为诱饵``, ``自觉抵制邪教``), or
  that stands inside quotation marks in a paragraph holding one (the lure quoted to warn
  of it). One such word at the top of a long paragraph does not cover an offer three
  sentences further down. Round 21: in any post, a finding of an illegal service's item in
  a paragraph that warns against what it describes (:mod:`pipeline.rules.warning`) is read
  as an enforcement post's is;
- in any post, a semantic finding on a sentence that distances itself from a quoted claim
  and refutes it (``所谓“大东亚共荣圈”不过是掩盖殖民掠夺的谎言``): ``所谓`` right before a
  quotation mark, and a word that calls the claim a lie, a scam or a pretext.
"""

from __future__ import annotations

from bisect import bisect_left

from pipeline.rules import marks
from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.kinds import ENFORCEMENT
from pipeline.rules.rule_kinds.sequence import sentence_bounds
from pipeline.rules.warning import REPORTING, WARNING_WORDS, framed_rule

ENFORCEMENT_WORDS = (
    "依法",
    "查处",
    "打击",
    "破获",
    "抓获",
    "判处",
    "涉嫌",
    "犯罪",
    "诈骗",
    "骗局",
    "不法分子",
    "犯罪分子",
    "诱饵",
    "受害人",
    "警惕",
    "谨防",
    "切勿",
    "提醒",
    "识破",
    "防范",
    "反对",
    "抵制",
    "揭穿",
    "辟谣",
    "谣言",
    "不实",
    # Round 11: a state organ's 提示 is its 提醒 (``国家安全机关提示：有境外人员以…为名``);
    # a bare 提示 is not (``温馨提示：名额有限``).
    "机关提示",
    "警方提示",
    "公安局提示",
    "派出所提示",
    "反诈中心提示",
    "法院提示",
    "检察院提示",
    # Round 20: a warning that names no organ but tells the reader what to do (``请保留证据并
    # 及时报警``, ``请勿上当``), and a court's judgment or sentence (``判处`` was there).
    "保留证据",
    "保存证据",
    "及时报警",
    "立即报警",
    "尽快报警",
    "马上报警",
    "请报警",
    "可以报警",
    "报警求助",
    "拨打110",
    "96110",
    "12377",
    "12339",
    "请勿上当",
    "切勿上当",
    "谨防上当",
    "以免上当",
    "不要上当",
    "判决",
    "宣判",
    "有期徒刑",
    "提起公诉",
    # Round 64: a gathering the police ended, reported (``有人堵住厂门讨说法，民警到场劝离``):
    # the act done to the crowd, not a word the crowd says of the police (``来劝离也别走``).
    "到场劝离",
    "予以劝离",
    "将其劝离",
    "被劝离",
    "已劝离",
    "劝离现场",
    "到场劝散",
    "被劝散",
    "已劝散",
    "被驱散",
    "带离现场",
    "到场处置",
)
_SO_CALLED = compiled(r"所谓\s*[“\"「『‘]")
REFUTING = (
    "谎言",
    "骗局",
    "诈骗",
    "骗子",
    "话术",
    "谣言",
    "不可信",
    "幌子",
    "借口",
    "掩盖",
    "不存在",
    "均属违法",
)


def paragraph(text: str, start: int, end: int) -> str:
    """The paragraph (text between blank lines) around ``start:end``."""
    lo, hi = paragraph_bounds(text, start, end)
    return text[lo:hi]


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    if len(text) >= marks.INDEXED and start >= 0 and end >= 0:
        found = marks.offsets(text, _BLANK_LINE)
        lo, hi = marks.last_before(found, start - 1), marks.first_from(found, end)
    else:
        lo, hi = text.rfind("\n\n", 0, start), text.find("\n\n", end)
    return 0 if lo < 0 else lo, len(text) if hi < 0 else hi


_BLANK_LINE = "(?=\n\n)"  # every blank line's offset, overlapping ones too


def sentence(text: str, start: int, end: int) -> str:
    lo, hi = sentence_bounds(text, start, end)
    return text[lo:hi]


def sentence_start(text: str, start: int) -> int:
    """Where the sentence around offset ``start`` begins."""
    return sentence_bounds(text, start, start)[0]


def refuted(text: str, start: int, end: int) -> bool:
    """The sentence around ``start:end`` quotes a claim as ``所谓“…”`` and refutes it."""
    s = sentence(text, start, max(start, end - 1))
    return _SO_CALLED.search(s) is not None and any(word in s for word in REFUTING)


def framed(text: str, start: int, end: int, words: tuple[str, ...] = ENFORCEMENT_WORDS) -> bool:
    """Whether an enforcement or warning word (of ``words``) covers ``text[start:end]``:
    in its sentence or a neighbouring one of the same paragraph, or anywhere in the
    paragraph when the finding is quoted (see the module's docstring)."""
    p_lo, p_hi = paragraph_bounds(text, start, end)
    if not marks.remembered(text, (p_lo, p_hi, words), lambda: _holds(text, p_lo, p_hi, words)):
        return False
    lo, hi = sentence_bounds(text, start, max(start, end - 1))
    if lo > p_lo + 1:
        lo = sentence_bounds(text, lo - 1, lo - 1)[0]
    if hi < p_hi - 1:
        hi = sentence_bounds(text, hi + 1, hi + 1)[1]
    near = text[max(lo, p_lo) : min(hi + 1, p_hi)]
    return any(w in near for w in words) or open_quote(text, p_lo, start) >= 0


def _holds(text: str, lo: int, hi: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` stands in ``text[lo:hi]``."""
    return any(text.find(w, lo, hi) != -1 for w in words)


_WARNED = ENFORCEMENT_WORDS + WARNING_WORDS + REPORTING  # round 25: a case report

QUOTES = {"“": "”", "「": "」", "『": "』", '"': '"'}
_OPENER_OF = {closer: opener for opener, closer in QUOTES.items() if closer != opener}


def open_quote(text: str, lo: int, start: int) -> int:
    """The offset of the innermost quotation mark left open in ``text[lo:start]``, or -1
    (the finding at ``start`` is quoted). Curly and corner marks nest; a straight ``"``
    closes the straight one left open last and opens one otherwise; a closing mark closes
    its own opener and any quotation of another kind opened inside it (``“a「b”`` is
    closed); a closing mark with no opener is ignored.

    In a long text the walk reads the quotation marks alone (:mod:`pipeline.rules.marks`)
    and goes on from where the last walk from ``lo`` stopped, when that was no further
    than ``start``: the findings of a paragraph come in order, and each walked the
    paragraph from its start."""
    if len(text) >= marks.INDEXED and lo >= 0 and start <= len(text):
        return _open_quote_indexed(text, lo, start)
    stack: list[int] = []
    for i in range(lo, start):
        _quote_step(text, i, stack)
    return stack[-1] if stack else -1


_QUOTE_MARK = "[" + "".join(sorted(set(QUOTES) | set(QUOTES.values()))) + "]"
_walks: dict[tuple[int, int], tuple[str, int, list[int]]] = {}  # (id(text), lo) -> the last walk
_WALKS = 64


def _open_quote_indexed(text: str, lo: int, start: int) -> int:
    found = marks.offsets(text, _QUOTE_MARK)
    first, stop = bisect_left(found, lo), bisect_left(found, start)
    walk = _walks.get((id(text), lo))
    if walk is not None and walk[0] is text and walk[1] <= stop:
        first, stack = walk[1], walk[2]
    else:
        stack = []
    for k in range(first, stop):
        _quote_step(text, found[k], stack)
    if len(_walks) >= _WALKS:
        _walks.clear()
    _walks[(id(text), lo)] = (text, stop, stack)
    return stack[-1] if stack else -1


def _quote_step(text: str, i: int, stack: list[int]) -> None:
    """Read ``text[i]`` into ``stack``, the offsets of the quotation marks left open."""
    ch = text[i]
    if ch == '"' and stack and text[stack[-1]] == '"':
        stack.pop()
    elif ch in QUOTES:
        stack.append(i)
    elif ch in _OPENER_OF:
        opener = _OPENER_OF[ch]
        for depth in range(len(stack) - 1, -1, -1):
            if text[stack[depth]] == opener:
                del stack[depth:]
                break


_OPENER_OF_CLOSER = {
    closer: next(o for o, c in QUOTES.items() if c == closer) for closer in QUOTES.values()
}


def run_start(text: str, lo: int, opened: int) -> int:
    """Where the run of closed quotations before the quotation opened at ``opened`` begins,
    or -1 when one of them has no opener after ``lo``. Each finding of a run walked it
    from its own quotation: here each place walked from is remembered."""
    walked: list[int] = []
    i = opened
    while True:
        known = marks.recall(text, (run_start, lo, i))
        if isinstance(known, int):
            i = known
            break
        walked.append(i)
        if not (i > lo and text[i - 1] in _OPENER_OF_CLOSER):
            break
        i = text.rfind(_OPENER_OF_CLOSER[text[i - 1]], lo, i - 1)
        if i < 0:
            break
    for place in walked:
        marks.remember(text, (run_start, lo, place), i)
    return i


def excuse(found: list[Detection], text: str, kind: str, semantic: bool) -> list[Detection]:
    """``found`` (combination or, with ``semantic``, semantic findings over ``text``)
    without those the post's framing excuses."""
    result: list[Detection] = []
    for d in found:
        if kind == ENFORCEMENT and framed(text, d.start, d.end):
            continue
        if framed_rule(d.rule, text, *paragraph_bounds(text, d.start, d.end)) and framed(
            text, d.start, d.end, _WARNED
        ):
            continue
        if semantic and refuted(text, d.start, d.end):
            continue
        result.append(d)
    return result
