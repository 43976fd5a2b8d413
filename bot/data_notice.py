"""Once a day (from 09:00 Shanghai time) every admin is told which data of the current protection
year is missing (the text is ui/deadline_render.missing_text, which /calendar shows too); the
delivery log's key ``missing-data:<day>`` makes it once per day and admin, whichever process or
run sends it."""

from __future__ import annotations

from datetime import datetime, time

from domain.repos import get_user
from ui.deadline_render import missing_text
from ui.i18n import BoundTranslator


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
