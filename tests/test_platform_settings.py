"""The platforms' part of the ``GOVMEDIA_CONFIG`` file on the schema layer: each wrong value
named by file, line, column and field, a secret never quoted, the environment winning, the
watch's keys of the same file left to the watch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.platforms.settings import load_settings
from tests.conftest import SAMPLE_CONTENT, run_cli
from tests.settings_support import SECRET, assert_refused_unquoted, settings_file


@pytest.mark.parametrize(
    ("text", "where", "field"),
    [
        (f"wechat_secret: [{SECRET}]\n", "1:1", "wechat_secret（公众号 AppSecret）应为文本"),
        (f"a: 1\nweibo_token: {{k: {SECRET}}}\n", "2:1", "weibo_token（微博访问令牌）应为文本"),
        (f"app_push: ftp://{SECRET}.cn/push\n", "1:1", "app_push（客户端推送地址）不是有效的网址"),
        (f"wechat_api: {SECRET}\n", "1:1", "wechat_api（微信接口地址）不是有效的网址"),
        ("app_hmac_key: a\napp_hmac_key: b\n", "2:1", "app_hmac_key 重复出现"),
        ("site_url: [x]\n", "1:1", "site_url（归档网站地址）应为文本"),
    ],
)
def test_a_bad_platform_setting_names_file_line_column_and_field(
    tmp_path: Path, text: str, where: str, field: str
) -> None:
    path = settings_file(tmp_path, text)
    assert_refused_unquoted(lambda env: load_settings(None, env), path, where, field)


def test_good_file_is_read_the_environment_wins_and_watch_keys_are_left_alone(
    tmp_path: Path,
) -> None:
    path = settings_file(
        tmp_path,
        "wechat_appid: 12345\nwechat_secret: from-file\nweibo_token: ''\n"
        "app_push: http://127.0.0.1:9/push\nwatch_webhook: https://hooks.example.cn/x\n"
        "site_url: https://archive.example.gov.cn\n",
    )
    env = {"GOVMEDIA_CONFIG": str(path), "GOVMEDIA_WECHAT_SECRET": "from-env"}
    settings = load_settings(None, env)
    assert settings.wechat_appid == "12345"  # a number written as text counts
    assert settings.wechat_secret == "from-env"
    assert settings.weibo_token == ""  # blank is unset
    assert settings.app_push == "http://127.0.0.1:9/push"
    assert settings.site_url == "https://archive.example.gov.cn/"
    assert "from-env" not in repr(settings)


def test_an_unreadable_or_malformed_file_is_refused_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="GOVMEDIA_CONFIG 指定的配置文件无法读取"):
        load_settings(None, {"GOVMEDIA_CONFIG": str(tmp_path / "missing.yml")})
    path = settings_file(tmp_path, "- a list\n")
    with pytest.raises(ConfigError) as info:
        load_settings(None, {"GOVMEDIA_CONFIG": str(path)})
    assert str(info.value).startswith(f"{path}:1: 顶层应为映射")
    assert "GOVMEDIA_CONFIG" in str(info.value)


def test_inbox_fetch_stops_with_the_message_and_no_traceback(tmp_path: Path) -> None:
    unit = tmp_path / "unit"  # the settings file lives outside the repository
    (unit / "content").mkdir(parents=True)
    for name in ("accounts.yml", "roster.yml"):
        shutil.copy2(SAMPLE_CONTENT / name, unit / "content" / name)
    path = settings_file(tmp_path, f"weibo_token: [{SECRET}]\n")
    env = {
        "GOVMEDIA_CONFIG": str(path),
        "GOVMEDIA_WEIBO_API": "http://127.0.0.1:9",
        "GOVMEDIA_INTERACTION_SALT": "x" * 32,
    }
    result = run_cli("inbox", "fetch", cwd=unit, env=env)
    assert result.code == 2, result
    assert f"{path}:1:1: 字段 weibo_token（微博访问令牌）应为文本" in result.err
    assert SECRET not in result.err + result.out and "Traceback" not in result.err
