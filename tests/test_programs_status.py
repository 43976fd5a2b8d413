"""Status machines: every action of every status is checked against the manuals' tables,
written out here by hand (A = allowed, C = conditional, anything else forbidden)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.programs import decide, describe, find_status, load_machine
from domain.programs.machine import PROGRAMS, MachineError, validate_machine

# program -> status -> {action: "A" | "C"}; actions not listed must be forbidden.
EXPECTED = {
    "mutual_aid": {  # [002] FAQ 20/21/24/26/29 + screenshots
        "roster_pending": {"view_details": "A", "edit_roster": "A", "validate_roster": "A", "batch_delete": "A"},
        "roster_invalid": {"view_details": "A", "edit_roster": "A", "validate_roster": "A",
                           "upload_attachments": "A", "batch_delete": "A", "submit_roster": "C"},
        "roster_valid": {"view_details": "A", "submit_roster": "A", "choose_items": "A"},
        "centre_review": {"view_details": "A"},
        "centre_approved": {"view_details": "A", "choose_items": "A"},
        "centre_rejected": {"view_details": "A", "edit_roster": "A", "upload_attachments": "A", "submit_roster": "A"},
        "voucher_pending": {"view_details": "A", "upload_voucher": "A", "add_receipt": "A", "batch_withdraw": "C",
                            "withdraw_reselect": "C"},
        "voucher_review": {"view_details": "A"},
        "completed": {"view_details": "A"},
    },
    "retiree": {  # [004] 参保流程各个状态的说明 + FAQ 40
        "list_pending_import": {"continue": "A", "view_batch": "A", "edit_roster": "A", "batch_delete": "A"},
        "list_pending_validation": {"continue": "A", "view_batch": "A", "edit_roster": "A", "batch_delete": "A"},
        "validating": {"continue": "A", "view_batch": "A"},
        "validated": {"continue": "A", "view_batch": "A", "edit_roster": "A", "batch_delete": "A", "submit_centre": "A"},
        "centre_review": {"continue": "A", "view_batch": "A"},
        "centre_rejected": {"continue": "A", "view_batch": "A", "edit_roster": "A", "batch_delete": "A",
                            "submit_centre": "A"},
        "centre_approved": {"continue": "A", "view_batch": "A", "submit_deduction": "C", "upload_voucher": "C"},
        "deduction_applied": {"continue": "A", "view_batch": "A", "download_receipt_form": "A"},
        "deduction_done": {"continue": "A", "view_batch": "A", "download_receipt_form": "A", "upload_voucher": "A",
                           "edit_roster": "C"},
        "voucher_review": {"continue": "A", "view_batch": "A"},
        "voucher_rejected": {"continue": "A", "view_batch": "A", "upload_voucher": "A"},
        "completed": {"continue": "A", "view_batch": "A"},
    },
    "enrollment_code": {  # [002] 参保编码申请状态, [004] 新参保编码申请
        "applying": {"view_application": "A"},
        "approved": {"view_application": "A", "use_code": "A"},
        "rejected": {"view_application": "A", "edit_resubmit": "A"},
    },
    "member_protection": {  # [001] grassroots + district steps
        "not_submitted": {"confirm_pending_list": "A", "choose_type": "A", "submit_upper": "A"},
        "submitted_upper": {"review_add": "A", "review_return": "A", "submit_upper": "C", "confirm_pending_list": "C"},
        "returned": {"submit_upper": "A", "confirm_pending_list": "A"},
        "to_submit": {"submit_centre": "C"},
        "voucher_pending": {"upload_voucher": "A"},
        "completed": {},
    },
    "ss_card": {  # [000]
        "person_pending_validation": {"fetch_status": "A", "confirm_employment": "A"},
        "person_ready": {"submit_upper": "A", "choose_type": "A"},
        "submitted_upper": {"review_add": "A", "review_return": "A"},
        "returned": {"fetch_status": "A", "confirm_employment": "A", "submit_upper": "A"},
        "to_submit": {"submit_centre": "A"},
        "voucher_pending": {"upload_voucher": "A"},
        "completed": {},
    },
    "card_batch": {  # [003]
        "none": {"add_to_pending": "C"},
        "pending": {"remove_from_pending": "A", "submit_validation": "A", "submit_card": "C"},
        "submitted": {"print_roster": "A", "revoke_request": "A"},
        "revoke_pending": {"print_roster": "A"},
        "revoke_approved": {"reselect": "A", "add_to_pending": "A"},
        "revoke_rejected": {"print_roster": "A"},
        "issued": {},
    },
}

CASES = [(p, s, a) for p in PROGRAMS for s in load_machine(p).statuses for a in load_machine(p).actions]


def test_expected_table_covers_every_status():
    for p in PROGRAMS:
        assert set(EXPECTED[p]) == set(load_machine(p).statuses), p


@pytest.mark.parametrize("program,status,action", CASES)
def test_every_action(program, status, action):
    expected = EXPECTED[program][status].get(action)
    d = decide(program, status, action)
    if expected == "A":
        assert d.verdict == "allowed"
    elif expected == "C":
        assert d.verdict == "conditional" and d.condition
    else:
        assert d.verdict == "forbidden" and d.reason


def test_voucher_pending_roster_change_needs_withdraw_first():
    status = find_status("mutual_aid", "缴费凭证待上传")
    d = decide("mutual_aid", status, "edit_roster")
    assert (d.verdict, d.reason, d.instead) == ("forbidden", "withdraw_first", "batch_withdraw")
    assert decide("mutual_aid", status, "batch_withdraw").condition == "collective_period_no_voucher"
    # withdrawing goes back to 清册待校验 where the roster can be edited
    info = describe("mutual_aid", status)
    assert info.transitions["batch_withdraw"] == ["roster_pending"]
    assert decide("mutual_aid", "roster_pending", "edit_roster").allowed


def test_batch_delete_only_while_pending_or_invalid():
    allowed = [s for s in load_machine("mutual_aid").statuses if decide("mutual_aid", s, "batch_delete").allowed]
    assert allowed == ["roster_pending", "roster_invalid"]


def test_disputed_readings_are_recorded():
    assert decide("mutual_aid", "roster_valid", "batch_withdraw").disputed == "screenshot_withdraw_on_valid"
    assert decide("mutual_aid", "centre_rejected", "batch_delete").disputed == "screenshot_delete_on_rejected"


def test_voucher_upload_locks_roster():
    for action in ("edit_roster", "batch_withdraw", "batch_delete", "choose_items"):
        assert decide("mutual_aid", "voucher_review", action).reason == "voucher_uploaded_locked"


def test_retiree_payment_method_never_changes():
    for s in load_machine("retiree").statuses:
        assert decide("retiree", s, "change_payment_method").verdict == "forbidden"


def test_retiree_deduction_list_locked_after_application():
    d = decide("retiree", find_status("retiree", "代扣申请完成"), "edit_roster")
    assert d.reason == "deduction_list_locked"
    d = decide("retiree", find_status("retiree", "代扣完成,点击继续办理参保"), "edit_roster")
    assert d.condition == "delete_failed_if_75"


def test_find_status_labels_and_aliases():
    assert find_status("mutual_aid", "待校验") == "roster_pending"
    assert find_status("retiree", "名单校验完成，点击继续办理参保") == "validated"
    assert find_status("retiree", "名单校验中") == "validating"
    assert find_status("ss_card", "待提交") == "person_ready"
    assert find_status("mutual_aid", "不存在") is None


def test_deadlines_come_from_year_data():
    info = describe("mutual_aid", "voucher_pending", "collective", today=date(2023, 6, 20))
    assert info.deadline["value"] == 15 and info.deadline["unit"] == "days" and info.deadline["year"] == 2023
    info = describe("retiree", "centre_approved", "deduction", today=date(2025, 5, 20))
    assert info.deadline["value"]["date"] == date(2025, 6, 4) and "stale" not in info.deadline
    info = describe("member_protection", "to_submit", "instant", today=date(2024, 5, 1))
    assert info.deadline is None  # collective-only windows do not apply to instant enrollment


def test_validator_catches_missing_action():
    doc = {"program": "card_batch", "actions": ["a", "b"], "statuses": {"x": {"label": "X", "allowed": ["a"],
                                                                             "next": "n"}}}
    with pytest.raises(MachineError):
        validate_machine(doc, "t")


def test_deadline_falls_back_to_the_newest_year_that_has_it():
    # 2024's file (SS-card manual) has no collective schedule; the 2023 one ([001]) does
    # in November 2024 the collective enrollment under way is the 2025 one: 2023's dates moved on two years
    info = describe("member_protection", "to_submit", "collective", today=date(2024, 11, 1))
    assert info.deadline["year"] == 2023 and info.deadline["stale"] is True and info.deadline["target"] == 2025
    assert info.deadline["value"] == {"start": date(2024, 12, 26), "end": date(2024, 12, 31)}
