"""The harness of the generated-input tests: one example's folder, its build, the promises.

`attempt` writes a tiny content tree, copies a good site into output/ (two levels down), runs
`invoke check` and the strict build in-process (as the tasks call them) and asserts, for any
content, the promises of design §8 (Trust):
- nothing is raised but `BuildFailed`, never its internal-error kind ("Lỗi nội bộ", with
  `.output.error.log` written), and no traceback is logged;
- every problem is a sentence naming a file inside the content tree, never a Python repr;
- nothing is written outside the output folder: the swap's own sibling folders and the build
  caches (CACHE_PATH and the photo cache beside it, put in the example's cache/ folder) are the
  build's to write; nothing else in the example's folder may change;
- `output/` is byte-identical when the build refuses, a whole new site when it passes;
- a passing build's pages hold no script or event handler content brought, no Python repr;
- what `invoke check` refuses, the build refuses too.
"""

import hashlib
import html
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT
from hypothesis import HealthCheck, event, settings
from hypothesis.control import currently_in_test_context
from tiny_site import tiny_content, write_article

from sitebuild.build import BuildFailed, BuildOptions, build, check
from sitekit.problems import Problem

# Python objects printed where a sentence belongs: a list, dict or tuple of strings, a
# traceback, an exception's repr (unless the content itself held that text). `found '{'` in a
# YAML parser's words is not one.
REPR = re.compile(r"\['[^'\n]*'(?:, |\])|\{'[^'\n]*': |\('[^'\n]*', |Traceback \(|\w+Error\(")


def reprs_in(text: str, said: str) -> list[str]:
    """The Python reprs in `text` that did not come from the content (`said`)."""
    return [found for found in REPR.findall(text) if found not in said]


# A page only the good site has: a passing build must not leave it behind (output swapped whole).
OLD_ONLY = "ban-cu-chi-co-o-day"
GOOD_PAGE = "Title: Giới thiệu\nSlug: gioi-thieu\n\nTrang giới thiệu.\n"


def _examples(share: float) -> int:
    """A share of the profile's example count (conftest: `ci` on CI, `dev` elsewhere)."""
    return max(5, round(settings.default.max_examples * share))


def hostile_settings(share: float) -> settings:
    """Tiny trees built in a function's tmp_path: each example makes its own folder in it."""
    return settings(max_examples=_examples(share), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])


def good_site(root: Path) -> Path:
    """Build the tiny site with one page that no example writes (OLD_ONLY); return output/."""
    content = tiny_content(root)
    write_article(content, "bai-cu.md", raw=f"Title: Bài cũ\nSlug: {OLD_ONLY}\n"
                  "Date: 2017-02-08 16:45\nCategory: Thời sự\n\nBài của lần dựng trước.\n")
    output = root / "a" / "b" / "output"
    build(BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content, output=output,
                       extra=_cache_settings(root)))
    assert (output / OLD_ONLY / "index.html").is_file()
    return output


def _cache_settings(root: Path) -> dict:
    # No content cache carried from one example to the next; what else caches (the photos,
    # in `images` beside CACHE_PATH, as .cache/pelican and .cache/images in the repository)
    # does so inside the example's own cache/ folder, where the build may write.
    return {"LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False,
            "CACHE_PATH": str(root / "cache" / "pelican")}


@dataclass
class Trial:
    """One example's folder: content/, a/b/output/ (two levels down), cache/ and tmp/."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "a" / "b" / "output"

    def options(self) -> BuildOptions:
        return BuildOptions(settings_file=ROOT / "pelicanconf.py", content=self.content,
                            output=self.output, extra=_cache_settings(self.root))

    def allowed(self, relative: Path) -> bool:
        """The output, the swap's sibling folders (staging, old, trash, lock) and the cache.

        The internal-error log `.output.error.log` is not among them: it is checked apart.
        """
        if relative.parts[0] == "cache":
            return True
        if relative.parts[:2] == ("a", "b") and len(relative.parts) > 2:
            name = relative.parts[2]
            return name == "output" or (name.startswith(".output.")
                                        and name != ".output.error.log")
        return False


def _digest(path: Path) -> str:
    if path.is_symlink():
        return f"-> {os.readlink(path)}"
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"


def _outside(trial: Trial) -> dict[str, str]:
    """Every file and folder under the example's folder that the build must not touch."""
    found = {}
    for folder, folders, files in os.walk(trial.root):
        for name in folders + files:
            path = Path(folder, name)
            relative = path.relative_to(trial.root)
            if not trial.allowed(relative):
                found[os.fsdecode(relative)] = _digest(path)
    return found


def _snapshot(folder: Path) -> dict[str, str]:
    return {os.fsdecode(p.relative_to(folder)): _digest(p) for p in sorted(folder.rglob("*"))}


def _inside(content: Path, shown: str) -> bool:
    where = Path(shown)
    full = Path(os.path.normpath(where if where.is_absolute() else content / where))
    return (full == content or content in full.parents) and os.path.lexists(full)


def assert_sentences(problems: list, trial: Trial, said: str) -> None:
    """Each problem names a file of the content tree and reads as a sentence, not a repr."""
    for problem in problems:
        assert isinstance(problem, Problem), f"not a Problem: {problem!r}"
        text = str(problem)
        assert problem.message.strip() and problem.fix.strip(), text
        leaked = reprs_in(text, said)
        assert not leaked, f"Python repr {leaked} in: {text}"
        assert _inside(trial.content, problem.path), f"path outside content/: {text}"


class _PageScan(HTMLParser):
    """Scripts and event handlers in one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self._script: dict | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and value and \
                    "".join(value.split()).lower().startswith("javascript:"):
                self.bad.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._script, self._text = dict(attrs), ""

    def handle_data(self, data):
        if self._script is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        script, text = self._script, self._text
        self._script = None
        if script.get("type") == "application/ld+json":
            try:
                json.loads(text)
            except ValueError:
                self.bad.append(f"JSON-LD broken open: {text[:80]!r}")
        elif not (script.get("src", "").startswith("/theme/js/") and not text.strip()):
            self.bad.append(f"<script {script}>{text[:80]}")


def assert_pages_trusted(output: Path, said: str) -> None:
    """Pages a reader may trust.

    Only the theme's own scripts and parseable JSON-LD; no on* handler, no javascript: URL; no
    Python repr where content was printed (`['Một', 'Hai']` for a title written twice).
    """
    for page in output.rglob("*.html"):
        if not page.is_file():  # `Slug: a.html` is a folder a.html/ holding index.html
            continue
        text = page.read_text(encoding="utf-8")
        scan = _PageScan()
        scan.feed(text)
        scan.close()
        assert not scan.bad, f"{page.relative_to(output)}: {scan.bad}"
        shown = html.unescape(text)
        leaked = reprs_in(shown, said)
        assert not leaked, f"{page.relative_to(output)} prints a Python repr {leaked}"


@dataclass(frozen=True)
class Outcome:
    """Whether the build passed, and what `invoke check` found."""

    passed: bool
    found: list


def attempt(tmp_path: Path, good_output: Path, caplog, files: dict[str, bytes]) -> Outcome:
    """Check and build a tree of `files` (paths under content/) over a copy of the good site.

    Every promise is asserted on the way.
    """
    trial = Trial(Path(tempfile.mkdtemp(dir=tmp_path)))
    for relative, data in files.items():
        path = trial.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    shutil.copytree(good_output, trial.output, symlinks=True)
    (trial.root / "tmp").mkdir()
    said = "\n".join([*files, *(data.decode("utf-8", "replace") for data in files.values())])
    outside, before = _outside(trial), _snapshot(trial.output)
    caplog.clear()
    saved_tempdir, tempfile.tempdir = tempfile.tempdir, str(trial.root / "tmp")
    try:  # scratch folders (invoke check's, the search worker's) inside the example's folder
        found = check(trial.options())
        assert_sentences(found, trial, said)
        try:
            build(trial.options())
            passed = True
        except BuildFailed as failure:
            passed = False
            assert "Lỗi nội bộ" not in str(failure), str(failure)
            assert failure.problems, f"refused without a problem: {failure}"
            assert_sentences(failure.problems, trial, said)
    finally:
        tempfile.tempdir = saved_tempdir
    assert not trial.output.with_name(".output.error.log").exists()
    written = {k: v for k, v in _outside(trial).items() if outside.get(k) != v}
    gone = outside.keys() - _outside(trial).keys()
    assert not written and not gone, \
        f"written outside output/: {sorted(written)[:5]}, removed: {sorted(gone)[:5]}"
    traced = [r.getMessage() for r in caplog.records
              if r.exc_info or ("Traceback" in r.getMessage() and "Traceback" not in said)]
    assert not traced, traced
    if passed:
        errors = [str(p) for p in found if p.severity == "error"]
        assert not errors, f"the build passed what invoke check refused: {errors}"
        assert (trial.output / "index.html").is_file()
        assert not (trial.output / OLD_ONLY).exists(), "output/ mixes the old site and the new"
        assert_pages_trusted(trial.output, said)
    else:
        assert _snapshot(trial.output) == before, "a refused build changed output/"
    shutil.rmtree(trial.root, ignore_errors=True)
    if currently_in_test_context():  # --hypothesis-show-statistics tells the mix
        event("built" if passed else "refused")
    return Outcome(passed, found)
