"""Generated content trees for benchmarks, cached under .cache/bench/ between runs."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
CACHE = ROOT / ".cache" / "bench"


def corpus(articles: int, images: int = 0, size: str = "3000x2000") -> Path:
    """A gen_corpus.py tree with that many articles; made once, then reused."""
    target = CACHE / f"corpus-{articles}a-{images}i-{size}"
    done = target / ".complete"
    if not done.exists():
        subprocess.run([sys.executable, str(GENERATOR), str(target), "--articles", str(articles),
                        "--images", str(images), "--size", size], check=True)
        done.touch()
    return target
