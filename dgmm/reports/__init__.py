"""Reports: the agency report, the province letter and the national results deck, as PDF (Typst)."""
