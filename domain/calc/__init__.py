"""Calculators for the clerk assistant: mutual-aid premium, member-exclusive fee split, retiree
plan deduction, coverage dates and waiting periods, roster number checks.

Pure functions over the per-protection-year data in ``domain/data/programs/<year>.yaml``.
Results carry message codes + params (``Issue``), never user text.
"""

from domain.calc.benefits import BenefitItem, BenefitTable, benefits
from domain.calc.common import CalcError, Issue, money
from domain.calc.coverage import Coverage, coverage
from domain.calc.data import ProgramData, available_years, load_year, program_data, year_for
from domain.calc.member_basic import MemberBasicFee, SplitRow, member_basic_fee
from domain.calc.mutual_aid import FeeLine, MutualAidFee, check_selection, mutual_aid_fee, parse_items
from domain.calc.payments import check_receipts, refund_due
from domain.calc.retiree import RetireeDeduction, retiree_deduction
from domain.calc.roster_numbers import RosterNumbers, SsCode, roster_numbers

__all__ = [
    "BenefitItem", "BenefitTable", "CalcError", "Coverage", "benefits", "FeeLine", "Issue", "MemberBasicFee", "MutualAidFee", "ProgramData",
    "RetireeDeduction", "RosterNumbers", "check_receipts", "refund_due", "SplitRow", "SsCode", "available_years", "check_selection",
    "coverage", "load_year", "member_basic_fee", "money", "mutual_aid_fee", "parse_items",
    "program_data", "retiree_deduction", "roster_numbers", "year_for",
]
