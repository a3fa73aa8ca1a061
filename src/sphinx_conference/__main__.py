"""Entry point of ``python -m sphinx_conference``."""

import sys

from .cli import main

sys.exit(main())
