"""A small world for the Mini App tests: a district union with two grassroots unions below it, a
stranger unit elsewhere, clerks, a member, card applications, and a moment in the 2023 mutual-aid
collective window (its deadline 2023-06-30 is five days away)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aiohttp import web
from stdnum.cn import ric

from bot.webapp import auth, make_webapp, standalone, token_of
from domain import clock
from domain.cards import service
from domain.models import User
from domain.privacy import DataCipher
from domain.reminders.models import UnitEvent
from domain.repos import create_unit

NOW = datetime(2023, 6, 25, 10, 0, tzinfo=clock.TZ)
MEMBER, CLERK, UPPER, OTHER_CLERK, OTHER_CLERK_2, STRANGER = 10, 20, 30, 40, 41, 50


def rid(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


def answers(n: int, union: str, address: str = "上海市浦东新区世纪大道100号") -> dict:
    return dict(kind="flexible", member_no=f"M{n}", name=["张三", "李四", "王五", "赵六", "钱七"][n % 5] + ("" if n < 5 else str(n)),
                doc_type="resident_id", doc_number=rid(f"3101151990030{n:03d}"[:17]), birth_date="1990-03-07",
                gender="M", expiry="2031-12-31", mobile=f"138123456{n:02d}", address=address, union=union,
                branch="上海银行浦东分行", outlet="陆家嘴网点", bank_phone=f"139000011{n:02d}", channel="normal")


@dataclass
class World:
    unit: int
    other: int
    district: int
    stranger: int
    apps: dict[str, int]  # name -> application id


async def seed(db, data_key: str = "test-data-key") -> World:
    cipher = DataCipher(data_key)
    async with db.session() as s:
        district = await create_unit(s, "浦东新区总工会", level="district")
        unit = await create_unit(s, "甲工会", parent_id=district.id)
        other = await create_unit(s, "乙工会", parent_id=district.id)
        far = await create_unit(s, "徐汇区总工会", level="district")
        stranger = await create_unit(s, "丙工会", parent_id=far.id)
        for u in (User(id=MEMBER, role="member"), User(id=CLERK, role="clerk", unit_id=unit.id),
                  User(id=UPPER, role="clerk", unit_id=district.id, lang="en"),
                  User(id=OTHER_CLERK, role="clerk", unit_id=other.id),
                  User(id=OTHER_CLERK_2, role="clerk", unit_id=other.id, lang="en"),
                  User(id=STRANGER, role="clerk", unit_id=stranger.id)):
            s.add(u)
        await s.commit()
        apps = {}
        for n in range(1, 4):
            a = await service.submit(s, cipher, 100 + n, answers(n, "甲工会"))
            apps[a.name] = a.id
        short = await service.submit(s, cipher, 104, answers(4, "甲工会", address="短地址"))  # fails the check
        apps[short.name] = short.id
        far_app = await service.submit(s, cipher, 105, answers(5, "丙工会"))
        apps["stranger"] = far_app.id
        # 甲 has recorded a mutual-aid step of the 2023 year; 乙 has not (late: the window closes 06-30)
        s.add(UnitEvent(unit_id=unit.id, program="mutual_aid", event="code_applied",
                        occurred_at=datetime(2023, 6, 20, 9, 0, tzinfo=clock.TZ), recorded_by=CLERK))
        await s.commit()
    return World(unit.id, other.id, district.id, stranger.id, apps)


def init_for(app, user_id: int, at: datetime = NOW, lang: str | None = None) -> str:
    return auth.sign(token_of(app), user_id, lang=lang, auth_date=at.timestamp())


def headers(app, user_id: int, **kw) -> dict:
    return {"Authorization": "tma " + init_for(app, user_id, **kw)}


def webapp(harness, alone: bool = False) -> web.Application:
    if alone:
        return standalone(harness.app, harness.bot, now=lambda: NOW)
    return make_webapp(harness.app, harness.bot, now=lambda: NOW)


def roster_file() -> bytes:
    """A mutual-aid roster with three good rows, a wrong check character (row 3), a mobile with a
    full-width digit the fixed file repairs (row 4) and a missing 是否有社保 (row 6)."""
    from tests.roster_fixtures import MA_HEADER, mutual_aid_rows, xlsx

    rows = mutual_aid_rows(5)
    wrong = rows[1][2][:-1] + ("0" if rows[1][2][-1] != "0" else "1")
    rows[1][2] = wrong
    rows[2][5] = "１" + rows[2][5][1:]
    rows[4][6] = None
    return xlsx([MA_HEADER, *rows])
