"""A parsed HTTP request for the emulator handlers (query, JSON, form and multipart bodies)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qs


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes
    _form: dict[str, str] | None = None
    _files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    raw_query: str = ""

    @classmethod
    def build(cls, method: str, raw_path: str, headers: dict[str, str], body: bytes) -> Request:
        path, _, qs = raw_path.partition("?")
        query = {k: v[-1] for k, v in parse_qs(qs, keep_blank_values=True).items()}
        return cls(
            method, path, query, {k.lower(): v for k, v in headers.items()}, body, raw_query=qs
        )

    def query_all(self, name: str) -> list[str]:
        """Every value of a repeated query parameter, in order."""
        return parse_qs(self.raw_query, keep_blank_values=True).get(name, [])

    def json(self) -> dict[str, Any]:
        try:
            data = json.loads(self.body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            return {}
        return data if isinstance(data, dict) else {}

    def form(self) -> dict[str, str]:
        """Fields of an urlencoded or multipart body (files in :meth:`files`)."""
        if self._form is not None:
            return self._form
        ctype = self.headers.get("content-type", "")
        form: dict[str, str] = {}
        if ctype.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {ctype}\r\n\r\n".encode() + self.body
            )
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                filename = part.get_filename()
                payload = part.get_payload(decode=True) or b""
                if not name:
                    continue
                if filename is not None:
                    self._files[str(name)] = (filename, payload)
                else:
                    form[str(name)] = payload.decode("utf-8", "replace")
        elif self.body:
            form = {
                k: v[-1]
                for k, v in parse_qs(
                    self.body.decode("utf-8", "replace"), keep_blank_values=True
                ).items()
            }
        self._form = form
        return form

    def files(self) -> dict[str, tuple[str, bytes]]:
        self.form()
        return self._files
