"""The `frontdesk` command line: support and scripting over the same services as the window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from frontdesk.cli import data_cmds, decode_cmd, report_cmd, server_cmd, sync_cmd
from frontdesk.cli.arguments import Parser, UsageError
from frontdesk.cli.output import EXIT_BAD_INPUT

# Each command module adds its sub-commands; the order here is the order `--help` lists them: the desk's
# data first (and its report), then reading codes from files, then the platform (sync, and the reference server).
COMMAND_MODULES = (data_cmds.register, report_cmd.register, decode_cmd.register, sync_cmd.register, server_cmd.register)


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = Parser(
        prog="frontdesk", description="Front Desk: loyalty-program reception desk."
    )
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
    try:
        args, unknown = build_parser().parse_known_args(argv)
        if unknown:  # named here rather than by the top parser, so the hint points at the sub-command's help
            raise UsageError(f"unrecognized arguments: {' '.join(unknown)}", f"frontdesk {args.command}")
    except UsageError as error:  # one plain line, not usage plus an error; `--help` still prints in full
        print(error.line, file=sys.stderr)
        return EXIT_BAD_INPUT
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
