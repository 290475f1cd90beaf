"""The watch's alert settings on the schema layer: ``watch_webhook``, ``watch_hmac_key`` and
``app_hmac_key`` of the ``GOVMEDIA_CONFIG`` file, each wrong value named by file, line,
column and field, never quoted (an address may carry a token), before any platform call."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.watch.alerts import webhook_from
from tests.conftest import SAMPLE_CONTENT, run_cli
from tests.settings_support import SECRET, assert_refused_unquoted, settings_file


@pytest.mark.parametrize(
    ("text", "where", "field"),
    [
        (f"watch_webhook: ftp://{SECRET}.cn/x\n", "1:1", "watch_webhook（告警地址）不是有效的网址"),
        (f"watch_webhook: https:///{SECRET}\n", "1:1", "watch_webhook（告警地址）不是有效的网址"),
        (f"watch_webhook: [{SECRET}]\n", "1:1", "watch_webhook（告警地址）应为文本"),
        (f"a: 1\nwatch_hmac_key: [{SECRET}]\n", "2:1", "watch_hmac_key（告警签名密钥）应为文本"),
        (f"app_hmac_key: {{k: {SECRET}}}\n", "1:1", "app_hmac_key（应用签名密钥）应为文本"),
        ("watch_hmac_key: a\nwatch_hmac_key: b\n", "2:1", "watch_hmac_key 重复出现"),
    ],
)
def test_a_bad_alert_setting_names_file_line_column_and_field(
    tmp_path: Path, text: str, where: str, field: str
) -> None:
    path = settings_file(tmp_path, text)
    assert_refused_unquoted(webhook_from, path, where, field)


def test_good_settings_and_other_keys_pass(tmp_path: Path) -> None:
    path = settings_file(
        tmp_path,
        "wechat_secret: x\nwatch_webhook: https://hooks.example.cn/x\napp_hmac_key: 1234\n",
    )
    hook = webhook_from({"GOVMEDIA_CONFIG": str(path)})
    assert hook is not None and (hook.url, hook.key) == ("https://hooks.example.cn/x", "1234")
    assert (
        webhook_from({"GOVMEDIA_CONFIG": str(settings_file(tmp_path, "watch_webhook: ''\n"))})
        is None
    )


def test_a_bad_address_in_the_environment_is_refused() -> None:
    with pytest.raises(ConfigError, match="GOVMEDIA_WATCH_WEBHOOK 不是有效的网址"):
        webhook_from({"GOVMEDIA_WATCH_WEBHOOK": "hooks.example.cn/x"})


def test_watch_stops_before_any_platform_call(tmp_path: Path) -> None:
    unit = tmp_path / "unit"  # the settings file lives outside the repository
    (unit / "content").mkdir(parents=True)
    for name in ("accounts.yml", "roster.yml"):
        shutil.copy2(SAMPLE_CONTENT / name, unit / "content" / name)
    path = settings_file(tmp_path, f"watch_hmac_key: [{SECRET}]\n")
    env = {"GOVMEDIA_CONFIG": str(path), "GOVMEDIA_WECHAT_API": "http://127.0.0.1:9"}
    result = run_cli("watch", cwd=unit, env=env)
    assert result.code == 2, result
    assert f"{path}:1:1: 字段 watch_hmac_key（告警签名密钥）应为文本" in result.err
    assert SECRET not in result.err + result.out and "Traceback" not in result.err
    assert result.out == ""


def test_a_settings_file_inside_the_repository_is_refused_before_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    for name in ("accounts.yml", "roster.yml"):
        shutil.copy2(SAMPLE_CONTENT / name, tmp_path / "content" / name)
    path = settings_file(tmp_path, f"watch_hmac_key: [{SECRET}]\n")
    result = run_cli("watch", cwd=tmp_path, env={"GOVMEDIA_CONFIG": str(path)})
    assert result.code == 2, result
    assert "GOVMEDIA_CONFIG 指向仓库内的文件" in result.err and "watch_hmac_key" not in result.err
