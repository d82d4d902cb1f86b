#!/usr/bin/env python3
"""Generate the public-holiday calendars in calendars/ (one .ics file per region).

    python3 -m pip install -r calendars/requirements.txt
    python3 calendars/generate.py [--out DIR]

Writes <DIR>/<REGION>.ics (default DIR: the folder of this script) for every
region in REGIONS, for the years in YEARS, with the `holidays` package's own
iCalendar exporter, and removes any other .ics file from DIR. The output is a
pure function of this script and the pinned package version: the exporter's
DTSTAMP is fixed (ICAL_TIMESTAMP), its UIDs are UUID5 of the content, and the
names are English, so a re-run reproduces the files byte for byte (CI checks
this with `git diff --exit-code -- calendars/`).

The Rust side embeds these files (src/calendar/embedded.rs lists the same
regions); a region added here must be added there too.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import holidays
from holidays.ical import ICalExporter

HERE = Path(__file__).resolve().parent

YEARS = range(2025, 2029)  # 2025..2028 inclusive

# DTSTAMP of every event. Any fixed value will do; it only has to never change
# by itself (the exporter's default is the current time).
ICAL_TIMESTAMP = "20250101T000000Z"

# (file name, country, subdivision or None, why).
#
# A national file uses the package's list for the country without a
# subdivision: the holidays observed in the whole country. The Rust lookup
# falls back from a subdivision without a file of its own (DE-BE) to its
# country's file (DE), so a national file must never hold a holiday that some
# of its subdivisions do not have.
REGIONS: list[tuple[str, str, str | None, str]] = [
    ("PL", "PL", None, "Poland: statutory days off, the same nationwide"),
    ("DE", "DE", None, "Germany: the nationwide (federal) holidays only"),
    ("DE-BY", "DE", "BY", "Bavaria: nationwide + Bavarian holidays (Assumption Day only in the package's optional 'catholic' category, left out)"),
    ("BY", "BY", None, "Belarus: public days off, incl. the government's substituted days off"),
    ("UA", "UA", None, "Ukraine: public category; EMPTY for 2023 on, holidays are working days under martial law (Labour Code art. 73, law 2136-IX)"),
    ("GB", "GB", None, "United Kingdom: only the bank holidays common to all four nations (no Easter Monday, no August bank holiday: their dates differ in Scotland)"),
    ("GB-ENG", "GB", "ENG", "England: bank holidays of England (the same as Wales)"),
    ("GB-WLS", "GB", "WLS", "Wales: bank holidays of Wales"),
    ("GB-SCT", "GB", "SCT", "Scotland: bank holidays of Scotland"),
    ("GB-NIR", "GB", "NIR", "Northern Ireland: bank holidays of Northern Ireland"),
    ("IE", "IE", None, "Ireland: public holidays (no subdivisions)"),
    ("FR", "FR", None, "France: metropolitan nationwide holidays (without Alsace-Moselle, FR-57, nor overseas departments)"),
    ("ES", "ES", None, "Spain: the national holidays only (the communities add or swap some)"),
    ("US", "US", None, "United States: federal holidays (incl. the observed Friday/Monday)"),
    ("CA", "CA", None, "Canada: the national statutory holidays common to all provinces"),
    ("IN", "IN", None, "India: the package's all-India list (gazetted national and central-government holidays)"),
    ("AU", "AU", None, "Australia: the national holidays common to all states"),
    ("NZ", "NZ", None, "New Zealand: national holidays, without the provincial anniversary days"),
]


def pinned_version() -> str:
    text = (HERE / "requirements.txt").read_text(encoding="utf-8")
    match = re.search(r"^holidays==(\S+)\s*$", text, re.MULTILINE)
    if not match:
        sys.exit("calendars/requirements.txt does not pin holidays==<version>")
    return match.group(1)


def english(country: str) -> str | None:
    """The English name language for a country: its own English (en_GB, en_AU...)
    when that is its default, else en_US when supported, else None (the package's
    built-in names, English for NZ, which has no translations)."""
    cls = type(holidays.country_holidays(country))
    default = getattr(cls, "default_language", None)
    supported = getattr(cls, "supported_languages", ())
    if default and default.startswith("en"):
        return default
    if "en_US" in supported:
        return "en_US"
    if not supported:
        return None
    sys.exit(f"{country}: no English holiday names in holidays {holidays.__version__}")


def calendar(country: str, subdiv: str | None) -> bytes:
    entity = holidays.country_holidays(
        country, subdiv=subdiv, years=YEARS, language=english(country)
    )
    exporter = ICalExporter(entity)
    exporter.ical_timestamp = ICAL_TIMESTAMP
    return exporter.generate(return_bytes=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: %(default)s)")
    args = parser.parse_args()

    want = pinned_version()
    if holidays.__version__ != want:
        sys.exit(
            f"holidays {holidays.__version__} is installed but calendars/requirements.txt pins {want}: "
            "python3 -m pip install -r calendars/requirements.txt"
        )

    args.out.mkdir(parents=True, exist_ok=True)
    written = set()
    for name, country, subdiv, _why in REGIONS:
        path = args.out / f"{name}.ics"
        path.write_bytes(calendar(country, subdiv))
        written.add(path.name)
    for stale in sorted(args.out.glob("*.ics")):
        if stale.name not in written:
            print(f"removing {stale} (not in REGIONS)", file=sys.stderr)
            stale.unlink()
    print(f"wrote {len(written)} calendars ({YEARS.start}-{YEARS.stop - 1}, holidays {want}) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
