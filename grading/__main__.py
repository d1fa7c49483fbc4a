"""`python -m cop_grading` runs the cop-grade command."""

import sys

from .cli import main

sys.exit(main())
