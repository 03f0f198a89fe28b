"""`python -m kaart.cli`: the same as the `kaart` command."""

import sys

from kaart.cli.main import main

sys.exit(main())
