"""The `frontdesk` command line: support and scripting over the same services as the window."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from frontdesk.cli.arguments import Parser, UsageError
from frontdesk.cli.output import EXIT_BAD_INPUT

# Each command module adds its sub-commands; the order here is the order `--help` lists them: the desk's
# data first (and its report), then reading codes from files, then the platform (sync, and the reference server).
COMMAND_MODULES = ("data_cmds", "report_cmd", "decode_cmd", "sync_cmd", "server_cmd")
# Commands that need no other command's module, built alone: `frontdesk decode` reads pictures and has no use
# for the database and sync code the others import (SQLAlchemy, Alembic, the sync client: ~1 s at every start).
STANDALONE = {"decode": "decode_cmd"}


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = Parser(
        prog="frontdesk", description="Front Desk: loyalty-program reception desk."
    )
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in modules:
        importlib.import_module(f"frontdesk.cli.{module}").register(subcommands)
    return parser


def command_names() -> set[str]:
    actions = build_parser()._subparsers
    assert actions is not None
    return {name for action in actions._group_actions for name in (action.choices or {})}


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    first = (sys.argv[1:] if argv is None else list(argv))[:1]
    modules = (STANDALONE[first[0]],) if first and first[0] in STANDALONE else COMMAND_MODULES
    try:
        args, unknown = build_parser(modules).parse_known_args(argv)
        if unknown:  # named here rather than by the top parser, so the hint points at the sub-command's help
            raise UsageError(f"unrecognized arguments: {' '.join(unknown)}", f"frontdesk {args.command}")
    except UsageError as error:  # one plain line, not usage plus an error; `--help` still prints in full
        print(error.line, file=sys.stderr)
        return EXIT_BAD_INPUT
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
