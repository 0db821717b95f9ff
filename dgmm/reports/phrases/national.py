"""Phrases of the national results deck (seed 001, survey_method.md §8, §10)."""

from __future__ import annotations

NATIONAL: dict[str, dict[str, str]] = {
    "n.title": {
        "th": "นำเสนอผลการสำรวจ โครงการประเมินระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐ ประจำปี %(year)s",
        "en": "Survey results: digital government readiness of government agencies, %(year)s",
    },
    "n.publisher": {
        "th": "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
        "en": "Digital Government Development Agency (Public Organization)",
    },
    "n.results.title": {
        "th": "ผลการสำรวจระดับความพร้อมรัฐบาลดิจิทัลหน่วยงานภาครัฐของประเทศไทย ประจำปี %(year)s",
        "en": "Digital government readiness of Thai government agencies, %(year)s",
    },
    # response rates
    "n.response.title": {"th": "กลุ่มเป้าหมายในการสำรวจ", "en": "Who was surveyed"},
    "n.response.line": {
        "th": "จากที่สำรวจทั้งหมด %(invited)s หน่วยงาน มีตอบกลับทั้งสิ้น %(scored)s หน่วยงาน (%(rate)s)",
        "en": "Of %(invited)s agencies surveyed, %(scored)s answered (%(rate)s).",
    },
    "n.response.all": {"th": "หน่วยงานทั้งหมด", "en": "All agencies"},
    "n.col.tier": {"th": "กลุ่มหน่วยงาน", "en": "Tier"},
    "n.col.invited": {"th": "จำนวนที่สำรวจ", "en": "Surveyed"},
    "n.col.scored": {"th": "ตอบกลับ", "en": "Answered"},
    "n.col.rate": {"th": "อัตราการตอบกลับ", "en": "Response rate"},
    # scores by tier
    "n.scores.title": {"th": "คะแนนภาพรวมรายกลุ่มหน่วยงาน", "en": "Overall score by tier"},
    "n.scores.line": {
        "th": "%(tier)s ปี %(year)s คะแนนรวม %(score)s",
        "en": "%(tier)s, %(year)s: overall score %(score)s",
    },
    "n.scores.line.prev": {
        "th": "%(tier)s ปี %(year)s คะแนนรวม %(score)s ปี %(prev_year)s คะแนนรวม %(prev_score)s "
        "(เปลี่ยนแปลง %(change)s)",
        "en": "%(tier)s, %(year)s: overall score %(score)s; %(prev_year)s: %(prev_score)s "
        "(change %(change)s)",
    },
    "n.scores.note": {
        "th": "หมายเหตุ: ภาพที่แสดงเพื่อให้เห็นแนวโน้มการพัฒนาเท่านั้น เนื่องจากการเปลี่ยนแปลงตัวชี้วัดและหัวข้อ"
        "คำถามจากแบบสำรวจของปีก่อน ทำให้การเปรียบเทียบคะแนนระหว่างปีไม่สามารถเปรียบเทียบได้อย่างสมบูรณ์",
        "en": "Note: shown to indicate the trend only; indicators and questions changed since the previous "
        "year, so scores cannot be fully compared between years.",
    },
    "n.col.score": {"th": "คะแนน", "en": "Score"},
    "n.col.previous": {"th": "ปีก่อน", "en": "Previous year"},
    "n.col.change": {"th": "เปลี่ยนแปลง", "en": "Change"},
    "n.col.pillar": {"th": "ตัวชี้วัดหลัก", "en": "Pillar"},
    "n.col.agencies": {"th": "จำนวนหน่วยงาน", "en": "Agencies"},
    "n.year": {"th": "ปี %(year)s", "en": "%(year)s"},
    "n.pillars.title": {"th": "คะแนนราย Pillar %(tier)s", "en": "Scores by pillar: %(tier)s"},
    "n.pillars.best": {
        "th": "ตัวชี้วัดหลักที่มีคะแนนสูงสุดคือ %(best)s (%(best_score)s) และต่ำสุดคือ %(worst)s (%(worst_score)s)",
        "en": "The highest-scoring pillar is %(best)s (%(best_score)s) and the lowest is %(worst)s "
        "(%(worst_score)s).",
    },
    "n.pillars.changed": {
        "th": "ตัวชี้วัดของปีก่อนแตกต่างจากปีนี้ จึงไม่แสดงการเปลี่ยนแปลงรายตัวชี้วัดหลัก",
        "en": "The previous year used different indicators, so pillar changes are not shown.",
    },
    "n.levels.title": {
        "th": "การกระจายของระดับความพร้อมโดยรวม",
        "en": "Distribution of overall readiness levels",
    },
    "n.col.level": {"th": "ระดับ", "en": "Level"},
    # fact finding
    "n.facts.title": {"th": "Fact Finding ที่น่าสนใจจากผลการสำรวจ ปี %(year)s", "en": "Fact finding, %(year)s"},
    "n.facts.respondents": {"th": "%(tier)s (จำนวนผู้ตอบ %(n)s)", "en": "%(tier)s (respondents: %(n)s)"},
    "n.facts.not_asked": {"th": "หมายเหตุ: ไม่ถาม%(tiers)s", "en": "Note: not asked of %(tiers)s"},
    "n.facts.number": {
        "th": "ค่าเฉลี่ย %(mean)s ค่ามัธยฐาน %(median)s ต่ำสุด %(min)s สูงสุด %(max)s",
        "en": "mean %(mean)s, median %(median)s, min %(min)s, max %(max)s",
    },
    "n.facts.count": {"th": "%(count)s หน่วยงาน (%(pct)s)", "en": "%(count)s agencies (%(pct)s)"},
    "n.facts.continued": {"th": "%(title)s (ต่อ)", "en": "%(title)s (continued)"},
    "n.facts.multi": {"th": "ตอบได้มากกว่า 1 ข้อ", "en": "more than one answer allowed"},
    "n.facts.unavailable": {
        "th": "ไม่มีคำตอบรายข้อของรอบการสำรวจนี้ จึงไม่แสดงการกระจายของคำตอบ",
        "en": "The answers of this cycle are not available, so answer distributions are not shown.",
    },
    "n.yes": {"th": "ใช่ / มี", "en": "Yes"},
    "n.no": {"th": "ไม่ใช่ / ไม่มี", "en": "No"},
    # performance / growth grid
    "n.grid.title": {
        "th": "การจัดกลุ่มกระทรวง ประยุกต์จาก BCG Model",
        "en": "Ministries on the performance/growth grid",
    },
    "n.grid.scope": {
        "th": "%(tier)sที่นำผลการสำรวจระดับความพร้อมฯ มาจัดกลุ่มมีจำนวนทั้งสิ้น %(n)s หน่วยงาน คิดเป็นร้อยละ %(pct)s "
        "จากจำนวนหน่วยงานที่ตอบแบบสำรวจทั้งสิ้น %(scored)s หน่วยงาน เนื่องจากเป็นหน่วยงานที่ตอบแบบสำรวจทั้งปี %(year)s "
        "และปี %(prev_year)s โดยจัดกลุ่มตามกระทรวง จำนวน %(ministries)s กระทรวง",
        "en": "%(n)s %(tier)s are placed on the grid, %(pct)s%% of the %(scored)s that answered, because "
        "they "
        "answered in both %(year)s and %(prev_year)s; they are grouped into %(ministries)s ministries.",
    },
    "n.grid.x": {
        "th": "คะแนนความพร้อมฯ ปี %(year)s (Performance)",
        "en": "Readiness score %(year)s (performance)",
    },
    "n.grid.y": {"th": "การเติบโต (Growth) เปรียบเทียบกับปีก่อน", "en": "Growth since the previous year"},
    "n.grid.means": {
        "th": "ค่าเฉลี่ยคะแนน %(score)s ค่าเฉลี่ยการเติบโต %(change)s",
        "en": "mean score %(score)s, mean growth %(change)s",
    },
    "n.grid.quadrant": {"th": "%(quadrant)s %(n)s กระทรวง", "en": "%(quadrant)s: %(n)s ministries"},
    "n.grid.none": {
        "th": "ไม่มีผลการสำรวจปีก่อน จึงไม่แสดงการจัดกลุ่มตามการเติบโต",
        "en": "There is no previous cycle, so the growth grid is not shown.",
    },
    # top agencies
    "n.top.title": {"th": "หน่วยงานที่มีคะแนนสูงสุด: %(tier)s", "en": "Top agencies: %(tier)s"},
    "n.col.rank": {"th": "ลำดับ", "en": "Rank"},
    "n.col.agency": {"th": "หน่วยงาน", "en": "Agency"},
    "n.end": {"th": "จบการนำเสนอ", "en": "End of presentation"},
}
