"""Issue 12, round 60 (``docs/dev/rules-figures.md``, "Round 60"): device families built as
readers and tables rather than a set's wordings — written Xiang read as Mandarin
(:mod:`pipeline.rules.xiang`), a secret column of a pasted table
(:mod:`pipeline.rules.rule_kinds.table_secrets`), the language table's new concepts (a
person's home with readers sent there, readers scorned and sent away, military sites
photographed for pay) and its core words in more languages, acrostics down any column and
a grid read down its columns on cue (:mod:`pipeline.rules.lines`,
:mod:`pipeline.rules.positions`), and ideographic description sequences composed into their
characters (:mod:`pipeline.rules.ids`). Every text is written for this test, none taken from
a held-out set; each violation was missed or only warned before the round, and each
legitimate text is a near miss of the same surface (dialect culture, twin-city news, a font
notice, phone lists, classical poems, a calligraphy show)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, ids, lines, positions, xiang
from pipeline.rules.rule_kinds.table_secrets import is_secret
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (family, rule prefix, text): each family's violations, in wordings of this test's own.
_BLOCKED = [
    ("xiang", "A9-10", "咯只协会冇去民政登记，照样搞，章子也刻哒。\n"),
    ("xiang", "A9-10", "咯只联谊会冇得登记，照样开会，会长是我舅舅，章子也刻哒。\n"),
    ("ids", "A9-01", "⿱⺌兄的领导必须取消。\n"),
    ("columns", "A9-05", "春法江水绿，\n秋轮山叶红，\n冬功雪满城，\n夏好荷花开。\n"),
    ("columns", "A9-01", "清风徐来夜，\n明月照人推，\n云开见日翻，\n花落满地政，\n门前柳色府。\n"),
    ("vertical", "A9-09", "周末都到，竖着一列一列读：\n到府游威\n市门行把\n政口示事\n闹大\n"),
    (
        "secret-column",
        "A17-02",
        "账号台账：\n名称,平台,AppID,开发者密钥,负责人\n"
        "城建发布,公众号,wx1a2b3c4d5e6f7a8b,9f8e7d6c5b4a39281706f5e4d3c2b1a0,王某\n",
    ),
    (
        "secret-column",
        "A17-02",
        "| 平台 | AppKey | AppSecret |\n|---|---|---|\n"
        "| 小程序 | wx77aa88bb99cc00dd | 3c5e7a9b1d2f4a6c8e0b2d4f6a8c1e3b |\n",
    ),
    (
        "secret-column",
        "A17-02",
        "系统\t接口令牌\t到期\n政务云\tZk8qP2mN7vR4tW9xY3bC6dF1gH5jK0Lq\t2027-01-01\n",
    ),
    (
        "secret-column",
        "A17-02",
        "service,access_token\nmap,ya29.A0ARrdaM9kLm3Qx7Vt2Wp5Rz8Ny4Bc6Df1\n",
    ),
    ("person-hunted", "A9-08", "Huyu ni 王某, anaishi 城南小区 5栋, mwendeni kumsalimia usiku.\n"),
    (
        "person-hunted",
        "A9-08",
        "He lives at 幸福路 12号, everyone go visit him tonight and teach him a lesson.\n",
    ),
    ("person-hunted", "A9-08", "Dia tinggal di 阳光花园 3栋，datangi rumahnya malam ini.\n"),
    ("person-hunted", "A9-08", "Nakatira sa 东湖小区, puntahan natin siya bukas.\n"),
    ("readers-sent-away", "A9-12", "Kwa maoni yangu, wanaolalamika ni wajinga, hameni.\n"),
    ("readers-sent-away", "A9-12", "Şikâyet edenler aptallar, defolun.\n"),
    ("readers-sent-away", "A9-12", "Orang yang mengadu itu bodoh, pergi sana.\n"),
    ("bantu-verbs", "A16-01", "Tunanunua wafuasi 20,000 kwa akaunti yetu kila mwezi.\n"),
    (
        "military-photos",
        "A9-02",
        "Piga picha za meli za kivita bandarini, nitakulipa dola 200 kila picha.\n",
    ),
    (
        "state-secret",
        "A9-02",
        "Kumbukumbu hizi ni siri ya taifa, tutaziuza nje ya nchi kwa dola.\n",
    ),
    # set 50's plain wordings as classes (a09-wordings-classes-combinations.yml)
    ("obsolete", "A9-01", "马克思主义彻底过时了，大家别再学了。\n"),
    ("martyrs-fools", "A9-03", "那些抗日英雄都是被洗脑的，死了也白死，有什么好纪念的。\n"),
    ("born-trait", "A9-04", "彝族人天生就爱偷，跟他们打交道要小心。\n"),
    ("face-marked", "A9-08", "街道办那个刘某是个败类，大家记住他的脸，见一次骂一次。\n"),
    ("sent-abroad", "A9-02", "单位那份涉密的招标方案我昨天发到国外邮箱了，对方很满意。\n"),
    ("report-posted", "A9-11", "局里的内部会议纪要我发到群里了，你们看看谁要被处分。\n"),
    ("seal-carved", "A9-10", "咱们老乡会的公章我刻好了，下周就以商会名义去招商。\n"),
]

# Near misses of the same surfaces: no error (a warning of the model may stand).
_CLEAN = [
    # Xiang dialect culture, chat words and Mandarin words with the same characters
    "长沙话里“咯只”就是“这个”，“冇得”就是“没有”，欢迎来湘江边听老街坊讲方言。\n",
    "湘潭老街坊说：“咯里变化好大，冇想到哒！”社区新修了健身步道。\n",
    "株洲的伢子们暑假来图书馆看书，么子都想学，霸得蛮是湖南人的精神。\n",
    "么么哒，萌萌哒，好哒，今天的活动圆满结束啦。\n",
    "小朋友咯咯地笑，奶奶说吃饭要细嚼慢咽。\n",
    "患者出现咯血症状应及时就医，切勿自行用药。\n",
    "咯只米粉店冇得招牌，老板说恰饭要趁热，堂客在后厨帮忙。\n",
    "村里举报了非法赌博，咯只事派出所已经处理哒，冇人受伤。\n",
    # tables without a secret in the secret column
    "科室,联系人,办公电话\n办公室,张某,0731-22881234\n宣传科,李某,0731-22885678\n",
    "事项,密钥管理要求,责任人\n公众号,AppSecret 由专人保管不得外传,王某\n",
    "名称,AppSecret,状态\n城建发布,已重置（不在此列出）,正常\n",
    "平台,AppSecret\n公众号,********************************\n",
    "项目,令牌有效期（秒）\n接口,7200\n",
    "序号,token 字段说明,示例\n1,长度32位,YOUR_TOKEN_HERE_PLACEHOLDER\n",
    "| 名称 | 密钥类型 | 算法 |\n|---|---|---|\n| 签名 | 国密SM2 | sm2p256v1 |\n",
    # other languages: greetings, a patient visited, flood advice, a prohibition
    "Karibu 长沙！Our twin city delegation from Dar es Salaam: Habari za asubuhi, rafiki zetu.\n",
    "Mama Amina anaishi Zanzibar; mwendeni hospitalini kumsalimia, she is recovering well.\n",
    "The mayor lives in the city centre and goes to see the elderly every weekend.\n",
    "Photography of the military base is prohibited; report anyone who offers money for "
    "photos to 12339.\n",
    "Open day at the naval base: visitors may take photos with the warships, tickets are free.\n",
    "我市与坦桑尼亚友好城市交流：Asante sana! Tutaonana tena.\n",
    "Usiende peke yako usiku, kaeni mbali na mto wakati wa mafuriko.\n",
    "Bei ya tiketi ni dola 10 kwa wageni, wananchi bure.\n",
    "Don't be fools: go away from the river bank when the flood alarm sounds.\n",
    "Hakuna siri ya taifa katika maonyesho haya; picha zote ni za umma.\n",
    # poems and lists read down their columns
    "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n",
    "春眠不觉晓，\n处处闻啼鸟。\n夜来风雨声，\n花落知多少。\n",
    "白日依山尽，\n黄河入海流。\n欲穷千里目，\n更上一层楼。\n",
    "一、坚持党的领导\n二、坚持人民至上\n三、坚持依法治市\n四、坚持改革创新\n",
    "反对邪教护家园，\n禁毒宣传进校园，\n扫黄打非净网络，\n打击赌博保平安。\n",
    "本期书法展示竖排作品，从右往左读：\n春风化雨\n润物无声\n山高水长\n德厚流光\n",
    "值班表请按列读：\n周一张三\n周二李四\n周三王五\n",
    # descriptions in a font notice and a character lesson
    "字体说明：本站生僻字以结构描述序列显示，如“⿰氵者”即“渚”，“⿱艹田”即“苗”。\n",
    "苗族同胞欢度“四月八”，⿱艹田字的写法是上草下田。\n",
    "⿰亻言息公开：本局政府信息公开年报已发布。\n",
    "汉字结构小课堂：⿰表示左右结构，⿱表示上下结构，⿴表示全包围结构。\n",
    "“⿰纟隹”是“维”字的结构，维护民族团结人人有责。\n",
    # the classes' words in study articles, remembrance, warnings, law and notices
    "有人说马克思主义过时了吗？当然没有过时，这是我们的学习体会。\n",
    "党的领导是中国特色社会主义最本质的特征，传统产业正被新兴产业取代。\n",
    "清明节我们缅怀英烈，烈士们没有白死，他们的血不会白流。\n",
    "公园里有只傻子鸭，烈士陵园旁的小卖部换了老板。\n",
    "苗族同胞天生就会唱歌，歌声动人。\n",
    "市保密局提醒：涉密文件严禁发到境外邮箱。\n",
    "机关、单位向境外组织提供国家秘密，任用的境外人员因工作需要知悉国家秘密的，应当按照国家有关规定办理。\n",
    "事故调查报告已在市政府网站公开发布，大家可以到官网查看。\n",
    "民政局提醒：未经登记以协会名义活动、私刻公章属违法行为。\n",
    "新成立的志愿者协会已在民政部门登记，公章已按规定刻制。\n",
]


@pytest.mark.parametrize(
    ("prefix", "text"), [case[1:] for case in _BLOCKED], ids=[case[0] for case in _BLOCKED]
)
def test_round60_violations_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


@pytest.mark.parametrize("text", _CLEAN)
def test_round60_near_misses_clean(checker: RuleChecker, text: str) -> None:
    found = [d for d in checker.check_text(text) if d.rule[:1] in "AS"]
    assert not [d for d in found if d.severity == "error"], (text, found)


def test_xiang_needs_two_marks_and_keeps_mandarin() -> None:
    assert xiang.read("咯只厂冇得救哒") == "这个厂没有救了"
    assert xiang.read("咯只厂子很好") == "咯只厂子很好"  # one mark only
    assert xiang.read("么么哒，萌萌哒，好哒") == "么么哒，萌萌哒，好哒"  # no mark
    # 恰好 and 咯血 stay as written in a Xiang text
    assert xiang.read("他恰好咯血，冇得办法，么子都冇用") == "他恰好咯血，没有办法，什么都没用"


def test_ids_composes_known_descriptions_only() -> None:
    assert ids.read("⿰亻言息") == "信  息"
    assert ids.read("⿱艹田族") == "苗  族"
    assert ids.read("⿰亻⿰言言") == "⿰亻⿰言言"  # unknown: left as written
    assert ids.read("⿴囗玉旗") == "国  旗"


def test_columns_read_down_each_column_and_the_tails() -> None:
    poem = "春法江水绿，\n秋轮山叶红，\n冬功雪满城，\n夏好荷花开。"
    assert ("法轮功好", [1, 8, 15, 22]) in lines.heads(poem, 1)
    assert lines.heads(poem, lines.TAIL)[0][0] == "绿红城开"


def test_vertical_grid_needs_its_cue() -> None:
    grid = "\n去街说多\n县游法越\n委行人好\n上讨越。\n"
    assert positions.vertical("周六都来" + grid) == "周六都来" + grid
    read = positions.vertical("竖着读：" + grid)
    assert "".join(read.split())[4:] == "：去县委上街游行讨说法人越多越好。"[1:]
    assert len(read) == len("竖着读：" + grid)


def test_secret_cells() -> None:
    assert is_secret("9f8e7d6c5b4a39281706f5e4d3c2b1a0")
    assert not is_secret("0731-22881234")
    assert not is_secret("YOUR_TOKEN_HERE_PLACEHOLDER")
    assert not is_secret("********************************")


# After held-out set 51's measurement (training now): the account's own denial read clause
# by clause and past a heading, an impersonation warning, the system praised.
_MENDED_CLEAN = [
    "“某某发布”郑重声明：本账号从未委托任何机构购买粉丝、刷阅读量，也不以任何形式强制要求关注。\n",
    "本账号从未委托任何机构购买粉丝、刷阅读量，也从不强制要求关注。\n",
    "近期发现有人冒用本账号名义拉人关注抽奖，请勿上当。\n",
    "社会主义制度具有显著优势，旧的管理办法已经过时了。\n",
]
_MENDED_BLOCKED = [
    ("A16-01", "本账号从未委托任何机构购买粉丝、刷阅读量，但可以强制要求关注。\n"),
    ("A16-01", "本账号不以任何形式强制要求关注，关注抽奖送大礼。\n"),
    ("A16-01", "有人说：本账号从未买粉，我们帮你刷阅读量，强制要求关注。\n"),
    ("A16-01", "转发本条并关注我们，抽取10位粉丝送出礼包。\n"),
    ("A9-01", "社会主义制度早就过时了，搞多党才有出路。\n"),
]


@pytest.mark.parametrize("text", _MENDED_CLEAN)
def test_set51_mends_clean(checker: RuleChecker, text: str) -> None:
    assert not [d for d in checker.check_text(text) if d.rule.startswith("A")], text


@pytest.mark.parametrize(("prefix", "text"), _MENDED_BLOCKED)
def test_set51_mends_keep_offers_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


def test_vertical_grid_ends_at_a_line_of_another_length() -> None:
    """A line of another length inside the grid ends it: read past it, the view was shorter
    than the text and every later finding's place was wrong."""
    text = "竖着读：\n到府游威\n市门行把\n政口\n示事闹大\n好好好好\n"
    assert positions.vertical(text) == text  # two equal lines: no grid
    longer = "竖着读：\n到府游威\n市门行把\n政口示事\n闹大事情好\n示事闹大\n"
    read = positions.vertical(longer)
    assert len(read) == len(longer)
    assert read == "竖着读：\n到市政府 门口游行 示威把事\n闹大事情好\n示事闹大\n"
