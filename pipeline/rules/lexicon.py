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
Their fields are declared on the schema layer (:mod:`pipeline.rules.lexicon_schema`): bad
input raises :class:`~pipeline.schema.SchemaError` naming file, line, column and field.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError
from pipeline.findings import Severity
from pipeline.rules.lexicon_schema import LEVELS as LEVELS
from pipeline.rules.lexicon_schema import LEXICON, TERM, allow_entry, items, read, unit_term
from pipeline.rules.term_list import PublicRecord, TermList, public_rel, public_term
from pipeline.schema import At, Record

UNIT_TERMS = "content/rules/terms.yml"
UNIT_ALLOW = "content/rules/allow.yml"


@dataclass(frozen=True, repr=False)
class Term:
    """One term of a lexicon, with the spellings and contexts it is sought in."""

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


@dataclass(repr=False)
class Lexicon:
    """The terms of one rule's lexicon, with its message and level."""

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


@dataclass(frozen=True, repr=False)
class Allow:
    """A phrase allowed where a lexicon term would be found in it."""

    phrase: str
    rules: tuple[str, ...]  # empty: every lexicon rule
    reason: str


@dataclass(repr=False, eq=False)
class Lexicons:
    """Every lexicon by rule, the unit's allowed phrases and their version."""

    by_rule: dict[str, Lexicon]
    allow: list[Allow]
    version: str

    @property
    def terms(self) -> TermList:
        """Every lexicon's terms in order (public ones made into objects when read)."""
        return TermList.joined(lex.terms for lex in self.by_rule.values())


def _term(values: dict[str, Any], rule: str, level: Severity, origin: str) -> Term:
    return Term(
        text=values["term"],
        rule=rule,
        level=values["level"] or level,
        note=str(values["note"] or "").strip(),
        variants=values["variants"] or (),
        abbr=values["abbr"] or (),
        context=values["context"],
        pinyin=values["pinyin"],
        homophones=values["homophones"],
        segment=values["segment"],
        allow=values["allow"] or (),
        origin=origin,
    )


def parse_lexicon(text: str, rel: str) -> Lexicon:
    """A package lexicon file (``lexicons/*.yml``)."""

    def reader(at: At) -> Lexicon | None:
        if not isinstance(at.loc.data, dict):
            at.add("词库文件应为映射，包含 id、article、message、terms。")
            return None
        values = LEXICON.read(at.loc.data, at)
        lexicon = Lexicon(
            rule=values["id"] or "",
            article=values["article"] or "",
            title=str(values["title"] or "").strip(),
            message=values["message"] or "",
            level=values["level"],
            contexts=values["contexts"] or (),
            allow=values["allow"] or (),
            origin=rel,
        )
        shape = "文本，或包含 term 的映射"
        terms = at.child("terms")
        for index, item in items(terms, values["terms"], TERM, plain="term", shape=shape):
            origin = f"{rel}#terms/{index}"
            lexicon.terms.append(_term(item, lexicon.rule, lexicon.level, origin))
        return lexicon

    lexicon = read(text, rel, reader)
    assert lexicon is not None  # read raised otherwise
    return lexicon


def _unit_list(
    text: str, rel: str, key: str, record: Record, shape: str
) -> list[tuple[int, dict[str, Any]]]:
    """The entries of the unit's list file ``rel`` (``key:`` a list of ``shape``)."""

    def reader(at: At) -> list[tuple[int, dict[str, Any]]]:
        data = at.loc.data
        if data is None:
            return []  # an empty file, or comments only
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            at.add(f"应为「{key}:」列表，每项包含{shape}。")
            return []
        return items(at.child(key), data[key], record, shape=shape, empty=True)

    return read(text, rel, reader)


def parse_unit_terms(text: str, rel: str, by_rule: dict[str, Lexicon]) -> list[Term]:
    """``content/rules/terms.yml``: the unit's terms, each added to a lexicon's rule."""

    def known(rule: str) -> str | None:
        return (
            None if rule in by_rule else f"「{rule}」未知（可用：{'、'.join(sorted(by_rule))}）。"
        )

    entries = _unit_list(text, rel, "terms", unit_term(known), "rule（规则编号）与 term（词语）")
    return [
        _term(values, values["rule"], by_rule[values["rule"]].level, f"{rel}#terms/{index}")
        for index, values in entries
    ]


def parse_unit_allow(text: str, rel: str, by_rule: dict[str, Lexicon]) -> list[Allow]:
    """``content/rules/allow.yml``: compounds the unit allows, with the reason."""

    def known(rules: tuple[str, ...]) -> str | None:
        unknown = [rule for rule in rules if rule not in by_rule]
        return f"中的规则编号「{'、'.join(unknown)}」未知。" if unknown else None

    entries = _unit_list(text, rel, "allow", allow_entry(known), "phrase（词语）与 reason（理由）")
    return [
        Allow(values["phrase"], values["rules"] or (), values["reason"]) for _, values in entries
    ]


def package_files() -> list[tuple[str, str]]:
    """(name, text) of every lexicon shipped with the package, sorted by name."""
    from importlib import resources  # only here: it imports tempfile and shutil

    folder = resources.files("pipeline.rules").joinpath("lexicons")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yml")), key=lambda f: f.name)
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]


def read_unit_file(path: Path, rel: str) -> str | None:
    """The text of a unit's rule file (a BOM dropped); None when there is none. An unreadable
    one stops the check, named by ``rel``."""
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
    from importlib import resources  # only here: it imports tempfile and shutil

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
        text = read_unit_file(root / UNIT_TERMS, UNIT_TERMS)
        if text is not None:
            digest.update(b"\0terms\0" + text.encode())
            for term in parse_unit_terms(text, UNIT_TERMS, by_rule):
                by_rule[term.rule].terms.append(term)
        text = read_unit_file(root / UNIT_ALLOW, UNIT_ALLOW)
        if text is not None:
            digest.update(b"\0allow\0" + text.encode())
            allow = parse_unit_allow(text, UNIT_ALLOW, by_rule)
    return Lexicons(by_rule, allow, digest.hexdigest()[:16])
