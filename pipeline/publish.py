"""``govmedia publish``: deliver approved posts on main to their channels, exactly once.

For every (post, channel) of the plan (plan.py) the publisher writes an ``intent`` record
to the ledger BEFORE each non-idempotent platform call and the outcome right after it
(ledger.py syncs every append to disk). A run killed anywhere and run again reads its own
records back and reconciles with the platform instead of resending:

- WeChat: ``intent(wechat.draft)`` → draft/add → ``drafted`` (media_id) →
  ``intent(wechat.submit)`` → freepublish/submit → ``submitted`` (publish_id) → poll
  freepublish/get → ``published`` (article_id, URL) or ``failed``. A recorded publish_id
  is polled, never resubmitted; a submit intent without its publish_id is looked up in
  freepublish/batchget (title + 阅读原文 link, an article id the ledger does not know yet);
  a draft intent without its media_id is looked up in draft/batchget.
- Weibo: ``intent(weibo.share)`` → share → ``published``; an intent without outcome, or a
  20017/20019 duplicate, is looked up in the account's timeline by the post's archive link.
- App: ``intent(app.push)`` → push with ``Idempotency-Key: <slug>:<blob>`` → ``published``;
  a resend with the same key is answered with the first delivery.

The ledger records of the run are committed to git at the end (one commit per run).

With ``--push`` (the server's hook) the run first claims its deliveries on the shared
remote (ledger_claim.py: a signed claim commit pushed before any platform call; a rejected
push means another server owns them), and pushes its ledger commit with retry
(ledger_sync.py). Before planning, the run checks its working tree (ledger_guard.py): the
branch, an intact ``ledger/``, git's index lock, and records a killed run left uncommitted.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from pipeline import envvars, filelock, git, ledger_guard, ledger_sync
from pipeline.assets import AssetRefused, read_committed
from pipeline.content import Post
from pipeline.crashpoints import crash_point
from pipeline.errors import GovmediaError
from pipeline.governance.registry import Registry
from pipeline.ledger import Ledger, Record, new_run_id
from pipeline.ledger_claim import Claims, claim_deliveries
from pipeline.ledger_signing import Signer, publisher_signer
from pipeline.ledger_trust import trusted_ledger
from pipeline.plan import Plan, Task, review_detail
from pipeline.platforms import app as app_api
from pipeline.platforms import wechat as wechat_api
from pipeline.platforms import weibo as weibo_api
from pipeline.platforms.cover import default_cover
from pipeline.platforms.covers import CoverBook
from pipeline.platforms.errors import (
    DailyQuota,
    Duplicate,
    OperatorAction,
    Permanent,
    PlatformError,
    Retryable,
    Uncertain,
    WaitWindow,
    scrub,
)
from pipeline.platforms.ratelimit import RateLimiter, limiter_for
from pipeline.platforms.render_app import feed_item
from pipeline.platforms.render_common import post_url
from pipeline.platforms.render_wechat import WeChatArticle, check_limits, render_wechat
from pipeline.platforms.render_weibo import render_weibo
from pipeline.platforms.settings import Settings
from pipeline.platforms.wechat_mode import categories, send_mode
from pipeline.project import Project
from pipeline.publish_mass import publish_mass
from pipeline.redact import append_scrubbed
from pipeline.references import FIELD_LABELS, Reference, find, post_references
from pipeline.watch.fingerprint import content_hash

PLATFORM_NAMES = {"wechat": "微信公众号", "weibo": "微博", "app": "客户端"}
CORRECTION_NOTE = "【更正】"
DEFAULT_COVER = "content/wechat-cover.png"  # the unit's own default WeChat cover, if any
PLACEHOLDER_IMAGE_URL = "https://mmbiz.qpic.cn/mmbiz_png/" + "x" * 64 + "/0?wx_fmt=png"


@dataclass
class Outcome:
    task: Task
    status: str  # published | failed | deferred | stopped
    message: str = ""
    url: str = ""


@dataclass
class Clients:
    """The platform clients of a run (built lazily from the settings; tests may inject)."""

    settings: Settings
    wechat: wechat_api.WeChatClient | None = None
    weibo: weibo_api.WeiboClient | None = None
    app: app_api.AppClient | None = None

    def for_platform(self, platform: str) -> Any:
        s = self.settings
        if platform == "wechat" and self.wechat is None:
            self.wechat = wechat_api.WeChatClient(s.wechat_api, s.wechat_appid, s.wechat_secret)
        elif platform == "weibo" and self.weibo is None:
            self.weibo = weibo_api.WeiboClient(s.weibo_api, s.weibo_token, rip=s.weibo_rip)
        elif platform == "app" and self.app is None:
            if not s.app_push:
                raise OperatorAction(
                    "客户端：未配置推送地址 GOVMEDIA_APP_PUSH。", platform="客户端"
                )
            self.app = app_api.AppClient(s.app_push, s.app_hmac_key)
        return getattr(self, platform)

    def secrets(self) -> list[str]:
        found = list(self.settings.secrets())
        for client in (self.wechat, self.weibo, self.app):
            if client is not None:
                found.extend(client.secrets())
        return found

    def close(self) -> None:
        for client in (self.wechat, self.weibo, self.app):
            if client is not None:
                client.close()


@dataclass
class Publisher:
    project: Project
    plan: Plan
    clients: Clients
    ledger: Ledger
    run: str = field(default_factory=new_run_id)
    jobs: int = 1
    poll_interval: float = field(
        default_factory=lambda: envvars.number("GOVMEDIA_POLL_INTERVAL", 2.0, maximum=600)
    )
    max_polls: int = field(default_factory=lambda: envvars.integer("GOVMEDIA_MAX_POLLS", 30))
    progress: bool = True
    say: Callable[[str], None] = print
    limiters: dict[str, RateLimiter] = field(default_factory=dict)
    _stopped: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _drafted_at: dict[str, str] = field(default_factory=dict)
    _wechat_known: set[str] = field(default_factory=set)
    _cover: bytes | None = None
    _covers: CoverBook | None = None  # covers uploaded once per content hash (covers.py)
    _refs: dict[str, list[Reference]] = field(default_factory=dict)  # post blob -> references
    # (blob, correction_of) -> the WeChat article with placeholder images, and whether it
    # has any (without, it is also the article sent); dropped when the task ends
    _articles: dict[tuple[str, str], tuple[WeChatArticle, bool]] = field(default_factory=dict)

    # -- running ---------------------------------------------------------------------

    def publish(self) -> list[Outcome]:
        tasks = self.plan.tasks
        if not tasks:
            return []
        self._drafted_at = git.first_commit_times(
            sorted({t.post.path for t in tasks}), self.plan.commit, cwd=self.project.root
        )
        self._wechat_known = {
            r.platform_id for r in self.ledger.records() if r.platform == "wechat" and r.platform_id
        }
        for platform in {t.platform for t in tasks}:
            self.limiters.setdefault(platform, limiter_for(platform))
        outcomes: list[Outcome] = []
        bar = tqdm(total=len(tasks), desc="发布", unit="项", disable=not self.progress or None)
        by_platform: dict[str, list[Task]] = {}
        for task in tasks:
            by_platform.setdefault(task.platform, []).append(task)

        def lane(items: list[Task]) -> list[Outcome]:
            done: list[Outcome] = []
            with ThreadPoolExecutor(max_workers=max(1, self.jobs)) as pool:
                for outcome in pool.map(self._one, items):
                    done.append(outcome)
                    bar.update(1)
            return done

        with ThreadPoolExecutor(max_workers=len(by_platform)) as lanes:
            for result in lanes.map(lane, by_platform.values()):
                outcomes.extend(result)
        bar.close()
        return outcomes

    def _one(self, task: Task) -> Outcome:
        stop = self._stopped.get(task.platform)
        if stop:
            return Outcome(task, "stopped", stop)
        try:
            client = self.clients.for_platform(task.platform)
            if task.platform == "wechat":
                return self._wechat(task, client)
            if task.platform == "weibo":
                return self._weibo(task, client)
            return self._app(task, client)
        except PlatformError as exc:
            return self._failure(task, exc)
        finally:
            self._articles.pop((task.post.blob, task.correction_of or ""), None)

    def _failure(self, task: Task, exc: PlatformError) -> Outcome:
        message = scrub(str(exc), self.clients.secrets())
        permanent = isinstance(exc, Permanent)
        if isinstance(exc, (WaitWindow, OperatorAction)):
            with self._lock:
                self._stopped.setdefault(task.platform, message)
        self._record(
            task,
            "failed",
            detail={
                "error": type(exc).__name__,
                "code": exc.code,
                "message": message,
                "retry": not permanent,
            },
        )
        status = "deferred" if isinstance(exc, (WaitWindow, Retryable)) else "failed"
        return Outcome(task, status, message)

    # -- ledger ------------------------------------------------------------------------

    def _record(
        self,
        task: Task,
        event: str,
        *,
        platform_id: str = "",
        url: str = "",
        detail: dict[str, Any] | None = None,
    ) -> Record:
        record = Record(
            event=event,
            slug=task.post.slug,
            channel=task.channel,
            run=self.run,
            path=task.post.path,
            blob=task.post.blob,
            commit=self.plan.commit,
            platform=task.platform,
            platform_id=platform_id,
            url=url,
            detail=detail or {},
        )
        # scrubbed of every credential, thread-safe, fsynced before returning
        written = append_scrubbed(self.ledger, record, self.clients.secrets())
        task.history.append(written)
        return written

    def _taken_over(self, task: Task) -> bool:
        """Whether another run claimed this delivery and never recorded how it ended: any
        of its steps may have reached the platform, so every step is reconciled first."""
        key = (task.post.slug, task.channel, task.post.blob)
        return bool(Claims.fold(task.mine()).unfinished(key, self.run))

    def _intent(self, task: Task, op: str, **detail: Any) -> None:
        self._record(task, "intent", detail={"step": op, "title": task.post.title, **detail})
        crash_point(f"before:{op}")

    def _published(self, task: Task, platform_id: str, url: str, **extra: Any) -> Outcome:
        detail: dict[str, Any] = {
            "review": review_detail(task.review, self._drafted_at.get(task.post.path, "")),
            "title": task.post.title,
            **extra,
        }
        if task.correction_of:
            detail["correction_of"] = task.correction_of
        if "content_sha256" not in detail:  # for govmedia watch
            detail["content_sha256"] = self._content_sha256(task)
        self._record(task, "published", platform_id=platform_id, url=url, detail=detail)
        return Outcome(task, "published", url=url)

    def _window(self, task: Task) -> None:
        limiter = self.limiters.get(task.platform)
        if limiter is not None and not limiter.acquire(max_wait=5.0):
            raise WaitWindow(
                f"{PLATFORM_NAMES[task.platform]}：已达到本时段的发布频率上限，等待下一个时间窗口。",
                platform=PLATFORM_NAMES[task.platform],
                retry_after=3600,
            )

    # -- WeChat ------------------------------------------------------------------------

    def _wechat(self, task: Task, client: wechat_api.WeChatClient) -> Outcome:
        mass = categories(self.clients.settings.wechat_mass_categories)
        if send_mode(task.post, mass) == "mass":
            return publish_mass(self, task, client)  # 群发 (publish_mass.py)
        mine = task.mine()

        taken_over = self._taken_over(task)

        def intended(op: str) -> bool:
            return taken_over or any(
                r.event == "intent" and r.detail.get("step") == op for r in mine
            )

        publish_id = next(
            (r.detail.get("publish_id") for r in reversed(mine) if r.event == "submitted"), None
        )
        media_id = next(
            (r.detail.get("media_id") for r in reversed(mine) if r.event == "drafted"), None
        )
        if publish_id:
            return self._wechat_poll(task, client, str(publish_id), str(media_id or ""))
        submit_intended = intended("wechat.submit")
        if submit_intended:
            found = self._wechat_find_published(task, client)
            if found is not None:
                return self._published(task, *found, media_id=media_id, reconciled=True)
        if media_id is None and intended("wechat.draft"):
            media_id = self._wechat_find_draft(task, client)
            if media_id:
                self._record(task, "drafted", detail={"media_id": media_id, "reconciled": True})
        if media_id is None:
            media_id = self._wechat_draft(task, client)
        self._window(task)
        self._intent(task, "wechat.submit", media_id=media_id)
        try:
            publish_id = client.freepublish_submit(media_id)
        except Permanent as exc:
            # 40007 after our own submit intent: the draft is gone, so a submit of it went
            # through (an earlier run's, or this run's whose answer was lost and retried)
            if exc.code == 40007:
                found = self._wechat_find_published(task, client)
                if found is not None:
                    return self._published(task, *found, media_id=media_id, reconciled=True)
                raise OperatorAction(
                    f"微信公众号：草稿 {media_id} 已不在草稿箱，但已发布列表中找不到本文："
                    "发布任务可能仍在进行或已失败，请在公众平台核查；下次运行将再次核对。",
                    platform="微信公众号",
                    call="freepublish/submit",
                ) from None
            raise
        crash_point("after:wechat.submit")
        self._record(task, "submitted", detail={"publish_id": publish_id, "media_id": media_id})
        crash_point("recorded:wechat.submit")
        return self._wechat_poll(task, client, publish_id, media_id)

    def _wechat_article(self, task: Task, client: wechat_api.WeChatClient | None) -> WeChatArticle:
        """The article as sent (``client``: its images uploaded), or with placeholder image
        URLs (None: for the limits, the content hash and reconciling). A post without
        images is rendered once for all of these."""
        post = task.post
        site = self.clients.settings.site_url
        key = (post.blob, task.correction_of or "")
        known = self._articles.get(key)
        if known is not None and (client is None or not known[1]):
            return known[0]
        images: list[str] = []

        def upload(src: str) -> str | None:
            data = self._asset(post, src, "body")  # refused ones stop here, before any call
            images.append(src)
            if client is None:
                return PLACEHOLDER_IMAGE_URL
            return client.uploadimg(data, posixpath.basename(src)) if data else None

        article = render_wechat(post, site_url=site, upload=upload)
        if task.correction_of:
            note = (
                f'<p style="color: #b71c1c;font-size: 14px;">{CORRECTION_NOTE}'
                "本文是对此前发布版本的更正，以本文为准。</p>"
            )
            article = WeChatArticle(**{**article.__dict__, "content": note + article.content})
        if client is None:
            self._articles[key] = (article, bool(images))
        return article

    def _wechat_draft(self, task: Task, client: wechat_api.WeChatClient) -> str:
        # Limits first, before any call (images stand in with a URL as long as WeChat's).
        check_limits(self._wechat_article(task, None))
        cover = self._asset(task.post, task.post.cover, "cover") if task.post.cover else None
        article = self._wechat_article(task, client)
        check_limits(article)
        picture = cover or self._default_cover()
        name = posixpath.basename(task.post.cover or "cover.png")
        books = self._covers_book()
        thumb_id, sha, reused = books.media_id(picture, name, client.add_material)
        self._intent(task, "wechat.draft")
        try:
            media_id = client.draft_add([article.payload(thumb_id)])
        except Permanent as exc:
            if exc.code != 40007 or not reused:
                raise
            books.forget(sha)  # the reused material was deleted on the platform: upload anew
            thumb_id, sha, _ = books.media_id(picture, name, client.add_material)
            media_id = client.draft_add([article.payload(thumb_id)])
        crash_point("after:wechat.draft")
        self._record(
            task,
            "drafted",
            detail={"media_id": media_id, "thumb_media_id": thumb_id, "thumb_sha256": sha},
        )
        crash_point("recorded:wechat.draft")
        return media_id

    def _wechat_poll(
        self, task: Task, client: wechat_api.WeChatClient, publish_id: str, media_id: str
    ) -> Outcome:
        result = client.poll_publish(
            publish_id, interval=self.poll_interval, max_polls=self.max_polls
        )
        crash_point("after:wechat.poll")
        status = int(result.get("publish_status", 3))
        if status == 0:
            items = (result.get("article_detail") or {}).get("item") or []
            url = str(items[0].get("article_url", "")) if items else ""
            article_id = str(result.get("article_id", ""))
            self._wechat_known.add(article_id)
            outcome = self._published(
                task, article_id, url, publish_id=publish_id, media_id=media_id
            )
            crash_point("recorded:wechat.poll")
            return outcome
        if status in wechat_api.LIVE_EVENT_STATUSES:
            return self._wechat_removed(task, result, publish_id, media_id)
        text = wechat_api.STATUS_TEXT.get(status, str(status))
        raise Permanent(
            f"微信公众号：发布任务 {publish_id} 结束，状态 {status}（{text}），请修改内容后重新审核。",
            platform="微信公众号",
            call="freepublish/get",
            code=status,
        )

    def _wechat_removed(self, task: Task, result: dict, publish_id: str, media_id: str) -> Outcome:
        """Status 5 (deleted by a person after success) or 6 (banned after success): the post
        was live. Recorded as published with the event, so the watch alerts on it and the
        plan never republishes it on its own; the run reports it as failed."""
        status = int(result["publish_status"])
        items = (result.get("article_detail") or {}).get("item") or []
        url = str(items[0].get("article_url", "")) if items else ""
        article_id = str(result.get("article_id", ""))
        text = wechat_api.STATUS_TEXT[status]
        message = (
            f"微信公众号：发布任务 {publish_id} 的文章已发出，之后状态变为 {status}（{text}）："
            "已记入台账并告警，不会自动重发；如需重新发布，请按更正流程处理。"
        )
        if article_id:
            self._wechat_known.add(article_id)
        self._record(
            task,
            "published",
            platform_id=article_id,
            url=url,
            detail={
                "title": task.post.title,
                "publish_id": publish_id,
                "media_id": media_id,
                "publish_status": status,
                "live_event": message,
                "review": review_detail(task.review, self._drafted_at.get(task.post.path, "")),
            },
        )
        return Outcome(task, "failed", message)

    def _wechat_find_published(
        self, task: Task, client: wechat_api.WeChatClient
    ) -> tuple[str, str] | None:
        article = self._wechat_article(task, None)
        for job in client.iter_published():
            article_id = str(job.get("article_id", ""))
            if article_id in self._wechat_known:
                continue
            for item in (job.get("content") or {}).get("news_item") or []:
                if (
                    item.get("title") == article.title
                    and item.get("content_source_url") == article.content_source_url
                ):
                    self._wechat_known.add(article_id)
                    return article_id, str(item.get("url", ""))
        return None

    def _wechat_find_draft(self, task: Task, client: wechat_api.WeChatClient) -> str | None:
        article = self._wechat_article(task, None)
        for draft in client.iter_drafts():
            for item in (draft.get("content") or {}).get("news_item") or []:
                if (
                    item.get("title") == article.title
                    and item.get("content_source_url") == article.content_source_url
                ):
                    return str(draft.get("media_id"))
        return None

    def _references(self, post: Post) -> list[Reference]:
        with self._lock:
            refs = self._refs.get(post.blob)
        if refs is None:
            refs = post_references(post)
            with self._lock:
                self._refs[post.blob] = refs
        return refs

    def _asset(self, post: Post, src: str, kind: str) -> bytes | None:
        """A file the post pulls in, as committed in the published commit; only what
        ``referenced_files`` lists and accepts, never a symlink (Permanent otherwise)."""
        ref = find(self._references(post), src, kind)
        if ref is None or not ref.ok:
            where = f"{post.path} 第 {ref.line} 行" if ref else post.path
            reason = ref.reason if ref else "不在文章的引用清单中。"
            label = FIELD_LABELS.get(kind, kind)
            raise Permanent(f"{where}：{label}「{src[:80]}」不予使用：{reason}")
        try:
            return read_committed(self.project.root, self.plan.commit, ref.path)
        except AssetRefused as exc:
            raise Permanent(f"{post.path} 第 {ref.line} 行：{exc}") from None

    def _covers_book(self) -> CoverBook:
        with self._lock:
            if self._covers is None:
                self._covers = CoverBook(
                    r.detail for r in self.ledger.records() if r.event == "drafted"
                )
            return self._covers

    def _default_cover(self) -> bytes:
        with self._lock:
            if self._cover is None:
                try:
                    unit = read_committed(self.project.root, self.plan.commit, DEFAULT_COVER)
                except AssetRefused as exc:
                    raise Permanent(str(exc)) from None
                self._cover = unit or default_cover()
            return self._cover

    # -- Weibo -------------------------------------------------------------------------

    def _weibo(self, task: Task, client: weibo_api.WeiboClient) -> Outcome:
        link = post_url(task.post.path, self.clients.settings.site_url)
        text = render_weibo(
            task.post,
            site_url=self.clients.settings.site_url,
            prefix=CORRECTION_NOTE if task.correction_of else "",
        )
        sha = content_hash("weibo", "", text)  # what the watch compares (fingerprint.py)
        if any(r.event == "intent" for r in task.mine()) or self._taken_over(task):
            found = self._weibo_find(client, text, link)
            if found is not None:
                return self._published(
                    task,
                    str(found.get("idstr") or found.get("id")),
                    weibo_api.status_url(found),
                    reconciled=True,
                    content_sha256=sha,
                )
        self._window(task)
        self._intent(task, "weibo.share")
        try:
            status = client.share(text)
        except (Duplicate, Uncertain):
            # a duplicate, a live-but-slow 20032 or an answer that says nothing: the timeline
            # decides, before anything is recorded (never "published" by guess)
            found = self._weibo_find(client, text, link)
            if found is None:
                raise
            return self._published(
                task,
                str(found.get("idstr") or found.get("id")),
                weibo_api.status_url(found),
                reconciled=True,
                content_sha256=sha,
            )
        crash_point("after:weibo.share")
        outcome = self._published(
            task,
            str(status.get("idstr") or status.get("id")),
            weibo_api.status_url(status),
            content_sha256=sha,
        )
        crash_point("recorded:weibo.share")
        return outcome

    @staticmethod
    def _weibo_find(client: weibo_api.WeiboClient, text: str, link: str) -> dict | None:
        return client.find_shared(text, link)  # t.cn short links taken into account

    # -- app ---------------------------------------------------------------------------

    def _app(self, task: Task, client: app_api.AppClient) -> Outcome:
        item = feed_item(
            task.post,
            site_url=self.clients.settings.site_url,
            commit=self.plan.commit,
            cover=self._asset(task.post, task.post.cover, "cover") if task.post.cover else None,
        )
        if task.correction_of:
            item["_govmedia"]["correction_of"] = task.correction_of
        key = f"{task.post.slug}:{task.post.blob}"
        self._window(task)
        self._intent(task, "app.push", idempotency_key=key)
        answer = client.push({"type": "item", "item": item}, key)
        crash_point("after:app.push")
        outcome = self._published(
            task,
            str(answer.get("id", "")),
            item["url"],
            idempotency_key=key,
            duplicate=bool(answer.get("duplicate")),
            # the pushed item's own title and HTML (the cover does not change them)
            content_sha256=content_hash("app", str(item["title"]), str(item["content_html"])),
        )
        crash_point("recorded:app.push")
        return outcome

    # -- the content hash the account watch compares (pipeline/watch/fingerprint.py) ------

    def _content_sha256(self, task: Task) -> str:
        """Hash of the title and visible text of what was sent to the platform."""
        site = self.clients.settings.site_url
        if task.platform == "wechat":
            article = self._wechat_article(task, None)
            return content_hash("wechat", article.title, article.content)
        if task.platform == "weibo":
            prefix = CORRECTION_NOTE if task.correction_of else ""
            text = render_weibo(task.post, site_url=site, prefix=prefix)
            return content_hash("weibo", "", text)
        item = feed_item(task.post, site_url=site, commit=self.plan.commit)
        return content_hash("app", str(item["title"]), str(item["content_html"]))


# -- the run around the publisher ------------------------------------------------------------


@contextlib.contextmanager
def run_lock(project: Project) -> Iterator[None]:
    """One publishing run per repository at a time (a hook rerun waits for the previous)."""
    directory = git.git_dir(project.root) or project.root
    with filelock.exclusive(directory / "govmedia-publish.lock"):
        yield


def push_ledger(project: Project, ref: str = "main", signer: Signer | None = None) -> None:
    """Push ``ref`` to origin when it is ahead (the ledger commits of this and earlier runs).

    With ``signer``, a push rejected because another server pushed first is replayed onto
    the remote's ``ref`` and pushed again (ledger_sync.py)."""
    root = project.root
    if signer is not None:
        ledger_sync.fetch(project, ref)
        ledger_sync.replay_onto_origin(project, signer, ref)
        ledger_sync.push(project, signer, ref)
        return
    ahead = git.out(["rev-list", "--count", f"origin/{ref}..{ref}"], cwd=root, check=False).strip()
    if ahead == "0":
        return
    code, _, err = git.run(["push", "-q", "origin", f"{ref}:{ref}"], cwd=root, check=False)
    if code != 0:
        raise GovmediaError(
            "发布台账已在本地提交，但推送到远程仓库失败（下次运行会再次推送）："
            + err.decode("utf-8", "replace").strip()[:300]
        )


def commit_ledger(
    project: Project, message: str, signer: Signer, *, ref: str = "main", push: bool = False
) -> str | None:
    """Commit ``ledger/`` (only it) on ``ref`` when it changed, signed by the publisher
    identity ``signer`` (ledger_signing.py); optionally push it."""
    root = project.root
    if git.current_branch(root) != ref:
        return None
    with ledger_guard.git_marker(project):
        git.run(["add", "--ignore-removal", "--", "ledger"], cwd=root)
        if git.ok(["diff", "--cached", "--quiet", "--", "ledger"], cwd=root):
            return None
        code, _, err = git.run(
            ["commit", "-q", "--no-verify", "-S", "-m", message, "--", "ledger"],
            cwd=root,
            env=signer.env(),
            check=False,
        )
    if code != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise GovmediaError(
            f"发布台账已写入 ledger/，但用发布者密钥签名提交失败（{detail[0][:200]}）："
            "请检查 GOVMEDIA_PUBLISHER_KEY 所指的私钥与 ssh-keygen，下次运行会再次提交。"
        )
    if push:
        push_ledger(project, ref, signer)
    return git.rev_parse("HEAD", cwd=root)


def summary_message(run: str, outcomes: list[Outcome]) -> str:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    head = (
        f"Ledger: publish run {run} ({counts.get('published', 0)} published, "
        f"{counts.get('failed', 0)} failed, {counts.get('deferred', 0) + counts.get('stopped', 0)} deferred)"
    )
    lines = [f"- {o.status}: {o.task.post.path} -> {o.task.channel}" for o in outcomes[:200]]
    return head + "\n\n" + "\n".join(lines) + "\n"


def ledger_of(project: Project) -> Ledger:
    return Ledger(project.ledger_dir)


def describe_plan(
    plan: Plan, settings: Settings | None = None, registry: Registry | None = None
) -> list[str]:
    """The plan in Chinese (``--dry-run``), one line per action."""
    label = registry.label_of if registry else (lambda channel: f"「{channel}」")
    lines = [f"发布计划（{plan.ref} @ {plan.commit[:12]}）："]
    for task in plan.tasks:
        name = PLATFORM_NAMES.get(task.platform, task.platform)
        what = "续传（先与平台核对，不重复发送）" if task.resuming() else "发布"
        if task.correction_of:
            what += f"更正版本（替换 {task.correction_of[:8]}）"
        lines.append(
            f"  {what}：《{task.post.title}》→ {name}{label(task.channel)}  {task.post.path}"
        )
    for post in plan.scheduled:
        lines.append(
            f"  定时：《{post.title}》将于 {post.date} 当日或之后的运行中发布  {post.path}"
        )
    for path, reason in plan.unapproved:
        lines.append(f"  暂不发布：{path}：{reason}")
    for path, channel, reason in plan.skipped:
        lines.append(f"  跳过：{path} → {label(channel)}：{reason}")
    lines.append(
        f"合计：待发布 {len(plan.tasks)} 项，定时 {len(plan.scheduled)} 篇，"
        f"未通过审核 {len(plan.unapproved)} 篇，已发布 {plan.done} 项。"
    )
    return lines


def run_publish(
    project: Project,
    *,
    ref: str = "main",
    dry_run: bool = False,
    jobs: int = 1,
    push: bool = False,
    commit: bool = True,
    review: Any = None,
    clients: Clients | None = None,
    settings: Settings | None = None,
    progress: bool = True,
    say: Callable[[str], None] = print,
) -> int:
    """The whole run: plan, publish, summary, ledger commit. Exit code 0 / 1."""
    from pipeline.config import load_unit_config
    from pipeline.plan import make_plan
    from pipeline.platforms.settings import load_settings

    registry = load_unit_config(project).registry
    with run_lock(project):
        settings = settings or (clients.settings if clients else load_settings(project.root))
        signer = None
        if not dry_run:
            signer = _prepare_tree(project, ref, settings, commit=commit, push=push, say=say)
        ledger = trusted_ledger(project, ref)  # refuses a ledger a push forged
        plan = make_plan(project, registry, ledger, ref=ref, review=review)
        if dry_run:
            for line in describe_plan(plan, registry=registry):
                say(line)
            return 0
        # before any platform call: a run whose ledger commit would not be trusted stops here
        if commit and plan.tasks and signer is None:
            signer = publisher_signer(project, ref, settings)
        clients = clients or Clients(settings)
        if plan.tasks and not any(True for _ in ledger.records()):
            _refuse_if_live(project, plan, ref, clients, say)
        publisher = Publisher(project, plan, clients, ledger, jobs=jobs, progress=progress, say=say)
        if push and commit and signer is not None and plan.tasks:
            _claim(publisher, signer, ref, say)
        try:
            outcomes = publisher.publish()
        finally:
            clients.close()
            ledger.close()
        for outcome in outcomes:
            task = outcome.task
            name = PLATFORM_NAMES.get(task.platform, task.platform) + registry.label_of(
                task.channel
            )
            if outcome.status == "published":
                extra = "（更正）" if task.correction_of else ""
                say(f"已发布{extra}：《{task.post.title}》→ {name}  {outcome.url}")
            elif outcome.status == "failed":
                say(f"失败：《{task.post.title}》→ {name}：{outcome.message}")
            else:
                say(f"推迟：《{task.post.title}》→ {name}：{outcome.message or '下次运行继续'}")
        for path, reason in plan.unapproved:
            say(f"暂不发布：{path}：{reason}")
        for path, channel, reason in plan.skipped:
            say(f"跳过：{path} → {registry.label_of(channel)}：{reason}")
        if plan.scheduled:
            say(f"定时发布：{len(plan.scheduled)} 篇文章的日期未到，将在之后的运行中发布。")
        if plan.refused:  # still undelivered: the run is not a success until they are fixed
            say(f"仍有 {len(plan.refused)} 项被平台拒绝、尚未送达：修改文章并重新审核后再发布。")
        published = sum(1 for o in outcomes if o.status == "published")
        bad = [o for o in outcomes if o.status != "published"]
        say(
            f"本次运行 {publisher.run}：发布 {published} 项，未完成 {len(bad)} 项，"
            f"此前已发布 {plan.done} 项。"
        )
        sha = None
        if signer is not None and commit and outcomes:
            sha = commit_ledger(project, summary_message(publisher.run, outcomes), signer, ref=ref)
            if sha:
                say(f"发布台账已提交：{sha[:12]}")
    # pushed outside the lock: the server's hooks may start another run on this push
    if push and commit:
        push_ledger(project, ref, signer)
        say("发布台账已推送到 origin。")
    return 1 if bad or plan.refused else 0


def _prepare_tree(
    project: Project,
    ref: str,
    settings: Settings,
    *,
    commit: bool,
    push: bool,
    say: Callable[[str], None],
) -> Signer | None:
    """The checks before a run trusts its working tree (ledger_guard.py); the signer when
    this run commits and had to sign already (pending records, a sync with the remote)."""
    ledger_guard.require_branch(project, ref)
    # before anything is committed: "git add ledger" must never record a loss
    ledger_guard.require_ledger_intact(project, ref)
    if ledger_guard.clear_stale_index_lock(project):
        say("已清除上次被中断的发布进程遗留的 git 索引锁（index.lock）。")
    repaired = Ledger(project.ledger_dir).repair_tails()
    for name in repaired:
        say(
            f"发布台账 ledger/{name} 末尾有一条写到一半的记录（进程中断所致），已截去；其操作未发出，本次将核对后继续。"
        )
    signer = None
    if commit and ledger_guard.ledger_dirty(project):
        signer = publisher_signer(project, ref, settings)
        sha = commit_ledger(project, "Ledger: records of an interrupted run", signer, ref=ref)
        if sha:
            say(f"上次运行中断时未提交的发布台账记录已提交：{sha[:12]}")
    if push and commit and ledger_sync.has_origin(project):
        signer = signer or publisher_signer(project, ref, settings)
        ledger_sync.sync(project, signer, ref)
    return signer


def _refuse_if_live(
    project: Project, plan: Plan, ref: str, clients: Clients, say: Callable[[str], None]
) -> None:
    """An empty ledger with posts the platforms already show: a lost ledger, not a new one."""
    from pipeline.ledger_rebuild import find_live

    platforms = {t.platform for t in plan.tasks}
    try:
        found = find_live(
            project, ref, clients.settings, os.environ, clients.for_platform, platforms
        )
    except PlatformError as exc:
        say(f"台账为空，未能向平台核对是否已发布过：{scrub(str(exc), clients.secrets())}")
        return
    for platform, why in found.unreadable.items():
        say(
            f"台账为空，且未能读取{PLATFORM_NAMES.get(platform, platform)}的内容核对是否已发布过：{why}"
        )
    wanted = {t.key for t in plan.tasks}
    live = [f for f in found.found if (f.post.slug, f.channel) in wanted]
    if live:
        first = live[0]
        raise GovmediaError(
            f"发布台账是空的，但平台上已有本单位的 {len(live)} 项待发布内容"
            f"（如《{first.post.title}》→ {PLATFORM_NAMES.get(first.platform, first.platform)}）："
            "台账很可能已丢失。为免重复发布，本次不发布。请运行 govmedia ledger rebuild "
            "依据各平台实际发布的内容重建台账，再发布。"
        )


def _claim(publisher: Publisher, signer: Signer, ref: str, say: Callable[[str], None]) -> None:
    """Own the plan's deliveries on the shared remote before any platform call."""
    if not ledger_sync.has_origin(publisher.project):
        return

    def write(task: Task, event: str, detail: dict[str, Any]) -> None:
        publisher._record(task, event, detail=detail)

    def commit(message: str) -> None:
        commit_ledger(publisher.project, message, signer, ref=ref)

    result = claim_deliveries(
        publisher.project,
        publisher.ledger,
        publisher.plan.tasks,
        run=publisher.run,
        signer=signer,
        write=write,
        commit=commit,
        ref=ref,
    )
    crash_point("after:ledger.claim")
    for task, holder in result.elsewhere:
        say(
            f"由另一台发布服务器处理：《{task.post.title}》→ "
            f"{PLATFORM_NAMES.get(task.platform, task.platform)}（运行 {holder.run}）"
        )
    publisher.plan.tasks = result.mine


__all__ = [
    "Clients",
    "DailyQuota",
    "Outcome",
    "Publisher",
    "commit_ledger",
    "run_lock",
    "summary_message",
]
