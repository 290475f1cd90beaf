"""Where the blog plugin places a post, kept with the post's facts (``post_facts.py``).

For every post, every build, the plugin's ``_resolve_post`` formats the post's path (its
slug, its categories' slugs, its date through Babel), makes a second ``File`` for that path
to learn its destination and URL, and joins the site's URL with it for the canonical URL;
at 2,000 posts, with the posts themselves made from kept facts, that was about half of the
plugin's ``on_files``. Each is a function of the post's source path and bytes (the key of
its facts) and of the build (the facts' build key: the theme's files, ``mkdocs.yml`` among
them, the package versions and the site's URL). So with the facts the hook keeps the
place the plugin gave a post (its destination, URL, canonical URL and absolute URL) under
the same key, in the same sealed private file, and a post whose facts and place are kept
is placed from them; any other post is placed by the plugin's own steps, and its place
kept. The destination's absolute path is joined with this build's site folder, as
``File`` joins it. A kept place that is not four strings (the canonical URLs may be none),
or whose destination is absolute or climbs out of the site, is not used.

Not a hook: imported by ``post_facts.py`` from beside it, as mkdocs loads that hook.
"""

from __future__ import annotations

import os
from typing import Any

# post_facts.Facts, given to ``patch`` (this module does not import the hook)
Facts = Any


def post_config(cls: type, path: str, meta: dict[str, Any], values: dict[str, Any]) -> Any:
    """What ``cls(path)``, ``load_dict`` of the front matter's keys of its schema and
    ``update(values)`` leave, when ``values`` holds every key of the schema in its order
    (as a validated configuration's values do): its data are then ``values``; without
    the defaults set and overwritten one by one. Any other ``values`` go the long way."""
    schema = [key for key, _ in cls._schema]  # type: ignore[attr-defined]
    if list(values) != schema:
        config = cls(path)
        config.load_dict({key: meta[key] for key in set(meta) & set(schema)})
        config.update(values)
        return config
    config = cls.__new__(cls)
    config.data = values
    config._Config__user_configs = [{key: meta[key] for key in set(meta) & set(schema)}]
    config._schema_keys = set(schema)
    config.config_file_path = path
    return config


def usable(place: object) -> bool:
    """A kept place: destination and URL, both relative strings, then the canonical and
    absolute URLs (strings, or none when the site has no URL)."""
    if not (isinstance(place, list) and len(place) == 4):
        return False
    dest, url, canonical, absolute = place
    if not (isinstance(dest, str) and isinstance(url, str) and dest):
        return False
    if dest.startswith("/") or ".." in dest.split("/") or "\\" in dest:
        return False
    return all(value is None or isinstance(value, str) for value in (canonical, absolute))


def _placed(plugin: Any, post: Any, file: Any, config: Any) -> list[Any]:
    """The plugin's own steps of ``_resolve_post`` after the ``Post``; the place they gave."""
    path = plugin._format_path_for_post(post, config)
    temp = plugin._path_to_file(path, config, temp=False)
    file.dest_uri = temp.dest_uri
    file.abs_dest_path = temp.abs_dest_path
    file.url = temp.url
    post._set_canonical_url(config.site_url)
    return [file.dest_uri, file.url, post.canonical_url, post.abs_url]


def _place(post: Any, file: Any, config: Any, place: list[Any]) -> None:
    dest, url, canonical, absolute = place
    file.dest_uri = dest
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, dest))
    file.url = url
    post.canonical_url = canonical
    post.abs_url = absolute


def attach(facts: Facts) -> None:
    """Give this build's facts to the patched ``_resolve_post``, if it is patched: a build
    without facts (``--full``, no page cache) then runs the plugin's own."""
    from material.plugins.blog import plugin as blog

    if getattr(blog.BlogPlugin._resolve_post, "gm_place", False):
        blog.BlogPlugin._resolve_post.gm_facts = facts  # type: ignore[attr-defined]


def patch(facts: Facts) -> None:
    """``BlogPlugin._resolve_post`` placing a post from its kept place when it has one."""
    from material.plugins.blog import plugin as blog

    if getattr(blog.BlogPlugin._resolve_post, "gm_place", False):
        attach(facts)
        return
    original = blog.BlogPlugin._resolve_post

    def resolve_post(self: Any, file: Any, config: Any) -> Any:
        kept = resolve_post.gm_facts  # type: ignore[attr-defined]
        if not kept.key:
            return original(self, file, config)
        kept.restored = ""
        post = blog.Post(file, config)  # post_facts.py's ``__init__``: its key in ``restored``
        key = kept.restored
        place = kept.places.get(key) if key else None
        if usable(place):
            _place(post, file, config, place)  # type: ignore[arg-type]
        else:
            place = _placed(self, post, file, config)
            if not key:
                return post
            kept.changed = True
        kept.used_places[key] = place
        return post

    resolve_post.gm_place = True  # type: ignore[attr-defined]
    resolve_post.gm_facts = facts  # type: ignore[attr-defined]
    blog.BlogPlugin._resolve_post = resolve_post  # type: ignore[method-assign]
