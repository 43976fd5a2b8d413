"""Step-by-step enrollment guides: content per locale in ``locales/<lang>/guides/<process>.yaml``,
loaded and validated here (both locales must have the same guides, steps, FAQ tags and contacts)."""

from domain.guides.loader import (
    GUIDE_ORDER,
    LANGS,
    Guide,
    GuideError,
    Step,
    check_guides,
    load_contacts,
    load_guides,
)
from domain.guides.progress import GuideProgress, get_progress, list_progress, save_progress

__all__ = ["GUIDE_ORDER", "LANGS", "Guide", "GuideError", "GuideProgress", "Step", "check_guides", "get_progress",
           "list_progress", "load_contacts", "load_guides", "save_progress"]
