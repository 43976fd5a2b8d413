"""``unionbot fee|coverage|roster-numbers``: JSON shapes, exit statuses, reasons."""

from __future__ import annotations

import argparse
import json

from bot.dev import cli_calc


def run(argv, capsys):
    parser = argparse.ArgumentParser(prog="unionbot")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_calc.register(sub)
    args = parser.parse_args(argv)
    code = args.func(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_fee_mutual_aid_4780(capsys):
    code, out, _ = run(["fee", "mutual-aid", "--items", "A0,B0,C0,A3,B3,C3", "--insured", "4",
                        "--start", "2023-09-15", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 4780
    assert [(l["item"], l["amount"]) for l in data["lines"]] == [
        ("A0+B0+C0", 720), ("A3", 1320), ("B3", 1840), ("C3", 900)]
    assert data["lines"][0]["discount"] == 10 and data["lines"][0]["insured"] == {"people": 4, "amount": 720}


def test_fee_mutual_aid_invalid_exits_1_with_reason(capsys):
    code, out, err = run(["fee", "mutual-aid", "--items", "A1,B1", "--insured", "4", "--start", "2023-09-15",
                          "--lang", "en"], capsys)
    assert code == 1 and out == ""
    assert "on top of a basic item A0, B0 or C0" in err
    code, out, err = run(["fee", "mutual-aid", "--items", "A0,A1,A3", "--insured", "1", "--start", "2023-09-15",
                          "--json"], capsys)
    assert code == 1
    assert json.loads(out)["errors"][0]["code"] == "calc.enhanced_line_conflict"
    assert "A 类加强保障至多选 1 种" in err


def test_fee_member_basic_806(capsys):
    code, out, _ = run(["fee", "member-basic", "--type", "A", "--people", "31", "--year", "2024", "--json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert (data["total"], data["city"], data["district"], data["grassroots"]) == (806, 403, 403, 0)
    assert data["type_name"] == "A类会员专享基本保障"  # the platform's name, from locales/zh/calc.ftl


def test_fee_member_basic_district_setting(capsys):
    code, out, _ = run(["fee", "member-basic", "--type", "A+", "--people", "2", "--year", "2023", "--fee", "76",
                        "--city", "13", "--district", "63", "--grassroots", "0", "--json"], capsys)
    data = json.loads(out)
    assert (data["total"], data["city"], data["district"], data["source"]) == (152, 26, 126, "district")
    code, _, err = run(["fee", "member-basic", "--type", "A+", "--people", "2", "--year", "2023", "--fee", "76",
                        "--city", "13", "--district", "60", "--grassroots", "0"], capsys)
    assert code == 1 and "分摊不平" in err


def test_coverage_json_shape(capsys):
    code, out, _ = run(["coverage", "--program", "mutual-aid", "--mode", "instant", "--submitted", "2023-09-14",
                        "--items", "A0,B0", "--json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert (data["start"], data["end"]) == ("2023-09-15", "2024-06-30")
    assert data["claims_from"] == {"A0": "2023-10-15", "B0": "2023-11-14"}


def test_retiree_and_numbers(capsys):
    code, out, _ = run(["fee", "retiree", "--amount", "100", "--people", "12", "--succeeded", "8", "--year", "2025",
                        "--json"], capsys)
    data = json.loads(out)
    assert (data["total_premium"], data["unit_pays"], data["premium_stated"]) == (5400, 4600, False)
    code, _, err = run(["fee", "retiree", "--amount", "500", "--people", "12", "--year", "2025"], capsys)
    assert code == 1 and "450" in err
    code, out, _ = run(["roster-numbers", "--planned", "80", "--last", "100", "--ss-code", "X:80:200", "--year",
                        "2023", "--json"], capsys)
    data = json.loads(out)
    assert data["ok"] is False and data["documents"] == ["doc.statement_sealed", "doc.situational"]


def test_paid_prints_refund_and_underpayment_exits_1(capsys):
    code, out, _ = run(["fee", "mutual-aid", "--items", "A0,B0,C0,A3,B3,C3", "--insured", "7", "--uninsured", "1",
                        "--mode", "collective", "--year", "2023", "--paid", "10000", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and (data["total"], data["paid"], data["refund"]) == (9450, 10000, 550)
    code, out, err = run(["fee", "mutual-aid", "--items", "A0,B0,C0", "--insured", "1", "--start", "2023-09-01",
                          "--paid", "100"], capsys)
    assert code == 1 and "还差 80 元" in err


def test_roster_numbers_over_age_people(capsys):
    code, out, _ = run(["roster-numbers", "--planned", "3", "--last", "3", "--year", "2023", "--on", "2023-07-01",
                        "--person", "F:1968-07-01:no", "--person", "M:1963-07-01:yes", "--person", "男:1963-07-02:否",
                        "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["over_age"] == [0] and data["ok"] is False and "doc.over_age_fix" in data["documents"]
    code, out, _ = run(["roster-numbers", "--planned", "3", "--last", "3", "--year", "2023", "--on", "2023-07-01",
                        "--person", "F:1968-07-01:no"], capsys)
    assert "超龄" in out and "第 1 人" in out and "【社保尚在缴金】" in out
