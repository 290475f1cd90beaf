"""Named word lists that rule files share (Vale's vocabularies).

A list that several rules need (the peoples' names, the herd words that excuse a driving
away) is written once, in ``pipeline/rules/vocabularies/<name>.yml``::

    # why these words, and which are left out on purpose
    words: [蒙古族, 回族, 藏族]

and a rule file names it in any word list as ``$<name>``, beside words of its own::

    groups:
      - [$ethnic-groups, 水族, 土族]
    unless: [$herds, 批驳]

The words come in where the name stands, each made into the matching form of the list that
names it. A name that is not a vocabulary is refused at its own line, like any wrong word;
a vocabulary does not name another. The vocabularies are the package's (reviewed code, in
the rules' cache key with every file of the package); a unit's rule file may name them too.
"""

from __future__ import annotations

from functools import cache

from pipeline import yamlutil
from pipeline.rules.compiled_re import compiled
from pipeline.schema import Invalid, Line, ListOf, Record, raise_errors, read_document

FOLDER = "vocabularies"
MARK = "$"  # a plain YAML scalar may start with it (``@`` may not)
_NAME = compiled(r"[a-z][a-z0-9-]{0,39}")


def _no_reference(value: str) -> str | None:
    return "不能引用其他词表。" if value.startswith(MARK) else None


_FILE = Record(
    {
        "words": ListOf(
            Line("词语", scalars=True, check=_no_reference), "词语", nonempty=True, required=True
        )
    }
)


def read(text: str, rel: str) -> tuple[str, ...]:
    """The words of one vocabulary file, as written (a wrong file: ConfigError naming the
    file, line and field)."""
    values, issues = read_document(_FILE, yamlutil.load_mapping(text, rel, "words"))
    raise_errors(rel, issues)
    return tuple(word.strip() for word in values["words"])


@cache
def vocabularies() -> dict[str, tuple[str, ...]]:
    """Every vocabulary of the package, by name."""
    from importlib import resources  # only here: it imports tempfile and shutil

    folder = resources.files("pipeline.rules").joinpath(FOLDER)
    found: dict[str, tuple[str, ...]] = {}
    for f in sorted(folder.iterdir(), key=lambda f: f.name):
        name = f.name.removesuffix(".yml")
        if f.name.endswith(".yml") and _NAME.fullmatch(name):
            found[name] = read(f.read_text(encoding="utf-8"), f"pipeline/rules/{FOLDER}/{f.name}")
    return found


def named(reference: str) -> tuple[str, ...]:
    """The words of ``$name`` (Invalid, with the names there are, when it names none)."""
    words = vocabularies().get(reference.removeprefix(MARK))
    if words is None:
        known = "、".join(MARK + n for n in sorted(vocabularies())) or "无"
        raise Invalid(
            f"「{reference}」不是已定义的词表（可用：{known}；见 pipeline/rules/{FOLDER}/）。"
        )
    return words
