"""Demo step: build the public archive site of the demo repository."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pipeline.project import Project
from pipeline.site.build import build_site

if TYPE_CHECKING:
    from pipeline.demo import DemoContext

DEMO_SITE_URL = "http://127.0.0.1:8000/"


def build(ctx: DemoContext) -> None:
    os.environ.setdefault("GOVMEDIA_SITE_URL", ctx.env.get("GOVMEDIA_SITE_URL", DEMO_SITE_URL))
    result = build_site(Project(ctx.repo), ctx.workdir / "site")
    ctx.data["site"] = result.out
    ctx.say(f"  发布档案站点已生成（{result.pages} 个页面）：{result.index}")
    ctx.say(
        f"  在浏览器中打开：python -m http.server --bind 127.0.0.1 --directory {result.out} 8000"
        f"，然后访问 {DEMO_SITE_URL}"
    )
