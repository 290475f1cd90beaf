"""``ledger_trust.step_problems``: only the publisher's signed appends may change ``ledger/``.

Real repositories, real ``ssh-keygen`` keys and git-made SSH signatures; each attack must be
refused and the publisher's honest append must still pass.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.ledger import Ledger, Record
from pipeline.ledger_trust import step_problems
from pipeline.review.roster import Roster, parse_roster
from tests.conftest import Repo
from tests.review_support import Key, keygen, roster_with_keys
from tests.security.ledger_support import publisher_key, signed_commit, with_publisher_key

EDITOR = ("张伟", "zhangwei@example.gov.cn")
LEADER = ("陈静", "chenjing@example.gov.cn")
POST = "content/posts/2026/03/zhangshang-app-shangxian.md"


@dataclass
class World:
    repo: Repo
    publisher: Key
    editor: Key
    leader: Key

    def roster(self, rev: str = "HEAD") -> Roster:
        return parse_roster(self.repo.git("show", f"{rev}:content/roster.yml"))

    def problems(self, commit: str = "HEAD") -> list[str]:
        parent = self.repo.head(f"{commit}^")
        return step_problems(self.repo.path, parent, self.repo.head(commit), self.roster(parent))

    def append(self, slug: str = "later", event: str = "published") -> Record:
        return Ledger(self.repo.path / "ledger").append(
            Record(event, slug, "wechat", at="2026-03-20T02:00:00Z", platform="wechat")
        )

    def ledger_file(self) -> Path:
        return self.repo.path / "ledger" / "2026-03.jsonl"


@pytest.fixture
def world(make_repo: Callable[..., Repo], tmp_path: Path) -> World:
    repo = make_repo("unit", sample=True)
    editor = keygen(tmp_path / "keys", "editor")
    leader = keygen(tmp_path / "keys", "leader")
    publisher = publisher_key(repo.path)
    roster = repo.path / "content/roster.yml"
    text = roster_with_keys(
        roster.read_text(encoding="utf-8"), {"张伟": [editor.public], "陈静": [leader.public]}
    )
    roster.write_text(with_publisher_key(text, publisher.public), encoding="utf-8")
    repo.commit("Roster: keys (bootstrap)")
    w = World(repo, publisher, editor, leader)
    w.append("first")
    signed_commit(repo.path, "Ledger: first run", publisher)
    return w


def test_the_publishers_signed_append_passes(world: World) -> None:
    world.append()
    signed_commit(world.repo.path, "Ledger: second run", world.publisher)
    assert world.problems() == []
    assert world.problems("HEAD^") == []  # the first ledger commit (a new file) too


def test_a_step_that_does_not_touch_the_ledger_is_not_judged(world: World) -> None:
    world.repo.write("content/posts/2026/12/x.md", "---\ntitle: x\n---\n")
    world.repo.commit("An editor's unsigned post")
    assert world.problems() == []


def test_forged_line_in_an_editor_signed_commit_is_refused(world: World) -> None:
    forged = {
        "event": "retracted",
        "slug": "zhangshang-app-shangxian",
        "channel": "wechat",
        "detail": {"reason": "伪造", "approved_by": "陈静 <chenjing@example.gov.cn>"},
        "url": "javascript:alert(1)",
    }
    with world.ledger_file().open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(forged, ensure_ascii=False) + "\n")
    signed_commit(world.repo.path, "Ledger: looks legit", world.editor, who=EDITOR)
    problems = world.problems()
    assert problems and "张伟" in problems[0] and "publishers" in problems[0]
    # the honest path in the same repository still works on top of a fresh parent
    world.repo.git("reset", "-q", "--hard", "HEAD^")
    world.append()
    signed_commit(world.repo.path, "Ledger: honest", world.publisher)
    assert world.problems() == []


def test_unsigned_and_leader_signed_ledger_commits_are_refused(world: World) -> None:
    world.append("fake-sent")
    signed_commit(world.repo.path, "Ledger: unsigned", None, who=EDITOR)
    assert any("签名" in p for p in world.problems())
    world.append("fake-sent-2")
    signed_commit(world.repo.path, "Ledger: tombstone", world.leader, who=LEADER)
    assert any("陈静" in p for p in world.problems())


def test_publisher_signed_deletion_and_modification_are_refused(world: World) -> None:
    text = world.ledger_file().read_text(encoding="utf-8")
    world.ledger_file().write_text(text.replace('"first"', '"other"'), encoding="utf-8")
    signed_commit(world.repo.path, "Ledger: rewrite", world.publisher)
    assert any("前缀" in p for p in world.problems())
    world.repo.git("reset", "-q", "--hard", "HEAD^")
    world.ledger_file().write_text("", encoding="utf-8")
    signed_commit(world.repo.path, "Ledger: truncate", world.publisher)
    assert any("前缀" in p for p in world.problems())
    world.repo.git("reset", "-q", "--hard", "HEAD^")
    world.ledger_file().unlink()
    signed_commit(world.repo.path, "Ledger: delete", world.publisher)
    assert any("删除" in p for p in world.problems())


def test_publisher_signed_commit_touching_a_post_is_refused(world: World) -> None:
    world.append()
    post = world.repo.path / POST
    post.write_text(post.read_text(encoding="utf-8") + "\n未经审核的文字。\n", encoding="utf-8")
    signed_commit(world.repo.path, "Ledger: and a post", world.publisher, "ledger", POST)
    problems = world.problems()
    assert any(POST in p for p in problems)


def test_publisher_signed_bad_line_is_refused_with_file_and_line(world: World) -> None:
    with world.ledger_file().open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    signed_commit(world.repo.path, "Ledger: broken", world.publisher)
    [problem] = world.problems()
    assert problem.startswith(f"提交 {world.repo.head()[:10]}")
    assert "ledger/2026-03.jsonl:2: 发布台账记录不是有效的 JSON" in problem


def test_other_files_under_ledger_and_symlinks_are_refused(world: World) -> None:
    (world.repo.path / "ledger" / "notes.txt").write_text("x\n", encoding="utf-8")
    signed_commit(world.repo.path, "Ledger: notes", world.publisher)
    assert any("notes.txt" in p for p in world.problems())
    world.repo.git("reset", "-q", "--hard", "HEAD^")
    (world.repo.path / "ledger" / "2026-04.jsonl").symlink_to("/etc/passwd")
    signed_commit(world.repo.path, "Ledger: link", world.publisher)
    assert any("普通文件" in p for p in world.problems())


def test_a_merge_that_brings_ledger_lines_is_refused(world: World) -> None:
    repo = world.repo
    repo.git("checkout", "-q", "-b", "side")
    world.append("side")
    signed_commit(repo.path, "Ledger: on a side branch", world.publisher)
    repo.git("checkout", "-q", "main")
    repo.write("content/posts/2026/12/y.md", "---\ntitle: y\n---\n")
    repo.commit("Main moves on")
    repo.git("merge", "-q", "--no-edit", "side")
    problems = world.problems()
    assert any("合并" in p for p in problems)


def test_the_roster_before_the_step_decides(world: World) -> None:
    # the roster at the parent lists no publisher: even the real key is not trusted
    roster = world.repo.path / "content/roster.yml"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.split("\npublishers:\n")[0] + "\n", encoding="utf-8")
    world.repo.commit("Roster: drop the publisher")
    world.append()
    signed_commit(world.repo.path, "Ledger: after removal", world.publisher)
    assert any("publishers" in p for p in world.problems())


def test_roster_publishers_are_not_people(world: World) -> None:
    text = (world.repo.path / "content/roster.yml").read_text(encoding="utf-8")
    roster = parse_roster(text)
    assert [p.name for p in roster.publishers] == ["govmedia 发布"]
    assert roster.publisher_by_key(roster.publishers[0].keys[0]) is not None
    assert roster.by_key(roster.publishers[0].keys[0]) is None  # never an approver
    shared = text.replace(world.publisher.public, world.editor.public)
    with pytest.raises(ConfigError, match=r"content/roster.yml:\d+:\d+: .*人员 张伟"):
        parse_roster(shared)
    with_roles = text.replace(
        "  - name: govmedia 发布\n", "  - name: govmedia 发布\n    roles: [leader]\n"
    )
    with pytest.raises(ConfigError, match="roles"):
        parse_roster(with_roles)
