"""`python -m builder ...`: the command line (see builder.cli)."""

import sys

try:
    from builder.cli import main
except ModuleNotFoundError as missing:
    # Run by a Python without the project's dependencies (not the .venv `make site` sets
    # up): say what is missing and how to set up, not a traceback.
    package = (missing.name or "").split(".")[0]
    if package and package != "builder":
        sys.exit(f"builder: the package '{package}' is not installed for {sys.executable}.\n"
                 "Set up with `make site` (it creates .venv) and run `.venv/bin/python -m builder"
                 " ...`, or install the project into this Python with `pip install -e .`.")
    raise

sys.exit(main())
