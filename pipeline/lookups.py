"""What the post model asks of the unit's other files, as small Protocols.

A post names its channels (account ids of the accounts registry) and its author (a person of
the roster). :mod:`pipeline.content` checks both through these two lookups, so the model does
not import the registry's or the roster's loaders; ``governance.registry.Registry`` and
``review.roster.Roster`` satisfy them as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class ChannelAccount(Protocol):
    @property
    def platform(self) -> str: ...


class ChannelLookup(Protocol):
    """The accounts registry as a post sees it: its file and its accounts by id."""

    @property
    def path(self) -> str: ...

    @property
    def accounts(self) -> Mapping[str, ChannelAccount]: ...


class AuthorLookup(Protocol):
    """The roster as a post sees it: its file and whether a name and e-mail are in it."""

    @property
    def path(self) -> str: ...

    def find(self, name: str, email: str) -> object | None: ...
