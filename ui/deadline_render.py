"""Texts about the deadline calendar that more than one floor shows: the admins' notice of what
data of the current protection year is missing (/calendar and the scheduler's daily message)."""

from __future__ import annotations


def missing_text(t, cal, today) -> str:
    """What of the current protection year is not loaded yet (the scheduler sends it to admins daily)."""
    from domain.data_status import missing_data

    missing = missing_data(cal, today)
    if not missing:
        return t("cal-missing-none")
    lines = [t("cal-missing-title")]
    for m in missing:
        program = t(f"dl-prog-{m.program.replace('_', '-')}") if m.kind == "calendar" else \
            t(f"calc-program-{m.program.replace('_', '-')}")
        lines.append(t(f"cal-missing-{m.kind}", program=program, year=m.year, used=m.used))
    return "\n".join(lines)
