"""Paged lists (home, month archive, category) each have their own title: a real mkdocs
build of the packaged theme over 45 generated posts (20 a page)."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path

from pipeline import proc
from pipeline.site import theme
from pipeline.site.build import mkdocs_env
from pipeline.site.fmt import front_matter
from pipeline.site.indexes import ACCOUNTS, FEEDS, MORE, RETRACTIONS, TAGS, tags_page

POSTS = 45


def write_docs(docs: Path) -> None:
    (docs / "posts").mkdir(parents=True)
    (docs / "index.md").write_text(
        front_matter({"title": "发布档案"}) + "# 测试单位政务新媒体发布档案\n", encoding="utf-8"
    )
    for name in (ACCOUNTS, RETRACTIONS, FEEDS, MORE):
        (docs / name).write_text(f"# {name}\n", encoding="utf-8")
    (docs / TAGS).write_text(tags_page(), encoding="utf-8")
    start = dt.date(2026, 3, 1)
    for n in range(POSTS):
        meta = {
            "title": f"第{n}号通知",
            "date": {"created": start + dt.timedelta(days=n % 28)},
            "slug": f"tongzhi-{n}",
            "categories": ["通知公告"],
        }
        body = f"# 第{n}号通知\n\n摘要。\n\n<!-- more -->\n\n正文。\n"
        (docs / "posts" / f"tongzhi-{n}.md").write_text(front_matter(meta) + body, "utf-8")


def title(page: Path) -> str:
    found = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
    assert found, page
    return found.group(1).strip()


def test_each_page_of_a_paged_list_has_its_own_title(tmp_path: Path) -> None:
    docs, out = tmp_path / "docs", tmp_path / "site"
    write_docs(docs)
    code, stdout, stderr = proc.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(theme.CONFIG),
            "-d",
            str(out),
        ],
        cwd=theme.THEME_DIR,
        env=mkdocs_env(os.environ, docs),
        inherit_env=False,
        check=False,
    )
    assert code == 0, (stdout + stderr).decode("utf-8", "replace")[-2000:]
    home = title(out / "index.html")
    second, third = (title(out / "page" / n / "index.html") for n in ("2", "3"))
    assert len({home, second, third}) == 3, (home, second, third)
    assert "第 2 页" in second and "第 3 页" in third
    category = title(out / "category" / "通知公告.html")
    category_2 = title(out / "category" / "通知公告" / "page" / "2.html")
    assert category != category_2 and "第 2 页" in category_2
