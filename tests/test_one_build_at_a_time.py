"""Builds, preview rebuilds and `invoke clean` on one output folder take turns, in real processes.

Whatever the interleaving, output/ exists and is a whole site, nobody sees a traceback, and the
next successful build leaves nothing beside output/ but the staging folder the next build writes
over (sitebuild/staging.py).
"""

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from tiny_site import tiny_content, write_article

from qa.ports import free_port

INVOKE = str(Path(sys.executable).with_name("invoke"))
ARTICLES = 300
BODY = "\n\n".join(f"Đoạn {n}: xã Thạch Hạ góp công làm đường nông thôn." for n in range(6))
WAITING = "đang ghi vào"  # in the sentence a build prints while it waits for another


def _slug(n: int) -> str:
    return f"bai-{n:03}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A few hundred articles: a build takes seconds, long enough to be caught midway."""
    content = tiny_content(tmp_path_factory.mktemp("corpus"))
    for n in range(ARTICLES):
        write_article(content, f"{_slug(n)}.md", raw=(
            f"Title: Bài thử số {n}\nSlug: {_slug(n)}\n"
            f"Date: 2017-02-{1 + n % 28:02} {n % 24:02}:00\n"
            f"Category: Thời sự\nTags: Hà Tĩnh\n\n{BODY}\n"))
    return content


def _start(log: Path, *args: str) -> subprocess.Popen:
    """`invoke ARGS` in its own process, everything it says going to `log`."""
    with log.open("w", encoding="utf-8") as sink:
        return subprocess.Popen([INVOKE, *args], cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)


def _start_build(content: Path, output: Path, log: Path) -> subprocess.Popen:
    return _start(log, "build", "--content", str(content), "--output", str(output))


def _assert_whole(output: Path) -> None:
    assert (output / "index.html").is_file()
    missing = [n for n in range(ARTICLES) if not (output / _slug(n) / "index.html").is_file()]
    assert not missing, f"{len(missing)} article pages missing, e.g. {_slug(missing[0])}"


def _assert_nothing_beside(output: Path) -> None:
    """Nothing but the staging folder; deletions run in a detached `rm`, so give it a moment."""
    deadline = time.monotonic() + 60
    kept = f".{output.name}.staging"
    while (beside := sorted(p.name for p in output.parent.glob(f".{output.name}*")
                            if p.name != kept)):
        assert time.monotonic() < deadline, f"left beside output/: {beside}"
        time.sleep(0.2)


def _wait_for_staging(build: subprocess.Popen, output: Path) -> None:
    """Until the build is writing pages into its staging folder (so it holds the lock)."""
    staging = output.with_name(f".{output.name}.staging")
    deadline = time.monotonic() + 60
    while len(list(staging.glob("bai-*"))) <= 20:
        assert build.poll() is None, "the build ended before it could be caught midway"
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.01)


def _holder(output: Path, script: str = "pass") -> tuple[subprocess.Popen, list[str]]:
    """A process that takes output/'s lock, runs `script` and sleeps; and what `script` printed."""
    code = "\n".join([
        "import time", "from pathlib import Path", "from sitebuild.lock import hold",
        f"with hold(Path({str(output)!r}), wait=5):", textwrap.indent(script, "    "),
        "    print('ready', flush=True)", "    time.sleep(120)"])
    holder = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                              encoding="utf-8")
    printed = []
    while (line := holder.stdout.readline()) != "ready\n":
        assert line, "the process holding the lock failed"
        printed.append(line)
    return holder, printed


def test_two_builds_started_together_take_turns(corpus, tmp_path):
    output = tmp_path / "output"
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    builds = [_start_build(corpus, output, log) for log in logs]
    for build in builds:
        build.wait(timeout=300)
    said = [log.read_text("utf-8") for log in logs]
    assert [build.returncode for build in builds] == [0, 0], said
    assert not any("Traceback" in text for text in said), said
    waited = [n for n, text in enumerate(said) if WAITING in text]
    assert len(waited) == 1, said  # the second one waited, and said for whom
    assert f"PID {builds[1 - waited[0]].pid}" in said[waited[0]]
    _assert_whole(output)
    _assert_nothing_beside(output)


def test_a_killed_build_is_cleared_by_the_next(corpus, tmp_path):
    output = tmp_path / "output"
    build_site(output, content=corpus)
    output.with_name(".output.error.log").write_text("an earlier internal error", "utf-8")
    killed = _start_build(corpus, output, tmp_path / "killed.log")
    _wait_for_staging(killed, output)
    killed.send_signal(signal.SIGKILL)  # no handler runs, no lock is released by us
    killed.wait(timeout=30)
    _assert_whole(output)
    after = _start_build(corpus, output, tmp_path / "after.log")
    assert after.wait(timeout=300) == 0, (tmp_path / "after.log").read_text("utf-8")
    assert WAITING not in (tmp_path / "after.log").read_text("utf-8")  # the kernel freed the lock
    _assert_whole(output)
    _assert_nothing_beside(output)


def _refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return False
    except OSError:
        return True


def test_a_preview_rebuild_waits_for_a_running_build(corpus, tmp_path):
    content = shutil.copytree(corpus, tmp_path / "content")
    before_save = shutil.copytree(corpus, tmp_path / "read-before-the-save")
    output, port = tmp_path / "output", free_port()
    serve_log = tmp_path / "serve.log"
    server = _start(serve_log, "serve", "--content", str(content), "--output", str(output),
                    "--port", str(port))
    try:
        deadline = time.monotonic() + 300
        while _refused(port):  # it listens once its first build is in output/
            assert server.poll() is None, serve_log.read_text("utf-8")
            assert time.monotonic() < deadline, "the preview server never started"
            time.sleep(0.2)
        # Another build holds output/, having read the content before the editor saves; it
        # swaps in its site only after the preview has started waiting for it.
        go = tmp_path / "go"
        holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""\
            import sys, time
            from pathlib import Path
            sys.path.insert(0, {str(ROOT / "tests")!r})
            from conftest import build_site
            from sitebuild.lock import hold
            with hold(Path({str(output)!r}), wait=5):
                print("ready", flush=True)
                while not Path({str(go)!r}).exists():
                    time.sleep(0.05)
                build_site(Path({str(output)!r}), content=Path({str(before_save)!r}))
            """)], cwd=ROOT, stdout=subprocess.PIPE, encoding="utf-8")
        assert holder.stdout.readline() == "ready\n", "the process holding the lock failed"
        edited = content / "articles" / f"{_slug(5)}.md"
        edited.write_text(edited.read_text("utf-8").replace(BODY, "Đoạn sửa trong lúc dựng."),
                          "utf-8")
        deadline = time.monotonic() + 120
        while WAITING not in serve_log.read_text("utf-8"):
            assert time.monotonic() < deadline, serve_log.read_text("utf-8")
            time.sleep(0.1)
        go.touch()
        page = output / _slug(5) / "index.html"
        deadline = time.monotonic() + 120
        while "Đoạn sửa trong lúc dựng." not in page.read_text("utf-8"):
            assert time.monotonic() < deadline, serve_log.read_text("utf-8")
            time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{_slug(5)}/") as response:
            assert "Đoạn sửa trong lúc dựng." in response.read().decode("utf-8")
        said = serve_log.read_text("utf-8")
        assert f"PID {holder.pid}" in said, said
        assert "Traceback" not in said, said
        _assert_whole(output)
    finally:
        for process in (server, locals().get("holder")):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
    _assert_nothing_beside(output)


def test_a_build_gives_up_after_waiting_with_a_sentence(tmp_path, caplog):
    from sitebuild.build import BuildFailed, BuildOptions, build

    content = tiny_content(tmp_path)
    output = tmp_path / "output"
    holder, _ = _holder(output)
    try:
        with pytest.raises(BuildFailed) as failure:
            build(BuildOptions(settings_file=ROOT / "pelicanconf.py", content=content,
                               output=output, wait=1.5))
    finally:
        holder.kill()
        holder.wait()
    said = [record.getMessage() for record in caplog.records]
    assert any(WAITING in line and f"PID {holder.pid}" in line for line in said), said
    assert f"PID {holder.pid}" in str(failure.value.problems[0])
    assert "output/ vẫn là bản tốt trước đó" in str(failure.value)
    assert not output.exists()  # nothing written while another process held the lock
    assert not output.with_name(".output.staging").exists()


def test_a_forked_worker_does_not_keep_a_killed_builds_lock(tmp_path):
    """The image pool forks: its workers must not hold output/ after the build was killed."""
    from sitebuild.lock import hold

    output = tmp_path / "output"
    holder, printed = _holder(output, textwrap.dedent("""\
        import multiprocessing
        worker = multiprocessing.get_context("fork").Process(target=time.sleep, args=(120,))
        worker.start()
        print(worker.pid, flush=True)
    """))
    worker = int(printed[0])
    holder.kill()  # SIGKILL: the worker lives on, orphaned, as a pool worker would for a while
    holder.wait()
    try:
        os.kill(worker, 0)  # still alive
        with hold(output, wait=3):
            pass
    finally:
        os.kill(worker, signal.SIGKILL)


def _locked_elsewhere(output: Path) -> bool:
    """Whether another process, given no time to wait, finds output/ locked."""
    code = "\n".join(["from pathlib import Path", "from sitebuild.lock import hold",
                      f"with hold(Path({str(output)!r}), 0): pass"])
    tried = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                           encoding="utf-8")
    assert tried.returncode == 0 or "sitebuild.lock.Busy" in tried.stderr, tried.stderr
    return tried.returncode != 0


def test_a_task_can_hold_the_lock_across_a_build_and_what_follows(tmp_path):
    """Publishing builds, then pushes what it built: nobody may rebuild in between."""
    from sitebuild.build import one_at_a_time

    output = tmp_path / "output"
    with one_at_a_time(output, wait=1):
        build_site(output, content=tiny_content(tmp_path), wait=1)  # does not wait for itself
        assert (output / "index.html").is_file()
        assert _locked_elsewhere(output)  # still ours after the build
    assert not _locked_elsewhere(output)


def test_readers_never_find_output_missing_during_swaps(tmp_path):
    from sitebuild import staging

    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("0", "utf-8")
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""\
        import os
        missing = reads = 0
        while not os.path.exists({str(stop)!r}):
            reads += 1
            try:
                os.stat({str(output / "index.html")!r})
            except FileNotFoundError:
                missing += 1
        print(missing, reads)
    """)], stdout=subprocess.PIPE, encoding="utf-8")
    for n in range(1, 400):
        target = staging.prepare(output)
        (target / "index.html").write_text(str(n), "utf-8")
        staging.swap_in(target, output)
    stop.touch()
    missing, reads = map(int, reader.communicate(timeout=30)[0].split())
    assert reads > 1000 and missing == 0, f"output/ was missing {missing} times in {reads} reads"
    assert (output / "index.html").read_text("utf-8") == "399"


def test_without_an_atomic_exchange_two_renames_still_swap_whole(tmp_path, monkeypatch):
    """macOS, or a file system without RENAME_EXCHANGE: the fallback replaces the site too."""
    from sitebuild import staging

    monkeypatch.setattr(staging, "_exchange", lambda first, second: False)
    output = tmp_path / "output"
    for n in range(2):
        target = staging.prepare(output)
        (target / "index.html").write_text(str(n), "utf-8")
        staging.swap_in(target, output)
    assert (output / "index.html").read_text("utf-8") == "1"
    _assert_nothing_beside(output)


def test_clean_removes_every_leftover(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("tasks", ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    monkeypatch.setattr("sitebuild.console.setup", lambda verbose=False: None)  # keep pytest's logs
    output = tmp_path / "output"
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    monkeypatch.setattr(tasks, "OUTPUT", output)
    for folder in (output, tmp_path / ".output.staging", tmp_path / ".output.old.1-ab.trash"):
        (folder / "bai").mkdir(parents=True)
    (tmp_path / ".output.error.log").write_text("lỗi cũ", "utf-8")
    tasks.clean.body(None)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
