"""Once a day (from 09:00 Shanghai time) every admin is told which data of the current protection
year is missing; the delivery log's key ``missing-data:<day>`` makes it once per day and admin,
whichever process or run sends it."""

from __future__ import annotations

from datetime import datetime, time

from bot.i18n import BoundTranslator
from domain.repos import get_user


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


async def notify_admins(now: datetime, cal, settings, sender, translator) -> int:
    from domain.data_status import missing_data

    local = now.astimezone(settings.tz)
    if local.time() < time(9, 0) or not settings.admin_ids:
        return 0
    if not missing_data(cal, local.date()):
        return 0

    async def text_for(uid: int) -> str:
        async with sender.db.session() as session:
            user = await get_user(session, uid)
        lang = translator.normalize(user.lang if user else None)
        return missing_text(BoundTranslator(translator, lang), cal, local.date())

    report = await sender.fan_out(f"missing-data:{local.date().isoformat()}", "daily", sorted(settings.admin_ids),
                                  text_for)
    return report.sent
