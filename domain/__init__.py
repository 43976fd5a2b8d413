"""Business rules and use cases. Never imports aiogram or anything Telegram."""
