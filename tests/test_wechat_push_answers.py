"""The WeChat receiver answers a refused push by the refusal's kind, never by its text.

``accept`` once read ``str(exc)`` (``"sealed: …"``, ``"no key"``, ``"spool"``): a reworded
message would have changed the HTTP answer, a 403 becoming a 400 and WeChat's retry lost.
"""

from __future__ import annotations

import time
import typing
from pathlib import Path

import pytest

from pipeline.interaction import wechat_push
from pipeline.interaction.wechat_push import (
    ANSWERS,
    PushRefused,
    Refusal,
    Signatures,
    Spool,
    accept,
    signature,
)

TOKEN = "callback-token-THROWAWAY-answers"


def signed(nonce: str) -> dict[str, str]:
    stamp = str(int(time.time()))
    return {"timestamp": stamp, "nonce": nonce, "signature": signature(TOKEN, stamp, nonce)}


def test_every_kind_of_refusal_has_its_answer() -> None:
    assert set(ANSWERS) == set(typing.get_args(Refusal))
    assert ANSWERS["signature"][0] == 403
    assert ANSWERS["spool"][0] == 503  # WeChat retries a push that was not stored
    assert {ANSWERS["message"][0], ANSWERS["no-key"][0]} == {400}


@pytest.mark.parametrize("kind", typing.get_args(Refusal))
def test_the_answer_follows_the_kind_whatever_the_text(
    kind: Refusal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise PushRefused(kind, "a message nobody matches on")

    monkeypatch.setattr(wechat_push, "parse", refuse)
    signatures = Signatures(TOKEN)
    query = signed(f"nonce-{kind}")
    assert accept(Spool(tmp_path / "spool.jsonl"), signatures, query, b"<xml/>") == ANSWERS[kind]
    # refused, so released: WeChat's retry of the same signed URL is taken again
    monkeypatch.setattr(wechat_push, "parse", lambda *_: None)
    assert accept(Spool(tmp_path / "spool.jsonl"), signatures, query, b"<xml/>")[0] == 200


def test_the_reason_stays_readable_for_the_log() -> None:
    assert str(PushRefused("spool", "spool line 3")) == "spool line 3"
    assert str(PushRefused("no-key")) == "no-key"
    assert PushRefused("signature", "stale").kind == "signature"
