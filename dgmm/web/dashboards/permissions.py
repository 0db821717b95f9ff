"""Dashboards reuse the cycle policy: results follow ``CyclePolicy.can_view_results``."""

from __future__ import annotations

from dgmm.web.cycles.permissions import CyclePolicy

__all__ = ["CyclePolicy"]
