from __future__ import annotations

from datetime import UTC, datetime

from django.utils import translation

from dgmm.web.cycles.templatetags.dgmm_format import day, when


def test_thai_dates_use_the_buddhist_era():
    moment = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)  # 16:00 in Bangkok
    with translation.override("th"):
        assert day(moment).endswith("2569") and when(moment).endswith("2569 16:00")
    with translation.override("en"):
        assert when(moment) == "21 Nov 2026 16:00"
