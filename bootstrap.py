#!/usr/bin/env python3
"""Set up a fresh clone with nothing but Python 3.11+ and git, then serve the site or test it.

    python3 bootstrap.py serve   # .venv, install, build, serve with live reload
    python3 bootstrap.py test    # also the test tools (Chromium, Java, npm checkers), then tests
    python3 bootstrap.py publish [--remote R --branch B --cname C …]
                                 # also what the publish checks need (Java, npm checkers),
                                 # then `invoke publish` with the same arguments

Each step is skipped when already done, so running it again is quick.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
STAMP = VENV / ".installed"
# node runs Lighthouse 12 (needs Node 18.16+: Debian's nodejs 18.20 or the machine's 20).
APT_PACKAGES = {"/usr/bin/chromium": "chromium", "java": "default-jre-headless",
                "node": "nodejs", "npm": "npm"}
# Publishing runs the Nu HTML Checker only: Java, and npm to install vnu-jar. No browser.
PUBLISH_TOOLS = ("java", "node", "npm")


def say(text: str) -> None:
    print(f"==> {text}", flush=True)


def run(*command: str, **kwargs) -> None:
    subprocess.run(command, check=True, **kwargs)


def ensure_venv(extras: str, *enough: str) -> None:
    """Create .venv and install the pinned packages when pyproject.toml changed since.

    `enough`: other extras that include these (a venv set up for the tests serves a publish).
    """
    if sys.version_info < (3, 11):  # noqa: UP036 (this file runs on any python3)
        sys.exit("Cần Python 3.11 trở lên.")
    if not (BIN / "python").exists():
        say("Tạo môi trường ảo .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    project = (ROOT / "pyproject.toml").read_bytes()
    wanted = hashlib.sha256(project + extras.encode()).hexdigest()
    accepted = {hashlib.sha256(project + other.encode()).hexdigest() for other in enough}
    if STAMP.exists() and STAMP.read_text() in accepted | {wanted}:
        return
    say("Cài các gói Python (phiên bản cố định trong pyproject.toml)")
    run(str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-e", f".{extras}", cwd=ROOT)
    STAMP.write_text(wanted)


def found(probe: str) -> bool:
    """Whether a tool is installed: an absolute path exists, or a command is on PATH."""
    return Path(probe).exists() if probe.startswith("/") else shutil.which(probe) is not None


def ensure_system_tools(probes: tuple[str, ...] = tuple(APT_PACKAGES)) -> None:
    """Chromium (browser tests), Java (Nu HTML Checker), npm (Lighthouse, axe) through apt."""
    missing = [APT_PACKAGES[probe] for probe in probes if not found(probe)]
    if not missing:
        return
    say(f"Cài bằng apt: {' '.join(missing)}")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*sudo, "apt-get", "update", "-qq", env=env)
    run(*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)


def ensure_node_tools() -> None:
    """Lighthouse, vnu-jar and axe-core at the versions locked in package-lock.json."""
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".installed"
    if not lock.exists():
        return
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    say("Cài công cụ kiểm tra từ npm (package-lock.json)")
    run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", cwd=ROOT)
    stamp.write_text(wanted)


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "serve"
    if command == "serve":
        ensure_venv("")
        os.execv(str(BIN / "invoke"), [str(BIN / "invoke"), "serve"])
    elif command == "test":
        ensure_venv("[test]")
        ensure_system_tools()
        ensure_node_tools()
        os.chdir(ROOT)
        os.execv(str(BIN / "invoke"), [str(BIN / "invoke"), "test"])
    elif command == "publish":  # a fresh clone's first publish, without the test tools
        ensure_venv("", "[test]")
        ensure_system_tools(PUBLISH_TOOLS)
        ensure_node_tools()
        os.chdir(ROOT)
        os.execv(str(BIN / "invoke"), [str(BIN / "invoke"), "publish", *sys.argv[2:]])
    else:
        sys.exit(f"Lệnh không rõ: {command}. Dùng: python3 bootstrap.py serve | test | "
                 "publish [tham số của invoke publish]")


if __name__ == "__main__":
    main()
