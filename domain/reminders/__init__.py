"""Reminder planning (lead times, quiet hours) and the delivery log that makes sending idempotent."""
