"""A secret written in code as pieces joined at run time (round 51, 第十七条).

Sets 12, 36 and 40 split an AppSecret or a key over string literals so that no scanner sees
it whole, and join it in the same snippet: a spreadsheet's ``=CONCAT("244d…","4697…")``,
``parts.join('')`` over a list, ``appSecret: part1 + part2`` over two constants. The rule of
``rulefiles/a17-credential-forms.yml`` finds a quoted literal; ``joined-secret`` reads the run
of literals that starts there (each within :data:`GAP` characters of the one before, one
line break at most between two) and holds it a secret when

- it has two literals or more, each of :data:`PIECE_MIN` characters or more with a digit (a
  list of words or of colours is none),
- joined they make :data:`JOINED_MIN` characters or more, hexadecimal or mixing capitals,
  small letters and digits (a random token's alphabet),
- and near it (:data:`NEAR` characters either side) the code joins them (``join(``,
  ``concat``, ``+`` between two names) and names a secret (``secret``, ``密钥``, ``key``,
  ``token``).

The run may go on into the next value (``appId: 'wx…'`` after two halves): its longest first
pieces that make a secret count.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

GAP = 40  # characters between two literals of one run
NEAR = 200  # characters either side where the join and the secret's name are read
JOINED_MIN = 24  # characters of the pieces together
PIECE_MIN = 7  # characters of a piece (a colour's six hex digits are no piece of a key)
_LITERAL_RE = compiled(f""""[0-9A-Za-z]{{{PIECE_MIN},64}}"|'[0-9A-Za-z]{{{PIECE_MIN},64}}'""")
_HEX_RE = compiled(r"[0-9a-fA-F]+")
_JOIN_RE = compiled(r"(?i)\.join\(|concat|\w[ \t]*\+[ \t]*\w")
_NAME_RE = compiled(r"(?i)secret|密钥|key|token")


def _gap_ok(gap: str) -> bool:
    return len(gap) <= GAP and gap.count("\n") <= 1 and "'" not in gap and '"' not in gap


def _run(m: re.Match[str], text: str) -> list[re.Match[str]]:
    """The literals of the run that starts at ``m`` (``m`` first)."""
    run = [m]
    for nxt in _LITERAL_RE.finditer(text, m.end(), m.end() + 8 * (GAP + 64)):
        if not _gap_ok(text[run[-1].end() : nxt.start()]):
            break
        run.append(nxt)
    return run


def _first(m: re.Match[str], text: str) -> bool:
    """No literal of the same run stands before ``m``."""
    before = text[max(0, m.start() - GAP - 66) : m.start()]
    ends = [lit.end() for lit in _LITERAL_RE.finditer(before)]
    return not ends or not _gap_ok(before[ends[-1] :])


def _random(joined: str) -> bool:
    if _HEX_RE.fullmatch(joined):
        return True
    return any(c.isupper() for c in joined) and any(c.islower() for c in joined)


def joined_secret(m: re.Match[str], text: str) -> bool:
    if not _first(m, text):
        return False
    run = _run(m, text)
    pieces = [lit.group(0)[1:-1] for lit in run]  # the quotes off (``m`` is the rule's match)
    # The run may go on into the next value (``appId: 'wx…'`` after the two halves): the
    # longest first pieces that make a secret count.
    while len(pieces) >= 2 and not _secret_like(pieces):
        pieces.pop()
    if len(pieces) < 2:
        return False
    near = text[max(0, m.start() - NEAR) : run[len(pieces) - 1].end() + NEAR]
    return _JOIN_RE.search(near) is not None and _NAME_RE.search(near) is not None


def _secret_like(pieces: list[str]) -> bool:
    if not all(any(c.isdigit() for c in p) for p in pieces):
        return False
    joined = "".join(pieces)
    return len(joined) >= JOINED_MIN and _random(joined)


VALIDATORS = {"joined-secret": joined_secret}
