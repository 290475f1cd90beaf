"""Issue 12, round 27: 第十七条 at the coverage of the open-source secret scanners.

Every key and token here is made at run time from a seeded generator (no secret is written
in this file): random strings in each provider's shape, a WIF key with its Base58Check
checksum, a recovery phrase of invented words, onion-service and paperkey bodies of random
bytes. Each family has violations and legitimate texts of the same shape (advice, templates,
placeholders, public values), which must stay quiet."""

from __future__ import annotations

import base64
import hashlib
import random
import string

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.rule_kinds import secret_shapes
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

RNG = random.Random(27)
ALNUM = string.ascii_letters + string.digits
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def rand(size: int, alphabet: str = ALNUM) -> str:
    return "".join(RNG.choice(alphabet) for _ in range(size))


def b64(size: int) -> str:
    return base64.b64encode(RNG.randbytes(size)).decode()


def base58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    number, out = int.from_bytes(data, "big"), ""
    while number:
        number, rest = divmod(number, 58)
        out = B58[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


WIF = base58check(b"\x80" + RNG.randbytes(32) + b"\x01")
WIF_BROKEN = WIF[:-1] + ("x" if WIF[-1] != "x" else "y")
ADDRESS = base58check(b"\x00" + RNG.randbytes(20))  # a public address, not a key
WORDS = [rand(RNG.randint(4, 7), string.ascii_lowercase) for _ in range(12)]
TELEGRAM = f"{RNG.randint(10**8, 10**9)}:AA{rand(33, ALNUM + '_-')}"
DISCORD_ID = str(RNG.randint(10**17, 10**18))
DISCORD = (
    base64.urlsafe_b64encode(DISCORD_ID.encode()).decode().rstrip("=")
    + f".{rand(6)}.{rand(38, ALNUM + '_-')}"
)
PAPERKEY_ROWS = "\n".join(
    f"  {n}: " + " ".join(f"{b:02X}" for b in RNG.randbytes(20)) + " " + rand(6, "0123456789ABCDEF")
    for n in range(1, 5)
)
DOCKER_AUTH = base64.b64encode(f"robot$ci:{rand(24)}".encode()).decode()


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# A JWT's header and claims are public; its signature makes it a bearer credential.
JWT_CLAIMS = b64url(b'{"alg":"HS256"}') + "." + b64url(f'{{"sub":"{rand(12)}"}}'.encode())
JWT_SIGNED = JWT_CLAIMS + "." + b64url(RNG.randbytes(32))


LABELLED = [
    (f'WECOM = {{"corpid": "ww{rand(16).lower()}", "corpsecret": "{rand(43)}"}}', BLOCKED),
    (f"export HUAWEICLOUD_SDK_SK={rand(40)}", BLOCKED),
    (f"阿里云 AK：LTAI{rand(20)}，SK：{rand(30)}", BLOCKED),
    (f"七牛云 SecretKey 是 {rand(40, ALNUM + '_-')}", BLOCKED),
    (f"aws_secret_access_key = {rand(40, ALNUM + '/+')}", BLOCKED),
    (f"DefaultEndpointsProtocol=https;AccountName=govfiles;AccountKey={b64(64)}", BLOCKED),
    (f"JWT_SECRET={rand(32)}", BLOCKED),
    (f"//npm.example.cn/:_authToken={rand(36)}", BLOCKED),
    (f"公众号的 access_token 刚刷新，新的是 {rand(90, ALNUM + '_-')}，两小时内有效。", BLOCKED),
    (f"接口密钥我改了，新的在这：{rand(32, '0123456789abcdef')}", BLOCKED),
    (f"接口令牌 {JWT_SIGNED} 还能用，先借你。", BLOCKED),
    (f"接口令牌 {JWT_CLAIMS} 只有头部和声明，没有签名。", NONE),
    # names with no value, values that are public or placeholders
    ("请妥善保管 AppSecret 和 access_token，不要发到群里。", NONE),
    (
        "access_token 的获取地址：https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential",
        NONE,
    ),
    ("SECRET_KEY=<your-secret-key-here-please-change>", NONE),
    (f"密钥文件的 sha256 校验值：{rand(64, '0123456789abcdef')}", NONE),
    (f"签名公钥指纹：SHA256:{rand(43)}", NONE),
    ("令牌有效期为 7200 秒，过期后重新获取。", NONE),
    ("AK/SK 要由专人保管，定期轮换，严禁写进代码仓库。", NONE),
    (
        "token 接口：GET https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential"
        f"&appid=wx{rand(16, '0123456789abcdef')}",
        NONE,
    ),
    (f"密钥 ID：{rand(8, '0123456789abcdef')}-7b4d-4e8a-9c0f-{rand(12, '0123456789abcdef')}", NONE),
    ("密钥版本 v2_20261204_release_candidate_01，上线前核对。", NONE),
    ("凭据读取见 `secrets_env.py`、`rules/rulefiles/a17-credentials.yml` 两个文件。", NONE),
    ("SK 海力士 2026 年财报：HBM3E12HiStacksShipped2026Q3 系列出货。", NONE),
]


@pytest.mark.parametrize(("text", "expected"), LABELLED)
def test_a_named_key_with_a_random_value(
    checker: RuleChecker, text: str, expected: set[str]
) -> None:
    judged(checker, text, "A17-02", expected)


SHAPES = [
    (f'WEBHOOK="https://api.telegram.org/bot{TELEGRAM}/sendMessage"', "A17-02", BLOCKED),
    (f'bot:\n  token: "{TELEGRAM}"\n', "A17-02", BLOCKED),
    (f"DISCORD_BOT={DISCORD}", "A17-02", BLOCKED),
    (f"钉钉机器人加签：SEC{rand(64, '0123456789abcdef')}", "A17-02", BLOCKED),
    (f"client secret {rand(3)}8Q~{rand(34, ALNUM + '_~.')}", "A17-02", BLOCKED),
    (
        f'{{\n  "auths": {{\n    "registry.example.cn": {{\n      "auth": "{DOCKER_AUTH}"\n'
        "    }\n  }\n}\n",
        "A17-02",
        BLOCKED,
    ),
    (f"APP 后台令牌分行贴：\neyJ{rand(30)}\n.eyJ{rand(40)}\n.{rand(43)}\n", "A17-02", BLOCKED),
    # the same shapes, harmless
    ("chat_id: -1001234567890，群名：应急值守", "A17-02", NONE),
    (f"DISCORD_INVITE={rand(24)}.{rand(6)}.{rand(30)}", "A17-02", NONE),
    (
        '{\n  "auths": {\n    "registry.example.cn": {}\n  },\n  "credsStore": "desktop"\n}',
        "A17-02",
        NONE,
    ),
]


@pytest.mark.parametrize(("text", "rule", "expected"), SHAPES)
def test_token_shapes_and_credentials_files(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


KEYS = [
    (f"链上签名账户的私钥（WIF 格式）：{WIF}", BLOCKED),
    (f"导入钱包：{WIF}", BLOCKED),
    (f"助记词：{' '.join(WORDS)}", BLOCKED),
    (f"Recovery phrase: {', '.join(WORDS)}", BLOCKED),
    (f"hs_ed25519_secret_key 的内容：\n== ed25519v1-secret: type0 ==\n{b64(96)}\n", BLOCKED),
    (f"# Secret portions of key {rand(16, '0123456789ABCDEF')}\n{PAPERKEY_ROWS}\n", BLOCKED),
    (f"服务器私钥，头尾没抄，中间是：\n{b64(48)}\n{b64(48)}\n{b64(48)}\n", BLOCKED),
    # a WIF with a wrong checksum, a public address, advice and file names with no key
    (f"导入钱包：{WIF_BROKEN}", NONE),
    (f"捐赠地址：{ADDRESS}", NONE),
    ("不要把助记词告诉任何人，客服不会索要助记词。", NONE),
    (
        "Never share your recovery phrase: write the twelve words down and keep them "
        "offline, your wallet cannot be restored without them.",
        NONE,
    ),
    ("hs_ed25519_secret_key 文件要和 hostname 一起备份。", NONE),
    ("paperkey 只打印 secret portions of key，纸质备份要放进保险柜。", NONE),
    (f"服务器公钥，中间是：\n{b64(48)}\n{b64(48)}\n{b64(48)}\n", NONE),
]


@pytest.mark.parametrize(("text", "expected"), KEYS)
def test_wallet_onion_paperkey_and_headerless_private_keys(
    checker: RuleChecker, text: str, expected: set[str]
) -> None:
    judged(checker, text, "A17-01", expected)


COMMANDS = [
    (f"smbclient //10.20.3.8/docs -U duty%{rand(10)}! -c 'ls'", BLOCKED),
    (f"*/10 * * * * sshpass -p '{rand(10)}@x' rsync -a a@10.0.0.5:/d /srv", BLOCKED),
    (f"redis-cli -h 10.0.0.7 -p 6379 -a {rand(12)}", BLOCKED),
    (f"curl -s -u admin:{rand(12)} https://10.0.0.9/api", BLOCKED),
    (f"net user backup {rand(10)}# /add", BLOCKED),
    (f"$pw = ConvertTo-SecureString '{rand(10)}@1' -AsPlainText -Force", BLOCKED),
    (f"export SSHPASS={rand(12)}", BLOCKED),
    (f"<server>\n  <id>releases</id>\n  <password>{rand(14)}</password>\n</server>", BLOCKED),
    (
        "/etc/ppp/chap-secrets 里这一行：\n# client server secret IP addresses\n"
        f'"cam-017"   *   "{rand(10)}#1"   *\n',
        BLOCKED,
    ),
    (f"Данные для входа: логин kouan, пароль {rand(8)}#7.", BLOCKED),
    (f"~/.netrc：machine git.example.cn login ci password {rand(12)}", BLOCKED),
    (f"[pypi]\nusername = __token__\npassword = {rand(14)}", BLOCKED),
    # commands that ask for the password or read it from elsewhere, and templates
    ("smbclient //server/share -U username", NONE),
    ("sshpass -f ~/.ssh/pass rsync -a src/ dst/", NONE),
    ('sshpass -p "$PASS" ssh ops@10.0.0.5', NONE),
    ("redis-cli -a <password> ping", NONE),
    ("net user zhangsan * /add（星号表示提示输入密码）", NONE),
    ("$pw = Read-Host -AsSecureString", NONE),
    ("<password>${env.MAVEN_PASSWORD}</password>", NONE),
    ("/etc/ppp/chap-secrets 的格式：\n# client server secret IP addresses\n", NONE),
]


@pytest.mark.parametrize(("text", "expected"), COMMANDS)
def test_passwords_on_command_lines_and_in_files(
    checker: RuleChecker, text: str, expected: set[str]
) -> None:
    judged(checker, text, "A17-03", expected)


ADVICE = [
    "警惕冒充客服索要银行卡密码、短信验证码、支付密码的诈骗电话。",
    "设置密码应包含大写字母、小写字母、数字和符号，长度不少于 12 位，定期更换。",
    "政务新媒体账号的密码、AppSecret、access_token 应由专人保管，离岗时及时更换。",
    "钱包私钥和助记词一旦泄露，资产就会被盗，请勿截图、勿上传网盘。",
]


@pytest.mark.parametrize("text", ADVICE)
def test_anti_fraud_advice_stays_quiet(checker: RuleChecker, text: str) -> None:
    found = [d.rule for d in checker.check_text(text) if d.rule.startswith("A17")]
    assert found == [], (text, found)


def test_entropy_tells_a_random_token_from_a_word_run() -> None:
    assert secret_shapes.random_token(rand(32))
    assert not secret_shapes.random_token("abcabcabcabcabcabcabc1")
    assert not secret_shapes.random_token("build_2026_release_notes_v1")
    assert secret_shapes.entropy("aaaa") == 0.0
