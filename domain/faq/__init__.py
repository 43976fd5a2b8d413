"""Knowledge base and FAQ search (pure: no Telegram)."""
