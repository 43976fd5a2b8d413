"""A message of the catalogs (locales/) named by domain code: a status label, a kind of document,
a remark on a deadline. Domain code names the message and its parameters; the translator renders
it in the reader's language (ui/i18n.py), as a parameter of another message or on its own, so no
label is spelled in Python."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MessageRef:
    key: str
    params: tuple[tuple[str, object], ...] = ()  # (name, value) pairs: hashable, in a stable order

    @classmethod
    def of(cls, key: str, **params: object) -> MessageRef:
        return cls(key, tuple(sorted(params.items())))

    @property
    def kwargs(self) -> dict[str, object]:
        return dict(self.params)
