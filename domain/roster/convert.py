"""Converting a roster from one template to another (issue 15.3): the member-import list, the
mutual-aid roster and the retiree roster share people.

What both templates have is carried over, cleaned as the fixed file is (``fixer.fix_value``);
what can be derived is filled in: birth date and gender from a resident ID number; the document
type as the target template names it (the mutual-aid and retiree templates know only 身份证 /
非身份证). What cannot be derived (是否有社保, 所在工会, 工会编号 …) is left empty in its column, for
the clerk to fill in; :attr:`Converted.to_fill` names those columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from domain.identity import check_resident_id
from domain.roster.checker import RosterResult
from domain.roster.config import RosterConfig, load_config
from domain.roster.fixer import _write, _Written, fix_value


@dataclass(slots=True)
class Converted:
    data: bytes
    rows: int
    derived: dict[str, int] = field(default_factory=dict)  # column header -> cells filled from the ID
    to_fill: list[str] = field(default_factory=list)  # target headers nobody can derive (left empty)


def convert_roster(result: RosterResult, to_kind: str, config: RosterConfig | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Converted:
    """The people of a read roster (*result*, any kind) on the *to_kind* template;
    ``progress(done, total)`` while the rows are written."""
    if result.sheet is None or result.header_row is None or result.kind is None:
        raise ValueError("nothing to convert: the file was not read")
    config = config or load_config()
    target = config.templates[to_kind]
    genders = {v: k for k, v in config.genders.items()}  # "M" -> 男
    id_doc = config.id_document
    derived: dict[str, int] = {}
    out_rows = []
    for raw in result.sheet.rows[result.header_row:]:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw):
            continue
        source = {}
        for key, j in result.columns.items():
            source[key] = fix_value(key, raw[j - 1] if j - 1 < len(raw) else None)
        id_type = source.get("id_type")
        is_id = id_type == id_doc
        check = check_resident_id(source.get("id_number") or "") if is_id else None
        row = []
        for col in target.columns:
            value = source.get(col.key)
            if col.key == "id_type" and value and target.id_types_strict and value not in target.id_types:
                value = target.id_types[-1] if not is_id else id_doc  # 护照 … -> 非身份证
            if value is None and check is not None and check.ok:
                if col.key == "birth_date":
                    value = check.birth_date.isoformat()
                elif col.key == "gender":
                    value = genders.get(check.gender)
                if value is not None:
                    derived[col.header] = derived.get(col.header, 0) + 1
            row.append(value)
        out_rows.append(row)
    to_fill = [c.header for c in target.columns
               if c.key not in result.columns and c.header not in derived]
    return Converted(_write(target, out_rows, _Written(progress, len(out_rows))), len(out_rows), derived, to_fill)
