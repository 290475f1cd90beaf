"""Exactly-once, audited against the emulators' own state and the ledger.

For every (post, channel) the unit's posts name: the platform shows it exactly once, and
the ledger holds exactly one live ``published`` record for it whose platform id is the
one the platform shows (never ``"None"``, never empty).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.emulators import Emulator
from pipeline.platforms.render_common import post_url
from tests.publish_support import SITE, key_dir, published, small_repo

PLATFORM_OF = {"wechat": "wechat", "weibo": "weibo", "app": "app"}


def records(repo: Path) -> list[dict[str, Any]]:
    """Every whole record of the working tree's ledger (torn lines skipped)."""
    found = []
    for path in sorted((repo / "ledger").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    found.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
    return found


def expected(repo: Path) -> list[tuple[str, str, str, str]]:
    """(slug, channel, title, archive link) for every post and channel on main."""
    import yaml

    wanted = []
    for path in sorted((repo / "content/posts").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1])
        rel = path.relative_to(repo).as_posix()
        for channel in meta.get("channels") or []:
            wanted.append((path.stem, str(channel), str(meta["title"]), post_url(rel, SITE)))
    return wanted


def platform_items(emu: Emulator) -> dict[str, list[dict[str, Any]]]:
    return published(emu)


def assert_exactly_once(repo: Path, emu: Emulator) -> None:
    shown = platform_items(emu)
    ledger = records(repo)
    live: Counter[tuple[str, str]] = Counter()
    ids: dict[tuple[str, str], str] = {}
    rebuilt: dict[tuple[str, str], bool] = {}
    for record in ledger:
        key = (record["slug"], record["channel"])
        if record["event"] == "published":
            live[key] += 1
            ids[key] = record["platform_id"]
            rebuilt[key] = bool(record["detail"].get("rebuilt"))
        elif record["event"] == "retracted":
            live[key] = 0
    for slug, channel, title, link in expected(repo):
        if channel == "wechat":
            hits = [a for a in shown["wechat"] if a["title"] == title]
            platform_ids = {str(a["article_id"]) for a in hits}
        elif channel == "weibo":
            hits = [s for s in shown["weibo"] if link in s["text"]]
            platform_ids = {str(s["idstr"]) for s in hits}
        elif channel == "app":
            hits = [p for p in shown["app"] if p["item"].get("url") == link]
            platform_ids = {str(p["push_id"]) for p in hits}
            if rebuilt.get((slug, channel)):  # the app's list shows the item, not its push id
                platform_ids |= {str(p["item"]["id"]) for p in hits}
        else:
            continue
        assert len(hits) == 1, f"{slug} on {channel}: {len(hits)} deliveries"
        assert live[(slug, channel)] == 1, f"{slug} on {channel}: ledger {live[(slug, channel)]}"
        assert ids[(slug, channel)] in platform_ids, (slug, channel, ids[(slug, channel)])


def template(root: Path, posts: tuple[str, ...]) -> Path:
    """A unit repository (with its keys folder beside it) to copy per test."""
    repo = root / "unit"
    if not repo.exists():
        small_repo(repo, posts)
    return repo


def copy_repo(template_repo: Path, dest: Path) -> Path:
    """A copy of the template repository and its keys (the publisher key path follows)."""
    shutil.copytree(template_repo, dest, symlinks=True)
    shutil.copytree(key_dir(template_repo), key_dir(dest))
    return dest


def bare_remote(repo: Path, bare: Path) -> Path:
    """A bare remote of ``repo`` (main pushed), with ``repo``'s origin pointing at it."""
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(bare)], check=True)
    subprocess.run(["git", "remote", "add", "origin", str(bare)], cwd=repo, check=True)
    subprocess.run(["git", "fetch", "-q", "origin"], cwd=repo, check=True)
    subprocess.run(["git", "branch", "-q", "-u", "origin/main"], cwd=repo, check=True)
    return bare
