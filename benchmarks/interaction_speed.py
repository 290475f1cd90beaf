"""Speed of ``govmedia inbox fetch`` + triage for 10,000 citizens' comments, against the
content check of the same texts measured in the same run.

1. The loopback emulator holds N Weibo comments (synthetic, built from a few templates with
   random numbers and topics: no corpus needed).
2. Timed: the real fetch (HTTP paging through ``comments/to_me``, privacy minimisation,
   appending to ``interaction/``) into an empty unit, then the triage of the whole inbox
   (content rules, duplicates and spam, question routing). The triage checks each distinct
   text once, as it does in production (copy-paste floods repeat texts).
3. Baseline: ``RuleChecker.check_text`` over the same N texts (the content check alone).

Prints both throughputs and the ratio (baseline time / fetch + triage time): the share of
the content check's speed that the whole inbox pipeline keeps. Target ≥ 0.3.

Run: ``.venv/bin/python benchmarks/interaction_speed.py [--comments N]``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from pipeline.emulators import EmulatorConfig, start_emulator  # noqa: E402
from pipeline.interaction.config import load_config  # noqa: E402
from pipeline.interaction.fetch import fetch  # noqa: E402
from pipeline.interaction.store import Inbox  # noqa: E402
from pipeline.interaction.triage import triage  # noqa: E402
from pipeline.platforms.settings import load_settings  # noqa: E402
from pipeline.project import Project  # noqa: E402
from pipeline.rules import RuleChecker  # noqa: E402

TOPICS = ("社保卡", "医保报销", "营业执照", "不动产登记", "公积金", "居住证", "养老金", "出入境")
TEMPLATES = (
    "请问{t}怎么办理？需要带什么材料？",
    "{t}网上能办吗？我在外地，电话{n}",
    "感谢窗口工作人员，{t}很快就办好了！",
    "{t}排队太久了，建议周末也开放{k}个窗口。",
    "我{d}号去办{t}，被告知系统维护，什么时候恢复？",
    "支持！{t}一网通办真方便。",
)
CREDS = {
    "GOVMEDIA_WECHAT_APPID": "wx-bench-throwaway",
    "GOVMEDIA_WECHAT_SECRET": "bench-secret-THROWAWAY-000",
    "GOVMEDIA_WEIBO_TOKEN": "2.00benchTHROWAWAY",
    "GOVMEDIA_APP_HMAC_KEY": "bench-hmac-THROWAWAY",
    "GOVMEDIA_INTERACTION_SALT": "bench-salt-THROWAWAY-0123456789",
}


def comments(count: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [
        rng.choice(TEMPLATES).format(
            t=rng.choice(TOPICS),
            n=f"1{rng.randint(3, 9)}{rng.randint(0, 999_999_999):09d}",
            k=rng.randint(2, 9),
            d=rng.randint(1, 28),
        )
        for _ in range(count)
    ]


def unit(tmp: Path) -> Path:
    root = tmp / "unit"
    (root / "content").mkdir(parents=True)
    for name in ("accounts.yml", "roster.yml"):
        shutil.copy2(ROOT / "content" / name, root / "content" / name)
    if (ROOT / "content" / "rules").is_dir():
        shutil.copytree(ROOT / "content" / "rules", root / "content" / "rules")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=10_000)
    args = parser.parse_args(argv)
    texts = comments(args.comments)
    config = EmulatorConfig(
        wechat_appid=CREDS["GOVMEDIA_WECHAT_APPID"],
        wechat_secret=CREDS["GOVMEDIA_WECHAT_SECRET"],
        weibo_token=CREDS["GOVMEDIA_WEIBO_TOKEN"],
        app_key=CREDS["GOVMEDIA_APP_HMAC_KEY"],
    )
    emulator = start_emulator(config=config)
    try:
        httpx.post(
            emulator.url + "/_emulator/plant",
            json={"kind": "outside", "platform": "weibo"},
            timeout=30,
        ).raise_for_status()
        specs = [
            {"kind": "comment", "platform": "weibo", "text": t, "user": str(10_000 + i % 3000)}
            for i, t in enumerate(texts)
        ]
        httpx.post(
            emulator.url + "/_emulator/interaction", json=specs, timeout=120
        ).raise_for_status()
        env = {
            **os.environ,
            **CREDS,
            "GOVMEDIA_WECHAT_API": emulator.url,
            "GOVMEDIA_WEIBO_API": emulator.url,
            "GOVMEDIA_APP_PUSH": emulator.app_push_url,
        }
        with tempfile.TemporaryDirectory() as tmp:
            root = unit(Path(tmp))
            project = Project(root)
            settings = load_settings(root, env)
            checker = RuleChecker(root)
            checker.check_text("预热")  # build the automata outside both timings
            start = time.perf_counter()
            result = fetch(project, settings, env)
            fetched = time.perf_counter()
            items = list(Inbox(root).items())
            triaged = triage(items, checker, load_config(root))
            done = time.perf_counter()
            assert result.ok and len(items) == len(texts), (result.failed, len(items))
            base_start = time.perf_counter()
            for text in texts:
                checker.check_text(text)
            baseline = time.perf_counter() - base_start
    finally:
        emulator.stop()
    total = done - start
    kinds: dict[str, int] = {}
    for t in triaged:
        kinds[t.category] = kinds.get(t.category, 0) + 1
    print(
        f"comments                 : {len(texts)}  ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})"
    )
    print(f"fetch (HTTP + store)     : {fetched - start:.2f} s")
    print(f"triage                   : {done - fetched:.2f} s")
    print(f"fetch + triage           : {len(texts) / total:,.0f} comments/s")
    print(f"content check (baseline) : {len(texts) / baseline:,.0f} comments/s")
    print(f"ratio (baseline / fetch+triage time): {baseline / total:.2f}×  (target ≥ 0.3×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
