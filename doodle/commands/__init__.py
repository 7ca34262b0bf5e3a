"""Subcommands of the `doodle` command; each module defines ``register(subparsers)``."""
