"""``govmedia ledger rebuild``: the ledger reconstructed from what the platforms show.

When ``ledger/`` was lost (deleted, emptied, a repository set up again without it),
publishing refuses to run (ledger_guard.py; ``find_live`` below when the ledger is empty),
because the plan would send every post again. This command lists each account through
its channel (``Channel.list_since``, pipeline/platforms/) and, for every post on ``main`` that
an account shows but the ledger does not record, appends a ``published`` record
(``detail.rebuilt``: true) with the platform's id and URL, then commits it signed by the
publisher key. Posts no account shows stay unrecorded: the next publish sends them.

Matching: WeChat by the article's title and its text (the post's version as published or
as a correction, the hash the watch compares: an article posted under the title with other
text is reported, never recorded, red team round 46), Weibo by the post's archive link in the status
text (Weibo stores it as a ``t.cn`` short link, expanded through the platform), the app by the item's URL (the post's archive page). When an account shows a post
more than once (the duplicates this prevents), the oldest is recorded and the others are
reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline import git
from pipeline.config import load_unit_config
from pipeline.content import Post
from pipeline.errors import GovmediaError, UsageError
from pipeline.ledger import Ledger, Record, new_run_id
from pipeline.ledger_guard import require_branch
from pipeline.ledger_signing import Signer, publisher_signer
from pipeline.ledger_trust import trusted_ledger
from pipeline.platforms.channel import Assets, Channel, PostAt
from pipeline.platforms.channels import CHANNELS, PLATFORM_NAMES, Channels
from pipeline.platforms.errors import PlatformError, scrub
from pipeline.platforms.fingerprint import content_hash
from pipeline.platforms.listing import PlatformItem
from pipeline.platforms.render_common import post_url
from pipeline.platforms.settings import Settings
from pipeline.project import Project
from pipeline.publishing.ledger_commit import commit_ledger, run_lock
from pipeline.publishing.plan import default_review, load_posts_at, review_detail
from pipeline.redact import append_scrubbed
from pipeline.review.results import PostReview

PLATFORMS = tuple(CHANNELS)
TEXT_MATCHED = frozenset({"wechat"})  # matched by title: the text must be the post's too


@dataclass
class Found:
    post: Post
    channel: str
    platform: str
    item: PlatformItem
    copies: int = 1


@dataclass
class Survey:
    found: list[Found] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # platform -> why
    lookalikes: list[tuple[Post, str, int]] = field(default_factory=list)  # post, platform, n


def survey(
    posts: list[Post],
    channels: Mapping[str, str],
    opened: Channels,
    assets: Assets,
    platforms: set[str] | None = None,
) -> Survey:
    """Which of ``posts`` (approved in ``assets.commit``) each platform shows. ``channels``:
    account id -> platform."""
    result = Survey()
    wanted = {p for p in channels.values() if p in PLATFORMS}
    if platforms is not None:
        wanted &= platforms
    for platform in sorted(wanted):
        try:
            channel = opened(platform)
            items = sorted(
                channel.list_since().items,
                key=lambda i: (i.time is None, i.time.timestamp() if i.time else 0.0),
            )
            expanded = channel.expanded(items)
        except PlatformError as exc:
            result.unreadable[platform] = scrub(str(exc), opened.secrets())
            continue
        for post in posts:
            link = post_url(post.path, opened.settings.site_url)
            titled = [i for i in items if channel.shows(post, i, link, expanded)]
            hits = _with_text(channel, platform, PostAt(post, assets), titled)
            if len(hits) < len(titled):
                result.lookalikes.append((post, platform, len(titled) - len(hits)))
            if not hits:
                continue
            for account in post.channels:
                if channels.get(account) == platform:
                    result.found.append(Found(post, account, platform, hits[0], len(hits)))
    return result


def _with_text(
    channel: Channel, platform: str, post: PostAt, items: list[PlatformItem]
) -> list[PlatformItem]:
    """The ``items`` that show ``post``'s text, as published or as a correction (the note
    is the same whatever version it corrects), on a platform matched by title; all of them
    elsewhere, or when the post cannot be rendered again (then the title decides)."""
    if platform not in TEXT_MATCHED or not items:
        return items
    try:
        wanted = {
            channel.rendered_hash(PostAt(post.post, post.assets, correction))
            for correction in ("", "ledger-rebuild")
        }
    except (GovmediaError, PlatformError, ValueError):
        return items
    return [i for i in items if content_hash(platform, i.title, i.body) in wanted]


def _posts_and_channels(project: Project, ref: str) -> tuple[str, list[Post], dict[str, str]]:

    registry = load_unit_config(project).registry
    commit = git.resolve_branch(ref, cwd=project.root)
    if commit is None:
        raise UsageError(f"找不到分支 {ref}：请在内容仓库中运行。")
    posts, _ = load_posts_at(project, commit, registry)
    channels = {
        a.id: a.platform
        for a in registry.accounts.values()
        if a.platform in PLATFORMS and a.raw.get("kind") != "official_personal"
    }
    return commit, posts, channels


def find_live(project: Project, ref: str, opened: Channels, platforms: set[str]) -> Survey:
    """The posts of ``ref`` that the platforms already show (for an empty ledger's check)."""
    commit, posts, channels = _posts_and_channels(project, ref)
    return survey(posts, channels, opened, Assets(project.root, commit), platforms)


def rebuild(
    project: Project,
    *,
    ref: str = "main",
    settings: Settings,
    env: Mapping[str, str],
    commit: bool = True,
    say: Callable[[str], None] = print,
) -> int:
    """Append ``published`` records for what the platforms show and the ledger lacks."""

    require_branch(project, ref)
    with run_lock(project):
        ledger: Ledger = trusted_ledger(project, ref)
        signer = publisher_signer(project, ref, settings) if commit else None
        sha, posts, channels = _posts_and_channels(project, ref)
        known = set(ledger.published())
        result = _survey_platforms(posts, channels, settings, env, Assets(project.root, sha))
        for platform, why in result.unreadable.items():
            say(f"未能读取{PLATFORM_NAMES[platform]}的内容，未据其重建：{why}")
        for post, platform, count in result.lookalikes:
            say(
                f"注意：{PLATFORM_NAMES[platform]}上有 {count} 篇与《{post.title}》同题但正文"
                "不是该文现行版本的内容，未据其补记，请人工核查（可能是旧版本，也可能是冒用账号发布）。"
            )
        missing = [f for f in result.found if (f.post.slug, f.channel) not in known]
        reviews = _reviews_of(project, missing, sha)
        run = new_run_id()
        for found in missing:
            record = _rebuilt_record(found, reviews.get(found.post.path), sha, run, say)
            written = append_scrubbed(ledger, record, settings.secrets())
            say(  # the link as recorded: a platform's word, scrubbed (redact.py)
                f"已补记：《{found.post.title}》→ {PLATFORM_NAMES[found.platform]}"
                f"（{found.channel}）{written.url}"
            )
        say(
            f"台账重建：各平台可见本单位文章 {len(result.found)} 项，其中 {len(missing)} 项"
            f"原先没有记录，已补记；已有记录 {len(result.found) - len(missing)} 项。"
        )
        if signer is not None and missing:
            _commit_rebuilt(project, signer, len(missing), run, ref, say)
        if result.unreadable:
            raise GovmediaError("部分平台未能读取，台账只据其余平台重建；处理后请再运行一次。")
    return 0


def _survey_platforms(
    posts: list[Post],
    channels: Mapping[str, str],
    settings: Settings,
    env: Mapping[str, str],
    assets: Assets,
) -> Survey:
    """Which posts every platform shows, through channels opened for this survey only."""
    opened = Channels(settings, env)
    try:
        return survey(posts, channels, opened, assets)
    finally:
        opened.close()


def _reviews_of(project: Project, missing: list[Found], sha: str) -> dict[str, PostReview]:
    """The review of each post about to be recorded, by path (none asked when none is)."""
    if not missing:
        return {}
    paths = sorted({f.post.path for f in missing})
    return {r.path: r for r in default_review()(project.root, paths, sha)}


def _rebuilt_record(
    found: Found, review: PostReview | None, sha: str, run: str, say: Callable[[str], None]
) -> Record:
    """The ``published`` record of one post a platform shows; warns when it shows copies."""
    detail: dict[str, Any] = {
        "rebuilt": True,
        "title": found.post.title,
        "review": review_detail(review, "") if review is not None else {"stages": []},
    }
    if found.copies > 1:
        detail["copies_seen"] = found.copies
        say(
            f"注意：{PLATFORM_NAMES[found.platform]}上《{found.post.title}》有 "
            f"{found.copies} 份，台账记录最早的一份，其余请人工核查。"
        )
    return Record(
        event="published",
        slug=found.post.slug,
        channel=found.channel,
        run=run,
        path=found.post.path,
        blob=found.post.blob,
        commit=sha,
        platform=found.platform,
        platform_id=found.item.platform_id,
        url=found.item.url,
        detail=detail,
    )


def _commit_rebuilt(
    project: Project, signer: Signer, count: int, run: str, ref: str, say: Callable[[str], None]
) -> None:
    """Commit the ``count`` appended records signed by the publisher key, and say so."""
    done = commit_ledger(
        project,
        f"Ledger: rebuilt from the platforms' listings ({count} records, run {run})",
        signer,
        ref=ref,
    )
    if done:
        say(f"发布台账已提交：{done[:12]}")
