"""Red team round 44: WeChat's safe mode (安全模式), where the push's body is signed.

``govmedia inbox receive`` in a new process; this test plays WeChat and seals its pushes as
WeChat documents (AES-256-CBC under the EncodingAESKey, ``msg_signature`` over the
ciphertext).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

import httpx

from pipeline.interaction.wechat_crypt import AES_KEY_ENV, APPID_ENV, msg_signature
from pipeline.interaction.wechat_push import SPOOL_ENV, TOKEN_ENV, Spool
from tests.conftest import run_cli
from tests.security.test_redteam44_receiver import TOKEN, push_xml, signed, start_receiver, stop

KEY_TEXT = base64.b64encode(bytes(range(32))).decode().rstrip("=")
APPID = "wx0000000000unit44"


def seal(xml: bytes, appid: str = APPID) -> str:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key = base64.b64decode(KEY_TEXT + "=")
    plain = os.urandom(16) + len(xml).to_bytes(4, "big") + xml + appid.encode()
    pad = 32 - len(plain) % 32
    plain += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def sealed_push(nonce: str, encrypted: str) -> tuple[dict[str, str], bytes]:
    query = {
        **signed(nonce),
        "encrypt_type": "aes",
        "openid": "oCITIZEN44",
    }
    query["msg_signature"] = msg_signature(TOKEN, query["timestamp"], query["nonce"], encrypted)
    body = f"<xml><ToUserName>gh_unit</ToUserName><Encrypt>{encrypted}</Encrypt></xml>"
    return query, body.encode()


def test_in_safe_mode_only_a_body_sealed_for_this_account_is_taken(tmp_path: Path) -> None:
    spool = tmp_path / "server" / "wechat-push.jsonl"
    proc, url = start_receiver(spool, None, **{AES_KEY_ENV: KEY_TEXT, APPID_ENV: APPID})
    try:
        with httpx.Client(timeout=10, trust_env=False) as http:
            query, body = sealed_push("s1", seal(push_xml(1, "请问办证地点")))
            assert http.post(url, params=query, content=body).text == "success"
            # a plain push under a fresh signed URL (what a seen URL carried before)
            plain = http.post(url, params=signed("s2"), content=push_xml(2, "伪造：明文"))
            assert plain.status_code == 403
            # a signed URL's ciphertext swapped for another
            query, _ = sealed_push("s3", seal(push_xml(3, "真")))
            _, forged = sealed_push("s3", seal(push_xml(3, "伪造：换了密文")))
            assert http.post(url, params=query, content=forged).status_code == 403
            # sealed for another account with the same token and key
            query, body = sealed_push("s4", seal(push_xml(4, "别的公众号"), "wxOTHER"))
            assert http.post(url, params=query, content=body).status_code == 403
    finally:
        stop(proc)
    assert [r["text"] for r in Spool(spool).read("")[0]] == ["请问办证地点"]


def test_a_safe_mode_push_without_the_key_is_never_answered_success(tmp_path: Path) -> None:
    """The receiver read no ``MsgType`` in the sealed body, took it for an event and said
    ``success``: with the mode WeChat recommends, every citizen's message was dropped and
    WeChat told it was delivered."""
    spool = tmp_path / "server" / "wechat-push.jsonl"
    proc, url = start_receiver(spool, None)
    try:
        query, body = sealed_push("k1", seal(push_xml(1, "请问")))
        answer = httpx.post(url, params=query, content=body, timeout=10)
    finally:
        told = stop(proc)
    assert answer.status_code == 400 and answer.text != "success"
    assert f"收到微信安全模式（加密）推送，但未设置 {AES_KEY_ENV}" in told
    assert not spool.exists()


def test_a_malformed_key_or_a_key_without_the_appid_stops_the_receiver_at_start(
    tmp_path: Path,
) -> None:
    (tmp_path / "content").mkdir()
    base = {SPOOL_ENV: str(tmp_path / "spool.jsonl"), TOKEN_ENV: TOKEN, APPID_ENV: ""}
    for extra in ({AES_KEY_ENV: "short"}, {AES_KEY_ENV: KEY_TEXT}):
        result = run_cli("inbox", "receive", "--port", "0", cwd=tmp_path, env={**base, **extra})
        assert result.code == 2 and AES_KEY_ENV in result.err and "Traceback" not in result.err
