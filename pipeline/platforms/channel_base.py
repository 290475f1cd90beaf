"""What every :class:`~pipeline.platforms.channel.Channel` shares: the unit's settings,
the environment, and the platform's HTTP client, opened once when first used (tests hand
in their own), whose credentials the run scrubs from every record and message."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Generic, Protocol, TypeVar

from pipeline.platforms.channel import Rendering
from pipeline.platforms.settings import Settings


class Client(Protocol):
    """A platform's HTTP client as a channel holds it."""

    def secrets(self) -> list[str]: ...

    def close(self) -> None: ...


C = TypeVar("C", bound=Client)


class ClientChannel(ABC, Generic[C]):
    """A channel over one platform client ``C``."""

    def __init__(
        self,
        settings: Settings,
        client: C | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings
        self.env = dict(env or {})
        self._client = client
        self._client_lock = threading.Lock()

    @abstractmethod
    def open_client(self) -> C:
        """The platform client, with the unit's configured endpoint and credentials."""

    @property
    def client(self) -> C:
        with self._client_lock:
            if self._client is None:
                self._client = self.open_client()
            return self._client

    def secrets(self) -> list[str]:
        return self._client.secrets() if self._client is not None else []

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def done(self, rendering: Rendering) -> None:
        """The delivery ended: nothing is kept for it (channels that keep some say so)."""
        return None
