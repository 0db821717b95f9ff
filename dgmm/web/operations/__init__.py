"""Operating the platform: backup archives, restoring them into an empty instance, and retention.

``backup`` writes one zip archive (data of every table as JSON lines, evidence and results files, a
manifest with every member's sha256); ``restore`` checks it completely, then loads it into an empty,
migrated instance; ``purge`` deletes what the retention rules say is no longer kept. See
docs/operations.md.
"""
