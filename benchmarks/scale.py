"""The scale table of issue 17: every row as a ratio against a baseline measured in the same
run, at 100 and 2,000 posts (10,000 with ``--long``), with each row's peak memory.

Each row runs in a process of its own (``--one ROW --n N``), so that its peak memory
(``ru_maxrss`` of that process and of the largest process it waited for: a build, a check,
the emulator) is its own. A row calls the benchmark that owns the work (rules_speed.py,
site_speed.py, publish_speed.py, watch_speed.py, emulator_state.py) rather than measuring
it again here; a row that cannot be measured (a function it needs is missing, the shared
corpus is absent, a tool is not installed) prints why and the table goes on.

Usage: python benchmarks/scale.py [--posts 100,2000] [--long] [--rows publish,watch]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

MARK = "scale-row:"
RUNS = 5  # repeated single-post timings: the median is reported


@dataclass
class Row:
    work: str
    value: float
    unit: str
    baseline: str
    base_value: float
    target: str = ""
    note: str = ""
    throughput: bool = False  # the ratio is baseline time / govmedia time (higher is better)

    @property
    def ratio(self) -> float:
        top, bottom = (
            (self.base_value, self.value) if self.throughput else (self.value, self.base_value)
        )
        return top / bottom if bottom else float("nan")


class Unmeasured(Exception):
    """The row cannot be measured here; the message says why (printed in the table)."""


def need(module: str, *names: str) -> object:
    """``module`` (a benchmark beside this one) holding ``names``, or Unmeasured."""
    try:
        loaded = __import__(module)
    except Exception as exc:  # any import failure is reported, not raised
        raise Unmeasured(f"benchmarks/{module}.py cannot be imported ({exc})") from None
    missing = [n for n in names if not hasattr(loaded, n)]
    if missing:
        raise Unmeasured(f"benchmarks/{module}.py has no {', '.join(missing)}")
    return loaded


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def median_of(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    timed(command, cwd, env)  # warm: caches, __pycache__
    return statistics.median(timed(command, cwd, env) for _ in range(RUNS))


def check_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# -- rows: the check ------------------------------------------------------------------------


def row_check_one(n: int) -> list[Row]:
    rules = need("rules_speed", "single_post")
    result = rules.single_post(RUNS)  # type: ignore[attr-defined]
    return [
        Row(
            "`govmedia check one.md`, new process, sample repository",
            result["median"],
            "s",
            "`python -c pass`",
            result["interpreter"],
            "≤ 0.3 s",
        )
    ]


def unit_repo(root: Path, n: int) -> tuple[Path, str]:
    """A unit repository of ``n`` generated posts (site_speed.make_repo) and one post's path."""
    site = need("site_speed", "make_repo")
    repo, _plain = site.make_repo(root, n, 2017)  # type: ignore[attr-defined]
    posts = sorted((repo / "content" / "posts").rglob("*.md"))
    if not posts:
        raise Unmeasured("site_speed.make_repo made no posts")
    return repo, str(posts[len(posts) // 2].relative_to(repo))


def row_check_grows(n: int) -> list[Row]:
    command = [sys.executable, "-m", "pipeline", "check"]
    with tempfile.TemporaryDirectory(prefix="govmedia-scale-") as tmp:
        small, post = unit_repo(Path(tmp) / "small", 44)
        large, _ = unit_repo(Path(tmp) / "large", n)
        shutil.copy2(small / post, large / post)  # the same post in both
        base = median_of([*command, post], small, check_env(Path(tmp) / "c1"))
        grown = median_of([*command, post], large, check_env(Path(tmp) / "c2"))
    return [
        Row(
            f"the same post in a {n}-post repository",
            grown,
            "s",
            "the same post in a 44-post repository",
            base,
            "≤ 1.1×",
        )
    ]


def row_pre_commit(n: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="govmedia-scale-") as tmp:
        repo, post = unit_repo(Path(tmp) / "unit", n)
        env = check_env(Path(tmp) / "cache")
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "install-pre-commit"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise Unmeasured(f"install-pre-commit failed: {done.stderr.strip()[-200:]}")
        check = median_of([sys.executable, "-I", "-m", "pipeline", "check", post], repo, env)
        hooked: list[float] = []
        for i in range(RUNS + 1):
            with open(repo / post, "a", encoding="utf-8") as handle:
                handle.write(f"\n第{i}次修改。\n")
            subprocess.run(["git", "add", post], cwd=repo, check=True)
            ident = ["-c", "user.name=bench", "-c", "user.email=b@example.gov.cn"]
            hooked.append(timed(["git", *ident, "commit", "-q", "-m", f"edit {i}"], repo, env))
    return [
        Row(
            "pre-commit hook around it (git commit of one post)",
            statistics.median(hooked[1:]),
            "s",
            "the hook's own `govmedia check`",
            check,
            "≤ 1.2×",
        )
    ]


def row_check_all(n: int) -> list[Row]:
    """The command users run over every post, against a raw Aho-Corasick scan of the same
    bodies with the same terms (rules_speed's baseline)."""
    import ahocorasick

    from pipeline.rules import RuleChecker

    with tempfile.TemporaryDirectory(prefix="govmedia-scale-") as tmp:
        repo, _ = unit_repo(Path(tmp) / "unit", n)
        env = check_env(Path(tmp) / "cache")
        check = median_of([sys.executable, "-m", "pipeline", "check"], repo, env)
        texts = [p.read_text(encoding="utf-8") for p in (repo / "content/posts").rglob("*.md")]
        raw = ahocorasick.Automaton()
        for term in RuleChecker(None).matcher.terms:
            raw.add_word(term.text, term.rule)
        raw.make_automaton()
        scans = []
        for _ in range(RUNS):
            start = time.perf_counter()
            sum(1 for text in texts for _ in raw.iter(text))
            scans.append(time.perf_counter() - start)
    return [
        Row(
            f"`govmedia check` of {n} posts",
            check,
            "s",
            "raw Aho-Corasick scan of the same text",
            statistics.median(scans),
            "≥ 0.5×",
            note="throughput: the ratio is raw scan time / check time",
            throughput=True,
        )
    ]


# -- rows: the archive ----------------------------------------------------------------------


def row_archive(n: int) -> list[Row]:
    site = need("site_speed", "make_repo", "measure", "change_one_post", "GOVMEDIA")
    build = [*site.GOVMEDIA, "build"]  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory(prefix="govmedia-scale-") as tmp:
        repo, plain = site.make_repo(Path(tmp), n, 2017)  # type: ignore[attr-defined]
        full, full_rss = site.measure(build, repo)  # type: ignore[attr-defined]
        bare, bare_rss = site.measure(  # type: ignore[attr-defined]
            [sys.executable, "-m", "mkdocs", "build", "-q"], plain
        )
        search = sum(p.stat().st_size for p in (repo / "site").rglob("search*") if p.is_file())
        site.change_one_post(repo, f"post-{n - 1:05d}", "基准测试更正词")  # type: ignore[attr-defined]
        again, again_rss = site.measure(build, repo)  # type: ignore[attr-defined]
    return [
        Row(
            f"archive build, {n} posts",
            full,
            "s",
            "bare mkdocs-material blog",
            bare,
            "≤ 1.0×",
            note=f"peak {full_rss // 1024} MiB; baseline peak {bare_rss // 1024} MiB",
        ),
        Row(
            f"one post corrected, then rebuild, {n} posts",
            again,
            "s",
            "full build",
            full,
            "≤ 0.1×",
            note=f"peak {again_rss // 1024} MiB",
        ),
        Row(
            f"what a reader downloads to search, {n} posts",
            search / 1e6,
            "MB",
            "target 5 MB",
            5.0,
            "≤ 1.0×",
        ),
    ]


def row_zensical(n: int) -> list[Row]:
    if importlib.util.find_spec("zensical") is None:
        raise Unmeasured("Zensical is not installed (not a dependency; see the issue)")
    raise Unmeasured("no Zensical build benchmark exists yet")


# -- rows: publishing, the watch, the emulator's state ----------------------------------------


def row_publish(n: int) -> list[Row]:
    ps = need("publish_speed", "make_repo", "publish_run", "rate_limits", "RATE")
    ps.rate_limits()  # type: ignore[attr-defined]
    limit = float(str(ps.RATE).split("/")[0])  # type: ignore[attr-defined]
    rows = []
    with tempfile.TemporaryDirectory(prefix="govmedia-scale-") as tmp:
        blobs = ps.make_repo(Path(tmp) / "unit", n)  # type: ignore[attr-defined]
        for latency in (0.0, 0.02):
            one = ps.publish_run(Path(tmp) / "unit", blobs, 1, latency)  # type: ignore[attr-defined]
            four = ps.publish_run(Path(tmp) / "unit", blobs, 4, latency)  # type: ignore[attr-defined]
            rows.append(
                Row(
                    f"publish {n} posts × 3 channels, {latency * 1000:.0f} ms API latency, "
                    "jobs 4 (posts/s)",
                    n / four.seconds,
                    "posts/s",
                    "jobs 1",
                    n / one.seconds,
                    f"the client rate limit: {limit:.0f} requests/s per platform",
                    note=f"CPU {1000 * one.cpu / n:.1f} / {1000 * four.cpu / n:.1f} ms per post "
                    "(jobs 1 / 4); the ratio is jobs 4 over jobs 1: higher is better",
                )
            )
    return rows


def row_watch(n: int) -> list[Row]:
    ws = need("watch_speed", "measure")
    m = ws.measure(n)  # type: ignore[attr-defined]
    return [
        Row(
            f"watch of {n} posts × 3 channels, versions re-rendered",
            m["rerendered"],
            "s",
            "hashes in the ledger",
            m["hashed"],
        ),
        Row(
            "watch's three clients, plain http: lazy TLS",
            m["lazy_tls"],
            "s",
            "eager TLS contexts (httpx default)",
            m["eager_tls"],
            "≪ 1×",
        ),
    ]


def row_emulator_state(n: int) -> list[Row]:
    es = need("emulator_state", "measure")
    ps = need("publish_speed", "make_repo", "rate_limits")
    ps.rate_limits()  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory(prefix="govmedia-scale-") as tmp:
        blobs = ps.make_repo(Path(tmp) / "unit", n)  # type: ignore[attr-defined]
        bare, _ = es.measure(Path(tmp) / "unit", blobs, with_state=False)  # type: ignore[attr-defined]
        kept, size = es.measure(Path(tmp) / "unit", blobs, with_state=True)  # type: ignore[attr-defined]
    return [
        Row(
            f"publish {n} posts to the emulator with --state",
            kept,
            "s",
            "the emulator without --state",
            bare,
            "≈ 1×",
            note=f"state file {size / 1e6:.1f} MB",
        )
    ]


ROWS: dict[str, Callable[[int], list[Row]]] = {
    "check-one": row_check_one,
    "check-grows": row_check_grows,
    "pre-commit": row_pre_commit,
    "check-all": row_check_all,
    "archive": row_archive,
    "zensical": row_zensical,
    "publish": row_publish,
    "watch": row_watch,
    "emulator-state": row_emulator_state,
}
ONCE = {"check-one", "zensical"}  # do not depend on the number of posts


def peak_kib() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children)


def one(name: str, n: int) -> int:
    """Measure one row in this process; print it as one JSON line after ``MARK``."""
    try:
        rows = ROWS[name](n)
    except Unmeasured as exc:
        print(MARK + json.dumps({"why": str(exc)}, ensure_ascii=False))
        return 0
    except SystemExit as exc:  # a benchmark's own refusal (a failed run)
        print(MARK + json.dumps({"why": f"the benchmark stopped: {exc}"}, ensure_ascii=False))
        return 0
    found = [asdict(r) for r in rows]
    print(MARK + json.dumps({"rows": found, "peak_kib": peak_kib()}, ensure_ascii=False))
    return 0


def run_row(name: str, n: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--one", name, "--n", str(n)],
        capture_output=True,
        text=True,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
    return {"why": f"the row's process failed (exit {done.returncode}): {tail[:200]}"}


def show(name: str, n: int, result: dict[str, object]) -> None:
    if "why" in result:
        print(f"| {name}, {n} posts | not measured: {result['why']} | | | | |")
        return
    peak = int(result["peak_kib"]) // 1024  # type: ignore[call-overload]
    for data in result["rows"]:  # type: ignore[attr-defined]
        row = Row(**data)
        note = f" ({row.note})" if row.note else ""
        print(
            f"| {row.work} | {row.value:.3g} {row.unit} | {row.baseline}: "
            f"{row.base_value:.3g} {row.unit} | {row.ratio:.2f}× | {row.target} | "
            f"{peak} MiB{note} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the scale table of issue 17")
    parser.add_argument("--posts", default="100,2000", help="repository sizes, comma-separated")
    parser.add_argument("--long", action="store_true", help="also 10,000 posts (hours)")
    parser.add_argument("--rows", default=",".join(ROWS), help="rows to measure")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        return one(args.one, args.n)
    sizes = [int(x) for x in args.posts.split(",") if x.strip()]
    if args.long:
        sizes.append(10_000)
    names = [x for x in args.rows.split(",") if x]
    unknown = [x for x in names if x not in ROWS]
    if unknown:
        parser.error(f"unknown rows: {', '.join(unknown)} (known: {', '.join(ROWS)})")
    print("| work | govmedia | baseline in the same run | ratio | target | peak memory |")
    print("| --- | --- | --- | --- | --- | --- |")
    for i, n in enumerate(sizes):
        for name in names:
            if name in ONCE and i:
                continue
            show(name, n, run_row(name, n))
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
