"""Phrases of the agency report (seed 000, report_agency_spec.md §3), sentence by sentence."""

from __future__ import annotations

AGENCY: dict[str, dict[str, str]] = {
    "a.title": {
        "th": "รายงานผลการสำรวจระดับความพร้อมรัฐบาลดิจิทัล",
        "en": "Digital Government Readiness: Agency Report",
    },
    # overview (spec §3.1, §3.2)
    "a.overview.title": {
        "th": "ภาพรวมคะแนนระดับความพร้อมรัฐบาลดิจิทัลของ %(agency)s และคะแนนตามตัวชี้วัด",
        "en": "Overview of the digital-government readiness score of %(agency)s and scores by indicator",
    },
    "a.overview.subtitle": {
        "th": "เปรียบเทียบกับคะแนนเฉลี่ยของหน่วยงานภายใต้ต้นสังกัดและคะแนนเฉลี่ยหน่วยงานในระดับเดียวกัน",
        "en": "Compared with the average score of agencies under the same parent department and "
        "of agencies of the same tier",
    },
    "a.overview.subtitle.no_parent": {
        "th": "เปรียบเทียบกับคะแนนเฉลี่ยหน่วยงานในระดับเดียวกัน",
        "en": "Compared with the average score of agencies of the same tier",
    },
    # cover and executive summary
    "a.footer.cycle": {
        "th": "ผลการสำรวจความพร้อมรัฐบาลดิจิทัล ปี %(year)s",
        "en": "Digital government readiness %(year)s",
    },
    "a.cover.cycle": {"th": "รอบการสำรวจประจำปี %(year)s", "en": "Survey cycle %(year)s"},
    "a.cover.issued_by": {"th": "จัดทำโดย", "en": "Issued by"},
    "a.brief.title": {"th": "บทสรุปสำหรับผู้บริหาร", "en": "Executive summary"},
    "a.brief.strong": {"th": "ด้านที่โดดเด่น 3 อันดับแรก", "en": "The three strongest areas"},
    "a.brief.weak": {"th": "ด้านที่ควรพัฒนา 3 อันดับแรก", "en": "The three weakest areas"},
    "a.brief.area": {
        "th": "%(sub)s (%(pillar)s): %(score)s, %(level)s",
        "en": "%(sub)s (%(pillar)s): %(score)s, %(level)s",
    },
    "a.brief.areas.why": {
        "th": "ด้านในที่นี้คือตัวชี้วัดย่อยในแบบจำลองวุฒิภาวะ เรียงตามคะแนนของหน่วยงาน (คะแนนเท่ากันเรียงตามลำดับใน"
        "แบบจำลอง) เนื่องจากละเอียดกว่าตัวชี้วัดหลัก และแต่ละด้านมีข้อเสนอแนะของตนเอง",
        "en": "Areas are the sub-indicators of the maturity model, ordered by the agency's score (ties in "
        "the model's order): they are finer than the pillars and each has its own recommendations.",
    },
    "a.brief.areas.none": {
        "th": "ไม่มีตัวชี้วัดย่อยที่มีคะแนนเพียงพอสำหรับการจัดลำดับ",
        "en": "Too few sub-indicators have a score to rank them.",
    },
    "a.brief.steps": {"th": "สิ่งที่ควรดำเนินการเป็นลำดับแรก", "en": "The three most valuable next steps"},
    "a.brief.step": {"th": "%(sub)s (%(pillar)s): %(text)s", "en": "%(sub)s (%(pillar)s): %(text)s"},
    "a.brief.steps.why": {
        "th": "เลือกจากตัวชี้วัดย่อยที่หน่วยงานยกระดับได้เอง โดยเริ่มจากระดับต่ำที่สุด (ระดับเท่ากันเลือกตัวชี้วัดหลักที่มี"
        "น้ำหนักมากกว่า แล้วจึงคะแนนที่ต่ำกว่า) ตัวชี้วัดย่อยละหนึ่งข้อ คือเกณฑ์ของระดับถัดไป "
        "รายละเอียดอยู่ในหน้าข้อเสนอแนะของแต่ละตัวชี้วัดหลัก",
        "en": "Chosen among the sub-indicators the agency can raise itself, lowest level first (at equal "
        "levels the heavier pillar, then the lower score), one per sub-indicator: its next level's "
        "criterion. Each pillar's recommendations give the details.",
    },
    "a.brief.steps.none": {
        "th": "ไม่มีข้อเสนอแนะระดับถัดไปที่หน่วยงานดำเนินการได้เอง",
        "en": "There is no next-level step the agency can take by itself.",
    },
    "a.tile.rank": {"th": "ลำดับโดยรวม", "en": "Overall rank"},
    "a.tile.rank.value": {"th": "%(rank)s จาก %(of)s", "en": "%(rank)s of %(of)s"},
    "a.tile.group": {"th": "จัดอยู่ในกลุ่ม", "en": "Peer group"},
    "a.tile.score": {"th": "คะแนนโดยรวม", "en": "Overall score"},
    "a.tile.level": {"th": "ระดับความพร้อมการพัฒนาด้านดิจิทัล", "en": "Digital development readiness level"},
    "a.tile.group_avg": {"th": "คะแนนเฉลี่ย%(tier)sในกลุ่มเดียวกัน", "en": "Average of %(tier)s in the same group"},
    "a.tile.change": {"th": "เปลี่ยนแปลงจากรอบก่อน", "en": "Change since the previous cycle"},
    "a.tile.change.value": {
        "th": "%(change)s (รอบก่อน %(previous)s)",
        "en": "%(change)s (previous %(previous)s)",
    },
    "a.pillars.title": {"th": "คะแนนรายตัวชี้วัดหลัก", "en": "Scores by main indicator (pillar)"},
    "a.col.indicator": {"th": "ตัวชี้วัด", "en": "Indicator"},
    "a.col.agency": {"th": "คะแนนของหน่วยงาน", "en": "Agency score"},
    "a.col.group": {"th": "คะแนนเฉลี่ย%(tier)sในกลุ่มเดียวกัน", "en": "Average of %(tier)s in the same group"},
    "a.col.parent": {
        "th": "คะแนนเฉลี่ยหน่วยงานภายใต้กรมต้นสังกัด",
        "en": "Average of agencies under the parent department",
    },
    "a.col.no1": {"th": "คะแนน%(tier)sอันดับ 1", "en": "Score of the No.1 agency"},
    "a.levels.title": {
        "th": "ระดับความพร้อมการพัฒนาด้านดิจิทัล",
        "en": "Digital development readiness level by pillar",
    },
    "a.summary.clause": {
        "th": "%(cmp)sคะแนนเฉลี่ยของ%(who)s (%(value)s)",
        "en": "%(cmp)s the average of %(who)s (%(value)s)",
    },
    "a.summary.who.group": {"th": "%(tier)sในกลุ่มเดียวกัน", "en": "%(tier)s in the same group"},
    "a.summary.who.parent": {"th": "หน่วยงานภายใต้%(parent)s", "en": "agencies under %(parent)s"},
    "a.summary.and": {"th": " และ", "en": " and "},
    "a.summary.none": {
        "th": "ไม่มีคะแนนเฉลี่ยของกลุ่มเปรียบเทียบที่เปิดเผยได้",
        "en": "not compared with any average that can be disclosed",
    },
    "a.summary.1": {
        "th": "%(agency)s มีคะแนนรวม %(score)s คะแนน ซึ่ง%(clauses)s ในขณะที่ระดับความพร้อมการพัฒนาด้านดิจิทัลของ "
        "%(agency)s อยู่ที่ระดับ %(level)s ซึ่งถูกจัดอยู่ในกลุ่ม %(group)s",
        "en": "%(agency)s has an overall score of %(score)s, which is %(clauses)s, while its digital "
        "development readiness is at level %(level)s and it is classified in group %(group)s.",
    },
    "a.summary.2": {
        "th": "โดยตัวชี้วัดที่โดดเด่นที่สุด คือ %(best)s (%(best_score)s) ลำดับถัดมาคือ %(second)s "
        "(%(second_score)s) ทั้งนี้ ตัวชี้วัดที่มีคะแนนต่ำที่สุด คือ %(lowest)s (%(lowest_score)s) "
        "โดยมีรายละเอียดในแต่ละตัวชี้วัดสามารถศึกษาได้ในหน้าถัดไป",
        "en": "The most outstanding indicator is %(best)s (%(best_score)s), followed by %(second)s "
        "(%(second_score)s); the indicator with the lowest score is %(lowest)s (%(lowest_score)s). "
        "Each indicator is detailed on the following pages.",
    },
    # radar and change (beyond the DGA report)
    "a.radar.title": {
        "th": "คะแนนรายตัวชี้วัดหลักเทียบกับคะแนนเฉลี่ยกลุ่มเดียวกัน",
        "en": "Pillar scores against the same-group average",
    },
    "a.radar.agency": {"th": "หน่วยงานของท่าน", "en": "Your agency"},
    "a.radar.group": {"th": "ค่าเฉลี่ยกลุ่ม %(group)s", "en": "Average, group %(group)s"},
    "a.radar.hidden": {
        "th": "ไม่แสดงค่าเฉลี่ยกลุ่มเดียวกัน เนื่องจากมีหน่วยงานในกลุ่มน้อยกว่า %(min)s หน่วยงาน",
        "en": "The same-group average is not shown: the group has fewer than %(min)s agencies.",
    },
    "a.change.title": {"th": "การเปลี่ยนแปลงจากรอบการสำรวจก่อนหน้า", "en": "Change since the previous cycle"},
    "a.change.col.previous": {"th": "รอบก่อน", "en": "Previous cycle"},
    "a.change.col.current": {"th": "รอบนี้", "en": "This cycle"},
    "a.change.col.change": {"th": "เปลี่ยนแปลง", "en": "Change"},
    "a.change.overall": {"th": "คะแนนรวม", "en": "Overall score"},
    "a.change.up": {
        "th": "คะแนนรวมของ %(agency)s เพิ่มขึ้น %(abs)s คะแนน จาก %(previous)s ในรอบก่อน เป็น %(current)s ในรอบนี้",
        "en": "The overall score of %(agency)s rose by %(abs)s points, from %(previous)s in the previous "
        "cycle to %(current)s.",
    },
    "a.change.down": {
        "th": "คะแนนรวมของ %(agency)s ลดลง %(abs)s คะแนน จาก %(previous)s ในรอบก่อน เป็น %(current)s ในรอบนี้",
        "en": "The overall score of %(agency)s fell by %(abs)s points, from %(previous)s in the previous "
        "cycle to %(current)s.",
    },
    "a.change.same": {
        "th": "คะแนนรวมของ %(agency)s เท่ากับรอบก่อน คือ %(current)s",
        "en": "The overall score of %(agency)s is unchanged at %(current)s.",
    },
    "a.change.quadrant": {
        "th": "เมื่อพิจารณาคะแนนและการเติบโตเทียบกับค่าเฉลี่ยของ%(tier)s หน่วยงานอยู่ในกลุ่ม %(quadrant)s",
        "en": "On the performance/growth grid of %(tier)s, the agency is in the %(quadrant)s quadrant.",
    },
    "a.change.pillars_missing": {
        "th": "ไม่มีคะแนนรายตัวชี้วัดหลักของรอบก่อน จึงแสดงเฉพาะคะแนนรวม",
        "en": "Pillar scores of the previous cycle are not available; only the overall score is compared.",
    },
    # sub-pillar overview (spec §3.3)
    "a.subs.title": {
        "th": "ภาพรวมระดับความพร้อมการพัฒนาด้านดิจิทัลรายตัวชี้วัดย่อย (Sub-Pillar)",
        "en": "Digital development readiness levels by sub-indicator (sub-pillar)",
    },
    "a.subs.col.pillar_level": {"th": "ระดับความพร้อมการพัฒนาด้านดิจิทัล", "en": "Pillar level"},
    "a.subs.col.sub_levels": {"th": "ระดับความพร้อมการพัฒนาด้านดิจิทัลของตัวชี้วัดย่อย", "en": "Sub-indicator levels"},
    # overall level explained (spec §3.4)
    "a.explain.title": {"th": "ที่มาของระดับความพร้อมโดยรวม", "en": "How the overall level is made up"},
    "a.explain.intro": {
        "th": "%(agency)s มีคะแนนระดับความพร้อมอยู่ที่ %(score)s คะแนน ทั้งนี้ระดับความพร้อมการพัฒนาด้านดิจิทัล"
        "อยู่ที่ระดับ %(level)s โดยมีสัดส่วนการคำนวณมาจากตัวชี้วัดด้านต่าง ๆ ดังนี้",
        "en": "%(agency)s has a readiness score of %(score)s points; its digital development readiness "
        "level is %(level)s. It is made up of the indicators as follows:",
    },
    "a.explain.pillar": {
        "th": "%(pillar)s (น้ำหนักร้อยละ %(weight)s, คะแนน %(score)s) มีระดับความพร้อมการพัฒนาด้านดิจิทัล"
        "อยู่ระดับที่ %(level)s กล่าวคือ %(subs)s",
        "en": "%(pillar)s (weight %(weight)s%%, score %(score)s) is at digital development readiness "
        "level %(level)s: %(subs)s.",
    },
    "a.explain.sub": {"th": "%(sub)s ระดับ %(level)s", "en": "%(sub)s at level %(level)s"},
    "a.explain.sub.undetermined": {"th": "%(sub)s ไม่สามารถระบุระดับได้", "en": "%(sub)s cannot be levelled"},
    "a.explain.no_subs": {"th": "ไม่มีตัวชี้วัดย่อยที่ระบุระดับได้", "en": "no sub-indicator has a level"},
    "a.explain.rule.floor_mean": {
        "th": "ระดับโดยรวมคือค่าเฉลี่ยของระดับรายตัวชี้วัดหลัก ปัดเศษลง และคะแนนรวมคือค่าเฉลี่ยถ่วงน้ำหนักของคะแนนรายตัวชี้วัดหลัก",
        "en": "The overall level is the mean of the pillar levels, rounded down; the overall "
        "score is the weighted mean of the pillar scores.",
    },
    "a.explain.rule.round_mean": {
        "th": "ระดับโดยรวมคือค่าเฉลี่ยของระดับรายตัวชี้วัดหลัก ปัดเศษตามหลักคณิตศาสตร์ และคะแนนรวมคือ"
        "ค่าเฉลี่ยถ่วงน้ำหนักของคะแนนรายตัวชี้วัดหลัก",
        "en": "The overall level is the mean of the pillar levels, rounded half up; the overall "
        "score is the weighted mean of the pillar scores.",
    },
    "a.explain.rule.min": {
        "th": "ระดับโดยรวมคือระดับต่ำสุดของตัวชี้วัดหลัก และคะแนนรวมคือค่าเฉลี่ยถ่วงน้ำหนักของคะแนนรายตัวชี้วัดหลัก",
        "en": "The overall level is the lowest pillar level; the overall score is the weighted mean "
        "of the pillar scores.",
    },
    # pillar detail page (spec §3.5)
    "a.pillar.readiness": {
        "th": "ความพร้อมของหน่วยงานจาก Pillar %(n)s",
        "en": "The agency's readiness in Pillar %(n)s",
    },
    "a.pillar.divided": {
        "th": "ตัวชี้วัดที่ %(n)s สามารถแบ่งออกเป็นอีก %(k)s ตัวชี้วัดย่อย โดยจากการสำรวจพบว่า",
        "en": "Indicator %(n)s is divided into %(k)s sub-indicators; the survey found that:",
    },
    "a.pillar.cmp.group": {
        "th": "เมื่อเปรียบเทียบกับคะแนนเฉลี่ย%(tier)sในกลุ่มเดียวกัน (%(value)s) ตัวชี้วัดย่อยที่มีคะแนนสูงกว่าได้แก่ %(list)s",
        "en": "Compared with the average of %(tier)s in the same group (%(value)s), the "
        "sub-indicators scoring higher are: %(list)s",
    },
    "a.pillar.cmp.parent": {
        "th": "เมื่อเปรียบเทียบกับคะแนนเฉลี่ย%(tier)sภายใต้กรมต้นสังกัด (%(value)s) ตัวชี้วัดย่อยที่มีคะแนนสูงกว่าได้แก่ %(list)s",
        "en": "Compared with the average of %(tier)s under the parent department (%(value)s), the "
        "sub-indicators scoring higher are: %(list)s",
    },
    "a.pillar.cmp.no1": {
        "th": "เมื่อเปรียบเทียบกับคะแนน%(tier)s อันดับ 1 (%(value)s) ตัวชี้วัดย่อยที่มีคะแนนสูงกว่าได้แก่ %(list)s",
        "en": "Compared with the score of the No.1 agency among %(tier)s (%(value)s), the "
        "sub-indicators scoring higher are: %(list)s",
    },
    "a.pillar.cmp.unavailable.group": {
        "th": "ไม่มีคะแนนเฉลี่ย%(tier)sในกลุ่มเดียวกันที่เปิดเผยได้",
        "en": "No average of %(tier)s in the same group can be shown.",
    },
    "a.pillar.cmp.unavailable.parent": {
        "th": "ไม่มีคะแนนเฉลี่ย%(tier)sภายใต้กรมต้นสังกัดที่เปิดเผยได้",
        "en": "No average of %(tier)s under the parent department can be shown.",
    },
    "a.pillar.cmp.unavailable.no1": {
        "th": "ไม่มีคะแนนของ%(tier)s อันดับ 1",
        "en": "There is no No.1 agency score.",
    },
    "a.pillar.list": {"th": "ตัวชี้วัดย่อย %(items)s", "en": "%(items)s"},
    "a.pillar.list.item": {"th": "%(name)s (%(score)s)", "en": "%(name)s (%(score)s)"},
    "a.pillar.list.none": {"th": "ไม่มีตัวชี้วัดย่อยที่ได้คะแนนสูงกว่า", "en": "no sub-indicator scored higher"},
    "a.pillar.col.sub": {"th": "ตัวชี้วัดย่อย", "en": "Sub-indicator"},
    "a.pillar.col.level": {"th": "ระดับ", "en": "Level"},
    "a.pillar.col.score": {"th": "คะแนน", "en": "Score"},
    "a.pillar.col.group": {"th": "เฉลี่ยกลุ่มเดียวกัน", "en": "Group average"},
    "a.pillar.col.parent": {"th": "เฉลี่ยภายใต้ต้นสังกัด", "en": "Parent average"},
    "a.pillar.col.no1": {"th": "อันดับ 1", "en": "No.1"},
    "a.pillar.total": {"th": "รวม %(pillar)s", "en": "%(pillar)s total"},
    # recommendations (spec §3.6, DECISIONS §16)
    "a.advice.title": {"th": "ข้อเสนอแนะ", "en": "Recommendations"},
    "a.advice.intro": {
        "th": "หน่วยงานของท่านได้ระดับความพร้อมรวมในตัวชี้วัดด้าน %(pillar)s อยู่ที่ระดับ %(level)s โดยมี"
        "ระดับความพร้อมในแต่ละตัวชี้วัดย่อยดังนี้",
        "en": "Your agency's overall readiness level in the %(pillar)s indicator is %(level)s, with "
        "these levels for each sub-indicator:",
    },
    "a.advice.summary": {
        "th": "ตัวชี้วัดย่อยด้าน %(sub)s มีระดับความพร้อมอยู่ที่ %(level)s%(inherit)s",
        "en": "The %(sub)s sub-indicator has a readiness level of %(level)s%(inherit)s",
    },
    "a.inherit.full": {
        "th": " โดยเป็นระดับความพร้อมที่ยึดจากระดับความพร้อมของหน่วยงานระดับกรมต้นสังกัด",
        "en": "; this level is taken from the parent department",
    },
    "a.inherit.partial": {
        "th": " โดยมีการใช้ระดับความพร้อมบางส่วนจากหน่วยงานระดับกรมต้นสังกัด",
        "en": "; it partly uses levels of the parent department",
    },
    "a.inherit.topic": {"th": " (ยึดจากหน่วยงานระดับกรมต้นสังกัด)", "en": " (taken from the parent department)"},
    "a.analyst.topic": {"th": " (ตรวจสอบโดยผู้ประเมิน)", "en": " (checked by an assessor)"},
    "a.advice.pillar": {
        "th": "อย่างไรก็ตาม หากต้องการยกระดับหน่วยงาน ท่านควร%(text)s",
        "en": "However, to raise your agency's level, you should: %(text)s",
    },
    "a.advice.item": {
        "th": "%(i)s. ตัวชี้วัดย่อย %(sub)s: หน่วยงานของท่านมีระดับความพร้อมในตัวชี้วัดย่อยด้าน %(sub)s "
        "อยู่ในระดับ %(level)s%(inherit)s",
        "en": "%(i)s. Sub-indicator %(sub)s: your agency's readiness level in %(sub)s is %(level)s"
        "%(inherit)s",
    },
    "a.advice.composed": {
        "th": "ซึ่งประกอบไปด้วยระดับความพร้อมจาก %(m)s หัวข้อย่อย ดังนี้",
        "en": "It is made up of %(m)s topics:",
    },
    "a.advice.topic": {"th": "ด้าน %(topic)s: %(level)s%(inherit)s", "en": "%(topic)s: %(level)s%(inherit)s"},
    "a.advice.highest": {
        "th": "ซึ่งเป็นระดับสูงสุดของตัวชี้วัดย่อยด้าน %(sub)s ซึ่งหมายถึงหน่วยงานของท่านมีการดำเนินการดังนี้",
        "en": "This is the highest level of the %(sub)s sub-indicator, meaning your agency does the "
        "following:",
    },
    "a.advice.inherited_only": {
        "th": "ระดับความพร้อมของตัวชี้วัดย่อยนี้มาจากหน่วยงานระดับกรมต้นสังกัดทั้งหมด "
        "การยกระดับจึงเป็นสิ่งที่หน่วยงานระดับกรมต้นสังกัดต้องดำเนินการ "
        "ไม่มีข้อเสนอแนะที่หน่วยงานของท่านดำเนินการได้เอง",
        "en": "This sub-indicator's level comes entirely from the parent department: the "
        "parent department must act to raise it; there is no recommendation your "
        "agency can act on by itself.",
    },
    "a.advice.parent_acts": {
        "th": "ด้าน %(topic)s (ระดับ %(level)s): ระดับนี้มาจากหน่วยงานระดับกรมต้นสังกัด "
        "หน่วยงานระดับกรมต้นสังกัดต้องเป็นผู้ดำเนินการเพื่อยกระดับ",
        "en": "%(topic)s (level %(level)s): this level comes from the parent department; the "
        "parent department must act to raise it",
    },
    "a.advice.raise": {
        "th": "อย่างไรก็ตาม หากต้องการยกระดับหน่วยงานในตัวชี้วัดย่อยด้าน %(sub)s หน่วยงานของท่านควรดำเนินการดังนี้",
        "en": "To raise your agency's level in the %(sub)s sub-indicator, your agency should:",
    },
    "a.advice.raise.partial": {
        "th": "อย่างไรก็ตาม หากต้องการยกระดับหน่วยงานในตัวชี้วัดย่อยด้าน %(sub)s ส่วนที่หน่วยงานของท่าน"
        "สามารถพัฒนาได้ด้วยตนเองมีดังนี้ เนื่องจากระดับความพร้อมในหัวข้ออื่น ๆ มาจากระดับความ"
        "พร้อมของหน่วยงานระดับกรมต้นสังกัด",
        "en": "To raise your agency's level in the %(sub)s sub-indicator, the part your agency "
        "can develop by itself is below; the levels of the other topics come from the "
        "parent department.",
    },
    "a.advice.next": {
        "th": "ด้าน %(topic)s (จากระดับ %(level)s สู่ระดับ %(next)s): %(criterion)s",
        "en": "%(topic)s (from level %(level)s to level %(next)s): %(criterion)s",
    },
    "a.advice.next.bare": {
        "th": "ด้าน %(topic)s (จากระดับ %(level)s สู่ระดับ %(next)s)",
        "en": "%(topic)s (from level %(level)s to level %(next)s)",
    },
    "a.advice.framework": {"th": "ข้อเสนอแนะ: %(text)s", "en": "Advice: %(text)s"},
    "a.advice.todo": {
        "th": "สิ่งที่หน่วยงานต้องดำเนินการเพิ่มเติมตามคำตอบของหน่วยงาน:",
        "en": "What reaches it, from your own answers:",
    },
    "a.advice.current": {"th": "คำตอบปัจจุบัน: %(current)s", "en": "Current answer: %(current)s"},
    "a.advice.no_criteria": {
        "th": "แบบจำลองไม่ได้กำหนดเกณฑ์ของระดับที่สูงกว่าระดับ %(level)s สำหรับตัวชี้วัดย่อยด้าน %(sub)s",
        "en": "The model defines no criterion above level %(level)s for the %(sub)s sub-indicator.",
    },
    "a.advice.missing": {
        "th": "ด้าน %(topic)s: ไม่สามารถระบุระดับได้ เนื่องจากยังไม่ได้ตอบข้อ: %(inputs)s",
        "en": "%(topic)s: the level cannot be determined; these questions are unanswered: %(inputs)s",
    },
    "a.advice.parent_missing": {
        "th": "ด้าน %(topic)s: ไม่สามารถระบุระดับได้ เนื่องจากหน่วยงานระดับกรมต้นสังกัดยังไม่ได้ตอบแบบสำรวจ",
        "en": "%(topic)s: the level cannot be determined because the parent department has not answered.",
    },
    "a.advice.criteria_only": {
        "th": "หมายเหตุ: ไม่ได้ใช้คำตอบของหน่วยงานในการจัดทำรายงานนี้ ข้อเสนอแนะจึงแสดงเฉพาะเกณฑ์ของระดับถัดไป",
        "en": "Note: this report was made without the agency's answers; recommendations show the "
        "next level's criterion only.",
    },
    "a.advice.nothing": {
        "th": "ไม่มีตัวชี้วัดย่อยในแบบจำลองวุฒิภาวะ",
        "en": "No sub-indicator of this pillar is in the maturity model.",
    },
    # glossary (spec §3.7)
    "a.glossary.title": {"th": "นิยามศัพท์เฉพาะ", "en": "Glossary"},
    "a.glossary.groups": {"th": "นิยามการจัดกลุ่ม", "en": "Peer groups"},
    "a.glossary.group.top": {
        "th": "กลุ่ม %(group)s หมายถึง กลุ่มหน่วยงานที่มีคะแนนรวมตั้งแต่ตำแหน่งเปอร์เซ็นไทล์ที่ %(lo)s "
        "(%(cut)s คะแนน) ขึ้นไป เมื่อเปรียบเทียบกับหน่วยงานในระดับเดียวกัน",
        "en": "Group %(group)s: agencies whose overall score is at or above the %(lo)sth percentile "
        "(%(cut)s points) of agencies of the same tier.",
    },
    "a.glossary.group.mid": {
        "th": "กลุ่ม %(group)s หมายถึง กลุ่มหน่วยงานที่มีคะแนนรวมอยู่ในช่วงตั้งแต่ตำแหน่งเปอร์เซ็นไทล์ที่ "
        "%(lo)s (%(cut)s คะแนน) แต่ต่ำกว่าตำแหน่งเปอร์เซ็นไทล์ที่ %(hi)s (%(cut_hi)s คะแนน) "
        "เมื่อเปรียบเทียบกับหน่วยงานในระดับเดียวกัน",
        "en": "Group %(group)s: agencies whose overall score is at or above the %(lo)sth percentile "
        "(%(cut)s points) and below the %(hi)sth percentile (%(cut_hi)s points) of agencies "
        "of the same tier.",
    },
    "a.glossary.group.low": {
        "th": "กลุ่ม %(group)s หมายถึง กลุ่มหน่วยงานที่มีคะแนนรวมต่ำกว่าตำแหน่งเปอร์เซ็นไทล์ที่ %(hi)s "
        "(%(cut_hi)s คะแนน) เมื่อเปรียบเทียบกับหน่วยงานในระดับเดียวกัน",
        "en": "Group %(group)s: agencies whose overall score is below the %(hi)sth percentile "
        "(%(cut_hi)s points) of agencies of the same tier.",
    },
    "a.glossary.pillars": {"th": "นิยามตัวชี้วัดหลัก", "en": "Main indicators"},
    "a.glossary.pillar.subs": {
        "th": "ประกอบด้วยตัวชี้วัดย่อย %(subs)s",
        "en": "Made up of the sub-indicators %(subs)s",
    },
    "a.glossary.levels": {"th": "ระดับความพร้อม", "en": "Readiness levels"},
    "a.glossary.weights": {
        "th": "น้ำหนักของตัวชี้วัดหลักในคะแนนรวม: %(weights)s",
        "en": "Weights of the pillars in the overall score: %(weights)s",
    },
}
