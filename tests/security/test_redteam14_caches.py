"""Red team, round 14: the checker's private cache when it lies inside a checkout.

The parsed package rules, the compiled matcher keys and the other files of the checker's
cache (``pipeline/rules/cache.py``) are trusted when they are the user's own plain files
that nobody else can write, sealed by an unkeyed BLAKE2b digest of their content. Files a
checkout writes are exactly that. So when ``XDG_CACHE_HOME`` (or ``HOME``) points into the
repository under review — a CI job that keeps its caches in the workspace, a container
whose home is the checkout — a branch can commit ``.cache/govmedia/<name>`` holding the
package's parsed rules without one rule file, resealed, and the check that ``approve``
runs before signing (not only ``govmedia check``) no longer sees the rule. The cache's
name hashes the package, the Python version and the installed distributions: the same for
every reviewer using one published CI image, so an attacker can compute it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import GovmediaError
from pipeline.rules import cache
from tests.security.battery_support import HONEST, Unit, post_text
from tests.security.redteam_support import approve_acked
from tests.security.test_redteam_rules import POST, SERVICE, TITLE

KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA=\n"


def test_a_cache_committed_into_the_checkout_never_silences_the_check(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attack: the reviewers' cache folder is ``<checkout>/.cache``. The branch commits the
    package's parsed rules without ``a17-credentials.yml``, resealed, where the cache reads
    them, and a post that publishes a private key. Defence: a cache folder inside a work
    tree is not used (the rules are parsed again in memory), so ``approve`` still refuses."""
    inside = unit.clone.path / ".cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(inside))
    unit.branch("cached")
    unit.write(POST, post_text(TITLE).replace(SERVICE, "运维口令见下：\n\n" + KEY))
    unit.commit("New post")
    with pytest.raises(GovmediaError, match="A17-01"):  # the check refuses the post
        approve_acked(unit, HONEST[0], 1, POST)
    assert not inside.exists()  # and cached nothing in the checkout
    # What the attacker computes with the reviewers' image: the honest file, then poisoned.
    monkeypatch.setenv("XDG_CACHE_HOME", str(unit.tmp / "attacker"))
    with pytest.raises(GovmediaError, match="A17-01"):
        approve_acked(unit, HONEST[0], 1, POST)
    [parsed] = sorted((unit.tmp / "attacker" / "govmedia").glob("rulefiles-*.json"))
    data = json.loads(parsed.read_bytes().partition(b"\n")[2])
    data["patterns"] = [f for f in data["patterns"] if "a17-credentials" not in f[0]]
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    unit.write(f".cache/govmedia/{parsed.name}", cache.digest(payload) + "\n" + payload)
    unit.clone.git("add", "-f", f".cache/govmedia/{parsed.name}")
    unit.commit("Build cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(inside))
    assert cache.read_sealed_json(parsed.name) is None
    with pytest.raises(GovmediaError, match="A17-01"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_a_cache_outside_any_checkout_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Honest counterpart: the user's own cache folder, in no work tree, is written and read;
    the same folder under a checkout (a ``.git`` above it, a link into one) is not."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / ".cache"))
    cache.write_sealed_json("probe.json", {"a": 1})
    assert cache.read_sealed_json("probe.json") == {"a": 1}
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "repo")
    for inside in (tmp_path / "repo" / ".cache", tmp_path / "link" / ".cache"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(inside))
        assert cache.cache_dir() is None
    (tmp_path / "home" / ".git").touch()  # a work tree's ``.git`` may be a file
    cache.in_work_tree.cache_clear()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / ".cache"))
    assert cache.cache_dir() is None
