"""Where the platforms are and the credentials: environment variables (DESIGN.md) or a
configuration file OUTSIDE the repository (``GOVMEDIA_CONFIG``, YAML with the same names
in lower case without the prefix, e.g. ``wechat_secret: ...``). The environment wins.
Never from the repository (第十七条); never printed (``__repr__`` hides the secrets).

The file's platform keys are declared on the schema layer (``SETTINGS``): a wrong value is
named by file, line, column and field, and a secret's value is never quoted. The watch's
keys of the same file are declared in ``pipeline/watch/alerts.py``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from pipeline import envvars, redact, yamlutil
from pipeline.errors import ConfigError
from pipeline.schema import Record, Text, raise_errors, read_document
from pipeline.schema.secret import HIDDEN, Secret
from pipeline.site.paths import DEFAULT_SITE_URL

SECRET_FIELDS = ("wechat_secret", "weibo_token", "app_hmac_key")
# the unit's accounts as the platforms name them: Weibo's uid, WeChat's __biz (base64)
ACCOUNT_IDS = {
    "weibo_uid": (re.compile(r"[0-9]{1,19}"), "应为微博账号的数字 uid"),
    "wechat_biz": (re.compile(r"[A-Za-z0-9+/%]{4,64}={0,2}(?:%3D){0,2}"), "应为公众号的 __biz"),
}
URL_FIELDS = ("wechat_api", "weibo_api", "app_push", "site_url")


def _env_name(field: str) -> str:
    return "GOVMEDIA_" + field.upper()


def url_check(env_name: str) -> Callable[[str], str | None]:
    """A schema ``check``: why a value is no ``http(s)://host`` address (None when it is
    one), never quoting it (an address may carry a token)."""

    def problem(text: str) -> str | None:
        try:
            envvars.check_url(env_name, text)
        except ConfigError:
            return f"不是有效的网址（应为 http:// 或 https:// 加主机名）{HIDDEN}。"
        return None

    return problem


# The platforms' part of the ``GOVMEDIA_CONFIG`` file (the watch's part: watch/alerts.py).
SETTINGS = Record(
    {
        "wechat_api": Secret("微信接口地址", check=url_check(_env_name("wechat_api"))),
        "weibo_api": Secret("微博接口地址", check=url_check(_env_name("weibo_api"))),
        "app_push": Secret("客户端推送地址", check=url_check(_env_name("app_push"))),
        "site_url": Text("归档网站地址", blank=True, check=url_check(_env_name("site_url"))),
        "wechat_appid": Text("公众号 AppID", scalars=True, blank=True),
        "wechat_secret": Secret("公众号 AppSecret"),
        "weibo_token": Secret("微博访问令牌"),
        "app_hmac_key": Secret("应用签名密钥"),
        "weibo_rip": Text("微博 rip（运营者 IP）", scalars=True, blank=True),
        "wechat_biz": Text(
            "公众号 __biz（账号标识）",
            blank=True,
            pattern=ACCOUNT_IDS["wechat_biz"][0],
            hint=ACCOUNT_IDS["wechat_biz"][1],
        ),
        "weibo_uid": Text(
            "微博账号 uid",
            scalars=True,
            blank=True,
            pattern=ACCOUNT_IDS["weibo_uid"][0],
            hint=ACCOUNT_IDS["weibo_uid"][1],
        ),
        "wechat_mass_categories": Text("默认群发栏目", scalars=True, blank=True),
        "publisher_key": Text("发布者私钥路径", blank=True),
    },
    unknown="ignore",
)


@dataclass(frozen=True)
class Settings:
    wechat_api: str = "https://api.weixin.qq.com"
    weibo_api: str = "https://api.weibo.com"
    app_push: str = ""
    wechat_appid: str = ""
    wechat_secret: str = ""
    weibo_token: str = ""
    app_hmac_key: str = ""
    site_url: str = DEFAULT_SITE_URL
    weibo_rip: str = ""  # the operator's real IP, which statuses/share requires (``rip``)
    # the unit's own accounts as the platforms name them in links: WeChat's ``__biz`` and
    # Weibo's numeric uid; a link a reply names for another account is refused (round 18b)
    wechat_biz: str = ""
    weibo_uid: str = ""
    wechat_mass_categories: str = ""  # categories mass-sent (群发) by default, comma-separated
    publisher_key: str = ""  # path of the publisher's SSH private key (pipeline/ledger_signing.py)

    def __repr__(self) -> str:
        shown = {
            f.name: (
                "***"
                if f.name in SECRET_FIELDS and getattr(self, f.name)
                else getattr(self, f.name)
            )
            for f in fields(self)
        }
        return f"Settings({shown})"

    __str__ = __repr__

    def secrets(self) -> list[str]:
        return [getattr(self, name) for name in SECRET_FIELDS if getattr(self, name)]


def load_settings(repo_root: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    values: dict[str, str] = {}
    config = env.get("GOVMEDIA_CONFIG", "")
    if config:
        path = Path(config).expanduser().absolute()
        if repo_root is not None:
            root = repo_root.resolve()
            if path.resolve() == root or root in path.resolve().parents:
                raise ConfigError(
                    "GOVMEDIA_CONFIG 指向仓库内的文件：凭据不得放在仓库中（第十七条），请移到仓库之外。"
                )
        values.update(_config_file(path))
    for f in fields(Settings):
        key = _env_name(f.name)
        if env.get(key):
            values[f.name] = env[key]
    known = {f.name for f in fields(Settings)}
    settings = Settings(**{k: v for k, v in values.items() if k in known})
    redact.register(*settings.secrets())  # scrubbed from every message from now on
    if not settings.site_url.endswith("/"):
        settings = Settings(
            **{
                **{f.name: getattr(settings, f.name) for f in fields(settings)},
                "site_url": settings.site_url + "/",
            }
        )
    for name in URL_FIELDS:
        if getattr(settings, name):
            envvars.check_url(_env_name(name), getattr(settings, name))
    for name, (pattern, hint) in ACCOUNT_IDS.items():
        value = getattr(settings, name)
        if value and not pattern.fullmatch(value):
            raise ConfigError(
                f"{_env_name(name)} {hint}：平台应答中的链接按它核对是否本单位账号，请改正后再运行。"
            )
    return settings


def _config_file(path: Path) -> dict[str, str]:
    """The platform keys of the ``GOVMEDIA_CONFIG`` file that are set (SchemaError: a wrong
    value, by file, line, column and field)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ConfigError(
            "GOVMEDIA_CONFIG 指定的配置文件无法读取（不存在、无权限或不是 UTF-8）。"
        ) from None
    return config_values(text, path, SETTINGS)


def config_values(text: str, path: Path, record: Record) -> dict[str, str]:
    """The keys of ``record`` set in the ``GOVMEDIA_CONFIG`` file's ``text`` (the platforms'
    here, the watch's in watch/alerts.py); ConfigError names the file, line and field."""
    try:
        located = yamlutil.load_mapping(text, str(path), record.known())
    except ConfigError as exc:
        raise ConfigError(f"{exc}（GOVMEDIA_CONFIG 指定的配置文件）") from None
    values, issues = read_document(record, located)
    raise_errors(str(path), issues)
    return {key: value for key, value in values.items() if value}
