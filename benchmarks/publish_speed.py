"""Publishing speed: 500 posts to the three emulated channels (WeChat, Weibo, app).

Each measurement publishes the same generated posts (3 deliveries each) from a fresh copy
of a unit repository to a fresh loopback emulator, through the real clients, ledger writes
(synced to disk) and the ledger commit. The baseline is the sequential run (one worker per
platform); the others use N workers per platform. Client-side rate limits stay on
(``GOVMEDIA_RATE_*``) and every run must end with zero rate-limit refusals from the
emulators (Weibo 10022–10024, WeChat 45011) and exactly three deliveries per post.

Two series: the bare loopback emulator, and the same with a 20 ms delay on every API
answer (a realistic round trip to a platform), where waiting dominates and the workers
pay off. Each line also shows the CPU time this process spent per post (all threads): what
the workers contend for under the GIL.

The 三审 check is a stand-in here (every generated post approved): this measures
publishing, not review (the review module has its own benchmark).

Usage: python benchmarks/publish_speed.py [--posts 500] [--workers 1,2,4,8] [--latency 0,20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _publisher import CREDS, Emulated, emulator_settings, enroll  # noqa: E402

from pipeline.platforms.channels import Channels  # noqa: E402
from pipeline.project import Project  # noqa: E402
from pipeline.publishing.plan import single  # noqa: E402
from pipeline.publishing.run import run_publish  # noqa: E402
from pipeline.review.results import PostReview, StageResult  # noqa: E402

POSTS = int(os.environ.get("BENCH_POSTS", "500"))
WORKERS = (1, 2, 4, 8)
LATENCIES = (0.0, 0.02)
RATE = "400/400"  # client-side limit per platform (requests/s, burst)
# re-exported: the other publishing benchmarks import them from here too
__all__ = ["CREDS", "Emulated", "emulator_settings"]


def approved(stage: int) -> StageResult:
    return StageResult(
        stage, True, "张伟 <zhangwei@example.gov.cn>", "0" * 40, "2026-11-01T10:00:00+08:00"
    )


def stand_in(blobs: dict[str, str]):
    def review(root: Path, path: str, ref: str) -> PostReview:
        return PostReview(path, blobs[path], True, [approved(1), approved(2), approved(3)])

    return single(review)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def make_repo(path: Path, posts: int = POSTS) -> dict[str, str]:
    """A unit repository of ``posts`` generated posts, committed; path -> blob id."""
    (path / "content" / "posts").mkdir(parents=True)
    for name in ("accounts.yml", "roster.yml"):
        shutil.copy2(ROOT / "content" / name, path / "content" / name)
    for n in range(posts):
        month = 3 + n % 8
        post = path / f"content/posts/2026/{month:02d}/bench-post-{n:04d}.md"
        post.parent.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(
            f"第{p + 1}段：政务服务大厅第{n}号通知的正文，说明办理时间、地点与所需材料，"
            f"详见[办事指南](https://zwfw.example.gov.cn/guide/{n})。"
            for p in range(6)
        )
        post.write_text(
            f"---\ntitle: 政务服务测试通知第{n}号\ndate: 2026-{month:02d}-10\n"
            "author: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat, weibo, app]\n"
            f"digest: 第{n}号通知的摘要。\n---\n\n## 通知\n\n{body}\n",
            encoding="utf-8",
        )
    enroll(path)  # the publisher key signs each run's ledger commit
    git(path, "init", "-q", "-b", "main")
    git(path, "-c", "user.name=bench", "-c", "user.email=b@x", "add", "-A")
    git(path, "-c", "user.name=bench", "-c", "user.email=b@x", "commit", "-q", "-m", "posts")
    blobs = {}
    for line in git(path, "ls-tree", "-r", "HEAD", "content/posts").splitlines():
        meta, name = line.split("\t")
        blobs[name] = meta.split()[2]
    return blobs


def rate_limits() -> None:
    """The client-side limits and the poll interval every publishing benchmark uses."""
    for platform in ("WECHAT", "WEIBO", "APP"):
        os.environ[f"GOVMEDIA_RATE_{platform}"] = RATE
    os.environ["GOVMEDIA_POLL_INTERVAL"] = "0.05"


@dataclass
class Run:
    seconds: float
    cpu: float  # CPU seconds of this process (every thread) during the run
    deliveries: dict[str, int]
    state_bytes: int = 0  # the emulator's state file, when it kept one


def measure(
    template: Path, blobs: dict[str, str], workers: int, latency: float = 0.0
) -> tuple[float, dict]:
    """One publishing run (wall seconds, deliveries per platform); see :func:`publish_run`."""
    run = publish_run(template, blobs, workers, latency)
    return run.seconds, run.deliveries


def publish_run(
    template: Path,
    blobs: dict[str, str],
    workers: int,
    latency: float = 0.0,
    keep_state: bool = False,
) -> Run:
    """Publish every post of ``template`` (a :func:`make_repo`) from a fresh copy to a
    fresh emulator with ``workers`` per platform (keeping its state in a file with
    ``keep_state``); SystemExit unless every post is delivered on its three channels."""
    posts = len(blobs)
    work = Path(tempfile.mkdtemp(prefix="govmedia-bench-run-"))
    repo = work / "unit"
    shutil.copytree(template, repo)
    git(repo, "config", "user.name", "bench")
    git(repo, "config", "user.email", "b@x")
    state = work / "emulator-state.json" if keep_state else None
    emulator = Emulated(posts, state=state, latency=latency)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        code = run_publish(
            Project(repo),
            review=stand_in(blobs),
            channels=Channels(emulator.settings(template)),
            jobs=workers,
            progress=False,
            say=lambda line: None,
        )
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        counts = emulator.deliveries()
        if code != 0 or sum(counts.values()) != 3 * posts:
            raise SystemExit(f"benchmark run failed: exit {code}, deliveries {counts}")
        emulator.stop()  # with a state file, the emulator writes its last snapshot
        size = state.stat().st_size if state is not None and state.exists() else 0
        if keep_state and not size:
            raise SystemExit("benchmark run failed: the emulator wrote no state file")
        return Run(elapsed, cpu, counts, size)
    finally:
        emulator.stop()
        shutil.rmtree(work, ignore_errors=True)


def numbers(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="publishing speed")
    parser.add_argument("--posts", type=int, default=POSTS)
    parser.add_argument("--workers", default=",".join(str(w) for w in WORKERS))
    parser.add_argument("--latency", default="0,20", help="API answer delays, milliseconds")
    args = parser.parse_args(argv)
    rate_limits()
    base = Path(tempfile.mkdtemp(prefix="govmedia-bench-"))
    try:
        blobs = make_repo(base / "unit", args.posts)
        posts = args.posts
        print(
            f"publish_speed: {posts} posts × 3 channels = {3 * posts} deliveries per run "
            f"(client rate limit {RATE} per platform)"
        )
        for latency in numbers(args.latency):
            print(f"  API answer delay {latency:.0f} ms:")
            baseline = None
            for workers in (int(w) for w in numbers(args.workers)):
                run = publish_run(base / "unit", blobs, workers, latency / 1000)
                rate = posts / run.seconds
                baseline = baseline or rate
                label = "sequential (baseline)" if workers == 1 else f"{workers} workers/platform"
                print(
                    f"    {label:24s} {run.seconds:7.2f} s  {rate:7.1f} posts/s  "
                    f"{3 * posts / run.seconds:7.1f} deliveries/s  ×{rate / baseline:.2f}  "
                    f"CPU {1000 * run.cpu / posts:5.1f} ms/post  {run.deliveries}"
                )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
