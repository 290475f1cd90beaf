"""A post's cover is in the archive's ``media/`` even when the body does not show it: the
app's pushed item names it there (``render_app``: ``absolute_media_url``), so a cover the
archive never wrote was a dead link in every app item (found in red team round 38)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.assets import read_committed
from pipeline.site.paths import MEDIA_DIR, absolute_media_url, media_name
from tests.conftest import SAMPLE_CONTENT, init_repo, isolated_git_module
from tests.publish_support import make_keys
from tests.security.ledger_support import publisher_key
from tests.site.conftest import APP, build_cli
from tests.site.kit import publish

COVER = "images/app-shangxian.png"


def test_a_cover_the_body_does_not_show_is_written_where_the_app_item_links(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with isolated_git_module(tmp_path_factory, "cover-home"):
        repo = init_repo(tmp_path_factory.mktemp("cover") / "unit")
        shutil.copytree(SAMPLE_CONTENT, repo.path / "content")
        post = repo.path / APP
        text = post.read_text(encoding="utf-8")
        body_image = f"![“掌上牙克石·政务服务”APP首页示意图]({COVER})\n"
        assert f"cover: {COVER}" in text and body_image in text
        post.write_text(text.replace(body_image, ""), encoding="utf-8")
        repo.commit("Import sample content, the app post's cover only in its front matter")
        make_keys(repo.path, publisher=publisher_key(repo.path).public)
        repo.commit("Start publishing")
        publish(repo, APP, at="2026-03-18T02:00:00Z")
        result = build_cli(repo.path)
        assert result.returncode == 0, result.stderr + result.stdout

        site = repo.path / "site"
        cover = read_committed(repo.path, repo.head(), str(Path(APP).parent / COVER))
        assert cover is not None
        url = absolute_media_url("http://127.0.0.1:8000/", cover, COVER)
        name = media_name(cover, COVER)
        assert url.endswith(f"/{MEDIA_DIR}/{name}")
        assert (site / MEDIA_DIR / name).read_bytes() == cover
        page = (site / "posts" / f"{Path(APP).stem}.html").read_text(encoding="utf-8")
        assert name not in page  # written for the app's link, not shown in the body
