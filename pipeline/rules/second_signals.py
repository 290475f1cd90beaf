"""Second signals read as classes, not as word lists (issue 12, round 38).

A plain wording the semantic layer flags is a warning; :mod:`pipeline.rules.anchored` makes
it an error when the same sentence holds one of its item's strong words. Those words were
added round by round, each the last set's wording (``去镇政府闹``, ``砍死他``, ``没在民政``),
so the next writer's (``大家快去闹``, ``带汽油去``, ``没有在民政局登记``) stayed warnings.
Round 38 reads the signals that recur across the sets as patterns of a kind of act, each
raising the items whose violation that act completes:

- *a call to storm* (``大家快去闹``, ``冲进行政楼``, ``堵路``, ``讨说法``), or *to gather* at a
  seat of authority (``明早七点县政府门口集合``, ``区政府广场，人越多越好``; a time and a
  place alone are a volunteers' notice too): every item but （十二）;
- *a threat of violence with its means* (``带刀去``, ``带汽油去``, ``一把火烧了``,
  ``同归于尽``, ``砍死``): every item but （十二）;
- *evading detection* (``不被发现``, ``被查到也别怕``, ``把监控…剪掉``): every item but （十二）;
- *an organisation or activity declared unapproved in its own voice* (``我们…未经批准的``,
  ``我们…没有在民政局登记``; a rule that names such bodies, ``未经登记的社会团体不得…``,
  declares nothing): items （五）, （九）, （十）;
- *a removal wished* (``删了最好``, ``废了才好``): items （一）, （三）;
- *contempt by comparison* (``比厕纸还不值钱``, ``就是一条狗``): items （三）, （四）;
- *a people driven out or shut out* (``赶出我们省``, ``全部撵出去``, ``一个都别招``): item （四）;
- *a person degraded* (``跟老板睡觉才``, ``就该游街``, ``烂人``) or *harassed*
  (``大家去他办公室门口骂``, ``大家都去他主页``): item （八）;
- *a run on goods or money* (``赶紧去超市抢水``, ``赶紧囤``, ``速去取``, ``明早排队``):
  item （六）.

The sentence is the compacted one the anchors read; the enforcement, warning and rebuttal
frames that excuse an anchor word (:func:`pipeline.rules.anchored.escalate`) excuse these.
"""

from __future__ import annotations

import re

_ITEMS = tuple(f"S9-{n:02d}" for n in range(1, 14) if n != 12)
_UNAPPROVED_ITEMS = frozenset({"S9-05", "S9-09", "S9-10"})
_TIME = "(?:今晚|今天|明天|明早|明晚|后天|周末|周[一二三四五六日]|[0-9一二三四五六七八九十]+点)"
_NOT_STOP = "[^，。！？；,.!?;]"
GATHER = re.compile(
    "冲进(?:去|行政|政府|办公|大楼|校|楼|会场|厂|局|院)|堵路|堵门|砸了|砸烂"
    "|(?:讨|要)(?:个)?说法|(?:大家|一起|都)(?:快|赶紧|赶快|明天|今晚)?去闹|快去闹|一起闹"
)
# A gathering (a time and a meeting place, or the more the better) is a signal only at a
# seat of authority: volunteers gather at the gate at eight too.
ASSEMBLY = re.compile(f"{_TIME}{_NOT_STOP}{{0,10}}?(?:集合|集中|碰头)|人越多越好|越多人越好")
AUTHORITY = re.compile(
    "政府|市府|县府|区府|镇府|乡府|市委|县委|区委|大院|信访|法院|检察院|公安|派出所|收费站|高速"
)
VIOLENCE = re.compile(
    "带(?:上|着)?(?:刀|菜刀|汽油|棍子|斧头|炸药)去|一把火烧|放火烧|烧了他们|同归于尽|砍死|捅死|弄死"
)
EVADING = re.compile("不被发现|别被发现|被查到也别怕|查到也不怕|监控线|监控剪|剪断监控|剪掉监控")
UNAPPROVED = re.compile(
    f"(?:未经|没有|没|不用|无需|不需要|不必){_NOT_STOP}{{0,6}}?(?:批准|审批|登记|备案|注册)"
)
# Said of the writer's own body (``我们…没有在民政局登记``); a rule or a warning that names
# unregistered bodies (``未经登记的社会团体不得…``) is no declaration.
OWN_BODY = re.compile("我们|咱们|本会|本社|本联盟|本协会")
PROHIBITING = re.compile("不得|禁止|严禁|不准|请勿|谨防|警惕|依法|取缔")
REMOVAL = re.compile("(?:删|废|撤|拆|取消)(?:了|掉)(?:最好|才好|才对|拉倒)")
CONTEMPT = re.compile(f"就是一条狗|比{_NOT_STOP}{{0,4}}?还(?:不值钱|贱|脏|臭)|连狗都不如|猪狗不如")
EXPELLED = re.compile("(?:赶|撵|轰)出(?!来)|一个都别(?:招|收|租|雇|用)|一个也不(?:招|收|租|雇|用)")
RUN = re.compile(
    "(?:赶紧|赶快|抓紧|速|快)(?:去)?(?:超市|银行)?(?:抢|囤|屯|存|取|排队)"
    "|(?:明早|明天|今晚|连夜)(?:去)?排队"
)
HARASSED = re.compile(
    f"(?:大家|都)(?:都|一起)?去{_NOT_STOP}{{0,8}}?(?:骂|闹|评论区|主页)"
    "|去(?:他|她)(?:家|单位|办公室)门口"
)
DEGRADED = re.compile("(?:跟|和)[^，。！？]{0,4}?睡(?:觉|了)才|该游街|拉去游街|烂人|贱人")
SIGNALS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (GATHER, frozenset(_ITEMS)),
    (VIOLENCE, frozenset(_ITEMS)),
    (EVADING, frozenset(_ITEMS)),
    (REMOVAL, frozenset({"S9-01", "S9-03"})),
    (CONTEMPT, frozenset({"S9-03", "S9-04"})),
    (EXPELLED, frozenset({"S9-04"})),
    (DEGRADED, frozenset({"S9-08"})),
    (HARASSED, frozenset({"S9-08"})),
    (RUN, frozenset({"S9-06"})),
)


def signal(rule: str, sentence: str) -> str | None:
    """The words of a second signal of ``rule``'s item in the compacted ``sentence``."""
    if rule in _ITEMS and AUTHORITY.search(sentence) is not None:
        m = ASSEMBLY.search(sentence)
        if m is not None:
            return m.group()
    if rule in _UNAPPROVED_ITEMS and OWN_BODY.search(sentence) is not None:
        m = UNAPPROVED.search(sentence)
        if m is not None and PROHIBITING.search(sentence) is None:
            return m.group()
    for pattern, rules in SIGNALS:
        if rule in rules:
            m = pattern.search(sentence)
            if m is not None:
                return m.group()
    return None
