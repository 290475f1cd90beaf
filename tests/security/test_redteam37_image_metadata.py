"""Red team, round 37: what an image carries besides its picture never reaches the public.

Reviewers look at a post's pictures; the files also hold text nobody reviews and no rule
reads: EXIF (the GPS position where a photo was taken, the owner's name, a description),
XMP, a JPEG comment, bytes after the image's end. The archive copied the approved file
byte for byte onto the public site, WeChat's ``uploadimg`` received it as committed, and a
cover's JPEG comment survived Pillow's re-encoding into WeChat's thumbnail. Defence: every
output reads an image through ``assets.read_committed``, which leaves out everything a
decoder does not need (``image_meta.stripped``, an allow-list per format; a JPEG's
orientation is kept) and refuses a file whose structure it cannot read.
Real repositories, real ssh-keygen signatures, the real ``govmedia publish`` against the
loopback emulator and a real ``govmedia build``.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from PIL import Image

from pipeline.emulators import Emulator
from pipeline.image_meta import ImageUnreadable, stripped
from pipeline.platforms.thumb import thumb_jpeg
from tests.conftest import run_cli
from tests.publish_support import approve, env_for, git, publish_process, small_repo

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"
FOLDER = POST.rsplit("/", 1)[0]
PHOTO, COVER = f"{FOLDER}/images/dating.jpg", f"{FOLDER}/images/fengmian.jpg"
RUMOUR = "网传下周全市封城速去囤货"  # a description nobody reviewed
PASSWORD = b"ADMIN-PASSWORD-Kq7vLm29Xw"  # a comment nobody reviewed
SITE = {"GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/"}


def _exif(description: str) -> bytes:
    exif = Image.Exif()
    exif[0x010E] = description  # ImageDescription
    exif[0x013B] = "Zhang Wei 13912345678"  # Artist: a name and a phone
    exif[0x0112] = 6  # orientation: rotate 90° to show
    exif[0x8825] = {1: "N", 2: (49.0, 17.0, 31.5), 3: "E", 4: (120.0, 43.0, 12.25)}
    return exif.tobytes()


def photo() -> bytes:
    """A phone photo as an editor commits it: EXIF with GPS, owner and description, XMP in
    an APP1 segment, a comment, and a zip after the image's end."""
    out = io.BytesIO()
    noise = random.Random(37).randbytes(64 * 48 * 3)  # the same photo on every call
    Image.frombytes("RGB", (64, 48), noise).save(out, "JPEG", exif=_exif(RUMOUR), comment=PASSWORD)
    data = out.getvalue()
    xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + RUMOUR.encode() + b"</x:xmpmeta>"
    app1 = b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp
    return data[:2] + app1 + data[2:] + b"PK\x03\x04" + PASSWORD


def cover() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (30, 90, 160)).save(out, "JPEG", comment=PASSWORD)
    return out.getvalue()


def _published_unit(tmp_path: Path, emulator: Emulator) -> Path:
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),), approved=False)
    (repo / PHOTO).parent.mkdir(parents=True, exist_ok=True)
    (repo / PHOTO).write_bytes(photo())
    (repo / COVER).write_bytes(cover())
    text = (repo / POST).read_text(encoding="utf-8")
    text = text.replace("channels:", "cover: images/fengmian.jpg\nchannels:", 1)
    (repo / POST).write_text(text + "\n![大厅现场](images/dating.jpg)\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A post with a phone photo and a cover")
    approve(repo, [POST, PHOTO, COVER])
    published = publish_process(repo, env_for(emulator))
    assert published.code == 0, published.out + published.err
    return repo


def _hidden(data: bytes) -> list[str]:
    marks = {
        "description": RUMOUR.encode(),
        "comment": PASSWORD,
        "owner": b"13912345678",
        "zip": b"PK\x03\x04",
    }
    return [name for name, mark in marks.items() if mark in data]


def test_metadata_nobody_reviewed_never_reaches_wechat_or_the_archive(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: an approved post's photo carries GPS, an owner, a rumour as its description,
    XMP, a comment with a password and a zip after its end; its cover a comment. Defence:
    WeChat receives and the archive serves the pictures without any of it, the photo still
    upright (its orientation kept)."""
    repo = _published_unit(tmp_path, emulator)
    original, clean = photo(), stripped(photo()).data
    assert _hidden(original) == ["description", "comment", "owner", "zip"]
    assert _hidden(clean) == [] and len(clean) < len(original)

    uploaded = sorted(emulator.state.images.values())
    assert uploaded == [len(clean)], uploaded  # the body image as published, not as committed
    (thumb,) = [m for m in emulator.state.materials.values() if m["type"] == "thumb"]
    assert PASSWORD in thumb_jpeg(cover())  # Pillow keeps a JPEG's comment when it re-encodes
    assert thumb["size"] == len(thumb_jpeg(stripped(cover()).data))

    built = run_cli("build", cwd=repo, env=SITE)
    assert built.code == 0, built.out + built.err
    site = repo / "site"
    for path in site.rglob("*"):
        if path.is_file():
            assert _hidden(path.read_bytes()) == [], path
    media = {p.read_bytes() for p in (site / "media").iterdir()}
    assert clean in media
    shown = Image.open(io.BytesIO(clean))
    shown.load()
    exif = shown.getexif()
    assert dict(exif) == {0x0112: 6}  # upright as the reviewers saw it, nothing else
    assert exif.get_ifd(0x8825) == {}  # no GPS position


def test_a_file_whose_bytes_are_no_image_is_never_published(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: ``dating.jpg`` is an HTML page (its name and its bytes disagree), in a post
    going to Weibo only, whose table checks no image: the archive copied it under a ``.jpg``
    name. Defence: the build leaves it out and says why; nothing unread is published."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),), approved=False)
    page = b"<html><body><script>alert(1)</script>" + RUMOUR.encode() + b"</body></html>"
    (repo / PHOTO).parent.mkdir(parents=True, exist_ok=True)
    (repo / PHOTO).write_bytes(page)
    text = (repo / POST).read_text(encoding="utf-8").replace("[wechat, weibo]", "[weibo]")
    (repo / POST).write_text(text + "\n![大厅现场](images/dating.jpg)\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A page named like a photo")
    approve(repo, [POST, PHOTO])
    published = publish_process(repo, env_for(emulator))
    assert published.code == 0, published.out + published.err
    built = run_cli("build", cwd=repo, env=SITE)
    assert built.code == 0, built.out + built.err
    for path in (repo / "site").rglob("*"):
        if path.is_file():
            assert b"<script>alert(1)" not in path.read_bytes(), path
    said = built.out + built.err
    assert "dating.jpg" in said and "不予发布" in said


def test_a_clean_image_is_published_as_committed() -> None:
    """Honest: a picture with nothing to leave out is the same bytes (so no honest image
    changes its archive name); every format's metadata goes, its picture stays."""
    clean = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 10, 10)).save(clean, "JPEG")
    assert stripped(clean.getvalue()).data == clean.getvalue()
    for kind, extra in (
        ("PNG", {"pnginfo": _png_text()}),
        ("GIF", {"comment": PASSWORD}),
        ("WEBP", {"exif": _exif(RUMOUR), "xmp": RUMOUR.encode()}),
    ):
        plain, rich = io.BytesIO(), io.BytesIO()
        Image.new("RGB", (16, 16), (10, 200, 10)).save(plain, kind)
        Image.new("RGB", (16, 16), (10, 200, 10)).save(rich, kind, **extra)
        assert stripped(plain.getvalue()).data == plain.getvalue(), kind
        result = stripped(rich.getvalue())
        assert result.removed and _hidden(result.data) == [], kind
        assert Image.open(io.BytesIO(result.data)).convert("RGB").getpixel((3, 3)) == (
            Image.open(io.BytesIO(rich.getvalue())).convert("RGB").getpixel((3, 3))
        )
    for broken in (b"<svg onload=alert(1)>", photo()[:300], b"\x89PNG\r\n\x1a\n"):
        with pytest.raises(ImageUnreadable):
            stripped(broken)


def _png_text():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", PASSWORD.decode())
    info.add_itxt("Description", RUMOUR)
    return info


def test_the_check_names_an_image_the_publisher_would_refuse(tmp_path: Path) -> None:
    """The editor hears it at ``govmedia check`` (A15-ASSET, naming the file and line),
    whatever the channels; a photo with metadata is no finding (it is published without)."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),), approved=False)
    (repo / PHOTO).parent.mkdir(parents=True, exist_ok=True)
    (repo / PHOTO).write_bytes(b"<html><script>alert(1)</script></html>")
    (repo / COVER).write_bytes(photo())
    text = (repo / POST).read_text(encoding="utf-8").replace("[wechat, weibo]", "[weibo]")
    text = text.replace("channels:", "cover: images/fengmian.jpg\nchannels:", 1)
    (repo / POST).write_text(text + "\n![大厅现场](images/dating.jpg)\n", encoding="utf-8")
    result = run_cli("check", POST, "--format", "json", cwd=repo)
    assert result.code == 1, result.out + result.err
    found = [f for f in json.loads(result.out) if f["rule"] == "A15-ASSET"]
    assert [f["match"] for f in found] == ["images/dating.jpg"], found
    assert "不是 JPEG、PNG、GIF 或 WebP" in found[0]["message"]
    assert found[0]["line"] == len(text.splitlines()) + 2
