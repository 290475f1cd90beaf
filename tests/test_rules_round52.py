"""Issue 12, round 52 (``docs/dev/rules.md``, "Round 52"; ``docs/dev/rules-figures.md``,
"Round 52"): a job offer that takes children (item （十三）, ``a09-13-child-labour.yml``) and
credentials given to a command in its own syntax (第十七条: Windows' ``cmdkey /pass:`` in
``a17-credential-forms.yml``, HTTPie's quoted ``Authorization:"Bearer …"`` header item in
``a17-credentials.yml``). Every text is written for this test, none taken from the
held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors
from tests.test_rules_round51 import _found

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


@pytest.mark.parametrize(
    "text",
    [
        "鞋厂赶订单招童工，包吃住，不用身份证，来了就上岗。\n",
        "葡萄园摘果招人，十二岁以上就行，按箱算钱，不查身份证。\n",
        "电子厂暑假急招，初中生也收，日结工资，不看身份证。\n",
    ],
)
def test_a_job_offer_that_takes_children_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-13"), text


@pytest.mark.parametrize(
    "text",
    [
        "区人社局提醒：用人单位严禁招用不满十六周岁的未成年人，招工时须查验身份证。\n",
        "劳动监察大队查处一起使用童工案件，涉事作坊被责令整改并处以罚款。\n",
        "暑期工招聘：年满16周岁，报名请带身份证，日结工资。\n",
        "家长注意：有黑作坊招童工、不用身份证，发现请拨打12333举报。\n",
    ],
)
def test_a_child_labour_warning_or_a_lawful_offer_is_untouched(
    checker: RuleChecker, text: str
) -> None:
    assert not _found(checker, text, "A9-13"), text


@pytest.mark.parametrize(
    "text",
    [
        "值班电脑开机先跑：cmdkey /add:10.8.2.14 /user:ops\\duty /pass:Rv8#kq2Lx\n",
        'cmdkey /generic:TERMSRV/10.8.2.15 /user:admin /pass:"Tz6pQ9@mw"\n',
    ],
)
def test_a_password_given_to_cmdkey_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A17-03"), text


@pytest.mark.parametrize(
    "text",
    [
        "cmdkey /add:10.8.2.14 /user:ops\\duty /pass\n",  # asks for the password
        "cmdkey /add:10.8.2.14 /user:ops\\duty /pass:%DUTY_PASSWORD%\n",
        "cmdkey /list\n",
    ],
)
def test_cmdkey_without_a_password_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A17-03"), text


def test_a_bearer_token_as_httpie_quotes_it_is_blocked(checker: RuleChecker) -> None:
    text = 'http GET https://api.example.com/v1/items Authorization:"Bearer pQ7rT2vX9sK4mN8bL3cW6yZ1"\n'
    assert _errors(checker, text, "A17-02"), text


@pytest.mark.parametrize(
    "text",
    [
        'http GET https://api.example.com/v1/items Authorization:"Bearer <token>"\n',
        "http GET https://api.example.com/v1/items 'Authorization:Bearer YOUR_ACCESS_TOKEN_HERE'\n",
    ],
)
def test_a_bearer_placeholder_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A17-02"), text
