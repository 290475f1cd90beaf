"""Red team, round 38: one image file that programs show as two pictures, and text kept
in the chunks round 37's allow-list keeps.

Round 37 made every output read an image through ``assets.read_committed``, which keeps
what a decoder needs to draw it. Two ways past it, as a pusher reads ``image_meta``:

- An animated PNG whose default image (IDAT) is no frame of its animation: a browser (the
  reviewer's ``govmedia preview``, the archive, the app) plays the frames and never shows
  the default image; Pillow, which makes WeChat's cover thumbnail, and every viewer without
  APNG show the default image only. Reviewers approve one picture, followers see another.
- A kept chunk longer than the format says: a PNG ``gAMA`` is four bytes, a WebP ``ANIM``
  six; decoders read those and skip the rest, so the rest is any text, published.

Real repositories, real ssh-keygen signatures, the real ``govmedia check``, ``publish``
against the loopback emulator and ``build``.
"""

from __future__ import annotations

import io
import json
import zlib
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
SITE = {"GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/"}
PASSWORD = b"ADMIN-PASSWORD-Kq7vLm29Xw"
RUMOUR = "网传下周全市封城速去囤货".encode()
RED, BLUE, GREEN = (255, 0, 0), (0, 0, 255), (0, 200, 0)


def _frame(colour: tuple[int, int, int]) -> Image.Image:
    return Image.new("RGB", (300, 200), colour)


def hidden_default_apng() -> bytes:
    """Red as the default image, outside the animation; the animation blue then green."""
    out = io.BytesIO()
    _frame(RED).save(
        out,
        "PNG",
        save_all=True,
        append_images=[_frame(BLUE), _frame(GREEN)],
        default_image=True,  # the first image is the default one, no frame of the animation
        duration=[1000, 1000],
        loop=0,
    )
    return out.getvalue()


def honest_apng() -> bytes:
    """An animation whose first frame is the default image: every program starts with it."""
    out = io.BytesIO()
    _frame(BLUE).save(out, "PNG", save_all=True, append_images=[_frame(GREEN)], duration=500)
    return out.getvalue()


def _chunks(data: bytes) -> list[bytes]:
    kinds, i = [], 8
    while i < len(data):
        length = int.from_bytes(data[i : i + 4], "big")
        kinds.append(data[i + 4 : i + 8])
        i += 12 + length
    return kinds


def _unit(tmp_path: Path, files: dict[str, bytes], cover: str, body: list[str]) -> Path:
    """A unit whose post has ``cover`` and the body images ``body`` (names under images/),
    committed and approved through the three stages."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),), approved=False)
    (repo / FOLDER / "images").mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (repo / FOLDER / "images" / name).write_bytes(data)
    text = (repo / POST).read_text(encoding="utf-8")
    text = text.replace("channels:", f"cover: images/{cover}\nchannels:", 1)
    text += "".join(f"\n![现场](images/{name})\n" for name in body)
    (repo / POST).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A post with pictures")
    approve(repo, [POST, *(f"{FOLDER}/images/{name}" for name in files)])
    return repo


def _thumbs(emulator: Emulator) -> list[dict]:
    return [m for m in emulator.state.materials.values() if m["type"] == "thumb"]


def test_an_animated_png_whose_default_image_no_browser_shows_is_never_published(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: the cover and a body picture are an APNG that the reviewers' preview (a
    browser) plays blue, then green; its default image, red, is outside the animation.
    Pillow made WeChat's cover of the red picture nobody saw. Defence: such a file is not
    published (the WeChat delivery stops naming it, the archive leaves it out) and
    ``govmedia check`` names it at its line."""
    apng = hidden_default_apng()
    shown = Image.open(io.BytesIO(apng))
    assert shown.convert("RGB").getpixel((5, 5)) == RED  # what Pillow (the cover) draws
    assert _chunks(apng).index(b"IDAT") < _chunks(apng).index(b"fcTL")  # no browser draws it

    repo = _unit(tmp_path, {"dongtu.png": apng}, "dongtu.png", ["dongtu.png"])
    checked = run_cli("check", POST, "--format", "json", cwd=repo)
    assert checked.code == 1, checked.out + checked.err
    found = [f for f in json.loads(checked.out) if f["rule"] == "A15-ASSET"]
    assert {f["match"] for f in found} == {"images/dongtu.png"}, found
    assert all("默认图像不属于动画" in f["message"] for f in found), found

    published = publish_process(repo, env_for(emulator))
    said = published.out + published.err
    assert "dongtu.png" in said and "默认图像不属于动画" in said, said
    assert _thumbs(emulator) == [], "WeChat received a cover nobody reviewed"
    assert emulator.state.images == {}

    built = run_cli("build", cwd=repo, env=SITE)
    assert built.code == 0, built.out + built.err
    media = repo / "site" / "media"
    kept = [p.read_bytes() for p in media.iterdir()] if media.is_dir() else []
    assert not any(data.startswith(b"\x89PNG") for data in kept)
    assert "dongtu.png" in built.out + built.err


def test_an_honest_animation_is_published_as_committed(tmp_path: Path, emulator: Emulator) -> None:
    """Honest: an APNG whose first frame is its default image (what Pillow and most tools
    write) is the same bytes, and WeChat's cover is that first frame."""
    apng = honest_apng()
    assert stripped(apng).data == apng
    repo = _unit(tmp_path, {"dongtu.png": apng}, "dongtu.png", ["dongtu.png"])
    published = publish_process(repo, env_for(emulator))
    assert published.code == 0, published.out + published.err
    (thumb,) = _thumbs(emulator)
    assert thumb["size"] == len(thumb_jpeg(apng))
    assert list(emulator.state.images.values()) == [len(apng)]


@pytest.mark.parametrize(
    "move",
    ["frame count", "control after the image", "frames without a control"],
)
def test_an_animation_decoders_would_read_differently_is_refused(move: str) -> None:
    """The same differential by the animation's other controls: a frame count unlike the
    frames (a browser shows the default image only, or some frames), the animation control
    after the image data (a browser ignores it), frame chunks with no control at all."""
    data = honest_apng()
    i, chunks = 8, []
    while i < len(data):
        end = i + 12 + int.from_bytes(data[i : i + 4], "big")
        chunks.append(data[i:end])
        i = end
    kinds = [c[4:8] for c in chunks]
    actl = chunks[kinds.index(b"acTL")]
    if move == "frame count":
        body = b"acTL" + (3).to_bytes(4, "big") + actl[12:16]
        chunks[kinds.index(b"acTL")] = actl[:4] + body + _crc(body)
    elif move == "control after the image":
        chunks.remove(actl)
        chunks.insert(kinds.index(b"IEND") - 1, actl)
    else:
        chunks.remove(actl)
    with pytest.raises(ImageUnreadable, match="APNG"):
        stripped(data[:8] + b"".join(chunks))


def _crc(kind_and_data: bytes) -> bytes:
    return zlib.crc32(kind_and_data).to_bytes(4, "big")


def _png_with_long_gama() -> bytes:
    """A PNG whose gAMA chunk (four bytes) goes on with a password and a rumour."""
    out = io.BytesIO()
    _frame(BLUE).save(out, "PNG")
    data = out.getvalue()
    body = b"gAMA" + (45455).to_bytes(4, "big") + b" " + PASSWORD + b" " + RUMOUR
    chunk = (len(body) - 4).to_bytes(4, "big") + body + _crc(body)
    at = 8 + 25  # after IHDR
    return data[:at] + chunk + data[at:]


def _webp_with_long_anim() -> bytes:
    """An animated WebP whose ANIM chunk (six bytes) goes on with a password and a rumour."""
    out = io.BytesIO()
    _frame(BLUE).save(out, "WEBP", save_all=True, append_images=[_frame(GREEN)], duration=500)
    data, i, body = out.getvalue(), 12, b"WEBP"
    while i < len(data):
        kind, size = data[i : i + 4], int.from_bytes(data[i + 4 : i + 8], "little")
        payload = data[i + 8 : i + 8 + size]
        if kind == b"ANIM":
            payload += PASSWORD + b" " + RUMOUR
        body += kind + len(payload).to_bytes(4, "little") + payload + b"\0" * (len(payload) & 1)
        i += 8 + size + (size & 1)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def test_text_after_a_kept_chunks_own_bytes_never_reaches_the_public(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: a body picture's gAMA chunk and an animated cover's ANIM chunk carry a
    password and a rumour after the bytes a decoder reads (both decode as before, so the
    reviewers see the picture): round 37's allow-list kept both chunks whole, so WeChat and
    the archive received the text. Defence: a kept chunk of another length than its format
    gives is left out (PNG) or cut to its length (WebP's ANIM); the pictures stay."""
    png, webp = _png_with_long_gama(), _webp_with_long_anim()
    for data in (png, webp):  # decoders take them: the reviewers see ordinary pictures
        Image.open(io.BytesIO(data)).load()
        assert PASSWORD in data
    repo = _unit(tmp_path, {"tu.png": png, "dongtu.webp": webp}, "dongtu.webp", ["tu.png"])
    published = publish_process(repo, env_for(emulator))
    assert published.code == 0, published.out + published.err
    clean_png = stripped(png).data
    assert PASSWORD not in clean_png and RUMOUR not in clean_png
    assert list(emulator.state.images.values()) == [len(clean_png)]
    for data, clean in ((png, clean_png), (webp, stripped(webp).data)):
        assert PASSWORD not in clean and RUMOUR not in clean
        before, after = Image.open(io.BytesIO(data)), Image.open(io.BytesIO(clean))
        assert after.convert("RGB").getpixel((5, 5)) == before.convert("RGB").getpixel((5, 5))
        assert getattr(after, "n_frames", 1) == getattr(before, "n_frames", 1)

    built = run_cli("build", cwd=repo, env=SITE)
    assert built.code == 0, built.out + built.err
    for path in (repo / "site").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert PASSWORD not in content and RUMOUR not in content, path
    assert clean_png in {p.read_bytes() for p in (repo / "site" / "media").iterdir()}


def icc_png_with_gamma() -> bytes:
    """A grey PNG coloured by an (sRGB) ICC profile, with a gAMA chunk of 0.1 the profile
    overrides: every browser shows it grey."""
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (50, 50), (128, 128, 128)).save(out, "PNG", icc_profile=icc)
    data = out.getvalue()
    body = b"gAMA" + (10_000).to_bytes(4, "big")
    return data[:33] + (4).to_bytes(4, "big") + body + _crc(body) + data[33:]


def test_a_gamma_the_icc_profile_overrode_goes_with_the_profile() -> None:
    """Attack: the profile (left out of every output) overrides the gAMA chunk (kept), so a
    browser showed the committed file grey and the published one nearly black (Chromium:
    128 to 3, ``test_redteam38_image_browser``). Defence: with the profile go gAMA and cHRM;
    a PNG with an sRGB chunk or with no profile keeps them."""
    data = icc_png_with_gamma()
    assert b"iCCP" in _chunks(data) and b"gAMA" in _chunks(data)
    assert _chunks(stripped(data).data) == [b"IHDR", b"IDAT", b"IEND"]
    plain = io.BytesIO()
    Image.new("RGB", (50, 50), (128, 128, 128)).save(plain, "PNG")
    body = b"gAMA" + (45_455).to_bytes(4, "big")
    with_gamma = plain.getvalue()[:33] + (4).to_bytes(4, "big") + body + _crc(body)
    with_gamma += plain.getvalue()[33:]
    assert stripped(with_gamma).data == with_gamma  # no profile: its gamma is its colours


def _with_chunk(data: bytes, kind: bytes, payload: bytes, *, after_image: bool = False) -> bytes:
    chunk = len(payload).to_bytes(4, "big") + kind + payload + _crc(kind + payload)
    at = data.index(b"IEND") - 4 if after_image else 33  # before IEND, or after IHDR
    return data[:at] + chunk + data[at:]


def _png_of(mode: str) -> bytes:
    out = io.BytesIO()
    image = Image.new(mode, (20, 20))
    if mode == "P":
        image.putpalette([10, 200, 10] * 4)
        image.info["transparency"] = b"\xff\x80"
    image.save(out, "PNG")
    return out.getvalue()


TEXT = (PASSWORD + b" " + RUMOUR) * 8  # 384 bytes, a multiple of three

# chunks a decoder skips in the picture they are in: each could be any text
SKIPPED = {
    "a palette in an RGB picture": _with_chunk(_png_of("RGB"), b"PLTE", TEXT),
    "transparency in an RGBA picture": _with_chunk(_png_of("RGBA"), b"tRNS", TEXT[:240]),
    "a histogram without a palette": _with_chunk(_png_of("RGB"), b"hIST", TEXT[:256]),
    "a chunk after the image data": _with_chunk(
        _png_of("RGB"), b"pHYs", PASSWORD[:9], after_image=True
    ),
}


@pytest.mark.parametrize("case", SKIPPED)
def test_text_in_a_chunk_the_picture_does_not_use_never_reaches_the_public(case: str) -> None:
    """Attack: a kept chunk of a right length that this picture's decoder skips (a palette
    in an RGB picture, transparency where there is an alpha channel, a histogram without a
    palette, anything after the image data) holds text. Defence: it is left out; the
    picture is the same (Chromium draws both alike: ``test_redteam38_image_browser``)."""
    data = SKIPPED[case]
    Image.open(io.BytesIO(data)).load()
    clean = stripped(data).data
    assert PASSWORD[:9] not in clean
    before, after = Image.open(io.BytesIO(data)), Image.open(io.BytesIO(clean))
    assert after.convert("RGBA").tobytes() == before.convert("RGBA").tobytes()


def test_a_palette_pictures_palette_and_transparency_stay() -> None:
    """Honest: a palette picture's palette, transparency and histogram (after its palette,
    where a decoder reads them) are its picture; a histogram before the palette goes."""
    data = _png_of("P")
    at = data.index(b"IDAT") - 4
    body = b"hIST" + bytes(2 * (int.from_bytes(data[data.index(b"PLTE") - 4 :][:4], "big") // 3))
    honest = data[:at] + (len(body) - 4).to_bytes(4, "big") + body + _crc(body) + data[at:]
    assert stripped(honest).data == honest
    early = data[:33] + (len(body) - 4).to_bytes(4, "big") + body + _crc(body) + data[33:]
    assert stripped(early).data == data
