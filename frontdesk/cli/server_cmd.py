"""`frontdesk server`: run the reference loyalty platform (the hub desks sync with) on uvicorn.

    server --db platform.db --port 8080 [--host 127.0.0.1] [--seed-customers N] [--seed S]
           [--add-staff NAME:PASSWORD:ROLE ...] [--import-customers FILE.csv|FILE.jsonl]
           [--remove-staff NAME ...] [--offline-window HOURS] [--request-timeout SECONDS]
           [--demo-customers N] [--idle-exit SECONDS] [--port-file FILE]

--db takes a file path (SQLite) or a SQLAlchemy URL (e.g. postgresql+psycopg://...). Staff passwords on
the command line end up in shell history: use them for demos; for a real hub, change them afterwards.
"""

from __future__ import annotations

import argparse
import socket
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from frontdesk.cli.arguments import positive_seconds, whole_number
from frontdesk.cli.output import EXIT_BAD_INPUT
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.staff import StaffRole


def _staff(text: str) -> tuple[str, str, StaffRole]:
    name, sep1, rest = text.partition(":")
    password, sep2, role = rest.rpartition(":")
    if not (sep1 and sep2 and name and password):
        raise argparse.ArgumentTypeError("use NAME:PASSWORD:ROLE (ROLE is FRONT_DESK, EMPLOYEE or ADMIN)")
    try:
        return name, password, StaffRole.parse(role)
    except FrontDeskError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("server", help="run the reference loyalty platform server")
    parser.add_argument("--db", required=True, help="SQLite file path or database URL")
    parser.add_argument(
        "--port",
        type=whole_number("a port number", minimum=0, maximum=65535),
        required=True,
        help="the port to listen on (0: any free port; see --port-file)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument(
        "--seed-customers",
        type=whole_number("a number of customers", minimum=0),
        default=0,
        metavar="N",
        help="add N demo customers",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed for the demo customers")
    parser.add_argument(
        "--add-staff", type=_staff, action="append", default=[], metavar="NAME:PASSWORD:ROLE",
        help="create or update a staff account (repeatable)",
    )  # fmt: skip
    parser.add_argument("--import-customers", metavar="FILE", help="import customers from .csv or .jsonl")
    parser.add_argument(
        "--remove-staff", action="append", default=[], metavar="NAME",
        help="remove a staff account; its sessions end at once (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--offline-window", type=whole_number("a number of hours", maximum=24 * 366), default=72, metavar="HOURS",
        help="accept changes made offline up to this many hours ago (default: 72)",
    )  # fmt: skip
    parser.add_argument(
        "--request-timeout", type=positive_seconds, default=10.0, metavar="SECONDS",
        help="close a connection whose request's headers, or body, take longer than this to arrive (default: 10)",
    )  # fmt: skip
    parser.add_argument(
        "--demo-customers", type=whole_number("a number of customers"), metavar="N",
        help="the demo hub: seed N generated customers and the demo accounts once (a seed cut off is made again)",
    )  # fmt: skip
    parser.add_argument("--idle-exit", type=positive_seconds, metavar="SECONDS",
                        help="stop by itself after this long without a request")  # fmt: skip
    parser.add_argument("--port-file", metavar="FILE", help="write the port listened on here (for --port 0)")
    parser.set_defaults(handler=run)


def _prepare(args: argparse.Namespace) -> None:
    """Schema, staff accounts, imports and demo customers, before the server starts listening."""
    from frontdesk.hub import add_staff, import_customers, make_engine, remove_staff, seed_demo
    from frontdesk.hub.db import create_schema
    from frontdesk.hub.demo import prepare_demo

    engine = make_engine(args.db)
    try:
        create_schema(engine)
        for name, password, role in args.add_staff:
            add_staff(engine, name, password, role)
            print(f"Staff account ready: {name} ({role.label})")
        for name in args.remove_staff:
            print(f"Staff account removed: {name}" if remove_staff(engine, name) else f"No staff account {name}.")
        if args.import_customers:
            print(f"Imported {import_customers(engine, args.import_customers)} customers.")
        if args.demo_customers:
            prepare_demo(Path(args.db), args.demo_customers)
        if args.seed_customers > 0:
            summary = seed_demo(engine, customers=args.seed_customers, seed=args.seed)
            print(f"Seeded {summary.users} customers and {summary.vouchers} vouchers.")
    finally:
        engine.dispose()


def _cannot_start(reason: str) -> int:
    print(f"frontdesk: Cannot start the server: {reason}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run(args: argparse.Namespace) -> int:
    # Imported here so other sub-commands start without loading the server's dependencies (the `hub` extra).
    try:
        import uvicorn

        from frontdesk.hub import create_app
        from frontdesk.hub.idle import IdleExit
        from frontdesk.hub.serving import server_config
        from frontdesk.hub.settings import HubSettings
    except ImportError:
        return _cannot_start("the hub's packages are not installed (pip install 'frontdesk[hub]').")
    listening = None
    if args.demo_customers:  # the port first: a second demo hub finds it taken before it seeds the same file
        listening = _listen_or_say(args)
        if listening is None:
            return EXIT_BAD_INPUT
    try:
        _prepare(args)
    except FrontDeskError as error:
        return _cannot_start(error.message)
    except OSError as error:  # the import file (an SQLite file that cannot be opened is an SQLAlchemyError)
        return _cannot_start(f"the file {error.filename or args.import_customers} cannot be read.")
    except ImportError:
        return _cannot_start("the database driver that --db names is not installed.")
    except SQLAlchemyError:  # the URL may hold a password: never print it
        return _cannot_start("the platform database given with --db cannot be opened or created.")
    listening = listening or _listen_or_say(args)
    if listening is None:
        return EXIT_BAD_INPUT
    settings = HubSettings(offline_window=timedelta(hours=args.offline_window), request_timeout=args.request_timeout)
    app: Any = create_app(args.db, settings=settings)
    idle = IdleExit(app, args.idle_exit) if args.idle_exit else None
    server = uvicorn.Server(server_config(app, log_level="info"))
    if idle is not None:
        server.config.app = idle
        idle.watch(server)
    if args.port_file:
        Path(args.port_file).write_text(str(listening.getsockname()[1]), encoding="utf-8")
    server.run(sockets=[listening])
    return 0


def _listen_or_say(args: argparse.Namespace) -> socket.socket | None:
    try:
        return _listen(args.host, args.port)
    except OSError as error:
        _cannot_start(f"port {args.port} on {args.host} is in use or not allowed ({error.strerror}).")
        return None


def _listen(host: str, port: int) -> socket.socket:
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY only on such sockets (else 40 ms Nagle stalls).
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    if sys.platform != "win32":  # a restarted hub may take its port back at once; on Windows this would share it
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listening.bind((host, port))
    return listening
