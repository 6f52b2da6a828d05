"""A built site as its files' bytes, for comparing two builds of the same content."""

from pathlib import Path


def files(output: Path) -> dict[str, bytes]:
    """Relative path → bytes of every file under `output`."""
    return {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()}


def comparable(output: Path) -> dict[str, bytes]:
    """`files` without those of Pagefind's that differ between two builds of the same content.

    Pagefind writes its filter lists in an order of its own (two builds into empty folders differ
    there), and the meta and entry files name them by hash.
    """
    return {name: data for name, data in files(output).items()
            if not name.startswith("pagefind/filter/") and not name.endswith(".pf_meta")
            and name != "pagefind/pagefind-entry.json"}
