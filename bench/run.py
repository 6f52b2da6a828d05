"""Entry point of `invoke bench`: which benchmarks to run, and the exit status."""

import sys


def main(images: bool = False, edit: bool = False, search: bool = False,
         articles: int = 1000) -> None:
    """Run the chosen benchmarks (all but the images' by default); exit 1 over budget."""
    from sitebuild import console

    console.setup()
    results = []
    everything = not (images or edit or search)
    if images:
        from . import images as image_bench

        results.append(image_bench.main())
    if search or everything:
        from . import search as search_bench

        results.append(search_bench.main(articles))
    if edit or everything:
        from . import edit as edit_bench

        results.append(edit_bench.run(articles))
    if everything:
        from . import build_cost

        results.append(build_cost.run(articles))
    if not all(results):
        sys.exit(1)
