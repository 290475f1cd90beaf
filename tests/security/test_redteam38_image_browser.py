"""Red team, round 38: what a real browser draws of an image and of its published copy.

The proof behind ``test_redteam38_image_views``'s first finding, with the real parts: the
reviewers' preview and the archive are read in a browser, WeChat's cover is made by Pillow.
An APNG whose default image is no frame of its animation is drawn blue by Chromium (the
animation's first frame) and red by Pillow (the default image), so the cover WeChat would
have shown its followers is a picture no reviewer's browser ever showed; ``image_meta``
refuses such a file. And a JPEG's orientation: Chromium turns the committed photo and its
published copy alike (``test_redteam38_orientation``).
"""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from pipeline.image_meta import ImageUnreadable, stripped
from tests.security.test_redteam38_image_views import (
    BLUE,
    RED,
    SKIPPED,
    hidden_default_apng,
    honest_apng,
    icc_png_with_gamma,
)
from tests.security.test_redteam38_orientation import CASES, PNG_CASES
from tests.site.chromium import chromium, missing_browser

pytest.importorskip("selenium.webdriver")
if missing_browser():
    pytest.skip(missing_browser(), allow_module_level=True)

DRAW = """
const done = arguments[arguments.length - 1];
const img = new Image();
img.onload = () => {
  const canvas = document.createElement("canvas");
  canvas.width = img.width;
  canvas.height = img.height;
  const context = canvas.getContext("2d");
  context.drawImage(img, 0, 0);
  done([img.width, ...context.getImageData(0, 0, img.width, img.height).data]);
};
img.onerror = () => done("error");
img.src = "data:image/png;base64," + arguments[0];
"""


def _chromium_draws(data: bytes) -> tuple[int, ...]:
    with chromium() as driver:
        driver.get("about:blank")
        drawn = driver.execute_async_script(DRAW, base64.b64encode(data).decode("ascii"))
    assert drawn != "error"
    at = 1 + (5 * drawn[0] + 5) * 4  # the pixel at (5, 5), after the width
    return tuple(drawn[at : at + 3])


def _pillow_draws(data: bytes) -> tuple[int, ...]:
    return Image.open(io.BytesIO(data)).convert("RGB").getpixel((5, 5))


def test_a_browser_and_pillow_draw_two_pictures_of_one_apng_so_it_is_refused() -> None:
    apng = hidden_default_apng()
    assert _chromium_draws(apng) == BLUE  # what the reviewers' preview shows
    assert _pillow_draws(apng) == RED  # what WeChat's cover would have been
    with pytest.raises(ImageUnreadable, match="默认图像不属于动画"):
        stripped(apng)
    honest = honest_apng()  # its first frame is its default image: one picture for both
    assert _chromium_draws(honest) == _pillow_draws(honest) == BLUE
    assert stripped(honest).data == honest


SIZE = """
const done = arguments[arguments.length - 1];
const img = new Image();
img.onload = () => done([img.naturalWidth, img.naturalHeight]);
img.onerror = () => done("error");
img.src = "data:image/" + arguments[1] + ";base64," + arguments[0];
"""


def test_chromium_turns_the_published_photo_as_it_turns_the_committed_one() -> None:
    """``test_redteam38_orientation``'s photos in a real browser: the committed file and the
    published copy are shown at one size, the size that test expects."""
    with chromium() as driver:
        driver.get("about:blank")
        for case, (photo, seen) in {**CASES, **PNG_CASES}.items():
            mime = "png" if photo.startswith(b"\x89PNG") else "jpeg"
            shown = [
                tuple(driver.execute_async_script(SIZE, base64.b64encode(d).decode("ascii"), mime))
                for d in (photo, stripped(photo).data)
            ]
            assert shown == [seen, seen], case


def test_chromium_colours_the_published_png_as_the_committed_one() -> None:
    """The PNG whose ICC profile overrides a gAMA of 0.1: grey before and after."""
    data = icc_png_with_gamma()
    assert _chromium_draws(data) == _chromium_draws(stripped(data).data) == (128, 128, 128)


def test_chromium_draws_a_png_without_the_chunks_it_skips_as_with_them() -> None:
    """``test_redteam38_image_views``'s chunks a decoder skips: the committed file and the
    published copy are the same picture in a real browser."""
    with chromium() as driver:
        driver.get("about:blank")
        for case, data in SKIPPED.items():
            drawn = [
                driver.execute_async_script(DRAW, base64.b64encode(d).decode("ascii"))
                for d in (data, stripped(data).data)
            ]
            assert drawn[0] != "error" and drawn[0] == drawn[1], case
