"""The post-receive hook's entry point before it moved to :mod:`pipeline.publishing.hook`.

Kept for hooks installed by an earlier ``govmedia install-hooks`` (their script runs
``python -I -m pipeline.publish_hook``); running ``install-hooks`` again writes the new one.
"""

from __future__ import annotations

import sys

from pipeline.error_handler import guarded
from pipeline.publishing.hook import main

if __name__ == "__main__":
    raise SystemExit(guarded(main, ["pipeline.publishing.hook", *sys.argv[1:]]))
