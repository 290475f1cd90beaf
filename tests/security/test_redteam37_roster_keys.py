"""Red team, round 37: one key, one identity, however the key is spelled.

The roster refuses a key listed for two identities, comparing the keys' texts; and a
signature counts for the person whose listed key text equals the key the SSHSIG embeds.
But sshsig and cryptography read a key with bytes after its last field (or an RSA number
with extra leading zeros) as the same key, so one key has many texts. 张伟 gave the
roster's keeper "the new chief editor 周敏's key": his own, with four zero bytes added.
The leaders approved a roster that showed a new person with a key unlike any other (its
fingerprint differs too), the server took it, and 张伟 could sign 初审 as himself and
复审 as 周敏 with one private key. The key a signature embeds is not signed, so anyone can
also respell it in a signed commit: a twin under another commit id. Defence: a key is only
its canonical encoding (``keys.is_canonical``): the roster refuses any other spelling,
naming file, line and field, and a signature embedding one is a bad signature
(``signatures.canonical``). Real ssh-keygen keys and signatures, the real pre-receive.
"""

from __future__ import annotations

import base64
import struct
import subprocess
from pathlib import Path

from pipeline.review.roster import parse_roster
from pipeline.review.signatures import BAD, GOOD, verdict_for
from pipeline.schema import SchemaError
from tests.review_support import Key, keygen
from tests.security.battery_support import Unit, accepted, with_person
from tests.security.test_redteam12_twins import _blob, _with_blob

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"
NEW = ("周敏", "zhoumin@example.gov.cn")


def _respelled_blob(blob: bytes) -> bytes:
    return blob + b"\0\0\0\0"  # an empty string after the key: read as the same key


def _respelled(key: Key, comment: str = "zhoumin") -> Key:
    kind, text = key.public.split()[:2]
    blob = _respelled_blob(base64.b64decode(text))
    return Key(key.private, f"{kind} {base64.b64encode(blob).decode()} {comment}")


def test_one_reviewers_key_respelled_for_a_second_person_never_reaches_the_roster(
    unit: Unit,
) -> None:
    """Attack: the roster change adds 周敏 (总编辑) with 张伟's key respelled, approved by
    the two leaders. Defence: the server refuses it, naming the roster's line; the same
    change with 周敏's own key is taken."""
    zhang = unit.keys["张伟"]
    fake = _respelled(zhang)
    assert fake.short != zhang.short
    unit.change_roster(with_person(unit.roster(), *NEW, "[chief_editor]", [fake]))
    unit.approve_roster()
    err = unit.attack()
    assert "content/roster.yml" in err and "规范编码" in err, err
    try:
        parse_roster(unit.roster())
    except SchemaError as exc:
        said = str(exc)
    else:
        raise AssertionError("the respelled key was read as a key of its own")
    assert "规范编码" in said and "keys" in said and "行" in said

    unit.clone.git("reset", "-q", "--hard", "origin/main")
    own = keygen(unit.tmp / "keys", "zhoumin")
    unit.change_roster(with_person(unit.roster(), *NEW, "[chief_editor]", [own]))
    unit.approve_roster()
    accepted(unit, unit.push())


def _respell_signature_key(raw: bytes) -> bytes:
    """The same commit, its SSHSIG's embedded public key respelled (no key needed)."""
    blob = _blob(raw)
    offset = 6 + 4  # magic, version
    (length,) = struct.unpack(">I", blob[offset : offset + 4])
    key = blob[offset + 4 : offset + 4 + length]
    new = _respelled_blob(key)
    blob = blob[:offset] + struct.pack(">I", len(new)) + new + blob[offset + 4 + length :]
    return _with_blob(raw, blob)


def test_a_signature_whose_key_is_respelled_is_a_bad_signature(unit: Unit) -> None:
    """Attack: 张伟's honest 初审, its embedded key respelled by someone without any key (a
    twin under another commit id, whose key a roster of the old rule could list for a
    second person). Defence: a bad signature; the honest commit still verifies."""
    oid = unit.approve("张伟", 1, POST)
    raw = subprocess.run(
        ["git", "cat-file", "commit", oid], cwd=unit.clone.path, capture_output=True, check=True
    ).stdout
    assert verdict_for(oid, raw).status == GOOD
    twin = _respell_signature_key(raw)
    twin_id = unit.write_commit(twin)
    assert twin_id != oid
    assert verdict_for(twin_id, twin).status == BAD


def test_allowed_signers_options_and_certificates_are_no_roster_keys(tmp_path: Path) -> None:
    """Held: the roster is no allowed-signers file. A key line with ``cert-authority``,
    ``namespaces=`` or ``valid-before=`` in front, or an OpenSSH certificate, is refused
    (only ``<type> <base64> [comment]`` of an ed25519 or RSA key is a key, so no
    certificate authority, namespace or validity window can widen who signs); a line
    ending in CR is the same key."""
    key = keygen(tmp_path, "k")
    line = key.public.strip()
    for written in (
        f"cert-authority {line}",
        f'namespaces="git" {line}',
        f'valid-before="29990101" {line}',
    ):
        assert _refusal(written), written
    subprocess.run(
        ["ssh-keygen", "-q", "-s", str(key.private), "-I", "x", "-n", "x", f"{key.private}.pub"],
        check=True,
        capture_output=True,
    )
    certificate = (tmp_path / "k-cert.pub").read_text(encoding="utf-8").strip()
    assert "不受支持的公钥类型" in _refusal(certificate)
    assert _refusal(line + "\r") == ""


def _refusal(line: str) -> str:
    from pipeline.review.roster import PublicKey
    from pipeline.schema.at import Invalid

    try:
        PublicKey().convert(line, None)
    except Invalid as exc:
        return str(exc)
    return ""
