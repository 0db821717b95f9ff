"""Cohort statistics over a cycle: peer groups, ranks, averages, comparators, growth (DECISIONS §9-15)."""
