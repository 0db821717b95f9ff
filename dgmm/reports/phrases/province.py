"""Phrases of the province letter (seed 003, survey_method.md
§11): letter, result sheet, national overview."""

from __future__ import annotations

PROVINCE: dict[str, dict[str, str]] = {
    "p.ref": {"th": "ที่ %(number)s", "en": "Ref. %(number)s"},
    "p.ref.blank": {
        "th": "ที่ ........................................",
        "en": "Ref. ........................",
    },
    "p.signatory": {"th": "(%(name)s)", "en": "(%(name)s)"},
    "p.blank.name": {
        "th": "..................................................",
        "en": "..................................................",
    },
    "p.blank.position": {
        "th": "ตำแหน่ง ........................................",
        "en": "Position ........................................",
    },
    "p.blank.contact.1": {
        "th": "ส่วนราชการเจ้าของเรื่อง ........................................",
        "en": "Office ........................................",
    },
    "p.blank.contact.2": {"th": "โทร ........................", "en": "Tel. ........................"},
    "p.blank.contact.3": {
        "th": "ไปรษณีย์อิเล็กทรอนิกส์ ........................",
        "en": "E-mail ........................",
    },
    "p.subject.label": {"th": "เรื่อง", "en": "Subject"},
    "p.subject": {
        "th": "แจ้งผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐระดับจังหวัด ประจำปี %(year)s",
        "en": "Results of the %(year)s digital government readiness survey of provincial agencies",
    },
    "p.to.label": {"th": "เรียน", "en": "To"},
    "p.to": {"th": "ผู้ว่าราชการจังหวัด%(province)s", "en": "The Governor of %(province)s"},
    "p.enclosure.label": {"th": "สิ่งที่ส่งมาด้วย", "en": "Enclosures"},
    "p.enclosure.1": {
        "th": "ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลของจังหวัด%(province)s จำนวน 1 ชุด",
        "en": "Digital government readiness results of %(province)s (1 set)",
    },
    "p.enclosure.2": {
        "th": "ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลในภาพรวมของหน่วยงานระดับจังหวัด จำนวน 1 ชุด",
        "en": "National overview of provincial agencies (1 set)",
    },
    "p.body.1": {
        "th": "ด้วย %(sender)s ได้สำรวจระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐระดับจังหวัด ประจำปี %(year)s "
        "โดยส่งแบบสำรวจถึงหน่วยงานระดับจังหวัด %(provinces)s จังหวัด จำนวน %(invited)s หน่วยงาน และได้รับ"
        "แบบสำรวจกลับมา %(scored)s หน่วยงาน (คิดเป็นร้อยละ %(rate)s) ในการนี้ จังหวัด%(province)s "
        "ได้คะแนน %(score)s คะแนน %(rank)s",
        "en": "%(sender)s has surveyed the digital government readiness of provincial agencies for %(year)s, "
        "sending the questionnaire to %(invited)s agencies in %(provinces)s provinces and receiving "
        "%(scored)s replies (%(rate)s%%). %(province)s scored %(score)s points%(rank)s.",
    },
    "p.body.rank": {
        "th": "อยู่ในลำดับที่ %(rank)s จาก %(of)s จังหวัด",
        "en": ", ranking %(rank)s of %(of)s provinces",
    },
    "p.body.2": {
        "th": "ทั้งนี้ หน่วยงานในจังหวัดมีคะแนนสูงสุดใน%(max)s และต่ำสุดใน%(min)s รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย",
        "en": "The province's agencies score highest in %(max)s and lowest in %(min)s; the details are "
        "enclosed.",
    },
    "p.body.3": {
        "th": "จึงเรียนมาเพื่อโปรดทราบ และโปรดแจ้งหน่วยงานภาครัฐในจังหวัดเพื่อใช้ผลสำรวจในการพัฒนาต่อไป",
        "en": "For your information, and for sharing with the provincial agencies so that they can use the "
        "results in their development.",
    },
    "p.closing": {"th": "ขอแสดงความนับถือ", "en": "Yours faithfully,"},
    "p.sheet.title": {
        "th": "ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัล ประจำปี %(year)s",
        "en": "Digital government readiness results, %(year)s",
    },
    "p.sheet.province": {"th": "จังหวัด %(province)s", "en": "Province: %(province)s"},
    "p.sheet.agencies": {
        "th": "หน่วยงานที่ตอบแบบสำรวจ %(scored)s จาก %(invited)s หน่วยงาน",
        "en": "%(scored)s of %(invited)s agencies answered",
    },
    "p.col.indicator": {"th": "ตัวชี้วัด", "en": "Indicator"},
    "p.col.score": {"th": "คะแนนจังหวัด", "en": "Province score"},
    "p.col.national": {"th": "ค่าเฉลี่ยระดับจังหวัดทั้งประเทศ", "en": "National provincial average"},
    "p.overall": {"th": "คะแนนรวม", "en": "Overall score"},
    "p.max": {"th": "หน่วยงานในจังหวัดมีคะแนนสูงสุดในเรื่อง", "en": "Highest-scoring pillar"},
    "p.min": {"th": "หน่วยงานในจังหวัดมีคะแนนต่ำสุดในเรื่อง", "en": "Lowest-scoring pillar"},
    "p.named_score": {"th": "%(name)s (%(score)s)", "en": "%(name)s (%(score)s)"},
    "p.improve": {
        "th": "เพื่อให้หน่วยงานในจังหวัดของท่านมีการพัฒนาอยู่ในระดับเดียวกับจังหวัดอื่น ๆ ควรเร่งปรับปรุง %(n)s อันดับ ดังนี้",
        "en": "To bring the province's agencies to the level of other provinces, improve these %(n)s first:",
    },
    "p.overview.title": {
        "th": "ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลในภาพรวมของหน่วยงานระดับจังหวัด",
        "en": "Digital government readiness of provincial agencies: national overview",
    },
    "p.overview.scope": {
        "th": "จากการสำรวจหน่วยงานภาครัฐระดับจังหวัดทั้ง %(provinces)s จังหวัด รวมส่งแบบสำรวจออก %(invited)s "
        "หน่วยงาน และได้รับแบบสำรวจกลับมาจำนวนทั้งสิ้น %(scored)s หน่วยงาน (คิดเป็นร้อยละ %(rate)s) "
        "คะแนนระดับความพร้อมรัฐบาลดิจิทัลในภาพรวมของหน่วยงานระดับจังหวัดมีค่าเท่ากับ %(score)s "
        "คะแนน โดยมีรายละเอียด ดังนี้",
        "en": "The survey covered provincial agencies in all %(provinces)s provinces: %(invited)s "
        "questionnaires were sent and %(scored)s returned (%(rate)s%%). The overall readiness "
        "score of provincial agencies is %(score)s points, as follows:",
    },
    "p.overview.row": {"th": "ภาพรวมหน่วยงานภาครัฐระดับจังหวัด", "en": "All provincial agencies"},
    "p.overview.ranking": {
        "th": "สำหรับหน่วยงานภาครัฐระดับจังหวัด %(first)s มีระดับความพร้อมมากที่สุด %(first_score)s "
        "คะแนน%(middle)s และ%(last)s มีคะแนนน้อยที่สุด %(last_score)s คะแนน",
        "en": "For provincial agencies, %(first)s is the most ready pillar with %(first_score)s "
        "points%(middle)s, and %(last)s scores lowest with %(last_score)s points.",
    },
    "p.overview.ranking.middle": {"th": " รองลงมาคือ %(items)s", "en": ", followed by %(items)s"},
    "p.overview.ranking.item": {"th": "%(name)s %(score)s คะแนน", "en": "%(name)s with %(score)s"},
    "p.overview.pillar": {
        "th": "%(pillar)s ได้ %(score)s คะแนน โดยตัวชี้วัดย่อยที่มีคะแนนมากที่สุดคือ %(top)s ซึ่งได้คะแนน "
        "%(top_score)s ส่วนตัวชี้วัดย่อยที่มีคะแนนต่ำที่สุดคือ %(low)s ได้คะแนน %(low_score)s",
        "en": "%(pillar)s scores %(score)s points; its highest sub-indicator is %(top)s with "
        "%(top_score)s and its lowest is %(low)s with %(low_score)s.",
    },
    "p.overview.pillar.one": {
        "th": "%(pillar)s ได้ %(score)s คะแนน",
        "en": "%(pillar)s scores %(score)s points.",
    },
    "p.overview.pillar.none": {"th": "%(pillar)s ยังไม่มีผลการสำรวจ", "en": "%(pillar)s has no results yet."},
    "p.overview.subs": {
        "th": "คะแนนรายตัวชี้วัดย่อย (ค่าเฉลี่ยหน่วยงานระดับจังหวัดทั้งประเทศ)",
        "en": "Sub-indicator scores (national provincial averages)",
    },
}
