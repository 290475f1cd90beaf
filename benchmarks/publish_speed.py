"""Publishing speed: 500 posts to the three emulated channels (WeChat, Weibo, app).

Each measurement publishes the same 500 generated posts (1,500 deliveries) from a fresh
copy of a unit repository to a fresh loopback emulator, through the real clients, ledger
writes (fsync) and the ledger commit. The baseline is the sequential run (one worker per
platform); the others use N workers per platform. Client-side rate limits stay on
(``GOVMEDIA_RATE_*``) and every run must end with zero rate-limit refusals from the
emulators (Weibo 10022–10024, WeChat 45011) and exactly 1,500 deliveries.

Two series: the bare loopback emulator, and the same with a 20 ms delay on every API
answer (a realistic round trip to a platform), where waiting dominates and the workers
pay off.

The 三审 check is a stand-in here (every generated post approved): this measures
publishing, not review (the review module has its own benchmark).
"""

from __future__ import annotations

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

import httpx  # noqa: E402
from _publisher import enroll, key_path  # noqa: E402

from pipeline.plan import single  # noqa: E402
from pipeline.platforms.settings import Settings  # noqa: E402
from pipeline.project import Project  # noqa: E402
from pipeline.publish import Clients, run_publish  # noqa: E402

POSTS = int(os.environ.get("BENCH_POSTS", "500"))
WORKERS = (1, 2, 4, 8)
RATE = "400/400"  # client-side limit per platform (requests/s, burst)
CREDS = {"appid": "wxbench", "secret": "bench-secret-0000", "token": "bench-token", "key": "k" * 32}


@dataclass
class Approved:
    stage: int
    ok: bool = True
    by: str = "张伟 <zhangwei@example.gov.cn>"
    commit: str = "0" * 40
    at: str = "2026-11-01T10:00:00+08:00"
    reason: str = ""


@dataclass
class Review:
    path: str
    blob: str
    publishable: bool
    stages: list


def emulator_settings(url: str, app_push: str, template: Path) -> Settings:
    """Publishing settings for the loopback emulator at ``url``: its throwaway credentials
    and the publisher key enrolled in ``template``."""
    return Settings(
        wechat_api=url,
        weibo_api=url,
        app_push=app_push,
        wechat_appid=CREDS["appid"],
        wechat_secret=CREDS["secret"],
        weibo_token=CREDS["token"],
        weibo_rip="127.0.0.1",
        app_hmac_key=CREDS["key"],
        site_url="https://gov.example.cn/archive/",
        publisher_key=str(key_path(template)),
    )


def stand_in(blobs: dict[str, str]):
    def review(root: Path, path: str, ref: str) -> Review:
        return Review(path, blobs[path], True, [Approved(1), Approved(2), Approved(3)])

    return single(review)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def make_repo(path: Path) -> dict[str, str]:
    (path / "content" / "posts").mkdir(parents=True)
    for name in ("accounts.yml", "roster.yml"):
        shutil.copy2(ROOT / "content" / name, path / "content" / name)
    for n in range(POSTS):
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


class Emulated:
    """``govmedia emulate`` in its own process (it must not share this process's GIL)."""

    def __init__(self) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "GOVMEDIA_WECHAT_APPID": CREDS["appid"],
            "GOVMEDIA_WECHAT_SECRET": CREDS["secret"],
            "GOVMEDIA_WEIBO_TOKEN": CREDS["token"],
            "GOVMEDIA_APP_HMAC_KEY": CREDS["key"],
        }
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pipeline",
                "emulate",
                "--port",
                "0",
                "--weibo-hourly-limit",
                str(10 * POSTS),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        self.url = line.split("：", 1)[1].strip()
        self.app_push_url = self.url + "/app/push"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def measure(
    template: Path, blobs: dict[str, str], workers: int, latency: float = 0.0
) -> tuple[float, dict]:
    work = Path(tempfile.mkdtemp(prefix="govmedia-bench-run-"))
    repo = work / "unit"
    shutil.copytree(template, repo)
    git(repo, "config", "user.name", "bench")
    git(repo, "config", "user.email", "b@x")
    emulator = Emulated()
    if latency:
        fault = [{"path": "*", "latency": latency, "times": -1}]
        httpx.post(emulator.url + "/_emulator/faults", json=fault).raise_for_status()
    settings = emulator_settings(emulator.url, emulator.app_push_url, template)
    try:
        start = time.perf_counter()
        code = run_publish(
            Project(repo),
            review=stand_in(blobs),
            clients=Clients(settings),
            jobs=workers,
            progress=False,
            say=lambda line: None,
        )
        elapsed = time.perf_counter() - start
        published = httpx.get(emulator.url + "/_emulator/published").json()
        counts = {k: len(v) for k, v in published.items()}
        if code != 0 or sum(counts.values()) != 3 * POSTS:
            raise SystemExit(f"benchmark run failed: exit {code}, deliveries {counts}")
        return elapsed, counts
    finally:
        emulator.stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    for platform in ("WECHAT", "WEIBO", "APP"):
        os.environ[f"GOVMEDIA_RATE_{platform}"] = RATE
    os.environ["GOVMEDIA_POLL_INTERVAL"] = "0.05"
    base = Path(tempfile.mkdtemp(prefix="govmedia-bench-"))
    try:
        blobs = make_repo(base / "unit")
        print(
            f"publish_speed: {POSTS} posts × 3 channels = {3 * POSTS} deliveries per run "
            f"(client rate limit {RATE} per platform)"
        )
        for latency in (0.0, 0.02):
            print(f"  API answer delay {latency * 1000:.0f} ms:")
            baseline = None
            for workers in WORKERS:
                elapsed, counts = measure(base / "unit", blobs, workers, latency)
                rate = POSTS / elapsed
                baseline = baseline or rate
                label = "sequential (baseline)" if workers == 1 else f"{workers} workers/platform"
                print(
                    f"    {label:24s} {elapsed:7.2f} s  {rate:7.1f} posts/s  "
                    f"{3 * POSTS / elapsed:7.1f} deliveries/s  ×{rate / baseline:.2f}  {counts}"
                )
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
