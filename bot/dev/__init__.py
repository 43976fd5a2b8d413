"""What a developer (or an admin at a terminal) uses: the unionbot CLI (cli, cli_*), the console
chat (console), the test harness (testing), a local stand-in Bot API (devapi) and the wording scan
the catalog tests run (textscan)."""
