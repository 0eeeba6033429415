"""`python -m frontdesk.cli …`: the command line without the window's entry point (how a desk starts its demo hub)."""

import sys

from frontdesk.cli import main

sys.exit(main())
