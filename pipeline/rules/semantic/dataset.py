"""The labelled sentences the semantic model learns from (development only: ``scripts/train``).

Sources, each a list of Example:
- ``data/semantic/templates.yml``: labelled templates with slots, expanded deterministically;
- ``data/semantic/sentences.jsonl``: hand-written labelled sentences;
- COLD (Apache-2.0), when the shared datasets folder holds it: offensive comments for
  第九条（四）（八）, safe ones as negatives;
- public government texts, when the shared corpus holds them: negatives from the *tuning* half
  of :func:`pipeline.rules.corpus.half_of`, the same split the lexicon curation uses, so the
  *held-out* half stays unseen by the whole checker (lexicons and model alike).
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline import yamlutil
from pipeline.rules import corpus
from pipeline.rules.compiled_re import compiled
from pipeline.rules.semantic.features import sentences, worth_scoring
from pipeline.rules.semantic.items import LABELS

_SLOT = compiled(r"\{(\w+)\}")


class DataError(Exception):
    """Bad training data; the message (Chinese) names the file, line and field."""


@dataclass(frozen=True)
class Example:
    text: str
    labels: frozenset[str]
    group: str  # examples of one group never straddle a train/validation split
    source: str  # templates | sentences | cold | gov


def _fill(text: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    for _ in range(3):
        if not _SLOT.search(text):
            break
        text = _SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), text)
    return text


def expand_templates(path: Path, per_template: int, seed: int) -> list[Example]:
    try:
        doc = yamlutil.load_data(path.read_text(encoding="utf-8"))
    except yamlutil.YamlSyntaxError as exc:
        raise DataError(f"{path.name}:{exc.line}: YAML 语法错误：{exc.problem}") from None
    shared = {str(k): [str(x) for x in v] for k, v in (doc.get("slots") or {}).items()}
    out: list[Example] = []
    for index, tpl in enumerate(doc.get("templates") or []):
        where = f"{path.name}: 第 {index + 1} 个模板"
        if not isinstance(tpl, dict) or "id" not in tpl or "text" not in tpl:
            raise DataError(f"{where}：缺少 id 或 text 字段")
        labels = frozenset(str(x) for x in tpl.get("labels") or [])
        unknown = labels - set(LABELS)
        if unknown:
            raise DataError(f"{where}（{tpl['id']}）：labels 字段含未知条目 {sorted(unknown)}")
        slots = dict(shared)
        slots.update({str(k): [str(x) for x in v] for k, v in (tpl.get("slots") or {}).items()})
        names = _SLOT.findall(str(tpl["text"]))
        missing = [n for n in names if n not in slots]
        if missing:
            raise DataError(f"{where}（{tpl['id']}）：text 字段用到未定义的槽位 {missing}")
        rng = random.Random(f"{seed}:{tpl['id']}")
        combos = list(itertools.product(*(range(len(slots[n])) for n in names)))
        rng.shuffle(combos)
        seen: set[str] = set()
        for combo in combos[:per_template]:
            filled = str(tpl["text"])
            for name, choice in zip(names, combo, strict=True):
                filled = filled.replace("{" + name + "}", slots[name][choice], 1)
            filled = _fill(filled, slots, rng)
            if filled not in seen:
                seen.add(filled)
                out.append(Example(filled, labels, f"t:{tpl['id']}", "templates"))
    return out


def read_jsonl(path: Path, source: str) -> list[Example]:
    out: list[Example] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            item = json.loads(line)
        except ValueError:
            raise DataError(f"{path.name}:{number}: 不是合法的 JSON") from None
        text, labels = item.get("text"), item.get("labels")
        if not isinstance(text, str) or not text.strip():
            raise DataError(f"{path.name}:{number}: text 字段应为非空字符串")
        if not isinstance(labels, list) or not set(labels) <= set(LABELS):
            raise DataError(f"{path.name}:{number}: labels 字段应为条目编号列表（{LABELS[0]} 等）")
        out.append(Example(text.strip(), frozenset(labels), f"{source}:{number}", source))
    return out


def cold_examples(folder: Path, limit: int, seed: int) -> list[Example]:
    """COLD comments: offensive → 第九条（八）, offensive about race → also（四）."""
    rows: list[dict[str, str]] = []
    for name in ("train.csv", "dev.csv"):
        with (folder / name).open(encoding="utf-8-sig", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    rng = random.Random(f"{seed}:cold")
    rng.shuffle(rows)
    bad = [r for r in rows if r.get("label") == "1"][:limit]
    good = [r for r in rows if r.get("label") == "0"][:limit]
    out = []
    for r in bad + good:
        labels: set[str] = set()
        if r["label"] == "1":
            labels.add("A9-08")
            if r.get("topic") == "race":
                labels.add("A9-04")
        out.append(Example(r["TEXT"].strip(), frozenset(labels), f"cold:{r['']}", "cold"))
    return out


def gov_files(shared: Path, half: str = "tuning") -> list[Path]:
    """Government texts of ``half`` (:func:`pipeline.rules.corpus.half_of`): the trainer only
    ever reads the tuning half."""
    return corpus.gov_files(shared, half)


def gov_body(path: Path) -> str:
    """A government text without its front matter (:func:`pipeline.rules.corpus.body_of`)."""
    return corpus.body_of(path.read_text(encoding="utf-8"))


def gov_sentences(path: Path, min_cjk: int) -> Iterator[str]:
    body = gov_body(path)
    for start, end in sentences(body):
        sentence = body[start:end].strip("#*> \t")
        if worth_scoring(sentence, min_cjk) and len(sentence) <= 200:
            yield sentence


def gov_examples(shared: Path, limit: int, seed: int, min_cjk: int) -> list[Example]:
    pool = [
        Example(s, frozenset(), f"gov:{p.name}", "gov")
        for p in gov_files(shared, "tuning")
        for s in gov_sentences(p, min_cjk)
    ]
    random.Random(f"{seed}:gov").shuffle(pool)
    return pool[:limit]


def fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for p in sorted(paths):
        digest.update(p.name.encode())
        digest.update(p.read_bytes())
    return digest.hexdigest()[:16]
