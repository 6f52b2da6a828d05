"""Pelican reads `Date:` and `Modified:` with our reader (sitekit.date_input), never with dateutil.

Pelican turns those values into datetimes in `BaseReader.process_metadata`, through
`pelican.utils.get_date`, which guesses month-first (`11/2/17` → 2 November). Every reader a
generator owns (Markdown, HTML, reST, and the path metadata they share) gets a
`process_metadata` that reads dates with `date_input.read_date` first, the function
`invoke check` uses, so the build and the check cannot disagree. A date it refuses makes the
reader fail, which Pelican logs as "Could not process" and the editorial plugin turns into an
error (the check has already named the file and line).

Pelican's content cache keeps what a reader returned; an entry read under other date rules
(an older version of this code) is read again rather than trusted.
"""

from collections.abc import Callable

from sitekit.date_input import read_date

DATE_KEYS = ("date", "modified")
# Change this when the reading of a date changes, so cached readings are made again.
DATE_RULES = "2: day first, yy is 20yy, ISO, UTC+7"
_RULES_KEY = "date_rules"


def read_dates_ourselves(generator) -> None:
    """Give the generator's readers our date reading, and its cache our rules' stamp."""
    readers = generator.readers
    for reader in readers.readers.values():
        reader.process_metadata = _dates_first(reader.process_metadata)
        reader.read = _stamped(reader.read)
    readers.get_cached_data = _current_rules_only(readers.get_cached_data)


def _dates_first(process: Callable) -> Callable:
    def process_metadata(name: str, value: object) -> object:
        if name in DATE_KEYS and isinstance(value, str):
            return read_date(value)
        return process(name, value)

    return process_metadata


def _stamped(read: Callable) -> Callable:
    def read_with_rules(source_path: str) -> tuple:
        content, metadata = read(source_path)
        if isinstance(metadata, dict):
            metadata[_RULES_KEY] = DATE_RULES
        return content, metadata

    return read_with_rules


def _current_rules_only(get_cached_data: Callable) -> Callable:
    def get(filename: str, default: object = None) -> object:
        found = get_cached_data(filename, default)
        if isinstance(found, tuple) and isinstance(found[1], dict) and \
                found[1].get(_RULES_KEY) != DATE_RULES:
            return default
        return found

    return get
