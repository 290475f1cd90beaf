"""Red team round 43 (round 41's leftover): a post sent to an account before the day the
registry has it open.

第七条: an account is opened once approved and announced, and the registry records the day.
The publisher refused an account with a closing day but not one opening later: a post
approved for WeChat went out the day it was approved although the registry, changed at the
three stages, has WeChat opening next month; round 41 only marked the month in the activity
table afterwards. Real repository, the registry change approved at the three stages, the real
``govmedia publish`` as a subprocess on the loopback emulators with its clock moved.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from pipeline.emulators import Emulator
from tests.conftest import CliResult
from tests.publish_support import (
    approve,
    control,
    env_for,
    git,
    publish_process,
    published,
    small_repo,
)
from tests.watch_support import published_ids

POST = "2026/11/nianmo-fanzha-tixing.md"  # addressed to the wechat and weibo accounts
OPEN_NOW = """    opened: 2026-03-02
    filed: 2026-03-12                      # 次日起第 8 个工作日"""
OPENS_IN_JANUARY = """    opened: 2027-01-15
    filed: null"""
BEFORE = dt.datetime(2026, 12, 20, 2, 0, tzinfo=dt.UTC)
AFTER = dt.datetime(2027, 1, 20, 2, 0, tzinfo=dt.UTC)


def _wechat_opening_in_january(tmp_path: Path) -> Path:
    repo = small_repo(tmp_path / "unit", (POST,))
    registry = repo / "content" / "accounts.yml"
    text = registry.read_text(encoding="utf-8")
    assert text.index(OPEN_NOW) < text.index("  - id: weibo")  # the WeChat entry
    registry.write_text(text.replace(OPEN_NOW, OPENS_IN_JANUARY, 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "WeChat opens on 2027-01-15")
    approve(repo, ["content/accounts.yml"])
    return repo


def _publish_at(repo: Path, emulator: Emulator, moment: dt.datetime) -> CliResult:
    offset = str(moment.timestamp() - time.time())
    control(emulator, "clock", {"offset": offset})
    return publish_process(repo, env_for(emulator, GOVMEDIA_EMULATOR_CLOCK=offset))


def test_a_post_is_not_sent_to_an_account_before_its_registered_opening(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: on 20 December the approved post went out on WeChat, which the registry has
    opening on 15 January. Defence: the plan skips an account whose registered opening day
    is later than today, saying why; Weibo, open, is served as before."""
    repo = _wechat_opening_in_january(tmp_path)
    run = _publish_at(repo, emulator, BEFORE)
    assert run.code == 0, run.out + run.err
    assert not published(emulator)["wechat"] and not published_ids(repo, "wechat")
    assert len(published(emulator)["weibo"]) == 1
    assert "开设日期为 2027-01-15" in run.out


def test_the_post_goes_out_once_the_account_is_open(tmp_path: Path, emulator: Emulator) -> None:
    """Honest counterpart: the same repository on 20 January, the account open: the post goes
    out on WeChat, and nothing is sent twice on Weibo."""
    repo = _wechat_opening_in_january(tmp_path)
    assert _publish_at(repo, emulator, BEFORE).code == 0
    run = _publish_at(repo, emulator, AFTER)
    assert run.code == 0, run.out + run.err
    assert len(published(emulator)["wechat"]) == 1 and len(published_ids(repo, "wechat")) == 1
    assert len(published(emulator)["weibo"]) == 1
