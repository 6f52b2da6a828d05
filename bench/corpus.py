"""Generated content trees for benchmarks, cached under .cache/bench/ between runs."""

from pathlib import Path

from .gen_corpus import generate, parse_size

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench"
GENERATOR_VERSION = 2  # bump when gen_corpus.py writes other content: cached trees are remade


def corpus(articles: int, images: int = 0, size: str = "3000x2000") -> Path:
    """A gen_corpus.py tree with that many articles; made once, then reused."""
    target = CACHE / f"corpus-v{GENERATOR_VERSION}-{articles}a-{images}i-{size}"
    done = target / ".complete"
    if not done.exists():
        generate(target, articles=articles, images=images, size=parse_size(size))
        done.touch()
    return target
