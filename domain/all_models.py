"""Import every table module so that SQLModel.metadata knows them all (Alembic, tests)."""

from domain import models  # noqa: F401
from domain.guides import progress  # noqa: F401,E402
from domain.faq import feedback as faq_feedback  # noqa: F401,E402  (tables + export/forget registration)
from domain.cards import service as card_service  # noqa: F401,E402  (tables + export/forget registration)
from domain.reminders import store as reminder_store  # noqa: F401,E402  (tables + export/forget registration)
from domain.broadcasts import store as broadcast_store  # noqa: F401,E402  (tables + export/forget registration)
from domain import outbox  # noqa: F401,E402  (tables + export/forget registration)
from domain.workspace import roster as webapp_roster  # noqa: F401,E402  (the Mini App's kept roster checks)
