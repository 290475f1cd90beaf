"""Shared pieces of the asset tests: a small unit repository and a server-side secret file
that a hostile post tries to pull in through a symlink or a traversal."""

from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path

from PIL import Image

from tests.conftest import CliResult, Repo, run_cli

ACCOUNTS = """\
unit: 牙克石市政务服务局
accounts:
  - id: wechat
    platform: wechat
    name: 牙克石政务服务
    opened: 2026-03-02
  - id: weibo
    platform: weibo
    name: 牙克石市政务服务局
    opened: 2026-03-02
  - id: app
    platform: app
    name: 掌上牙克石政务服务
    opened: 2026-03-16
"""
ROSTER = """\
people:
  - name: 王芳
    email: wangfang@example.gov.cn
    roles: [editor]
    keys: []
"""
SECRET = b"\x89PNG\r\n\x1a\nSERVER-ONLY-DO-NOT-PUBLISH-7f3a9c"  # looks like a PNG


def post_text(body: str, *, cover: str = "", title: str = "政务服务大厅12月起推行延时服务") -> str:
    cover_line = f"cover: {cover}\n" if cover else ""
    return (
        "---\n"
        f"title: {title}\n"
        "date: 2026-11-20\n"
        "author: 王芳 <wangfang@example.gov.cn>\n"
        "channels: [wechat, weibo, app]\n"
        f"{cover_line}"
        "---\n\n"
        "为方便群众办事，政务服务大厅自12月1日起推行延时服务。\n\n"
        f"{body}\n"
    )


def unit_repo(repo: Repo) -> Repo:
    repo.write("content/accounts.yml", ACCOUNTS)
    repo.write("content/roster.yml", ROSTER)
    repo.commit("registry")
    return repo


def secret_file(outside: Path) -> Path:
    """A file outside the repository (the server's own), with bytes no post may publish."""
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "server-secret.png"
    secret.write_bytes(SECRET)
    return secret


def symlink(repo: Repo, rel: str, target: Path) -> None:
    link = repo.path / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)


def check_json(repo: Repo, *paths: str) -> tuple[int, list[dict]]:
    result: CliResult = run_cli("check", *paths, "--format", "json", cwd=repo.path)
    assert result.code in (0, 1, 2), result.err
    return result.code, json.loads(result.out or "[]")


def of_rule(findings: list[dict], rule: str) -> list[dict]:
    return [f for f in findings if f["rule"] == rule]


def noise_png(side: int) -> bytes:
    """A real PNG of noise (which does not compress): about 3 × side² bytes."""
    rng = random.Random(side)
    pixels = bytes(rng.getrandbits(8) for _ in range(side * side * 3))
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(out, "PNG")
    return out.getvalue()
