"""``govmedia rules curate``: candidate terms from public lexicons with their cost.

For each candidate of a rule, its hits on legitimate government texts through the real
matcher, so that a term goes in only with its false-positive cost known
(:mod:`pipeline.rules.curate`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.rules import curate
from pipeline.rules.corpus import HALVES, body_of, gov_files

NAME = "rules"
HELP = "内容规则词库维护：从公开词库遴选候选词，并报告每个词在正当政务文本上的命中"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="rules_command", metavar="子命令")
    cur = sub.add_parser(
        "curate",
        help="报告候选词在正当政务语料上的命中（误报代价），可写入 lexicons/public/",
        description="从公开词库读取某条规则的候选词，逐词报告在正当政务语料上的命中次数与例句。",
    )
    cur.add_argument("--rule", required=True, help="规则编号，如 A9-07")
    cur.add_argument(
        "--shared",
        type=Path,
        help="共享资料目录（含 corpus/lexicons 与 corpus/gov；默认取环境变量 GOVMEDIA_SHARED）",
    )
    cur.add_argument("--half", choices=HALVES, default="tuning", help="使用政务语料的哪一半")
    cur.add_argument("--show", type=int, default=30, help="列出命中最多的前 N 个候选词")
    cur.add_argument("--write", action="store_true", help="把通过遴选的词写入 lexicons/public/")
    cur.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")


def run(args: argparse.Namespace) -> int:
    if args.rules_command != "curate":
        raise UsageError("请指定子命令：govmedia rules curate --rule 规则编号")
    shared = args.shared or Path(os.environ.get("GOVMEDIA_SHARED") or "")
    lexicons_dir = shared / "corpus" / "lexicons"
    if not str(shared) or not lexicons_dir.is_dir():
        raise UsageError(
            "找不到公开词库：请用 --shared 指定共享资料目录（其中应有 corpus/lexicons）。"
        )
    files = gov_files(shared, args.half)
    if not files:
        raise UsageError(f"{shared / 'corpus' / 'gov'}: 找不到正当政务语料，无法估计误报代价。")
    lexicon = curate.rule_lexicon(args.rule)
    if lexicon is None:
        raise UsageError(f"未知的规则编号「{args.rule}」。")
    if args.rule not in curate.SOURCES:
        known = "、".join(sorted(curate.SOURCES))
        raise UsageError(f"规则 {args.rule} 没有对应的公开词库来源（可用：{known}）。")
    candidates = curate.prefilter(
        curate.upstream(lexicons_dir, args.rule), lexicon, curate.common_words()
    )
    texts = (body_of(f.read_text(encoding="utf-8", errors="replace")) for f in files)
    curate.measure(candidates, lexicon, texts)
    accepted = [
        f"{c.term}\twarning" if c.source == curate.TAGGED else c.term
        for c in candidates
        if c.accepted
    ]
    if args.format == "json":
        print(json.dumps([c.__dict__ for c in candidates], ensure_ascii=False))
    else:
        _report(args, candidates, accepted, len(files))
    if args.write:
        path = curate.write_public(args.rule, accepted)
        print(f"已写入 {len(accepted)} 个词条：{path}", file=sys.stderr)
    return 0


def _report(
    args: argparse.Namespace, candidates: list[curate.Candidate], accepted: list[str], files: int
) -> None:
    measured = [c for c in candidates if not c.reason]
    rejected: dict[str, int] = {}
    for c in candidates:
        if c.reason:
            rejected[c.reason] = rejected.get(c.reason, 0) + 1
    print(f"规则 {args.rule}：候选词 {len(candidates)} 个，语料 {files} 个文件（{args.half}）")
    for reason, count in sorted(rejected.items()):
        print(f"  预筛排除（{reason}）：{count}")
    hit = sorted((c for c in measured if c.hits), key=lambda c: -c.hits)
    print(f"  在语料上有命中而排除：{len(hit)}；通过：{len(accepted)}")
    for c in hit[: args.show]:
        example = " / ".join(c.examples)
        print(f"    {c.term}\t命中 {c.hits}\t来源 {c.source}\t例：{example}")
