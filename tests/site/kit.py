"""Helpers for the archive-site tests: real ledger records on a real sample repository."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.ledger import Ledger, Record
from pipeline.site import theme
from tests.conftest import Repo
from tests.security.ledger_support import publisher_commit

REVIEWERS = (
    "张伟 <zhangwei@example.gov.cn>",
    "李强 <liqiang@example.gov.cn>",
    "陈静 <chenjing@example.gov.cn>",
)
PLATFORMS = {"wechat": "wechat", "weibo": "weibo", "app": "app"}


def review(commit: str, at: str) -> dict[str, object]:
    return {
        "stages": [
            {"stage": n, "by": by, "commit": commit, "at": at} for n, by in enumerate(REVIEWERS, 1)
        ],
        "drafted_at": at,
    }


def publish(
    repo: Repo,
    path: str,
    *,
    at: str = "2026-03-20T02:00:00Z",
    channels: tuple[str, ...] = ("wechat", "weibo", "app"),
    correction_of: str = "",
    detail: dict[str, object] | None = None,
) -> list[Record]:
    """Append ``published`` records for the post's blob at HEAD, as the publisher writes them."""
    commit = repo.head()
    blob = repo.git("rev-parse", f"HEAD:{path}").strip()
    slug = Path(path).stem
    ledger = Ledger(repo.path / "ledger")
    records = []
    for channel in channels:
        d: dict[str, object] = {"review": review(commit, at), "title": slug}
        if correction_of:
            d["correction_of"] = correction_of
        if detail is not None:
            d = detail
        records.append(
            ledger.append(
                Record(
                    event="published",
                    slug=slug,
                    channel=channel,
                    at=at,
                    run="test-run",
                    path=path,
                    blob=blob,
                    commit=commit,
                    platform=PLATFORMS.get(channel, "other"),
                    platform_id=f"{channel}-{slug}",
                    url=f"https://{channel}.example.com/p/{slug}",
                    detail=d,
                )
            )
        )
    publisher_commit(repo, f"Ledger: publish {slug}")
    return records


def retract(repo: Repo, path: str, reason: str, at: str = "2026-04-01T03:00:00Z") -> None:
    slug = Path(path).stem
    ledger = Ledger(repo.path / "ledger")
    for channel in ("wechat", "weibo", "app"):
        ledger.append(
            Record(
                event="retracted",
                slug=slug,
                channel=channel,
                at=at,
                run="test-run",
                path=path,
                detail={"reason": reason, "approved_by": REVIEWERS[2], "commit": repo.head()},
            )
        )
    publisher_commit(repo, f"Ledger: retract {slug}")


def theme_hook(monkeypatch: pytest.MonkeyPatch, name: str, module: str) -> ModuleType:
    """The packaged hook ``name`` as mkdocs loads it: its folder on the import path, its
    store (``cache_store``) loaded afresh beside it."""
    monkeypatch.syspath_prepend(str(theme.THEME_DIR))
    monkeypatch.delitem(sys.modules, "cache_store", raising=False)
    spec = importlib.util.spec_from_file_location(module, theme.THEME_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def shared_hook(monkeypatch: pytest.MonkeyPatch, name: str, module: str) -> ModuleType:
    """The packaged hook ``name`` as mkdocs loads it, registered as ``module`` for the test,
    with the store it shares with every other hook of this process (``cache_store``)."""
    monkeypatch.syspath_prepend(str(theme.THEME_DIR))
    spec = importlib.util.spec_from_file_location(module, theme.THEME_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, loaded)
    spec.loader.exec_module(loaded)
    return loaded
