"""``govmedia ledger rebuild`` and the empty-ledger stop (issue 16 item 3), with the real
CLI in new processes against the loopback emulator."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.faults.audit import assert_exactly_once, records
from tests.faults.support import govmedia, unit_copy
from tests.publish_support import env_for, git, published


def unit_copy_like(repo: Path, dest: Path) -> Path:
    from tests.faults.audit import copy_repo

    return copy_repo(repo, dest)


def test_empty_ledger_with_live_posts_stops_then_rebuild_restores_it(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, emulator: Emulator
) -> None:
    template = unit_copy(tmp_path_factory, tmp_path / "template")
    repo = unit_copy_like(template, tmp_path / "unit")
    assert govmedia(repo, env_for(emulator), "publish").code == 0
    shown = published(emulator)
    # a fresh repository from the same content: no ledger at all, nothing committed
    fresh = unit_copy_like(template, tmp_path / "fresh")
    stop = govmedia(fresh, env_for(emulator), "publish")
    assert stop.code != 0 and "发布台账是空的" in stop.err, stop.out + stop.err
    assert "govmedia ledger rebuild" in stop.err
    assert published(emulator) == shown
    rebuilt = govmedia(fresh, env_for(emulator), "ledger", "rebuild")
    assert rebuilt.code == 0, rebuilt.out + rebuilt.err
    assert "已补记" in rebuilt.out and "台账重建" in rebuilt.out
    assert all(r["detail"].get("rebuilt") for r in records(fresh))
    assert git(fresh, "log", "-1", "--format=%s").startswith("Ledger: rebuilt")
    again = govmedia(fresh, env_for(emulator), "publish")
    assert again.code == 0 and "发布 0 项" in again.out, again.out + again.err
    assert published(emulator) == shown
    assert_exactly_once(fresh, emulator)
    # rebuilding again adds nothing
    twice = govmedia(fresh, env_for(emulator), "ledger", "rebuild")
    assert twice.code == 0 and "其中 0 项" in twice.out


def test_rebuild_records_only_what_the_platforms_show(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, emulator: Emulator
) -> None:
    template = unit_copy(tmp_path_factory, tmp_path / "template")
    rebuilt = govmedia(template, env_for(emulator), "ledger", "rebuild")
    assert rebuilt.code == 0, rebuilt.err
    assert "其中 0 项" in rebuilt.out and not (template / "ledger").exists()
    first = govmedia(template, env_for(emulator), "publish")  # a genuinely new unit
    assert first.code == 0, first.out + first.err
    assert_exactly_once(template, emulator)
