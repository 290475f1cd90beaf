"""Red team, round 14: the names a push brings, as the server's refusals print them.

Whoever pushes chooses every path, and the pre-receive hook prints its refusals on the
terminal of whoever pushed (an editor, or a leader pushing a merge of an editor's branch)
and into the hosted forge's logs. The stage lines and the refusals about unit rule files
showed paths escaped (``content_limits.shown``, red team rounds 12 and 13), but the
refusals of a path outside ``content/``, a symlink, a deletion, two names that differ only
by case and a repeated slug printed the path as pushed: an ESC sequence in a name could
erase the reason on the pusher's terminal or retitle it, a bidi override reorder it.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.security import test_fsck
from tests.security.battery_support import Unit, post_text

ESCAPES = "\x1b[2K\x1b]0;ok\x07\u202e"


def test_every_refusal_of_the_server_shows_the_pushed_names_escaped(unit: Unit) -> None:
    """Attack: one push to main adds a file outside ``content/``, a symlink, two posts whose
    names differ only by case, and a post repeating another's slug, every name carrying
    terminal controls and a bidi override. Defence: each refusal shows the name with those
    characters written as ``\\uXXXX``; the push is refused as before."""
    unit.branch("escapes")
    unit.write(f"notes/a{ESCAPES}.txt", "x\n")
    os.symlink("../../README.md", unit.clone.path / f"content/l{ESCAPES}")
    unit.write(f"content/posts/2026/11/Dup{ESCAPES}.md", post_text("一"))
    unit.write(f"content/posts/2026/11/dup{ESCAPES}.md", post_text("二"))
    unit.write(f"content/posts/2026/10/dup{ESCAPES}.md", post_text("三"))
    unit.commit("Names")
    err = unit.attack()
    assert "\x1b" not in err and "\u202e" not in err and "\x07" not in err, repr(err)
    shown = "\\u001b[2K\\u001b]0;ok\\u0007\\u202e"
    assert f"notes/a{shown}.txt" in err, err  # outside content/
    assert f"content/l{shown} 是符号链接" in err, err
    assert f"content/posts/2026/11/Dup{shown}.md、" in err, err  # names differing by case
    assert f"「dup{shown}」重复" in err, err  # a repeated slug


def test_a_dot_entry_in_a_tree_is_refused_by_the_servers_git(tmp_path: Path) -> None:
    """Held: ``content/./rules`` cannot be spelled in a tree: the server's git refuses an
    entry named ``.`` before any hook runs (``receive.fsckObjects``), like ``..``."""
    test_fsck.test_malformed_tree_is_refused_by_the_server(tmp_path, b".")
