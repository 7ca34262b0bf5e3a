"""`python -m doodle`: the same entry point as the `doodle` command."""

from doodle.cli import main

raise SystemExit(main())
