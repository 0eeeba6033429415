"""The `frontdesk` command line: support and scripting over the same services as the window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from frontdesk.cli import data_cmds, decode_cmd, server_cmd, sync_cmd

# Each command module adds its sub-commands; the order here is the order `--help` lists them: the desk's
# data first, then reading codes from files, then the platform (sync, and the reference server).
COMMAND_MODULES = (data_cmds.register, decode_cmd.register, sync_cmd.register, server_cmd.register)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontdesk", description="Front Desk: loyalty-program reception desk.")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for register in COMMAND_MODULES:
        register(subcommands)
    return parser


def command_names() -> set[str]:
    actions = build_parser()._subparsers
    assert actions is not None
    return {name for action in actions._group_actions for name in (action.choices or {})}


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
