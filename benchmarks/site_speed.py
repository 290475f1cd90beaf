"""Archive build speed: ``govmedia build`` of N posts against a plain ``mkdocs build`` of the
same N posts with the bare blog plugin, in the same run; then, over ten years of posts, the
rebuild after one post changes against the full build and against the least a per-year
split (mkdocs-material's projects plugin) would rebuild.

Usage: python benchmarks/site_speed.py [--posts 2000] [--split-posts 0]
Prints times, the ratio against the baseline (target <= 1.3), the same build without
``navigation.prune`` and peak memory (max RSS of the largest process). ``--split-posts
10000`` (about 25 minutes on two cores) builds ten years of posts, rebuilds after one post
changes and builds one year alone. Posts are generated from the sample posts' bodies under
new slugs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.ledger import Ledger, Record  # noqa: E402
from pipeline.site.theme import THEME_DIR  # noqa: E402

REVIEW = (
    "张伟 <zhangwei@example.gov.cn>",
    "李强 <liqiang@example.gov.cn>",
    "陈静 <chenjing@example.gov.cn>",
)


def sample_posts() -> list[tuple[dict[str, str], str]]:
    import yaml

    out = []
    for path in sorted((ROOT / "content/posts").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, _, fm_body = text.partition("---\n")
        fm, _, body = fm_body.partition("\n---\n")
        meta = yaml.safe_load(fm)
        if meta.get("original", True) and "![" not in body:
            out.append((meta, body))
    return out


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def commit_all(repo: Path, message: str) -> None:
    """Commit everything but the ledger (publisher-written) as the benchmark's identity."""
    git("add", "-A", "--", ".", ":(exclude)ledger", cwd=repo)
    git(
        "-c",
        "user.name=bench",
        "-c",
        "user.email=b@example.gov.cn",
        "commit",
        "-qm",
        message,
        cwd=repo,
    )


def make_repo(root: Path, count: int, start_year: int) -> tuple[Path, Path]:
    """A unit repo with ``count`` published posts, and a plain mkdocs project of the same."""
    samples = sample_posts()
    repo, plain = root / "unit", root / "plain"
    shutil.copytree(ROOT / "content", repo / "content", ignore=shutil.ignore_patterns("posts"))
    posts_dir = plain / "docs/blog/posts"
    posts_dir.mkdir(parents=True)
    (plain / "docs/blog/index.md").write_text("# 档案\n", encoding="utf-8")
    (plain / "mkdocs.yml").write_text(
        "site_name: plain\nsite_url: http://127.0.0.1:8000/\ndocs_dir: docs\n"
        "theme:\n  name: material\n  language: zh\n  font: false\nplugins:\n  - search\n  - blog\n",
        encoding="utf-8",
    )
    day0 = dt.date(start_year, 1, 1)
    paths = []
    for n in range(count):
        meta, body = samples[n % len(samples)]
        date = day0 + dt.timedelta(days=(n * 3650) // max(count, 1))
        slug = f"post-{n:05d}"
        rel = f"content/posts/{date:%Y/%m}/{slug}.md"
        meta = dict(meta, date=date.isoformat())
        import yaml

        fm = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        target = repo / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\n{fm}---\n{body}", encoding="utf-8")
        (posts_dir / f"{slug}.md").write_text(
            f"---\ndate: {date.isoformat()}\ncategories: [{meta.get('category', '通知公告')}]\n---\n\n"
            f"# {meta['title']}\n\n{body}",
            encoding="utf-8",
        )
        paths.append((slug, rel, date))
    git("init", "-q", "-b", "main", cwd=repo)
    commit_all(repo, "posts")
    commit = git("rev-parse", "HEAD", cwd=repo).strip()
    blobs = dict(
        line.split("\t")[::-1]
        for line in git(
            "ls-tree", "-r", "--format=%(objectname)\t%(path)", "HEAD", cwd=repo
        ).splitlines()
    )
    ledger = Ledger(repo / "ledger")
    for slug, rel, date in paths:
        at = f"{date.isoformat()}T02:00:00.000000Z"
        review = {
            "stages": [
                {"stage": i, "by": b, "commit": commit, "at": at} for i, b in enumerate(REVIEW, 1)
            ]
        }
        for channel in ("wechat", "weibo"):
            ledger.append(
                Record(
                    event="published",
                    slug=slug,
                    channel=channel,
                    at=at,
                    run="bench",
                    path=rel,
                    blob=blobs[rel],
                    commit=commit,
                    platform=channel,
                    url=f"https://{channel}.example.com/{slug}",
                    detail={"review": review},
                )
            )
    return repo, plain


def measure(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of the largest process of ``cmd``, in a fresh waiter."""
    waiter = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
        "d=time.perf_counter()-t;"
        "sys.stderr.write(r.stderr.decode()[-2000:]) if r.returncode else None;"
        "print(d, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), GOVMEDIA_SITE_URL="http://127.0.0.1:8000/")
    out = subprocess.run(
        [sys.executable, "-c", waiter, *cmd], cwd=cwd, env=env, capture_output=True, text=True
    )
    seconds, rss, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    return float(seconds), int(rss)


def unpruned(tmp: Path) -> Path:
    """A copy of the packaged site theme without ``navigation.prune``: every page renders
    the whole nav. Returns the copy's folder, for ``UNPRUNED_BUILD``."""
    theme = tmp / "theme-unpruned"
    shutil.copytree(THEME_DIR, theme, ignore=shutil.ignore_patterns("__pycache__"))
    config = theme / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(True)
    config.write_text("".join(x for x in lines if "navigation.prune" not in x), encoding="utf-8")
    return theme


# govmedia build with the theme folder of argv[1] in place of the packaged one
UNPRUNED_BUILD = (
    "import sys;from pathlib import Path;from pipeline.site import theme;"
    "theme.THEME_DIR=Path(sys.argv[1]);theme.CONFIG=theme.THEME_DIR/'mkdocs.yml';"
    "from pipeline.cli import main;sys.exit(main(['build']))"
)


def change_one_post(repo: Path, slug: str, word: str) -> None:
    """Edit one published post, commit it and record the corrected version as published."""
    ledger = Ledger(repo / "ledger")
    last = [r for r in ledger.records() if r.slug == slug][-1]
    target = repo / last.path
    target.write_text(target.read_text(encoding="utf-8") + f"\n{word}\n", encoding="utf-8")
    commit_all(repo, "edit")
    blob = git("rev-parse", f"HEAD:{last.path}", cwd=repo).strip()
    detail = dict(last.detail, correction_of=last.blob)
    for channel in ("wechat", "weibo"):
        ledger.append(
            Record(
                event="published",
                slug=slug,
                channel=channel,
                at="2026-12-30T02:00:00.000000Z",
                run="bench-edit",
                path=last.path,
                blob=blob,
                commit=git("rev-parse", "HEAD", cwd=repo).strip(),
                platform=channel,
                url=last.url,
                detail=detail,
            )
        )


GENERATE_ONLY = (
    "from pathlib import Path;from pipeline.project import Project;"
    "from pipeline.site.build import generate;p=Project(Path.cwd());"
    "(p.root/'build').mkdir(exist_ok=True);generate(p,p.root/'build')"
)


def split_experiment(count: int) -> dict[str, object]:
    """Ten years of ``count`` posts: the full build (the baseline), the page generation
    alone, the rebuild after one post changes as govmedia does it, and what a per-year
    split would at least rebuild (one year's posts built alone)."""
    per_year = count // 10
    build = [sys.executable, "-m", "pipeline", "build"]
    with tempfile.TemporaryDirectory(prefix="govmedia-bench-") as tmp:
        full, _ = make_repo(Path(tmp) / "full", count, 2017)
        full_s, full_rss = measure(build, full)
        gen_s, gen_rss = measure([sys.executable, "-c", GENERATE_ONLY], full)
        word = "基准测试更正词"
        change_one_post(full, f"post-{count - 1:05d}", word)
        re_s, re_rss = measure(build, full)
        page = (full / f"site/posts/post-{count - 1:05d}.html").read_text(encoding="utf-8")
        if word not in page:
            raise SystemExit("the rebuilt site does not show the changed post")
        shutil.rmtree(full)
        year, _ = make_repo(Path(tmp) / "year", per_year, 2026)
        year_s, year_rss = measure(build, year)
    rows = [
        (f"full build, {count} posts over 10 years (baseline)", full_s, full_rss),
        ("  of which page generation (ledger -> Markdown), no mkdocs", gen_s, gen_rss),
        ("rebuild after one post changes (govmedia build, one site)", re_s, re_rss),
        (
            f"one year alone ({per_year} posts): the least a per-year split rebuilds",
            year_s,
            year_rss,
        ),
    ]
    for label, seconds, rss in rows:
        print(f"{label}: {seconds:.1f} s ({seconds / full_s:.2f} x full), peak {rss // 1024} MiB")
    return {
        "split_posts": count,
        "full_build_s": round(full_s, 1),
        "full_peak_mib": full_rss // 1024,
        "generate_only_s": round(gen_s, 1),
        "generate_only_peak_mib": gen_rss // 1024,
        "one_post_rebuild_s": round(re_s, 1),
        "one_post_rebuild_peak_mib": re_rss // 1024,
        "one_year_build_s": round(year_s, 1),
        "one_year_peak_mib": year_rss // 1024,
        "one_year_vs_full": round(year_s / full_s, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=2000, help="0 skips the comparison")
    parser.add_argument(
        "--split-posts", type=int, default=0, help="posts for the one-post rebuild experiment"
    )
    args = parser.parse_args()
    results: dict[str, object] = {"posts": args.posts}
    if args.posts:
        with tempfile.TemporaryDirectory(prefix="govmedia-bench-") as tmp:
            repo, plain = make_repo(Path(tmp), args.posts, 2017)
            gm_s, gm_rss = measure([sys.executable, "-m", "pipeline", "build"], repo)
            theme = unpruned(Path(tmp))
            up_s, up_rss = measure([sys.executable, "-c", UNPRUNED_BUILD, str(theme)], repo)
            mk_s, mk_rss = measure([sys.executable, "-m", "mkdocs", "build", "-q"], plain)
        results.update(
            govmedia_build_s=round(gm_s, 1),
            govmedia_peak_mib=gm_rss // 1024,
            plain_mkdocs_s=round(mk_s, 1),
            plain_peak_mib=mk_rss // 1024,
            ratio=round(gm_s / mk_s, 2),
            govmedia_unpruned_s=round(up_s, 1),
            govmedia_unpruned_peak_mib=up_rss // 1024,
        )
        print(f"govmedia build, {args.posts} posts: {gm_s:.1f} s, peak {gm_rss // 1024} MiB")
        print(
            f"plain mkdocs build + blog, {args.posts} posts (baseline): {mk_s:.1f} s, peak {mk_rss // 1024} MiB"
        )
        print(f"ratio: {gm_s / mk_s:.2f} (target <= 1.3)")
        print(
            f"govmedia build without navigation.prune: {up_s:.1f} s ({up_s / gm_s:.2f} x), "
            f"peak {up_rss // 1024} MiB"
        )
    if args.split_posts:
        results.update(split_experiment(args.split_posts))
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
