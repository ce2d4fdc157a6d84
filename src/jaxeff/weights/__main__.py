"""``python -m jaxeff.weights``: list the shipped model cards and verify every file."""

import sys

from jaxeff.weights import main

sys.exit(main())
