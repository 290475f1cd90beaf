"""Issue 12, round 15 (lexical): the precision fault behind held-out set 14's one blocked
legitimate post, and the classes of its lexical cases found but only warned or missed,
each fixed as a class (a register, a container, a wording family), never as one case.
Each class has violating texts the set does not contain and legitimate texts of the same
shape; every text is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged

WARNED = {"warning"}

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# -- class 1: a rule of customs reform names the superstition it stops ------------------------

CUSTOMS = [
    # legitimate: a council's or a village's rules name what is not done; the finding is
    # lowered to a warning, as a rule that forbids what it names is (round 8, round 11)
    ("村红白理事会提醒：白事从简，不搞“跳大神”“请大仙”等活动，宴席不超过八桌。", WARNED),
    ("本村村规民约第六条：办丧事不参与“跳大神”“驱鬼辟邪”等陈规陋习。", WARNED),
    ("老人过寿从简，不组织“跳大神”，不请乐队通宵。", WARNED),
    ("本届庙会不举办“转运符”开光活动，请群众相互转告。", WARNED),
    # violating texts of the same register keep their error
    ("本周六村口跳大神，驱鬼辟邪，欢迎报名，一家一百。", BLOCKED),
    ("喜事新办说得好听，跳大神照请，驱鬼辟邪一次两百，欢迎预约。", BLOCKED),
    ("咱们不搞那些虚的，直接跳大神驱鬼，灵得很。", BLOCKED),
]

# -- class 2: a rite sold at a price or with a promise -----------------------------------------

RITES = [
    ("村口王婆大仙附体，专治小儿夜哭，喝她的符水三天包好。", BLOCKED),
    ("叫魂一次两百，孩子受了惊吓的抓紧来，灵得很。", BLOCKED),
    ("后山有人看风水，一次五百，保准旺宅。", BLOCKED),
    # the same words in a warning, a clinic's advice, a talk against them
    ("派出所提醒：有人以“驱邪”为名一次收费上千元，这是诈骗，请大家警惕。", NONE),
    ("卫生院提醒：孩子夜哭请就医，别信符水，喝符水会耽误治疗。", NONE),
    ("镇文化站举办“破除迷信、崇尚科学”讲座，揭穿“大仙附体”骗局。", NONE),
    ("县疾控提醒：流感疫苗一次接种即可，保准期内有效。", NONE),
]

# -- class 3: a neighbour branded and the crowd called to abuse them ---------------------------

BRANDED = [
    ("五组的赵桂兰是个贼，偷了食堂的米，大家见了她就吐口水。", BLOCKED),
    ("菜市场卖肉的孙强是个骗子，缺斤短两，大家路过都骂一句，别让他好过。", BLOCKED),
    ("楼下的周丽是个狐狸精，大家都去她家门口骂。", BLOCKED),
    # the same words in police, mediation and civility notices
    ("派出所提醒：抓获盗窃电动车的小偷一名，请失主认领，不要对嫌疑人家属吐口水、辱骂。", NONE),
    ("文明劝导：随地吐口水要罚款，大家见了都劝一句。", NONE),
]

# -- class 4: a stance against the guiding ideology, held by the writer -----------------------

OPPOSED = [
    ("反对马克思主义，取消党的领导，这个国家才有希望。", BLOCKED),
    ("咱们反对马克思主义，换个活法，转给村里人。", BLOCKED),
    # a rebuttal names whose stance it is
    ("坚决反对一切反对马克思主义的言行。", NONE),
    ("要批驳反对马克思主义的错误思潮。", NONE),
    ("学习会上，大家批驳了所谓“反对马克思主义”的观点。", NONE),
    ("反对形式主义、官僚主义，坚持马克思主义。", NONE),
]

# -- class 5: credentials in the containers they travel in -------------------------------------

# Made for these tests: none of them opens anything.
JWK_PRIVATE = (
    '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",'
    '"d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}'
)
JWK_PUBLIC = (
    '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",'
    '"y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}'
)
AGE_KEY = "age-secret-key-1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs"

CONTAINERS = [
    (f"签名密钥备份，下一任导入：{JWK_PRIVATE}", "A17-01", BLOCKED),
    (f"age 加密备份的身份：{AGE_KEY}", "A17-01", BLOCKED),
    (
        "平台,账号,密码,备注\n微信公众号,xianwei_wx,Qw9#kLm27x,主号\n抖音,xianwei_video,Zx8!pqR3tt,",
        "A17-03",
        BLOCKED,
    ),
    ("site,user,pwd\napp.example.gov.cn,admin,Adm1n@2026", "A17-03", BLOCKED),
    # the same containers without a secret
    (f"验签公钥（可公开）：{JWK_PUBLIC}", "A17-01", NONE),
    (
        "公钥 age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p 可以公开",
        "A17-01",
        NONE,
    ),
    ("平台,账号,密码\n微信,xianwei,******", "A17-03", NONE),
    ("平台,账号,密码,负责人\n微信,xianwei,由专人保管,王芳", "A17-03", NONE),
    ("name,url,username,password\nweibo,https://weibo.com,xian,password", "A17-03", NONE),
]

TABLES = (
    [(text, "A9-05", expected) for text, expected in CUSTOMS]
    + [(text, "A9-05", expected) for text, expected in RITES]
    + [(text, "A9-08", expected) for text, expected in BRANDED]
    + [(text, "A9-01", expected) for text, expected in OPPOSED]
    + CONTAINERS
)


@pytest.mark.parametrize(("text", "rule", "expected"), TABLES)
def test_each_class_finds_its_violations_and_leaves_its_legitimate_texts(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)
