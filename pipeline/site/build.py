"""``govmedia build``: generate the pages, run ``mkdocs build --strict``, swap the site in.

The pages are generated into ``build/docs`` (``docs_dir`` of ``mkdocs.yml``; never into
``content/``), mkdocs builds into a new folder beside the output, and only a complete,
successful build replaces the output folder, in one rename. A failed build leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import fcntl
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline import proc
from pipeline.errors import ConfigError, GovmediaError
from pipeline.project import Project
from pipeline.site.generators import GENERATORS, site_url
from pipeline.site.indexes import MORE, more_page
from pipeline.site.replace import replace_dir

CONFIG = "mkdocs.yml"
BUILD_DIR = "build"
DOCS_DIR = "build/docs"  # must match docs_dir in mkdocs.yml


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    log: str

    @property
    def index(self) -> Path:
        return self.out / "index.html"


@contextmanager
def _locked(build_dir: Path) -> Iterator[None]:
    build_dir.mkdir(parents=True, exist_ok=True)
    (build_dir / ".gitignore").write_text("*\n", encoding="utf-8")
    with open(build_dir / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise GovmediaError("另一个 govmedia build 正在运行，请稍后再试。") from None
        yield


def generate(project: Project, build_dir: Path) -> Path:
    """Write every generator's pages into a fresh folder, then make it ``build/docs``."""
    fresh = Path(tempfile.mkdtemp(prefix=".docs-", dir=build_dir))
    entries: list[tuple[str, str]] = []
    for generator in GENERATORS:
        entries += generator(project, fresh)
    (fresh / MORE).write_text(more_page(entries), encoding="utf-8")
    docs = project.root / DOCS_DIR
    replace_dir(fresh, docs)
    return docs


def run_mkdocs(project: Project, site_dir: Path) -> str:
    code, out, err = proc.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", CONFIG, "-d", str(site_dir)],
        cwd=project.root,
        env={"GOVMEDIA_SITE_URL": site_url(), "PYTHONHASHSEED": "0"},
        check=False,
    )
    text = (out + err).decode("utf-8", "replace")
    if code != 0:
        tail = "\n".join(text.strip().splitlines()[-15:])
        raise GovmediaError(
            f"站点构建失败（mkdocs build --strict 退出码 {code}），原站点保持不变：\n{tail}"
        )
    return text


def build_site(project: Project, out: Path) -> BuildResult:
    if not (project.root / CONFIG).is_file():
        raise ConfigError(
            f"找不到站点配置 {CONFIG}：请把 mkdocs.yml 与 site_config/ 放在仓库根目录。"
        )
    out = out if out.is_absolute() else project.root / out
    build_dir = project.root / BUILD_DIR
    with _locked(build_dir):
        docs = generate(project, build_dir)
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
        try:
            log = run_mkdocs(project, staging)
            if not (staging / "index.html").is_file():
                raise GovmediaError("站点构建没有生成 index.html，原站点保持不变。")
            (staging / ".gitignore").write_text("*\n", encoding="utf-8")  # never committed
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        replace_dir(staging, out)
    pages = sum(1 for _ in docs.rglob("*.md"))
    return BuildResult(out=out, pages=pages, log=log)
