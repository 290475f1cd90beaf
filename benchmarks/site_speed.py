"""Archive build speed, every figure a ratio against a baseline measured in the same run:

- ``govmedia build --full`` of N posts against a plain ``mkdocs build`` of the same N posts
  with the bare mkdocs-material blog (target <= 1.0);
- the incremental rebuild (``govmedia build``, the default) after one post is corrected,
  one is retracted and one is added (in a new month and year, in the same month, in a new
  month of the same year), against the full build (target <= 0.1);
- what a reader downloads to search, raw and gzip: the search index is sharded by year
  (``search/<year>.json``), so the first search loads the manifest, the other pages' shard
  and the newest year's; against the bare blog's whole ``search_index.json`` and the same
  entries written as one file (``--search-only``: one build, these figures only);
- peak memory (max RSS of the largest process) of each build.

Usage: python benchmarks/site_speed.py [--posts 2000] [--long] [--unpruned] [--split-posts 0]
[--search-only] [--phases] [--rebuilds-only [--ratios]] [--resident]
``--resident`` measures one-post rebuilds made the usual way and by the resident builder
(``govmedia build --serve``), alternating in one repository, against a ``--full`` build of
it (the client's CPU plus the builder's for each request; ``resident_rows``).
``--rebuilds-only`` measures the first incremental build and the one-post rebuilds alone
(for 10,000 posts, whose target is absolute: <= 30 s); ``--ratios`` adds a full build of
the same repository after them and prints each rebuild's CPU time as a ratio of it. ``--long`` measures 10,000 posts as well (about an hour on two cores). ``--unpruned`` adds
the build without ``navigation.prune``; ``--split-posts 10000`` the older per-year split
experiment; ``--phases`` splits a one-post correction's rebuild into page generation and
the mkdocs build, each in its own process, at N and at 5 posts (mkdocs' fixed cost). Posts
are generated from the sample posts' bodies under new slugs. ``govmedia`` is started as the
server's hook starts it (``python -I``) when the interpreter's installed govmedia is this
checkout's, otherwise with this checkout on ``PYTHONPATH`` (``govmedia_command``).
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
from collections.abc import Callable
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


def review_detail(commit: str, at: str) -> dict[str, object]:
    """The three approvals of a published post, all at ``at``."""
    stages = [{"stage": i, "by": b, "commit": commit, "at": at} for i, b in enumerate(REVIEW, 1)]
    return {"review": {"stages": stages}}


def record_both(
    ledger: Ledger,
    event: str,
    slug: str,
    path: str,
    blob: str,
    commit: str,
    at: str,
    run: str,
    detail: dict[str, object],
) -> None:
    """Append the ``event`` record of one post on wechat and weibo, as the publisher does
    (a published record carries the item's URL)."""
    for channel in ("wechat", "weibo"):
        url = f"https://{channel}.example.com/{slug}" if event == "published" else ""
        ledger.append(
            Record(
                event=event,
                slug=slug,
                channel=channel,
                at=at,
                run=run,
                path=path,
                blob=blob,
                commit=commit,
                platform=channel,
                url=url,
                detail=detail,
            )
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
        record_both(
            ledger,
            "published",
            slug,
            rel,
            blobs[rel],
            commit,
            at,
            "bench",
            review_detail(commit, at),
        )
    return repo, plain


def measure(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of the largest process of ``cmd``, in a fresh waiter."""
    seconds, _, rss = measure_cpu(cmd, cwd)
    return seconds, rss


def measured(label: str, cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """``measure_cpu``, printed at once (a long run shows its rows as they come)."""
    wall, cpu, rss = measure_cpu(cmd, cwd)
    print(f"  {label}: {wall:.1f} s, {cpu:.1f} s CPU, peak {rss // 1024} MiB", flush=True)
    return wall, cpu, rss


def waited(cmd: list[str], cwd: Path, shown: str) -> subprocess.CompletedProcess[str]:
    """``cmd`` run under a waiter process that prints its wall time, the CPU time of every
    process below it, the largest one's peak RSS (KiB) and its exit code; ``shown`` (a
    Python expression over ``r``, the finished run) is what of its stderr the waiter
    passes on."""
    waiter = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
        f"d=time.perf_counter()-t;sys.stderr.write({shown});"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(d, u.ru_utime+u.ru_stime, u.ru_maxrss, r.returncode)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), GOVMEDIA_SITE_URL="http://127.0.0.1:8000/")
    return subprocess.run(
        [sys.executable, "-c", waiter, *cmd], cwd=cwd, env=env, capture_output=True, text=True
    )


def measure_cpu(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system of every process: steadier than wall time on a
    shared machine) and peak RSS (KiB) of the largest process of ``cmd``."""
    out = waited(cmd, cwd, "r.stderr.decode()[-2000:] if r.returncode else ''")
    seconds, cpu, rss, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    return float(seconds), float(cpu), int(rss)


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
    "from pipeline.cli import main;sys.exit(main(['build',*sys.argv[2:]]))"
)


def change_one_post(repo: Path, slug: str, word: str) -> None:
    """Edit one published post, commit it and record the corrected version as published."""
    ledger = Ledger(repo / "ledger")
    last = [r for r in ledger.records() if r.slug == slug][-1]
    target = repo / last.path
    target.write_text(target.read_text(encoding="utf-8") + f"\n{word}\n", encoding="utf-8")
    commit_all(repo, "edit")
    blob = git("rev-parse", f"HEAD:{last.path}", cwd=repo).strip()
    commit = git("rev-parse", "HEAD", cwd=repo).strip()
    detail = dict(last.detail, correction_of=last.blob)
    at = "2026-12-30T02:00:00.000000Z"
    record_both(ledger, "published", slug, last.path, blob, commit, at, "bench-edit", detail)


GENERATE_ONLY = (
    "from pathlib import Path;from pipeline.project import Project;"
    "from pipeline.site.build import generate;p=Project(Path.cwd());"
    "(p.root/'build').mkdir(exist_ok=True);generate(p,p.root/'build')"
)


# page generation as ``govmedia build`` runs it (with the body store), and the mkdocs build
# alone (with the page cache) into argv[1]: the two phases of a rebuild, each in its process
GENERATE_STORED = (
    "from pathlib import Path;from pipeline.project import Project;"
    "from pipeline.site import build as b;from pipeline.site.body_store import BodyStore;"
    "p=Project(Path.cwd());b.generate(p,p.root/'build',"
    "BodyStore(b.private_folder(p,b.BODY_CACHE_DIR)))"
)
MKDOCS_ALONE = (
    "import sys;from pathlib import Path;from pipeline.project import Project;"
    "from pipeline.site import build as b;p=Project(Path.cwd());"
    "b.run_mkdocs(p,Path(sys.argv[1]),b.page_cache(p))"
)


def phases(count: int) -> dict[str, object]:
    """A one-post correction's rebuild split in its phases: page generation, then mkdocs
    over the generated pages; the same on a 5-post archive gives mkdocs' fixed cost."""
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="govmedia-bench-") as tmp:
        for n in dict.fromkeys((5, count)):
            repo, _ = make_repo(Path(tmp) / str(n), n, 2017)
            measured(f"{n} posts: first incremental build", [*GOVMEDIA, "build"], repo)
            change_one_post(repo, f"post-{n // 2:05d}", "基准测试更正词")
            gen = measured(f"{n} posts: page generation", [*PYTHON_C, GENERATE_STORED], repo)
            site = str(repo / "site-phases")
            mk = measured(f"{n} posts: mkdocs build", [*PYTHON_C, MKDOCS_ALONE, site], repo)
            figures[f"phases_{n}"] = {
                "generate_cpu": round(gen[1], 2),
                "mkdocs_cpu": round(mk[1], 2),
            }
    return figures


def govmedia_command() -> list[str]:
    """``govmedia`` as the server's hook starts it, ``python -I`` (a rebuild over changed
    pages then runs mkdocs in its process: ``pipeline/site/inprocess.py``), when the
    interpreter's installed govmedia is this checkout's; otherwise this checkout through
    ``PYTHONPATH`` (mkdocs then always in a process of its own)."""
    where = subprocess.run(
        [sys.executable, "-I", "-c", "import pipeline; print(pipeline.__file__)"],
        cwd=ROOT.parent,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    mine = bool(where) and Path(where).resolve() == ROOT / "pipeline" / "__init__.py"
    return [sys.executable, "-I", "-m", "pipeline"] if mine else [sys.executable, "-m", "pipeline"]


GOVMEDIA = govmedia_command()
PYTHON_C = [sys.executable, "-c"]


def split_experiment(count: int) -> dict[str, object]:
    """Ten years of ``count`` posts: the full build (the baseline), the page generation
    alone, the rebuild after one post changes as govmedia does it, and what a per-year
    split would at least rebuild (one year's posts built alone)."""
    per_year = count // 10
    build = [*GOVMEDIA, "build"]
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


def retract_one_post(repo: Path, slug: str) -> None:
    """Record a retraction of one published post, as ``govmedia retract`` does."""
    ledger = Ledger(repo / "ledger")
    last = [r for r in ledger.records() if r.slug == slug][-1]
    detail = {"reason": "基准测试撤稿", "approved_by": REVIEW[2]}
    at = "2026-12-31T02:00:00.000000Z"
    record_both(
        ledger, "retracted", slug, last.path, last.blob, last.commit, at, "bench-retract", detail
    )


def add_one_post(repo: Path, count: int, date: dt.date = dt.date(2027, 1, 1)) -> None:
    """Write, commit and publish one more post, dated after every other one (the first
    in a new month and year by default)."""
    import yaml

    meta, body = sample_posts()[0]
    slug = f"post-{count:05d}"
    rel = f"content/posts/{date:%Y/%m}/{slug}.md"
    fm = yaml.safe_dump(dict(meta, date=date.isoformat()), allow_unicode=True, sort_keys=False)
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(f"---\n{fm}---\n{body}", encoding="utf-8")
    commit_all(repo, "new post")
    commit = git("rev-parse", "HEAD", cwd=repo).strip()
    blob = git("rev-parse", f"HEAD:{rel}", cwd=repo).strip()
    at = f"{date.isoformat()}T02:00:00.000000Z"
    ledger = Ledger(repo / "ledger")
    record_both(
        ledger, "published", slug, rel, blob, commit, at, "bench-new", review_detail(commit, at)
    )


def search_size(site: Path) -> tuple[int, int]:
    """Bytes a reader downloads to search: the index, raw and gzip-compressed. For a
    sharded index (govmedia's), what the first search loads: the manifest, the other pages'
    shard and the newest year's."""
    import gzip

    index = site / "search/search_index.json"
    manifest = json.loads(index.read_bytes())
    shards = manifest["config"].get("shards") or []
    parts = [index, *(site / "search" / s["url"] for s in shards[:2])]
    data = [p.read_bytes() for p in parts]
    return sum(map(len, data)), sum(len(gzip.compress(d, 6)) for d in data)


def shard_sizes(site: Path) -> dict[str, int]:
    """The sharded index: the largest shard, all shards, and the same entries as one
    index written as mkdocs-material writes it (ASCII-escaped), for comparison."""
    import gzip

    manifest = json.loads((site / "search/search_index.json").read_bytes())
    shards = manifest["config"]["shards"]
    data = {s["name"]: (site / "search" / s["url"]).read_bytes() for s in shards}
    docs = [d for blob in data.values() for d in json.loads(blob)["docs"]]
    config = {k: v for k, v in manifest["config"].items() if k != "shards"}
    whole = json.dumps({"config": config, "docs": docs}, separators=(",", ":")).encode()
    return {
        "shards": len(shards),
        "largest_shard": max(map(len, data.values())),
        "all_shards": sum(map(len, data.values())),
        "whole_as_material": len(whole),
        "whole_as_material_gzip": len(gzip.compress(whole, 6)),
    }


def print_search(count: int, site: Path, plain_raw: int | None) -> dict[str, object]:
    raw, packed = search_size(site)
    sizes = shard_sizes(site)
    versus = f", {raw / plain_raw:.2f} x the bare blog's whole index" if plain_raw else ""
    print(
        f"search download ({count} posts, first search: manifest + other pages + newest "
        f"year): {raw / 1e6:.2f} MB ({packed / 1e6:.2f} MB gzip){versus}; "
        f"{raw / sizes['whole_as_material']:.3f} x the whole index as one file "
        f"({sizes['whole_as_material'] / 1e6:.1f} MB, "
        f"{sizes['whole_as_material_gzip'] / 1e6:.1f} MB gzip); largest of "
        f"{sizes['shards']} shards {sizes['largest_shard'] / 1e6:.2f} MB; "
        "target <= 5 MB at 10,000 posts",
        flush=True,
    )
    return {"search_bytes": raw, "search_gzip_bytes": packed, **sizes}


def search_only(count: int) -> dict[str, object]:
    """One ``govmedia build --full`` of ``count`` posts and the search download."""
    with tempfile.TemporaryDirectory(prefix="govmedia-bench-") as tmp:
        repo, _ = make_repo(Path(tmp), count, 2017)
        measured("govmedia build --full", [*GOVMEDIA, "build", "--full"], repo)
        return {f"search_{count}": print_search(count, repo / "site", None)}


def rebuilds(repo: Path, count: int) -> list[tuple[str, tuple[float, float, int]]]:
    """The first incremental build of ``repo``, then a rebuild after each one-post change."""
    build = [*GOVMEDIA, "build"]
    rows = []
    label = "first incremental build (fills the page cache)"
    rows.append((label, measured(label, build, repo)))
    slug = f"post-{count // 2:05d}"
    change_one_post(repo, slug, "基准测试更正词")
    label = "rebuild after one post is corrected"
    rows.append((label, measured(label, build, repo)))
    page = (repo / f"site/posts/{slug}.html").read_text(encoding="utf-8")
    if "基准测试更正词" not in page:
        raise SystemExit("the rebuilt site does not show the corrected post")
    retract_one_post(repo, f"post-{count // 3:05d}")
    label = "rebuild after one post is retracted"
    rows.append((label, measured(label, build, repo)))
    add_one_post(repo, count)
    label = "rebuild after one new post (a new month and year)"
    rows.append((label, measured(label, build, repo)))
    add_one_post(repo, count + 1, dt.date(2027, 1, 2))
    label = "rebuild after one more new post (the same month)"
    rows.append((label, measured(label, build, repo)))
    add_one_post(repo, count + 2, dt.date(2027, 2, 1))
    label = "rebuild after one more new post (a new month of the same year)"
    rows.append((label, measured(label, build, repo)))
    return rows


RESIDENT_LINE = "常驻构建进程本次 CPU "


def measure_client(cmd: list[str], cwd: Path) -> tuple[float, float, float, int]:
    """``govmedia build`` answered by the resident builder: wall time, the client's CPU,
    the builder's CPU for the request (its forked child and itself, as the client prints
    it) and the child's peak memory (KiB)."""
    out = waited(cmd, cwd, "r.stderr.decode()")
    seconds, cpu, _, code = out.stdout.split()
    line = next((x for x in out.stderr.splitlines() if RESIDENT_LINE in x), None)
    if code != "0" or line is None:
        raise SystemExit(f"failed or not built by the resident builder: {cmd}\n{out.stderr}")
    tail = line.split(RESIDENT_LINE, 1)[1]
    resident = float(tail.split(" s", 1)[0])
    peak = int(float(tail.split("峰值内存 ", 1)[1].split(" MiB", 1)[0]) * 1024)
    return float(seconds), float(cpu), resident, peak


def start_resident(repo: Path) -> subprocess.Popen[bytes]:
    """``govmedia build --serve`` for ``repo``, with the environment the measured builds
    have (credentials left out: the builder refuses them), once it listens."""
    from pipeline.secrets_env import without_credentials

    env = dict(os.environ, PYTHONPATH=str(ROOT), GOVMEDIA_SITE_URL="http://127.0.0.1:8000/")
    server = subprocess.Popen(
        [*GOVMEDIA, "build", "--serve"],
        cwd=repo,
        env=without_credentials(env),
        stderr=subprocess.PIPE,
    )
    assert server.stderr is not None
    for line in server.stderr:
        if "常驻构建进程已启动" in line.decode("utf-8", "replace"):
            return server
    raise SystemExit("the resident builder did not start (it needs python -I: see --help)")


def proc_cpu(pid: int) -> tuple[float, int]:
    """CPU (user + system) of process ``pid`` itself, and its resident memory (KiB)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    rss = next(int(x.split()[1]) for x in status if x.startswith("VmRSS:"))
    return (int(fields[11]) + int(fields[12])) / tick, rss


def same_tree(one: Path, other: Path) -> bool:
    def files(root: Path) -> dict[Path, bytes]:
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    return files(one) == files(other)


def resident_rows(count: int) -> dict[str, object]:
    """``--resident``: one-post rebuilds made the usual way and by the resident builder,
    alternating in one repository (a correction, two retractions, a new post in a new month
    and year on each side, on other posts), then ``--full`` into another folder: each row's
    CPU (the client's plus the builder's for the request) as a ratio of it; the site must
    equal that full build's byte for byte."""
    build = [*GOVMEDIA, "build"]
    rows: list[tuple[str, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="govmedia-bench-") as tmp:
        repo, _ = make_repo(Path(tmp), count, 2017)
        first = measured("govmedia build --full (before)", [*build, "--full"], repo)
        measured("first incremental build", build, repo)
        server = start_resident(repo)
        started = proc_cpu(server.pid)
        changes = [
            ("correction", lambda k: change_one_post(repo, f"post-{count // k:05d}", "更正词")),
            ("retraction", lambda k: retract_one_post(repo, f"post-{count // k:05d}")),
            ("retraction", lambda k: retract_one_post(repo, f"post-{count // k:05d}")),
            (
                "new post, new month and year",
                lambda k: add_one_post(repo, count + k, dt.date(2020 + k, 1, 1)),
            ),
        ]
        try:
            for n, (label, change) in enumerate(changes):
                for k, side in ((6 + 2 * n, "usual"), (7 + 2 * n, "resident")):
                    change(k)
                    if side == "usual":
                        hidden = hide_socket(repo)
                        _, cpu, rss = measured(f"{label} (usual)", build, repo)
                        hidden()
                    else:
                        wall, client, resident, rss = measure_client(build, repo)
                        cpu = client + resident
                        print(
                            f"  {label} (resident): {wall:.1f} s, client {client:.2f} s + "
                            f"builder {resident:.2f} s CPU, peak {rss // 1024} MiB",
                            flush=True,
                        )
                    rows.append((f"{label} ({side})", cpu, rss))
            builder = proc_cpu(server.pid)
        finally:
            server.terminate()
            server.wait()
        full = measured(
            "govmedia build --full (after)", [*build, "--full", "--out", "site-full"], repo
        )
        same = same_tree(repo / "site", repo / "site-full")
    print(
        f"== resident builder, {count} posts: site equal to --full: {same}; builder start "
        f"{started[0]:.2f} s CPU, {started[1] // 1024} MiB resident; its own CPU over the "
        f"run {builder[0]:.2f} s"
    )
    for label, cpu, rss in rows:
        print(
            f"{label}: {cpu:.2f} s CPU: {cpu / full[1]:.3f} x CPU of the full build "
            f"({full[1]:.1f} s; before {first[1]:.1f} s), peak {rss // 1024} MiB"
        )
    return {
        f"resident_{count}": {
            "same_as_full": same,
            "full_cpu": [round(first[1], 2), round(full[1], 2)],
            "builder_start_cpu": round(started[0], 2),
            "builder_rss_mib": started[1] // 1024,
            "rows": [
                [label, round(cpu, 2), round(cpu / full[1], 3), rss // 1024]
                for label, cpu, rss in rows
            ],
        }
    }


def hide_socket(repo: Path) -> Callable[[], None]:
    """Move the builder's socket aside, so that ``govmedia build`` builds the usual way;
    the function that puts it back."""
    from pipeline.site.resident_place import socket_path

    env = dict(os.environ, GOVMEDIA_SITE_URL="http://127.0.0.1:8000/")
    path = socket_path(repo, repo / "site", env, create=False)
    assert path is not None and path.exists()
    aside = path.with_name(path.name + ".aside")
    path.rename(aside)
    return lambda: aside.rename(path)


def rebuilds_only(count: int, ratios: bool = False) -> dict[str, object]:
    """``--rebuilds-only``: the rebuild rows alone (no bare blog, no full build), for 10,000
    posts, where the issue's target is absolute (a one-post rebuild <= 30 s). ``ratios``
    (``--ratios``): then a ``govmedia build --full`` of the same repository into another
    folder, and each row's CPU time as a ratio of that full build's."""
    with tempfile.TemporaryDirectory(prefix="govmedia-bench-") as tmp:
        repo, _ = make_repo(Path(tmp), count, 2017)
        rows = rebuilds(repo, count)
        if ratios:
            command = [*GOVMEDIA, "build", "--full", "--out", "site-full"]
            full = measured("govmedia build --full (the ratios' baseline)", command, repo)
            for label, (_, cpu, _) in rows:
                print(f"  {label}: {cpu / full[1]:.2f} x CPU of the full build", flush=True)
            rows.append(("full build", full))
    return {
        f"rebuilds_{count}": {k: [round(w, 1), round(c, 1), r // 1024] for k, (w, c, r) in rows}
    }


def archive_rows(count: int, unpruned_too: bool) -> dict[str, object]:
    build = [*GOVMEDIA, "build"]
    rows: list[tuple[str, tuple[float, float, int]]] = []
    with tempfile.TemporaryDirectory(prefix="govmedia-bench-") as tmp:
        repo, plain = make_repo(Path(tmp), count, 2017)
        bare = measured("bare blog", [sys.executable, "-m", "mkdocs", "build", "-q"], plain)
        full = measured("govmedia build --full", [*build, "--full"], repo)
        plain_raw = len((plain / "site/search/search_index.json").read_bytes())
        search = print_search(count, repo / "site", plain_raw)
        rows += rebuilds(repo, count)
        if unpruned_too:
            theme = unpruned(Path(tmp))
            command = [sys.executable, "-c", UNPRUNED_BUILD, str(theme), "--full"]
            label = "full build without navigation.prune"
            rows.append((label, measured(label, command, repo)))
    print(f"== archive, {count} posts (wall time; CPU time in brackets)")
    print(
        f"bare mkdocs-material blog (baseline): {bare[0]:.1f} s ({bare[1]:.1f} s CPU), "
        f"peak {bare[2] // 1024} MiB"
    )
    print(
        f"govmedia build --full: {full[0]:.1f} s ({full[1]:.1f} s CPU): "
        f"{full[0] / bare[0]:.2f} x bare blog ({full[1] / bare[1]:.2f} x CPU), target <= 1.0; "
        f"peak {full[2] // 1024} MiB"
    )
    for label, (wall, cpu, rss) in rows:
        print(
            f"{label}: {wall:.1f} s ({cpu:.1f} s CPU): {wall / full[0]:.2f} x full build "
            f"({cpu / full[1]:.2f} x CPU), target <= 0.1; peak {rss // 1024} MiB"
        )
    figures: dict[str, object] = {
        "bare_blog": [round(bare[0], 1), round(bare[1], 1), bare[2] // 1024],
        "full": [round(full[0], 1), round(full[1], 1), full[2] // 1024],
        **search,
    }
    for label, (wall, cpu, rss) in rows:
        figures[label] = [round(wall, 1), round(cpu, 1), rss // 1024]
    return {str(count): figures}  # [wall s, CPU s, peak MiB]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=2000, help="0 skips the archive rows")
    parser.add_argument("--long", action="store_true", help="10,000 posts as well (long)")
    parser.add_argument("--unpruned", action="store_true", help="also without navigation.prune")
    parser.add_argument(
        "--split-posts", type=int, default=0, help="posts for the per-year split experiment"
    )
    parser.add_argument(
        "--search-only", action="store_true", help="one full build, the search download only"
    )
    parser.add_argument(
        "--phases", action="store_true", help="a correction's generation and mkdocs apart"
    )
    parser.add_argument(
        "--rebuilds-only", action="store_true", help="the rebuild rows alone (10,000 posts)"
    )
    parser.add_argument(
        "--ratios", action="store_true", help="with --rebuilds-only: a full build too, ratios"
    )
    parser.add_argument(
        "--resident", action="store_true", help="rebuilds the usual way and by the resident builder"
    )
    args = parser.parse_args()
    results: dict[str, object] = {}
    if args.resident:
        print(json.dumps(resident_rows(args.posts), ensure_ascii=False))
        return 0
    if args.rebuilds_only:
        print(json.dumps(rebuilds_only(args.posts, args.ratios), ensure_ascii=False))
        return 0
    if args.phases:
        print(json.dumps(phases(args.posts), ensure_ascii=False))
        return 0
    if args.search_only:
        print(json.dumps(search_only(args.posts), ensure_ascii=False))
        return 0
    counts = [n for n in (args.posts, 10000 if args.long else 0) if n]
    for count in dict.fromkeys(counts):
        results.update(archive_rows(count, args.unpruned))
    if args.split_posts:
        results.update(split_experiment(args.split_posts))
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
