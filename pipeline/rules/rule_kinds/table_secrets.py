"""A table's column of secrets: the cells under a header that names them (rounds 15, 43
and 60, issue 12).

A sheet of accounts pasted as CSV, with tabs, or as a Markdown table gives each credential a
column: ``name,url,username,password`` (A17-03, ``password-column``) or
``账号名称,平台,AppID,开发者密钥,负责人`` (A17-02, ``secret-column``, round 60). The pattern
finds the header cell (``password-column``) or the secret's name in it (``secret-column``);
the validators here read the cell of that column in the rows below it (a Markdown table's
rule row ``|---|---|`` skipped):

- ``password-column``: the next row's cell is a password — not empty, not masked
  (``******``), not a lower-case word;
- ``secret-column``: one of the next :data:`ROWS_READ` rows' cells is a machine secret — at
  least :data:`SECRET_MIN` characters of letters, digits and ``-_+/=.``, with a digit and a
  letter, not one character repeated and not masked. A column of office phone numbers, of
  names or of ``已重置`` holds none.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

ROWS_READ = 5  # rows under a secret column's header that are read
SECRET_MIN = 16  # characters of a secret cell (an AppSecret has 32, a token more)
HEADER_MAX = 24  # characters of a header cell naming a secret column
_SEPARATORS = (",", "\t", "|")
_SECRET_CELL_RE = compiled(r"[A-Za-z0-9_\-+/=.]+")


def column_cells(m: re.Match[str], rows: int) -> list[str]:
    """The cells of the column whose header cell ``m`` found (starting at its separator or
    at the line's start), in up to ``rows`` rows below its header."""
    searched = m.string
    start = searched.rfind("\n", 0, m.start()) + 1
    end = searched.find("\n", m.end())
    if end < 0:
        return []
    after = searched[m.end() : m.end() + 1]
    sep = searched[m.start()] if searched[m.start()] in _SEPARATORS else after
    if sep not in _SEPARATORS or not sep:
        return []
    index = searched[start : m.start() + (searched[m.start()] == sep)].count(sep)
    return _cells_below(searched, sep, index, end + 1, rows)


def cells_under(searched: str, at: int, rows: int) -> list[str]:
    """The cells of the column whose header cell holds offset ``at`` (a word of a header
    line split by its most frequent separator, the cell at most :data:`HEADER_MAX`
    characters), in up to ``rows`` rows below the header."""
    start = searched.rfind("\n", 0, at) + 1
    end = searched.find("\n", at)
    if end < 0:
        return []
    header = searched[start:end]
    sep = max(_SEPARATORS, key=header.count)
    if sep not in header:
        return []
    left = header.rfind(sep, 0, at - start) + 1
    right = header.find(sep, at - start)
    if (right if right >= 0 else len(header)) - left > HEADER_MAX:
        return []
    return _cells_below(searched, sep, header[: at - start].count(sep), end + 1, rows)


def _cells_below(searched: str, sep: str, index: int, at: int, rows: int) -> list[str]:
    """Column ``index``'s cells (split by ``sep``) in up to ``rows`` rows from offset
    ``at`` on, stripped of spaces and quotes; a Markdown table's rule row (or one blank
    line) under the header skipped."""
    cells: list[str] = []
    skipped = False
    while len(cells) < rows:
        row = _next_row(searched, at)
        if row is None:
            break
        at += len(row) + 1
        if set(row) <= set("|-: \t"):
            if cells or skipped:
                break
            skipped = True
            continue
        parts = row.split(sep)
        if index >= len(parts):
            break
        cells.append(parts[index].strip().strip("\"'"))
    return cells


def _next_row(searched: str, at: int) -> str | None:
    if at > len(searched):
        return None
    row_end = searched.find("\n", at)
    return searched[at : row_end if row_end >= 0 else len(searched)]


def _password_column(m: re.Match[str], text: str) -> bool:
    """The cell under a table header's password column, in the next row, is a password
    value: not empty, not masked (``******``), not a lower-case word."""
    cells = column_cells(m, 1)
    if not cells:
        return False
    value = cells[0]
    if len(value) < 6 or len(set(value)) == 1 or (value.isalpha() and value.islower()):
        return False
    return not any(c.isspace() for c in value)


def is_secret(value: str) -> bool:
    """``value`` reads as a machine secret (see the module's ``secret-column``)."""
    return (
        len(value) >= SECRET_MIN
        and _SECRET_CELL_RE.fullmatch(value) is not None
        and any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
        and len(set(value)) > 4
    )


def _secret_column(m: re.Match[str], text: str) -> bool:
    """A cell under a table header's secret column (AppSecret, 开发者密钥, token …), in
    the rows below it, is a machine secret (round 60)."""
    return any(is_secret(cell) for cell in cells_under(m.string, m.start(), ROWS_READ))


VALIDATORS = {"password-column": _password_column, "secret-column": _secret_column}
