"""{% chart spec %}: an accessible SVG chart and its data table (dgmm.web.dashboards.charts)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from dgmm.web.dashboards.charts import Spec, chart_id, render

register = template.Library()


@register.inclusion_tag("dashboards/_chart.html")
def chart(spec: Spec) -> dict[str, Any]:
    """The chart of `spec` followed by its table (with the chart's title as caption). The SVG's text is
    escaped where it is built, so it is marked safe here and nowhere else."""
    svg, table = render(spec)
    return {"svg": mark_safe(svg), "table": table, "id": chart_id(spec), "kind": spec["kind"]}
