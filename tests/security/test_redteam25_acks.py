"""Red team, round 25: an acknowledged warning's words on a public page are the approved text's.

A post's archive page (and, since round 24, the public answers page) shows each stage's
``Acknowledged-Warning`` trailers: ``[rule]「words」``. A trailer is written by the one
reviewer who signs the commit; ``approve`` writes the finding's rule and matched words, but
nothing stopped a reviewer from signing by hand an honest approval whose trailer carried a
sentence of their own (a rumour, an advert, a phone number) in the words or in the rule:
the two other reviewers never saw it, and the publisher put it on the unit's public page
under 审核人已确认的警告. Defence: a public page shows a trailer's words only when the
version's approved text holds them (whitespace aside), and a rule only when it is shaped
like a rule id (``acks.shown_publicly``, used by ``site.archive.add_acks`` and
``interaction.site_review``); the honest acknowledgement is shown as before.
Real repositories, real ssh-keygen signatures, the loopback emulators, the real CLI and a
real site build.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.review.acks import Ack, shown_publicly
from tests.conftest import run_cli
from tests.interaction_support import fetched_comment, inbox, inbox_env, unit_repo, write_reply
from tests.publish_support import (
    REVIEWERS,
    env_for,
    git,
    publish_process,
    signed_commit,
    small_repo,
)
from tests.security.test_redteam23b_answers import ANSWER, RUMOUR
from tests.security.test_redteam24_answers_page import _approve

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"
PLANTED = "网传下周全市封城速去囤货"  # one reviewer's sentence, in no approved text
HONEST_WORDS = "不存在“安全账户”"  # words of the post itself
SITE = {"GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/"}


def _approvals(repo: Path, path: str, forged: list[str], honest: list[str]) -> None:
    """Three signed approvals of ``path`` at HEAD; the 复审 (one reviewer alone, signed by
    hand) carries the ``forged`` trailers, every stage the ``honest`` ones (since round 26 a
    public page shows only what every stage acknowledged, ``acks.agreed``)."""
    blob = git(repo, "rev-parse", f"HEAD:{path}").strip()
    for stage, (name, email) in REVIEWERS.items():
        written = (forged + honest) if stage == 2 else honest
        extra = "".join(f"Acknowledged-Warning: {v}\n" for v in written)
        signed_commit(
            repo,
            name,
            email,
            f"第{stage}审通过\n\n{extra}Review-Stage: {stage}\nApproves: {path}@{blob}\n"
            f"Signed-off-by: {name} <{email}>\n",
        )


def test_words_one_reviewer_wrote_into_an_acknowledgement_never_reach_the_archive(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: 李强 signs 复审 by hand with two trailers of his own: a sentence as the
    matched words, and a sentence as the rule; the post is published and the archive
    built. Defence: the page shows neither sentence; the honest trailer beside them, whose
    words are the post's, is shown with its words."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),), approved=False)
    forged = [f"{POST}:12 A9-06 {PLANTED}", f"{POST}:13 请加微信领补贴联系人小王 x"]
    _approvals(repo, POST, forged, [f"{POST}:23 A17-02 {HONEST_WORDS}"])
    published = publish_process(repo, env_for(emulator))
    assert published.code == 0, published.out + published.err
    built = run_cli("build", cwd=repo, env=SITE)
    assert built.code == 0, built.out + built.err
    page = (repo / "site" / "posts" / "nianmo-fanzha-tixing.html").read_text(encoding="utf-8")
    assert "A17-02" in page and "安全账户" in page  # the honest acknowledgement
    assert PLANTED not in page and "领补贴" not in page and "小王" not in page
    assert "A9-06" not in page  # round 25 kept the rule; one reviewer's alone, since round 26


def test_words_one_reviewer_wrote_never_reach_the_public_answers_page(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The same on the public answers page: 初审 by the real ``approve --ack``, 终审 signed
    by hand with a trailer of the signer's own words; the page shows the question's real
    acknowledged words, never the planted sentence."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", RUMOUR, "7")
    git(repo, "checkout", "-q", "-b", "reply/answer")
    rel = write_reply(repo, "answer", item, ANSWER, extra="public: true\n")
    _approve(repo, rel, 1, "S9-06")
    blob = git(repo, "rev-parse", f"HEAD:{rel}").strip()
    honest = [  # what 初审's approve wrote, signed again by 终审 (every stage acknowledges it)
        line
        for line in git(repo, "log", "-1", "--format=%B").splitlines()
        if line.startswith("Acknowledged-Warning:")
    ]
    name, email = "李强", "liqiang@example.gov.cn"
    signed_commit(
        repo,
        name,
        email,
        f"终审通过\n\nAcknowledged-Warning: {rel}:1 S9-06 {PLANTED}\n"
        + "".join(f"{line}\n" for line in honest)
        + f"Review-Stage: 3\nApproves: {rel}@{blob}\nSigned-off-by: {name} <{email}>\n",
    )
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "reply/answer")
    sent = inbox(repo, inbox_env(emulator), "send")
    assert sent.code == 0 and "Traceback" not in sent.err, sent.out + sent.err
    built = run_cli("build", cwd=repo, env=SITE)
    assert built.code == 0, built.out + built.err
    page = (repo / "site" / "hudong.html").read_text(encoding="utf-8")
    assert "终审 李强" in page and "初审 张伟：第 1 行 [S9-06]「" in page, page
    assert PLANTED not in page


def test_only_the_approved_texts_words_and_rule_ids_are_shown() -> None:
    """The rule of ``shown_publicly``: words kept when the approved text holds them
    (whitespace aside, a cut quotation by its start), a rule kept when shaped like an id."""
    text = "请市民  不信谣、不传谣，\n以官方发布为准。"
    acks = [
        Ack("p.md", 1, "S9-06", "不信谣、不传谣，以官方"),
        Ack("p.md", 1, "A9-06", "不信谣、不传谣，以官方发布为准。还有很多…"),
        Ack("p.md", 1, "A9-06", "以官方发…"),
        Ack("p.md", 2, "PF-WEIBO-TEXT", ""),
        Ack("p.md", 3, "请加微信", ""),
        Ack("p.md", 4, "A9-06", PLANTED),
    ]
    assert [(a.rule, a.match) for a in shown_publicly(acks, text)] == [
        ("S9-06", "不信谣、不传谣，以官方"),
        ("A9-06", ""),
        ("A9-06", "以官方发…"),
        ("PF-WEIBO-TEXT", ""),
        ("A9-06", ""),
    ]
