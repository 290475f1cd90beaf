"""Lexicons as data: the package's ``lexicons/*.yml`` plus the unit's ``content/rules/``.

A lexicon file is one rule (one item of 第九条, or 第十六条 …)::

    id: A9-07
    article: 第九条第（七）项
    message: 疑似散布淫秽、色情、赌博、暴力、恐怖或者教唆犯罪的内容
    level: error                  # error | warning (per term too)
    contexts: [打击, 破获, 禁毒]    # words in the same sentence that make a plain hit legitimate
    allow: [扫黄打非, 禁毒宣传]      # compounds that contain a term and are legitimate
    terms:
      - 约炮
      - term: 赌博
        note: 执法通报常用，依赖上下文白名单
        variants: [du博]           # explicit homophones / spellings
        context: true             # false: the context allowlist never applies
        pinyin: true              # match full pinyin / pinyin initials
        homophones: true
        segment: true             # false: never dropped by the word-boundary decision
        abbr: [flg]               # explicit abbreviations (Latin)

The unit's own additions: ``content/rules/terms.yml`` (``terms: [{rule, term, level,
note, variants}]``) and ``content/rules/allow.yml`` (``allow: [{phrase, rules, reason}]``).
Bad input raises :class:`~pipeline.errors.ConfigError` naming file and line, in Chinese.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.findings import Severity
from pipeline.rules.term_list import PublicRecord, TermList, public_rel, public_term

UNIT_TERMS = "content/rules/terms.yml"
UNIT_ALLOW = "content/rules/allow.yml"
LEVELS = ("error", "warning")
LEXICON_KEYS = {
    "id",
    "article",
    "title",
    "message",
    "level",
    "source",
    "contexts",
    "allow",
    "terms",
}
TERM_KEYS = {
    "term",
    "note",
    "level",
    "variants",
    "context",
    "pinyin",
    "homophones",
    "segment",
    "allow",
    "abbr",
    "src",
}


@dataclass(frozen=True)
class Term:
    text: str
    rule: str
    level: Severity
    note: str = ""
    variants: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()
    context: bool = True
    pinyin: bool = True
    homophones: bool = True
    segment: bool = True  # False: never dropped by the word-boundary decision
    allow: tuple[str, ...] = ()
    origin: str = ""  # "file#terms/<index>": where the term is defined


@dataclass
class Lexicon:
    rule: str
    article: str
    title: str
    message: str
    level: Severity
    contexts: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    terms: TermList = field(default_factory=TermList)
    origin: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.terms, TermList):
            self.terms = TermList(self.terms)


@dataclass(frozen=True)
class Allow:
    phrase: str
    rules: tuple[str, ...]  # empty: every lexicon rule
    reason: str


@dataclass
class Lexicons:
    by_rule: dict[str, Lexicon]
    allow: list[Allow]
    version: str

    @property
    def terms(self) -> TermList:
        """Every lexicon's terms in order (public ones made into objects when read)."""
        return TermList.joined(lex.terms for lex in self.by_rule.values())


class _Problem(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


def _strs(value: Any, loc: _Loc, path: tuple[object, ...], what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Problem(loc.line(*path), f"{what} 应为非空文本的列表。")
    return tuple(v.strip() for v in value)


def _level(value: Any, loc: _Loc, path: tuple[object, ...], default: Severity) -> Severity:
    if value is None:
        return default
    if value not in LEVELS:
        raise _Problem(
            loc.line(*path), f"level 只能是 error（错误）或 warning（警告），实际为「{value}」。"
        )
    return value  # type: ignore[no-any-return]


def _bool(value: Any, loc: _Loc, path: tuple[object, ...]) -> bool:
    if value is None:
        return True
    if not isinstance(value, bool):
        raise _Problem(loc.line(*path), f"{path[-1]} 应为 true 或 false。")
    return value


def _term(
    item: Any, loc: _Loc, path: tuple[object, ...], rule: str, level: Severity, rel: str
) -> Term:
    if isinstance(item, str):
        item = {"term": item}
    if not isinstance(item, dict):
        raise _Problem(loc.line(*path), "词条应为文本，或包含 term 的映射。")
    unknown = set(item) - TERM_KEYS - {"rule"}
    if unknown:
        raise _Problem(loc.line(*path), f"未知的词条字段：{'、'.join(map(str, sorted(unknown)))}。")
    text = item.get("term")
    if not isinstance(text, str) or len(text.strip()) < 2:
        raise _Problem(loc.line(*path), "词条 term 应为至少两个字符的文本（单字误报太多）。")
    return Term(
        text=text.strip(),
        rule=rule,
        level=_level(item.get("level"), loc, (*path, "level"), level),
        note=str(item.get("note") or "").strip(),
        variants=_strs(item.get("variants"), loc, (*path, "variants"), "variants"),
        abbr=_strs(item.get("abbr"), loc, (*path, "abbr"), "abbr"),
        context=_bool(item.get("context"), loc, (*path, "context")),
        pinyin=_bool(item.get("pinyin"), loc, (*path, "pinyin")),
        homophones=_bool(item.get("homophones"), loc, (*path, "homophones")),
        segment=_bool(item.get("segment"), loc, (*path, "segment")),
        allow=_strs(item.get("allow"), loc, (*path, "allow"), "allow"),
        origin=f"{rel}#{'/'.join(map(str, path))}",
    )


class _Loc:
    """Parsed YAML whose line numbers are worked out only when an error needs one.

    The data comes from libyaml (fast); the pure-Python composer that knows every line
    runs only on the error path.
    """

    def __init__(self, text: str, rel: str) -> None:
        self._text = text
        self._located: yamlutil.Located | None = None
        try:
            self.data = yamlutil.load_data(text)
        except yamlutil.YamlSyntaxError:
            self.data = _located(text, rel).data  # raises ConfigError with the line

    def line(self, *path: object) -> int:
        if self._located is None:
            self._located = yamlutil.load(self._text)
        return self._located.line(*path)


def _located(text: str, rel: str) -> yamlutil.Located:
    try:
        return yamlutil.load(text)
    except yamlutil.YamlSyntaxError as exc:
        raise ConfigError(f"{rel}:{exc.line}: YAML 语法错误：{exc.problem}") from None


def _load_yaml(text: str, rel: str) -> _Loc:
    return _Loc(text, rel)


def parse_lexicon(text: str, rel: str) -> Lexicon:
    loc = _load_yaml(text, rel)
    data = loc.data
    try:
        if not isinstance(data, dict):
            raise _Problem(1, "词库文件应为映射，包含 id、article、message、terms。")
        unknown = set(data) - LEXICON_KEYS
        if unknown:
            raise _Problem(
                loc.line(next(iter(unknown))), f"未知字段：{'、'.join(map(str, unknown))}。"
            )
        for key in ("id", "article", "message"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                raise _Problem(loc.line(key), f"缺少字段 {key} 或它不是文本。")
        level = _level(data.get("level"), loc, ("level",), "error")
        lexicon = Lexicon(
            rule=data["id"].strip(),
            article=data["article"].strip(),
            title=str(data.get("title") or "").strip(),
            message=data["message"].strip(),
            level=level,
            contexts=_strs(data.get("contexts"), loc, ("contexts",), "contexts"),
            allow=_strs(data.get("allow"), loc, ("allow",), "allow"),
            origin=rel,
        )
        terms = data.get("terms")
        if not isinstance(terms, list) or not terms:
            raise _Problem(loc.line("terms"), "terms 应为非空列表。")
        for index, item in enumerate(terms):
            lexicon.terms.append(_term(item, loc, ("terms", index), lexicon.rule, level, rel))
    except _Problem as p:
        raise ConfigError(f"{rel}:{p.line}: {p.message}") from None
    return lexicon


def parse_unit_terms(text: str, rel: str, by_rule: dict[str, Lexicon]) -> list[Term]:
    loc = _load_yaml(text, rel)
    data = loc.data
    if data is None:
        return []
    result: list[Term] = []
    try:
        if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
            raise _Problem(1, "应为「terms:」列表，每项包含 rule（规则编号）与 term（词语）。")
        for index, item in enumerate(data["terms"]):
            if not isinstance(item, dict):
                raise _Problem(
                    loc.line("terms", index), "每项应包含 rule（规则编号）与 term（词语）。"
                )
            rule = item.get("rule")
            if rule not in by_rule:
                known = "、".join(sorted(by_rule))
                raise _Problem(
                    loc.line("terms", index, "rule"),
                    f"未知的规则编号「{rule}」（可用：{known}）。",
                )
            lexicon = by_rule[rule]
            result.append(_term(item, loc, ("terms", index), rule, lexicon.level, rel))
    except _Problem as p:
        raise ConfigError(f"{rel}:{p.line}: {p.message}") from None
    return result


def parse_unit_allow(text: str, rel: str, by_rule: dict[str, Lexicon]) -> list[Allow]:
    loc = _load_yaml(text, rel)
    data = loc.data
    if data is None:
        return []
    result: list[Allow] = []
    try:
        if not isinstance(data, dict) or not isinstance(data.get("allow"), list):
            raise _Problem(1, "应为「allow:」列表，每项包含 phrase（词语）与 reason（理由）。")
        for index, item in enumerate(data["allow"]):
            line_of = lambda i=index: loc.line("allow", i)  # noqa: E731
            if isinstance(item, str) or not isinstance(item, dict):
                raise _Problem(line_of(), "每项应包含 phrase（词语）与 reason（理由）。")
            phrase = item.get("phrase")
            if not isinstance(phrase, str) or len(phrase.strip()) < 2:
                raise _Problem(line_of(), "phrase 应为至少两个字符的词语。")
            reason = item.get("reason")
            if not isinstance(reason, str) or not reason.strip():
                raise _Problem(line_of(), f"白名单词语「{phrase}」没有写明理由 reason。")
            rules = _strs(item.get("rules"), loc, ("allow", index, "rules"), "rules")
            for rule in rules:
                if rule not in by_rule:
                    raise _Problem(loc.line("allow", index, "rules"), f"未知的规则编号「{rule}」。")
            result.append(Allow(phrase.strip(), rules, reason.strip()))
    except _Problem as p:
        raise ConfigError(f"{rel}:{p.line}: {p.message}") from None
    return result


def package_files() -> list[tuple[str, str]]:
    """(name, text) of every lexicon shipped with the package, sorted by name."""
    folder = resources.files("pipeline.rules").joinpath("lexicons")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yml")), key=lambda f: f.name)
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]


def _read(path: Path, rel: str) -> str | None:
    if not path.is_file():
        return None
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{rel}: 不是 UTF-8 编码的文本。") from None
    except OSError as exc:
        raise ConfigError(f"{rel}: 无法读取（{exc.strerror}）。") from None


def public_terms(lexicon: Lexicon) -> list[Term]:
    """The terms of :func:`public_records`."""
    return [public_term(r) for r in public_records(lexicon)]


def public_text(rule: str) -> str | None:
    """The text of ``lexicons/public/<rule>.txt``, or None when there is none."""
    data = resources.files("pipeline.rules").joinpath("lexicons", "public", f"{rule}.txt")
    return data.read_text(encoding="utf-8") if data.is_file() else None


def public_records(lexicon: Lexicon, text: str | None = None) -> list[PublicRecord]:
    """Terms curated from the public lexicons (``lexicons/public/<rule>.txt``, one per
    line, written by ``govmedia rules curate``; ``term<TAB>warning`` marks a term of the
    bulk tag-derived import, reported as a warning for the reviewers, never blocking):
    plain spellings and the normalised
    view only (no pinyin or homophone spellings: thousands of them would crowd the
    automaton), with the lexicon's context words and allowlist. ``text``: the file's
    text when already read."""
    if text is None:
        text = public_text(lexicon.rule)
        if text is None:
            return []
    rel = public_rel(lexicon.rule)
    existing = {t.text for t in lexicon.terms}
    rule, plain = lexicon.rule, lexicon.level
    result: list[PublicRecord] = []
    for number, line in enumerate(text.splitlines(), 1):
        word, _, mark = line.strip().partition("\t")
        if not word or word[0] == "#" or word in existing:
            continue
        if len(word) < 3:
            raise ConfigError(f"{rel}:{number}: 公开词库导入的词条应至少三个字符。")
        if mark and mark != "warning":
            raise ConfigError(f"{rel}:{number}: 词条后的标记只能是 warning。")
        result.append(PublicRecord(word, rule, "warning" if mark else plain, number))
    return result


def parse_package() -> tuple[dict[str, Lexicon], str]:
    """The package lexicons parsed from their files (public terms as records), and the
    digest of those files."""
    digest = hashlib.sha256()
    by_rule: dict[str, Lexicon] = {}
    for name, text in package_files():
        digest.update(name.encode() + b"\0" + text.encode())
        lexicon = parse_lexicon(text, f"pipeline/rules/lexicons/{name}")
        by_rule[lexicon.rule] = lexicon
        public = public_text(lexicon.rule)
        if public is not None:
            digest.update(b"\0public\0" + public.encode())
            lexicon.terms.add_records(public_records(lexicon, public))
    return by_rule, digest.hexdigest()


def load_lexicons(root: Path | None) -> Lexicons:
    """The package lexicons (parsed once per version: :mod:`pipeline.rules.lexicon_cache`)
    plus, when ``root`` is a project, the unit's files."""
    from pipeline.rules.lexicon_cache import package_lexicons

    by_rule, package = package_lexicons()
    digest = hashlib.sha256(package.encode())
    allow: list[Allow] = []
    if root is not None:
        text = _read(root / UNIT_TERMS, UNIT_TERMS)
        if text is not None:
            digest.update(b"\0terms\0" + text.encode())
            for term in parse_unit_terms(text, UNIT_TERMS, by_rule):
                by_rule[term.rule].terms.append(term)
        text = _read(root / UNIT_ALLOW, UNIT_ALLOW)
        if text is not None:
            digest.update(b"\0allow\0" + text.encode())
            allow = parse_unit_allow(text, UNIT_ALLOW, by_rule)
    return Lexicons(by_rule, allow, digest.hexdigest()[:16])
