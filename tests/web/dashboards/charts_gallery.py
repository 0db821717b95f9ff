"""One spec of each chart kind, shared by the chart tests and the browser gallery."""

from __future__ import annotations

from typing import Any

from dgmm.web.dashboards.charts.provinces import level_classes, score_classes, tiles

EVIL = "กรม<script>alert(\"x\")</script> & 'Co'"


def specs() -> list[dict[str, Any]]:
    ids = [t["id"] for t in tiles()]
    values = {pid: {"value": (i * 7.3) % 100} for i, pid in enumerate(ids) if i % 9 != 4}
    values[ids[0]]["href"] = "/public/?province=" + ids[0]
    return [
        {
            "kind": "bars",
            "id": "by-tier",
            "title": "คะแนนเฉลี่ยตามระดับหน่วยงาน",
            "desc": "คะแนนเฉลี่ยของแต่ละระดับ เทียบกับรอบก่อน",
            "label_header": "ระดับหน่วยงาน",
            "rows": [
                {"label": "กรม", "value": 62.5, "previous": 58.0, "change": 4.5},
                {"label": "จังหวัด", "value": 48.25, "previous": 50.0, "change": -1.75},
                {"label": EVIL, "value": None},
            ],
        },
        {
            "kind": "stacked",
            "id": "levels",
            "title": "การกระจายระดับ Maturity",
            "label_header": "ระดับหน่วยงาน",
            "categories": [{"label": f"ระดับ {k}"} for k in range(1, 6)] + [{"label": "ไม่นับ"}],
            "rows": [
                {"label": "กรม", "counts": [3, 10, 25, 12, 4, 2]},
                {"label": "จังหวัด", "counts": [6, 20, 30, 10, 2, 8]},
                {"label": "ว่าง", "counts": [0, 0, 0, 0, 0, 0]},
            ],
        },
        {
            "kind": "profile",
            "id": "pillars",
            "title": "คะแนนรายด้าน",
            "label_header": "ด้าน",
            "categories": ["ด้านนโยบายและหลักปฏิบัติ", "ด้านศักยภาพบุคลากร", "ด้านบริการภาครัฐ"],
            "series": [
                {"label": "รอบนี้", "values": [70.0, 55.5, None]},
                {"label": "รอบก่อน", "values": [60.0, 50.0, 45.0]},
            ],
        },
        {
            "kind": "grid",
            "id": "growth",
            "title": "ตารางผลการดำเนินงานและการเติบโต",
            "label_header": "กระทรวง",
            "x_label": "คะแนน",
            "y_label": "การเปลี่ยนแปลง",
            "mean_x": 60.0,
            "mean_y": 2.0,
            "quadrants": {
                "top_left": "Rising Star",
                "top_right": "Developed",
                "bottom_left": "Developing",
                "bottom_right": "Maintain",
            },
            "points": [
                {"label": "กระทรวงการคลัง", "x": 75.0, "y": 5.0, "quadrant": "Developed"},
                {"label": "กระทรวงมหาดไทย", "x": 50.0, "y": -3.0, "quadrant": "Developing"},
                {"label": EVIL, "x": 55.0, "y": 8.0, "quadrant": "Rising Star"},
            ],
        },
        {
            "kind": "histogram",
            "id": "answers",
            "title": "คำตอบ: มีแผนพัฒนาดิจิทัลหรือไม่",
            "label_header": "คำตอบ",
            "value_header": "จำนวนหน่วยงาน",
            "bins": [
                {"label": "มี", "count": 120, "text": "120 (60.0%)"},
                {"label": "ไม่มี", "count": 80, "text": "80 (40.0%)"},
            ],
        },
        {
            "kind": "map",
            "id": "province-map",
            "title": "คะแนนเฉลี่ยรายจังหวัด",
            "desc": "แผนที่จังหวัดแบบช่องตาราง สีตามช่วงคะแนน",
            "value_header": "คะแนนเฉลี่ย",
            "classes": score_classes(),
            "values": values,
        },
        {
            "kind": "map",
            "id": "province-levels",
            "title": "ระดับรายจังหวัด",
            "value_header": "ระดับ",
            "decimals": 0,
            "classes": level_classes(),
            "values": {"TH-50": {"value": 3}, "TH-90": {"value": 5}},
        },
    ]
