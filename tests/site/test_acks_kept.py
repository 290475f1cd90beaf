"""Each version's acknowledgements kept in the body store (``site/acks_kept.py``): a kept,
sealed, private entry is what the archive shows, and nothing else is."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.rules.cache import digest
from pipeline.site import acks_kept, body_store
from pipeline.site.archive import ArchivePost, PostFacts, Stage, Version, add_acks
from pipeline.site.body_store import BodyStore
from tests.conftest import Repo, init_repo

POST = "content/posts/2026/11/yanshi-fuwu.md"
TEXT = (
    "---\ntitle: 延时服务\n---\n\n政务服务大厅工作日延时服务至18时30分。\n\n我觉得这项服务很好。\n"
)
WORDS = "我觉得"
REVIEWERS = (
    "张伟 <zhangwei@example.gov.cn>",
    "李强 <liqiang@example.gov.cn>",
    "陈静 <chenjing@example.gov.cn>",
)


def _approve(repo: Repo, blob: str, trailer: str) -> tuple[Stage, ...]:
    stages = []
    for number, by in enumerate(REVIEWERS, 1):
        message = f"第{number}审通过\n\nAcknowledged-Warning: {trailer}\nReview-Stage: {number}\n"
        commit = repo.commit(message + f"Approves: {POST}@{blob}\n")
        stages.append(Stage(number, by, commit, "2026-11-20T10:00:00+08:00"))
    return tuple(stages)


def _posts(repo: Repo, versions: list[Version]) -> list[ArchivePost]:
    facts = PostFacts("延时服务", dt.date(2026, 11, 20), TEXT)
    return [ArchivePost("yanshi-fuwu", POST, facts, list(versions), [])]


@pytest.fixture
def world(tmp_path: Path) -> tuple[Repo, list[Version], Path]:
    repo = init_repo(tmp_path / "unit")
    repo.write(POST, TEXT)
    repo.commit("post")
    blob = repo.git("rev-parse", f"HEAD:{POST}").strip()
    first = Version(blob, "", repo.head(), _approve(repo, blob, f"{POST}:7 A10-01 {WORDS}"))
    corrected = TEXT.replace("很好", "方便")
    repo.write(POST, corrected)
    repo.commit("correction")
    blob2 = repo.git("rev-parse", f"HEAD:{POST}").strip()
    second = Version(blob2, "", repo.head(), _approve(repo, blob2, f"{POST}:7 A10-01 服务方便"))
    folder = tmp_path / "store"
    folder.mkdir(mode=0o700)
    return repo, [first, second], folder


def _shown(repo: Repo, versions: list[Version], folder: Path | None) -> list[Version]:
    store = BodyStore(folder) if folder is not None else None
    posts = _posts(repo, versions)
    add_acks(repo.path, posts, None, store)
    if store is not None:
        store.save()
    return posts[0].versions


def _reseal(folder: Path, edit: dict[str, str]) -> None:
    path = folder / body_store.FILE
    data = json.loads(path.read_text(encoding="utf-8").partition("\n")[2])
    data["kept"].update(edit)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(digest(payload) + "\n" + payload, encoding="utf-8")


def test_kept_acknowledgements_equal_git_and_are_read_without_it(
    world: tuple[Repo, list[Version], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, versions, folder = world
    fresh = _shown(repo, versions, None)
    assert any(WORDS in label for label in fresh[0].stages[0].acks)
    assert fresh[1].stages[2].acks == ("第 7 行 [A10-01]「服务方便」",)
    assert _shown(repo, versions, folder) == fresh  # cold store: read from git, kept
    kept = BodyStore(folder).stored_kept
    assert {acks_kept.version_key(POST, v) for v in versions} <= kept.keys()

    def no_git(*args: object, **kwargs: object) -> object:
        raise AssertionError("git asked for a kept version")

    monkeypatch.setattr(acks_kept.git, "cat_file_batch", no_git)
    monkeypatch.setattr(acks_kept.git, "cat_blobs", no_git)
    assert _shown(repo, versions, folder) == fresh  # warm: from the store alone
    assert _shown(repo, versions, folder) == fresh  # and kept again by the warm build


def test_a_new_version_is_read_from_git_beside_kept_ones(
    world: tuple[Repo, list[Version], Path],
) -> None:
    repo, versions, folder = world
    _shown(repo, versions[:1], folder)
    assert _shown(repo, versions, folder) == _shown(repo, versions, None)


def test_acknowledgements_kept_altered_or_not_ours_are_not_used(
    world: tuple[Repo, list[Version], Path],
) -> None:
    repo, versions, folder = world
    fresh = _shown(repo, versions, None)
    _shown(repo, versions, folder)
    key = acks_kept.version_key(POST, versions[0])
    planted = json.dumps([["第 1 行 [A1-01]「网传封城」"]] * 3, ensure_ascii=False)
    # the control: a sealed entry in our private store is what the archive shows
    _reseal(folder, {key: planted})
    assert _shown(repo, versions, folder)[0].stages[0].acks == ("第 1 行 [A1-01]「网传封城」",)
    # the same entry edited under the old seal: the whole store is refused
    _reseal(folder, {key: planted})
    path = folder / body_store.FILE
    seal, _, payload = path.read_text(encoding="utf-8").partition("\n")
    path.write_text(seal + "\n" + payload.replace("网传封城", "网传停水"), encoding="utf-8")
    assert _shown(repo, versions, folder) == fresh
    # an entry not shaped as one list of strings per stage is read from git again
    for shape in ('[["x"]]', '"x"', "[[1],[2],[3]]", "{", "[[],[],[],[]]"):
        _reseal(folder, {key: shape})
        assert _shown(repo, versions, folder) == fresh
        assert BodyStore(folder).stored_kept[key] == json.dumps(
            [list(s.acks) for s in fresh[0].stages], ensure_ascii=False
        )
    # a store others can write, or a symlink, is not read
    _reseal(folder, {key: planted})
    path.chmod(0o666)
    assert _shown(repo, versions, folder) == fresh
    _reseal(folder, {key: planted})
    elsewhere = folder.parent / "elsewhere.json"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    assert _shown(repo, versions, folder) == fresh


def test_key_names_path_blob_and_every_stage_commit(
    world: tuple[Repo, list[Version], Path],
) -> None:
    _, versions, _ = world
    v = versions[0]
    keys = {
        acks_kept.version_key(POST, v),
        acks_kept.version_key("content/posts/other.md", v),
        acks_kept.version_key(POST, Version(versions[1].blob, v.at, v.commit, v.stages)),
        acks_kept.version_key(POST, Version(v.blob, v.at, v.commit, versions[1].stages)),
        acks_kept.version_key(POST, Version(v.blob, v.at, v.commit, v.stages[:2])),
    }
    assert len(keys) == 5
    assert acks_kept.labels_from('[["a"],[],["b","c"]]', 3) == (("a",), (), ("b", "c"))
    assert acks_kept.labels_from('[["a"],[],["b","c"]]', 2) is None
