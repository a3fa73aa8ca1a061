"""Entry point of ``python -m sphinx_conference``."""

import sys

from sphinx_conference.cli import main

sys.exit(main())
