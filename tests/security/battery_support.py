"""Harness of the black-box attack battery (issue 11): a unit's git server and an editor's clone.

Everything goes through the real surface: a bare repository with the hooks that
``install_hooks`` writes (its pre-receive is the defence under test), real ``ssh-keygen``
keys, approval commits made by the real ``approve()`` or signed by hand with ``git commit -S``
when an attack needs a malformed one, and real ``git push``.

Speed: the keys and a seeded template (clone + bare remote with ``main``) are made once per
session; each test copies them and installs the hooks into its own bare repository. The
post-receive publisher is removed after installation: it publishes and rebuilds the site,
which is not what this battery judges (the publisher has its own tests).

Each test pushes its attack with ``Unit.attack()`` (refused, Chinese reason, no server ref
moved) and its honest counterpart with ``accepted(unit, unit.push())``. While the server side
is being rewritten, ``BATTERY_HONEST_ONLY=1`` skips the attack pushes so that the honest
halves can be checked on their own (never set it in CI).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.review.approve import approve
from pipeline.review.hooks import install_hooks
from pipeline.review.verify import PostReview, review_posts
from tests.conftest import PROJECT_ROOT, Repo, run_cli
from tests.review_support import REVIEWERS, Key, identity_env, keygen, roster_with_keys

ROSTER = "content/roster.yml"
ACCOUNTS = "content/accounts.yml"
ALLOW = "content/rules/allow.yml"
MAIN = "refs/heads/main"
# Sample posts copied into the unit (one pulls in an image and a cover).
IMAGE_POST = "content/posts/2026/03/zhangshang-app-shangxian.md"
IMAGE = "content/posts/2026/03/images/app-shangxian.png"
SAMPLE_POSTS = (
    IMAGE_POST,
    "content/posts/2026/11/nianmo-fanzha-tixing.md",
)
# People outside the sample roster: a stranger, and puppets an attacker would like to add.
STRANGERS = {
    "attacker": "attacker@attacker.example",
    "傀儡甲": "puppet1@attacker.example",
    "傀儡乙": "puppet2@attacker.example",
    "傀儡丙": "puppet3@attacker.example",
}
PEOPLE = {**REVIEWERS, **STRANGERS}
# The honest chain of the sample roster: 初审 责任编辑, 复审 总编辑, 终审 领导.
HONEST = ("张伟", "李强", "陈静")
LEADERS = ("陈静", "赵明")
# In the battery's roster 李强 (总编辑) also holds the editor role, so one person can sign
# two stages (attack: the same person twice).
EXTRA_ROLES = {"李强": "[editor, chief_editor]"}
_GIT_ISOLATION = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "测试操作员",
    "GIT_AUTHOR_EMAIL": "operator@example.gov.cn",
    "GIT_COMMITTER_NAME": "测试操作员",
    "GIT_COMMITTER_EMAIL": "operator@example.gov.cn",
}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def sob(name: str) -> str:
    """``Name <email>`` of anyone the battery knows."""
    return f"{name} <{PEOPLE[name]}>"


def post_text(title: str, *, author: str = "author: 王芳 <wangfang@example.gov.cn>") -> str:
    """A small post that passes ``govmedia check``; ``author`` is its whole author line(s)."""
    return (
        f"---\ntitle: {title}\ndate: 2026-11-20\n{author}\nchannels: [wechat, weibo]\n"
        f"category: 通知公告\noriginal: true\n---\n\n{title}：政务服务大厅工作日延时服务至18时30分。\n"
    )


def with_person(text: str, name: str, email: str, roles: str, keys: Sequence[Key]) -> str:
    """Roster text with one more person appended to ``people`` (before any section after it)."""
    lines = [f"  - name: {name}", f"    email: {email}", f"    roles: {roles}", "    keys:"]
    lines += [f"      - {k.public}" for k in keys]
    entry = "\n".join(lines) + "\n"
    body = text.rstrip("\n") + "\n"
    start = body.index("\npeople:\n") + len("\npeople:\n")
    rest = body[start:].splitlines(keepends=True)
    offset = start
    for line in rest:  # the people list ends at the next top-level key or comment
        if line.strip() and not line.startswith((" ", "-")):
            break
        offset += len(line)
    return body[:offset] + entry + body[offset:]


def with_puppets(text: str, keys: Mapping[str, Key], *, leader: bool = True) -> str:
    """Roster text plus puppets: 傀儡甲 editor, 傀儡乙 chief_editor, 傀儡丙 leader (optional)."""
    roles = {"傀儡甲": "[editor]", "傀儡乙": "[chief_editor]", "傀儡丙": "[leader]"}
    for name, role in roles.items():
        if name != "傀儡丙" or leader:
            text = with_person(text, name, PEOPLE[name], role, [keys[name]])
    return text


def without_key(text: str, key: Key) -> str:
    """Roster text with one key line removed (the person stays, keyless)."""
    changed = text.replace(f"    keys:\n      - {key.public}\n", "    keys: []\n")
    assert changed != text, "key not found in the roster"
    return changed


def _git(*args: str, cwd: Path, env: Mapping[str, str] | None = None) -> str:
    full = {**os.environ, **(env or {})}
    proc = subprocess.run(["git", *args], cwd=cwd, env=full, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def _roster_for(keys: Mapping[str, Key]) -> str:
    text = (PROJECT_ROOT / ROSTER).read_text(encoding="utf-8")
    text = roster_with_keys(text, {n: [k.public] for n, k in keys.items() if n in REVIEWERS})
    for name, roles in EXTRA_ROLES.items():
        marker = f"email: {REVIEWERS[name]}\n"
        head, _, rest = text.partition(marker)
        title, _, tail = rest.partition("\n")
        old_roles, _, tail = tail.partition("\n")
        assert old_roles.strip().startswith("roles:"), old_roles
        text = f"{head}{marker}{title}\n    roles: {roles}\n{tail}"
    return text


@pytest.fixture(scope="session")
def battery_keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Key]:
    """One throwaway ed25519 key per person (roster people, a stranger, two puppets)."""
    directory = tmp_path_factory.mktemp("battery-keys")
    return {name: keygen(directory, f"key{i}") for i, name in enumerate(PEOPLE)}


@pytest.fixture(scope="session")
def battery_template(
    tmp_path_factory: pytest.TempPathFactory, battery_keys: dict[str, Key]
) -> Path:
    """A seeded clone and a bare remote whose ``main`` has two commits (no hooks yet)."""
    root = tmp_path_factory.mktemp("battery-template")
    clone = root / "clone"
    for rel in (ACCOUNTS, "content/rules", *SAMPLE_POSTS, IMAGE):
        source, target = PROJECT_ROOT / rel, clone / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)
    env = dict(_GIT_ISOLATION)
    _git("init", "-q", "-b", "main", str(clone), cwd=root, env=env)
    _git("add", "-A", cwd=clone, env=env)
    _git("commit", "-q", "-m", "Import sample content", cwd=clone, env=env)
    (clone / ROSTER).write_text(_roster_for(battery_keys), encoding="utf-8")
    _git("add", "-A", cwd=clone, env=env)
    _git(
        "commit", "-q", "-m", "Roster: reviewers and their public signing keys", cwd=clone, env=env
    )
    _git("init", "-q", "--bare", "-b", "main", str(root / "remote.git"), cwd=root, env=env)
    _git("remote", "add", "origin", str(root / "remote.git"), cwd=clone, env=env)
    _git("push", "-q", "origin", "main", cwd=clone, env=env)  # the bootstrap (creates main)
    return root


def write_object(repo: Path, raw: bytes, kind: str = "commit", *, literally: bool = False) -> str:
    """Write ``raw`` as a git object of ``kind`` by hand (``git hash-object -w``), for the
    objects ``git commit`` cannot make; ``literally`` skips git's own format checks."""
    args = ["git", "hash-object", "-t", kind, "-w", "--stdin"]
    if literally:
        args.insert(-1, "--literally")
    proc = subprocess.run(args, cwd=repo, input=raw, capture_output=True, check=True)
    return proc.stdout.decode().strip()


@dataclass
class Unit:
    """The unit's git server (``bare``, hooks installed) and one person's clone of it."""

    bare: Path
    clone: Repo
    keys: dict[str, Key]
    tmp: Path

    # --- identities and plain commits ---------------------------------------------------------

    def env(self, who: str, key: str | None = None) -> dict[str, str]:
        """git acting as ``who``, signing with ``key``'s key (``who``'s own by default)."""
        return identity_env(who, PEOPLE[who], self.keys[key or who])

    def unsigned_env(self, who: str) -> dict[str, str]:
        return identity_env(who, PEOPLE[who])

    def write(self, rel: str, data: str | bytes) -> None:
        self.clone.write(rel, data)

    def commit(self, message: str, who: str = "王芳") -> str:
        """Commit everything in the work tree, unsigned, as ``who`` (an editor by default)."""
        return self.clone.commit(message, env=self.unsigned_env(who))

    def blob(self, rel: str, rev: str = "HEAD") -> str:
        return self.clone.git("rev-parse", f"{rev}:{rel}").strip()

    def head(self) -> str:
        return self.clone.head()

    def hash_blob(self, data: str | bytes) -> str:
        """The blob id ``data`` will have once committed (nothing is written)."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        proc = subprocess.run(
            ["git", "hash-object", "--stdin"],
            cwd=self.clone.path,
            input=raw,
            capture_output=True,
            check=True,
        )
        return proc.stdout.decode().strip()

    def write_commit(self, raw: bytes, *, literally: bool = False) -> str:
        """Write the commit object ``raw`` byte for byte and move HEAD to it."""
        oid = write_object(self.clone.path, raw, literally=literally)
        self.clone.git("reset", "-q", "--hard", oid)
        return oid

    def branch(self, name: str, start: str = "origin/main") -> None:
        self.clone.git("checkout", "-q", "-B", name, start)

    def roster(self, rev: str = "HEAD") -> str:
        return self.clone.git("show", f"{rev}:{ROSTER}")

    # --- approvals ----------------------------------------------------------------------------

    def approve(self, who: str, stage: int, *paths: str) -> str:
        """The real ``govmedia approve PATH... --stage N`` (in process), as ``who``."""
        approve(
            self.clone.path, [str(self.clone.path / p) for p in paths], stage, env=self.env(who)
        )
        return self.head()

    def approve_all(self, *paths: str, people: Sequence[str] = HONEST) -> None:
        """Stages 1, 2, 3 of ``paths`` by three different honest people, in order."""
        for stage, who in enumerate(people, 1):
            self.approve(who, stage, *paths)

    def signed(self, who: str, message: str, *, key: str | None = None, signed: bool = True) -> str:
        """An empty commit with ``message`` verbatim as ``who``, signed with ``key`` (or not)."""
        env = self.env(who, key) if signed else self.unsigned_env(who)
        args = ["commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", "-"]
        if signed:
            args.insert(1, "-S")
        proc = subprocess.run(
            ["git", *args],
            cwd=self.clone.path,
            env={**os.environ, **env},
            input=message.encode("utf-8"),
            capture_output=True,
        )
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        return self.head()

    def approval(
        self,
        who: str,
        stage: int | str,
        targets: Mapping[str, str] | Sequence[str],
        *,
        key: str | None = None,
        signed: bool = True,
        signer_line: str | None = None,
        extra: str = "",
    ) -> str:
        """A hand-made approval commit: no checks, any trailers, any key or none.

        ``targets``: paths (blob at HEAD) or path -> blob.
        """
        pairs = (
            targets.items()
            if isinstance(targets, Mapping)
            else [(p, self.blob(p)) for p in targets]
        )
        approves = "".join(f"Approves: {p}@{b}\n" for p, b in pairs)
        message = (
            f"审核通过（手工）\n\n{extra}Review-Stage: {stage}\n{approves}"
            f"Signed-off-by: {signer_line or sob(who)}\n"
        )
        return self.signed(who, message, key=key, signed=signed)

    def approval_all(self, *paths: str, people: Sequence[str] = HONEST) -> None:
        """Hand-made, well-formed, validly signed approvals of stages 1–3 (files approve() skips)."""
        for stage, who in enumerate(people, 1):
            self.approval(who, stage, list(paths))

    def change_roster(self, text: str, who: str = "王芳") -> str:
        """Commit a new roster (unsigned, as ``who``); returns its blob."""
        self.write(ROSTER, text)
        self.commit("Roster: 修改名册", who)
        return self.blob(ROSTER)

    def approve_roster(
        self, approvers: Sequence[str] = LEADERS, *, key_of: Mapping[str, str] | None = None
    ) -> None:
        """Signed ``Review-Stage: 3`` approvals of the roster blob at HEAD, one per approver."""
        for who in approvers:
            self.approval(who, 3, [ROSTER], key=(key_of or {}).get(who))

    def retraction(self, who: str, path: str, *, key: str | None = None) -> str:
        """A signed retraction approval (``Retracts`` + ``Signed-off-by``)."""
        return self.signed(
            who, f"撤回：{path}\n\nRetracts: {path}\nSigned-off-by: {sob(who)}\n", key=key
        )

    # --- the server ---------------------------------------------------------------------------

    def push(self, *refspecs: str, force: bool = False) -> tuple[bool, str]:
        """``git push origin REFSPEC...`` (default ``HEAD:refs/heads/main``): (accepted, stderr)."""
        args = ["push", "origin", *(["--force"] if force else []), *(refspecs or (f"HEAD:{MAIN}",))]
        proc = subprocess.run(
            ["git", *args], cwd=self.clone.path, capture_output=True, text=True, check=False
        )
        return proc.returncode == 0, proc.stderr

    def attack(self, *refspecs: str, force: bool = False) -> str:
        """Push the attack; assert the server refused it with a Chinese reason and that no
        ref moved or appeared. Returns the server's stderr."""
        before = self.server_refs_with_targets()
        if os.environ.get("BATTERY_HONEST_ONLY"):
            return ""
        ok, err = self.push(*refspecs, force=force)
        assert not ok, f"attack push accepted, should have been refused:\n{err}"
        assert _CJK.search(err), f"refusal without a Chinese reason:\n{err}"
        assert self.server_refs_with_targets() == before
        return err

    def server_refs_with_targets(self) -> dict[str, str]:
        out = _git("for-each-ref", "--format=%(refname) %(objectname)", cwd=self.bare)
        return dict(line.split(" ", 1) for line in out.splitlines())

    def server_ref(self, ref: str = MAIN) -> str | None:
        proc = subprocess.run(
            ["git", "rev-parse", "--verify", "-q", ref],
            cwd=self.bare,
            capture_output=True,
            text=True,
            check=False,
        )
        return proc.stdout.strip() or None

    def fetch(self) -> None:
        self.clone.git("fetch", "-q", "origin")

    def review(self, *paths: str, ref: str = MAIN) -> list[PostReview]:
        """How a reader of the server's ``main`` judges ``paths`` (no replace objects)."""
        reader = self.tmp / "reader"
        if not reader.exists():
            _git("clone", "-q", "--bare", str(self.bare), str(reader), cwd=self.tmp)
        _git("fetch", "-q", "origin", "+refs/heads/main:refs/heads/main", cwd=reader)
        return review_posts(reader, list(paths), ref)

    def reader_clone(self, name: str) -> Path:
        """A fresh clone of the server (as the publisher or an auditor would have)."""
        path = self.tmp / name
        _git("clone", "-q", str(self.bare), str(path), cwd=self.tmp)
        return path

    def check_json(self, path: str) -> list[dict[str, object]]:
        """``govmedia check PATH --format json`` in the clone: its findings (exit 0 or 1)."""
        import json

        result = run_cli("check", path, "--format", "json", cwd=self.clone.path)
        assert result.code in (0, 1), result.out + result.err
        rows: list[dict[str, object]] = json.loads(result.out or "[]")
        return rows

    def verify_json(self, *args: str) -> tuple[int, list[dict[str, object]], str]:
        """``govmedia verify --format json ARGS`` in the clone: (exit, report, stderr)."""
        import json

        result = run_cli("verify", "--format", "json", *args, cwd=self.clone.path)
        report = json.loads(result.out) if result.out.strip().startswith("[") else []
        return result.code, report, result.err


def clone_of(unit: Unit, branch: str, name: str, *, depth: int | None = None) -> Path:
    """A clone of the unit's server holding ``branch``; with ``depth`` a shallow one (two
    commits deep cuts a post's first approvals off, round 23a)."""
    dest = unit.tmp / name
    shallow = ("--depth", str(depth), "--no-single-branch", f"file://{unit.bare}")
    source = shallow if depth else (str(unit.bare),)
    cmd = ["git", "clone", "-q", "-b", branch, *source, str(dest)]
    subprocess.run(cmd, check=True, capture_output=True)
    return dest


def accepted(unit: Unit, outcome: tuple[bool, str]) -> None:
    """The honest push went through."""
    ok, err = outcome
    assert ok, f"honest push refused:\n{err}"


@pytest.fixture
def unit(
    tmp_path: Path,
    battery_template: Path,
    battery_keys: dict[str, Key],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Unit]:
    """A fresh copy of the seeded unit: bare remote with hooks installed, an editor's clone.

    The rule checker's derived-data cache (not a git setting) is shared by the session's
    tests: ``govmedia approve`` runs the checker, and rebuilding it per test costs seconds.
    """
    monkeypatch.setenv("XDG_CACHE_HOME", str(battery_template / "cache"))
    bare = tmp_path / "remote.git"
    shutil.copytree(battery_template / "remote.git", bare, symlinks=True)
    clone = tmp_path / "clone"
    shutil.copytree(battery_template / "clone", clone, symlinks=True)
    installed = install_hooks(bare)
    assert any(p.name == "pre-receive" for p in installed)
    (bare / "hooks" / "post-receive").unlink(missing_ok=True)
    repo = Repo(clone)
    repo.git("remote", "set-url", "origin", str(bare))
    repo.git("fetch", "-q", "origin")
    yield Unit(bare, repo, battery_keys, tmp_path)
