"""Phrases shared by every report: tiers, comparisons, levels, groups, quadrants, page furniture."""

from __future__ import annotations

COMMON: dict[str, dict[str, str]] = {
    # tiers: the cohort, as it is named in a sentence
    "tier.department": {"th": "หน่วยงานระดับกรม", "en": "department-level agencies"},
    "tier.provincial": {"th": "หน่วยงานระดับจังหวัด", "en": "provincial agencies"},
    "tier.pcio": {"th": "คณะกรรมการ CIO ระดับจังหวัด", "en": "provincial CIO committees"},
    "tier.local": {"th": "องค์กรปกครองส่วนท้องถิ่น", "en": "local administrative organisations"},
    # comparison words, chosen on printed values
    "cmp.higher": {"th": "สูงกว่า", "en": "higher than"},
    "cmp.lower": {"th": "ต่ำกว่า", "en": "lower than"},
    "cmp.equal": {"th": "เท่ากับ", "en": "equal to"},
    # levels
    "level.value": {"th": "ระดับ %(level)s", "en": "level %(level)s"},
    "level.undetermined": {
        "th": "ไม่สามารถระบุได้ เนื่องจากข้อมูลของหน่วยงานท่านไม่เพียงพอ",
        "en": "cannot be determined: your agency's data is insufficient",
    },
    "level.undetermined.short": {"th": "ไม่สามารถระบุได้", "en": "cannot be determined"},
    "level.not_in_model.short": {"th": "ไม่รวมอยู่ใน Maturity model", "en": "not in the maturity model"},
    "level.not_in_model": {
        "th": "ตัวชี้วัดนี้ไม่รวมอยู่ใน Maturity model",
        "en": "This indicator is not included in the maturity model",
    },
    # performance / growth quadrants (seed 001 prints the English names in the Thai deck)
    "quadrant.developed": {"th": "Developed", "en": "Developed"},
    "quadrant.maintain": {"th": "Maintain", "en": "Maintain"},
    "quadrant.rising_star": {"th": "Rising Star", "en": "Rising Star"},
    "quadrant.developing": {"th": "Developing", "en": "Developing"},
    # page furniture
    "page": {"th": "หน้า", "en": "Page"},
    "pillar.label": {"th": "Pillar %(n)s: %(name)s", "en": "Pillar %(n)s: %(name)s"},
    "pillar.short": {"th": "Pillar %(n)s", "en": "Pillar %(n)s"},
    "note.dash": {
        "th": "– หมายถึง ไม่มีข้อมูล หรือไม่เปิดเผย เนื่องจากเป็นค่าเฉลี่ยของหน่วยงานน้อยกว่า %(min)s หน่วยงาน",
        "en": "– means no value, or an average over fewer than %(min)s agencies, which is not disclosed",
    },
    "note.rounding": {
        "th": "คะแนนแสดงทศนิยม %(digits)s ตำแหน่ง การเปรียบเทียบในข้อความใช้ค่าตามที่แสดง",
        "en": "Scores are shown to %(digits)s decimals; comparisons in the text use the values as shown",
    },
    "list.sep": {"th": ", ", "en": ", "},
}
