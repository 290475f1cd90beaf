"""``govmedia check``: front-matter schema and content rules for posts."""

from __future__ import annotations

import argparse
import atexit
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.argtypes import positive_int
from pipeline.check_pool import default_jobs
from pipeline.checking import collect, collect_stored
from pipeline.findings import FORMATS, exit_code, render
from pipeline.project import find_project
from pipeline.rules.copy_order import UNORDERED, main_tip, read_once

# The collector's first generation runs after this many allocations net of frees, instead of
# Python's 700 (as mypy does): a check builds hundreds of thousands of objects that live to
# the end (the result store's records, the lexicons, the matcher's keys) and frees few
# cycles, and each collection walks what is alive. About a tenth of a check through the
# result store with one changed file; nothing it finds depends on it.
GC_THRESHOLD = (100_000, 50, 100)

NAME = "check"
HELP = "检查文章的字段与内容规则（不指定路径时检查全部文章）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="要检查的文章文件")
    parser.add_argument("--format", choices=FORMATS, default="text", help="输出格式")
    parser.add_argument(
        "--jobs",
        type=positive_int,
        default=default_jobs(),
        metavar="N",
        help="检查多篇文章时同时使用的进程数（默认：本机 CPU 核数；结果顺序与进程数无关）",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="不使用本机保存的上次检查结果，全部文章重新检查（结果相同，只是更慢）",
    )


@contextmanager
def fewer_collections() -> Iterator[None]:
    """:data:`GC_THRESHOLD` while the check runs; the previous thresholds afterwards.

    What the run allocated goes to the oldest generation first (``freeze``, then
    ``unfreeze``: no collection, and cycles among it are still collected there): with the
    first generation's count over Python's 700, the next allocation after the thresholds
    are restored would walk every object the check built, just before the process ends
    (11 ms of a run through the store with one changed file)."""
    previous = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        frozen = gc.get_freeze_count() == 0  # nobody else's objects are kept frozen
        if frozen:
            gc.freeze()
        gc.set_threshold(*previous)
        if frozen:
            gc.unfreeze()


def freeze_at_exit() -> None:
    """What is alive when the process ends is left to the system: the interpreter's last
    collection at exit skips frozen objects, and walking the hundreds of thousands the
    check built (the lexicons, the matcher's keys, the store's records) cost about a tenth
    of a check through the store with one changed file. Registered by :func:`run`; until
    the process ends, collections are as before."""
    gc.freeze()


def run(args: argparse.Namespace) -> int:
    atexit.unregister(freeze_at_exit)  # once, however many checks the process runs
    atexit.register(freeze_at_exit)
    with fewer_collections(), read_once():  # main's tip: one reading for the whole run
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    project = find_project()
    paths = [Path(p) for p in args.paths] if args.paths else None
    if args.no_cache:
        posts, findings = collect(project, paths, jobs=args.jobs)
        count = len(posts)
    else:
        count, findings = collect_stored(project, paths, jobs=args.jobs)
    text = render(findings, args.format)
    if text:
        print(text)
    elif args.format == "text":
        print(f"检查通过：{count} 篇文章没有发现问题。", file=sys.stderr)
    if count and main_tip(project.root) is None:
        print(UNORDERED, file=sys.stderr)  # A11-04 by the dates posts claim: say so
    kept = sys.modules.get("pipeline.rules.compiled_re")  # when the rules were loaded
    if kept is not None:
        kept.save()  # the expressions compiled afresh, for the next check
    return exit_code(findings)
