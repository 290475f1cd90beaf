"""Shared pieces of the publishing tests: a real emulator on loopback, throwaway
credentials, a small unit repository, and a runner that publishes in a NEW process (so
that ``GOVMEDIA_CRASH_AT`` can SIGKILL it).

Until the review helper's ``pipeline.review.verify`` lands on main, the publishing path
is exercised with :func:`review_double` injected through ``run_publish(review=...)``: it
returns, for the blob at ``ref``, a publishable review with three stages. It is a test
double of the review module (a real part that cannot exist on this branch yet), never
used by the product.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from pipeline.emulators import Emulator, EmulatorConfig, start_emulator

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT_ROOT / "content"

CREDS = {
    "GOVMEDIA_WECHAT_APPID": "wx1234567890throwaway",
    "GOVMEDIA_WECHAT_SECRET": "s3cr3t-wechat-THROWAWAY-0a1b2c3d",
    "GOVMEDIA_WEIBO_TOKEN": "2.00weiboTHROWAWAYtoken9f8e7d6c",
    "GOVMEDIA_APP_HMAC_KEY": "hmac-THROWAWAY-key-5e4d3c2b1a",
}
SITE = "http://127.0.0.1:8000/"
STAGE_PEOPLE = (
    "张伟 <zhangwei@example.gov.cn>",
    "李强 <liqiang@example.gov.cn>",
    "陈静 <chenjing@example.gov.cn>",
)
# A few sample posts: one with a cover and an image, a repost, a plain notice.
SMALL_POSTS = (
    "2026/03/zhangshang-app-shangxian.md",
    "2026/03/neimenggu-yiwangtongban-tizhi.md",
    "2026/11/nianmo-fanzha-tixing.md",
)


@dataclass
class Stage:
    stage: int
    ok: bool
    by: str
    commit: str
    at: str
    reason: str = ""


@dataclass
class Review:
    path: str
    blob: str
    publishable: bool
    stages: list[Stage] = field(default_factory=list)


def review_double(repo_root: Path, path: str, ref: str = "HEAD") -> Review:
    """Test double of ``pipeline.review.verify.review_post`` (see the module docstring).

    A post whose body contains ``未审核`` is reported as not publishable.
    """
    out = subprocess.run(
        ["git", "rev-parse", f"{ref}:{path}"], cwd=repo_root, capture_output=True, text=True
    )
    blob = out.stdout.strip()
    raw = subprocess.run(
        ["git", "cat-file", "blob", blob], cwd=repo_root, capture_output=True
    ).stdout.decode("utf-8", "replace")
    ok = "未审核" not in raw
    stages = [
        Stage(n, ok, who, "a" * 40, f"2026-11-0{n}T10:00:00+08:00", "" if ok else "缺少审批")
        for n, who in enumerate(STAGE_PEOPLE, 1)
    ]
    return Review(path, blob, ok, stages)


def config() -> EmulatorConfig:
    return EmulatorConfig(
        wechat_appid=CREDS["GOVMEDIA_WECHAT_APPID"],
        wechat_secret=CREDS["GOVMEDIA_WECHAT_SECRET"],
        weibo_token=CREDS["GOVMEDIA_WEIBO_TOKEN"],
        app_key=CREDS["GOVMEDIA_APP_HMAC_KEY"],
        weibo_hourly_limit=1000,
    )


def running_emulator() -> Iterator[Emulator]:
    """Body of each test module's ``emulator`` fixture: a real server on an ephemeral port."""
    emu = start_emulator(config=config())
    try:
        yield emu
    finally:
        emu.stop()


def env_for(emu: Emulator, **extra: str) -> dict[str, str]:
    return {
        **CREDS,
        "GOVMEDIA_WECHAT_API": emu.url,
        "GOVMEDIA_WEIBO_API": emu.url,
        "GOVMEDIA_APP_PUSH": emu.app_push_url,
        "GOVMEDIA_SITE_URL": SITE,
        "GOVMEDIA_POLL_INTERVAL": "0.01",
        "GOVMEDIA_RETRY_BASE": "0.01",
        "GOVMEDIA_RATE_WEIBO": "1000/1000",
        **extra,
    }


def published(emu: Emulator) -> dict[str, list[dict[str, Any]]]:
    return httpx.get(emu.url + "/_emulator/published", timeout=10).json()


def faults(emu: Emulator, *rules: dict[str, Any]) -> None:
    httpx.post(emu.url + "/_emulator/faults", json=list(rules), timeout=10).raise_for_status()


def control(emu: Emulator, name: str, body: dict[str, Any]) -> None:
    httpx.post(emu.url + f"/_emulator/{name}", json=body, timeout=10).raise_for_status()


def stats(emu: Emulator) -> dict[str, int]:
    return httpx.get(emu.url + "/_emulator/stats", timeout=10).json()["requests"]


def small_repo(path: Path, posts: tuple[str, ...] = SMALL_POSTS) -> Path:
    """A unit repository with the registry, roster and a few sample posts, on main."""
    (path / "content" / "posts").mkdir(parents=True)
    for name in ("accounts.yml", "roster.yml"):
        shutil.copy2(SAMPLE / name, path / "content" / name)
    for rel in posts:
        src = SAMPLE / "posts" / rel
        dst = path / "content" / "posts" / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
        images = src.parent / "images"
        if images.is_dir() and not (dst.parent / "images").exists():
            shutil.copytree(images, dst.parent / "images")
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "Import posts")
    return path


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"git {args} failed: {proc.stderr}")
    return proc.stdout


RUNNER = """
import sys
from pathlib import Path
from pipeline.project import Project
from pipeline.plan import single
from pipeline.publish import run_publish
from tests.publish_support import review_double
sys.exit(run_publish(Project(Path(sys.argv[1])), review=single(review_double),
                     jobs=int(sys.argv[2]), progress=False))
"""


@dataclass
class Run:
    code: int
    out: str
    err: str


def publish_process(repo: Path, env: dict[str, str], jobs: int = 1) -> Run:
    """``run_publish`` in a new process (the review double injected; crash points live)."""
    full = dict(os.environ)
    full["PYTHONPATH"] = str(PROJECT_ROOT)
    full.update(env)
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, str(repo), str(jobs)],
        cwd=repo,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def ledger_records(repo: Path) -> list[dict[str, Any]]:
    records = []
    for path in sorted((repo / "ledger").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                with contextlib.suppress(json.JSONDecodeError):
                    records.append(json.loads(line))
    return records
