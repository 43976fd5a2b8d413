"""/metrics is never open on the webhook port: behind METRICS_TOKEN there, or on METRICS_PORT."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from bot.ops.metrics import make_metrics_app
from bot.run.runner import make_webhook_app
from bot.settings import load_settings
from bot.dev.testing import BotHarness


async def _get(app, path, headers=None):
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        resp = await client.get(path, headers=headers or {})
        return resp.status, await resp.text()
    finally:
        await client.close()


async def test_metrics_not_on_the_webhook_port_without_a_token(tmp_path):
    async with BotHarness.create(tmp_path, webhook_secret="s3cret") as h:
        status, _ = await _get(make_webhook_app(h.app, h.bot), "/metrics")
        assert status == 404
        status, _ = await _get(make_webhook_app(h.app, h.bot), "/healthz")
        assert status == 200


async def test_metrics_behind_the_token_on_the_webhook_port(tmp_path):
    async with BotHarness.create(tmp_path, webhook_secret="s3cret", metrics_token="tok-1") as h:
        assert (await _get(make_webhook_app(h.app, h.bot), "/metrics"))[0] == 401
        assert (await _get(make_webhook_app(h.app, h.bot), "/metrics", {"Authorization": "Bearer tok-2"}))[0] == 401
        status, text = await _get(make_webhook_app(h.app, h.bot), "/metrics", {"Authorization": "Bearer tok-1"})
        assert status == 200 and "unionbot_updates_total" in text


async def test_metrics_on_their_own_port(tmp_path):
    async with BotHarness.create(tmp_path, webhook_secret="s3cret", metrics_port=9464) as h:
        assert (await _get(make_webhook_app(h.app, h.bot), "/metrics"))[0] == 404  # not next to the webhook
        status, text = await _get(make_metrics_app(h.app.settings), "/metrics")
        assert status == 200 and "unionbot_updates_total" in text
    both = load_settings(metrics_port=9464, metrics_token="t", data_dir=tmp_path)
    assert (await _get(make_metrics_app(both), "/metrics"))[0] == 401  # a token applies there too
    assert (await _get(make_metrics_app(both), "/metrics", {"Authorization": "Bearer t"}))[0] == 200


def test_blank_settings_mean_unset(tmp_path):
    s = load_settings(metrics_port="", metrics_token="", data_dir=tmp_path)
    assert s.metrics_port is None and s.metrics_token is None
