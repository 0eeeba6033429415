"""Front Desk launcher: `frontdesk SUBCOMMAND …` runs the command line; no sub-command opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from frontdesk.cli import STANDALONE, command_names
    from frontdesk.cli import main as cli_main
    from frontdesk.cli.arguments import not_text
    from frontdesk.cli.output import EXIT_BAD_INPUT

    unreadable = not_text(args)
    if unreadable is not None:  # one plain line, for the window's options as for a command's
        print(unreadable.line, file=sys.stderr)
        return EXIT_BAD_INPUT
    if args and (args[0] in STANDALONE or args[0] in command_names() or args[0] in {"-h", "--help"}):
        return cli_main(args)
    from ui.app import run_window  # Qt is imported only when a window is wanted

    return run_window(args)


if __name__ == "__main__":
    sys.exit(main())
