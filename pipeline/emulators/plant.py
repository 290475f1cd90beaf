"""Planting discrepancies in the emulators, for the account watch's tests and demo.

``POST /_emulator/plant`` with a JSON object (or a list of them):

- ``{"kind": "outside", "platform": "weibo"|"wechat"|"app", "text": ..., "title": ...,
  "count": N}`` — N items posted "outside" the pipeline (as from a phone or a stolen
  password): the ledger knows nothing of them;
- ``{"kind": "edit", "platform": ..., "id": ..., "text": ...}`` — the text of a published
  item changed on the platform (``id``: WeChat article id, Weibo status id, app item id;
  default: the platform's newest item);
- ``{"kind": "delete", "platform": ..., "id": ...}`` — an item deleted on the platform
  (WeChat: publish status 5); ``{"kind": "ban", "id": ...}`` — a WeChat article removed by
  the platform (status 6).

Every change is journalled: ``DELETE /_emulator/plant`` undoes them all (newest first),
``GET /_emulator/plant`` lists them. The same from the command line:
``govmedia emulate --plant outside --url http://127.0.0.1:8765`` (``--unplant`` undoes).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import secrets
from typing import Any

from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.emulators.wechat_publish import article_url
from pipeline.emulators.weibo_api import new_status

Answer = tuple[int, Any, dict[str, str]]
PLATFORMS = ("wechat", "weibo", "app")
KINDS = ("outside", "edit", "delete", "ban")
OUTSIDE_TITLE = "关于暂停办理全部业务的紧急通知"
OUTSIDE_TEXT = "接上级通知，本局即日起暂停办理全部业务，恢复时间另行通知。"
EDIT_TEXT = "（此段文字为发布后在平台上改动的内容）"


class PlantError(ValueError):
    pass


def handle(state: EmulatorState, base_url: str, req: Request) -> Answer:
    """The ``/_emulator/plant`` control endpoint."""
    if req.method == "GET":
        with state.lock:
            return 200, {"plants": list(state.plants)}, {}
    if req.method == "DELETE":
        undone = undo_all(state)
        state.save()
        return 200, {"undone": undone}, {}
    try:
        specs = json.loads(req.body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return 400, {"error": "body is not JSON"}, {}
    if isinstance(specs, dict):
        specs = [specs]
    if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
        return 400, {"error": "a JSON object or a list of objects"}, {}
    planted: list[dict[str, Any]] = []
    try:
        for spec in specs:
            planted.extend(plant(state, base_url, spec))
    except PlantError as exc:
        return 400, {"error": str(exc), "planted": planted}, {}
    state.save()
    return 200, {"planted": planted}, {}


def plant(state: EmulatorState, base_url: str, spec: dict[str, Any]) -> list[dict[str, Any]]:
    kind = str(spec.get("kind", ""))
    platform = str(spec.get("platform") or ("wechat" if kind == "ban" else "weibo"))
    if kind not in KINDS:
        raise PlantError(f"kind must be one of {KINDS}")
    if platform not in PLATFORMS:
        raise PlantError(f"platform must be one of {PLATFORMS}")
    if kind == "ban" and platform != "wechat":
        raise PlantError("ban (status 6) exists on wechat only")
    with state.lock:
        if kind == "outside":
            count = int(spec.get("count", 1))
            if not 1 <= count <= 10_000:
                raise PlantError("count must be 1..10000")
            return [_outside(state, base_url, platform, spec, n) for n in range(count)]
        target = str(spec.get("id") or "") or _newest(state, platform)
        if not target:
            raise PlantError(f"no item on {platform} to {kind}")
        if kind == "edit":
            return [_edit(state, platform, target, str(spec.get("text") or EDIT_TEXT))]
        status = 6 if kind == "ban" else int(spec.get("status", 5))
        return [_delete(state, platform, target, status)]


# -- journal -------------------------------------------------------------------------------


def _journal(state: EmulatorState, where: str, key: str, before: Any) -> None:
    state.plants.append({"where": where, "key": key, "before": copy.deepcopy(before)})


def undo_all(state: EmulatorState) -> int:
    with state.lock:
        count = len(state.plants)
        for entry in reversed(state.plants):
            _undo(state, entry)
        state.plants.clear()
        return count


def _undo(state: EmulatorState, entry: dict[str, Any]) -> None:
    where, key, before = entry["where"], entry["key"], entry["before"]
    if where == "statuses":
        index = next((i for i, s in enumerate(state.statuses) if s["idstr"] == key), None)
        if before is None:
            if index is not None:
                state.statuses.pop(index)
        elif index is not None:
            state.statuses[index] = before
        return
    table: dict[str, Any] = getattr(state, where)
    if before is None:
        table.pop(key, None)
    else:
        table[key] = before


# -- the plants ------------------------------------------------------------------------------


def _outside(
    state: EmulatorState, base_url: str, platform: str, spec: dict[str, Any], n: int
) -> dict[str, Any]:
    text = str(spec.get("text") or OUTSIDE_TEXT)
    title = str(spec.get("title") or OUTSIDE_TITLE)
    if n:
        text, title = f"{text}（{n + 1}）", f"{title}（{n + 1}）"
    if platform == "wechat":
        item_id = _outside_wechat(state, base_url, title, text)
    elif platform == "weibo":
        item_id = _outside_weibo(state, text)
    else:
        item_id = _outside_app(state, title, text)
    return {"kind": "outside", "platform": platform, "id": item_id}


def _outside_wechat(state: EmulatorState, base_url: str, title: str, text: str) -> str:
    """A WeChat article published outside the pipeline, with its finished job."""
    now = state.now()
    publish_id = str(2_247_483_000 + state.next_id())
    article_id = f"ART_{publish_id}_{secrets.token_hex(6)}"
    article = {
        "title": title,
        "author": "",
        "digest": text[:54],
        "content": f"<p>{text}</p>",
        "content_source_url": "",
        "thumb_media_id": "",
        "article_id": article_id,
        "idx": 1,
        "publish_id": publish_id,
        "url": article_url(base_url, article_id, 1),
        "create_time": int(now),
        "update_time": int(now),
    }
    _journal(state, "articles", f"{article_id}#1", None)
    state.articles[f"{article_id}#1"] = article
    _journal(state, "jobs", publish_id, None)
    state.jobs[publish_id] = {
        "media_id": "",
        "articles": [article],
        "final_status": 0,
        "polls_left": 0,
        "status": 0,
        "article_id": article_id,
    }
    return article_id


def _outside_weibo(state: EmulatorState, text: str) -> str:
    """A Weibo status posted outside the pipeline."""
    status = new_status(state, text, "微博 weibo.com", state.now())
    sid = status["id"]
    _journal(state, "statuses", str(sid), None)
    state.statuses.append(status)
    return str(sid)


def _outside_app(state: EmulatorState, title: str, text: str) -> str:
    """An app item pushed outside the pipeline."""
    now = state.now()
    number = state.next_id()
    item_id = f"outside-{number}-{secrets.token_hex(4)}"
    stamp = dt.datetime.fromtimestamp(now, dt.timezone(dt.timedelta(hours=8)))
    _journal(state, "app_items", item_id, None)
    state.app_items[item_id] = {
        "push_id": f"push-{number}",
        "key": f"outside:{item_id}",
        "item": {
            "id": item_id,
            "title": title,
            "content_html": f"<p>{text}</p>",
            "date_published": stamp.isoformat(),
        },
        "received_at": now,
    }
    return item_id


def _newest(state: EmulatorState, platform: str) -> str:
    if platform == "wechat":
        live = [a for a in state.articles.values() if not a.get("deleted")]
        live.sort(key=lambda a: (a["create_time"], a["publish_id"]))
        return str(live[-1]["article_id"]) if live else ""
    if platform == "weibo":
        statuses = [s for s in state.statuses if not s.get("deleted")]
        return str(statuses[-1]["idstr"]) if statuses else ""
    items = [k for k, v in state.app_items.items() if not v.get("retracted")]
    return items[-1] if items else ""


def _wechat_keys(state: EmulatorState, target: str) -> list[str]:
    keys = [k for k, a in state.articles.items() if a["article_id"] == target or k == target]
    if not keys:
        raise PlantError(f"no wechat article {target}")
    return keys


def _weibo_status(state: EmulatorState, target: str) -> dict[str, Any]:
    for status in state.statuses:
        if status["idstr"] == target:
            return status
    raise PlantError(f"no weibo status {target}")


def _app_key(state: EmulatorState, target: str) -> str:
    for key, value in state.app_items.items():
        item = value.get("item") or {}
        if target in (key, value.get("push_id"), item.get("url")):
            return key
    raise PlantError(f"no app item {target}")


def _edit(state: EmulatorState, platform: str, target: str, text: str) -> dict[str, Any]:
    if platform == "wechat":
        for key in _wechat_keys(state, target)[:1]:
            article = state.articles[key]
            _journal(state, "articles", key, article)
            article["content"] = article["content"] + f"<p>{text}</p>"
            article["update_time"] = int(state.now())
    elif platform == "weibo":
        status = _weibo_status(state, target)
        _journal(state, "statuses", target, status)
        status["text"] = text + " " + status["text"]
    else:
        key = _app_key(state, target)
        _journal(state, "app_items", key, state.app_items[key])
        item = state.app_items[key]["item"]
        item["content_html"] = str(item.get("content_html", "")) + f"<p>{text}</p>"
        target = key
    return {"kind": "edit", "platform": platform, "id": target}


def _delete(state: EmulatorState, platform: str, target: str, status: int) -> dict[str, Any]:
    if platform == "wechat":
        for key in _wechat_keys(state, target):
            _journal(state, "articles", key, state.articles[key])
            state.articles[key]["deleted"] = True
            publish_id = state.articles[key]["publish_id"]
            if publish_id in state.jobs:
                _journal(state, "jobs", publish_id, state.jobs[publish_id])
                state.jobs[publish_id]["status"] = status
        kind = "ban" if status == 6 else "delete"
        return {"kind": kind, "platform": platform, "id": target, "status": status}
    if platform == "weibo":
        found = _weibo_status(state, target)
        _journal(state, "statuses", target, found)
        found["deleted"] = True
    else:
        key = _app_key(state, target)
        _journal(state, "app_items", key, state.app_items[key])
        del state.app_items[key]
        target = key
    return {"kind": "delete", "platform": platform, "id": target}


# -- the command-line one-liner ------------------------------------------------------------


def request_plant(url: str, spec: dict[str, Any] | None) -> dict[str, Any]:
    """``POST`` (or, with ``spec`` None, ``DELETE``) ``/_emulator/plant`` on a running emulator."""
    import httpx

    from pipeline.errors import UsageError

    endpoint = url.rstrip("/") + "/_emulator/plant"
    try:
        with httpx.Client(timeout=10, trust_env=False) as http:
            response = http.delete(endpoint) if spec is None else http.post(endpoint, json=spec)
    except httpx.HTTPError as exc:
        raise UsageError(f"无法连接模拟器 {url}（{type(exc).__name__}）：请确认已启动。") from None
    data = response.json()
    if response.status_code != 200:
        raise UsageError(f"模拟器拒绝了请求：{data.get('error', response.status_code)}")
    return data if isinstance(data, dict) else {}


def plant_command(args: Any) -> int:
    """``govmedia emulate --plant KIND [--platform P] [--id ID] [--text T] --url URL``."""
    if args.unplant:
        data = request_plant(args.url, None)
        print(f"已撤销模拟器上制造的 {data.get('undone', 0)} 处异常。", flush=True)
        return 0
    spec: dict[str, Any] = {"kind": args.plant}
    for key, value in (("platform", args.platform), ("id", args.plant_id), ("text", args.text)):
        if value:
            spec[key] = value
    data = request_plant(args.url, spec)
    labels = {"outside": "站外发布", "edit": "改动", "delete": "删除", "ban": "平台封禁（状态 6）"}
    for item in data.get("planted", []):
        print(f"已制造异常：{labels[item['kind']]}  平台 {item['platform']}  ID {item['id']}")
    return 0
