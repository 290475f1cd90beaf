"""Red team, round 18b: each platform's image limits as data in its channel, checked before
any upload, by ``govmedia check`` and so by ``preview`` (its findings table).

The check runs the real CLI over a git repository in ``tmp_path``; the publishing test runs
the real ``govmedia publish`` (a new process) against the loopback emulator with real
signed approvals.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from pipeline.platforms.app_channel import AppChannel
from pipeline.platforms.image_limits import BY_PLATFORM, WEIBO_PIC, sniff
from pipeline.platforms.wechat_channel import WeChatChannel
from pipeline.platforms.weibo_channel import WeiboChannel
from tests.conftest import Repo
from tests.publish_support import (
    approve,
    env_for,
    git,
    ledger_records,
    publish_process,
    small_repo,
    stats,
)
from tests.security.assets_support import check_json, noise_png, of_rule, post_text, unit_repo

CHECKED = "content/posts/2026/11/yanshi-fuwu.md"
PUBLISHED = "content/posts/2026/03/zhangshang-app-shangxian.md"


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, "GIF")
    return out.getvalue()


@pytest.fixture
def unit(make_repo: Callable[..., Repo]) -> Repo:
    return unit_repo(make_repo("unit"))


def test_every_channel_holds_the_table_the_check_reads() -> None:
    assert WeChatChannel.images is BY_PLATFORM["wechat"]
    assert WeiboChannel.images is BY_PLATFORM["weibo"]
    assert AppChannel.images is BY_PLATFORM["app"]


def test_an_image_wechat_refuses_is_an_error_naming_the_image_and_the_channel(unit: Repo) -> None:
    """A body image of 1 MB or more, or a GIF, in a post that goes to WeChat: uploadimg
    takes JPEG or PNG under 1 MB, so the delivery failed only when the run reached it."""
    unit.write("content/posts/2026/11/images/big.png", noise_png(620))
    unit.write("content/posts/2026/11/images/small.png", noise_png(40))
    unit.write("content/posts/2026/11/images/moving.gif", _gif())
    body = "![大图](images/big.png)\n\n![小图](images/small.png)\n\n![动图](images/moving.gif)"
    unit.write(CHECKED, post_text(body))
    code, findings = check_json(unit, CHECKED)
    found = of_rule(findings, "PF-IMAGE")
    assert code == 1 and [f["match"] for f in found] == ["images/big.png", "images/moving.gif"]
    big, gif = found
    assert "正文图片" in big["message"] and "须小于 1 MB" in big["message"]
    assert "微信公众号" in big["message"] and big["line"] == 10 and big["severity"] == "error"
    assert "GIF" in gif["message"] and "JPEG、PNG" in gif["message"]

    not_wechat = post_text(body).replace("channels: [wechat, weibo, app]", "channels: [weibo, app]")
    unit.write(CHECKED, not_wechat)
    assert of_rule(check_json(unit, CHECKED)[1], "PF-IMAGE") == []


def test_a_file_named_png_that_is_no_image_is_refused_by_its_bytes(unit: Repo) -> None:
    unit.write("content/posts/2026/11/images/page.png", b"<html><script>x</script></html>")
    unit.write(CHECKED, post_text("![图](images/page.png)"))
    (finding,) = of_rule(check_json(unit, CHECKED)[1], "PF-IMAGE")
    assert "无法识别的格式" in finding["message"]


def test_the_channel_refuses_an_image_before_any_upload(tmp_path: Path, emulator) -> None:
    """Approved with a body image WeChat does not take, the post reaches the run: the
    WeChat delivery stops before any upload or draft, naming the post, the image and the
    channel; Weibo and the app are published."""
    repo = small_repo(tmp_path / "unit", (PUBLISHED.removeprefix("content/posts/"),))
    folder = repo / PUBLISHED.rsplit("/", 1)[0]
    (folder / "images" / "big.png").write_bytes(noise_png(620))
    post = repo / PUBLISHED
    post.write_text(post.read_text(encoding="utf-8") + "\n![大图](images/big.png)\n", "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A larger picture")
    approve(repo, [PUBLISHED, PUBLISHED.rsplit("/", 1)[0] + "/images/big.png"])

    run = publish_process(repo, env_for(emulator))
    said = run.out + run.err
    assert run.code != 0, said
    line = next(x for x in said.splitlines() if "big.png" in x)
    assert PUBLISHED in line and "微信公众号" in line and "须小于 1 MB" in line
    calls = stats(emulator)
    assert not any(
        p.startswith(("/cgi-bin/media", "/cgi-bin/material", "/cgi-bin/draft")) for p in calls
    )
    done = {r["platform"] for r in ledger_records(repo) if r["event"] == "published"}
    assert {"weibo", "app"} <= done and "wechat" not in done


def test_weibo_takes_no_picture_over_its_limit_or_of_another_format() -> None:
    assert WEIBO_PIC.problem(noise_png(40)) == ""
    assert "须小于 5 MB" in WEIBO_PIC.problem(
        b"\x89PNG\r\n\x1a\n" + os.urandom(16), 5 * 1024 * 1024
    )
    assert "WebP" in WEIBO_PIC.problem(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    assert sniff(_gif()) == "gif"
