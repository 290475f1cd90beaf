"""The content check's CPU time as a function of the text's length, against a raw scan.

For each shape of text and each length (1,000, 5,000, 20,000 and 50,000 characters by
default), the CPU time of ``RuleChecker.check_text`` (median of ``--runs``) against a raw
pyahocorasick scan of the same text with the same lexicon terms, measured in the same
process (median of as many scans as fill about as much time): the ratio check / raw, and
the growth of the check's time per character from the shortest length (1.0 is linear).

Shapes: one banned term repeated (``法轮功好。``); many different lexicon terms, one per
sentence; a long legitimate government text (pieces of the public corpus of the shared
folder, ``GOVMEDIA_SHARED``; skipped with a message when it is absent; read, never copied);
the same hard-wrapped inside words, as Markdown sources are; a long Markdown
table; one enormous paragraph with no sentence end; many short lines.

``--base <checkout>`` measures another checkout (main, before a change) in the same run,
each shape in a process of its own for each checkout, the two interleaved, and prints both
rows with their findings' count (which must be equal), so that before and after see the
same load.

Run: ``.venv/bin/python benchmarks/check_length.py [--lengths 1000,5000,20000,50000]
[--runs 3] [--base <checkout>] [--base-lengths 1000,5000,20000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
FILLER = "今天社区召开居民会议，讨论垃圾分类和停车位改造等事项"


def _repeat(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def shared_dir() -> Path:
    env = os.environ.get("GOVMEDIA_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def _gov(length: int) -> str | None:
    """Bodies of the public corpus joined to ``length`` characters, or None without it."""
    folder = shared_dir() / "corpus" / "gov"
    if not folder.is_dir():
        return None
    pieces: list[str] = []
    total = 0
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = FRONT.match(text)
        body = text[match.end() :] if match else text
        pieces.append(body)
        total += len(body)
        if total >= length:
            break
    return "\n\n".join(pieces)[:length]


def _wrapped(length: int) -> str | None:
    """The corpus bodies hard-wrapped every :data:`WRAP` characters, inside words, as an
    editor's Markdown source often is (each break between two Chinese characters is read
    again joined: :func:`pipeline.rules.lines.broken`)."""
    text = _gov(length)
    if text is None:
        return None
    lines = [
        line[i : i + WRAP] for line in text.split("\n") for i in range(0, len(line) or 1, WRAP)
    ]
    return "\n".join(lines)[:length]


WRAP = 36


def _table(length: int) -> str:
    rows = ["| 序号 | 项目名称 | 责任单位 | 金额（万元） |", "| --- | --- | --- | --- |"]
    total, i = 0, 0
    while total < length:
        rows.append(f"| {i} | 老旧小区改造第{i}期 | 住房和城乡建设局 | {i * 13 % 997} |")
        total += len(rows[-1]) + 1
        i += 1
    return "\n".join(rows)[:length]


def shapes(terms: list[str]) -> dict[str, Callable[[int], str | None]]:
    """name -> the text of that shape at a length (None: skipped)."""

    def many(length: int) -> str:
        return _repeat("".join(f"{FILLER}，还提到{t}。" for t in terms), length)

    return {
        "one term repeated": lambda n: _repeat("法轮功好。", n),
        "many terms": many,
        "government text": _gov,
        "hard-wrapped government text": _wrapped,
        "table": _table,
        "one paragraph, no sentence end": lambda n: _repeat("有人在群里推广赌博网站，", n),
        "short lines": lambda n: _repeat("第一条\n法轮功\n好\n", n),
    }


def _raw_cpu(raw: object, text: str, times: int) -> float:
    """CPU seconds of ``times`` raw scans of ``text``."""
    t0 = time.process_time()
    sum(1 for _ in range(times) for _ in raw.iter(text))  # type: ignore[attr-defined]
    return time.process_time() - t0


def measure(shape: str, lengths: list[int], runs: int) -> dict[str, object]:
    """The check's and the raw scan's CPU seconds for ``shape`` at each length (in this
    process, with the checkout first on ``sys.path``)."""
    import ahocorasick

    from pipeline.rules import RuleChecker

    checker = RuleChecker(None)
    texts = [t.text for t in checker.matcher.terms]
    raw = ahocorasick.Automaton()
    for text in texts:
        raw.add_word(text, text)
    raw.make_automaton()
    chosen = [t for t in texts if len(t) >= 2][:400:7]
    make = shapes(chosen)[shape]
    rows = []
    checker.check_text("热身：法轮功。")
    for length in lengths:
        text = make(length)
        if text is None:
            return {"skipped": True}
        checker.check_text((text + " ")[:-1])  # what a first check of a shape loads
        check, found = [], 0
        for _ in range(runs):
            fresh = (text + " ")[:-1]  # a new object: nothing kept from the last run
            start = time.process_time()
            found = len(checker.check_text(fresh))
            check.append(time.process_time() - start)
        median = statistics.median(check)
        scans = max(1, min(2000, int(median / max(_raw_cpu(raw, text, 1), 1e-6))))
        raw_times = [_raw_cpu(raw, text, scans) / scans for _ in range(runs)]
        rows.append(
            {
                "length": length,
                "check": median,
                "raw": statistics.median(raw_times),
                "findings": found,
            }
        )
    return {"rows": rows}


def _worker(root: Path, shape: str, lengths: list[int], runs: int) -> dict[str, object]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        str(root),
        "--shape",
        shape,
        "--lengths",
        ",".join(map(str, lengths)),
        "--runs",
        str(runs),
    ]
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _print(label: str, result: dict[str, object]) -> None:
    rows = result.get("rows")
    if not isinstance(rows, list):
        print(f"  {label}: 跳过（共享语料不存在）")
        return
    first = rows[0]
    for row in rows:
        growth = (row["check"] / row["length"]) / (first["check"] / first["length"])
        print(
            f"  {label:5} {row['length']:>6} 字  check {row['check'] * 1000:8.1f} ms CPU"
            f"  raw {row['raw'] * 1000:7.3f} ms  check/raw {row['check'] / row['raw']:7.0f}×"
            f"  per-char growth {growth:5.2f}  findings {row['findings']}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lengths", default="1000,5000,20000,50000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base", type=Path, default=None)
    parser.add_argument("--base-lengths", default="1000,5000,20000")
    parser.add_argument("--shape", action="append", default=None)
    parser.add_argument("--worker", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    lengths = [int(x) for x in args.lengths.split(",")]
    if args.worker is not None:
        sys.path.insert(0, str(args.worker))
        print(json.dumps(measure(args.shape[0], lengths, args.runs)))
        return 0
    names = args.shape or list(shapes([]))
    print(f"load: {os.getloadavg()[0]:.1f}; CPU time, median of {args.runs} runs")
    for name in names:
        print(f"== {name}")
        _print("this", _worker(ROOT, name, lengths, args.runs))
        if args.base is not None:
            base_lengths = [int(x) for x in args.base_lengths.split(",")]
            _print("base", _worker(args.base.resolve(), name, base_lengths, args.runs))
    print(f"load: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
