"""Roster pre-check (清册预检): the platform's import rules applied before upload.

``check_roster(bytes, kind, options)`` -> :class:`RosterResult` with row issues and file issues
(message codes + severities); ``write_report`` builds the annotated copy and ``write_template``
the empty template of each kind.
"""

from domain.roster.checker import CheckOptions, Issue, RosterResult, check_roster, detect_kind
from domain.roster.config import KINDS, load_config
from domain.roster.reader import RosterFileError, col_letter

__all__ = [
    "KINDS",
    "CheckOptions",
    "Issue",
    "RosterFileError",
    "RosterResult",
    "check_roster",
    "col_letter",
    "detect_kind",
    "load_config",
]
