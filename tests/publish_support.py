"""Shared pieces of the publishing tests: a real emulator on loopback, throwaway
credentials, a small unit repository, and a runner that publishes in a NEW process (so
that ``GOVMEDIA_CRASH_AT`` can SIGKILL it).

Approvals are real: throwaway ed25519 keys from ``ssh-keygen`` are written into the
roster, and each stage is a commit signed by git (``gpg.format=ssh``) with the protocol's
trailers, verified by the review module when ``govmedia publish`` runs.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from pipeline.emulators import Emulator, EmulatorConfig, account_settings, start_emulator
from pipeline.platforms.http import RetryPolicy
from pipeline.platforms.ratelimit import ReadBudget
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.weibo import WeiboClient
from tests.conftest import CliResult, run_cli
from tests.security.ledger_support import with_publisher_key

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT_ROOT / "content"

CREDS = {
    "GOVMEDIA_WECHAT_APPID": "wx1234567890throwaway",
    "GOVMEDIA_WECHAT_SECRET": "s3cr3t-wechat-THROWAWAY-0a1b2c3d",
    "GOVMEDIA_WEIBO_TOKEN": "2.00weiboTHROWAWAYtoken9f8e7d6c",
    "GOVMEDIA_APP_HMAC_KEY": "hmac-THROWAWAY-key-5e4d3c2b1a",
}
SITE = "http://127.0.0.1:8000/"
# the unit's own accounts as the platforms name them in links (settings wechat_biz, weibo_uid):
# the emulator's (its article links name its __biz, its statuses its uid)
WECHAT_BIZ = account_settings()["GOVMEDIA_WECHAT_BIZ"]
WEIBO_UID = account_settings()["GOVMEDIA_WEIBO_UID"]
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


REVIEWERS = {
    1: ("张伟", "zhangwei@example.gov.cn"),
    2: ("李强", "liqiang@example.gov.cn"),
    3: ("陈静", "chenjing@example.gov.cn"),
}
LEADERS = {"陈静": "chenjing@example.gov.cn", "赵明": "zhaoming@example.gov.cn"}


def key_dir(repo: Path) -> Path:
    return repo.parent / f"{repo.name}-keys"


def make_keys(repo: Path, publisher: str | None = None) -> None:
    """Keys for the reviewers and leaders, outside the repository; public keys in the roster,
    with the publisher's (``publisher``, a .pub line; default: a throwaway key of its own)."""
    keys = key_dir(repo)
    keys.mkdir(exist_ok=True)
    names = [name for name, _ in REVIEWERS.values()] + [n for n in LEADERS if n != "陈静"]
    public = {}
    for number, name in enumerate(names, 1):
        private = keys / f"k{number}"
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"k{number}", "-f", str(private)],
            check=True,
        )
        (keys / f"{name}.path").write_text(str(private), encoding="utf-8")
        public[name] = private.with_name(private.name + ".pub").read_text().strip()
    roster = repo / "content/roster.yml"
    out, current = [], ""
    for line in roster.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*- name:\s*(\S+)", line)
        if match:
            current = match.group(1)
        if line.strip() == "keys: []" and current in public:
            indent = line[: len(line) - len(line.lstrip())]
            out += [f"{indent}keys:", f"{indent}  - {public[current]}"]
            continue
        out.append(line)
    text = "\n".join(out) + "\n"
    listed = publisher or publisher_key(keys)
    roster.write_text(with_publisher_key(text, listed), encoding="utf-8")
    git(repo, "commit", "-qam", "Roster: reviewers' public signing keys")


def publisher_key(keys: Path) -> str:
    """The publisher's throwaway key (server side, outside the repository): its .pub line."""
    private = keys / "publisher"
    if not private.exists():
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "publisher", "-f", str(private)],
            check=True,
        )
    return private.with_name("publisher.pub").read_text().strip()


def publisher_env(repo: Path) -> dict[str, str]:
    """The server's configuration of the publisher key for ``repo`` (see ``make_keys``)."""
    return {"GOVMEDIA_PUBLISHER_KEY": str(key_dir(repo) / "publisher")}


def signed_commit(repo: Path, name: str, email: str, message: str, *, sign: bool = True) -> str:
    key = (key_dir(repo) / f"{name}.path").read_text(encoding="utf-8")
    ident = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
    args = ["git", "-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-q"]
    args += ["-S"] if sign else []
    subprocess.run(
        [*args, "--allow-empty", "-m", message],
        cwd=repo,
        check=True,
        capture_output=True,
        env={**os.environ, **ident},
    )
    return git(repo, "rev-parse", "HEAD").strip()


def approve(repo: Path, paths: list[str] | None = None) -> None:
    """Signed 初审, 复审, 终审 commits for ``paths`` (default: every file under
    ``content/posts``, the posts and the images they pull in) at HEAD."""
    if paths is None:
        paths = git(repo, "ls-files", "-z", "content/posts").strip("\0").split("\0")
    for stage, (name, email) in REVIEWERS.items():
        lines = "\n".join(
            f"Approves: {p}@{git(repo, 'rev-parse', f'HEAD:{p}').strip()}" for p in paths
        )
        signed_commit(
            repo,
            name,
            email,
            f"第{stage}审通过\n\nReview-Stage: {stage}\n{lines}\nSigned-off-by: {name} <{email}>\n",
        )


def add_approved_post(repo: Path, path: str) -> None:
    """Copy the sample post ``path`` (``content/…``) into ``repo``, commit it and approve it
    at all three stages."""
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SAMPLE / path.removeprefix("content/"), target)
    git(repo, "add", path)
    git(repo, "commit", "-q", "-m", "New post")
    approve(repo, [path])


def retract_in_process(repo: Path, emulator: Emulator, path: str) -> tuple[int, list[str]]:
    """A signed 撤回 order for ``path``, then ``run_retract`` against ``emulator``: its exit
    code and the lines it said."""
    from pipeline.platforms.channels import Channels
    from pipeline.platforms.settings import load_settings
    from pipeline.project import Project
    from pipeline.publishing.retract import run_retract

    signed_commit(
        repo,
        "陈静",
        "chenjing@example.gov.cn",
        f"撤回：测试\n\nRetracts: {path}\nSigned-off-by: 陈静 <chenjing@example.gov.cn>\n",
    )
    lines: list[str] = []
    settings = load_settings(repo, {**env_for(emulator), **publisher_env(repo)})
    code = run_retract(
        Project(repo), path, "信息有误，责令删除", channels=Channels(settings), say=lines.append
    )
    return code, lines


def config() -> EmulatorConfig:
    return EmulatorConfig(
        wechat_appid=CREDS["GOVMEDIA_WECHAT_APPID"],
        wechat_secret=CREDS["GOVMEDIA_WECHAT_SECRET"],
        weibo_token=CREDS["GOVMEDIA_WEIBO_TOKEN"],
        app_key=CREDS["GOVMEDIA_APP_HMAC_KEY"],
        weibo_hourly_limit=1000,
    )


def running_emulator() -> Iterator[Emulator]:
    """Body of the ``emulator`` fixtures (the conftest's, a module's wider one): a real server
    on an ephemeral port."""
    emu = start_emulator(config=config())
    try:
        yield emu
    finally:
        emu.stop()


def wechat_client(emu: Emulator, retry: RetryPolicy) -> WeChatClient:
    """The real WeChat client on ``emu`` with the test credentials."""
    return WeChatClient(
        emu.url, CREDS["GOVMEDIA_WECHAT_APPID"], CREDS["GOVMEDIA_WECHAT_SECRET"], retry=retry
    )


def weibo_client(
    emu: Emulator, retry: RetryPolicy, rip: str = "127.0.0.1", reads: ReadBudget | None = None
) -> WeiboClient:
    """The real Weibo client on ``emu`` with the test token."""
    return WeiboClient(emu.url, CREDS["GOVMEDIA_WEIBO_TOKEN"], retry=retry, rip=rip, reads=reads)


def env_for(emu: Emulator, **extra: str) -> dict[str, str]:
    return {
        **CREDS,
        "GOVMEDIA_WECHAT_API": emu.url,
        "GOVMEDIA_WEIBO_API": emu.url,
        "GOVMEDIA_APP_PUSH": emu.app_push_url,
        "GOVMEDIA_SITE_URL": SITE,
        "GOVMEDIA_WEIBO_RIP": "127.0.0.1",
        "GOVMEDIA_WECHAT_BIZ": WECHAT_BIZ,
        "GOVMEDIA_WEIBO_UID": WEIBO_UID,
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


def small_repo(path: Path, posts: tuple[str, ...] = SMALL_POSTS, *, approved: bool = True) -> Path:
    """A unit repository with the registry, roster (with keys) and a few sample posts on
    main, approved through the three stages unless ``approved`` is false."""
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
    make_keys(path)
    if approved:
        approve(path)
    return path


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"git {args} failed: {proc.stderr}")
    return proc.stdout


def publish_process(repo: Path, env: dict[str, str], jobs: int = 1) -> CliResult:
    """``govmedia publish`` in a new process (crash points live: it may be SIGKILLed)."""
    return publisher_cli(repo, env, "publish", "--jobs", str(jobs), timeout=120)


def publisher_cli(repo: Path, env: dict[str, str], *args: str, timeout: float) -> CliResult:
    """``govmedia ARGS`` in a new process with the publisher's key, as the server runs it."""
    return run_cli(*args, cwd=repo, env={**publisher_env(repo), **env}, timeout=timeout)


def ledger_records(repo: Path) -> list[dict[str, Any]]:
    records = []
    for path in sorted((repo / "ledger").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                with contextlib.suppress(json.JSONDecodeError):
                    records.append(json.loads(line))
    # the ledger's own order (Ledger.records): by time; run files named in the same second
    # sort by their random suffix, so file order alone is not time order
    records.sort(key=lambda r: str(r.get("at", "")))
    return records
