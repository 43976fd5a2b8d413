"""The card use cases in one place to import them from (``from domain.cards import service``); each
lives in the module of its concept:

- ``apply``: the member's side (submit, my applications and their history, correct and resubmit,
  withdraw) and the member's card data in the personal-data export and erasure;
- ``review``: the clerk's list, detail, search, sending back by hand, the pre-check and duplicates;
- ``batches``: what a batch would take, creating one, its people and counts, the bank's result;
- ``bank_roster``: the bank roster (.xlsx), the one export with full numbers;
- ``revocation``: a batch's revocation, requested and reviewed;
- ``unions``: the union from the unit registry, orphaned applications and their assignment;
- ``changes``: status moves, their history and the member's pushes, references.

The form is ``form``, the field checks ``validation``, the statuses ``status``, the outlets
``catalogue`` and the bank's result sheet ``results``.
"""

from __future__ import annotations

from domain.cards.apply import FIXABLE, fixable, history, my_applications, resubmit, submit, withdraw
from domain.cards.bank_roster import ROSTER_COLUMNS, roster_file, roster_rows, roster_xlsx
from domain.cards.batches import (batch_applications, batch_counts, batch_of, clerk_batches, close_if_complete,
                                  create_batch, ready_count, record_result, scoped_batch)
from domain.cards.changes import Change, move, move_many, reason_message, short_ref, tell
from domain.cards.review import (CHECKABLE, IN_BATCH, REJECTABLE, age_note_limits, check_note, check_reason, clerk_list,
                                 detail, duplicate_ids, duplicate_note, reject, run_check, search)
from domain.cards.revocation import request_revocation, review_revocation, revocable
from domain.cards.status import HELD
from domain.cards.unions import assign_unit, find_unit, orphans, search_units

# the names these had when everything was in this module
_move, _move_many, _tell = move, move_many, tell

__all__ = [
    "CHECKABLE", "Change", "FIXABLE", "HELD", "IN_BATCH", "REJECTABLE", "ROSTER_COLUMNS", "age_note_limits", "assign_unit",
    "batch_applications", "batch_counts", "batch_of", "check_note", "check_reason", "clerk_batches", "clerk_list",
    "close_if_complete", "create_batch", "detail", "duplicate_ids", "duplicate_note", "find_unit", "fixable", "history", "move",
    "move_many", "my_applications", "orphans", "ready_count", "reason_message", "record_result", "reject",
    "request_revocation", "resubmit", "review_revocation", "revocable", "roster_file", "roster_rows", "roster_xlsx",
    "run_check", "scoped_batch", "search", "search_units", "short_ref", "submit", "tell", "withdraw",
]
