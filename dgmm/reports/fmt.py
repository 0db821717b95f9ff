"""How numbers and dates are printed in reports: scores, percentages, changes, Thai digits, BE dates.

Every printed number goes through `dgmm.rounding.display`, the only place dgmm rounds; the
functions here only add a sign, a percent sign, thousands separators or Thai digits around it.
Comparisons shown in sentences are made on the printed values (`cmp_shown`, the core's
`compare_shown`), so a sentence can never call a number higher than one the table next to it prints
the same.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dgmm.rounding import compare_shown, display, shown

DASH = "–"  # printed where there is no value (or a value that may not be shown)
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MONTHS_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
BE_OFFSET = 543


def thai_digits(text: str) -> str:
    """The same text with Arabic digits written as Thai digits (๐-๙)."""
    return text.translate(THAI_DIGITS)


def arabic_digits(text: str) -> str:
    """The same text with Thai digits written as Arabic digits."""
    return text.translate(ARABIC_DIGITS)


def score(value: float | None, digits: int = 2) -> str:
    """A score as printed ('57.09'); a dash when there is none."""
    return DASH if value is None else display(value, digits)


def pct(value: float | None, digits: int = 2) -> str:
    """A percentage score as printed ('69.81%'); a dash when there is none."""
    return DASH if value is None else display(value, digits) + "%"


def change(value: float | None, digits: int = 2) -> str:
    """A change with its sign ('+7.00', '-1.25', '0.00'); a dash when there is none."""
    if value is None:
        return DASH
    text = display(value, digits)
    return text if text.startswith("-") or shown(value, digits).is_zero() else "+" + text


def count(n: int | None) -> str:
    """A count with thousands separators ('1,356')."""
    return DASH if n is None else f"{n:,}"


def rate(part: int, whole: int, digits: int = 1) -> str:
    """part / whole as a printed percentage ('93.2%'); a dash when whole is 0."""
    return DASH if not whole else display(part / whole * 100, digits) + "%"


def shown_value(value: float | None, digits: int = 2) -> Decimal | None:
    """The value as the reader sees it (rounded for display), for comparisons in sentences."""
    return None if value is None else shown(value, digits)


def cmp_shown(a: float | None, b: float | None, digits: int = 2) -> int | None:
    """-1, 0 or 1 comparing a with b as printed; None when either is missing."""
    return compare_shown(a, b, digits)


def be_year(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def date_text(day: dt.date, lang: str) -> str:
    """A date as Thai official letters print it ('7 มีนาคม 2561', Buddhist era) or '7 March 2018'."""
    if lang == "th":
        return f"{day.day} {MONTHS_TH[day.month - 1]} {be_year(day.year)}"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
