"""Exit 0 when a PostgreSQL server answers at the given URL (used by scripts/test.sh)."""

from __future__ import annotations

import sys

try:
    import psycopg
except ImportError:  # pragma: no cover - the web extra installs psycopg
    sys.exit(1)

try:
    with psycopg.connect(sys.argv[1], connect_timeout=3) as conn:
        conn.execute("select 1")
except Exception:
    sys.exit(1)
sys.exit(0)
