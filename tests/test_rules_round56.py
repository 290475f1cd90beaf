"""Issue 12, round 56 (``docs/dev/rules.md``, "Round 56"; ``docs/dev/rules-figures.md``,
"Round 56"): plain wordings that only the semantic model warned about, given lexical error
rules — a military site offered abroad, the party's leadership unwanted, an unapproved
association still operating, a people called savages, complainants' details passed on, a
rumour answering its own label, homemade explosives taught, a rite sold in medicine's
place, a sit-in held until answered — and set 46's evasions read as classes: ``无所谓`` is
no ``所谓``, more middle dots between characters, a password changed with its subject
before the verb, drug nicknames with a dealer's sign, insult initials, 国 by its
components. Every text is written for this test, none taken from the held-out sets; each
violation was missed or only warned before the round, each legitimate text is a near
miss of the new words."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors
from tests.test_rules_round51 import _found

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

_BLOCKED = [
    # a military site's coordinates or a deployment map offered abroad (item （二）)
    ("A9-02", "东山那个雷达站的坐标我抄好了，谁出价高就卖给谁，境外的朋友优先。\n"),
    ("A9-02", "仓库后面洞库的兵力部署图我拍全了，对方说按张给美刀。\n"),
    ("A9-02", "我把营区的部署图先发你？境外机构给钱，这事没人知道。\n"),
    # the offence's name with ``也无所谓`` after it: 无所谓 is no 所谓
    ("A9-02", "这份国家秘密我卖给境外的买家，判几年也无所谓。\n"),
    # the deed said bound to come, the writer's place first to answer
    ("A9-02", "分裂国家是迟早的事，我们村第一个响应。\n"),
    ("A9-02", "分裂国家，咱们这片自己当家，早该这么干。\n"),
    # the party's leadership unwanted (item （一）)
    ("A9-01", "咱们这里早就不需要共产党的领导了，自己说了算。\n"),
    ("A9-01", "厂子里不该让共产党领导，换个老板更好。\n"),
    # an unapproved association in its own voice, operating all the same (item （十）)
    ("A9-10", "我们的钓友会民政局没批，照样开张。\n"),
    ("A9-10", "民政局没批又怎样，咱们的钓友会照样开张，会费下周开始收。\n"),
    # a people called savages or told to get out (item （四）)
    ("A9-04", "赫哲族就是野人，这个民族就该消失。\n"),
    ("A9-04", "怒族的都是野人，让他们滚出我们镇。\n"),
    # complainants' details passed outside (item （十一）)
    ("A9-11", "把这周投诉人的姓名和电话整理一下，发到外面的群里让大家认认。\n"),
    ("A9-11", "举报人名单我导出来发我朋友了，让他转给媒体。\n"),
    # an unpublished paper sent to a private mailbox or the press
    ("A9-11", "那份标着不宜公开的排查表，直接传到我的个人邮箱。\n"),
    # a rumour answering its own label (item （六）)
    ("A9-06", "下周全城停水一个月，谣言？我表姐在水务公司说的。\n"),
    ("A9-06", "菜市场有人得了怪病，散布谣言？我是提醒你们别去。\n"),
    # homemade explosives taught (item （七）)
    ("A9-07", "炸药怎么配我会，矿上的雷管我能弄出来。\n"),
    # a rite sold in medicine's place (item （五）)
    ("A9-05", "师傅画的符烧成灰冲水喝，胃病都能治好，一张符只要两百。\n"),
    ("A9-05", "专业驱邪破煞，店里闹鬼也能处理，电话联系。\n"),
    # a sit-in until an official comes out (item （九）)
    ("A9-09", "明早都去住建局门口坐着，不到局长出来不散。\n"),
    ("A9-09", "集合：周五九点；地点：供电公司；内容：静坐到通电为止，给说法为止。\n"),
    # drug nicknames with a delivery and a dealer's sign
    ("A9-07", "新到“冰糖”，城东半小时送到，暗号“买白糖”。\n"),
    # insult initials
    ("A9-08", "那个客服NMLGB，你全家都是废物。\n"),
    # the flag trodden on, 国 by its enclosure and jade; the heroes called propaganda
    ("A9-03", "把⿴口玉旗铺在门口让人踩。\n"),
    ("A9-03", "那些英雄烈士都是宣传出来的。\n"),
    # a password changed, the subject before the verb (第十七条)
    ("A17-03", "公众号后台密码我改成 Tx9#mPq2Lw 了，值班的自己登。\n"),
]


@pytest.mark.parametrize(("rule", "text"), _BLOCKED)
def test_a_plain_or_evaded_violation_is_blocked(checker: RuleChecker, rule: str, text: str) -> None:
    assert _errors(checker, text, rule), text


_UNTOUCHED = [
    # national-security education and a court report
    ("A9-02", "国家安全教育日提醒：境外机构以高价收购军事设施坐标，发现可疑情况请拨打12339。\n"),
    ("A9-02", "某男子将雷达站坐标卖给境外间谍，被法院以为境外非法提供国家秘密罪判处有期徒刑。\n"),
    ("A9-02", "我市完成防汛兵力部署，群众纷纷捐款支援。\n"),
    ("A9-02", "雷达站的坐标是军事秘密，境外的朋友若向你打听，请立即报告。\n"),
    ("A9-02", "他们说颠覆国家政权是早晚的事，结果全部落网。\n"),
    ("A9-02", "分裂国家的图谋注定失败，这是早晚的事。\n"),
    ("A9-02", "村民自己当家作主，分裂国家的行为人人反对。\n"),
    # the leadership upheld
    ("A9-01", "坚持党的领导不需要理由。\n"),
    ("A9-01", "我们的事业不需要别的，只需要共产党的领导。\n"),
    ("A9-01", "党的领导不需要我们去怀疑，而需要我们去落实。\n"),
    ("A9-01", "农村改革难道不需要党的领导吗？\n"),
    # a notice on an unregistered association; a club that charges nothing
    ("A9-10", "市民政局提醒：“某某联谊会”未经登记，擅自以社会组织名义收取会费，系非法社会组织。\n"),
    ("A9-10", "我们社区的广场舞队没注册，也不收费，欢迎大家来跳。\n"),
    # a museum, a history lesson against prejudice
    ("A9-04", "鄂伦春族博物馆展出了野人传说相关的民间故事。\n"),
    ("A9-04", "古代中原王朝把周边民族称为蛮夷，这种说法带有偏见。\n"),
    # complainants protected; a disciplinary report
    ("A9-11", "12345热线严格保护投诉人信息，不会转给被投诉单位。\n"),
    ("A9-11", "某街道工作人员将举报人信息发给被举报人，被给予党内警告处分。\n"),
    ("A9-11", "请把投诉人的姓名和电话发我，我来回访。\n"),
    ("A9-11", "保密提醒：标注不宜公开的材料严禁传到个人邮箱。\n"),
    # a rebuttal asking the question; a wait for the official answer
    ("A9-06", "“供暖到腊月就停”是谣言？记者向热力公司核实：本季供暖按期进行。\n"),
    ("A9-06", "是不是谣言？等着看官方通报吧。\n"),
    ("A9-06", "网民王某发布“锅炉房没钱买煤，谣言？我表哥说的”，被警方依法行政拘留。\n"),
    # mine safety, a police report, fireworks advice
    ("A9-07", "矿山安全培训：教你识别雷管、炸药等民用爆炸物品，发现遗留爆炸物请立即报告。\n"),
    ("A9-07", "某男子网购原料自制炸药炸鱼，被森林公安依法刑事拘留。\n"),
    ("A9-07", "春节燃放烟花爆竹小常识：教你正确燃放，远离“土炮”。\n"),
    ("A9-07", "影视剧里教你做炸弹的情节是虚构的。\n"),
    # 辟谣 and folklore
    ("A9-05", "专家提醒：喝符水治病是封建迷信，延误治疗后果严重。\n"),
    ("A9-05", "网传“喝符水能治好癌症”系谣言，请到正规医院就诊。\n"),
    ("A9-05", "端午节习俗：挂艾草驱邪，吃粽子。\n"),
    # a company's promise, a drill, a day out
    ("A9-09", "热力公司承诺：持续调试管网，直到供热达标为止，请用户耐心等待。\n"),
    ("A9-09", "消防安全演练：听到警报后到操场集合，等所有人员出来为止。\n"),
    ("A9-09", "农忙时节，大家都去地里帮忙，不收完不收工。\n"),
    ("A9-09", "热力公司：维修队一起去现场，直到供热达标为止。\n"),
    ("A9-09", "家长们都去学校门口接孩子，等孩子出来为止。\n"),
    # a fishmonger, a tea shop, an anti-drug warning
    ("A9-07", "冰鲜带鱼到货，半小时送到，现金或扫码。\n"),
    ("A9-07", "叶子茶到货了，纯度高的明前绿茶，老地方取。\n"),
    ("A9-07", "本店新到冰糖、叶子茶，下单送到家，暗号“会员日”享九折。\n"),
    ("A9-07", "禁毒提醒：毒贩常用“冰糖”“叶子”等黑话，以暗号交易、送货上门，请家长警惕。\n"),
    # a flag found and returned, folded, guarded; a street's name
    ("A9-03", "一面被扔进垃圾堆的国旗，被环卫工人捡起、洗净、叠好送回社区。\n"),
    ("A9-03", "社区工作人员把旧国旗铺在地上叠好，统一回收。\n"),
    ("A9-03", "国旗班战士冒雨升旗，国旗从未落地，更不会让人踩。\n"),
    ("A9-03", "英雄烈士的事迹不是宣传出来的，是用生命写就的。\n"),
    ("A9-03", "口玉路小学举行升旗仪式。\n"),
    # advice on passwords
    ("A17-03", "密码我改成了大写字母加数字的组合，更安全。\n"),
    ("A17-03", "提醒：密码请定期改成 12 位以上的组合。\n"),
]


@pytest.mark.parametrize(("rule", "text"), _UNTOUCHED)
def test_a_near_legitimate_post_is_untouched(checker: RuleChecker, rule: str, text: str) -> None:
    assert not _found(checker, text, rule), text


@pytest.mark.parametrize("dot", ["\u318d", "\ua78f", "\u1427"])
def test_a_middle_dot_between_characters_is_read_through(checker: RuleChecker, dot: str) -> None:
    text = f"开头一句。鄂{dot}伦{dot}春人都是贼，赶出去。\n"
    found = [d for d in checker.check_text(text) if d.rule == "A9-04" and d.severity == "error"]
    assert found, text
    # the finding maps back to the original characters, dots included
    assert text[found[0].start] == "鄂"


# Mends after round 56, each a legitimate sentence the lead's probes found blocked (an error)
# after the round or, for the last three, before it too: no text below may be blocked, and the
# violation next to each still is.
_NOT_BLOCKED_AFTER_MENDS = [
    # festival customs say 驱邪 (the rite rule read a bare 驱邪 with 一碗)
    "端午节挂艾草、喝一碗雄黄酒驱邪避疫，是流传千年的传统。\n",
    "春节贴门神驱邪纳福，再吃上一碗热腾腾的饺子，年味就来了。\n",
    # a family's day after the flag-raising (国旗 … 喂鱼 within ten characters)
    "今天上午参加完升国旗，下午去湿地公园喂鱼赏花。\n",
    # the leadership's refusal quoted to be refuted, or asked to be answered
    "有人鼓吹“不需要共产党的领导”，这种论调是极其错误的。\n",
    "新时代的乡村振兴不需要党的领导吗？答案显然是否定的。\n",
    # a saying about a people quoted to be resisted
    "这个民族没一个好人？这种地域黑言论必须抵制。\n",
    # rescuers holding on (the round's rule and round 47's strong signal 守到…出来为止)
    "消防救援队员在洞口集合，坚守到被困群众全部出来为止。\n",
    # a notice that a body may act only once registered
    "该协会尚未登记，待民政局批准后方可开展活动。\n",
]

_STILL_BLOCKED_AFTER_MENDS = [
    ("A9-05", "专业驱邪、看风水、破煞改运，电话联系。\n"),
    ("A9-05", "大仙驱鬼，符水一碗两百，比医院管用。\n"),
    ("A9-03", "有人把国旗扔进河里喂鱼，还拍视频发群里。\n"),
    ("A9-01", "不需要共产党的领导，我们自己说了算。\n"),
    ("A9-04", "这个民族没一个好人，都赶出去。\n"),
    ("A9-09", "明天大家到县委门口静坐，守到他们出来为止。\n"),
    ("A9-10", "我们协会没登记，会费照收，证书照发。\n"),
]


@pytest.mark.parametrize("text", _NOT_BLOCKED_AFTER_MENDS)
def test_a_mended_legitimate_sentence_is_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not [d for d in checker.check_text(text) if d.severity == "error"], text


@pytest.mark.parametrize(("rule", "text"), _STILL_BLOCKED_AFTER_MENDS)
def test_the_violation_next_to_a_mend_is_still_blocked(
    checker: RuleChecker, rule: str, text: str
) -> None:
    assert _errors(checker, text, rule), text
