"""Where the platforms are and the credentials: environment variables (DESIGN.md) or a
configuration file OUTSIDE the repository (``GOVMEDIA_CONFIG``, YAML with the same names
in lower case without the prefix, e.g. ``wechat_secret: ...``). The environment wins.
Never from the repository (第十七条); never printed (``__repr__`` hides the secrets).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from pipeline import envvars, redact, yamlutil
from pipeline.errors import ConfigError
from pipeline.site.paths import DEFAULT_SITE_URL

SECRET_FIELDS = ("wechat_secret", "weibo_token", "app_hmac_key")


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
        try:
            data = yamlutil.load_data(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yamlutil.YamlSyntaxError):
            raise ConfigError("GOVMEDIA_CONFIG 指定的配置文件无法读取或不是有效的 YAML。") from None
        if not isinstance(data, dict):
            raise ConfigError("GOVMEDIA_CONFIG 指定的配置文件应为键值映射。")
        values.update({str(k): str(v) for k, v in data.items() if v is not None})
    for f in fields(Settings):
        key = "GOVMEDIA_" + f.name.upper()
        if f.name == "app_hmac_key":
            key = "GOVMEDIA_APP_HMAC_KEY"
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
    for name in ("wechat_api", "weibo_api", "app_push", "site_url"):
        if getattr(settings, name):
            envvars.check_url("GOVMEDIA_" + name.upper(), getattr(settings, name))
    return settings
