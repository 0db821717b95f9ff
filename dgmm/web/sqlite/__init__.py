"""SQLite for the survey platform: Django's backend whose write transactions queue on a lock file.

Several server processes write to one SQLite file. SQLite lets one writer in at a time and makes
the others poll: a writer that finds the file locked sleeps and retries (1, 2, 5 ... up to 100 ms
between tries) until the busy timeout. Under a burst of saves those sleeps, not the work, make the
slowest responses. Here a write transaction first takes an exclusive ``flock`` on ``<database>.writelock``:
the kernel queues the writers and wakes the next one the moment the previous one commits. Readers
take no lock (the database runs in write-ahead-log mode). Where ``fcntl`` does not exist (Windows)
the backend is Django's own.
"""
