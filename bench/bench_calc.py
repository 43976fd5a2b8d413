"""Calculator and status-machine figures: premiums per second, status descriptions per second."""

from __future__ import annotations

import time
from datetime import date, timedelta


def main() -> None:
    from domain.calc import coverage, mutual_aid_fee
    from domain.programs import PROGRAMS, describe, load_machine

    mutual_aid_fee("A0,B0,C0", 1, start=date(2023, 9, 1))  # load data once
    n = 5000
    t0 = time.perf_counter()
    for i in range(n):
        mutual_aid_fee("A0,B0,C0,A3,B3,C3", 4 + i % 50, i % 3, start=date(2023, 7, 1) + timedelta(days=i % 360))
    premium = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(n):
        coverage("mutual-aid", "instant", date(2023, 7, 1) + timedelta(days=i % 360), "A0,B1,C2")
    cover = n / (time.perf_counter() - t0)
    pairs = [(p, s) for p in PROGRAMS for s in load_machine(p).statuses]
    t0 = time.perf_counter()
    rounds = 50
    for _ in range(rounds):
        for p, s in pairs:
            describe(p, s, None, date(2023, 6, 20))
    status = rounds * len(pairs) / (time.perf_counter() - t0)
    print(f"calc: mutual-aid premiums {premium:,.0f}/s; coverage answers {cover:,.0f}/s; "
          f"status descriptions {status:,.0f}/s ({len(pairs)} statuses in {len(PROGRAMS)} machines)")


if __name__ == "__main__":
    main()
