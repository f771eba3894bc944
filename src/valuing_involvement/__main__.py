"""Run the command-line interface: ``python -m valuing_involvement``."""

import sys

from valuing_involvement.cli import main

sys.exit(main())
