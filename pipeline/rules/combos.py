"""Combination rules as data: words that are harmless alone and a violation together.

``pipeline/rules/combos/*.yml`` hold rules in the spirit of Vale's ``conditional`` and
commercial moderation lexicons' "A near B unless C"::

    rules:
      - id: A9-04                 # the rule the finding is reported under
        name: job-ethnic          # unique within the file
        level: error              # error | warning
        message: 招聘信息限定民族，属于民族歧视
        fix: 删除对民族的限定；招聘条件只写岗位所需的资格
        within: 6                 # characters between the anchor and each other group
        groups:                   # the first group is the anchor; every group must match
          - [限, 仅限, 只招, 只限]
          - [汉族, 蒙古族, 回族, 藏族]
        unless: [民族团结, 少数民族聘用计划]   # any of these near the match drops it

A file-level ``unless`` applies to every rule of the file (legal drafting, enforcement).

The unit adds its own rules in ``content/rules/combos.yml`` (same format; reviewed and
signed like every file under content/): :func:`unit_rules`. A bad file is refused with a
Chinese message naming the file, the line and the field.

Matching runs on the same normalised, compacted view as the lexicons (case, full-width,
traditional script, separators between characters), so ``宪 法是摆设`` is found, and each
finding maps back to the original text.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.findings import Severity
from pipeline.rules.detection import Detection
from pipeline.rules.normalize import Compact, compact, mask_markup, normalise

_SENTENCE_END = "。！？；\n"
ARTICLES = {
    **{f"A9-{n:02d}": f"第九条第（{c}）项" for n, c in enumerate("一二三四五六七八九十", 1)},
    "A9-11": "第九条第（十一）项",
    "A9-12": "第九条第（十二）项",
    "A9-13": "第九条第（十三）项",
    "A16-01": "第十六条",
    "A16-02": "第十六条",
    "A17-03": "第十七条",
}
UNIT_COMBOS = "content/rules/combos.yml"
RULE_KEYS = {"id", "name", "level", "message", "fix", "within", "groups", "unless", "note"}


@dataclass(frozen=True)
class Combo:
    rule: str
    name: str
    level: Severity
    message: str
    fix: str
    within: int
    groups: tuple[tuple[str, ...], ...]
    unless: tuple[str, ...]
    origin: str


def _key(word: str) -> str:
    return normalise(word).replace(" ", "")


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ConfigError(f"{where}: 应为非空的词语列表。")
    words = []
    for item in value:
        if not isinstance(item, str | int) or not str(item).strip():
            raise ConfigError(f"{where}: 词语「{item}」不是非空文本。")
        key = _key(str(item).strip())
        if not key:
            raise ConfigError(f"{where}: 词语「{item}」规范化后为空（只有标点或空白）。")
        words.append(key)
    return tuple(words)


def parse(text: str, rel: str, *, with_lines: bool = False) -> list[Combo]:
    """The rules of one file; :class:`ConfigError` names the file, rule and field, and with
    ``with_lines`` (the unit's file) the line too (slower: the package files skip it)."""
    try:
        if with_lines:
            located = yamlutil.load(text)
            data, line = located.data, located.line
        else:
            data, line = yamlutil.load_data(text), None
    except yamlutil.YamlSyntaxError as exc:
        raise ConfigError(f"{rel}:{exc.line}: YAML 语法错误：{exc.problem}。") from None

    def at(*path: object) -> str:
        return f"{rel}:{line(*path)}" if line is not None else rel

    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(f"{at()}: 应为「rules:」列表。")
    unknown = set(data) - {"rules", "unless"}
    if unknown:
        raise ConfigError(f"{at()}: 未知字段 {'、'.join(sorted(map(str, unknown)))}。")
    common = _words(data["unless"], f"{at('unless')}: unless") if data.get("unless") else ()
    result: list[Combo] = []
    names: set[str] = set()
    for index, item in enumerate(data["rules"]):
        where = f"{at('rules', index)}: rules 第 {index + 1} 项"

        def field(key: str, index: int = index) -> str:
            return f"{at('rules', index, key)}: rules 第 {index + 1} 项"

        if not isinstance(item, dict):
            raise ConfigError(f"{where}: 应为映射（id、message、within、groups）。")
        unknown = set(item) - RULE_KEYS
        if unknown:
            raise ConfigError(f"{where}: 未知字段 {'、'.join(sorted(map(str, unknown)))}。")
        rule = item.get("id")
        if rule not in ARTICLES:
            raise ConfigError(f"{field('id')}: 字段 id 的规则编号「{rule}」未知。")
        level = item.get("level", "error")
        if level not in ("error", "warning"):
            raise ConfigError(f"{field('level')}: 字段 level 只能是 error 或 warning。")
        within = item.get("within")
        if not isinstance(within, int) or isinstance(within, bool) or not 0 <= within <= 60:
            raise ConfigError(f"{field('within')}: 字段 within 应为 0 到 60 之间的整数（字符数）。")
        groups = item.get("groups")
        if not isinstance(groups, list) or len(groups) < 2:
            raise ConfigError(f"{field('groups')}: 字段 groups 应至少包含两组词语。")
        for key in ("name", "message", "fix"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise ConfigError(f"{where}: 缺少字段 {key} 或它不是文本。")
        name = item["name"].strip()
        if name in names:
            raise ConfigError(f"{field('name')}: 字段 name「{name}」与前面的规则重复。")
        names.add(name)
        result.append(
            Combo(
                rule=rule,
                name=name,
                level=level,
                message=item["message"].strip(),
                fix=item["fix"].strip(),
                within=within,
                groups=tuple(
                    _words(g, f"{at('rules', index, 'groups', i)}: groups 第 {i + 1} 组")
                    for i, g in enumerate(groups)
                ),
                unless=common
                + (
                    _words(item["unless"], f"{field('unless')}: unless")
                    if item.get("unless")
                    else ()
                ),
                origin=f"{rel}#{name}",
            )
        )
    return result


def package_rules() -> list[Combo]:
    folder = resources.files("pipeline.rules").joinpath("combos")
    result: list[Combo] = []
    for f in sorted(folder.iterdir(), key=lambda f: f.name):
        if f.name.endswith(".yml"):
            result += parse(f.read_text(encoding="utf-8"), f"pipeline/rules/combos/{f.name}")
    return result


def unit_rules(root: Path | None) -> list[Combo]:
    """The unit's own combination rules (``content/rules/combos.yml``), reviewed like every
    file under content/; none when ``root`` is not a project or the file is absent."""
    if root is None:
        return []
    path = root / UNIT_COMBOS
    if not path.is_file():
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{UNIT_COMBOS}: 不是 UTF-8 编码的文本。") from None
    except OSError as exc:
        raise ConfigError(f"{UNIT_COMBOS}: 无法读取（{exc.strerror}）。") from None
    if not text.strip():
        return []
    return parse(text, UNIT_COMBOS, with_lines=True)


class Combos:
    """Compiled combination rules: one regex finds every anchor word in one pass."""

    def __init__(self, rules: list[Combo]) -> None:
        self.rules = rules
        self._by_anchor: dict[str, list[Combo]] = {}
        for combo in rules:
            for word in combo.groups[0]:
                self._by_anchor.setdefault(word, []).append(combo)
        # One Aho-Corasick pass finds every anchor (cheaper to build than a regex).
        self._anchor: ahocorasick.Automaton | None = None
        if self._by_anchor:
            self._anchor = ahocorasick.Automaton()
            for word in self._by_anchor:
                self._anchor.add_word(word, word)
            self._anchor.make_automaton()

    def detect(
        self, text: str, masked: str | None = None, comp: Compact | None = None
    ) -> list[Detection]:
        """``comp``: the compacted view when the caller has it (the matcher's)."""
        if self._anchor is None:
            return []
        if comp is None:
            comp = compact(normalise(mask_markup(text) if masked is None else masked))
        c = comp.text
        found: list[Detection] = []
        done: set[tuple[str, int]] = set()
        for last, word in self._anchor.iter(c):
            start, end = last + 1 - len(word), last + 1
            for combo in self._by_anchor[word]:
                if (combo.origin, start) in done:
                    continue
                span = _match(c, start, end, combo)
                if span is None:
                    continue
                done.add((combo.origin, start))
                a, b = comp.span(*span)
                message = f"{combo.message}。修改建议：{combo.fix}"
                found.append(
                    Detection(a, b, combo.rule, ARTICLES[combo.rule], combo.level, message)
                )
        return found


def _match(c: str, start: int, end: int, combo: Combo) -> tuple[int, int] | None:
    """The span covering the anchor and one word of every other group, or None."""
    lo_s, hi_s = _sentence(c, start, end)
    lo = max(lo_s, start - combo.within - 8)
    hi = min(hi_s, end + combo.within + 8)
    span_lo, span_hi = start, end
    for group in combo.groups[1:]:
        best: tuple[int, int] | None = None
        for word in group:
            position = c.find(word, lo, hi)
            while position != -1:
                stop = position + len(word)
                gap = position - end if position >= end else start - stop
                if (stop <= start or position >= end) and gap <= combo.within:
                    best = (position, stop)
                    break
                position = c.find(word, position + 1, hi)
            if best is not None:
                break
        if best is None:
            return None
        span_lo, span_hi = min(span_lo, best[0]), max(span_hi, best[1])
    lo_a, hi_a = _around(c, span_lo, span_hi)
    if any(word in c[lo_a:hi_a] for word in combo.unless):
        return None
    return span_lo, span_hi


def _sentence(c: str, start: int, end: int) -> tuple[int, int]:
    floor = max(0, start - 200)
    lo = max([floor, *(c.rfind(mark, floor, start) + 1 for mark in _SENTENCE_END)])
    ends = [i for i in (c.find(mark, end, end + 200) for mark in _SENTENCE_END) if i != -1]
    return lo, min(ends, default=min(len(c), end + 200))


def _around(c: str, start: int, end: int) -> tuple[int, int]:
    """The sentence and its neighbours on the same line (where ``unless`` is read)."""
    lo, hi = _sentence(c, start, end)
    if lo > 1 and c[lo - 1] != "\n":
        lo = _sentence(c, lo - 1, lo - 1)[0]
    if hi < len(c) - 1 and c[hi] != "\n":
        hi = _sentence(c, hi + 1, hi + 1)[1]
    return lo, hi
