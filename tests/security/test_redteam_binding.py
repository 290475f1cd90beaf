"""Red team: what an approval is bound to, against the names and modes git can give a file.

An approval binds ``path@blob``. These attacks keep every signature valid and play on what
the path or the tree entry means elsewhere: on the reviewer's file system (case-insensitive
and normalising on Windows and macOS), in git attributes, in a file's mode, in folders the
archive build reads. Each pushes to a real bare repository with the installed pre-receive
hook and asserts the refusal, then that the honest push next to it is accepted.
"""

from __future__ import annotations

import unicodedata

import pytest

from tests.security.battery_support import IMAGE, Unit, accepted, post_text
from tests.security.redteam_support import approve_chain

POST = "content/posts/2026/11/xinbiaozhi.md"
FOLDER = "content/posts/2026/11/images"
NFC_NAME = unicodedata.normalize("NFC", "biaozhi-café.png")


def _post_with_image(unit: Unit, name: str, image: bytes) -> None:
    text = post_text("新标识启用").replace(
        "\n\n新标识启用：", f"\n\n![新标识](images/{name})\n\n新标识启用："
    )
    unit.write(POST, text)
    unit.write(f"{FOLDER}/{name}", image)
    unit.commit("New post with an image")


@pytest.mark.parametrize(
    ("signed", "decoy"),
    [
        ("biaozhi.png", "Biaozhi.png"),
        ("biaozhi.png", "BIAOZHI.PNG"),
        (NFC_NAME, unicodedata.normalize("NFD", NFC_NAME)),
        ("biaozhi.png", "biao\u200dzhi.png"),  # HFS+ ignores a zero-width joiner
    ],
    ids=["case", "upper-case", "nfd", "hfs-ignorable"],
)
def test_decoy_image_whose_name_differs_only_by_case_or_normalisation(
    unit: Unit, signed: str, decoy: str
) -> None:
    """Attack: the post pulls in ``biaozhi.png`` (the bytes the platforms get); the branch
    also carries ``Biaozhi.png`` (or the NFD spelling of the name) with harmless bytes. On
    the reviewers' Windows or macOS clone both are one file, so they look at the decoy
    while ``approve`` binds the other's blob; the decoy is approved too, so every changed
    file of the push holds three valid approvals.
    Defence: the server refuses a push adding a file under ``content/`` whose name differs
    from another's only by case, Unicode normalisation or code points HFS+ ignores."""
    assert signed != decoy
    real = (unit.clone.path / IMAGE).read_bytes()
    unit.branch("feature")
    _post_with_image(unit, signed, real + b"\0" * 16)
    approve_chain(unit, POST)  # the post and the image it pulls in
    honest = unit.head()
    unit.write(f"{FOLDER}/{decoy}", real)
    unit.commit("Add an image")
    unit.approval_all(f"{FOLDER}/{decoy}")
    assert len(unit.clone.git("ls-tree", "--name-only", "HEAD", FOLDER + "/").split()) == 2
    err = unit.attack()
    assert "只有大小写或 Unicode 写法不同" in err, err
    unit.clone.git("reset", "-q", "--hard", honest)
    accepted(unit, unit.push())


@pytest.mark.parametrize(
    "attributes",
    [
        "*.md filter=lfs diff=lfs merge=lfs -text\n",
        "*.md working-tree-encoding=UTF-16LE\n",
        "*.md ident eol=crlf\n",
    ],
    ids=["lfs", "encoding", "ident-eol"],
)
def test_git_attributes_under_content_need_approval(unit: Unit, attributes: str) -> None:
    """Attack: a ``.gitattributes`` under ``content/`` (LFS pointers, a working-tree encoding,
    ``ident`` expansion) makes the files checked out for the archive build differ from the
    blobs the reviewers signed.
    Defence: it is a reviewed file like every file under ``content/`` (refused unapproved);
    the publisher reads blobs from git, never through attributes."""
    unit.branch("attributes")
    unit.write("content/posts/.gitattributes", attributes)
    unit.commit("Attributes for posts")
    unit.attack()
    approve_chain(unit, "content/posts/.gitattributes")
    accepted(unit, unit.push())


@pytest.mark.parametrize(
    "path",
    ["build/body-cache/bodies.json", "build/page-cache/0a1b.json", "build/docs/index.md"],
)
def test_archive_build_caches_cannot_be_pushed_to_main(unit: Unit, path: str) -> None:
    """Attack: the archive build keeps sealed stores of generated pages under ``build/``
    (used as stored when the folder is the builder's and nobody else can write it, which a
    checkout is); a push brings one with a planted entry, force-added past ``.gitignore``.
    Defence: nothing outside ``content/`` (and the publisher's ``ledger/``, ``interaction/``)
    may change on main, whatever the approvals; the honest push without it is accepted."""
    unit.branch("feature")
    unit.write(POST, post_text("新标识启用"))
    unit.commit("New post")
    approve_chain(unit, POST)
    honest = unit.head()
    unit.write(path, '{"planted": "<script>alert(1)</script>"}\n')
    unit.clone.git("add", "-f", path)
    unit.commit("Warm the build cache")
    assert path in unit.clone.git("ls-tree", "-r", "--name-only", "HEAD", "build/")
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", honest)
    accepted(unit, unit.push())


@pytest.mark.parametrize("name", ["Main", "MAIN", "Main/xinbiaozhi", "Post/Xinbiaozhi"])
def test_branch_whose_name_differs_from_another_only_by_case(unit: Unit, name: str) -> None:
    """Attack: a pusher creates ``Main`` (or ``MAIN/x``) on the server. In a reviewer's
    Windows or macOS clone it is the same file as ``origin/main``, so the branch's commit
    becomes the base that ``approve`` and ``verify`` judge against (its roster, its rules).
    Defence: the server refuses a new branch that differs from another only by case, or is
    a folder or file of one in another case; the honest branch name is accepted."""
    unit.branch("feature")
    unit.write(POST, post_text("新标识启用"))
    unit.commit("New post")
    accepted(unit, unit.push("HEAD:refs/heads/post/xinbiaozhi"))
    err = unit.attack(f"HEAD:refs/heads/{name}")
    assert "只有大小写不同" in err, err
    accepted(unit, unit.push("HEAD:refs/heads/post/xinbiaozhi-2"))


def test_one_reviewer_signing_two_stages_under_two_spellings_of_the_email(unit: Unit) -> None:
    """Attack: 李强 holds both the editor and the chief editor roles; he signs 初审 as
    ``李强 <LIQIANG@…>`` and 复审 as ``李强 <liqiang@…>``, hoping the two spellings count as
    two people. Defence: people are the roster's, compared case-insensitively; refused."""
    unit.branch("feature")
    unit.write(POST, post_text("新标识启用"))
    unit.commit("New post")
    start = unit.head()
    email = "liqiang@example.gov.cn"
    unit.approval("李强", 1, [POST], signer_line=f"李强 <{email.upper()}>")
    unit.approval("李强", 2, [POST])
    unit.approval("陈静", 3, [POST])
    err = unit.attack()
    assert "同一人" in err or "两次" in err, err
    unit.clone.git("reset", "-q", "--hard", start)
    unit.approval_all(POST)
    accepted(unit, unit.push())
