"""Red team round 26: a rule one reviewer chooses, on the unit's public page.

Round 25 showed an acknowledged warning on a public page only with words the approved
text holds, and its rule only when shaped like a rule id (a letter, then up to 31 letters,
digits or hyphens). That shape still carries a phrase, and a real id can be put on words it
never matched: 李强 signed his 复审 by hand with ``zhe-pian-wen-zhang-shi-jia-de`` (pinyin:
"this article is false") as the rule of words of the post, and ``A9-06`` (rumours) on a
line of the notice; the two other reviewers never saw either, and the archive showed both
under 审核人已确认的警告. Defence: a public page shows an acknowledgement only when every
stage of the version records it (``acks.agreed``): ``approve`` makes every stage
acknowledge every open warning, so an honest one is in all three commits. Real
repositories, real ssh-keygen signatures, the loopback emulators, the real CLI and a real
site build.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.review.acks import Ack, agreed
from tests.conftest import run_cli
from tests.publish_support import (
    REVIEWERS,
    env_for,
    git,
    publish_process,
    signed_commit,
    small_repo,
)
from tests.security.test_redteam25_acks import HONEST_WORDS, POST, SITE

PHRASE = "zhe-pian-wen-zhang-shi-jia-de"  # a sentence shaped like a rule id


def _approvals(repo: Path, by_stage: dict[int, list[str]]) -> None:
    """Three signed approvals of ``POST`` at HEAD, each with the trailers of ``by_stage``."""
    blob = git(repo, "rev-parse", f"HEAD:{POST}").strip()
    for stage, (name, email) in REVIEWERS.items():
        acks = "".join(f"Acknowledged-Warning: {v}\n" for v in by_stage.get(stage, []))
        signed_commit(
            repo,
            name,
            email,
            f"第{stage}审通过\n\n{acks}Review-Stage: {stage}\nApproves: {POST}@{blob}\n"
            f"Signed-off-by: {name} <{email}>\n",
        )


def _page(tmp_path: Path, emulator: Emulator, by_stage: dict[int, list[str]]) -> str:
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),), approved=False)
    _approvals(repo, by_stage)
    published = publish_process(repo, env_for(emulator))
    assert published.code == 0, published.out + published.err
    built = run_cli("build", cwd=repo, env=SITE)
    assert built.code == 0, built.out + built.err
    return (repo / "site" / "posts" / "nianmo-fanzha-tixing.html").read_text(encoding="utf-8")


def test_a_rule_one_reviewer_chose_never_reaches_the_archive(
    tmp_path: Path, emulator: Emulator
) -> None:
    honest = f"{POST}:23 A17-02 {HONEST_WORDS}"
    alone = [f"{POST}:23 {PHRASE} {HONEST_WORDS}", f"{POST}:12 A9-06", honest]
    page = _page(tmp_path, emulator, {1: [honest], 2: alone, 3: [honest]})
    assert PHRASE not in page, "a phrase one reviewer wrote as a rule is on the public page"
    assert "A9-06" not in page
    assert "A17-02" in page and "安全账户" in page  # acknowledged by every stage: shown


def test_a_warning_every_stage_acknowledged_is_shown_by_each(
    tmp_path: Path, emulator: Emulator
) -> None:
    honest = f"{POST}:23 A17-02 {HONEST_WORDS}"
    page = _page(tmp_path, emulator, {1: [honest], 2: [honest], 3: [honest]})
    assert page.count("A17-02") >= 3 and "安全账户" in page


def test_only_what_every_stage_records_is_agreed() -> None:
    honest, alone = Ack("p.md", 3, "A10-01", "我觉得"), Ack("p.md", 4, PHRASE, "我觉得")
    assert agreed([[honest], [alone, honest], [honest]]) == [[honest], [honest], [honest]]
    assert agreed([[honest], [honest, alone]]) == [[honest], [honest]]
    assert agreed([[honest]]) == [[honest]]  # one stage: that stage is the quorum
    assert agreed([[honest], [], [honest]]) == [[], [], []]
    assert agreed([]) == []
