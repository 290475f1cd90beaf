"""Shared pieces of the interaction tests (第十二条): a unit repository with the routing
rules, the real emulator with planted citizens' comments, reply files and real signed
approvals of replies (初审 张伟 editor, 终审 李强 chief editor)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from pipeline.emulators import Emulator
from tests.conftest import PROJECT_ROOT, CliResult, run_cli
from tests.publish_support import env_for, git, key_dir, signed_commit, small_repo
from tests.review_support import Key, identity_env

SALT = "unit-salt-THROWAWAY-0123456789abcdef"
CONFIG = """\
reply_days: 3
due_soon_days: 1
public_page: true
default_route: {department: 办公室（新闻宣传科）, person: zhangwei@example.gov.cn}
routes:
  - keywords: [社保, 医保, 养老]
    department: 社会保障服务科
    person: sunli@example.gov.cn
"""
REPLY_REVIEWERS = {1: ("张伟", "zhangwei@example.gov.cn"), 3: ("李强", "liqiang@example.gov.cn")}
AUTHOR = "王芳 <wangfang@example.gov.cn>"


def unit_repo(path: Path) -> Path:
    """The small sample unit (roster with throwaway keys) plus ``content/interaction.yml``."""
    repo = small_repo(path, posts=("2026/11/nianmo-fanzha-tixing.md",))
    (repo / "content" / "interaction.yml").write_text(CONFIG, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Interaction settings")
    return repo


def inbox_env(emu: Emulator, **extra: str) -> dict[str, str]:
    return env_for(emu, **{"GOVMEDIA_INTERACTION_SALT": SALT, **extra})


def plant(emu: Emulator, *specs: dict[str, Any]) -> list[dict[str, Any]]:
    """Planted comments (``/_emulator/interaction``); outside items give them something to
    comment on (the unit's WeChat article, Weibo status)."""
    answer = httpx.post(emu.url + "/_emulator/interaction", json=list(specs), timeout=10)
    answer.raise_for_status()
    return list(answer.json()["planted"])


def platform_items(emu: Emulator) -> None:
    httpx.post(
        emu.url + "/_emulator/plant",
        json=[{"kind": "outside", "platform": "weibo"}, {"kind": "outside", "platform": "wechat"}],
        timeout=10,
    ).raise_for_status()


def fetched_comment(
    repo: Path, emu: Emulator, platform: str, text: str, user: str = "o42"
) -> tuple[str, str]:
    """A citizen's comment on the unit's item on ``platform``, planted and fetched into the
    inbox: (inbox item, the comment's platform id)."""
    platform_items(emu)
    spec = {"kind": "comment", "platform": platform, "text": text, "user": user}
    if platform == "app":
        spec["target"] = "post-1"
    [planted] = plant(emu, spec)
    fetched = inbox(repo, inbox_env(emu), "fetch")
    assert fetched.code == 0, fetched.out + fetched.err
    return inbox_id(planted), planted["id"]


def inbox_id(comment: dict[str, Any]) -> str:
    """The inbox id of a planted (or the emulator's) comment: WeChat's is keyed by its
    article and index too (``wechat_comments.comment_key``)."""
    if comment["platform"] == "wechat":
        return f"wechat:{comment['target']}:1:{comment['id']}"
    return f"{comment['platform']}:{comment['id']}"


def comments(emu: Emulator) -> dict[str, dict[str, Any]]:
    rows = httpx.get(emu.url + "/_emulator/interaction", timeout=10).json()["comments"]
    return {inbox_id(c): c for c in rows}


def messages(emu: Emulator) -> dict[str, dict[str, Any]]:
    rows = httpx.get(emu.url + "/_emulator/interaction", timeout=10).json()["messages"]
    return {f"{m['platform']}:m{m['id']}": m for m in rows}


def stored(repo: Path) -> list[dict[str, Any]]:
    """Every record of the unit's inbox (``interaction/**/*.jsonl``), file by file."""
    rows = []
    for path in sorted((repo / "interaction").rglob("*.jsonl")):
        rows += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    return rows


def inbox(repo: Path, env: dict[str, str], *args: str) -> CliResult:
    return run_cli("inbox", *args, cwd=repo, env=env)


def write_reply(
    repo: Path, name: str, item: str, text: str, *, folder: str = "replies", extra: str = ""
) -> str:
    rel = f"content/{folder}/2026/12/{name}.md"
    target = repo / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"---\nitem: {item}\nauthor: {AUTHOR}\ndate: 2026-12-02\n{extra}---\n{text}\n",
        encoding="utf-8",
    )
    git(repo, "add", rel)
    git(repo, "commit", "-q", "-m", f"Reply {name}")
    return rel


def approve_reply(repo: Path, rel: str, stages: tuple[int, ...] = (1, 3)) -> None:
    """Signed approvals of the reply's current blob, one commit per stage."""
    blob = git(repo, "rev-parse", f"HEAD:{rel}").strip()
    for stage in stages:
        name, email = REPLY_REVIEWERS.get(stage, ("陈静", "chenjing@example.gov.cn"))
        signed_commit(
            repo,
            name,
            email,
            f"回复第{stage}审通过\n\nReview-Stage: {stage}\nApproves: {rel}@{blob}\n"
            f"Signed-off-by: {name} <{email}>\n",
        )


def approve_reply_cli(repo: Path, rel: str, stage: int, *ack: str) -> CliResult:
    """The real ``govmedia approve`` as the roster's reviewer of ``stage`` of a reply, each
    ``ack`` a warning code acknowledged."""
    name, email = REPLY_REVIEWERS[stage]
    env = identity_env(name, email, Key(reviewer_key(repo, name), ""))
    extra = [f"--ack={code}" for code in ack]
    return run_cli("approve", rel, "--stage", str(stage), *extra, cwd=repo, env=env)


def reviewer_key(repo: Path, name: str) -> Path:
    return Path((key_dir(repo) / f"{name}.path").read_text(encoding="utf-8"))


def weibo_item(planted: list[dict[str, Any]]) -> Iterator[str]:
    for p in planted:
        yield f"{p['platform']}:{p['id']}"


def spawn(repo: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """``govmedia ARGS`` started in a new process, not waited for (two runs at once)."""
    full = {**os.environ, **env}
    full["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), full.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", *args],
        cwd=repo,
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def answers_page(repo: Path) -> str:
    """The site built (loopback URL): the HTML of its public answers page."""
    built = run_cli("build", cwd=repo, env={"GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/"})
    assert built.code == 0, built.out + built.err
    return (repo / "site" / "hudong.html").read_text(encoding="utf-8")
