"""Which environment a server-side step may see (DESIGN.md, "Trust boundary").

Only the publish step handles credentials, and it gets an allowlist: the process basics
and the ``GOVMEDIA_*`` variables it reads. Every other step (the archive build, git in the
work clone, anything reading the repository) gets the environment with every credential
removed: the platform secrets by name, and anything whose name says it is one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# The credentials DESIGN.md names, the publisher's own key, and the variables that point at
# or carry one (a configuration file with the secrets, the watch's signed webhook).
# The ones the publish step needs (the platforms' secrets, the publisher's key, the file
# that may hold them) are PUBLISH_CREDENTIALS.
PUBLISH_CREDENTIALS = frozenset(
    {
        "GOVMEDIA_WECHAT_APPID",
        "GOVMEDIA_WECHAT_SECRET",
        "GOVMEDIA_WEIBO_TOKEN",
        "GOVMEDIA_APP_HMAC_KEY",
        "GOVMEDIA_PUBLISHER_KEY",
        "GOVMEDIA_CONFIG",
    }
)
CREDENTIALS = PUBLISH_CREDENTIALS | {
    "GOVMEDIA_WATCH_WEBHOOK",
    "GOVMEDIA_WATCH_HMAC_KEY",
    "GOVMEDIA_INTERACTION_SALT",  # with it, a citizen's pseudonym can be tested back
}
# A name containing one of these words is a credential (SSH_AUTH_SOCK, GIT_ASKPASS and
# AWS_SECRET_ACCESS_KEY included), whatever its prefix; GIT_AUTHOR_* is not.
SECRET_WORDS = re.compile(r"SECRET|TOKEN|KEY|PASS|CREDENTIAL|AUTH(?!OR)|COOKIE", re.IGNORECASE)
# A proxy URL with ``user:password@`` in it is a credential too.
PROXY = re.compile(r"PROXY", re.IGNORECASE)
# Configuration passed to git through the environment may carry one (an extra HTTP header,
# a signing key): dropped as a whole, count included, so git never sees half of it.
GIT_CONFIG_ENV = re.compile(r"GIT_CONFIG_(?:PARAMETERS|COUNT|KEY_\d+|VALUE_\d+)")

# What every process needs to run at all (no credential among them).
BASICS = frozenset(
    {
        "PATH",
        "HOME",
        "USER",
        "LOGNAME",
        "LANG",
        "LANGUAGE",
        "TZ",
        "TMPDIR",
        "XDG_CACHE_HOME",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "GIT_CONFIG_NOSYSTEM",
        "GIT_CONFIG_GLOBAL",
    }
)
# The variables ``govmedia publish`` reads (platforms/settings.py, platforms/wechat_channel.py,
# http.py, ratelimit.py, crashpoints.py), besides the credentials.
PUBLISH_SETTINGS = frozenset(
    {
        "GOVMEDIA_WECHAT_API",
        "GOVMEDIA_WEIBO_API",
        "GOVMEDIA_APP_PUSH",
        "GOVMEDIA_SITE_URL",
        "GOVMEDIA_POLL_INTERVAL",
        "GOVMEDIA_MAX_POLLS",
        "GOVMEDIA_RETRY_BASE",
        "GOVMEDIA_MAX_WINDOW_WAIT",
        "GOVMEDIA_HTTP_DEADLINE",
        "GOVMEDIA_CRASH_AT",
        "GOVMEDIA_TODAY",
        "GOVMEDIA_EMULATOR_CLOCK",  # the demo's emulators only (pipeline/clock.py)
        "GOVMEDIA_HOOK_ACTIVE",
        "GOVMEDIA_WEIBO_RIP",
        "GOVMEDIA_WEIBO_UID",
        "GOVMEDIA_WECHAT_BIZ",
        "GOVMEDIA_WEIBO_READS_PER_HOUR",
        "GOVMEDIA_WECHAT_MATERIAL_CAP",
        "GOVMEDIA_WECHAT_MASS_CATEGORIES",
    }
)
PUBLISH_PREFIXES = ("LC_", "GOVMEDIA_RATE_")
PROXIES = frozenset(
    {
        name
        for base in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
        for name in (base, base.lower())
    }
)


def is_credential(name: str, value: str = "") -> bool:
    """Whether the variable ``name`` (with ``value``) carries or points at a credential."""
    if name.upper() in CREDENTIALS or SECRET_WORDS.search(name):
        return True
    if GIT_CONFIG_ENV.fullmatch(name):
        return True
    return bool(PROXY.search(name)) and "@" in value


def without_credentials(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` with every credential removed: for the build and everything but publishing."""
    return {k: v for k, v in env.items() if not is_credential(k, v)}


def publish_env(env: Mapping[str, str]) -> dict[str, str]:
    """Only what ``govmedia publish`` uses, taken from ``env``: the process basics, its
    settings, its credentials and the proxies it may need to reach the platforms."""
    wanted = BASICS | PUBLISH_SETTINGS | PUBLISH_CREDENTIALS | PROXIES
    return {k: v for k, v in env.items() if k in wanted or k.startswith(PUBLISH_PREFIXES)}


# What ``govmedia inbox fetch`` / ``send`` read besides the publish step's variables.
INBOX_SETTINGS = frozenset(
    {"GOVMEDIA_APP_API", "GOVMEDIA_INTERACTION_SALT", "GOVMEDIA_WECHAT_PUSH_SPOOL"}
)


def inbox_env(env: Mapping[str, str]) -> dict[str, str]:
    """Only what the inbox steps use: the publish step's allowlist plus the app's interaction
    API and the unit's pseudonym salt."""
    return {**publish_env(env), **{k: v for k, v in env.items() if k in INBOX_SETTINGS}}
