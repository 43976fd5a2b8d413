"""The Mini App's API (bot/webapp/): initData checked (401), the chat's access policy (403, scoping),
the actions through the domain services, bad input refused with a clear message and nothing changed."""

from __future__ import annotations

import io
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import select

from domain.cards.models import CardApplication
from domain.reminders.models import Delivery
from tests.webapp_support import (CLERK, MEMBER, NOW, OTHER_CLERK, OTHER_CLERK_2, STRANGER, UPPER, headers, init_for,
                                  seed, webapp)


@pytest.fixture
async def world(harness):
    w = await seed(harness.app.db)
    async with TestClient(TestServer(webapp(harness))) as client:
        yield harness, w, client


async def _statuses(harness) -> dict[int, str]:
    async with harness.app.db.session() as s:
        return {a.id: a.status for a in (await s.exec(select(CardApplication))).all()}


# --- identity -------------------------------------------------------------------------------


async def test_missing_tampered_and_expired_init_data_get_401(world):
    harness, _w, client = world
    res = await client.get("/api/me")
    assert res.status == 401 and "Telegram" in (await res.json())["message"]
    good = init_for(harness.app, CLERK)
    fields = dict(parse_qsl(good))
    fields["user"] = fields["user"].replace(str(CLERK), str(UPPER))  # someone else's id, same hash
    res = await client.get("/api/me", headers={"Authorization": "tma " + urlencode(fields)})
    body = await res.json()
    assert res.status == 401 and body["error"] == "wa-auth-bad"
    res = await client.get("/api/me", headers={"Authorization": "tma " + good[:-2] + "00"})
    assert res.status == 401
    old = init_for(harness.app, CLERK, at=NOW - timedelta(days=2))
    res = await client.get("/api/me", headers={"Authorization": "tma " + old})
    assert res.status == 401 and (await res.json())["error"] == "wa-auth-expired"
    from bot.webapp import auth

    other_token = auth.sign("123:OTHER-bot-token", CLERK, auth_date=NOW.timestamp())
    res = await client.get("/api/me", headers={"Authorization": "tma " + other_token})
    assert res.status == 401  # signed with another bot's token


async def test_member_and_unknown_user_get_403(world):
    harness, _w, client = world
    for uid in (MEMBER, 999):
        res = await client.get("/api/applications", headers=headers(harness.app, uid))
        assert res.status == 403
        assert "经办人" in (await res.json())["message"]


async def test_me_says_who_in_their_language(world):
    harness, w, client = world
    me = await (await client.get("/api/me", headers=headers(harness.app, CLERK))).json()
    assert me["unit"]["name"] == "甲工会" and me["lang"] == "zh" and me["below"] is False
    assert me["texts"]["wa-tab-applications"] == "办卡申请" and me["texts"]["card-st-pending"] == "待办中"
    upper = await (await client.get("/api/me", headers=headers(harness.app, UPPER))).json()
    assert upper["lang"] == "en" and upper["below"] is True and upper["texts"]["wa-tab-units"] == "Units below"


# --- applications ---------------------------------------------------------------------------


async def test_table_is_scoped_filtered_searched_and_masked(world):
    harness, w, client = world
    data = await (await client.get("/api/applications", headers=headers(harness.app, CLERK))).json()
    assert {r["name"] for r in data["rows"]} == {"李四", "王五", "赵六", "钱七"}
    assert w.apps["stranger"] not in {r["id"] for r in data["rows"]}  # another district's unit
    assert data["total"] == 4 and data["counts"] == {"pending": 4}
    assert all("*" in r["doc"] and "*" in r["mobile"] for r in data["rows"])
    raw = str(data)
    assert "1381234560" not in raw and "310115199003" not in raw
    found = await (await client.get("/api/applications", params={"q": "王五"}, headers=headers(harness.app, CLERK))).json()
    assert [r["name"] for r in found["rows"]] == ["王五"]
    none = await (await client.get("/api/applications", params={"status": "issued"}, headers=headers(harness.app, CLERK))).json()
    assert none["rows"] == [] and none["total"] == 0
    upper = await (await client.get("/api/applications", headers=headers(harness.app, UPPER))).json()
    assert upper["total"] == 4  # the district sees its units' applications
    stranger = await (await client.get("/api/applications", headers=headers(harness.app, STRANGER))).json()
    assert [r["id"] for r in stranger["rows"]] == [w.apps["stranger"]]


async def test_bad_filters_are_400_with_a_message(world):
    harness, _w, client = world
    res = await client.get("/api/applications", params={"status": "nonsense"}, headers=headers(harness.app, CLERK))
    assert res.status == 400 and "nonsense" in (await res.json())["message"]
    res = await client.get("/api/applications", params={"q": "x" * 41}, headers=headers(harness.app, CLERK))
    assert res.status == 400 and "40" in (await res.json())["message"]


async def test_check_of_two_selected_changes_just_those(world):
    harness, w, client = world
    before = await _statuses(harness)
    ids = [w.apps["李四"], w.apps["钱七"]]
    res = await client.post("/api/applications/check", json={"ids": ids}, headers=headers(harness.app, CLERK))
    body = await res.json()
    assert res.status == 200 and (body["ok"], body["fail"]) == (1, 1) and "1" in body["message"]
    after = await _statuses(harness)
    assert after[w.apps["李四"]] == "checked_ok" and after[w.apps["钱七"]] == "checked_fail"
    assert {k: v for k, v in after.items() if k not in ids} == {k: v for k, v in before.items() if k not in ids}
    rows = (await (await client.get("/api/applications", params={"status": "checked_fail"},
                                    headers=headers(harness.app, CLERK))).json())["rows"]
    assert rows[0]["reason_text"] and "地址" in rows[0]["reason_text"]


async def test_check_refuses_bad_and_foreign_selection_changing_nothing(world):
    harness, w, client = world
    before = await _statuses(harness)
    for body, status in (({"ids": []}, 400), ({"ids": ["1"]}, 400), ({"ids": [True]}, 400), ({}, 400),
                         ({"ids": [w.apps["王五"], w.apps["stranger"]]}, 404)):
        res = await client.post("/api/applications/check", json=body, headers=headers(harness.app, CLERK))
        assert res.status == status, body
        assert (await res.json())["message"]
    res = await client.post("/api/applications/check", data="not json", headers=headers(harness.app, CLERK))
    assert res.status == 400
    assert await _statuses(harness) == before
    res = await client.post("/api/applications/check", json={"ids": [w.apps["王五"]]}, headers=headers(harness.app, MEMBER))
    assert res.status == 403 and await _statuses(harness) == before


async def test_batch_roster_download_and_bank_result(world):
    harness, w, client = world
    h = headers(harness.app, CLERK)
    await client.post("/api/applications/check", json={"ids": [w.apps["李四"], w.apps["王五"]]}, headers=h)
    meta = await (await client.get("/api/batches", headers=h)).json()
    assert meta["batches"] == [] and meta["outlets"] and meta["sample"] is True
    outlet = meta["outlets"][0]["id"]
    bad = await client.post("/api/batches", json={"channel": "normal", "outlet_id": outlet, "contact": "李", "phone": "13900001111"}, headers=h)
    assert bad.status == 400 and "2-40" in (await bad.json())["message"]
    bad = await client.post("/api/batches", json={"channel": "normal", "outlet_id": outlet, "contact": "李经办", "phone": "021-1234"}, headers=h)
    assert bad.status == 400
    bad = await client.post("/api/batches", json={"channel": "x", "outlet_id": outlet, "contact": "李经办", "phone": "13900001111"}, headers=h)
    assert bad.status == 400
    assert (await (await client.get("/api/batches", headers=h)).json())["batches"] == []
    res = await client.post("/api/batches", json={"channel": "normal", "outlet_id": outlet, "contact": "李经办", "phone": "13900001111"}, headers=h)
    made = await res.json()
    assert res.status == 200 and made["count"] == 2
    listed = (await (await client.get("/api/batches", headers=h)).json())["batches"]
    assert [(b["ref"], b["total"], b["open"]) for b in listed] == [(made["ref"], 2, 2)]
    roster = await client.get(f"/api/batches/{made['id']}/roster", headers=h)
    assert roster.status == 200 and roster.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(await roster.read())).active
    assert ws.cell(3, 3).value in ("李四", "王五")
    assert (await client.get(f"/api/batches/{made['id']}/roster", headers=headers(harness.app, STRANGER))).status == 404
    res = await client.post(f"/api/applications/{w.apps['李四']}/result", json={"success": True}, headers=h)
    assert res.status == 200 and (await res.json())["status"] == "issued"
    again = await client.post(f"/api/applications/{w.apps['李四']}/result", json={"success": True}, headers=h)
    assert again.status == 409 and (await again.json())["message"]
    bad = await client.post(f"/api/applications/{w.apps['王五']}/result", json={"success": "yes"}, headers=h)
    assert bad.status == 400 and (await _statuses(harness))[w.apps["王五"]] == "submitted"
    foreign = await client.post(f"/api/applications/{w.apps['王五']}/result", json={"success": True},
                                headers=headers(harness.app, STRANGER))
    assert foreign.status == 404 and (await _statuses(harness))[w.apps["王五"]] == "submitted"
    # members are told through the outbox, as in chat
    from domain.outbox import OutboxMessage

    async with harness.app.db.session() as s:
        rows = (await s.exec(select(OutboxMessage))).all()
    assert {r.recipient_id for r in rows} == {101, 102}  # 李四 and 王五, the two checked and batched


# --- roster ----------------------------------------------------------------------------------


async def test_roster_upload_reports_rows_cells_and_files(world):
    harness, _w, client = world
    from tests.webapp_support import roster_file

    h = headers(harness.app, CLERK)
    assert (await client.get("/api/roster", headers=h)).status == 404
    from aiohttp import FormData

    data = FormData()
    data.add_field("file", roster_file(), filename="名单.xlsx")
    res = await client.post("/api/roster", data=data, headers=h)
    body = await res.json()
    assert res.status == 200, body
    assert body["kind"] == "mutual-aid" and body["errors"] >= 1
    bad_rows = {p["row"]: p for p in body["problems"]}
    issue = next(i for p in body["problems"] for i in p["issues"] if i["severity"] == "error")
    assert issue["column"] and issue["message"] and issue["fix"]
    assert all("*" in c or not c.isdigit() for p in body["problems"] for c in p["cells"] if len(c) >= 15)
    assert bad_rows
    latest = await (await client.get("/api/roster", headers=h)).json()
    assert latest["problems"] == body["problems"]
    report = await client.get("/api/roster/report", headers=h)
    assert report.status == 200 and (await report.read())[:2] == b"PK"
    from urllib.parse import quote

    assert quote("名单-预检结果.xlsx") in report.headers["Content-Disposition"]  # named as the chat names it
    fixed = await client.get("/api/roster/fixed", params={"part": "1"}, headers=h)
    assert fixed.status == 200
    assert (await client.get("/api/roster/fixed", params={"part": "9"}, headers=h)).status == 404
    assert (await client.get("/api/roster", headers=headers(harness.app, OTHER_CLERK))).status == 404  # per user


async def test_roster_check_is_kept_for_any_worker_encrypted_and_forgotten(world):
    """Behind a balancer the download reaches another worker process: the check is kept in the shared
    database, not in the process, encrypted (the files hold members' ID numbers), for a day."""
    harness, _w, client = world
    from aiohttp import FormData

    from domain.privacy import DataCipher
    from domain.repos import forget_user
    from domain.workspace.roster import KEEP_FOR, KeptRosterCheck, kept_check
    from tests.webapp_support import roster_file

    h = headers(harness.app, CLERK)
    data = FormData()
    data.add_field("file", roster_file(), filename="名单.xlsx")
    body = await (await client.post("/api/roster", data=data, headers=h)).json()
    async with TestClient(TestServer(webapp(harness))) as other:  # a second worker: its own application
        latest = await other.get("/api/roster", headers=h)
        assert latest.status == 200 and (await latest.json())["problems"] == body["problems"]
        fixed = await other.get("/api/roster/fixed", params={"part": "1"}, headers=h)
        assert fixed.status == 200 and (await fixed.read())[:2] == b"PK"
    async with harness.app.db.session() as s:
        row = await s.get(KeptRosterCheck, CLERK)
        assert row is not None and "名单" not in row.sealed and "mutual" not in row.sealed
        cipher = DataCipher(harness.app.settings.resolved_data_key())
        assert (await kept_check(s, cipher, CLERK, now=NOW))[0] == "名单.xlsx"
        assert await kept_check(s, cipher, CLERK, now=NOW + KEEP_FOR + timedelta(minutes=1)) is None
        await forget_user(s, CLERK)
        await s.commit()
    async with harness.app.db.session() as s:
        assert await s.get(KeptRosterCheck, CLERK) is None


async def test_roster_bad_uploads_are_refused(world):
    harness, _w, client = world
    from aiohttp import FormData

    h = headers(harness.app, CLERK)
    res = await client.post("/api/roster", json={"file": "x"}, headers=h)
    assert res.status == 400 and (await res.json())["message"]
    data = FormData()
    data.add_field("file", b"this is not a workbook", filename="x.xlsx")
    res = await client.post("/api/roster", data=data, headers=h)
    assert res.status == 422 and (await res.json())["message"]
    data = FormData()
    data.add_field("file", b"PK..", filename="x.xlsx")
    data.add_field("kind", "nonsense")
    assert (await client.post("/api/roster", data=data, headers=h)).status == 400
    assert (await client.get("/api/roster", headers=h)).status == 404  # nothing kept


# --- deadlines --------------------------------------------------------------------------------


async def test_calendar_month_and_year(world):
    harness, _w, client = world
    h = headers(harness.app, CLERK)
    month = await (await client.get("/api/calendar", params={"year": "2023", "month": "6"}, headers=h)).json()
    ids = {i["id"] for i in month["items"]}
    assert "ma2023_collective_window" in ids
    own = [i for i in month["items"] if i["own"]]
    assert own and own[0]["program"] == "mutual_aid"  # the code review after 甲's recorded step
    assert month["events"] and month["events"][0]["event"] == "code_applied"
    only = await (await client.get("/api/calendar", params={"year": "2023", "month": "6", "programs": "retiree"}, headers=h)).json()
    assert all(i["program"] == "retiree" for i in only["items"])
    year = await (await client.get("/api/calendar/year", params={"year": "2023"}, headers=h)).json()
    assert any(i["starts"] for i in year["items"])
    for params in ({"year": "2023", "month": "13"}, {"year": "abc", "month": "1"}):
        res = await client.get("/api/calendar", params=params, headers=h)
        assert res.status == 400 and (await res.json())["message"]


# --- units below --------------------------------------------------------------------------------


async def test_units_below_late_and_nudge_with_delivery_log(world):
    harness, w, client = world
    h = headers(harness.app, UPPER)
    assert (await client.get("/api/units", headers=headers(harness.app, CLERK))).status == 403  # grassroots
    data = await (await client.get("/api/units", params={"program": "mutual_aid", "year": "2023"}, headers=h)).json()
    rows = {r["name"]: r for r in data["units"]}
    assert set(rows) == {"甲工会", "乙工会"}  # not its own, not another district's
    assert rows["乙工会"]["late"] is True and rows["甲工会"]["late"] is False
    assert rows["甲工会"]["steps"] == {"code_applied": "2023-06-20"}
    assert data["series"] and data["series"][-1]["units"] == 1
    refused = await client.post("/api/units/nudge", json={"program": "mutual_aid", "year": 2023, "units": [w.unit]}, headers=h)
    assert refused.status == 400 and "甲工会" in (await refused.json())["message"]
    refused = await client.post("/api/units/nudge", json={"program": "mutual_aid", "year": 2023, "units": [w.stranger]}, headers=h)
    assert refused.status == 403
    async with harness.app.db.session() as s:
        assert (await s.exec(select(Delivery))).all() == []
    before = len(harness.calls)
    res = await client.post("/api/units/nudge", json={"program": "mutual_aid", "year": 2023, "units": [w.other]}, headers=h)
    body = await res.json()
    assert res.status == 200 and body["results"][0]["sent"] == 2 and body["results"][0]["log"] == {"sent": 2}
    sent = [c for c in harness.calls[before:] if c.method == "sendMessage"]
    assert {c.chat_id for c in sent} == {OTHER_CLERK, OTHER_CLERK_2}
    texts = {c.chat_id: c.text for c in sent}
    assert "乙工会" in texts[OTHER_CLERK] and "互助保障" in texts[OTHER_CLERK] and "/events" in texts[OTHER_CLERK]
    assert "Reminder from" in texts[OTHER_CLERK_2]  # in that clerk's language
    again = await (await client.post("/api/units/nudge", json={"program": "mutual_aid", "year": 2023, "units": [w.other]},
                                     headers=h)).json()
    assert again["results"][0]["sent"] == 0 and again["results"][0]["skipped"] == 2  # once a day per clerk
    bad = await client.post("/api/units/nudge", json={"program": "nope", "year": 2023, "units": [w.other]}, headers=h)
    assert bad.status == 400


# --- pages and errors ----------------------------------------------------------------------------


async def test_pages_static_and_error_page_without_stack_trace(harness):
    await seed(harness.app.db)
    async with TestClient(TestServer(webapp(harness, alone=True))) as client:
        page = await client.get("/app/")
        assert page.status == 200 and "app.js" in await page.text()
        assert (await client.get("/app/static/app.js")).status == 200
        missing = await client.get("/app/nothing-here")
        text = await missing.text()
        assert missing.status == 404 and "找不到" in text and "Traceback" not in text
        assert (await client.get("/app/dev")).status == 404  # no dev session unless asked for
        api_missing = await client.get("/app/api/nothing")
        assert api_missing.status in (401, 404)


# --- the WebApp button in the clerk menu --------------------------------------------------------


async def test_clerk_menu_has_the_webapp_button_when_the_url_is_set(tmp_path):
    from bot.dev.testing import BotHarness
    from domain.models import User

    url = "https://bot.example.org/app/"
    async with BotHarness.create(tmp_path, webapp_url=url) as h:
        await seed(h.app.db)
        async with h.app.db.session() as s:
            for uid in (CLERK, MEMBER):
                u = await s.get(User, uid)
                u.mode = "clerk"
                s.add(u)
            await s.commit()
        clerk = (await h.send(CLERK, "/menu"))[-1]
        assert clerk.buttons[0]["web_app"] == {"url": url} and clerk.buttons[0]["text"] == "🗂 打开工作台"
        member_in_clerk_mode = (await h.send(MEMBER, "/menu"))[-1]  # no unit: no workspace
        assert not any("web_app" in b for b in member_in_clerk_mode.buttons)
    async with BotHarness.create(tmp_path / "plain") as h:
        await seed(h.app.db)
        async with h.app.db.session() as s:
            u = await s.get(User, CLERK)
            u.mode = "clerk"
            s.add(u)
            await s.commit()
        assert not any("web_app" in b for b in (await h.send(CLERK, "/menu"))[-1].buttons)


def test_webapp_url_must_be_https():
    from bot.settings import SettingsError, load_settings

    with pytest.raises(SettingsError, match="WEBAPP_URL"):
        load_settings(webapp_url="http://bot.example.org/app/")


def test_dev_user_refused_with_a_real_token(monkeypatch, capsys, tmp_path):
    from bot.dev.cli import main

    monkeypatch.setenv("BOT_TOKEN", "123456:REAL-token")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    assert main(["web", "--dev-user", "20"]) == 2
    assert "--dev-user" in capsys.readouterr().err and not (tmp_path / "x.db").exists()


async def test_dev_session_signs_the_chosen_user(harness):
    from urllib.parse import unquote

    from bot.webapp import make_webapp

    await seed(harness.app.db)
    async with TestClient(TestServer(make_webapp(harness.app, harness.bot, dev_user=CLERK, now=lambda: NOW))) as client:
        res = await client.get("/dev", allow_redirects=False)
        assert res.status == 302
        init = unquote(res.headers["Location"].split("tgWebAppData=", 1)[1].split("&tgWebApp", 1)[0])
    async with TestClient(TestServer(webapp(harness))) as client:
        me = await client.get("/api/me", headers={"Authorization": "tma " + init})
        assert me.status == 200 and (await me.json())["user"] == CLERK


async def test_webhook_server_serves_the_mini_app_at_app(harness):
    from bot.run.runner import make_webhook_app

    await seed(harness.app.db)
    async with TestClient(TestServer(make_webhook_app(harness.app, harness.bot))) as client:
        assert (await client.get("/healthz")).status in (200, 503)
        page = await client.get("/app/")
        assert page.status == 200 and "/app/static/app.js" in await page.text()
        from domain import clock

        me = await client.get("/app/api/me", headers=headers(harness.app, CLERK, at=clock.now()))  # the real clock here
        assert me.status == 200 and (await me.json())["unit"]["name"] == "甲工会"
        assert (await client.get("/app/api/me")).status == 401
