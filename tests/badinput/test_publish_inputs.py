"""Publishing with bad posts among good ones: a post the renderers cannot take (approved by
signature before the check refused it) never stops the others, and a post a platform refused
keeps the run's exit code at 1 while it stays undelivered. Real emulators, real signatures."""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from tests.badinput.support import front
from tests.publish_support import (
    approve,
    env_for,
    faults,
    git,
    publish_process,
    published,
    small_repo,
)
from tests.watch_support import watch as watch_cli

GOOD = "2026/03/zhangshang-app-shangxian.md"
DEEP = "content/posts/2026/03/shenceng-liebiao.md"
STARS = "content/posts/2026/03/xinghao-qiantao.md"


def test_posts_the_renderers_cannot_take_never_stop_the_others(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", (GOOD,), approved=False)
    deep = front("深层列表") + "\n".join("    " * i + "- 项" for i in range(1000)) + "\n"
    stars = front("星号嵌套") + "*强 " * 3500 + " 调*" * 3500 + "\n"
    (repo / DEEP).write_text(deep, encoding="utf-8")
    (repo / STARS).write_text(stars, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Add posts")
    approve(repo)  # signed approvals of every post, as if approved before the check refused

    run = publish_process(repo, env_for(emulator))
    text = run.out + run.err
    assert "Traceback" not in text and run.code in (0, 1), (run.code, text)
    assert DEEP in run.out and STARS in run.out and "列表嵌套" in run.out
    titles = {item.get("title") for item in published(emulator)["wechat"]}
    assert titles and "深层列表" not in titles and "星号嵌套" not in titles
    assert len(published(emulator)["weibo"]) == 1  # the good post, on Weibo too


def test_a_refused_post_keeps_the_exit_code_at_1_while_undelivered(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    faults(emulator, {"publish_status": 4})  # WeChat's audit refuses the article
    first = publish_process(repo, env_for(emulator))
    assert first.code == 1, first.out
    second = publish_process(repo, env_for(emulator))
    assert second.code == 1, second.out
    assert "尚未送达" in second.out


def test_the_deepest_blockquote_check_allows_raises_no_watch_alarm(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A deep blockquote once rendered differently at publish time and in the watch (a false
    "发布后被改动"); the deepest the check lets through now hashes the same in both."""
    from pipeline.content_limits import MAX_QUOTE_DEPTH

    repo = small_repo(tmp_path / "unit", (GOOD,), approved=False)
    quote = "> " * MAX_QUOTE_DEPTH
    body = f"{quote}最深一层的引用。\n\n正文。\n"
    (repo / "content/posts/2026/03/shenceng-yinyong.md").write_text(
        front("深层引用") + body, encoding="utf-8"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Add a deep quote")
    approve(repo)
    run = publish_process(repo, env_for(emulator))
    assert run.code == 0, run.out + run.err
    assert any(i.get("title") == "深层引用" for i in published(emulator)["wechat"])
    watch = watch_cli(repo, emulator)
    assert "Traceback" not in watch.err
    assert "发布后被改动" not in watch.out + watch.err, watch.out
    assert watch.code == 0, watch.out + watch.err


def test_shown_lines_keeps_line_breaks_and_escapes_the_rest() -> None:
    from pipeline.content_limits import shown_lines

    text = "第一行\x1b[2K\r\n第二行\u202egnp.exe"
    assert shown_lines(text) == "第一行\\u001b[2K\\u000d\n第二行\\u202egnp.exe"
    assert shown_lines(text).count("\n") == 1
