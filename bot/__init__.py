"""Wiring: settings, database, FSM storage, middlewares, i18n, the shared sender and its engines, the
scheduler. What runs is in run/, what operates a deployment in ops/, what a developer uses in dev/."""
