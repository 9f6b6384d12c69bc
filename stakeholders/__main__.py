"""Allow `python -m stakeholders`."""

import sys

from .cli import main

sys.exit(main())
