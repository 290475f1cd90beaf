"""Red team, round 19b: the check's result store (``pipeline/rules/result_store.py``) and
the files a post references. The real ``govmedia check`` runs in a new process over a git
repository in ``tmp_path``, with its private cache (the conftest's ``XDG_CACHE_HOME``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline.rules.asset_state import asset_state
from tests.conftest import Repo
from tests.security.assets_support import check_json, noise_png, of_rule, post_text, unit_repo

CHECKED = "content/posts/2026/11/yanshi-fuwu.md"
IMAGE = "content/posts/2026/11/images/tu.png"


@pytest.fixture
def unit(make_repo: Callable[..., Repo]) -> Repo:
    return unit_repo(make_repo("unit"))


def test_an_image_replaced_under_an_unchanged_post_is_checked_again(unit: Repo) -> None:
    """A post passed with a small image, and the image was then replaced by one over
    WeChat's 1 MB (the post's bytes unchanged): the store answered the first run's clean
    result, and the oversize image reached the run. Its record now holds the image's bytes
    (SHA-256), so the replaced image is a miss and PF-IMAGE finds it; put back, it passes."""
    unit.write(IMAGE, noise_png(40))
    unit.write(CHECKED, post_text("![图](images/tu.png)"))
    code, findings = check_json(unit, CHECKED)
    assert of_rule(findings, "PF-IMAGE") == [], findings
    assert of_rule(check_json(unit, CHECKED)[1], "PF-IMAGE") == []  # from the store

    unit.write(IMAGE, noise_png(620))  # over 1 MB, same name, same post
    code, findings = check_json(unit, CHECKED)
    (found,) = of_rule(findings, "PF-IMAGE")
    assert code == 1 and found["match"] == "images/tu.png" and "须小于 1 MB" in found["message"]
    assert of_rule(check_json(unit, CHECKED)[1], "PF-IMAGE") == [found]  # stored, not lost

    unit.write(IMAGE, noise_png(40))
    assert of_rule(check_json(unit, CHECKED)[1], "PF-IMAGE") == []


def test_an_assets_state_is_its_bytes_or_its_problem(unit: Repo) -> None:
    unit.write(IMAGE, noise_png(40))
    first = asset_state(unit.path, IMAGE)
    assert first.startswith("sha256:")
    assert asset_state(unit.path, IMAGE) == first
    unit.write(IMAGE, noise_png(41))
    assert asset_state(unit.path, IMAGE) not in ("", first)
    assert "不存在" in asset_state(unit.path, "content/posts/2026/11/images/none.png")
