"""Admin broadcasts: one message to a chosen audience, sent through the reminders' delivery path."""
