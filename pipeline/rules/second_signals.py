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

Round 40 adds the classes sets 7–32 still showed in many sets each: a system's end advocated
(item （一）), a people called by a vice as a whole or driven back (（三）, （四）), concealment
claimed or the dead counted (（六）), a call to pass it on (（五）, （六）), an identity laid open
or a call to ring and abuse (（八）), an internal paper marked not for release (（二）,
（十一）), a sale's contact or a prescription waived (（七）, （十三）), an offence owned with a
shrug, registration circumvented and dues levied on households (（五）, （九）, （十）),
misfortune promised to unbelievers (（五）), a prize for following and a follower quota with
its penalty (（十六）). Round 47 adds what sets 7–39 still left warnings in several sets each:
concealment by the authorities and the dead counted by how they died, a call to pass it to the
household (（六）), a sit-in held until answered and more seats of authority (（九）), a seal
the body cut itself and its registration refused in more words (（五）, （十）), the flag put
to a rag's use and the martyrs slandered (（三）), a rite said to outdo medicine (（五）).
The classes a prohibition in the sentence turns into the rule
(``不得隐瞒``, ``请勿转发``) are :data:`GUARDED`; :func:`following` gives the next sentence.

The sentence is the compacted one the anchors read; the enforcement, warning and rebuttal
frames that excuse an anchor word (:func:`pipeline.rules.anchored.escalate`) excuse these.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled
from pipeline.rules.normalize import compact, normalise
from pipeline.rules.rule_kinds.sequence import sentence_bounds

_ITEMS = tuple(f"S9-{n:02d}" for n in range(1, 14) if n != 12)
_UNAPPROVED_ITEMS = frozenset({"S9-05", "S9-09", "S9-10"})
_TIME = "(?:今晚|今天|明天|明早|明晚|后天|周末|周[一二三四五六日]|[0-9一二三四五六七八九十]+点)"
_NOT_STOP = "[^，。！？；,.!?;]"
GATHER = compiled(
    "冲进(?:去|行政|政府|办公|大楼|校|楼|会场|厂|局|院)|堵路|堵门|砸了|砸烂"
    "|(?:讨|要)(?:个)?说法|(?:大家|一起|都)(?:快|赶紧|赶快|明天|今晚)?去闹|快去闹|一起闹"
)
# A gathering (a time and a meeting place, or the more the better) is a signal only at a
# seat of authority: volunteers gather at the gate at eight too.
ASSEMBLY = compiled(
    f"(?P<meeting>{_TIME}{_NOT_STOP}{{0,10}}?(?:集合|集中|碰头))|人越多越好|越多人越好"
)
# A meeting with a sanctioned task named right after it (``广场集合开展志愿服务``, ``门口集中
# 参加植树``) is a volunteers' or a drill's notice; the more-the-better call and the calls to
# storm (:data:`GATHER`, :data:`PERSISTING`) are not excused by it.
TASKED = compiled(
    "[，,]?(?:后)?(?:统一)?(?:开展|参加|进行|参与)?"
    f"{_NOT_STOP}{{0,6}}?(?:志愿服务|志愿活动|义务劳动|植树|清扫|捡拾垃圾|升旗仪式|义诊|献血|"
    "应急演练|消防演练|疏散演练)"
)
AUTHORITY = compiled(
    "政府|市府|县府|区府|镇府|乡府|市委|县委|区委|大院|信访|法院|检察院|公安|派出所|收费站|高速"
    # Round 47: the seats sets 35 and 37 named (``州府门口``, ``管委会门口``).
    "|州府|州委|管委会|街道办|网格中心"
)
# Round 47: a sit-in held until the demand is met, a seat of authority or not (``人齐了就坐下
# 不走``, ``不解决就不走``, ``站满为止``, ``堵到他们答应为止``, ``坐一整天``, ``人越多他们越不
# 敢拦``): item （九）. Mend after round 56: not a rescuer's ``坚守到被困群众全部出来为止``.
PERSISTING = compiled(
    "不解决(?:就)?不走|(?:坐下|坐着|躺下)不走|(?:站|坐|挤)满为止|坐(?:一|上一)?整天|坐一天"
    f"|(?:堵|坐|闹|(?<![坚值])守|等|喊)到{_NOT_STOP}{{0,10}}?(?:答应|回应|出来|给说法|解决){_NOT_STOP}{{0,2}}?为止"
    "|人越多(?:他们|领导|上面)越(?:不敢|怕)"
)
VIOLENCE = compiled(
    "带(?:上|着)?(?:刀|菜刀|汽油|棍子|斧头|炸药)去|一把火烧|放火烧|烧了他们|同归于尽|砍死|捅死|弄死"
)
EVADING = compiled("不被发现|别被发现|被查到也别怕|查到也不怕|监控线|监控剪|剪断监控|剪掉监控")
UNAPPROVED = compiled(
    f"(?:未经|没有|没|不用|无需|不需要|不必|不经|不去|冇){_NOT_STOP}{{0,6}}?(?:批准|审批|登记|备案|注册)"
)
# Said of the writer's own body (``我们…没有在民政局登记``); a rule or a warning that names
# unregistered bodies (``未经登记的社会团体不得…``) is no declaration. Round 47: a body that
# speaks as itself (``本委员会``) or takes members (``入会交三百块``) is the writer's own.
OWN_BODY = compiled("我们|咱们|本会|本社|本联盟|本协会|本委员会|本联合会|本组织|入会交|入会费")
# Round 47: a seal the body cut for itself (``公章已自行刻制``, ``印章已刻好``, ``自己刻了章``):
# items （五）, （十）; an office's notice of a seal replaced names its issuer and its old seal.
SEAL = compiled(
    "(?:公章|印章|章子)(?:已经|已|都)?(?:自行|自己|私自)?(?:刻好|刻制|刻了)"
    "|(?:自己|自行|私自|私下)刻(?:了|个|一个|好)?(?:公章|印章|章)"
)
# Round 47: the flag put to a rag's use or called a rag (``红旗拿来擦电动车``, ``拿去垫车斗``,
# ``当抹布``, ``破国旗``, ``这破旗``): item （三）. A rule against the use (``不能拿来擦``) names
# it and raises nothing.
_UNFORBIDDEN = "(?<!不能)(?<!不要)(?<!不得)(?<!不可)(?<!禁止)(?<!严禁)(?<![别勿])"
FLAG_RAG = compiled(
    f"{_UNFORBIDDEN}(?:拿去|拿来|用来)(?:烧了|垫|擦)"
    f"|{_UNFORBIDDEN}(?:当|当作|当成)(?:抹布|坐垫|擦脚布|擦车布)|破(?:国旗|红旗|旗子)|这破旗"
)
# Round 47: a charm or a rite said to outdo medicine or science (``比气象台还准``, ``比那些家庭
# 医生管用多了``, ``比检修灵多了``): item （五）.
OUTDONE = compiled(
    f"比{_NOT_STOP}{{0,4}}?(?:医院|医生|吃药|打针|气象台|检修|科学|专家)"
    "(?:还|更|都)?(?:准|灵|管用|有用|有效)"
)
# Round 47: the martyrs slandered or their history called invented (``烈士也就是一群炮灰``,
# ``抗联烈士都是土匪``, ``英雄事迹都是编的``, ``讲的抗战全是编的``): item （三）. A rebuttal of
# such words (``所谓“…都是编的”``) keeps its frame (:mod:`pipeline.rules.anchored`).
SLANDERED = compiled(
    f"(?:烈士|英烈|先烈|英雄|抗联|红军){_NOT_STOP}{{0,4}}?(?:都是|就是|全是|也就是|不过是)"
    "(?:一群|一帮|些)?(?:土匪|炮灰|骗子|傻子|土包子)"
    f"|(?:抗战|抗日|英雄事迹|烈士事迹|英雄|烈士|大屠杀){_NOT_STOP}{{0,4}}?(?:都|全)是(?:编的|假的|瞎编)"
)
PROHIBITING = compiled("不得|禁止|严禁|不准|请勿|谨防|警惕|依法|取缔")
REMOVAL = compiled("(?:删|废|撤|拆|取消)(?:了|掉)(?:最好|才好|才对|拉倒)")
CONTEMPT = compiled(f"就是一条狗|比{_NOT_STOP}{{0,4}}?还(?:不值钱|贱|脏|臭)|连狗都不如|猪狗不如")
EXPELLED = compiled(
    "(?:赶|撵|轰)出(?!来)|一个都别(?:招|收|租|雇|用)|一个也不(?:招|收|租|雇|用)"
    # Round 40: driven back or beaten on sight (``全部赶回去``, ``滚回老家``, ``见一个打一个``).
    "|(?:赶|撵|轰|滚)回(?:去|老家|原籍|草原|山里|他们)|见一个打一个|一个都不能(?:留|信|要)"
)
# Round 42: a time and the queue may stand a few characters apart (``明天一早都去排队``).
RUN = compiled(
    "(?:赶紧|赶快|抓紧|速|快)(?:去)?(?:超市|银行)?(?:抢|囤|屯|存|取|排队)"
    f"|(?:明早|明天|今晚|连夜|一早|一大早){_NOT_STOP}{{0,5}}?排队"
)
HARASSED = compiled(
    f"(?:大家|都)(?:都|一起)?去{_NOT_STOP}{{0,8}}?(?:骂|闹|评论区|主页)"
    "|去(?:他|她)(?:家|单位|办公室)门口"
)
DEGRADED = compiled("(?:跟|和)[^，。！？]{0,4}?睡(?:觉|了)才|该游街|拉去游街|烂人|贱人")
# Round 40: the classes sets 7–32 showed still missing.
# A system's end advocated in the writer's voice (``必须放弃``, ``坚决反对``, ``尽快抛弃``,
# ``必须下台``); a sentence that condemns the advocacy (``坚决反对…错误思潮``) or refuses it
# (``决不能放弃``) advocates nothing.
ADVOCATED = compiled(
    "(?:必须|应当|应该|尽快|坚决|早该|就该|早就该)(?:要|被|彻底|全面)?"
    "(?:放弃|抛弃|废除|推翻|反对|取代|结束|下台|打倒)"
)
CONDEMNING = compiled("错误|思潮|虚无主义|敌对|言论|谬论|观点|不能|不可|决不|绝不|坚持|维护")
# A people called by a vice as a whole (``天生就是恐怖分子``, ``又脏又懒``).
ESSENTIALISED = compiled(
    "(?<![不非])(?<!不是)天生(?:就)?(?:是)?(?:恐怖分子|骗子|小偷|贼|罪犯|劣等|下等|低人一等|坏种|懒)"
    "|又(?:脏|懒|臭|蠢|笨)又(?:脏|懒|臭|蠢|笨)"
)
# Concealment claimed (``官方一直在隐瞒``, ``封锁消息``, ``还没通报``) or deaths counted in
# speech (``已经死了好几个人``; a report says ``造成三人死亡``).
CONCEALED = compiled(
    "隐瞒|瞒着|封锁消息|锁消息|捂盖子|秘而不宣|压着不报|不敢(?:说|报|公布)|还没(?:有)?通报"
    "|不让(?:说|报道|发)|死了(?:好|十|几|[0-9一二三四五六七八九十两]+)[^，。！？]{0,2}?人"
    # Round 47: the authorities said to hush it up in speech (``官方在捂``, ``上面瞒到冇讲``,
    # ``消息被封锁了``) and the dead counted by the way they died (``吃死两个学生``,
    # ``淹死好多人``, ``死了两个小孩``, ``死了几十个``).
    "|(?:官方|上面|政府|领导|当局)(?:一直|还|都|正)?(?:在)?(?:捂|瞒|压着|压下)"
    "|消息(?:被|都被|全被)(?:封锁|封了|压|捂|删)"
    "|(?:[吃淹炸砸烧毒压撞]死|死了)(?:好多|好几|几|[0-9一二三四五六七八九十两百]+)[^，。！？]{0,3}?"
    "(?:人|个|名|学生|小孩|孩子|工人|老人)"
)
# A call to pass it on (``快转发``, ``转发给家人``, ``互相转告``, ``宁可信其有``).
SPREAD = compiled(
    "(?:快|赶紧|赶快|大家|都)(?:去)?转(?:发|告)|互相转告|宁可信其有"
    "|转(?:发)?(?:给|到)(?:家人|亲人|亲友|朋友|[一二两三四五六七八九十0-9]+个)"
    # Round 47: to one's whole household or to everyone (``转给你家里人``, ``转给所有人``), and
    # the reader shamed for not passing it on (``不转不是汐州人``).
    "|转(?:发)?(?:给|到)(?:你|你们)?(?:的)?(?:家里人|家里的人|全家|所有人|每个人|身边所有人)"
    "|不转(?:发)?(?:就)?不是"
)
# A person's identity laid open (``身份证号和家庭住址我全发出来了``) or a call to ring them.
EXPOSED = compiled(
    "(?:身份证号|住址|电话号码|手机号)[^。！？]{0,12}?(?:发出来|贴出来|公开了|曝光了)"
    f"|(?:大家|都)(?:一起)?(?:打电话|打爆|打给){_NOT_STOP}{{0,6}}?(?:骂|闹|骚扰)|打爆(?:他|她)"
)
# An internal paper marked as not for release (``不对外``, ``🈲外传``, ``还没宣判``).
_UNRELEASED = "(?:不对外|外传|还没(?:有)?(?:公开|公布|宣判|发布)|尚未公开|未公开)"
WITHHELD = compiled(
    f"(?:内部|机密|秘密)[^。！？]{{0,60}}?{_UNRELEASED}"
    f"|{_UNRELEASED}{_NOT_STOP}{{0,12}}?内部(?:通报|文件|资料|合议|记录|名单|材料)"
)
# A sale's delivery or contact, or a prescription waived (``可代发全国``, ``同城闪送``,
# ``私聊``, ``无需处方``): items （七）, （十三）, whose violations are trades.
OFFERED = compiled(
    "代发|包邮|发全国|同城(?:闪送|配送|送货)|闪送|私聊|私我|加微|加v|v[:：]|微信[:：]"
    "|货到付款|量大从优|(?:无需|不用|免|不要)处方"
)
# An offence owned with a shrug (``违法就违法``, ``犯法又咋了``).
OWNED = compiled(
    "(?:违法|犯法|犯罪)(?:就|又|也)(?:违法|犯法|犯罪|怎样|怎么样|怎么了|咋了|咋样|无所谓|认了)"
)
# Registration circumvented (``绕开宗教事务局登记``): items （五）, （九）, （十）; dues
# levied on households or collected regardless (``每户交五百元会费``, ``照收会费``): items
# （五）, （十）. Members' dues by a charter (``会员每人每年缴纳会费``, ``依照章程收会费``)
# and a warning that someone collects dues (``有人…收取会费``) levy nothing.
CIRCUMVENTED = compiled(f"(?:绕开|绕过|避开|躲开){_NOT_STOP}{{0,8}}?(?:登记|审批|备案|监管)")
DUES = compiled(
    f"(?:每户|每家)(?:交|收|缴)?{_NOT_STOP}{{0,6}}?(?:会费|会飞)"
    "|(?:会费|会飞)(?:每户|每家)|照(?:样)?收(?:会费|会飞)"
)
# Misfortune promised to whoever does not pay, believe or pass it on (``不信的人今年都要遭灾``,
# ``不交的家里会出事``, ``勿入会要倒霉``): item （五）.
CURSED = compiled(
    f"(?:不|勿|没)(?:交|信|转|入会|加入|拜){_NOT_STOP}{{0,10}}?(?:都|也|就)?"
    "(?:会|要|就|必|准)(?:出事|倒霉|遭灾|遭殃|遭报应|有报应|得病|生病)"
)
# Item （十六）'s two acts: a prize for following or forwarding (``转发抽奖``, ``抽20位送``,
# ``揪三位送``, ``关注就送``), and a follower quota laid on staff with its penalty
# (``未达标者``, ``拉不够的``, ``整不够的月底扣钱``). An account that says it runs no such
# thing (``不开展“关注转发抽奖”活动``) refuses the words (``anchored``, round 16), and a draw
# that asks for no following (``随机抽取一百名赠送…无需转发，无需关注``) is a quiz's prize.
_COUNT = "[0-9一二三四五六七八九十两百]+"
PRIZE = compiled(
    f"抽奖|抽jiang|抽(?:取)?{_COUNT}(?:位|名|个)|揪{_COUNT}位|(?:就|即|免费)送|奖品"
    "|送(?:年货|大礼包|礼品|礼包|小卡)"
)
UNCONDITIONAL = compiled("(?:无需|无须|不用|不必|不需|不需要|不要求)(?:转发|关注|点赞|分享)")
QUOTA = compiled(
    f"未达标|不达标|(?:拉|整|点|凑)不够|完不成的|扣(?:钱|工资|奖金|绩效)|(?:每人|每位|每个人){_NOT_STOP}{{0,8}}?拉{_COUNT}"
)
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
    (ESSENTIALISED, frozenset({"S9-03", "S9-04"})),
    (OWNED, frozenset(_ITEMS)),
    (CURSED, frozenset({"S9-05"})),
    (QUOTA, frozenset({"S16"})),
    (PERSISTING, frozenset({"S9-09"})),
)
# Signals that a prohibition in the same sentence turns into the rule itself (``不得隐瞒``,
# ``请勿转发``, ``不得公开他人住址``, ``严禁外传内部文件``, ``不得无需处方销售``).
GUARDED: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (CONCEALED, frozenset({"S9-06"})),
    (SPREAD, frozenset({"S9-05", "S9-06"})),
    (EXPOSED, frozenset({"S9-08"})),
    (WITHHELD, frozenset({"S9-02", "S9-11"})),
    (OFFERED, frozenset({"S9-07", "S9-13"})),
    (CIRCUMVENTED, _UNAPPROVED_ITEMS),
    (DUES, frozenset({"S9-05", "S9-10"})),
    (SEAL, frozenset({"S9-05", "S9-10"})),
    (FLAG_RAG, frozenset({"S9-03"})),
    (OUTDONE, frozenset({"S9-05"})),
    (SLANDERED, frozenset({"S9-03"})),
)


def signal(rule: str, sentence: str) -> str | None:
    """The words of a second signal of ``rule``'s item in the compacted ``sentence``."""
    if rule in _ITEMS and AUTHORITY.search(sentence) is not None:
        for m in ASSEMBLY.finditer(sentence):
            if m.group("meeting") is None or TASKED.match(sentence, m.end()) is None:
                return m.group()
    if rule in _UNAPPROVED_ITEMS and OWN_BODY.search(sentence) is not None:
        m = UNAPPROVED.search(sentence)
        if m is not None and PROHIBITING.search(sentence) is None:
            return m.group()
    if rule == "S9-01" and CONDEMNING.search(sentence) is None:
        m = ADVOCATED.search(sentence)
        if m is not None:
            return m.group()
    if PROHIBITING.search(sentence) is None:
        for pattern, rules in GUARDED:
            m = pattern.search(sentence) if rule in rules else None
            if m is not None:
                return m.group()
    if rule == "S16" and UNCONDITIONAL.search(sentence) is None:
        m = PRIZE.search(sentence)
        if m is not None:
            return m.group()
    for pattern, rules in SIGNALS:
        if rule in rules:
            m = pattern.search(sentence)
            if m is not None:
                return m.group()
    return None


def following(text: str, end: int) -> str:
    """The compacted sentence after the one ending at ``end`` in ``text``, when it stands in
    the same paragraph (no line break between), or ``""`` (round 40: the slur's sentence and
    the call to drive them out, ``…讲民族团结？把他们全赶出城不行吗？``)."""
    lo, hi = sentence_bounds(text, end, end)
    if lo != end or "\n" in text[end : hi + 1] or hi <= lo:
        return ""
    return compact(normalise(text[lo : hi + 1])).text
