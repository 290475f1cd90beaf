"""Hainanese (Qiongwen, as written in a tea-house chat) read as Mandarin (round 66,
issue 12).

A post in written Hainanese (``瓦讲一句``, ``鲁们先看``, ``伊兜只会啉酒``, ``有乜用``,
``鲁要无？``) hides the rules' words behind its own: ``瓦`` for 我, ``鲁`` for 你, ``伊`` for
他 (``瓦兜``, ``鲁们``, ``伊兜`` for the plurals), ``无`` for 不 before a verb and for 吗 at a
question's end, ``乜`` for 啥 (``作乜`` for 干嘛), ``个`` for 的 after a pronoun or a place,
``畀`` for 给, ``侄仔`` for 侄子, ``啉酒`` for 喝酒, ``衰人`` for 坏人. As the written-Wu,
Jianghuai, Xiang and Gan views (:mod:`pipeline.rules.wu`, :mod:`pipeline.rules.gan` …),
this view reads them as their Mandarin equivalents, the same length, so every rule reads the
sentence the writer meant.

Only where the text is Hainanese: :data:`MARKS_MIN` of its marks or more (:data:`_MARK_RE`),
which written Mandarin does not use: ``瓦`` or ``鲁`` as a speaker (before ``讲``, ``要``,
``想``, ``识``), the plurals, ``乜`` after ``有``/``讲``/``作``, ``无`` ending a question (not
``有无？``), ``来无及``, ``畀``, ``侄仔``, ``啉酒``. Not marks, and not read: a tile's ``瓦``
(``瓦片``, ``砖瓦``, ``千瓦``, ``瓦斯``, ``瓦解``), the names with ``鲁`` (``鲁迅``, ``山东``'s
``鲁``, ``齐鲁``, ``粗鲁``, ``秘鲁``, ``乌鲁木齐``), ``伊`` in a name (``伊朗``, ``伊斯兰``,
``伊犁``, ``木乃伊``), Mandarin's ``无`` (``无法``, ``无需``, ``无数``, ``无人``), the
measure word ``个`` (``一个``, ``这个``). The view is read for the rules' words only, not by
the model (:mod:`pipeline.rules.decoded`).
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled
from pipeline.rules.dialect_view import NOT_YI, DialectView

NAME = "海南话（琼文）书面字读作普通话"
MARKS_MIN = 2
# A tile's or a watt's ``瓦`` (砖瓦, 千瓦, 瓦片, 瓦斯 …), where it is no 我.
_NOT_WA_BEFORE = "砖璃青千兆万瓦碧灰土陶筒板弄秦汉片块"
_NOT_WA_AFTER = "片房解斯特罐工当匠楞蓝砾尔伦萨努时舍顶檐缸盆器砚窑垄松屋"
_WA = f"(?<![{_NOT_WA_BEFORE}])瓦(?![{_NOT_WA_AFTER}])"
# Names and words with ``鲁`` (鲁迅, 山东鲁, 齐鲁, 粗鲁, 秘鲁, 乌鲁木齐 …), where it is no 你.
_NOT_LU_BEFORE = "齐粗愚秘布普吐乌图东山卡"
_NOT_LU_AFTER = "迅莽班国菜能西南北中豫智肃滨尔花冰番木斯赛门"
_LU = f"(?<![{_NOT_LU_BEFORE}])鲁(?![{_NOT_LU_AFTER}])"
# Names with ``伊`` (伊斯兰, 伊朗, 伊犁, 伊春, 木乃伊 …), where it is no 他.
_YI = f"(?<!乃)伊(?![{NOT_YI}])"
_SAYS = "讲要想识"  # what a speaker ``瓦``/``鲁`` does first
_MARK_RE = compiled(
    f"瓦兜|瓦们|鲁兜|鲁们|伊兜|{_WA}(?=[{_SAYS}])|{_LU}(?=[{_SAYS}入])|(?<=[骂畀给找跟同])瓦(?![\\w])"
    "|(?<=[有讲作做搞])乜|(?<![有\\s])无(?=[？?])|来无及|畀|侄仔|啉酒"
)
PHRASES = {
    "瓦兜": "我们",
    "瓦们": "我们",
    "鲁兜": "你们",
    "鲁们": "你们",
    "伊兜": "他们",
    "瓦屋下": "我家里",
    "作乜": "干嘛",
    "做乜": "干嘛",
    "无？": "吗？",
    "无?": "吗?",
    "来无及": "来不及",
    "无使": "不用",
    "侄仔": "侄子",
    "啉酒": "喝酒",
    "衰人": "坏人",
    "老鸡": "婊子",
    "识得": "认识",
    "落注": "下注",
    "落毒": "下毒",
    "话事": "做主",
}
CHARACTERS = {"瓦": "我", "鲁": "你", "伊": "他", "无": "不", "乜": "啥", "个": "的", "畀": "给"}
_READ_RE = compiled(
    "瓦兜|瓦们|鲁兜|鲁们|伊兜|瓦屋下|[作做]乜|(?<![有\\s])无[？?]|来无及|无使|侄仔|啉酒|衰人"
    f"|(?<=[是个])老鸡|识得|落注|落毒|话事|{_WA}|{_LU}|{_YI}|(?<=[有讲作做搞])乜|乜(?=[都事用])"
    "|无(?=[推出要去买讲开问管想够理公好])|(?<=[瓦鲁伊兜们区镇村a-z])个|畀"
)


_VIEW = DialectView(_MARK_RE, _READ_RE, PHRASES, CHARACTERS, MARKS_MIN)
marks = _VIEW.marks  # how many Hainanese marks a text holds
read = _VIEW.read  # the text with its Hainanese read as Mandarin where it holds MARKS_MIN marks
