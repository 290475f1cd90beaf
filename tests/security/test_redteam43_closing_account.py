"""Red team round 43 (round 41's leftover): posts on an account the watch did not look at.

第七条 has an account's closure approved and announced before it is deregistered, so the
registry records the closing day ahead. The watch left out every account with a closing day,
one closing next month included: with nothing of WeChat in the ledger yet, an item posted on
the still-open WeChat account as from a stolen password got no finding at all. Real
repository, the registry change approved at the three stages, the item planted on the
loopback emulators, the real ``govmedia watch`` as a subprocess with its clock set to the day.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from pipeline.emulators import Emulator
from tests.publish_support import approve, control, git, small_repo
from tests.watch_support import plant, watch_json

POST = "2026/11/nianmo-fanzha-tixing.md"
WECHAT_OPEN = """    closed: null
    closure_filed: null
    expected_monthly_posts: 3"""
NO_CLOSURE = """    closure_approval: null
    url: https://mp.weixin.example.com/profile/yks-zwfw"""
CLOSURE = """    closure_approval:
      approved_by: 赵明
      approved_on: 2026-12-01
      notice_date: 2026-12-03
      notice_url: https://zwfw.example.gov.cn/archive/posts/2026/12/wechat-zhuxiao/
    url: https://mp.weixin.example.com/profile/yks-zwfw"""
CLOSES_ON = "2027-01-31"


def _wechat_closing(tmp_path: Path) -> Path:
    """A unit whose registry has WeChat closing on 31 January 2027, nothing published."""
    repo = small_repo(tmp_path / "unit", (POST,))
    registry = repo / "content" / "accounts.yml"
    text = registry.read_text(encoding="utf-8")
    assert WECHAT_OPEN in text and NO_CLOSURE in text
    closing = WECHAT_OPEN.replace("closed: null", f"closed: {CLOSES_ON}")
    registry.write_text(
        text.replace(WECHAT_OPEN, closing).replace(NO_CLOSURE, CLOSURE), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", f"WeChat closes on {CLOSES_ON}")
    approve(repo, ["content/accounts.yml"])
    return repo


def _watch_on(repo: Path, emulator: Emulator, day: dt.datetime) -> tuple[int, list[dict]]:
    offset = str(day.timestamp() - time.time())
    control(emulator, "clock", {"offset": offset})
    return watch_json(repo, emulator, GOVMEDIA_EMULATOR_CLOCK=offset)


def test_an_account_closing_next_month_is_still_watched(tmp_path: Path, emulator: Emulator) -> None:
    """Attack: an item is posted on WeChat on 20 December, the account closing on 31
    January; the watch reported nothing. Defence: an account is watched until its closing
    day has come."""
    repo = _wechat_closing(tmp_path)
    (planted,) = plant(emulator, kind="outside", platform="wechat")
    code, found = _watch_on(repo, emulator, dt.datetime(2026, 12, 20, 2, 0, tzinfo=dt.UTC))
    assert code == 1
    assert [(d["kind"], d["channel"], d["platform_id"]) for d in found] == [
        ("outside", "wechat", planted["id"])
    ]


def test_an_account_after_its_closing_day_is_left_alone(tmp_path: Path, emulator: Emulator) -> None:
    """Honest counterpart: after the closing day the deregistered account is no longer
    watched (nothing of it in the ledger), as before."""
    repo = _wechat_closing(tmp_path)
    plant(emulator, kind="outside", platform="wechat")
    code, found = _watch_on(repo, emulator, dt.datetime(2027, 2, 10, 2, 0, tzinfo=dt.UTC))
    assert (code, found) == (0, [])
