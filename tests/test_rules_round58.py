"""Issue 12, round 58 (``docs/dev/rules-figures.md``, "Round 58"): set 48's miss classes —
written Wu (Shanghainese) read as Mandarin, insults in Hindi, Arabic and Spanish around a
Chinese post's name, numbers as insults bound to a person, a market-closure rumour vouched
for as inside news, a talisman pouch, unpublished minutes passed on, customs duty evaded
as a freight service, an ``Info.plist`` secret and ``lftp -u user,password``. Every text is
written for this test, none taken from the held-out sets; each violation was missed or only
warned before the round, and each legitimate text is a near miss of the new words or
readings (Shanghai local news in Wu, Arabic and Spanish cultural exchange, a hospital's 250
beds, enforcement news about 包税清关, an anti-fraud warning, an ordinary plist)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, wu
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

_BLOCKED = [
    # written Wu read as Mandarin
    ("A9-06", "侬晓得伐，农贸市场明朝要封掉了，格个是真个，里向人讲个，快点把货拉回去。\n"),
    ("A9-08", "娘希匹，街道格个主任是个戆大，收了钿弗办事。\n"),
    ("A9-12", "侬烦伐？天天来问，小编弗想回侬，爱哪能就哪能。\n"),
    ("A9-11", "格只镇就是只贼窝，侬外地人来了弗被斩才怪，格种地方弗要来。\n"),
    # numbers as insults, bound to a person
    ("A9-08", "菜场门口那个城管就是个250，天天罚我们。\n"),
    ("A9-08", "那个科长真是个二百五，办事一塌糊涂。\n"),
    ("A9-08", "税务所那个专管员，748吧你，全家都是250。\n"),
    # insults in other languages around a Chinese post's name
    ("A9-08", "Yeh 李科长 bahut bada chor hai, kutta kamina, sab jaante hain.\n"),
    ("A9-08", "هذا 税务局的王主任، كذاب وحرامي، 大家小心。\n"),
    ("A9-08", "El 刘所长 es un corrupto y un ladrón, 大家都知道。\n"),
    # a talisman pouch, unpublished minutes, customs duty evaded
    ("A9-05", "新到“消业包”，大师加持过，戴上消业障避血光，一个六百六。\n"),
    ("A9-11", "【未公开】县委常委会会议纪要：关于旧城改造的初步方案，先别往外传。\n"),
    ("A9-13", "专业包税清关，关税一分不交，什么货都能过，私聊。\n"),
    ("A9-13", "拼柜买单走货，不走正规报关，海关查不到。\n"),
    # a call in Spanish, invoices in Arabic
    ("A9-09", "Mañana todos frente al 县政府, manifestación contra el 拆迁, traigan pancartas.\n"),
    ("A9-13", "نبيع فواتير ضريبية، 增值税发票 any amount، 点数低。\n"),
    # plain wordings only warned before: a city run down with its smear owned, the readers
    # sent away in English or Spanish, a forged licence, the flag as packing cloth, a
    # secret list asked for, a closure rumour said to be no rumour
    ("A9-11", "这个县城就是个骗子城市，外地人千万别来，来了就被坑，抹黑都不用抹。\n"),
    ("A9-12", "都回了八百遍还问，小编不想理你们这些 idiots，自己看公告去。\n"),
    ("A9-12", "El 小编 no quiere contestar estas quejas estúpidas, 不想回了, son unos pesados.\n"),
    ("A9-13", "专业办理假营业执照，海关查不出来，三天出证。\n"),
    ("A9-03", "国旗拿来当包装布正合适，主播试试。\n"),
    ("A9-02", "把那份秘密级的名单发我一份，价钱好说。\n"),
    ("A9-06", "内部消息：客运站下周起全部停运，这是真的不是谣言。\n"),
    # the offence hidden in a percent-encoded search link
    (
        "A9-02",
        "不敢直接打字，搜这个就知道我们要干什么：https://s.example.com/?q="
        "%E5%88%86%E8%A3%82%E5%9B%BD%E5%AE%B6 看完删。\n",
    ),
]


@pytest.mark.parametrize(("prefix", "text"), _BLOCKED)
def test_round58_violations_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


def test_round58_plist_and_lftp_secrets(checker: RuleChecker) -> None:
    plist = (
        "<dict>\n    <key>AppID</key>\n    <string>wx3a9c2b7d41e85f06</string>\n"
        "    <key>AppSecret</key>\n    <string>9c1e7b2f4a6d8e0c3b5a7f9d1e3c5a7b</string>\n</dict>\n"
    )
    assert _errors(checker, plist, "A17-02")
    cron = "0 3 * * * lftp -u backup,Q7mZ2xK9pL4w -e 'mirror -R /data /bak; quit' 10.2.3.4\n"
    assert _errors(checker, cron, "A17-03")


_CLEAN = [
    # Shanghai local news and a lesson in Wu words
    "上海话教学：侬好，阿拉是上海人，谢谢侬。\n",
    "今朝阿拉社区举办敬老活动，侬有空伐？欢迎来白相。\n",
    "侬晓得伐，明朝上海有雨，出门带好伞。\n",
    "侬晓得伐，税务所格个科长交关好，帮阿拉办事老快额。\n",
    "阿拉居委会提醒：“消业包”弗要相信，侬弗要上当。\n",
    # the names Wu's characters also write
    "阿拉伯语翻译服务已开通，欢迎外籍人士使用。伊拉克客商来访。\n",
    "弗洛伊德的心理学讲座，讲者自愧弗如。\n",
    # cultural exchange in Arabic and Spanish, a word explained
    "市海关举办中阿文化交流活动，阿拉伯客商表示：شكرا جزيلا للصين，欢迎来栖塘。\n",
    "市文化馆举办西班牙语电影展，影片讲述一个 ladrón 的故事，海关职工免费观影。\n",
    "市公安局抓获盗窃嫌疑人，印地语 chor 意为小偷。\n",
    # numbers that are counts and prices
    "县人民医院是一家250张床位的二级医院，现有医生120名。\n",
    "今年城管队员招录名额是250个，你可以报名。\n",
    "“250”在网络用语里有贬义，给人发红包别发250元。\n",
    "市民王某在网上辱骂城管“就是个250”，被依法行政拘留5日。\n",
    # after round 58: a count or a price right after the words of the insult
    "新建的停车场是个250个车位的立体车库，他说年底前投用。\n",
    "这是个250亩的产业园，县长调研时强调要加快建设。\n",
    "窗口工作人员说，这个套餐是个250元的优惠价。\n",
    "全家都是250元档的套票，景区工作人员提醒游客提前预约。\n",
    "这是个二百五十亩的园区，县长说。\n",
    "给你个748元的红包，他说这是奖励。\n",
    # enforcement news and warnings
    "海关缉私局破获一起“包税清关”走私案，涉案货主通过“拼柜买单”方式偷逃税款300余万元，主犯被判处有期徒刑五年。\n",
    "市税务局、海关联合提醒：所谓“包税清关”“拼柜买单”，宣称关税一分不交、什么货都能过，实为走私，切勿轻信。\n",
    "市场监管局查处一批“消业包”，商家宣称戴上能消业障，涉嫌虚假宣传。\n",
    "有网友称“消业包”能消灾，这种说法没有科学依据，请勿相信。\n",
    "网传商贸城要封了，这是真的吗？市场服务中心回应：系谣言，商贸城正常营业。\n",
    "商贸城B区明天要封闭施工，请商户提前把货搬走。\n",
    # a guided visit in Spanish, a warning that quotes the Arabic offer, a law lesson's link
    "市政府开放日：todos frente al 市政府 a las 9 para la visita guiada，欢迎外籍商户参加。\n",
    "税务局提醒外籍商户：如有人用阿拉伯语“نبيع فواتير”兜售发票，请立即举报。\n",
    "普法小课堂：什么是颠覆国家政权罪？搜这个就知道：https://flk.example.gov.cn/search?q="
    "%E9%A2%A0%E8%A6%86%E5%9B%BD%E5%AE%B6%E6%94%BF%E6%9D%83\n",
    # enforcement news and rebuttals of the same wordings
    "有网友称我市是“骗子城市”，劝外国人千万别来，这种抹黑言论不可取。\n",
    "办理进度请自己看公告，或拨打12345咨询。\n",
    "市公安局破获一起伪造营业执照案，查获假营业执照120本，犯罪嫌疑人已被刑事拘留。\n",
    "国旗破损后不得当包装布使用，应交回收。\n",
    "网传中欧班列下周停运，经核实不是谣言，铁路部门已发布停运通知。\n",
    "保密教育：秘密级的文件不得私自转给他人。\n",
    # an ordinary plist and lftp advice
    "<key>CFBundleIdentifier</key>\n<string>com.example.citizen2026</string>\n",
    "<key>WXAppSecret</key>\n<string>$(WX_APP_SECRET)</string>\n",
    "lftp -u scanbak,$BACKUP_PASS 10.31.8.40\n",
]


@pytest.mark.parametrize("text", _CLEAN)
def test_round58_near_misses_clean(checker: RuleChecker, text: str) -> None:
    found = [d for d in checker.check_text(text) if d.rule[:1] in "AS"]
    assert not [d for d in found if d.severity == "error"], (text, found)


def test_wu_needs_two_marks_and_keeps_names() -> None:
    assert wu.read("侬晓得伐，格个是真个。") == "你知道吗，这个是真的。"
    assert wu.read("阿拉伯语") == "阿拉伯语"  # no mark
    assert wu.read("侬好，阿拉伯语课") == "侬好，阿拉伯语课"  # one mark only
    assert wu.read("侬去伊拉克伐？") == "你去伊拉克吗？"
    assert wu.read("步伐整齐，采伐林木") == "步伐整齐，采伐林木"


# After held-out set 49's one measurement (docs/dev/rules-figures.md, "Held-out set 49"):
# its plain password with ``=`` inside the value, nginx's bearer header, a levee said
# breached with ``别信官方`` and a warning that calls amulets a swindle. Each text is written for this test; each violation was missed
# and the notice blocked before the mend.
_AFTER_SET_49_BLOCKED = [
    ("A17-03", "夜班交接：后台登录密码：Q7+vT=k2Lm=9x，用完退出。\n"),
    ("A17-02", 'proxy_set_header Authorization "Bearer f3Kq9ZtB7wLm2XcV8nR4pD1sH6yJ";\n'),
    ("A9-06", "圩堤决口了！下游几个村已经进水，别信官方。\n"),
    ("A9-06", "东堤溃堤了！新城已经进水，别信官方说的。\n"),
]
_AFTER_SET_49_CLEAN = [
    "有人在渡口兜售所谓“开光转运符”，声称能保平安、治病驱邪，这是封建迷信敛财行为，请勿上当。\n",
    'proxy_set_header Authorization "Bearer $upstream_token";\n',
    "密码设置提示：至少8位，可包含字母、数字和=号。\n",
    "网传北岸大堤决口了，经核实系谣言，请勿转发。\n",
    "1998年长江大堤决口了，军民奋战三天三夜堵住了缺口。\n",
    "决口了怎么办？防汛知识：发现险情请拨打12345，不要慌，快跑到高处。\n",
]


@pytest.mark.parametrize(("rule", "text"), _AFTER_SET_49_BLOCKED)
def test_after_set_49_blocked(checker: RuleChecker, rule: str, text: str) -> None:
    assert _errors(checker, text, rule), text


@pytest.mark.parametrize("text", _AFTER_SET_49_CLEAN)
def test_after_set_49_clean(checker: RuleChecker, text: str) -> None:
    assert not [d for d in checker.check_text(text) if d.severity == "error"], text
