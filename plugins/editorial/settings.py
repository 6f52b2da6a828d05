"""Defaults for the EDITORIAL setting."""

DEFAULTS = {
    # Strict: Pelican's warnings (an unresolved link, a duplicate definition...) stop the build
    # too. `invoke build` and `invoke publish` turn it on; plain `pelican` stops on errors only.
    "strict": False,
    # Check only: read and validate everything, then stop before writing (`invoke check`).
    "check_only": False,
}


def editorial_settings(settings: dict) -> dict:
    """The EDITORIAL setting merged over its defaults."""
    return {**DEFAULTS, **settings.get("EDITORIAL", {})}
