"""Dashboards read cycles, participations and frozen results; they own no tables."""
