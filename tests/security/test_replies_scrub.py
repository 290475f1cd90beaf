"""The one secret scrubber (pipeline/redact.py): every encoding, every boundary.

Boundaries: platform error messages, ledger records (publish and retract append through
``append_scrubbed``), log records, and the CLI's error printing (no traceback either).
"""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from pipeline import cli, redact
from pipeline.commands import status as status_command
from pipeline.errors import GovmediaError
from pipeline.ledger import Ledger, Record
from pipeline.platforms.errors import OperatorAction
from tests.publish_support import CREDS
from tests.security.replies_support import SECRETS, encodings, leaks

SECRET = CREDS["GOVMEDIA_APP_HMAC_KEY"]


@pytest.fixture(autouse=True)
def _configured(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in CREDS.items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize("encoding", sorted(encodings(SECRET)))
def test_every_encoding_of_every_configured_secret_is_removed(encoding: str) -> None:
    for secret in SECRETS:
        text = f"平台说：key={encodings(secret)[encoding]}；请重试"
        cleaned = redact.scrub(text)  # knows the configured credentials by itself
        assert not leaks(cleaned), (encoding, cleaned)
        assert "平台说" in cleaned or cleaned == redact.HIDDEN


def test_double_encoding_hides_the_whole_text() -> None:
    from urllib.parse import quote

    secret = "p@ss/word+key=1 x"
    assert redact.scrub("x " + quote(quote(secret, safe=""), safe=""), [secret]) == redact.HIDDEN


def test_ordinary_text_is_untouched() -> None:
    text = "微信公众号 draft/add：内容超长（错误码 45002：content size out of limit）。"
    assert redact.scrub(text) == text
    assert redact.scrub("") == ""


def test_registered_runtime_secret_is_scrubbed_too() -> None:
    token = "EMUruntime-access-token-0123456789abcdef"
    assert token in redact.scrub(f"token {token}")
    redact.register(token)
    assert token not in redact.scrub(f"token {token}")


def test_ledger_records_are_scrubbed_before_they_are_written(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger")
    record = Record(
        event="failed",
        slug="a",
        channel="app",
        url=f"https://x.example/?k={SECRET}",
        detail={
            "message": f"bad {encodings(SECRET)['base64']}",
            "nested": [{"k": encodings(SECRET)["quote-lower"]}],
            SECRET: "key as a key",
        },
    )
    redact.append_scrubbed(ledger, record)
    text = "\n".join(p.read_text(encoding="utf-8") for p in ledger.files())
    assert not leaks(text), text
    (read,) = list(ledger.records())
    assert read.event == "failed" and read.detail["nested"][0]["k"] == "***"
    assert json.loads(text)["slug"] == "a"  # the file format is unchanged


def test_log_records_are_scrubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())
    redact.install_log_redaction()
    stream = io.StringIO()
    logger = logging.getLogger("govmedia.test.redact")
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    try:
        logger.warning("reply %s", encodings(SECRET)["quote"])
        try:
            raise ValueError(SECRET)
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    assert "reply ***" in stream.getvalue()
    assert not leaks(stream.getvalue()), stream.getvalue()


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (GovmediaError(f"推送失败：{SECRET}"), 1),
        (OperatorAction(f"客户端 推送：签名被拒绝 {encodings(SECRET)['hex']}"), 1),
        (RuntimeError(f"unexpected reply body {{'key': '{SECRET}'}}"), 70),
        (ValueError("could not convert string to float: '7200abc'"), 70),
    ],
)
def test_cli_prints_errors_scrubbed_and_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], error: Exception, code: int
) -> None:
    def fail(args: object) -> int:
        raise error

    monkeypatch.setattr(status_command, "run", fail)
    assert cli.main(["status"]) == code
    captured = capsys.readouterr()
    assert "govmedia:" in captured.err and "Traceback" not in captured.err
    assert not leaks(captured.out + captured.err), captured.err
    assert "7200abc" not in captured.err  # an unexpected error shows its type only
    assert any("\u4e00" <= ch <= "\u9fff" for ch in captured.err)
