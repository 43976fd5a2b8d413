"""A parameter that is itself a message of the catalogs (locales/): a status label, a kind of
document. Domain code names the message; the translator renders it in the language of the
message it goes into (ui/i18n.py), so no label is spelled in Python."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MessageRef:
    key: str
