"""``govmedia watch`` against the real loopback emulators: every discrepancy kind, a clean
reconciliation, pagination, the signed webhook, read-only behaviour, no credential shown."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from pipeline.emulators import Emulator
from pipeline.ledger import Ledger, checksum
from pipeline.platforms.app import verify
from pipeline.platforms.fingerprint import content_hash
from tests.conftest import run_cli
from tests.publish_support import CREDS, env_for, ledger_records, published, running_emulator, stats
from tests.watch_support import (
    READ_PATHS,
    Webhook,
    plant,
    published_record,
    published_repo,
    running_webhook,
    unplant,
    watch,
    watch_json,
)

SECRETS = [v for k, v in CREDS.items() if k != "GOVMEDIA_WECHAT_APPID"]


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    yield from running_webhook()


@pytest.fixture
def repo(tmp_path: Path, emulator: Emulator) -> Path:
    return published_repo(tmp_path, emulator)


def test_clean_after_a_normal_publish_reads_only(repo: Path, emulator: Emulator) -> None:
    before_state = published(emulator)
    before = stats(emulator)
    result = watch(repo, emulator)
    assert result.code == 0, result.out + result.err
    assert "核对无异常" in result.out
    assert "微信公众号 3 条" in result.out and "微博 3 条" in result.out
    code, found = watch_json(repo, emulator)
    assert (code, found) == (0, [])
    after = stats(emulator)
    called = {path for path in after if after[path] != before.get(path, 0)}
    assert called and called <= READ_PATHS, called
    assert published(emulator) == before_state


def test_ledger_records_a_content_hash_at_publish_time(repo: Path, emulator: Emulator) -> None:
    pub = published(emulator)
    record = published_record(repo, "weibo")
    status = next(s for s in pub["weibo"] if s["idstr"] == record["platform_id"])
    assert record["detail"]["content_sha256"] == content_hash("weibo", "", status["text"])
    record = published_record(repo, "wechat")
    article = next(a for a in pub["wechat"] if a["article_id"] == record["platform_id"])
    wanted = content_hash("wechat", article["title"], article["content"])
    assert record["detail"]["content_sha256"] == wanted


@pytest.mark.parametrize("platform", ["wechat", "weibo", "app"])
def test_outside_post_is_reported(repo: Path, emulator: Emulator, platform: str) -> None:
    [planted] = plant(emulator, kind="outside", platform=platform, text="深夜发布的未审核通知")
    code, found = watch_json(repo, emulator)
    assert code == 1
    [item] = found
    assert item["kind"] == "outside" and item["platform"] == platform
    assert item["channel"] == platform and item["slug"] == ""
    assert item["platform_id"] == planted["id"]
    assert "深夜发布的未审核通知" in item["excerpt"]
    assert dt.datetime.fromisoformat(item["time"]).tzinfo is not None
    assert "盗用" in item["message"]
    text = watch(repo, emulator)
    assert text.code == 1 and "[未经流水线发布]" in text.out and "发现 1 项异常" in text.out
    assert unplant(emulator) == (2 if platform == "wechat" else 1)  # WeChat: article + job
    assert watch(repo, emulator).code == 0


@pytest.mark.parametrize("platform", ["wechat", "weibo", "app"])
def test_text_altered_after_publishing(repo: Path, emulator: Emulator, platform: str) -> None:
    record = published_record(repo, platform)
    target = record["url"] if platform == "app" else record["platform_id"]
    plant(emulator, kind="edit", platform=platform, id=target, text="已改为其他电话号码")
    code, found = watch_json(repo, emulator)
    assert code == 1
    [item] = found
    assert item["kind"] == "altered" and item["platform"] == platform
    assert item["slug"] == record["slug"] and item["channel"] == record["channel"]
    assert "改动" in item["message"]


@pytest.mark.parametrize(
    ("platform", "kind", "status"),
    [
        ("wechat", "delete", 5),
        ("wechat", "ban", 6),
        ("weibo", "delete", None),
        ("app", "delete", None),
    ],
)
def test_deleted_outside_the_pipeline(
    repo: Path, emulator: Emulator, platform: str, kind: str, status: int | None
) -> None:
    record = published_record(repo, platform)
    target = record["url"] if platform == "app" else record["platform_id"]
    plant(emulator, kind=kind, platform=platform, id=target)
    code, found = watch_json(repo, emulator)
    assert code == 1
    [item] = found
    assert item["kind"] == "missing"
    assert item["platform_id"] == (record["url"] if platform == "app" else record["platform_id"])
    assert item["slug"] == record["slug"]
    assert record["detail"]["title"] in item["excerpt"]
    if status is not None:
        assert f"状态 {status}" in item["message"]
    unplant(emulator)
    assert watch(repo, emulator).code == 0


def test_retracted_item_still_visible(repo: Path, emulator: Emulator) -> None:
    ledger = Ledger(repo / "ledger")
    published_records = [r for r in ledger.records() if r.event == "published"]
    weibo = next(r for r in published_records if r.platform == "weibo")
    approval = {"reason": "测试", "approved_by": "陈静 <chenjing@example.gov.cn>"}
    # The published record, as retracted by a new run (a new id, time and commit).
    retracted = replace(weibo, event="retracted", id="", at="", run="", commit="", detail=approval)
    ledger.append(retracted)
    code, found = watch_json(repo, emulator)
    assert code == 1
    [item] = found
    assert item["kind"] == "retracted-visible" and item["platform_id"] == weibo.platform_id
    assert "撤回" in item["message"]
    # once the platform no longer shows it, the retraction is consistent: clean
    plant(emulator, kind="delete", platform="weibo", id=weibo.platform_id)
    assert watch_json(repo, emulator) == (0, [])


def test_long_timelines_are_read_page_by_page(repo: Path, emulator: Emulator) -> None:
    # the pipeline's items are the oldest: they sit on the last pages
    plant(emulator, kind="outside", platform="wechat", count=25)
    plant(emulator, kind="outside", platform="weibo", count=105)
    before = stats(emulator)
    code, found = watch_json(repo, emulator)
    after = stats(emulator)
    assert code == 1
    kinds = {(f["platform"], f["kind"]) for f in found}
    assert kinds == {("wechat", "outside"), ("weibo", "outside")}  # nothing "missing"
    assert sum(f["platform"] == "wechat" for f in found) == 25
    assert sum(f["platform"] == "weibo" for f in found) == 105
    assert len({f["platform_id"] for f in found}) == 130
    batch = "/cgi-bin/freepublish/batchget"
    timeline = "/2/statuses/user_timeline.json"
    assert after[batch] - before.get(batch, 0) == 2  # 28 jobs, 20 a page
    assert after[timeline] - before.get(timeline, 0) == 2  # 108 statuses, 100 a page


def test_since_limits_the_period(repo: Path, emulator: Emulator) -> None:
    plant(emulator, kind="outside", platform="weibo")
    china = dt.timezone(dt.timedelta(hours=8))
    tomorrow = (dt.datetime.now(china) + dt.timedelta(days=1)).date().isoformat()
    yesterday = (dt.datetime.now(china) - dt.timedelta(days=1)).date().isoformat()
    assert watch_json(repo, emulator, "--since", tomorrow) == (0, [])
    code, found = watch_json(repo, emulator, "--since", yesterday)
    assert code == 1 and [f["kind"] for f in found] == ["outside"]
    bad = watch(repo, emulator, "--since", "2026-13-40")
    assert bad.code == 2 and "--since" in bad.err


def test_records_without_a_hash_are_compared_with_the_rerendered_version(
    repo: Path, emulator: Emulator
) -> None:
    for path in (repo / "ledger").glob("*.jsonl"):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            data["detail"].pop("content_sha256", None)
            if "sum" in data:  # the edited record keeps a valid checksum
                data["sum"] = checksum(data)
            lines.append(json.dumps(data, ensure_ascii=False))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not any("content_sha256" in r["detail"] for r in ledger_records(repo))
    assert watch_json(repo, emulator) == (0, [])
    record = published_record(repo, "wechat")
    plant(emulator, kind="edit", platform="wechat", id=record["platform_id"])
    code, found = watch_json(repo, emulator)
    assert code == 1 and [f["kind"] for f in found] == ["altered"]


def test_webhook_receives_a_signed_alert(repo: Path, emulator: Emulator, webhook: Webhook) -> None:
    key = "watch-hmac-THROWAWAY-77"
    assert (
        watch(repo, emulator, GOVMEDIA_WATCH_WEBHOOK=webhook.url, GOVMEDIA_WATCH_HMAC_KEY=key).code
        == 0
    )
    assert webhook.received == []  # a clean watch sends nothing
    [planted] = plant(emulator, kind="outside", platform="weibo")
    result = watch(repo, emulator, GOVMEDIA_WATCH_WEBHOOK=webhook.url, GOVMEDIA_WATCH_HMAC_KEY=key)
    assert result.code == 1
    [alert] = webhook.received
    stamp = alert.headers["x-govmedia-timestamp"]
    signature = alert.headers["x-govmedia-signature"]
    now = float(stamp)
    assert verify(key, stamp, alert.body, signature, now=now)
    assert not verify("another-key", stamp, alert.body, signature, now=now)
    assert not verify(key, stamp, alert.body + b" ", signature, now=now)
    payload = json.loads(alert.body)
    assert payload["type"] == "govmedia.watch" and payload["count"] == 1
    assert payload["findings"][0]["platform_id"] == planted["id"]
    assert payload["findings"][0]["kind"] == "outside"
    assert alert.headers["idempotency-key"].startswith("watch:")
    assert "已向告警地址" in result.err and "HOOKTOKEN" not in result.out + result.err
    # without a watch key, the app's key signs the alert
    result = watch(repo, emulator, GOVMEDIA_WATCH_WEBHOOK=webhook.url)
    second = webhook.received[-1]
    app_key = CREDS["GOVMEDIA_APP_HMAC_KEY"]
    assert verify(
        app_key,
        second.headers["x-govmedia-timestamp"],
        second.body,
        second.headers["x-govmedia-signature"],
        now=float(second.headers["x-govmedia-timestamp"]),
    )
    assert second.headers["idempotency-key"] == alert.headers["idempotency-key"]


def test_failing_webhook_keeps_exit_1_and_shows_no_secret(
    repo: Path, emulator: Emulator, webhook: Webhook
) -> None:
    webhook.status = 500
    plant(emulator, kind="outside", platform="app")
    result = watch(repo, emulator, GOVMEDIA_WATCH_WEBHOOK=webhook.url, GOVMEDIA_RETRY_BASE="0.001")
    assert result.code == 1
    assert "告警发送失败" in result.err
    text = result.out + result.err
    for secret in [*SECRETS, "HOOKTOKEN-secret-123"]:
        assert secret not in text


def test_unreadable_platform_is_reported_without_the_credential(
    repo: Path, emulator: Emulator
) -> None:
    wrong = "2.00WRONG-weibo-token-THROWAWAY"
    result = watch(repo, emulator, GOVMEDIA_WEIBO_TOKEN=wrong)
    assert result.code == 1
    assert "[未能核对] 微博" in result.out
    code, found = watch_json(repo, emulator, GOVMEDIA_WEIBO_TOKEN=wrong)
    assert code == 1 and [f["kind"] for f in found] == ["unchecked"]
    text = result.out + result.err + json.dumps(found, ensure_ascii=False)
    for secret in [*SECRETS, wrong]:
        assert secret not in text


def test_plant_one_liner_from_the_command_line(repo: Path, emulator: Emulator) -> None:
    env = env_for(emulator)
    planted = run_cli("emulate", "--plant", "outside", "--url", emulator.url, cwd=repo, env=env)
    assert planted.code == 0 and "已制造异常" in planted.out
    code, found = watch_json(repo, emulator)
    assert code == 1 and found[0]["platform"] == "weibo" and found[0]["kind"] == "outside"
    undone = run_cli("emulate", "--unplant", "--url", emulator.url, cwd=repo, env=env)
    assert undone.code == 0 and "撤销" in undone.out
    assert watch_json(repo, emulator) == (0, [])
    curl_like = httpx.post(emulator.url + "/_emulator/plant", json={"kind": "nonsense"}, timeout=5)
    assert curl_like.status_code == 400


def test_fingerprint_ignores_markup_and_image_hosts() -> None:
    a = '<p style="x">你好，<img src="https://a/1.png">世界</p>'
    b = "<section><p>你好，</p><img src='https://mmbiz.qpic.cn/2'><p>世界</p></section>"
    assert content_hash("wechat", "标题", a) == content_hash("wechat", "标题", b)
    assert content_hash("wechat", "标题", a) != content_hash("wechat", "标题", a + "<p>！</p>")
    assert content_hash("weibo", "", "通知 http://t.cn/abc") == content_hash(
        "weibo", "", "通知 http://127.0.0.1:8000/posts/x/"
    )


def test_webhook_settings_from_the_environment_or_the_config_file(tmp_path: Path) -> None:
    from pipeline.watch.alerts import webhook_from

    assert webhook_from({}) is None
    hook = webhook_from({"GOVMEDIA_WATCH_WEBHOOK": "https://hooks.example.cn/a?t=1"})
    assert hook is not None and hook.key == "" and hook.where == "hooks.example.cn"
    config = tmp_path / "govmedia.yml"
    config.write_text(
        "watch_webhook: https://hooks.example.cn/x\nwatch_hmac_key: k-file\napp_hmac_key: k-app\n",
        encoding="utf-8",
    )
    hook = webhook_from({"GOVMEDIA_CONFIG": str(config)})
    assert hook is not None and (hook.url, hook.key) == ("https://hooks.example.cn/x", "k-file")
    hook = webhook_from({"GOVMEDIA_CONFIG": str(config), "GOVMEDIA_WATCH_HMAC_KEY": "k-env"})
    assert hook is not None and hook.key == "k-env"  # the environment wins
