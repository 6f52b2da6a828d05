"""A build in a long-lived process (the preview) leaves its objects to the collector.

sitebuild.build freezes the long-lived objects during a build (Python's collector then skips
them); it must unfreeze them at the end, or every build's cycles would stay for good.
"""

import gc
import weakref

from conftest import build_site
from pelican import signals
from tiny_site import tiny_content


def test_a_finished_build_can_be_collected(tmp_path):
    kept = []

    def remember(generators):
        kept.extend(weakref.ref(generator) for generator in generators)

    signals.all_generators_finalized.connect(remember)
    build_site(tmp_path / "output", content=tiny_content(tmp_path))
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert kept and all(ref() is None for ref in kept)
