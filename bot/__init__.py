"""Wiring: settings, database, storage, middlewares, i18n, CLI, console chat."""
