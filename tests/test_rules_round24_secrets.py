"""Issue 12, round 24: 第十七条 credentials in the forms they are pasted in.

Keys are made here with ``cryptography`` (a real private key, a real certificate and public
key as counter-examples), the minisign and signify lines from random bytes in their formats,
and every other text is written for these tests. Each form has violations and legitimate
texts of the same shape, which must stay quiet."""

from __future__ import annotations

import base64
import datetime as dt
import os

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import NameOID

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

_KEY = ec.generate_private_key(ec.SECP256R1())
_PKCS8 = _KEY.private_bytes(
    serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
)
_SEC1 = _KEY.private_bytes(
    serialization.Encoding.DER,
    serialization.PrivateFormat.TraditionalOpenSSL,
    serialization.NoEncryption(),
)
_ED = ed25519.Ed25519PrivateKey.generate().private_bytes(
    serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
)
_PUBLIC = _KEY.public_key().public_bytes(
    serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
)
_NAME = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "portal.example.gov.cn")])
_NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
_CERT = (
    x509.CertificateBuilder()
    .subject_name(_NAME)
    .issuer_name(_NAME)
    .public_key(_KEY.public_key())
    .serial_number(20260101)
    .not_valid_before(_NOW)
    .not_valid_after(_NOW + dt.timedelta(days=365))
    .sign(_KEY, hashes.SHA256())
    .public_bytes(serialization.Encoding.DER)
)


def xxd(data: bytes, rows: int = 4) -> str:
    """``data`` as ``xxd`` prints it (offset, groups of two bytes), the first ``rows``."""
    lines = []
    for row in range(rows):
        chunk = data[row * 16 : row * 16 + 16].hex()
        groups = " ".join(chunk[i : i + 4] for i in range(0, len(chunk), 4))
        lines.append(f"{row * 16:08x}: {groups}")
    return "\n".join(lines)


def hexdump_c(data: bytes, rows: int = 3) -> str:
    """``data`` as ``hexdump -C`` prints it (offset, spaced bytes), no character column."""
    return "\n".join(
        f"{row * 16:08x}  " + " ".join(f"{b:02x}" for b in data[row * 16 : row * 16 + 16])
        for row in range(rows)
    )


def c_array(data: bytes, count: int = 24) -> str:
    return "static const unsigned char k[] = {" + ", ".join(f"0x{b:02X}" for b in data[:count])


def signify_line(size: int) -> str:
    """Base64 of ``size`` bytes opening with the Ed25519 algorithm bytes, as minisign and
    signify write their keys and signatures (the rest random)."""
    return base64.b64encode(b"Ed" + os.urandom(size - 2)).decode()


SPLIT_HEADERS = [
    (
        '# 测试环境先写死\nSIGN_PEM = (\n    "-----BEGIN EC "\n    "PRIVATE KEY-----\\n"\n'
        '    "MHcCAQEEIG3k9dQ2rJ7wq8ZyXb1v\\n"\n)\n',
        BLOCKED,
    ),
    ('const pem = "-----BEGIN OPENSSH PRI" +\n  "VATE KEY-----\\n" + body;', BLOCKED),
    # a certificate and a public key split the same way, and a whole header read elsewhere
    ('CERT = (\n    "-----BEGIN "\n    "CERTIFICATE-----\\n"\n)\n', NONE),
    ('PUB = "-----BEGIN PUBLIC " + "KEY-----"', NONE),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_HEADERS)
def test_a_pem_header_split_over_string_literals(
    checker: RuleChecker, text: str, expected: set[str]
) -> None:
    judged(checker, text, "A17-01", expected)


def test_a_der_private_key_as_a_hex_dump_and_its_counter_examples(checker: RuleChecker) -> None:
    for form in (xxd, hexdump_c, c_array):
        for key in (_PKCS8, _SEC1, _ED):
            judged(checker, f"接口机密钥核对一下：\n{form(key)}\n", "A17-01", BLOCKED)
        for public in (_CERT, _PUBLIC):  # a certificate and a public key open otherwise
            judged(checker, f"证书核对一下：\n{form(public)}\n", "A17-01", NONE)
    # numbers that open like DER but are tables and dates
    judged(checker, "统计表：3082 0201 0030 户，3081 0201 0102 人。", "A17-01", NONE)


def test_minisign_and_signify_secret_keys_not_their_public_keys() -> None:
    checker = RuleChecker(None)
    secret = signify_line(158)
    judged(
        checker,
        f"发布签名：\nuntrusted comment: minisign encrypted secret key\n{secret}\n",
        "A17-01",
        BLOCKED,
    )
    judged(checker, f"备份的 signify 文件：\n{signify_line(104)}\n", "A17-01", BLOCKED)
    public = signify_line(42)
    signature = signify_line(74)
    judged(
        checker,
        f"校验发布包：minisign -Vm pkg.tar.gz -P {public}\n"
        f"untrusted comment: signature from minisign secret key\n{signature}\n",
        "A17-01",
        NONE,
    )


COMMANDS = [
    ("~/.pgpass 写这一行：\nrpt.db.local:5432:stats:report_rw:Vb4$qN8e!Lz2\n", "A17-03", BLOCKED),
    ("备份机的 pgpass：\n*:*:archive:backup:k7Pq2Lm9Xc\n", "A17-03", BLOCKED),
    ("挂盘：net use Y: \\\\10.8.1.20\\scan Jd8!qW3z /user:ZWZX\\scanner", "A17-03", BLOCKED),
    ("net use \\\\fs01\\share /user:corp\\ops Lm3#vT8q /persistent:no", "A17-03", BLOCKED),
    # templates and commands that ask for the password
    ("~/.pgpass 格式：\nhostname:port:database:username:password\n", "A17-03", NONE),
    ("localhost:5432:mydb:postgres:<your_password>\n", "A17-03", NONE),
    ("net use Z: \\\\server\\share * /user:DOMAIN\\name（星号表示提示输入密码）", "A17-03", NONE),
    ("net use Z: \\\\server\\share /user:DOMAIN\\name /persistent:yes", "A17-03", NONE),
    ("会议时间 10:30:00:15:2026 记录。", "A17-03", NONE),
    # a Basic header and connection strings are read by round 14's and earlier rules
    (
        "调试：Authorization: Basic " + base64.b64encode(b"stat_ops:Pz4!rK8w").decode(),
        "A17-03",
        BLOCKED,
    ),
    ("Server=10.2.3.4;Database=fund;User Id=sa;Password=Yq8#rT2mK;", "A17-03", BLOCKED),
    ("文档示例：Server=myhost;Database=mydb;User Id=myuser;Password=<password>;", "A17-03", NONE),
    ("示例：Authorization: Basic <base64(user:password)>", "A17-03", NONE),
]


@pytest.mark.parametrize(("text", "rule", "expected"), COMMANDS)
def test_passwords_in_pgpass_lines_and_commands(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


HALVES = [
    (
        "接口密钥太长分开发：\n前一半：3fa91c07be52d846\n（插一句，五点交报表）\n后一半：a0c7e19d2b64f538\n",
        "A17-02",
        BLOCKED,
    ),
    ("新的后台密码分两段：第一段：Kq7mZp2x 第二段：Wt9!Ln4v", "A17-03", BLOCKED),
    # halves of what is no secret, or a secret's halves with no value
    ("报名编号分两段：第一段：20261204 第二段：00371562", "A17-02", NONE),
    ("密码分两段记：前一半是生日，后一半是手机尾号，不要写下来。", "A17-03", NONE),
]


@pytest.mark.parametrize(("text", "rule", "expected"), HALVES)
def test_a_key_sent_in_halves_with_text_between(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)
