"""Wiring: settings, database, FSM storage, middlewares, the shared sender and its engines, the
scheduler, the roster worker processes; it gives the feature routers what they need as workflow
data (handlers/ports.py). What runs is in run/, what operates a deployment in ops/, what a
developer uses in dev/."""
