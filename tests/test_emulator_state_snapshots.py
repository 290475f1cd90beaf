"""The emulator's ``--state`` file is a periodic snapshot, not a rewrite per request
(pipeline/emulators/state.py): many changes in a burst cost a few whole-file writes, at
most one per SNAPSHOT_SECONDS of the burst, and the last snapshot holds every change."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx

from pipeline.emulators import start_emulator
from pipeline.emulators.state import SNAPSHOT_SECONDS
from tests.publish_support import CREDS, config

SHARES = 120


def test_a_burst_of_changes_costs_a_few_snapshots(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    emu = start_emulator(config=config(), state_path=state)
    try:
        start = time.monotonic()
        with httpx.Client(base_url=emu.url) as client:
            for n in range(SHARES):
                share = client.post(
                    "/2/statuses/share.json",
                    data={
                        "access_token": CREDS["GOVMEDIA_WEIBO_TOKEN"],
                        "status": f"第{n}条 https://gov.example.cn/a/{n}/",
                        "rip": "127.0.0.1",
                    },
                )
                assert share.status_code == 200, share.text
        elapsed = time.monotonic() - start
        during = emu.state.snapshots
    finally:
        emu.stop()
    # at most one snapshot per interval of the burst (and one started at its end), however
    # slow the machine: never one per request
    assert during <= elapsed / SNAPSHOT_SECONDS + 2
    json.loads(state.read_text(encoding="utf-8"))  # whole: written aside, then replaced
    again = start_emulator(config=config(), state_path=state)
    try:
        assert len(httpx.get(again.url + "/_emulator/published").json()["weibo"]) == SHARES
    finally:
        again.stop()
