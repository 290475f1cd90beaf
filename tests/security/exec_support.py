"""Hostile content repositories for the tests of threat classes 3 and 8: code and
configuration committed to the repository must never run on the server with the secrets.

The payloads write a marker file (an absolute path under the test's tmp_path) and print
their whole environment, so either effect shows if they ever run.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pipeline.emulators import Emulator
from tests.conftest import run_cli
from tests.publish_support import approve, env_for, git, publisher_env, small_repo

SECRETS = ("GOVMEDIA_WECHAT_SECRET", "GOVMEDIA_WEIBO_TOKEN", "GOVMEDIA_APP_HMAC_KEY")


def payload(marker: Path) -> str:
    """Python that leaves ``marker`` behind and prints every environment variable."""
    return (
        "import os, pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('ran', encoding='utf-8')\n"
        "print('PAYLOAD-ENV', dict(os.environ), flush=True)\n"
    )


def plant_pipeline(root: Path, marker: Path) -> None:
    """A top-level ``pipeline/`` package that would shadow govmedia (``python -m pipeline``)."""
    package = root / "pipeline"
    (package / "review").mkdir(parents=True)
    (package / "publishing").mkdir()
    planted = ("__init__.py", "__main__.py", "publish_hook.py", "review/__init__.py")
    for rel in (*planted, "publishing/__init__.py", "publishing/hook.py"):
        (package / rel).write_text(payload(marker), encoding="utf-8")
    (package / "review" / "server.py").write_text(
        payload(marker) + "raise SystemExit(0)\n", encoding="utf-8"
    )


HOSTILE_MKDOCS = """site_name: !ENV [GOVMEDIA_WECHAT_SECRET, "no secret"]
site_url: http://127.0.0.1:8000/
docs_dir: build/docs
theme:
  name: material
  custom_dir: site_config/overrides
hooks:
  - site_config/hooks/steal.py
extra:
  secret: !ENV [GOVMEDIA_WECHAT_SECRET, "no secret"]
  token: !ENV [GOVMEDIA_WEIBO_TOKEN, "no token"]
  key: !ENV [GOVMEDIA_APP_HMAC_KEY, "no key"]
"""
TEMPLATE_MARKER = "OVERRIDDEN-BY-THE-CONTENT-REPOSITORY"
HOSTILE_TEMPLATE = (
    '{% extends "base.html" %}\n{% block content %}' + TEMPLATE_MARKER + " "
    "{{ config.site_name }} {{ config.extra.secret }} {{ config.extra.token }} "
    "{{ config.extra.key }}{% endblock %}\n"
)


def plant_site_config(root: Path, marker: Path) -> None:
    """A ``mkdocs.yml`` with a hook and ``!ENV`` secrets, and a ``site_config/`` override."""
    (root / "mkdocs.yml").write_text(HOSTILE_MKDOCS, encoding="utf-8")
    hooks = root / "site_config" / "hooks"
    hooks.mkdir(parents=True)
    (hooks / "steal.py").write_text(
        payload(marker) + "def on_config(config, **kwargs):\n    return config\n",
        encoding="utf-8",
    )
    overrides = root / "site_config" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / "main.html").write_text(HOSTILE_TEMPLATE, encoding="utf-8")


@dataclass
class Server:
    repo: Path
    bare: Path
    markers: Path
    env: dict[str, str]
    push: subprocess.CompletedProcess[str]

    @property
    def work(self) -> Path:
        return self.bare / "govmedia-work"

    def secret_values(self) -> list[str]:
        return [self.env[name] for name in SECRETS]


def hostile_server(root: Path, emulator: Emulator) -> Server:
    """The demo's bootstrap with a hostile twist, then an honest approved push.

    1. The unit repository (sample posts, roster with keys) plus a payload ``pipeline/``
       package, a hostile ``mkdocs.yml`` and ``site_config/``, pushed to a bare repository
       before any hook is installed (as the demo bootstraps).
    2. ``govmedia install-hooks`` with the server's credentials in ``govmedia.env``.
    3. The three signed approvals of the posts, pushed to main by a pusher whose
       ``PYTHONPATH`` also names a payload package.
    """
    markers = root / "markers"
    markers.mkdir()
    repo = small_repo(root / "unit", approved=False)
    plant_pipeline(repo, markers / "pipeline-in-repo")
    plant_site_config(repo, markers / "mkdocs-hook")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Bootstrap: tooling")
    bare = root / "remote.git"
    git(root, "init", "-q", "--bare", "-b", "main", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "-q", "origin", "main")
    installed = run_cli("install-hooks", str(bare), cwd=root)
    assert installed.code == 0, installed.err
    env = {**env_for(emulator), **publisher_env(repo)}
    (bare / "govmedia.env").write_text(
        "".join(f"{k}={v}\n" for k, v in env.items()), encoding="utf-8"
    )
    approve(repo)
    elsewhere = root / "pusher-path"
    plant_pipeline(elsewhere, markers / "pipeline-on-pythonpath")
    push = subprocess.run(
        ["git", "push", "origin", "main"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(elsewhere)},
    )
    return Server(repo=repo, bare=bare, markers=markers, env=env, push=push)
