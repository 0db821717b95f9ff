"""The rule language: parse (conditions.py), type-check and compile (compile.py), explain (explain.py)."""
