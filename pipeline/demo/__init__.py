"""The main job end to end on the sample content (``govmedia demo``).

Each step is a function ``step(ctx) -> None`` in one of the ``steps_*`` modules; STEPS
fixes their order. A step raises GovmediaError to stop the demo with a message.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from pipeline import clock
from pipeline.demo import (
    steps_content,
    steps_governance,
    steps_history,
    steps_interaction,
    steps_publish,
    steps_retract,
    steps_review,
    steps_rules,
    steps_site,
    steps_watch,
)

SOURCE_ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class DemoContext:
    workdir: Path
    source: Path = SOURCE_ROOT
    env: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    # run at the end of the demo, last added first (e.g. stopping the emulators)
    cleanups: list[Callable[[], None]] = field(default_factory=list)
    # the demo's clock, seconds ahead of real time: the sample year is replayed on it
    # (timeline.py), in this process (clock.pin) and on the emulators (their own offset)
    offset: float = 0.0

    @property
    def repo(self) -> Path:
        """The unit's working clone (an editor's checkout)."""
        return self.workdir / "unit"

    @property
    def remote(self) -> Path:
        """The self-hosted bare repository (the unit's git server)."""
        return self.workdir / "remote.git"

    def say(self, message: str) -> None:
        print(message, flush=True)

    def now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(time.time() + self.offset, clock.CHINA)

    def today(self) -> dt.date:
        return self.now().date()

    def set_time(self, moment: dt.datetime) -> None:
        """Move the demo's clock to ``moment``: this process's, the emulators' and the one
        the pipeline's commands run with (``GOVMEDIA_EMULATOR_CLOCK``, honoured only with
        the loopback emulators' addresses that the demo sets beside it)."""
        self.offset = moment.timestamp() - time.time()
        clock.pin(self.offset)
        emulator = self.data.get("emulator")
        if emulator is not None:
            self.env[clock.ENV_NAME] = f"{self.offset:.3f}"
            http = self.data.get("clock_http")
            if http is None:  # one client: each new one loads the CA store
                http = self.data["clock_http"] = httpx.Client(timeout=10)
                self.cleanups.append(http.close)
            http.post(emulator.url + "/_emulator/clock", json={"offset": self.offset})

    def advance(self, **delta: float) -> None:
        self.set_time(self.now() + dt.timedelta(**delta))

    def environ(self) -> dict[str, str]:
        full = dict(os.environ)
        full.update(self.env)
        return full


Step = Callable[[DemoContext], None]

STEPS: list[tuple[str, Step]] = [
    ("准备内容仓库与本地 git 服务器", steps_content.prepare),
    ("检查全部文章（govmedia check）", steps_content.check),
    ("内容规则拦下违规草稿（第九、十、十六、十七条）", steps_rules.bad_draft),
    ("三审准备：审核人密钥、名册与服务器钩子", steps_review.setup_keys),
    (
        "重放示例年度：编辑按月起草、三审签名提交（按文章日期，govmedia approve）",
        steps_history.reviews,
    ),
    *steps_publish.HISTORY,
    ("今天：新文章未审核被拒，三审后推送成功", steps_review.new_post_flow),
    ("攻击演示：推送中暗改名册添加傀儡领导，被服务器拒绝", steps_review.roster_attack),
    *steps_publish.PRESENT,
    ("领导批准撤回一篇文章（govmedia retract，第七条、第二十条）", steps_retract.retract),
    *steps_watch.STEPS,
    ("账号台账检查与年度考核（govmedia accounts check / report）", steps_governance.governance),
    ("生成公开发布档案站点（govmedia build）", steps_site.build),
    *steps_interaction.STEPS,
    *steps_watch.FINAL,  # the README's first command ends with a clean watch
]


def run_demo(ctx: DemoContext) -> int:
    total = len(STEPS)
    try:
        for number, (title, step) in enumerate(STEPS, 1):
            ctx.say(f"\n[{number}/{total}] {title}")
            step(ctx)
    finally:
        while ctx.cleanups:
            ctx.cleanups.pop()()
        clock.pin(None)
    sys.stdout.flush()
    return 0
