"""One ``send`` run's context: what it reads once (the ledger's state, the reviews, the
files, the trusted inbox, the registry) and shares between its replies and reposts, the
platform connections it opens, and its result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline import git
from pipeline.errors import GovmediaError
from pipeline.governance.registry import Registry, load_registry
from pipeline.interaction.config import load_config
from pipeline.interaction.direct import Direct
from pipeline.interaction.messages import Contacts
from pipeline.interaction.outcomes import FINAL, ledger_slug
from pipeline.interaction.privacy import SALT_ENV
from pipeline.interaction.store import Item
from pipeline.interaction.trusted import trusted_inbox
from pipeline.ledger import Ledger, Record, new_run_id
from pipeline.platforms.comments import Comments
from pipeline.platforms.settings import Settings
from pipeline.project import Project
from pipeline.review.merged_units import refusal
from pipeline.review.verify import PostReview, review_paths


@dataclass
class SendResult:
    sent: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)  # past WeChat's window: answered publicly
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, Chinese reason)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class Sending:
    """What one ``send`` run reads once and shares between its replies and reposts."""

    settings: Settings
    env: dict[str, str]
    opener: Callable[[str, Settings, dict[str, str]], Comments]
    ledger: Ledger
    state: dict[str, Record]  # the last ledger record of each interaction file
    reviews: dict[str, PostReview]
    blobs: dict[str, tuple[str, bytes]]
    items: dict[str, Item]
    registry: Registry
    run: str
    direct: Direct
    channels: dict[str, Comments] = field(default_factory=dict)
    result: SendResult = field(default_factory=SendResult)

    def channel(self, platform: str) -> Comments:
        channel = self.channels.get(platform) or self.opener(platform, self.settings, self.env)
        self.channels[platform] = channel
        return channel

    def ready(self, path: str) -> tuple[bool, Record | None]:
        """Whether ``path`` is still to send (no final record, approved), and its last record."""
        last = self.state.get(ledger_slug(path))
        if last is not None and last.event in FINAL:
            return False, last
        review = self.reviews[path]
        if not review.publishable:
            reasons = "；".join(s.reason for s in review.problems())
            self.result.skipped.append((path, f"未完成审核，不发送（{reasons}）"))
            return False, last
        return True, last


def start(
    project: Project,
    settings: Settings,
    env: dict[str, str],
    opener: Callable[[str, Settings, dict[str, str]], Comments],
    ref: str,
    every: list[tuple[str, str]],
) -> Sending:
    """Read the ledger, the reviews, the files, the trusted inbox and the registry once;
    GovmediaError while a merge on ``ref`` brought a unit file nobody approved (the roster
    that judges every reply above all), as the publisher stops (``merged_units``)."""
    root = project.root
    tip = git.resolve_branch(ref, cwd=root)
    merged = refusal(root, tip, "main", "发送回复、隐藏指令和转发") if tip else None
    if merged:
        raise GovmediaError(merged)
    ledger = Ledger(project.ledger_dir)
    state = {
        slug: record
        for (slug, _), record in ledger.state().items()
        if slug.startswith("interaction:")
    }
    reviews = {r.path: r for r in review_paths(root, [p for p, _ in every], None, ref)}
    blobs = git.cat_file_batch([b for _, b in every], cwd=root)
    items = trusted_inbox(project).read()[0]  # a forged target: refused; first records
    registry = load_registry(project.accounts_file)
    run = new_run_id()
    salt = env.get(SALT_ENV, "")
    direct = Direct(Contacts(root).load(), load_config(root).public_page, salt)
    args = (settings, env, opener, ledger, state, reviews, blobs, items, registry, run, direct)
    return Sending(*args)
