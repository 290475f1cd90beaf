"""The search shards of a site rebuilt over its changed pages only (``partial.py``).

``theme/search_shards.py`` writes ``search/<shard>.json`` (each page's entries, in the order
mkdocs builds the pages) and a manifest ``search/search_index.json`` naming every shard with
its number of entries and bytes. When only some pages were built again, the other pages'
entries are those of the previous site: each changed page's entries take the place of its
old ones in the same shard, and the manifest is written again with the shards' new sizes.
The previous files are used only when their hashes are the sealed list's and writing them
again as read gives their bytes (the same JSON layout as the hook's).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pipeline.site.carry import Files

MANIFEST = "search/search_index.json"
PAGED = re.compile(r"(?:^|/)page/\d+(?:/index)?\.html$")  # as theme/search_shards.py: never indexed


def dump(data: object) -> bytes:
    """As ``theme/search_shards.py`` writes a shard or the manifest."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _read(path: Path, sha: str | None) -> Any:
    """The JSON of a previous file whose hash is ``sha`` and which reads back to its bytes."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if sha is None or hashlib.sha256(data).hexdigest() != sha:
        return None
    try:
        value = json.loads(data)
    except ValueError:
        return None
    return value if dump(value) == data else None


def _url(doc: dict[str, Any]) -> str:
    return str(doc.get("location", "")).split("#", 1)[0]


def merged(out: Path, built: Path, files: Files, urls: list[str]) -> dict[str, bytes] | None:
    """The shards and manifest of ``out`` with the entries of the pages at ``urls`` taken
    from ``built`` (the run over those pages); None when a page's entries are not found
    as one run in the shard of the same name in both."""
    # the pages' URLs as the index names them (a category's name is quoted); a list's
    # later pages have no entries
    urls = [quote(url) for url in urls if not PAGED.search(url)]
    manifest = _read(out / MANIFEST, files.get(MANIFEST))
    fresh = json.loads((built / MANIFEST).read_bytes())
    if not isinstance(manifest, dict) or not isinstance(fresh, dict):
        return None
    new: dict[str, tuple[str, list[Any]]] = {}
    for shard in fresh["config"]["shards"]:
        for doc in json.loads((built / "search" / shard["url"]).read_bytes())["docs"]:
            if _url(doc) in urls:
                new.setdefault(_url(doc), (shard["url"], []))[1].append(doc)
    if set(new) != set(urls):
        return None
    shards: dict[str, list[Any]] = {}
    for url, (name, docs) in new.items():
        rel = f"search/{name}"
        if rel not in shards:
            old = _read(out / rel, files.get(rel))
            if not isinstance(old, dict):
                return None
            shards[rel] = old["docs"]
        at = [i for i, doc in enumerate(shards[rel]) if _url(doc) == url]
        if not at or at != list(range(at[0], at[-1] + 1)):
            return None
        shards[rel][at[0] : at[-1] + 1] = docs
    made = {rel: dump({"docs": docs}) for rel, docs in shards.items()}
    for entry in manifest["config"]["shards"]:
        data = made.get(f"search/{entry['url']}")
        if data is not None:
            entry["docs"], entry["bytes"] = len(shards[f"search/{entry['url']}"]), len(data)
    made[MANIFEST] = dump(manifest)
    return made
