"""What runs: the dispatcher and the bot it serves (app), polling and webhook runners (runner)."""
