"""`python -m builder` run by a Python without the project's dependencies says what is
missing and how to set up, instead of a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# lxml made unimportable in this interpreter, as in a Python the project was never installed in.
WITHOUT_LXML = ("import runpy, sys; sys.modules['lxml'] = None; sys.argv = ['builder', 'build'];"
                " runpy.run_module('builder', run_name='__main__')")


def test_a_missing_dependency_is_named_with_the_way_to_set_up(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", WITHOUT_LXML], cwd=tmp_path, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": ""}, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "the package 'lxml' is not installed" in done.stderr
    assert "make site" in done.stderr
