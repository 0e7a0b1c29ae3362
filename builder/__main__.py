"""`python -m builder ...`: the command line (see builder.cli)."""

import sys

from builder.cli import main

sys.exit(main())
