"""``govmedia build``: generate the pages, run ``mkdocs build --strict``, swap the site in.

The pages are generated into ``build/docs`` of the content repository (never into
``content/``), mkdocs builds them into a new folder beside the output, and only a complete,
successful build replaces the output folder, in one rename. A failed build leaves the
previous site exactly as it was.

The mkdocs configuration, templates, CSS and hook are the installed package's
(``pipeline/site/theme``): nothing of the content repository is read as configuration or
code, mkdocs runs with neither the repository nor the working directory on its import path,
and its environment holds no credential (DESIGN.md, "Trust boundary").
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline import filelock, proc
from pipeline.errors import ConfigError, GovmediaError
from pipeline.ledger_trust import trusted_ledger
from pipeline.project import Project
from pipeline.review.merged_units import checkout_refusal
from pipeline.secrets_env import without_credentials
from pipeline.site import carry, inprocess, outdir, partial, theme
from pipeline.site.body_store import BodyStore
from pipeline.site.generators import GENERATORS, SHARING, archive_pages, site_url
from pipeline.site.indexes import MORE, more_page
from pipeline.site.replace import replace_dir, sync_dir
from pipeline.site.stores import private_folder

BUILD_DIR = "build"
DOCS_DIR = "build/docs"  # passed to the packaged mkdocs.yml as its docs_dir
# the stores, in the checkout's git directory where no commit can put a file (stores.py)
PAGE_CACHE_DIR = "page-cache"  # post pages of the last build (theme/page_cache.py)
BODY_CACHE_DIR = "body-cache"  # generated post outputs of the last build (body_store.py)
CARRY_DIR = "carry"  # the site's files and hashes after the last build (carry.py)
PARTIAL_DONE = "[2/3] mkdocs 只构建了改动的页面，其余文件沿用上次站点（逐个核对过）。"


# ``python -m mkdocs``, but with setuptools' ``pkg_resources`` unimportable: jieba (the
# search plugin's segmenter) imports it only to open its own data files, and opens the same
# files directly when the import fails; the import alone was 0.08 s of every build.
MKDOCS_MAIN = (
    "import sys\n"
    "sys.modules['pkg_resources'] = None\n"
    "from mkdocs.__main__ import cli\n"
    "sys.argv[0] = 'mkdocs'\n"
    "cli()\n"
)


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    log: str

    @property
    def index(self) -> Path:
        return self.out / "index.html"


# a staging folder, mkdocs' log, the carried files' hashes, the build's key and frames
Staged = tuple[Path, str, carry.Files, tuple[str, carry.Files]]


def _own_file(build_dir: Path, name: str) -> Path:
    """``build_dir/name``, a file the build writes, refused unless it is a plain file or
    absent: a branch can track it as a link to any file of the user's, and git replaces the
    ignored file with the link on checkout (red team 30)."""
    path = build_dir / name
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    if not stat.S_ISREG(info.st_mode):
        raise GovmediaError(
            f"{build_dir.name}/{name} 不是普通文件（可能是分支提交的符号链接），"
            "govmedia 不会透过它写入。请删除它（或切回 main）后重新构建。"
        )
    return path


def _write_ignore(path: Path) -> None:
    """``*`` into the build folder's ``.gitignore``, never through a link."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write("*\n")


@contextmanager
def _locked(build_dir: Path) -> Iterator[None]:
    if build_dir.is_symlink():
        raise GovmediaError(f"{build_dir} 是符号链接：构建目录必须是仓库中的普通目录。")
    build_dir.mkdir(parents=True, exist_ok=True)
    ignore, lock = _own_file(build_dir, ".gitignore"), _own_file(build_dir, ".lock")
    _write_ignore(ignore)
    with filelock.exclusive(lock, busy="另一个 govmedia build 正在运行，请稍后再试。"):
        yield


def generate(project: Project, build_dir: Path, store: BodyStore | None = None) -> Path:
    """Write every generator's pages into a fresh folder, then make ``build/docs`` hold
    the same files, rewriting only those whose bytes changed.

    ``store``: the posts parsed and the outputs of the last build, reused where unchanged
    and saved."""
    for stale in build_dir.glob(".docs-*"):  # left by a killed build (we hold the lock)
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix=".docs-", dir=build_dir))
    entries: list[tuple[str, str]] = []
    records = list(trusted_ledger(project).records())
    # the registry pages read accounts.yml as it stands
    merged = checkout_refusal(project.root, "检出的提交", "构建存档网站")
    if merged:
        raise GovmediaError(merged)
    docs = project.root / DOCS_DIR
    for generator in GENERATORS:
        shared = next((g for g in SHARING if g is generator), None)
        if generator is archive_pages:  # unchanged post files linked from the last generation
            previous = docs if docs.is_dir() and not docs.is_symlink() else None
            entries += archive_pages(project, fresh, store, records, previous=previous)
        else:
            entries += (
                shared(project, fresh, store, records) if shared else generator(project, fresh)
            )
    (fresh / MORE).write_text(more_page(entries), encoding="utf-8")
    sync_dir(fresh, docs)
    if store is not None:
        store.save()
    return docs


def mkdocs_env(environ: Mapping[str, str], docs: Path, cache: Path | None = None) -> dict[str, str]:
    """The whole environment of the mkdocs process: no credential, no ``PYTHON*`` setting
    (no extra import path, no start-up file), the site URL, where the pages are and, for an
    incremental build, the page cache (never one inherited from the caller)."""
    env = {
        k: v
        for k, v in without_credentials(environ).items()
        if not k.startswith("PYTHON")
        and k not in (theme.PAGE_CACHE_VARIABLE, theme.CARRY_VARIABLE, theme.PARTIAL_VARIABLE)
    }
    env.update(
        {"GOVMEDIA_SITE_URL": site_url(), "PYTHONHASHSEED": "0", theme.DOCS_DIR_VARIABLE: str(docs)}
    )
    if cache is not None:
        env[theme.PAGE_CACHE_VARIABLE] = str(cache)
    return env


def page_cache(project: Project) -> Path:
    """The page cache folder, private to this user: created 0700, refused when it is a
    symlink, someone else's or writable by others (its pages go to the site as they are)."""
    return private_folder(project, PAGE_CACHE_DIR)


def run_mkdocs(
    project: Project,
    site_dir: Path,
    cache: Path | None = None,
    carry: bool = False,
    docs: Path | None = None,
    partial: dict[str, object] | None = None,
    here: bool = False,
) -> str:
    """``carry``: the previous site's list is in ``site_dir`` (``carry.offer``); mkdocs
    leaves the pages it holds as they are unwritten and lists them (``carry.link``).
    ``docs`` and ``partial``: a run over another docs folder that reports on the source
    pages ``partial`` names (``partial.py``; the page cache is then read only). ``here``:
    in this process when ``inprocess.why_not`` allows it, with the same environment."""
    # -s -P: neither the user's site-packages nor the working directory on sys.path; the
    # working directory is the packaged theme folder (the search dictionary is read there).
    args = ["build", "--strict", "-f", str(theme.CONFIG), "-d", str(site_dir)]
    env = mkdocs_env(os.environ, (docs or project.root / DOCS_DIR).absolute(), cache)
    if carry and cache is not None:
        env[theme.CARRY_VARIABLE] = "1"
    if partial is not None and cache is not None:
        env[theme.PARTIAL_VARIABLE] = json.dumps(partial, ensure_ascii=False)
    # a child of the resident builder runs every mkdocs build in its process (resident_server.py)
    if (here or inprocess.forked()) and inprocess.why_not(project.root) is None:
        return inprocess.run(site_dir, env)
    code, out, err = proc.run(
        [sys.executable, "-s", "-P", "-c", MKDOCS_MAIN, *args],
        cwd=theme.THEME_DIR,
        env=env,
        inherit_env=False,
        check=False,
    )
    text = (out + err).decode("utf-8", "replace")
    if code != 0:
        tail = "\n".join(text.strip().splitlines()[-15:])
        raise GovmediaError(
            f"站点构建失败（mkdocs build --strict 退出码 {code}），原站点保持不变：\n{tail}"
        )
    return text


def _staged(
    project: Project, out: Path, cache: Path | None, files: carry.Files | None
) -> Staged | None:
    """mkdocs into a new staging folder beside ``out``, with the previous site's ``files``
    carried over when given: the folder, mkdocs' log, the carried files' hashes and the
    pages' frames (``carry.frames_of``). None when the carried files could not be proved
    (the folder is then removed)."""
    staging = Path(tempfile.mkdtemp(prefix=outdir.staging_prefix(out), dir=out.parent))
    try:
        outdir.mark_staging(staging)
        if files is not None:
            carry.offer(staging, files)
        log = run_mkdocs(project, staging, cache, carry=files is not None)
        frames = carry.frames_of(staging)
        kept = carry.link(out, staging, files) if files is not None else {}
        if kept is None:
            shutil.rmtree(staging, ignore_errors=True)
            return None
        if not (staging / "index.html").is_file():
            raise GovmediaError("站点构建没有生成 index.html，原站点保持不变。")
        (staging / ".gitignore").write_text("*\n", encoding="utf-8")  # never committed
        outdir.mark_site(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, log, kept, frames


def _partial(
    project: Project, build_dir: Path, out: Path, sealed: carry.Sealed | None, now: carry.Files
) -> Staged | None:
    """The rebuild over the changed pages only (``partial.py``), when it can be proved."""
    if sealed is None:
        return None
    cache = page_cache(project)
    logs: list[str] = []

    def run(docs: Path, site: Path, asked: dict[str, object]) -> str:
        logs.append(run_mkdocs(project, site, cache, docs=docs, partial=asked, here=True))
        return logs[-1]

    made = partial.rebuild(build_dir, out, project.root / DOCS_DIR, sealed, now, run)
    if made is None:
        return None
    return made[0], "".join(logs), made[1], (sealed.build, made[2])


def build_site(
    project: Project,
    out: Path,
    progress: Callable[[str], None] | None = None,
    incremental: bool = True,
) -> BuildResult:
    """Build the site into ``out``; ``progress`` is told each step (long builds).

    ``incremental``: reuse the post pages of the last build whose inputs are unchanged and
    carry the files of the previous site that stay the same (``carry.py``; the output is
    the same as a full build's); False builds and writes every page and leaves the page
    cache as it is."""
    say = progress or (lambda _message: None)
    if not theme.CONFIG.is_file():
        raise ConfigError(
            f"govmedia 安装不完整：找不到站点配置 {theme.CONFIG}，请重新安装 govmedia。"
        )
    out = out if out.is_absolute() else project.root / out
    outdir.check_out(out, project.root)
    build_dir = project.root / BUILD_DIR
    with _locked(build_dir):
        outdir.clean_stale(out)
        say("[1/3] 从发布台账生成页面……")
        store = BodyStore(private_folder(project, BODY_CACHE_DIR)) if incremental else None
        docs = generate(project, build_dir, store)
        cache = page_cache(project) if incremental else None
        out.parent.mkdir(parents=True, exist_ok=True)
        carried = private_folder(project, CARRY_DIR)
        sealed = carry.load(carried, out) if incremental else None
        vouched = store.vouched if store is not None else None
        now = carry.hashes(docs, vouched) if incremental else None
        files = sealed.files if sealed is not None else None
        staged = _partial(project, build_dir, out, sealed, now) if now is not None else None
        if staged is not None:
            say(PARTIAL_DONE)
        else:
            count = sum(1 for _ in docs.rglob("*.md"))
            say(f"[2/3] mkdocs 构建 {count} 个页面（文章多时需要几分钟）……")
            staged = _staged(project, out, cache, files)
        if staged is None:  # the previous site's files could not be proved: build them all
            say("[2/3] 上次站点的文件无法核实，重新生成全部页面……")
            staged = _staged(project, out, cache, None)
        if staged is None:  # unreachable: with nothing carried there is nothing to prove
            raise GovmediaError("站点构建没有完成，原站点保持不变。")
        staging, log, kept, frames = staged
        say("[3/3] 用新站点替换旧站点……")
        carry.forget(carried, out)
        try:
            carry.seal(carried, out, staging, kept, now, frames)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        replace_dir(staging, out)
    pages = sum(1 for _ in docs.rglob("*.md"))
    return BuildResult(out=out, pages=pages, log=log)
