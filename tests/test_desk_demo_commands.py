"""Every command the demo prints works when copied: each one is executed here."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import time
from pathlib import Path

import httpx

from pipeline.emulators import account_settings
from tests.conftest import run_cli

LONG_RUNNING = ("-m pipeline emulate", "-m http.server")


def _port_of(command: str) -> int:
    words = shlex.split(command.split(" -m ", 1)[1])
    if "--port" in words:
        return int(words[words.index("--port") + 1])
    return int(words[-1])


def _free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _serve_then_stop(command: str, url: str) -> httpx.Response:
    proc = subprocess.Popen(
        ["bash", "-c", f"exec {command}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        for _ in range(300):
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode() if proc.stderr else command)
            try:
                return httpx.get(url, timeout=2)
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError(f"{command} 没有开始监听")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_every_printed_command_runs(tmp_path: Path) -> None:
    workdir = tmp_path / "demo"
    result = run_cli("demo", "--workdir", str(workdir), cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    # the commands to try by hand after the demo (the "$" lines inside the steps are a
    # transcript of what the demo itself ran, with its emulators up)
    after = result.out.split("动手试一试", 1)[1]
    commands = [line.strip()[2:] for line in after.splitlines() if line.strip().startswith("$ ")]
    assert len(commands) >= 4, result.out
    assert (workdir / "emulator/state.json").is_file()
    assert (workdir / "emulator/demo.env").stat().st_mode & 0o077 == 0  # the owner's only
    # the demo published with the account binding on, and the emulators' links name it
    settings = (workdir / "emulator/demo.env").read_text(encoding="utf-8").splitlines()
    assert {f"{k}={v}" for k, v in account_settings().items()} <= set(settings)
    assert "?__biz=" in (workdir / "emulator/state.json").read_text(encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVMEDIA_", "GIT_"))}
    for command in commands:
        if any(marker in command for marker in LONG_RUNNING):
            port = _port_of(command)
            if not _free(port):
                continue  # another program holds the port on this machine
            if "emulate" in command:
                reply = _serve_then_stop(command, f"http://127.0.0.1:{port}/_emulator/published")
                assert reply.status_code == 200
                kept = reply.json()
                assert sum(len(v) for v in kept.values()) > 0, kept  # the demo's state is back
            else:
                reply = _serve_then_stop(command, f"http://127.0.0.1:{port}/index.html")
                assert reply.status_code == 200 and "<html" in reply.text.lower()
            continue
        run = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert run.returncode == 0, (command, run.stdout, run.stderr)
        assert "Traceback" not in run.stderr
        if "publish_hook --rerun" in command:
            assert not (workdir / "unit" / "govmedia-work").exists()
