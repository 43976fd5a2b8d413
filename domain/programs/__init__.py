"""Status state machines per program ("where am I / what now").

One machine per program (``domain/data/programs/status/<program>.yaml``): every status lists which
actions are allowed, forbidden (with a reason code and possibly the action to take instead) or
conditional, the next step, the deadline that applies and the transitions. Where the manuals
disagree the machine keeps the stricter FAQ reading and records the other one as ``disputed``.
"""

from domain.programs.machine import (
    PROGRAMS,
    Decision,
    Machine,
    StatusInfo,
    decide,
    describe,
    find_status,
    load_machine,
)

__all__ = ["PROGRAMS", "Decision", "Machine", "StatusInfo", "decide", "describe", "find_status", "load_machine"]
