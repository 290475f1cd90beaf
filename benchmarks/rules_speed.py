"""Speed of the content rules, against a baseline measured in the same run.

1. Throughput over a 10,000-post synthetic corpus built from ../shared/corpus/gov/
   (bodies only, cut into post-sized pieces): the full text check (every lexicon with
   evasion handling, PII, credentials, language norms, opinions) against a raw
   pyahocorasick scan of the same lexicon over the same texts, interleaved in chunks of
   250 posts, best of 3 per chunk for both. Target ratio ≥ 0.3.
2. A single-post ``govmedia check`` as pre-commit runs it: a new process each time,
   warm private cache, median wall time of N runs. Target ≤ 0.5 s.

Run: ``.venv/bin/python benchmarks/rules_speed.py [--shared DIR] [--posts N] [--runs N]``.
Skips part 1 with a message when the shared corpus is absent.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ahocorasick  # noqa: E402

from pipeline.rules import RuleChecker  # noqa: E402

FRONT_RE = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
CHUNK = 250
REPEAT = 3


def shared_dir(arg: Path | None) -> Path:
    if arg is not None:
        return arg
    env = os.environ.get("GOVMEDIA_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def synthetic_posts(gov: Path, count: int, seed: int = 0) -> list[str]:
    """``count`` post-sized texts (300–1500 characters) cut from the corpus bodies."""
    paragraphs: list[str] = []
    for path in sorted(gov.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        m = FRONT_RE.match(text)
        body = text[m.end() :] if m else text
        paragraphs.extend(p.strip() for p in body.split("\n") if len(p.strip()) >= 20)
    rng = random.Random(seed)
    posts: list[str] = []
    while len(posts) < count:
        size = rng.randint(300, 1500)
        start = rng.randrange(len(paragraphs))
        pieces: list[str] = []
        total = 0
        i = start
        while total < size:
            piece = paragraphs[i % len(paragraphs)]
            pieces.append(piece)
            total += len(piece)
            i += 1
        posts.append("\n\n".join(pieces)[: size + 200])
    return posts


def throughput(shared: Path, count: int) -> dict[str, float] | None:
    gov = shared / "corpus" / "gov"
    if not gov.is_dir():
        print(f"跳过吞吐量测试：{gov} 不存在（需要共享语料）。")
        return None
    posts = synthetic_posts(gov, count)
    size = sum(len(p) for p in posts)
    checker = RuleChecker(None)
    raw = ahocorasick.Automaton()
    for term in checker.matcher.terms:
        raw.add_word(term.text, term.rule)
    raw.make_automaton()

    def run_raw(chunk: list[str]) -> int:
        return sum(1 for p in chunk for _ in raw.iter(p))

    def run_checker(chunk: list[str]) -> int:
        return sum(len(checker.check_text(p)) for p in chunk)

    def best(run: Callable[[list[str]], int], chunk: list[str]) -> tuple[float, int]:
        times = []
        count = 0
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            count = run(chunk)
            times.append(time.perf_counter() - t0)
        return min(times), count

    run_checker(posts[:200])  # warm the segmenter once
    # Interleaved chunks, best of REPEAT each: both sides see the same machine load.
    raw_s = check_s = 0.0
    raw_hits = findings = 0
    for i in range(0, len(posts), CHUNK):
        chunk = posts[i : i + CHUNK]
        seconds, hits = best(run_raw, chunk)
        raw_s += seconds
        raw_hits += hits
        seconds, hits = best(run_checker, chunk)
        check_s += seconds
        findings += hits
    result = {
        "posts": float(len(posts)),
        "chars": float(size),
        "raw_seconds": raw_s,
        "check_seconds": check_s,
        "raw_mchars_per_s": size / raw_s / 1e6,
        "check_mchars_per_s": size / check_s / 1e6,
        "ratio": raw_s / check_s,
        "raw_hits": float(raw_hits),
        "findings": float(findings),
    }
    print(f"synthetic corpus: {len(posts)} posts, {size / 1e6:.2f} M characters")
    print(
        f"raw pyahocorasick scan : {raw_s:7.3f} s  {result['raw_mchars_per_s']:7.2f} M chars/s  ({raw_hits} bare hits)"
    )
    print(
        f"govmedia rules check   : {check_s:7.3f} s  {result['check_mchars_per_s']:7.2f} M chars/s  ({findings} findings)"
    )
    print(f"ratio (check / raw)    : {result['ratio']:.2f}×  (target ≥ 0.3×)")
    return result


def single_post(runs: int) -> dict[str, float]:
    """Median wall time of ``govmedia check <one post>`` in a new process (warm cache)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "content", work / "content")
        post = "content/posts/2026/06/shequ-xuanchuan-jindu.md"
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT)
        env["XDG_CACHE_HOME"] = str(work / "cache")
        # As installed (pip compiles bytecode): let the first run write __pycache__.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [sys.executable, "-m", "pipeline", "check", post]

        def once() -> float:
            t0 = time.perf_counter()
            subprocess.run(command, cwd=work, env=env, capture_output=True, check=False)
            return time.perf_counter() - t0

        cold = once()
        times = sorted(once() for _ in range(runs))
        baseline = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=False)
            baseline.append(time.perf_counter() - t0)
    median = statistics.median(times)
    start = statistics.median(baseline)
    print(
        f"single-post check, new process: median {median:.3f} s over {runs} runs "
        f"(first run with an empty cache {cold:.3f} s; bare interpreter start {start:.3f} s; target ≤ 0.5 s)"
    )
    return {"median": median, "cold": cold, "interpreter": start}


def main() -> int:
    parser = argparse.ArgumentParser(description="content rules speed")
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    throughput(shared_dir(args.shared), args.posts)
    single_post(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
