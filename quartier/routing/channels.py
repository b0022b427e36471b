"""How a forwarding reaches a partner: one sender per channel.

E-mail is routing's own; interface apps register more in their AppConfig.ready() (open311
registers "open311"). A sender takes the forwarding and returns the partner's id for it, if
the partner gave one. It raises ChannelNotAvailable when the channel cannot be used at all,
anything else to have the delivery retried.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quartier.core import registry

Sender = Callable[[Any], str]
KIND = "forwarding_sender"


class ChannelNotAvailable(Exception):
    """The partner's channel cannot be used at all (no point in retrying)."""


def register_sender(channel: str, send: Sender) -> None:
    registry.add(KIND, (channel, send))


def sender_for(channel: str) -> Sender:
    for name, send in registry.contributions(KIND):
        if name == channel:
            return send
    raise ChannelNotAvailable(f"Kein Versandweg für „{channel}“ eingerichtet.")
