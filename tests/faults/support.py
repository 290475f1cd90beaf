"""Shared pieces of the fault-injection suite: a template repository copied per test,
a publish process against a proxy, and runs until the publisher says it is done."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.conftest import CliResult
from tests.faults.audit import copy_repo, template
from tests.faults.proxy import Proxy
from tests.publish_support import env_for, publisher_cli

# one post on all three channels (with a cover and an image), one on WeChat and Weibo
POSTS = ("2026/03/zhangshang-app-shangxian.md", "2026/11/nianmo-fanzha-tixing.md")
_TEMPLATES: dict[tuple[str, ...], Path] = {}


def unit_copy(factory: pytest.TempPathFactory, dest: Path, posts: tuple[str, ...] = POSTS) -> Path:
    """A fresh copy of an approved unit repository (built once per session)."""
    if posts not in _TEMPLATES:
        _TEMPLATES[posts] = template(factory.mktemp("template"), posts)
    return copy_repo(_TEMPLATES[posts], dest)


def proxied_env(emu: Emulator, proxy: Proxy, **extra: str) -> dict[str, str]:
    env = env_for(emu, **extra)
    env["GOVMEDIA_WECHAT_API"] = proxy.url
    env["GOVMEDIA_WEIBO_API"] = proxy.url
    env["GOVMEDIA_APP_PUSH"] = proxy.url + "/app/push"
    env.setdefault("GOVMEDIA_MAX_POLLS", "20")
    return env


def govmedia(repo: Path, env: dict[str, str], *args: str, timeout: float = 180) -> CliResult:
    """``govmedia ARGS`` in a new process (crash points live), as the server runs it."""
    return publisher_cli(repo, env, *args, timeout=timeout)


def publish_until_done(
    repo: Path, env: dict[str, str], *args: str, runs: int = 4
) -> list[CliResult]:
    """Publish again until a run exits 0 (what the hook's rerun does); every run's output."""
    done: list[CliResult] = []
    for _ in range(runs):
        result = govmedia(repo, env, "publish", *args)
        done.append(result)
        assert "Traceback" not in result.err, result.err
        if result.code == 0:
            break
    return done


def transcript(runs: list[CliResult]) -> str:
    return "\n---\n".join(f"exit {r.code}\n{r.out}\n{r.err}" for r in runs)


def emulator_fixture() -> Iterator[Emulator]:
    from tests.publish_support import running_emulator

    yield from running_emulator()
