"""The clerk workspace as a Telegram Mini App: an aiohttp application mounted at ``/app`` on the
webhook server (bot/runner.py), or served alone by ``unionbot web``.

Every ``/app/api/…`` request carries Telegram's initData (header ``Authorization: tma <initData>``),
checked here (bot/webapp/auth.py), and is mapped to the user, their role and unit; what they may see
is the chat's access policy (domain/access.py): a member gets 403, bad or old initData 401. The
queries are domain/workspace/, the actions the domain services (domain/cards/service.py, the roster
check in the worker process, the shared sender for nudges). Pages: static files under static/."""

from __future__ import annotations

import html
import logging
import secrets
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from aiogram import Bot
from aiohttp import web
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import pushes
from bot.run.app import LOCAL_TOKEN, App
from bot.webapp import auth
from domain import access, clock
from domain.models import Unit, User
from domain.repos import DomainError
from ui.i18n import BoundTranslator

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
PREFIX = "/app"
MAX_UPLOAD = 20 * 1024 * 1024  # the roster checker refuses larger files itself, with its own message
TEXT_PREFIXES = ("wa-", "card-st-", "dl-prog-", "card-channel-", "roster-kind-short-", "ev-")

APP_KEY = web.AppKey("bot_app", App)
BOT_KEY = web.AppKey("bot", Bot)
NOW_KEY = web.AppKey("now", Callable)
DEV_KEY = web.AppKey("dev_user", object)
USER = web.RequestKey("user", User)
SESSION = web.RequestKey("session", AsyncSession)
T = web.RequestKey("t", BoundTranslator)


def _cipher(app: App):
    from domain.privacy import DataCipher

    return DataCipher(app.settings.resolved_data_key())


def _sandbox(app: App):
    """The roster checks' worker processes (bot/sandbox.py), shared with the chat's /roster."""
    from bot.sandbox import shared_sandbox

    s = app.settings
    return shared_sandbox(s.roster_worker_memory_mb, s.roster_worker_timeout, s.roster_workers)


def token_of(app: App) -> str:
    return app.settings.bot_token.get_secret_value() if app.settings.bot_token else LOCAL_TOKEN


class ApiError(Exception):
    def __init__(self, status: int, code: str, params: dict | None = None, **more):
        super().__init__(code)
        self.status, self.code, self.params = status, code, {**(params or {}), **more}


def _t(request: web.Request) -> BoundTranslator:
    t = request.get(T)
    if t is None:
        app: App = request.config_dict[APP_KEY]
        lang = app.translator.normalize(request.headers.get("Accept-Language", "")[:2] or None)
        t = BoundTranslator(app.translator, lang)
    return t


def _error_page(t: BoundTranslator, status: int, message: str) -> web.Response:
    body = (STATIC / "error.html").read_text(encoding="utf-8")
    body = (body.replace("{{lang}}", t.lang).replace("{{title}}", html.escape(t("wa-error-title")))
            .replace("{{message}}", html.escape(message)).replace("{{status}}", str(status)))
    return web.Response(text=body, status=status, content_type="text/html")


def _is_api(request: web.Request) -> bool:
    """An API path, whether the Mini App is mounted at /app (the webhook server) or served at /."""
    return request.path.startswith((PREFIX + "/api/", "/api/"))


@web.middleware
async def errors(request: web.Request, handler):
    """JSON errors for the API, an error page for pages; never a stack trace."""
    is_api = _is_api(request)
    try:
        return await handler(request)
    except ApiError as exc:
        t = _t(request)
        message = t(exc.code, **exc.params) if exc.code.startswith("wa-") else t.err(exc.code, **exc.params)
        return web.json_response({"error": exc.code, "message": html.unescape(message)}, status=exc.status)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        t = _t(request)
        message = t("wa-error-not-found") if exc.status == 404 else t("wa-error-http", status=exc.status)
        if is_api:
            return web.json_response({"error": f"http_{exc.status}", "message": message}, status=exc.status)
        return _error_page(t, exc.status, message)
    except Exception:
        ref = secrets.token_hex(4)
        log.exception("web request failed (ref %s) %s %s", ref, request.method, request.path)
        t = _t(request)
        message = t("wa-error-internal", ref=ref)
        if is_api:
            return web.json_response({"error": "internal", "message": message, "ref": ref}, status=500)
        return _error_page(t, 500, message)


@web.middleware
async def identity(request: web.Request, handler):
    """initData → user; one database session per request, committed when it wrote."""
    if not _is_api(request):
        return await handler(request)
    app: App = request.config_dict[APP_KEY]
    header = request.headers.get("Authorization", "")
    init = header[4:] if header.startswith("tma ") else request.headers.get("X-Telegram-Init-Data")
    try:
        data = auth.verify(token_of(app), init, now=request.config_dict[NOW_KEY]().timestamp())
    except auth.AuthError as exc:
        raise ApiError(401, f"wa-auth-{exc.reason}") from None
    lang = app.translator.normalize(data.user.language_code)
    session: AsyncSession = app.db.session()
    try:
        user = await session.get(User, data.user.id)
        t = BoundTranslator(app.translator, app.translator.normalize((user.lang if user else None) or lang))
        request[T] = t
        if user is None or not access.acts_for_unit(user):
            raise ApiError(403, "wa-forbidden")
        request[USER] = user
        request[SESSION] = session
        response = await handler(request)
        sync = session.sync_session
        if sync.new or sync.dirty or sync.deleted or sync.info.get("writes"):
            await session.commit()
        return response
    except Exception:
        await session.rollback()
        raise
    finally:
        await session.close()
        if session.sync_session.info.pop("outbox_committed", False):
            pushes.kick(request.config_dict[BOT_KEY], app.db)


def _domain(exc: DomainError, status: int = 400) -> ApiError:
    return ApiError(status, exc.code, exc.params)


async def _json(request: web.Request) -> dict:
    try:
        body = await request.json()
    except ValueError:
        raise ApiError(400, "wa-bad-json") from None
    if not isinstance(body, dict):
        raise ApiError(400, "wa-bad-json")
    return body


def _calendar(app: App):
    from domain.calendar import load_calendar

    return load_calendar(app.settings.calendar_folder)


# --- pages ----------------------------------------------------------------------------------


async def index(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})


async def dev_session(request: web.Request) -> web.StreamResponse:
    """``unionbot web --dev-user ID``: a fresh signed initData for that user, in the page's hash as
    Telegram passes it."""
    dev = request.config_dict[DEV_KEY]
    if dev is None:
        raise web.HTTPNotFound()
    app: App = request.config_dict[APP_KEY]
    init = auth.sign(token_of(app), dev, auth_date=request.config_dict[NOW_KEY]().timestamp())
    from urllib.parse import quote

    # a raw header: aiohttp's HTTPFound would re-encode the fragment and spoil the signed string
    return web.Response(status=302, headers={"Location": f"{PREFIX}/#tgWebAppData={quote(init, safe='')}&tgWebAppVersion=8.0",
                                             "Cache-Control": "no-store"})


# --- api ------------------------------------------------------------------------------------


async def me(request: web.Request) -> web.Response:
    user: User = request[USER]
    session: AsyncSession = request[SESSION]
    t: BoundTranslator = request[T]
    app: App = request.config_dict[APP_KEY]
    unit = await session.get(Unit, user.unit_id) if user.unit_id else None
    from domain.workspace.units import may_see_below

    texts = {k: html.unescape(t(k)) for k in sorted(app.translator.ids.get(t.lang, ()))
             if k.startswith(TEXT_PREFIXES) and app.translator.bundles[t.lang].get_message(k).value is not None
             and "$" not in _source(app, t.lang, k)}
    now = request.config_dict[NOW_KEY]()
    from domain.calendar import PROGRAMS
    from domain.cards.status import STATUSES
    from domain.roster import KINDS

    return web.json_response({"user": user.id, "role": user.role, "lang": t.lang, "statuses": list(STATUSES),
                              "kinds": list(KINDS), "programs": list(PROGRAMS),
                              "unit": {"id": unit.id, "name": unit.name, "level": unit.level} if unit else None,
                              "below": may_see_below(user, unit), "today": now.astimezone(clock.TZ).date().isoformat(),
                              "texts": texts})


def _source(app: App, lang: str, key: str) -> str:
    """Whether a message takes parameters (those are formatted by the server, not the page)."""
    msg = app.translator.bundles[lang].get_message(key)
    from fluent.syntax import ast, serializer

    try:
        return serializer.serialize_pattern(msg.value) if isinstance(msg.value, ast.Pattern) else str(msg.value)
    except Exception:  # noqa: BLE001 - an unexpected shape: leave it to the server
        return "$"


async def applications(request: web.Request) -> web.Response:
    from domain.workspace.applications import table

    try:
        data = await table(request[SESSION], request[USER], request.query.get("status"), request.query.get("q"))
    except DomainError as exc:
        raise _domain(exc) from None
    t = request[T]
    for row in data["rows"]:  # the check's reason (a message code) in the reader's language
        row["reason_text"] = html.unescape(t.err(row["reason"])) if row["reason"] and "." in row["reason"] else row["reason"]
    return web.json_response(data)


async def run_check(request: web.Request) -> web.Response:
    from domain.cards import service
    from domain.workspace.applications import check_ids

    body = await _json(request)
    session, user, t = request[SESSION], request[USER], request[T]
    try:
        ids = check_ids(body.get("ids"))
        changes = await service.run_check(session, user, request.config_dict[NOW_KEY]().astimezone(clock.TZ).date(), ids)
    except DomainError as exc:
        await session.rollback()
        raise _domain(exc, 404 if exc.code == "card.not_found" else 409 if exc.code.startswith("card.transition") else 400) from None
    ok = sum(c.status == "checked_ok" for c in changes)
    return web.json_response({"checked": len(changes), "ok": ok, "fail": len(changes) - ok,
                              "message": html.unescape(t("wa-checked", ok=ok, fail=len(changes) - ok))})


async def record_result(request: web.Request) -> web.Response:
    from domain.cards import service

    body = await _json(request)
    session, user, t = request[SESSION], request[USER], request[T]
    success = body.get("success")
    if not isinstance(success, bool):
        raise ApiError(400, "wa-bad-result")
    try:
        change = await service.record_result(session, user, int(request.match_info["id"]), success,
                                             None if success else "card.bank_failed")
    except DomainError as exc:
        await session.rollback()
        raise _domain(exc, 404 if exc.code == "card.not_found" else 409) from None
    return web.json_response({"ref": change.ref, "status": change.status})


async def batches(request: web.Request) -> web.Response:
    from domain.cards import catalogue
    from domain.workspace.applications import batches as list_batches

    outlets = await catalogue.catalogue(request[SESSION])
    return web.json_response({"batches": await list_batches(request[SESSION], request[USER]),
                              "outlets": [{"id": o.id, "district": o.district, "branch": o.branch, "outlet": o.outlet}
                                          for o in outlets],
                              "sample": catalogue.is_sample(outlets)})


async def create_batch(request: web.Request) -> web.Response:
    from domain.cards import service
    from domain.cards.validation import check_phone_field

    body = await _json(request)
    session, user, t = request[SESSION], request[USER], request[T]
    app: App = request.config_dict[APP_KEY]
    channel, contact = body.get("channel"), str(body.get("contact") or "").strip()
    if channel not in ("normal", "special"):
        raise ApiError(400, "wa-bad-channel")
    from domain.cards.catalogue import catalogue

    outlet = next((o for o in await catalogue(session) if o.id == body.get("outlet_id")), None)
    if outlet is None:
        raise ApiError(400, "wa-bad-outlet")
    if not 2 <= len(contact) <= 40:
        raise ApiError(400, "card.contact")
    phone = check_phone_field(str(body.get("phone") or ""))
    if not phone.ok:
        raise ApiError(400, phone.error)
    try:
        batch, changes = await service.create_batch(session, _cipher(app), user, channel, outlet.branch,
                                                    outlet.outlet, contact, phone.value)
    except DomainError as exc:
        await session.rollback()
        raise _domain(exc, 409) from None
    return web.json_response({"id": batch.id, "ref": batch.ref, "count": len(changes),
                              "message": html.unescape(t("wa-batch-created", ref=batch.ref, count=len(changes)))})


async def batch_roster(request: web.Request) -> web.Response:
    from domain.cards import service

    app: App = request.config_dict[APP_KEY]
    try:
        batch = await service.scoped_batch(request[SESSION], request[USER], int(request.match_info["id"]))
    except DomainError as exc:
        raise _domain(exc, 404) from None
    content, _ = await service.roster_file(request[SESSION], batch, _cipher(app))
    return _xlsx(content, f"{batch.ref}.xlsx")


def _xlsx(content: bytes, name: str) -> web.Response:
    from urllib.parse import quote

    return web.Response(body=content, headers={
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}", "Cache-Control": "no-store"})


# roster report: the latest check of each user, kept (encrypted) in the database, so that the files can be
# downloaded through whichever worker answers the next request (domain/workspace/roster.py)
async def roster_check(request: web.Request) -> web.Response:
    from urllib.parse import unquote

    from ui.i18n import translator_for
    from bot.sandbox import SandboxError
    from domain.roster import KINDS, CheckOptions
    from domain.workspace.roster import web_check_job

    app: App = request.config_dict[APP_KEY]
    t = request[T]
    if not (request.content_type or "").startswith("multipart/"):
        raise ApiError(400, "wa-roster-no-file")
    reader = await request.multipart()
    data, name, kind = None, "roster.xlsx", None
    async for part in reader:
        if part.name == "file":
            name = unquote(part.filename or "") or name  # some clients percent-encode a non-ASCII file name
            data = bytes(await part.read(decode=False))
            if len(data) > MAX_UPLOAD:
                raise ApiError(413, "wa-roster-too-large", mb=MAX_UPLOAD // 1048576)
        elif part.name == "kind":
            kind = (await part.text()).strip() or None
    if not data:
        raise ApiError(400, "wa-roster-no-file")
    if kind is not None and kind not in KINDS:
        raise ApiError(400, "wa-roster-bad-kind")
    try:
        outcome = await _sandbox(app).run(web_check_job, data, kind, CheckOptions(), translator_for, t.lang)
    except SandboxError:
        raise ApiError(422, "file.cannot_check") from None
    if outcome.needs_kind:
        return web.json_response({"needs_kind": True, "kinds": list(KINDS)}, status=200)
    if not outcome.readable:
        return web.json_response({"error": "unreadable", "message": outcome.message}, status=422)
    from domain.workspace.roster import keep_check

    await keep_check(request[SESSION], _cipher(app), request[USER].id, name, outcome,
                     now=request.config_dict[NOW_KEY]())
    return web.json_response(_roster_json(name, outcome))


async def _kept(request: web.Request):
    from domain.workspace.roster import kept_check

    kept = await kept_check(request[SESSION], _cipher(request.config_dict[APP_KEY]), request[USER].id,
                            now=request.config_dict[NOW_KEY]())
    if kept is None:
        raise ApiError(404, "wa-roster-none")
    return kept


def _roster_json(name: str, o) -> dict:
    return {"name": name, "kind": o.kind, "rows": o.rows, "errors": o.errors, "warnings": o.warnings,
            "header": o.header, "problems": o.problems, "file_issues": o.file_issues, "rules": o.rules,
            "fixes": o.fixes, "left_out": o.left_out, "fixed_parts": len(o.fixed), "shown": o.shown}


async def roster_latest(request: web.Request) -> web.Response:
    return web.json_response(_roster_json(*await _kept(request)))


async def roster_file(request: web.Request) -> web.Response:
    from domain.roster.fixer import part_names

    name, o = await _kept(request)
    stem = name.rsplit(".", 1)[0]
    if request.match_info["which"] == "report":
        return _xlsx(o.report, f"{stem}-{request[T]('roster-report-suffix')}.xlsx")  # named as the chat names it
    try:
        part = int(request.query.get("part", "1"))
    except ValueError:
        part = 0
    if not 1 <= part <= len(o.fixed):
        raise ApiError(404, "wa-roster-no-fixed")
    return _xlsx(o.fixed[part - 1], part_names(f"{stem}-{request[T]('roster-fixed-suffix')}", len(o.fixed))[part - 1])


async def calendar_month(request: web.Request) -> web.Response:
    from domain.workspace.calendar import month_view

    app: App = request.config_dict[APP_KEY]
    now = request.config_dict[NOW_KEY]().astimezone(clock.TZ)
    programs = {p for p in request.query.get("programs", "").split(",") if p} or None
    try:
        data = await month_view(request[SESSION], request[USER], _calendar(app), request.query.get("year", now.year),
                                request.query.get("month", now.month), request[T].lang, programs)
    except DomainError as exc:
        raise _domain(exc) from None
    return web.json_response(data)


async def calendar_year(request: web.Request) -> web.Response:
    from domain.workspace.calendar import year_windows

    app: App = request.config_dict[APP_KEY]
    now = request.config_dict[NOW_KEY]().astimezone(clock.TZ)
    try:
        data = await year_windows(request[SESSION], request[USER], _calendar(app),
                                  request.query.get("year", now.year), request[T].lang)
    except DomainError as exc:
        raise _domain(exc) from None
    return web.json_response(data)


async def _upper(request: web.Request) -> None:
    from domain.workspace.units import may_see_below

    user = request[USER]
    unit = await request[SESSION].get(Unit, user.unit_id) if user.unit_id else None
    if not may_see_below(user, unit):
        raise ApiError(403, "wa-not-upper")


async def units(request: web.Request) -> web.Response:
    from domain.calendar import current_protection_year
    from domain.workspace.units import progress

    await _upper(request)
    app: App = request.config_dict[APP_KEY]
    now = request.config_dict[NOW_KEY]()
    program = request.query.get("program", "mutual_aid")
    year = request.query.get("year") or (current_protection_year(program, now.astimezone(clock.TZ).date())
                                         if program in ("mutual_aid", "retiree", "member_protection", "ss_card", "member_card") else 0)
    try:
        data = await progress(request[SESSION], request[USER], _calendar(app), program, year, now, request[T].lang)
    except DomainError as exc:
        raise _domain(exc) from None
    return web.json_response(data)


async def nudge(request: web.Request) -> web.Response:
    """Remind the clerks of the chosen late units, through the shared sender and its delivery log
    (one nudge per clerk, unit, programme year and day)."""
    from bot.sender import shared_sender
    from domain.reminders import store
    from domain.workspace.units import nudge_key, nudge_targets

    await _upper(request)
    app: App = request.config_dict[APP_KEY]
    bot: Bot = request.config_dict[BOT_KEY]
    session, user, t = request[SESSION], request[USER], request[T]
    body = await _json(request)
    now = request.config_dict[NOW_KEY]()
    cal = _calendar(app)
    try:
        targets = await nudge_targets(session, user, cal, body.get("program"), body.get("year"), now, body.get("units"))
    except DomainError as exc:
        raise _domain(exc, 403 if exc.code == "workspace.unit_not_below" else 400) from None
    from domain.workspace.units import progress

    view = {r["id"]: r for r in (await progress(session, user, cal, body["program"], int(body["year"]), now, "zh"))["units"]}
    upper = await session.get(Unit, user.unit_id) if user.unit_id else None
    lead = now.astimezone(clock.TZ).date().isoformat()
    sender = shared_sender(bot, app.db)
    results = []
    for unit in targets:
        clerks = await store.unit_clerks(session, unit.id)
        row = view[unit.id]
        deadline = row["next"] or row["last_passed"]
        key = nudge_key(body["program"], int(body["year"]), unit.id)
        langs = {}
        for cid in clerks:
            person = await session.get(User, cid)
            langs[cid] = app.translator.normalize(person.lang if person else None)

        async def text_for(chat_id: int, unit=unit, deadline=deadline):
            lang = langs.get(chat_id, app.translator.default)
            return app.translator.t(lang, "wa-nudge-text", upper=upper.name if upper else "",
                                    unit=unit.name, program=app.translator.t(lang, f"dl-prog-{body['program'].replace('_', '-')}"),
                                    title=deadline["title"] if deadline else "",
                                    due=deadline["due"][:16].replace("T", " ") if deadline else "")

        report = await sender.fan_out(key, lead, clerks, text_for) if clerks else None
        async with app.db.session() as s2:
            counts = await store.counts(s2, key, lead)
        results.append({"unit": unit.id, "name": unit.name, "clerks": len(clerks),
                        "sent": report.sent if report else 0, "failed": report.failed if report else 0,
                        "skipped": report.skipped if report else 0, "log": counts})
    sent = sum(r["sent"] for r in results)
    return web.json_response({"results": results,
                              "message": html.unescape(t("wa-nudged", units=len(results), sent=sent))})


def make_webapp(app: App, bot: Bot, *, dev_user: int | None = None,
                now: Callable[[], datetime] | None = None) -> web.Application:
    """The Mini App as an aiohttp application, to mount at ``/app`` (``add_subapp``) or serve alone."""
    web_app = web.Application(middlewares=[errors, identity], client_max_size=MAX_UPLOAD + 65536)
    web_app[APP_KEY] = app
    web_app[BOT_KEY] = bot
    web_app[NOW_KEY] = now or clock.now
    web_app[DEV_KEY] = dev_user
    r = web_app.router
    r.add_get("/", index)
    r.add_get("/dev", dev_session)
    r.add_static("/static/", STATIC, append_version=True)
    r.add_get("/api/me", me)
    r.add_get("/api/applications", applications)
    r.add_post("/api/applications/check", run_check)
    r.add_post("/api/applications/{id:\\d+}/result", record_result)
    r.add_get("/api/batches", batches)
    r.add_post("/api/batches", create_batch)
    r.add_get("/api/batches/{id:\\d+}/roster", batch_roster)
    r.add_post("/api/roster", roster_check)
    r.add_get("/api/roster", roster_latest)
    r.add_get("/api/roster/{which:report|fixed}", roster_file)
    r.add_get("/api/calendar", calendar_month)
    r.add_get("/api/calendar/year", calendar_year)
    r.add_get("/api/units", units)
    r.add_post("/api/units/nudge", nudge)
    return web_app


def mount(root: web.Application, app: App, bot: Bot, **kw) -> web.Application:
    """Put the Mini App under ``/app`` of ``root`` (the webhook server's application)."""
    sub = make_webapp(app, bot, **kw)
    root.add_subapp(PREFIX, sub)
    return sub


def standalone(app: App, bot: Bot, **kw) -> web.Application:
    """``unionbot web``: the Mini App alone; / redirects to it."""
    root = web.Application()

    async def home(_request):
        raise web.HTTPFound(PREFIX + ("/dev" if kw.get("dev_user") else "/"))

    root.router.add_get("/", home)
    mount(root, app, bot, **kw)
    return root

