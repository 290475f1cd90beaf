"""What the publishing benchmarks share: the throwaway publisher key that signs the ledger
commits of their runs, and a loopback emulator in its own process with its settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.platforms.settings import Settings  # noqa: E402

CREDS = {"appid": "wxbench", "secret": "bench-secret-0000", "token": "bench-token", "key": "k" * 32}


def key_path(repo: Path) -> Path:
    """Where the publisher key of ``repo`` lives: beside it, never inside it."""
    return repo.parent / "publisher"


def enroll(repo: Path) -> Path:
    """Make the key and list it under ``publishers:`` in ``repo``'s (uncommitted) roster."""
    private = key_path(repo)
    if not private.exists():
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", str(private)],
            check=True,
        )
    public = private.with_name("publisher.pub").read_text(encoding="utf-8").strip()
    roster = repo / "content" / "roster.yml"
    text = roster.read_text(encoding="utf-8")
    head, sep, tail = text.partition("\npublishers:\n")
    roster.write_text(
        head + sep + tail.replace("    keys: []", f"    keys:\n      - {public}", 1),
        encoding="utf-8",
    )
    return private


class Emulated:
    """``govmedia emulate`` in its own process (it must not share the benchmark's GIL),
    optionally keeping its state in ``state`` and answering every call after ``latency``
    seconds (a realistic round trip to a platform)."""

    def __init__(self, posts: int, state: Path | None = None, latency: float = 0.0) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "GOVMEDIA_WECHAT_APPID": CREDS["appid"],
            "GOVMEDIA_WECHAT_SECRET": CREDS["secret"],
            "GOVMEDIA_WEIBO_TOKEN": CREDS["token"],
            "GOVMEDIA_APP_HMAC_KEY": CREDS["key"],
        }
        args = [sys.executable, "-m", "pipeline", "emulate", "--port", "0"]
        args += ["--weibo-hourly-limit", str(10 * posts)]
        if state is not None:
            args += ["--state", str(state)]
        self.proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
        )
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if "：" not in line:
            self.proc.kill()
            raise SystemExit(f"the emulator did not start: {line.strip()[:200]}")
        self.url = line.split("：", 1)[1].strip()
        self.app_push_url = self.url + "/app/push"
        if latency:
            fault = [{"path": "*", "latency": latency, "times": -1}]
            httpx.post(self.url + "/_emulator/faults", json=fault).raise_for_status()

    def settings(self, template: Path) -> Settings:
        """Publishing settings for this emulator: its throwaway credentials and the
        publisher key enrolled in ``template``."""
        return emulator_settings(self.url, self.app_push_url, template)

    def deliveries(self) -> dict[str, int]:
        shown = httpx.get(self.url + "/_emulator/published", timeout=60).json()
        return {name: len(items) for name, items in shown.items()}

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: with --state, the emulator writes its last snapshot
            self.proc.wait(timeout=30)


def emulator_settings(url: str, app_push: str, template: Path) -> Settings:
    """Publishing settings for the loopback emulator at ``url``: its throwaway credentials
    and the publisher key enrolled in ``template``."""
    return Settings(
        wechat_api=url,
        weibo_api=url,
        app_push=app_push,
        wechat_appid=CREDS["appid"],
        wechat_secret=CREDS["secret"],
        weibo_token=CREDS["token"],
        weibo_rip="127.0.0.1",
        app_hmac_key=CREDS["key"],
        site_url="https://gov.example.cn/archive/",
        publisher_key=str(key_path(template)),
    )
