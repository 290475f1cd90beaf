"""kill -9 at every crash point of pipeline/crashpoints.py, then a rerun.

The publishing points are exercised by tests/test_publish_crash.py (each point, 1st and
2nd passage); this module adds the claim points (a server publishing with ``--push`` to a
remote) and the retraction points, and checks that no crash point in the code is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.faults.audit import assert_exactly_once, bare_remote, records
from tests.faults.support import emulator_fixture, govmedia, unit_copy
from tests.publish_support import PROJECT_ROOT, env_for, git, published, signed_commit
from tests.test_publish_crash import POINTS as PUBLISH_POINTS

CLAIM_POINTS = ["before:ledger.claim", "after:ledger.claim"]
RETRACT_POINTS = [
    f"{when}:{p}.retract" for p in ("wechat", "weibo", "app") for when in ("before", "after")
]
INTENT_OPS = ("wechat.draft", "wechat.submit", "weibo.share", "app.push")
POST = "content/posts/2026/03/zhangshang-app-shangxian.md"


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from emulator_fixture()


def points_in_code() -> set[str]:
    found: set[str] = set()
    for path in (PROJECT_ROOT / "pipeline").rglob("*.py"):
        for name in re.findall(r'crash_point\(f?"([^"]+)"\)', path.read_text(encoding="utf-8")):
            if "{op}" in name:
                found.update(name.replace("{op}", op) for op in INTENT_OPS)
            elif "{platform}" in name:
                found.update(name.replace("{platform}", p) for p in ("wechat", "weibo", "app"))
            else:
                found.add(name)
    return found


def points_in_tests() -> set[str]:
    """Crash points other test files kill at by name (``GOVMEDIA_CRASH_AT="…"``, or a
    parametrised list of ``"after:…"`` names passed to it)."""
    found: set[str] = set()
    for path in (PROJECT_ROOT / "tests").rglob("test_*.py"):
        found.update(CRASH_AT.findall(path.read_text(encoding="utf-8")))
    return found


CRASH_AT = re.compile(r'"((?:before|after|recorded):[a-z_]+\.[a-z_]+)"')


def test_every_crash_point_in_the_code_is_exercised() -> None:
    covered = set(PUBLISH_POINTS) | set(CLAIM_POINTS) | set(RETRACT_POINTS) | points_in_tests()
    # "before:wechat.poll" is not a point of its own (see test_publish_crash.py)
    missing = points_in_code() - covered
    assert not missing, missing
    assert len(points_in_code()) >= 20


@pytest.mark.parametrize("point", CLAIM_POINTS)
def test_kill_at_a_claim_point_then_rerun(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, emulator: Emulator, point: str
) -> None:
    repo = unit_copy(tmp_path_factory, tmp_path / "unit")
    bare_remote(repo, tmp_path / "remote.git")
    killed = govmedia(repo, env_for(emulator, GOVMEDIA_CRASH_AT=point), "publish", "--push")
    assert killed.code == -9
    assert sum(len(v) for v in published(emulator).values()) == 0  # no call before the claim
    rerun = govmedia(repo, env_for(emulator), "publish", "--push")
    assert rerun.code == 0, rerun.out + rerun.err
    assert_exactly_once(repo, emulator)
    clone = tmp_path / "audit"
    git(tmp_path, "clone", "-q", str(tmp_path / "remote.git"), str(clone))
    assert_exactly_once(clone, emulator)


@pytest.mark.parametrize("point", RETRACT_POINTS)
def test_kill_while_retracting_then_rerun(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, emulator: Emulator, point: str
) -> None:
    repo = unit_copy(tmp_path_factory, tmp_path / "unit")
    assert govmedia(repo, env_for(emulator), "publish").code == 0
    who = ("陈静", "chenjing@example.gov.cn")
    signed_commit(
        repo, *who, f"撤回：测试\n\nRetracts: {POST}\nSigned-off-by: {who[0]} <{who[1]}>\n"
    )
    args = ("retract", POST, "--reason", "信息有误，责令删除")
    killed = govmedia(repo, env_for(emulator, GOVMEDIA_CRASH_AT=point), *args)
    assert killed.code == -9
    rerun = govmedia(repo, env_for(emulator), *args)
    assert rerun.code == 0, rerun.out + rerun.err
    shown = published(emulator)
    assert not any("zhangshang-app-shangxian" in s["text"] for s in shown["weibo"])
    assert not any(a["title"].startswith("“掌上牙克石") for a in shown["wechat"])
    assert not any("zhangshang-app-shangxian" in p["item"]["id"] for p in shown["app"])
    retracted = [r for r in records(repo) if r["event"] == "retracted"]
    assert sorted(r["channel"] for r in retracted) == ["app", "wechat", "weibo"]
    again = govmedia(repo, env_for(emulator), "publish")
    assert again.code == 0 and "发布 0 项" in again.out
    assert published(emulator) == shown
