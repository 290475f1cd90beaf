"""Text rules of Weibo that need no HTTP client (``govmedia check`` imports this, not the
client in :mod:`pipeline.platforms.weibo`)."""

from __future__ import annotations

import re

# statuses/share refuses topics: 「#话题#」 (two # around a short text without spaces)
TOPIC = re.compile(r"#[^#\s]{1,64}#")
