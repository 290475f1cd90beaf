"""The emulator as a program: loopback only, control endpoints, ``govmedia emulate``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from pipeline.emulators import start_emulator
from pipeline.errors import UsageError
from tests.publish_support import CREDS, PROJECT_ROOT, config


def test_refuses_non_loopback_hosts() -> None:
    with pytest.raises(UsageError):
        start_emulator(host="0.0.0.0")


def test_control_endpoints_and_state_file(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    emu = start_emulator(config=config(), state_path=state)
    try:
        bad = httpx.post(emu.url + "/_emulator/faults", json=[{"bogus": 1}])
        assert bad.status_code == 400
        httpx.post(emu.url + "/_emulator/faults", json=[{"path": "/app/push", "error": 500}])
        assert httpx.get(emu.url + "/_emulator/faults").json()["faults"][0]["error"] == 500
        httpx.delete(emu.url + "/_emulator/faults")
        assert httpx.get(emu.url + "/_emulator/faults").json()["faults"] == []
        assert httpx.get(emu.url + "/_emulator/published").json() == {
            "wechat": [],
            "weibo": [],
            "app": [],
        }
        share = httpx.post(
            emu.url + "/2/statuses/share.json",
            data={
                "access_token": CREDS["GOVMEDIA_WEIBO_TOKEN"],
                "status": "x https://gov.example.cn/a/",
                "rip": "127.0.0.1",
            },
        )
        assert share.status_code == 200
    finally:
        emu.stop()
    again = start_emulator(config=config(), state_path=state)  # state survives a restart
    try:
        assert len(httpx.get(again.url + "/_emulator/published").json()["weibo"]) == 1
    finally:
        again.stop()


def test_emulate_command_serves_on_an_ephemeral_port(tmp_path: Path) -> None:
    env = {**os.environ, **CREDS, "PYTHONPATH": str(PROJECT_ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "emulate", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        line = proc.stdout.readline()
        assert "平台模拟器已启动" in line
        url = line.split("：", 1)[1].strip()
        assert url.startswith("http://127.0.0.1:")
        token = httpx.post(
            url + "/cgi-bin/stable_token",
            json={
                "grant_type": "client_credential",
                "appid": CREDS["GOVMEDIA_WECHAT_APPID"],
                "secret": CREDS["GOVMEDIA_WECHAT_SECRET"],
            },
        ).json()
        assert token["expires_in"] == 7200 and token["access_token"]
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    for secret in CREDS.values():
        assert secret not in out + err + line
