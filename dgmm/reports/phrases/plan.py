"""Phrases of the improvement plan (issue 11): the plan's cover, projection and items by PMQA 4.0 category."""

from __future__ import annotations

PLAN: dict[str, dict[str, str]] = {
    "p.title": {"th": "แผนพัฒนาความพร้อมรัฐบาลดิจิทัล", "en": "Digital Government Improvement Plan"},
    "p.footer": {
        "th": "แผนพัฒนาความพร้อมรัฐบาลดิจิทัล ปี %(year)s",
        "en": "Digital government improvement plan %(year)s",
    },
    "p.cover.cycle": {
        "th": "จากผลการสำรวจประจำปี %(year)s",
        "en": "From the results of the %(year)s survey cycle",
    },
    "p.cover.items": {"th": "รายการในแผน %(n)s รายการ", "en": "%(n)s plan items"},
    "p.projection.title": {"th": "ผลที่คาดว่าจะได้รับเมื่อดำเนินการตามแผน", "en": "What the plan would give"},
    "p.projection.lead": {
        "th": "หากหน่วยงานดำเนินการตามรายการในแผนทั้งหมด (ยกเว้นรายการที่ยกเลิก) "
        "คะแนนและระดับที่คาดว่าจะได้รับเมื่อคำนวณด้วยเกณฑ์เดียวกับรอบการสำรวจนี้ เป็นดังนี้ "
        "คะแนนของหน่วยงานอื่นและเกณฑ์การแบ่งกลุ่มคงเดิม",
        "en": "If the agency carries out every item of the plan (except those dropped), scoring its "
        "answers with the rules of this survey cycle gives the following. The other agencies' scores "
        "and the group cut-offs stay as they are.",
    },
    "p.projection.none": {
        "th": "รายการในแผนไม่ได้ระบุคำตอบที่จะเปลี่ยน จึงไม่มีผลที่คาดการณ์",
        "en": "The plan's items name no answer changes, so nothing is projected.",
    },
    "p.projection.stale": {
        "th": "คำตอบที่วางแผนไว้บางข้อใช้กับแบบสำรวจนี้ไม่ได้แล้ว จึงไม่มีผลที่คาดการณ์: %(why)s",
        "en": "Some planned answers no longer apply to this questionnaire, so nothing is projected: %(why)s",
    },
    "p.fig.score": {"th": "คะแนนรวม", "en": "Overall score"},
    "p.fig.level": {"th": "ระดับภาพรวม", "en": "Overall level"},
    "p.fig.group": {"th": "กลุ่ม", "en": "Group"},
    "p.fig.rank": {"th": "ลำดับ", "en": "Rank"},
    "p.fig.now_then": {"th": "ปัจจุบัน / ตามแผน", "en": "now / with the plan"},
    "p.fig.rank_of": {"th": "จาก %(n)s หน่วยงาน", "en": "of %(n)s agencies"},
    "p.radar.title": {
        "th": "คะแนนรายตัวชี้วัดหลัก: ปัจจุบันและตามแผน",
        "en": "Pillar scores: now and with the plan",
    },
    "p.radar.now": {"th": "ปัจจุบัน", "en": "Now"},
    "p.radar.plan": {"th": "ตามแผน", "en": "With the plan"},
    "p.col.pillar": {"th": "ตัวชี้วัดหลัก", "en": "Pillar"},
    "p.col.score_now": {"th": "คะแนนปัจจุบัน", "en": "Score now"},
    "p.col.level_now": {"th": "ระดับปัจจุบัน", "en": "Level now"},
    "p.col.score_plan": {"th": "คะแนนตามแผน", "en": "Score with the plan"},
    "p.col.level_plan": {"th": "ระดับตามแผน", "en": "Level with the plan"},
    "p.items.title": {
        "th": "รายการในแผน จำแนกตามหมวดของ PMQA 4.0",
        "en": "Plan items by PMQA 4.0 category",
    },
    "p.items.lead": {
        "th": "แต่ละรายการคือประเด็นที่หน่วยงานจะยกระดับ พร้อมสิ่งที่ต้องทำ ผู้รับผิดชอบ และกำหนดเสร็จ "
        "รายการที่สนับสนุนข้อของ PMQA 4.0 หลายหมวดจะแสดงในทุกหมวดที่เกี่ยวข้อง",
        "en": "Each item is a topic the agency means to raise, with what to do, who does it and by when. "
        "An item that serves PMQA 4.0 items of several categories is listed under each of them.",
    },
    "p.items.empty": {"th": "ยังไม่มีรายการในแผน", "en": "The plan has no items yet."},
    "p.items.unlinked": {
        "th": "ไม่เชื่อมโยงกับข้อใดของ PMQA 4.0",
        "en": "Not linked to a PMQA 4.0 item",
    },
    "p.category": {"th": "หมวด %(id)s %(name)s", "en": "Category %(id)s: %(name)s"},
    "p.col.pmqa": {"th": "ข้อของ PMQA 4.0", "en": "PMQA 4.0 item"},
    "p.col.topic": {"th": "ประเด็น", "en": "Topic"},
    "p.col.level": {"th": "ระดับปัจจุบัน", "en": "Level now"},
    "p.col.target": {"th": "ระดับเป้าหมาย", "en": "Target level"},
    "p.col.owner": {"th": "ผู้รับผิดชอบ", "en": "Owner"},
    "p.col.unit": {"th": "หน่วยงานที่รับผิดชอบ", "en": "Responsible unit"},
    "p.col.due": {"th": "กำหนดเสร็จ", "en": "Due date"},
    "p.col.status": {"th": "สถานะ", "en": "Status"},
    "p.col.actions": {"th": "สิ่งที่ต้องทำ", "en": "Actions"},
    "p.col.category": {"th": "หมวดของ PMQA 4.0", "en": "PMQA 4.0 category"},
    "p.col.topic_id": {"th": "รหัสประเด็น", "en": "Topic id"},
    "p.status.planned": {"th": "วางแผนแล้ว", "en": "Planned"},
    "p.status.in_progress": {"th": "กำลังดำเนินการ", "en": "In progress"},
    "p.status.done": {"th": "เสร็จแล้ว", "en": "Done"},
    "p.status.dropped": {"th": "ยกเลิก", "en": "Dropped"},
    "p.none": {"th": "–", "en": "–"},
    "p.sheet.items": {"th": "รายการในแผน", "en": "plan items"},
    "p.sheet.projection": {"th": "ผลที่คาดการณ์", "en": "projection"},
}
