"""What people read and press, shared by the feature routers (handlers/) and the wiring (bot/):
the message catalogs' translator (i18n.py), the texts of answers, calculator results and notices
(*_render.py), and the button data both floors use (buttons.py). It imports domain/ and aiogram's
types, never bot/ or handlers/ (tests/test_architecture.py)."""
