#!/usr/bin/env python
"""Django's command-line utility for the survey platform (same as `python -m dgmm.web`)."""

from dgmm.web.__main__ import main

if __name__ == "__main__":
    main()
