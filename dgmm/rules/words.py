"""Every fixed text of advice and explanations, in Thai and English, with named placeholders.

The core writes advice in words (never rule syntax or input codes); adapters print it. A phrase is
filled with `say(key, **values)` per language; values that differ by language are given as `Text`.
"""

from __future__ import annotations

from collections.abc import Mapping

from dgmm.framework.schema import Text
from dgmm.rounding import shown

PHRASES: dict[str, Mapping[str, str]] = {
    # quantities
    "q.input": {"th": "“%(label)s”", "en": "“%(label)s”"},
    "q.count": {
        "th": "จำนวนข้อที่ดำเนินการใน “%(label)s”",
        "en": "the number of items carried out in “%(label)s”",
    },
    "q.count.among": {
        "th": "จำนวนข้อที่ดำเนินการใน “%(label)s” (เฉพาะ: %(items)s)",
        "en": "the number of items carried out in “%(label)s” (counting only: %(items)s)",
    },
    "q.full_rows": {
        "th": "จำนวนแถวใน “%(label)s” ที่ดำเนินการครบทุกช่อง",
        "en": "the number of rows of “%(label)s” with every column carried out",
    },
    "q.share": {"th": "สัดส่วนของ %(part)s ต่อ %(whole)s", "en": "the share of %(part)s in %(whole)s"},
    "q.plus": {"th": "%(left)s รวมกับ %(right)s", "en": "%(left)s plus %(right)s"},
    "q.percent": {"th": "ร้อยละ %(value)s", "en": "%(value)s %%"},
    "q.of": {"th": "%(part)s จาก %(whole)s", "en": "%(part)s of %(whole)s"},
    # bounds
    "at_least": {"th": "อย่างน้อย", "en": "at least"},
    "more_than": {"th": "มากกว่า", "en": "more than"},
    "exactly": {"th": "เท่ากับ", "en": "exactly"},
    # steps
    "s.choose": {
        "th": "ดำเนินการเพิ่มอีก %(n)s ข้อ ในข้อ “%(label)s” (ปัจจุบัน %(now)s ข้อ) จาก: %(items)s",
        "en": "Carry out %(n)s more in “%(label)s” (now %(now)s), from: %(items)s",
    },
    "s.rows": {
        "th": "ดำเนินการให้ครบทุกช่องเพิ่มอีก %(n)s แถว ในข้อ “%(label)s” จาก: %(items)s",
        "en": "Carry out every column in %(n)s more rows of “%(label)s”, from: %(items)s",
    },
    "s.add": {
        "th": "ในข้อ “%(label)s” ดำเนินการเพิ่ม: %(items)s",
        "en": "In “%(label)s”, also carry out: %(items)s",
    },
    "s.remove": {
        "th": "ในข้อ “%(label)s” ไม่เลือก: %(items)s",
        "en": "In “%(label)s”, do not choose: %(items)s",
    },
    "s.yes": {
        "th": "ดำเนินการให้ได้ตามข้อ “%(label)s” (ปัจจุบัน: %(now)s)",
        "en": "Achieve “%(label)s” (now: %(now)s)",
    },
    "s.no": {"th": "ตอบ “ไม่ใช่” ในข้อ “%(label)s”", "en": "Answer “no” to “%(label)s”"},
    "s.answer": {"th": "ตอบข้อ “%(label)s”", "en": "Answer “%(label)s”"},
    "s.choice": {
        "th": "ยกระดับข้อ “%(label)s” เป็น: %(to)s (ปัจจุบัน: %(now)s)",
        "en": "Move “%(label)s” to: %(to)s (now: %(now)s)",
    },
    "s.raise": {
        "th": "เพิ่ม%(what)s จาก %(now)s เป็น%(bound)s %(target)s",
        "en": "Raise %(what)s from %(now)s to %(bound)s %(target)s",
    },
    "s.raise_share": {
        "th": "เพิ่ม%(what)s จาก%(now)s เป็น%(above)s%(target)s: %(part)s %(bound)s %(need)s จาก %(whole)s "
        "(ปัจจุบัน %(had)s)",
        "en": "Raise %(what)s from %(now)s to %(above)s %(target)s: %(part)s %(bound)s %(need)s of "
        "%(whole)s (now %(had)s)",
    },
    "s.above": {
        "th": "ทำให้%(left)s สูงกว่า%(right)s: ปัจจุบัน %(lnow)s เทียบกับ %(rnow)s ต้องเพิ่ม %(part)s เป็น%(bound)s "
        "%(need)s (ปัจจุบัน %(had)s)",
        "en": "Make %(left)s higher than %(right)s: now %(lnow)s against %(rnow)s; this needs %(part)s of "
        "%(bound)s %(need)s (now %(had)s)",
    },
    "s.equal": {
        "th": "ทำให้%(what)s เป็น%(target)s: %(part)s เท่ากับ %(need)s (ปัจจุบัน %(had)s)",
        "en": "Bring %(what)s to %(target)s: %(part)s of %(need)s (now %(had)s)",
    },
    "s.answer_also": {
        "th": "และตอบข้อที่ต้องตอบเพิ่มเติม: %(labels)s",
        "en": "Then answer the questions this opens: %(labels)s",
    },
    "s.enable": {"th": "ก่อนอื่น: %(step)s", "en": "First: %(step)s"},
    # answers as a respondent reads them
    "v.none": {"th": "ยังไม่ได้ตอบ", "en": "not answered"},
    "v.yes": {"th": "ใช่", "en": "yes"},
    "v.no": {"th": "ไม่ใช่", "en": "no"},
    "v.empty": {"th": "ไม่ได้เลือกข้อใด", "en": "none chosen"},
    "v.cells": {"th": "%(n)s ช่อง", "en": "%(n)s cells checked"},
    "v.more": {"th": "และอีก %(n)s ข้อ", "en": "and %(n)s more"},
    # explanations as the command line prints them
    "x.level": {
        "th": "ระดับ %(level)s (%(status)s, %(source)s)",
        "en": "level %(level)s (%(status)s, %(source)s)",
    },
    "x.status.determined": {"th": "ระบุระดับได้", "en": "determined"},
    "x.status.undetermined": {"th": "ไม่สามารถระบุระดับได้", "en": "cannot be determined"},
    "x.status.no_level": {"th": "ไม่มีระดับ", "en": "no level"},
    "x.status.not_applicable": {"th": "ไม่เกี่ยวข้องกับหน่วยงาน", "en": "does not apply"},
    "x.source.own": {"th": "จากคำตอบของหน่วยงาน", "en": "from the agency's answers"},
    "x.source.analyst": {"th": "ตรวจสอบโดยผู้วิเคราะห์", "en": "checked by an analyst"},
    "x.source.parent": {"th": "จากหน่วยงานระดับกรมต้นสังกัด", "en": "from the parent department"},
    "x.why": {"th": "เหตุผล: %(text)s", "en": "why: %(text)s"},
    "x.missing": {"th": "ยังไม่ได้ตอบ: %(label)s", "en": "missing answer: %(label)s"},
    "x.decided_by": {
        "th": "ระดับจะระบุได้เมื่อตอบข้อ: %(labels)s",
        "en": "the level will be known once these are answered: %(labels)s",
    },
    "x.parent_missing": {
        "th": "หน่วยงานระดับกรมต้นสังกัดยังไม่ได้ตอบข้อเหล่านี้",
        "en": "the parent department has not answered these items",
    },
    "x.next": {"th": "สู่ระดับ %(level)s: %(text)s", "en": "to reach level %(level)s: %(text)s"},
    "x.parent_acts": {
        "th": "ระดับของด้านนี้มาจากหน่วยงานระดับกรมต้นสังกัด หน่วยงานระดับกรมต้นสังกัดต้องดำเนินการ:",
        "en": "this topic's level comes from the parent department; the parent department must act:",
    },
    "x.parent_acts.short": {
        "th": "ระดับของด้านนี้มาจากหน่วยงานระดับกรมต้นสังกัด หน่วยงานระดับกรมต้นสังกัดต้องเป็นผู้ดำเนินการ",
        "en": "this topic's level comes from the parent department; the parent department must act",
    },
    "x.now": {"th": "ปัจจุบัน: %(text)s", "en": "now: %(text)s"},
}


def say(key: str, **values: object) -> Text:
    """The phrase `key` in Thai and English; a `Text` value is taken in the phrase's own language."""

    def fill(lang: str) -> str:
        filled = {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in values.items()}
        return PHRASES[key][lang] % filled if filled else PHRASES[key][lang]

    return Text(fill("th"), fill("en"))


def fmt_number(x: float | None) -> str:
    """A number as people write it: thousands separated, at most two decimals (half up, dgmm.rounding)."""
    if x is None:
        return "-"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{shown(x, 2):,.2f}".rstrip("0").rstrip(".")  # the one rounding rule: 35.625 -> 35.63
