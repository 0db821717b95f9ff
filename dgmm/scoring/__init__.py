"""Scoring: answers -> topic levels and scores -> sub-pillar -> pillar -> overall (DECISIONS.md)."""
