"""The `dgmm` command line: a thin shell around the core."""
