"""Texts about the deadline calendar that more than one floor shows: a deadline's note (/deadlines,
/events and the scheduler's reminders), the note a drafted calendar's entries carry (/calendar and
``unionbot calendar draft``), and the admins' notice of what data of the current protection year is
missing (/calendar and the scheduler's daily message)."""

from __future__ import annotations

import html
from collections.abc import Callable

from ui.i18n import LANGS, Translator


def deadline_note(t, d) -> str:
    """What is said under a deadline: the calendar's note (text admins loaded, escaped) and then the
    remarks the domain attached (catalog messages: an earlier year's rule, holidays not loaded)."""
    parts = [html.escape(d.text("note", t.lang), quote=False), *(t.ref(r) for r in getattr(d, "remarks", ()))]
    return ("" if t.lang == "zh" else " ").join(p for p in parts if p)


def draft_note(translator: Translator) -> Callable[[int], dict[str, str]]:
    """The sentence ``domain.calendar.draft_calendar`` adds to each carried-over entry's note, in
    every language, for entries carried over from protection year ``src``."""
    return lambda src: {lang: translator.t(lang, "cal-draft-note", year=src) for lang in LANGS}


def draft_header(t, year: int) -> str:
    """The opening comment of a drafted calendar file (``domain.calendar.draft_calendar``), in the
    language of ``t`` (a bound translator): what the admin checks before loading it."""
    return t("cal-draft-header", year=year, days_off="days_off", working_weekends="working_weekends",
             draft="draft: true")


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


def problem_text(t, problem) -> str:
    """A calendar file's problem (``domain.calendar.FileProblem``) in the reader's language, as HTML
    text: its line or sheet row, then what is wrong, after the file's name when it is a loaded file.
    ``t`` is a bound translator (ui.i18n.BoundTranslator)."""
    gap = "" if t.lang == "zh" else " "  # after the colon: none after a full-width one
    parts = [t("cal-problem-file", file=problem.file)] if problem.file else []
    parts += [t(f"cal-problem-{problem.unit}", n=str(problem.n)), t.ref(problem.message)]
    return gap.join(parts)
