"""Build a small site from files written inline (Hugo's integration-test style).

    root = make_site(tmp_path, {"content/stories/a/x.txt": "...", ...})
    result = build_site(root)            # in-process, returns the pipeline's BuildResult
    run_cli(root, env=...)               # a separate process: for cwd/TZ/locale checks

config.yaml is written unless given; it points layouts_dir at the repository's own theme,
so the tests exercise the real templates.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from builder.config import load_config
from builder.build.pipeline import BuildResult, build
from tests.conftest import write_tree

REPO_ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = REPO_ROOT / "layouts"


def make_site(root: Path, files: dict[str, str | bytes]) -> Path:
    files = dict(files)
    files.setdefault(
        "config.yaml",
        f"title: Hostile test\nbase_url: /\nlayouts_dir: {LAYOUTS.as_posix()!s}\n",
    )
    write_tree(root, files)
    return root


def build_site(root: Path, *, strict: bool = False) -> BuildResult:
    return build(load_config(root / "config.yaml"), strict=strict)


def run_cli(
    root: Path, *, cwd: Path | None = None, env: dict[str, str] | None = None, out: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m builder build` in a fresh interpreter, config and output given absolutely."""
    args = [sys.executable, "-m", "builder", "build", "--config", str(root / "config.yaml")]
    if out is not None:
        args += ["--out", str(out)]
    full_env = {**os.environ, **(env or {})}
    # The package is imported from this checkout whatever the cwd.
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT), *filter(None, [full_env.get("PYTHONPATH")])]
    )
    return subprocess.run(
        args, cwd=cwd or root, env=full_env, capture_output=True, text=True, timeout=300, check=False
    )


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under folder (relative POSIX path) -> sha256 of its bytes; symlinks marked."""
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "symlink:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
