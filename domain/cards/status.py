"""Card application status machine (manual 003): every allowed move, nothing else.

未办卡 → 待办中 → pre-check passed / failed → 已提交办卡 → 已办卡 / not issued; a submitted batch
can be put up for revocation: approved releases the people to 未办卡 (they may be submitted again),
rejected keeps them locked in the batch (back to 已提交办卡). [003] names 卡片状态 未办卡 / 待办中 /
已办卡, 信息校验结果 已通过 / 未通过 and a batch's 办理成功人数; the other states are the bot's own
records and their labels (locales/*/card.ftl, card-st-*) say so.
"""

from __future__ import annotations

from domain.messages import MessageRef
from domain.repos import DomainError

STATUSES = ("none", "pending", "checked_ok", "checked_fail", "submitted", "issued", "failed", "revoke_pending",
            "withdrawn")  # their labels: locales/*/card.ftl card-st-* (label_key)
OPEN = frozenset({"pending", "checked_ok", "checked_fail", "submitted", "revoke_pending"})
HELD = OPEN | {"issued"}  # what a document number may hold once each: an open application, an issued card
# The card statuses are spelled once, here (these ids are stored). The status helper's machine of
# the platform's view, card_batch (domain/data/programs/status/card_batch.yaml), names the same
# states with the same ids (none / pending / submitted / revoke_pending / issued); its only other
# states are what a batch's revocation review shows, which no application holds (approved releases
# the people to none, rejected keeps them submitted). Its loader refuses any other id.
REVIEW_OUTCOMES = frozenset({"revoke_approved", "revoke_rejected"})

# (from, to) -> who may make the move
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    ("none", "pending"): frozenset({"member", "clerk"}),
    ("pending", "checked_ok"): frozenset({"clerk"}),
    ("pending", "checked_fail"): frozenset({"clerk"}),
    ("checked_fail", "checked_ok"): frozenset({"clerk"}),  # checked again after a fix
    ("checked_fail", "checked_fail"): frozenset({"clerk"}),
    ("checked_ok", "checked_fail"): frozenset({"clerk"}),
    ("checked_ok", "submitted"): frozenset({"clerk"}),
    ("submitted", "issued"): frozenset({"clerk"}),
    ("submitted", "failed"): frozenset({"clerk"}),
    ("submitted", "revoke_pending"): frozenset({"clerk"}),
    ("revoke_pending", "none"): frozenset({"upper"}),  # revocation approved: released
    ("revoke_pending", "submitted"): frozenset({"upper"}),  # revocation rejected: stays locked
    ("pending", "withdrawn"): frozenset({"member"}),
    ("checked_ok", "withdrawn"): frozenset({"member"}),
    ("checked_fail", "withdrawn"): frozenset({"member"}),
    ("failed", "pending"): frozenset({"member", "clerk"}),
    ("checked_fail", "pending"): frozenset({"member"}),  # the member corrected the answers and resubmits
}


def label_key(status: str) -> str:
    """The catalogs' message of a status (locales/*/card.ftl ``card-st-*``)."""
    return "card-st-" + status.replace("_", "-")


def label(status: str) -> MessageRef | str:
    """A status as a message parameter (its label, in the reader's language); an unknown id as is."""
    return MessageRef(label_key(status)) if status in STATUSES else status


def check_transition(current: str, target: str, role: str) -> None:
    """Raise DomainError for a forbidden move; never change anything silently."""
    allowed = TRANSITIONS.get((current, target))
    if allowed is None:
        raise DomainError("card.transition", current=label(current), target=label(target))
    if role not in allowed:
        raise DomainError("card.transition_role", target=label(target))
