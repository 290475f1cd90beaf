"""Red team, round 38: the reviewer's preview shows each picture the post publishes.

``govmedia preview`` is the page reviewers read before they sign (第十五条): the WeChat
article as it goes out, its cover, the Weibo text, the app item. It copied each picture
next to the page under the file's name alone, so two pictures of one post named alike in
two folders (``images/a/tu.png``, ``images/b/tu.png``) were one file: the page showed the
same picture twice, and the other one, published to WeChat and the archive, was seen by no
reviewer. It also copied the file as committed, where every output takes it without what
a decoder does not need (round 37): a browser draws a JPEG with its ICC profile, the
public without it. Defence: the page shows the bytes every output takes
(``assets.published_image``), each under a name made of its hash.

Real repositories, real ssh-keygen signatures, the real ``govmedia preview`` and
``publish`` against the loopback emulator.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image

from pipeline.emulators import Emulator
from pipeline.image_meta import stripped
from tests.conftest import run_cli
from tests.publish_support import approve, env_for, git, publish_process, small_repo

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"
FOLDER = POST.rsplit("/", 1)[0]
SLUG = "nianmo-fanzha-tixing"


def _picture(colour: tuple[int, int, int], comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), colour).save(
        out, "JPEG", **({"comment": comment} if comment else {})
    )
    return out.getvalue()


SEEN = _picture((30, 90, 160))  # what the attacker wants the reviewers to see
UNSEEN = _picture((200, 0, 0), b"ADMIN-PASSWORD-Kq7vLm29Xw")  # what the public gets too


def _unit(tmp_path: Path) -> Path:
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),), approved=False)
    files = {"images/b/tu.jpg": UNSEEN, "images/a/tu.jpg": SEEN}
    for name, data in files.items():
        (repo / FOLDER / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / FOLDER / name).write_bytes(data)
    text = (repo / POST).read_text(encoding="utf-8")
    text += "\n![现场一](images/b/tu.jpg)\n\n![现场二](images/a/tu.jpg)\n"
    (repo / POST).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Two pictures named alike")
    return repo


def _shown(repo: Path) -> list[bytes]:
    """The bytes of every picture the preview's WeChat article shows, in order."""
    html = (repo / "reports" / "preview" / f"{SLUG}.html").read_text(encoding="utf-8")
    wechat = html[html.index('id="wechat"') : html.index('id="weibo"')]
    sources = re.findall(r'<img [^>]*src="([^"]+)"', wechat)
    return [(repo / "reports" / "preview" / src).read_bytes() for src in sources]


def test_two_pictures_named_alike_are_both_shown_to_the_reviewers(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: a post's two pictures share a file name in two folders; the preview showed
    the reviewers one of them twice, WeChat received both. Defence: the preview shows each
    picture as it is published, under a name of its own."""
    repo = _unit(tmp_path)
    previewed = run_cli("preview", POST, cwd=repo)
    assert previewed.code == 0, previewed.out + previewed.err
    published_unseen, published_seen = stripped(UNSEEN).data, SEEN
    assert published_unseen != UNSEEN  # its comment is left out of every output
    assert _shown(repo) == [published_unseen, published_seen]

    approve(repo, [POST, f"{FOLDER}/images/a/tu.jpg", f"{FOLDER}/images/b/tu.jpg"])
    published = publish_process(repo, env_for(emulator))
    assert published.code == 0, published.out + published.err
    uploaded = sorted(emulator.state.images.values())
    assert uploaded == sorted([len(published_unseen), len(published_seen)])  # both went out


def test_a_picture_that_would_not_be_published_is_not_shown_either(tmp_path: Path) -> None:
    """A file the publisher refuses (its bytes are no image) is no picture on the page: the
    check's A15-ASSET finding, shown on the page, says why."""
    repo = _unit(tmp_path)
    (repo / FOLDER / "images/b/tu.jpg").write_bytes(b"<html><script>alert(1)</script></html>")
    previewed = run_cli("preview", POST, cwd=repo)
    assert previewed.code == 0, previewed.out + previewed.err
    assert _shown(repo) == [SEEN]
    html = (repo / "reports" / "preview" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "A15-ASSET" in html and "<script>alert(1)" not in html
