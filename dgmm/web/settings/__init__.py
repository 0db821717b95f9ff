"""Settings: base.py (shared), local.py (`make run`), test.py (pytest), production.py (deployments)."""
