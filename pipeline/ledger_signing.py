"""The publisher's own signing identity: the SSH key that signs every ledger commit.

The private key lives on the server only, outside the repository; its path comes from
``GOVMEDIA_PUBLISHER_KEY`` (the server's environment or ``<bare>/govmedia.env``) or the
``publisher_key`` entry of the ``GOVMEDIA_CONFIG`` file (see ``platforms/settings.py``).
Its public half must be listed under ``publishers:`` in ``content/roster.yml`` on the
branch the ledger is committed to, or readers would refuse the history afterwards.

Signing uses git's own SSH signing (``gpg.format=ssh``, ``user.signingkey``,
``commit.gpgsign``), configured through the environment (``GIT_CONFIG_COUNT`` ...), never
written into the repository's configuration.

Every command that commits the ledger (``publish`` without ``--no-commit``, ``retract``)
needs the key: an unsigned ledger commit would make every reader refuse the ledger from
then on. ``publish --no-commit`` and ``--dry-run`` run without it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from pipeline import clock, git
from pipeline.errors import ConfigError, GovmediaError
from pipeline.platforms.settings import Settings, load_settings
from pipeline.project import ROSTER_FILE, Project
from pipeline.review.keys import normalize_key
from pipeline.review.roster import Person, parse_roster

ENV_NAME = "GOVMEDIA_PUBLISHER_KEY"


@dataclass(frozen=True)
class Signer:
    """The publisher identity of the roster whose key is configured on this machine."""

    key_path: Path
    public: str  # "<type> <base64>"
    name: str
    email: str

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """Environment for git: this identity, SSH signing of every commit (also rebases)."""
        base = os.environ if base is None else base
        env = {
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": self.email,
            **clock.git_dates(),  # the emulators' clock in the demo; else git's own
        }
        env.update(
            config_env(
                {
                    "gpg.format": "ssh",
                    "user.signingkey": str(self.key_path),
                    "commit.gpgsign": "true",
                },
                base,
            )
        )
        return env


def config_env(config: Mapping[str, str], base: Mapping[str, str]) -> dict[str, str]:
    """``GIT_CONFIG_*`` variables adding ``config`` after any that ``base`` already sets."""
    try:
        start = int(base.get("GIT_CONFIG_COUNT", "0") or 0)
    except ValueError:
        start = 0
    env = {"GIT_CONFIG_COUNT": str(start + len(config))}
    for offset, (key, value) in enumerate(config.items()):
        env[f"GIT_CONFIG_KEY_{start + offset}"] = key
        env[f"GIT_CONFIG_VALUE_{start + offset}"] = value
    return env


def configured_key(
    repo_root: Path | None,
    env: Mapping[str, str] | None = None,
    settings: Settings | None = None,
) -> Path | None:
    """The configured private key path (not read), or ``None`` when none is configured.

    ``settings`` (a run's settings) first, then the environment / ``GOVMEDIA_CONFIG``.
    """
    configured = settings.publisher_key if settings is not None else ""
    if not configured:
        configured = load_settings(
            repo_root, dict(os.environ if env is None else env)
        ).publisher_key
    if not configured:
        return None
    path = Path(configured).expanduser().absolute()
    if repo_root is not None:
        root = repo_root.resolve()
        if path.resolve() == root or root in path.resolve().parents:
            raise ConfigError(
                f"{ENV_NAME} 指向仓库内的文件：发布者私钥只能存放在服务器上、仓库之外（第十七条）。"
            )
    return path


def public_key_of(path: Path) -> str:
    """``"<type> <base64>"`` of the private key at ``path`` (the key itself never leaves)."""
    try:
        private = serialization.load_ssh_private_key(path.read_bytes(), password=None)
        line = (
            private.public_key()
            .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
            .decode("ascii")
        )
        return normalize_key(line)
    except (OSError, ValueError, TypeError, NotImplementedError, AttributeError):
        raise GovmediaError(
            f"无法读取发布者签名密钥（{ENV_NAME} 所指文件）：须为无口令的 OpenSSH 私钥"
            "（ssh-ed25519 或 ssh-rsa）。"
        ) from None


def publisher_signer(
    project: Project, ref: str = "HEAD", settings: Settings | None = None
) -> Signer:
    """The signer for ledger commits on ``ref``; GovmediaError in Chinese when it cannot sign.

    Checked before any platform call: the key must be configured, readable, and listed under
    ``publishers:`` in the roster committed on ``ref`` (the roster that will judge the commit).
    """
    path = configured_key(project.root, settings=settings)
    if path is None:
        raise GovmediaError(
            f"未配置发布者签名密钥：发布台账（ledger/）的每个提交都须由发布者身份签名。"
            f"请在服务器上设置环境变量 {ENV_NAME}（或 govmedia.env / GOVMEDIA_CONFIG 中的 "
            "publisher_key）为私钥路径，并把其公钥登记在名册的 publishers 中；"
            "只想写入本地台账而不提交时可用 --no-commit。"
        )
    public = public_key_of(path)
    rev = git.resolve_branch(ref, cwd=project.root)  # the branch, never a tag of its name
    raw = git.show_blob(f"{rev}:{ROSTER_FILE}", cwd=project.root) if rev else None
    if raw is None:
        raise GovmediaError(f"{ref} 上没有名册 {ROSTER_FILE}：无法确认发布者身份，本次不发布。")
    roster = parse_roster(raw.decode("utf-8-sig", "replace"), ROSTER_FILE)
    publisher: Person | None = roster.publisher_by_key(public)
    if publisher is None:
        raise GovmediaError(
            f"{ENV_NAME} 所指密钥的公钥没有登记在 {ROSTER_FILE} 的 publishers 中："
            "用它签名的台账提交不会被认可，本次不发布。请经领导终审把该公钥加入名册。"
        )
    return Signer(key_path=path, public=public, name=publisher.name, email=publisher.email)
