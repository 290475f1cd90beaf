"""Issue 12, round 30: set 25's remaining training misses closed as techniques.

Concepts the language table lacked (a minority called thieves and shut out, an alarm with a
call to forward it, a witch and medicine refused, a blockade without permission, an
unregistered association's dues, the Church of Almighty God, a service kept for followers),
each in many languages; katakana written for a character's strokes (``カロV``), Suzhou
numerals, Armenian look-alikes in pinyin, a pinyin slug in a link; trade slang for drugs,
guns and personal data; a leak, a stroll and martyrs denied said plainly; vaccines called the
devil's mark. Every text was written for these tests; each technique has legitimate texts
of the same shape, which must stay without an error."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, script_forms
from pipeline.rules.lookalike import latin_homoglyphs
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _errors(checker: RuleChecker, text: str) -> set[str]:
    """The items with an error of the rules (a semantic score raised to an error by a strong
    word is left out: the model is not part of a clone's tests)."""
    return {
        d.rule
        for d in checker.check_text(text)
        if d.severity == "error" and not d.message.startswith("语义模型")
    }


# -- the language table: each concept in a language other than set 25's ----------------------

LANGUAGE_VIOLATIONS = [
    ("A9-04", "Ta manjšina so sami tatovi, ne zaposlujte jih in ne oddajajte jim stanovanj."),
    ("A9-04", "Ця меншина — злодії, не наймайте їх і не здавайте їм житло."),
    ("A9-04", "Тази малцинство са все крадци, изгонете ги от града."),
    ("A9-06", "Voda v meste je otrávená, úrady všetko tají. Prepošlite to všetkým!"),
    ("A9-06", "Jutri zaprli vse šole, ker je izbruhnila kuga. Delite naprej!"),
    ("A9-06", "Банките затварят утре, влоговете ще бъдат замразени. Разпратете на всички!"),
    ("A9-05", "Täna tuleb nõid, kes ajab kurjad vaimud välja; ärge kutsuge arsti."),
    (
        "A9-05",
        "A witch will drive out the evil spirits tonight; no need for a doctor, prayer heals.",
    ),
    ("A9-05", "Pridružte sa k cirkvi Všemohúceho Boha ešte dnes."),
    ("A9-05", "Join the Church of Almighty God today, the last days are here."),
    ("A9-09", "Blokirajte cestu u ponedjeljak, ne tražimo dozvolu ni od koga."),
    ("A9-09", "Let's block the road on Monday, we go without permission."),
    ("A9-10", "Naše združenje ni registrirano, a vsak član plača članarino."),
    ("A9-10", "Ühing ei ole registreeritud, kuid igaüks maksab liikmemaksu."),
    ("A9-08", "Gadaí agus bréagadóir é an múinteoir Li Wei, ná creid é."),
    ("A16-01", "Sledujte nás a zdieľajte príspevok; iba sledovatelia dostanú poradové číslo."),
    ("A16-01", "Follow us and share this post; only followers get a queue number."),
]

LANGUAGE_LEGITIMATE = [
    "Ustava prepoveduje diskriminacijo manjšin pri zaposlovanju in oddajanju stanovanj.",
    "Policija je prijela tatove, ki so kradli v trgovini.",
    "Vodárne potvrdili: voda v meste je pitná, hoax o otrávenej vode nešírte.",
    "Policija zanika govorice, da bi zaprli šole zaradi kuge; to so lažne novice.",
    "Muuseumis on näitus nõidadest ja rahvausundist keskajal.",
    "A new film tells the story of a witch in medieval Europe; see a doctor if you are ill.",
    "The road will be closed on Monday for works approved by the city council.",
    "Naše združenje je registrirano pri upravni enoti in objavlja letno poročilo o članarini.",
    "Follow us for updates; the vaccination queue is open to every resident, no account needed.",
    "Bhuaigh an múinteoir Li Wei duais don teagasc is fearr.",
]


@pytest.mark.parametrize("item,text", LANGUAGE_VIOLATIONS)
def test_language_concepts_are_read(checker: RuleChecker, item: str, text: str) -> None:
    assert item in _errors(checker, text), text


@pytest.mark.parametrize("text", LANGUAGE_LEGITIMATE)
def test_language_legitimate_stays_open(checker: RuleChecker, text: str) -> None:
    assert not {r for r in _errors(checker, text) if r.startswith(("A9", "A16"))}, text


# -- decoded views: katakana strokes, Suzhou numerals, slugs, Armenian look-alikes ------------


def test_script_forms_view() -> None:
    assert script_forms.read("原版高清カロV看片") == "原版高清加 V看片"
    assert script_forms.read("〸〦号上午〨点") == "16号上午8点"
    assert script_forms.read("〸号") == "十号"
    assert script_forms.read("カラオケに行きます") == "カラオケに行きます"  # Japanese
    assert script_forms.read("东京タワー很高") == "东京タワー很高"
    read = script_forms.read("见 https://pan.example.cn/s/chushou-gerenxinxi-yiwantiao")
    assert "出" in read and "售" in read
    english = "见 https://example.org/how-to-apply-for-housing"
    assert script_forms.read(english) == english


def test_armenian_lookalikes() -> None:
    assert latin_homoglyphs("ոеіbս wеոϳіɑո") == "neibu wenjian"
    armenian = "բարեւ ձեզ"  # an Armenian word holds no ASCII letter
    assert latin_homoglyphs(armenian) == armenian


DECODED_VIOLATIONS = [
    ("A9-07", "最新小视频，高清原版，カロV看片，男人都懂，老规矩。"),
    ("A16-01", "冲榜必备：カロ粉一元十个，包月不掉。"),
    ("A9-09", "〹〣号晚上〧点老地方'散步'，带上横幅，每栋楼至少〤个人。"),
    ("A9-13", "好东西在这 [资料](https://pan.example.cn/s/chushou-gerenxinxi-wubai-yitiao)"),
    ("A9-11", "ոеіbս wеոϳіɑո 在我这，хіе lօս 出来的，五千一份。"),
    ("A9-11", "未\u200b公\u200b开的拆迁名单先发你们，别外传。"),
    ("A9-11", "㊙密文件：新区控规图，先发群里，看完就删。"),
    ("A9-03", "英\ufff9烈都是编的，侮\ufffa辱他们又不犯法。"),
]

DECODED_LEGITIMATE = [
    "カラオケ大会のお知らせ：来週土曜日に開催します。",
    "〸月〢日社区开展“健步走”活动，欢迎报名，由街道办组织。",
    "详见 [通知](https://www.example.gov.cn/zhengwu-gongkai/anquan-shengchan-yue-huodong.html)",
    "《征收范围》已于今日正式公布，全文见政府网站。",
    "保密教育：秘密文件不得发到群里，看完就删也不行，严禁外传。",
    "清明节，我们去烈士陵园缅怀英烈，英雄事迹永远铭记。",
]


@pytest.mark.parametrize("item,text", DECODED_VIOLATIONS)
def test_decoded_forms_are_read(checker: RuleChecker, item: str, text: str) -> None:
    assert item in _errors(checker, text), text


@pytest.mark.parametrize("text", DECODED_LEGITIMATE)
def test_decoded_legitimate_stays_open(checker: RuleChecker, text: str) -> None:
    assert not {r for r in _errors(checker, text) if r.startswith(("A9", "A16"))}, text


# -- slang as combinations --------------------------------------------------------------------

SLANG_VIOLATIONS = [
    ("A9-07", "这周出'冰糖'，量大从优，私我，同城跑腿不查。"),
    ("A9-07", "新到叶子，要的私聊，包邮，老规矩不查。"),
    ("A9-13", "出料：本区车主四件套，按条算，USDT结算。"),
    ("A9-13", "出🔫，火的气的都有（懂的都懂），不走正规渠道。"),
    ("A9-05", "疫苗就是兽印，信主的一律不许打，我们教会统一拒绝接种。"),
]

SLANG_LEGITIMATE = [
    "冰糖雪梨上新，量大从优，需要的私我，包邮。",
    "秋天的叶子真美，包邮寄明信片，需要的私聊。",
    "床上四件套特价，业主凭房卡享九折，按套计价。",
    "警方通报：抓获以“叶子”“冰糖”为暗语贩毒的嫌疑人，提醒市民警惕。",
    "有人谎称疫苗是魔鬼的印记、一律不许打，这是谣言，请按时接种。",
]


@pytest.mark.parametrize("item,text", SLANG_VIOLATIONS)
def test_slang_is_read(checker: RuleChecker, item: str, text: str) -> None:
    assert item in _errors(checker, text), text


@pytest.mark.parametrize("text", SLANG_LEGITIMATE)
def test_slang_legitimate_stays_open(checker: RuleChecker, text: str) -> None:
    assert not {r for r in _errors(checker, text) if r.startswith(("A9", "A16"))}, text
