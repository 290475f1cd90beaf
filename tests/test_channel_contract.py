"""Every platform's Channel (pipeline/platforms/channels.py) through the one interface,
against the real loopback emulators: publish with its intent records, find what was
published after an interrupted run without a second delivery, list it, match it, hash it,
delete it (twice: the second finds it gone), and open its interaction API."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.content import Post, parse_post
from pipeline.emulators import Emulator
from pipeline.ledger import Record, delivery_record
from pipeline.platforms.channel import Assets, Channel, Delivered, PostAt
from pipeline.platforms.channels import CHANNELS, Channels
from pipeline.platforms.comments import Comments
from pipeline.platforms.fingerprint import content_hash
from pipeline.platforms.render_common import post_url
from pipeline.platforms.settings import load_settings
from tests.conftest import git, init_repo
from tests.publish_support import env_for, published, running_emulator

PATH = "content/posts/2026/11/yanshi-fuwu.md"
POST = """---
title: 政务服务大厅12月起推行延时服务
date: 2026-11-20
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat, weibo, app]
summary: 工作日午间和周六上午不打烊。
---

自12月1日起，政务服务大厅在工作日午间和周六上午提供延时服务。
"""


class Recorder(PostAt):
    """The publisher's side of a delivery, kept in a list (the run's ledger is not under
    test here: tests/test_publish_run.py covers it)."""

    def __init__(self, post: Post, assets: Assets, platform: str, earlier: list[Record]) -> None:
        super().__init__(post, assets)
        self.platform = platform
        self.records = list(earlier)
        self.windows = 0

    def mine(self) -> list[Record]:
        return list(self.records)

    def taken_over(self) -> bool:
        return False

    def ledger(self) -> Iterable[Record]:
        return list(self.records)

    def record(self, event: str, **fields: Any) -> Record:
        """The Delivery's ``record`` (platform_id, url, detail), kept in the list."""
        written = delivery_record(
            self.post,
            event,
            channel=self.platform,
            platform=self.platform,
            run="contract",
            commit=self.commit,
            **fields,
        )
        self.records.append(written)
        return written

    def intent(self, op: str, **detail: Any) -> None:
        self.record("intent", detail={"step": op, **detail})

    def published(self, platform_id: str, url: str, **extra: Any) -> Delivered:
        self.record("published", platform_id=platform_id, url=url, detail=extra)
        return Delivered("published", url=url)

    def review(self) -> dict[str, Any]:
        return {"stages": []}

    def window(self) -> None:
        self.windows += 1

    def unit_file(self, path: str) -> bytes | None:
        return self.assets.unit_file(path)


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


@pytest.fixture
def unit(tmp_path: Path) -> tuple[Post, Assets]:
    repo = init_repo(tmp_path / "unit").path
    (repo / PATH).parent.mkdir(parents=True)
    (repo / PATH).write_text(POST, encoding="utf-8")
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "post", cwd=repo)
    commit = git("rev-parse", "HEAD", cwd=repo).strip()
    result = parse_post(PATH, (repo / PATH).read_bytes())
    assert result.post is not None, result.findings
    return result.post, Assets(repo, commit)


def channels_for(emulator: Emulator, tmp_path: Path) -> Channels:
    env = env_for(emulator)
    return Channels(load_settings(tmp_path, env), env)


def shown(emulator: Emulator, platform: str) -> int:
    return len(published(emulator).get(platform) or [])


@pytest.mark.parametrize("platform", sorted(CHANNELS))
def test_every_channel_keeps_the_contract(
    platform: str, emulator: Emulator, unit: tuple[Post, Assets], tmp_path: Path
) -> None:
    post, assets = unit
    opened = channels_for(emulator, tmp_path)
    channel: Channel = opened(platform)
    assert channel.name == platform and channel.label
    first = Recorder(post, assets, platform, [])
    done = channel.publish(first)
    assert done.status == "published", done
    events = [r.event for r in first.records]
    assert events[-1] == "published" and "intent" in events and first.windows >= 1
    record = first.records[-1]
    assert shown(emulator, platform) == 1

    # an interrupted run: the records up to its last intent, a fresh run's channel
    cut = max(i for i, r in enumerate(first.records) if r.event == "intent")
    again = Recorder(post, assets, platform, first.records[: cut + 1])
    rerun = channels_for(emulator, tmp_path)
    assert rerun(platform).publish(again).status == "published"
    assert shown(emulator, platform) == 1  # reconciled, never sent twice
    assert again.records[-1].platform_id == record.platform_id

    found = channels_for(emulator, tmp_path)(platform).find(PostAt(post, assets))
    assert found is not None
    # the ledger names an app item by its URL (its platform id is the push's own id)
    assert found[1] == record.url if channel.keyed_by_url else found[0] == record.platform_id

    listing = channel.list_since()
    key = record.url if channel.keyed_by_url else record.platform_id
    (item,) = [i for i in listing.items if i.key == key]
    assert item.visible
    link = post_url(post.path, opened.settings.site_url)
    assert channel.shows(post, item, link, channel.expanded(listing.items))
    sent = channel.rendered_hash(PostAt(post, assets))
    assert content_hash(platform, item.title, item.body) == sent
    assert record.detail.get("content_sha256", sent) == sent

    comments = channel.comments()
    assert isinstance(comments, Comments) and comments.platform == platform
    raws, _ = comments.read("")
    assert raws == []

    channel.delete(record, "内容有误")
    channel.delete(record, "内容有误")  # already gone: still done
    after = [i for i in channel.list_since().items if i.key == key]
    assert all(not i.visible for i in after)
    opened.close()
    rerun.close()


def test_an_unknown_platform_has_no_channel(tmp_path: Path) -> None:
    from pipeline.platforms.errors import OperatorAction

    with pytest.raises(OperatorAction, match="没有发布渠道"):
        Channels(load_settings(tmp_path, {}), {})("douyin")


def test_a_lane_opening_its_channel_while_another_records_does_not_fail_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run's platforms publish side by side, and every ledger record asks for the
    secrets of the channels opened so far: one lane opened its channel while another was
    reading them, and the run failed with "dictionary changed size during iteration"."""
    import threading

    from pipeline.platforms import channels as channels_module

    reading = threading.Event()
    opened_meanwhile = threading.Event()

    class Slow:
        name = "slow"

        def secrets(self) -> list[str]:
            reading.set()  # the other lane opens its channel now, mid-iteration
            assert opened_meanwhile.wait(5)
            return ["s1"]

        def close(self) -> None:
            pass

    class Other(Slow):
        def secrets(self) -> list[str]:
            return ["s2"]

    monkeypatch.setattr(channels_module, "open_channel", lambda platform, s, e: Other())
    run = Channels(load_settings(tmp_path, {}), {}, opened={"slow": Slow()})  # type: ignore[dict-item]

    def other_lane() -> None:
        assert reading.wait(5)
        run("weibo")
        opened_meanwhile.set()

    lane = threading.Thread(target=other_lane)
    lane.start()
    found = run.secrets()
    lane.join(5)
    assert "s1" in found
    assert "s2" in run.secrets() and sorted(run.opened) == ["slow", "weibo"]
    # many lanes asking at once get one channel a platform
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(run("app"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert len({id(c) for c in seen}) == 1
