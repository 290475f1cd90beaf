"""Helpers for the 三审制 tests: throwaway SSH keys, signing identities, a roster with keys."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

REVIEWERS = {
    "王芳": "wangfang@example.gov.cn",
    "刘洋": "liuyang@example.gov.cn",
    "张伟": "zhangwei@example.gov.cn",
    "孙丽": "sunli@example.gov.cn",
    "李强": "liqiang@example.gov.cn",
    "陈静": "chenjing@example.gov.cn",
    "赵明": "zhaoming@example.gov.cn",
}


@dataclass(frozen=True)
class Key:
    private: Path
    public: str  # the .pub line

    @property
    def short(self) -> str:
        return " ".join(self.public.split()[:2])


def keygen(directory: Path, name: str) -> Key:
    """A throwaway ed25519 key pair made by ssh-keygen (never inside a repository)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)],
        check=True,
        capture_output=True,
    )
    return Key(path, (directory / f"{name}.pub").read_text().strip())


def identity_env(name: str, email: str, key: Key | None = None) -> dict[str, str]:
    """Environment making git act as ``name <email>``, signing with ``key`` (git config via env)."""
    env = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
    config = {"user.name": name, "user.email": email}
    if key is not None:
        config.update({"gpg.format": "ssh", "user.signingkey": str(key.private)})
    env["GIT_CONFIG_COUNT"] = str(len(config))
    for i, (k, v) in enumerate(config.items()):
        env[f"GIT_CONFIG_KEY_{i}"] = k
        env[f"GIT_CONFIG_VALUE_{i}"] = v
    return env


def roster_with_keys(text: str, keys: dict[str, list[str]]) -> str:
    """The sample roster text with ``keys: []`` of each named person replaced by ``keys``."""
    out: list[str] = []
    current = ""
    for line in text.splitlines():
        m = re.match(r"\s*- name:\s*(\S+)", line)
        if m:
            current = m.group(1)
        if line.strip() == "keys: []" and keys.get(current):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}keys:")
            out.extend(f"{indent}  - {k}" for k in keys[current])
            continue
        out.append(line)
    return "\n".join(out) + "\n"
