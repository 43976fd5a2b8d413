"""deploy/: the compose file, the systemd units and the Dockerfile describe the shape the code
runs (the commands exist, the files copied exist). Nothing is built or pulled."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import yaml

from bot.dev.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def _parses(argv: list[str]) -> None:
    assert argv[0] == "unionbot" or argv[0].endswith("/unionbot"), argv
    build_parser().parse_args(argv[1:])  # SystemExit on an unknown command or option


def test_compose_has_the_production_shape_and_valid_commands():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "worker1", "worker2", "scheduler", "scheduler-standby", "lb"} <= set(services)
    for name, svc in services.items():
        if "command" in svc and svc.get("image", "").startswith("unionbot"):
            _parses(svc["command"])
    for name in ("worker1", "worker2", "scheduler"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://") and env["REDIS_URL"].startswith("redis://")
        assert env["EMBEDDED_SCHEDULER"] == "false"
    assert services["lb"]["ports"] == ["127.0.0.1:8080:8080"]
    backends = [a for a in services["lb"]["command"] if a.startswith("http://")]
    assert backends == ["http://worker1:8080", "http://worker2:8080"]


def test_systemd_units_run_existing_commands():
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert {u.name for u in units} == {"unionbot-webhook@.service", "unionbot-scheduler.service", "unionbot-lb.service"}
    for unit in units:
        cfg = configparser.ConfigParser(strict=False, interpolation=None)
        cfg.read_string(unit.read_text())
        _parses(shlex.split(cfg["Service"]["ExecStart"]))
        assert cfg["Service"]["Restart"] == "always"


def test_dockerfile_copies_what_exists():
    for line in (DEPLOY / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY "):
            for src in line.split()[1:-1]:
                assert (ROOT / src).exists(), src


def test_readme_documents_backup_restore_and_debian_setup():
    text = (DEPLOY / "README.md").read_text()
    for needle in ("pg_dump --format=custom", "pg_restore", ".backup", "apt-get install -y postgresql redis-server",
                   "make cluster", "/healthz", "/metrics", "unionbot export-user"):
        assert needle in text, needle
    for setting in re.findall(r"^\| `([A-Z_]+)`", text, flags=re.M):
        from bot.settings import Settings

        assert setting.lower() in Settings.model_fields, setting
