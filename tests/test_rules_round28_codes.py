"""Issue 12, round 28: decoded views read as techniques — markup and code between
characters, one separator repeated between them, bytes in any hexadecimal notation and
encoding, Base64/58/45, letters in look-alike alphabets, on other keyboard layouts, in Morse
of other symbols, ROT47 and a Vigenère key the text gives, and a reading order the text
names.

Every text here is written for these tests (none is a held-out case); each encoded text is
built from a plain sentence the lexicons block. Each technique has legitimate texts of the
same shape (colour codes, a Base64 image, LaTeX formulas, code samples, a poetry lesson),
which stay quiet."""

from __future__ import annotations

import base64

import pytest

from pipeline.rules import RuleChecker, byte_runs, decoded, letter_forms, markup_view, positions
from tests.test_rules_round12_evasion import BLOCKED, checker, judged

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

PLAIN = "推翻社会主义制度"  # blocked in plain characters (A9-01)
PINYIN = "tuifan shehuizhuyi zhidu"
CALL = "，大家一起转发。"


def _findings(checker: RuleChecker, text: str) -> list[tuple[str, str]]:
    return [(d.rule, d.severity) for d in checker.check_text(text) if not d.rule.startswith("A10")]


def test_the_plain_sentence_is_blocked(checker: RuleChecker) -> None:
    judged(checker, PLAIN + CALL, "A9-01", BLOCKED)


# --- markup and code between characters -------------------------------------------------


def _latex(text: str) -> str:
    return "$" + "\\,".join(f"\\text{{{c}}}" for c in text) + "$"


def _bbcode(text: str) -> str:
    return "".join(f"[b]{c}[/b]" for c in text)


def _joined(text: str) -> str:
    return "const s = [" + ", ".join(f'"{c}"' for c in text) + '].join("");'


MARKUP = [
    _latex(PLAIN) + CALL,
    _bbcode(PLAIN) + CALL,
    "<!-- -->".join(PLAIN) + CALL,
    "<ruby>" + "".join(f"{c}<rt>x</rt>" for c in PLAIN) + "</ruby>" + CALL,
    _joined(PLAIN) + " // 大家一起转发",
    "'" + "' + '".join(PLAIN) + "'" + CALL,
    "【】".join(PLAIN) + CALL,
    "\x1b[0m".join(PLAIN) + CALL,
    "**".join(PLAIN) + CALL,  # Markdown emphasis: read by the main view before this round
]


@pytest.mark.parametrize("text", MARKUP)
def test_markup_and_code_between_characters_are_read(checker: RuleChecker, text: str) -> None:
    judged(checker, text, "A9-01", BLOCKED)


LEGIT_MARKUP = [
    "圆的面积公式：$S = \\pi r^2$，其中 $\\text{半径}\\,r$ 以米计，$\\text{面}\\text{积}$ 以平方米计。",
    '示例代码：const title = ["政务", "公开"].join("")；print("你好" + "世界")',
    "论坛公告：[b]防汛[/b]期间请[i]注意[/i]安全，[url=https://example.gov.cn]详情[/url]。",
    '<p>天气<b>晴</b>转<i>多云</i>，<span style="color:red">注意</span>防暑。</p>',
    "请用 **加粗** 标出 *重点* 的_词语_，~~删除~~旧的表述。",
]


@pytest.mark.parametrize("text", LEGIT_MARKUP)
def test_legitimate_markup_and_code_stay_quiet(checker: RuleChecker, text: str) -> None:
    assert _findings(checker, text) == []


def test_markup_view_reads_the_characters_where_they_are_written() -> None:
    text = _bbcode("示威") + "。"
    view = markup_view.read(text)
    assert len(view) == len(text)
    assert "".join(view.split()) == "[b]示威[/b]。"


@pytest.mark.parametrize("sep", ["⸱", "｡", "～", "・", "|"])
def test_one_separator_repeated_between_characters_is_read(checker: RuleChecker, sep: str) -> None:
    judged(checker, sep.join(PLAIN) + CALL, "A9-01", BLOCKED)


@pytest.mark.parametrize("text", ["分组：甲/乙/丙/丁，每组五人。", "方位：东、南、西、北。"])
def test_a_list_of_single_characters_stays_quiet(checker: RuleChecker, text: str) -> None:
    assert _findings(checker, text) == []


# --- bytes and base-N -------------------------------------------------------------------


def _colours(text: str) -> str:
    return " ".join("#" + c.encode("utf-8").hex().upper() for c in text)


def _spaced(data: bytes) -> str:
    return " ".join(f"{b:02X}" for b in data)


BYTES = [
    "照着解：" + _colours(PLAIN) + CALL,
    "这串是大五码：" + _spaced("推翻社會主義制度".encode("big5")) + CALL,
    "这串是国标码：" + ",".join(f"0x{b:02x}" for b in PLAIN.encode("gbk")) + CALL,
    "邮件原文：" + "".join(f"={b:02X}" for b in PLAIN.encode("utf-8")) + CALL,
    "解码看：" + base64.b64encode((PLAIN + "，走吧").encode()).decode() + CALL,
]


@pytest.mark.parametrize("text", BYTES)
def test_bytes_in_any_notation_are_read(checker: RuleChecker, text: str) -> None:
    judged(checker, text, "A9-01", BLOCKED)


def _base58(data: bytes) -> str:
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = alphabet[rest] + out
    return out


def _base45(data: bytes) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    out = ""
    for i in range(0, len(data), 2):
        chunk = data[i : i + 2]
        value = int.from_bytes(chunk, "big")
        digits = 3 if len(chunk) == 2 else 2
        for _ in range(digits):
            value, rest = divmod(value, 45)
            out += alphabet[rest]
    return out


@pytest.mark.parametrize("encode", [_base58, _base45])
def test_base58_and_base45_are_read(encode: object) -> None:
    assert callable(encode)
    token = encode(PLAIN.encode("utf-8"))
    text = f"看这串：{token}（自己解）"
    view = byte_runs.read(text)
    assert "".join(view.split()).startswith("看这串：" + PLAIN)


LEGIT_BYTES = [
    "页面主色调改为 #E5E5E5 #CCCCCC #336699 #FF6600，按钮用 #1E90FF。",
    "网卡地址 AA:BB:CC:DD:EE:FF，校验值 3f5a9c0b7e2d4f6a8b1c3e5d7f9a0b2c，请核对。",
    '配图：<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">',
    "地址格式示例：1BoatSLRHtKNngkdXEeobR76b53LETtpyT（仅为格式说明）",
    "订单号 5F3A9C2B7D，设备序列号 K9X2-7QPL-3MZD，健康码 HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH。",
]


@pytest.mark.parametrize("text", LEGIT_BYTES)
def test_legitimate_codes_stay_as_written(checker: RuleChecker, text: str) -> None:
    assert byte_runs.read(text) == text
    assert _findings(checker, text) == []


def test_random_bytes_are_no_common_characters() -> None:
    # GB 18030 reads these bytes as rare characters: not text anyone writes
    assert byte_runs.read("FE A1 FE A2 FE A3 FE A4") == "FE A1 FE A2 FE A3 FE A4"


# --- letters in other systems ------------------------------------------------------------

_LISU = dict(zip("bpdtgkjczfmnlsrvhwxyaeiou", "ꓐꓑꓓꓔꓖꓗꓙꓚꓜꓝꓟꓠꓡꓢꓣꓦꓧꓪꓫꓬꓮꓰꓲꓳꓴ", strict=True))
_BRAILLE = dict(zip("abcdefghijklmnopqrstuvwxyz", "⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚⠅⠇⠍⠝⠕⠏⠟⠗⠎⠞⠥⠧⠺⠭⠽⠵", strict=True))
_DVORAK = dict(
    zip("',.pyfgcrl/=aoeuidhtns-;qjkxbmwvz", "qwertyuiop[]asdfghjkl;'zxcvbnm,./", strict=True)
)
_HANGUL = dict(
    zip(
        "qwertyuiopasdfghjklzxcvbnm",
        "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡ",
        strict=True,
    )
)
_MORSE = {
    "a": ".-", "b": "-...", "c": "-.-.", "d": "-..", "e": ".", "f": "..-.", "g": "--.",
    "h": "....", "i": "..", "j": ".---", "k": "-.-", "l": ".-..", "m": "--", "n": "-.",
    "o": "---", "p": ".--.", "q": "--.-", "r": ".-.", "s": "...", "t": "-", "u": "..-",
    "v": "...-", "w": ".--", "x": "-..-", "y": "-.--", "z": "--..",
}  # fmt: skip


def _table(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in text)


def _rot47(text: str) -> str:
    return "".join(chr(33 + (ord(c) - 33 + 47) % 94) if "!" <= c <= "~" else c for c in text)


def _vigenere(text: str, key: str) -> str:
    out, j = [], 0
    for c in text:
        if c.isalpha():
            out.append(chr((ord(c) - 97 + ord(key[j % len(key)]) - 97) % 26 + 97))
            j += 1
        else:
            out.append(c)
    return "".join(out)


def _morse_symbols(text: str) -> str:
    words = (" ".join(_MORSE[c] for c in word) for word in text.split())
    return " / ".join(words).replace(".", "滴").replace("-", "答")


LETTERS = [
    _table(PINYIN, _LISU).upper() + CALL,
    _table(PINYIN, _BRAILLE) + CALL,
    _table(PINYIN, _DVORAK) + "（换个键盘布局看）" + CALL,
    _table(PINYIN, _HANGUL) + CALL,
    _rot47(PINYIN) + CALL,
    _vigenere(PINYIN, "dianli") + "（密钥 dianli）" + CALL,
    _morse_symbols(PINYIN) + CALL,
]


@pytest.mark.parametrize("text", LETTERS)
def test_letters_in_other_systems_are_read(checker: RuleChecker, text: str) -> None:
    judged(checker, text, "A9-01", BLOCKED)


def test_lisu_letters_are_read_in_place() -> None:
    text = _table("taiwan duli", _LISU) + "。"
    read, at = letter_forms.letters(text.lower(), text)
    assert read.startswith("taiwan duli") and len(read) == len(text) and at


LEGIT_LETTERS = [
    "ㅋㅋㅋ 这个视频太好笑了，ㅠㅠ 结局好感人。",
    "会议纪要：see p. 3; cf. item 4, the key points are listed.",
    "键盘快捷键：ctrl+; 打开设置，alt+/ 搜索，shift+[ 返回。",
    "密钥 abcdef 仅用于测试环境，test data only。",
    "订单号 5F3A9C2B7D，取件码 =:A@3，请凭码取件。",
    "摩尔斯电码练习：滴答 滴答滴 是报务员的基本功，点划要清楚。",
]


@pytest.mark.parametrize("text", LEGIT_LETTERS)
def test_legitimate_texts_of_the_same_shape_stay_quiet(checker: RuleChecker, text: str) -> None:
    assert _findings(checker, text) == []


# --- a reading order the text names --------------------------------------------------------


def test_a_position_in_every_line_is_read(checker: RuleChecker) -> None:
    lines = ["春风吹过万千推", "岁月如流车似翻", "人间自有天地社", "莫问此生何为会"]
    text = "\n".join(lines) + "\n主义制度\n（请读每句最后一个字）\n"
    view = positions.by_position(text)
    assert "".join(view.split()).startswith("推翻社会")
    judged(checker, "\n".join(lines) + "\n（请读每句最后一个字，后面是主义制度）\n", "A9-01", set())


def test_each_clause_backwards_is_read(checker: RuleChecker) -> None:
    text = "倒着读：度制义主会社翻推" + CALL
    judged(checker, text, "A9-01", BLOCKED)


def test_a_poetry_lesson_naming_the_last_character_stays_quiet(checker: RuleChecker) -> None:
    text = "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n（注意每句最后一个字的韵脚）\n"
    assert _findings(checker, text) == []


def test_views_are_named_in_the_finding(checker: RuleChecker) -> None:
    text = "照着解：" + _colours(PLAIN) + CALL
    names = [name for name, _ in decoded.views(text, text)]
    assert byte_runs.NAME in names


def _grid(left: str, right: str) -> str:
    return "".join(f"{a}｜{b}\n" for a, b in zip(left, right, strict=True))


def test_a_column_of_a_grid_is_read(checker: RuleChecker) -> None:
    text = _grid("请大家一起转发", PLAIN[:7]) + "度\n"
    assert any(PLAIN[:7] in "".join(view.split()) for view in positions.columns(text))
    judged(checker, text, "A9-01", BLOCKED)


def test_a_timetable_stays_quiet(checker: RuleChecker) -> None:
    text = "课程｜时间\n语文｜上午\n数学｜下午\n体育｜周五\n值班｜张三\n"
    assert _findings(checker, text) == []


def test_every_second_character_after_its_cue_is_read() -> None:
    text = "隔一个字读：" + "".join(c + "天" for c in PLAIN) + "。"
    assert "".join(positions.skipped(text).split()).startswith("隔一个字读：" + PLAIN)
