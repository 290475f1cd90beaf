"""Red team round 46 (round 43's leftover): ``govmedia ledger rebuild`` matched WeChat
articles by title alone.

When ``ledger/`` is lost, the rebuild records as ``published`` every post on main that an
account shows. An article posted as from a stolen password under an approved post's title,
with a 转账 notice as its text, was recorded as that post's publication: a post that never
went out stood in the ledger as published (the auditors' 发文数, 第十八条), it was never
sent, and the watch then reported the approved post's record ``altered``; planted before
the real article, the lookalike (the oldest of the "copies") was recorded instead of it.
Real repositories, the real ``govmedia publish`` and ``govmedia ledger rebuild`` as
subprocesses with the publisher's key, the loopback emulator with the item planted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.emulators import Emulator
from tests.publish_support import (
    approve,
    git,
    ledger_records,
    publish_process,
    published,
    publisher_cli,
    small_repo,
)
from tests.security.test_redteam43_retracted_versions import corrected_post
from tests.security.test_redteam43_retraction_dates import POST, _clock
from tests.watch_support import plant

TITLE = "年底办事高峰 谨防电信网络诈骗"  # the post's title on main
FORGED = "紧急通知：办理业务请先将保证金转账至以下账户，逾期不予受理。"
PLANTED = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
PUBLISHED = dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC)
REBUILT = dt.datetime(2026, 12, 3, 2, 0, tzinfo=dt.UTC)


def _unit(tmp_path: Path, name: str) -> Path:
    return small_repo(tmp_path / name, (POST.removeprefix("content/posts/"),))


def _rebuild(repo: Path, emulator: Emulator) -> str:
    result = publisher_cli(repo, _clock(emulator, REBUILT), "ledger", "rebuild", timeout=120)
    assert result.code == 0, result.out + result.err
    return result.out


def _wechat_published(repo: Path) -> list[dict]:
    return [
        r for r in ledger_records(repo) if r["event"] == "published" and r["channel"] == "wechat"
    ]


def test_a_lookalike_under_an_unsent_posts_title_is_not_recorded_published(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: the post never went out on WeChat; the account shows an article under its
    title with other text. The rebuild recorded it as the post's publication. Defence: a
    WeChat article stands for a post only when it shows that post's text (the hash the
    watch compares, as published or as a correction); the lookalike is reported, not
    recorded, and the next publish sends the post."""
    _clock(emulator, PLANTED)
    plant(emulator, kind="outside", platform="wechat", title=TITLE, text=FORGED)
    repo = _unit(tmp_path, "unit")
    out = _rebuild(repo, emulator)
    assert _wechat_published(repo) == []
    assert "同题" in out and TITLE in out
    run = publish_process(repo, _clock(emulator, REBUILT))
    assert run.code == 0, run.out + run.err
    assert len(_wechat_published(repo)) == 1
    assert len(published(emulator)["wechat"]) == 2  # the lookalike and the post


def test_the_real_article_is_recorded_not_an_older_lookalike(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack, then the honest path: a lookalike planted the day before the post went out
    was the oldest "copy", and the rebuild recorded its id for the post. Defence as above:
    the article with the post's text is recorded, with its id and link, and nothing is
    sent again."""
    _clock(emulator, PLANTED)
    (forged,) = plant(emulator, kind="outside", platform="wechat", title=TITLE, text=FORGED)
    first = _unit(tmp_path, "first")
    run = publish_process(first, _clock(emulator, PUBLISHED))
    assert run.code == 0, run.out + run.err
    (sent,) = _wechat_published(first)
    lost = _unit(tmp_path, "lost")  # the same unit set up again without its ledger
    _rebuild(lost, emulator)
    (rebuilt,) = _wechat_published(lost)
    assert rebuilt["platform_id"] == sent["platform_id"] != forged["id"]
    assert rebuilt["url"] == sent["url"]
    assert rebuilt["detail"]["rebuilt"] is True and "copies_seen" not in rebuilt["detail"]
    again = publish_process(lost, _clock(emulator, REBUILT))
    assert again.code == 0, again.out + again.err
    assert len(published(emulator)["wechat"]) == 2


def test_a_corrected_post_is_recorded_by_its_correction(tmp_path: Path, emulator: Emulator) -> None:
    """Honest: a corrected post shows two articles under its title, the first version and
    the correction (its text with the 更正 note). Rebuilt from main's version, the
    correction is recorded; the first version is reported for a person to check, not
    recorded as this version, and nothing is sent again."""
    first = corrected_post(tmp_path / "first", emulator)
    correction = _wechat_published(first)[-1]
    lost = _unit(tmp_path, "lost")
    (lost / POST).write_text((first / POST).read_text("utf-8"), "utf-8")
    git(lost, "commit", "-qam", "Correct the hotline")
    approve(lost, [POST])
    out = _rebuild(lost, emulator)
    (rebuilt,) = _wechat_published(lost)
    assert rebuilt["platform_id"] == correction["platform_id"]
    assert rebuilt["blob"] == correction["blob"]
    assert "同题" in out
    again = publish_process(lost, _clock(emulator, REBUILT))
    assert again.code == 0, again.out + again.err
    assert len(published(emulator)["wechat"]) == 2


def _with_namesake(tmp_path: Path, name: str) -> Path:
    """The unit with a second post of the same title (a reminder sent again next year, say),
    its text and its date different, approved like the first."""
    repo = small_repo(tmp_path / name, (POST.removeprefix("content/posts/"),), approved=False)
    text = (repo / POST).read_text("utf-8")
    namesake = repo / "content/posts/2026/11/nianmo-fanzha-tixing-zaici.md"
    namesake.write_text(
        text.replace("date: 2026-11-18", "date: 2026-11-25").replace(
            "有疑问请拨打12345核实", "再次提醒：有疑问请拨打12345核实"
        ),
        "utf-8",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "A second reminder under the same title")
    approve(repo)
    return repo


def test_two_posts_of_one_title_are_each_recorded_by_their_own_article(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: two approved posts share a title and only the first went out on WeChat.
    Matched by title, the rebuild recorded the one article for both: the second post
    published (a publication nobody saw, in the auditors' figures) and never sent.
    Defence: each post is matched by its own text; the second is sent by the next run."""
    first = small_repo(tmp_path / "first", (POST.removeprefix("content/posts/"),))
    run = publish_process(first, _clock(emulator, PUBLISHED))
    assert run.code == 0, run.out + run.err
    (sent,) = _wechat_published(first)
    lost = _with_namesake(tmp_path, "lost")
    _rebuild(lost, emulator)
    assert [(r["slug"], r["platform_id"]) for r in _wechat_published(lost)] == [
        ("nianmo-fanzha-tixing", sent["platform_id"])
    ]
    again = publish_process(lost, _clock(emulator, REBUILT))
    assert again.code == 0, again.out + again.err
    assert len(published(emulator)["wechat"]) == 2
    assert {r["slug"] for r in _wechat_published(lost)} == {
        "nianmo-fanzha-tixing",
        "nianmo-fanzha-tixing-zaici",
    }
